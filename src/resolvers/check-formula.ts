import { z } from 'zod';
import { checkFormula } from '../domain/scoring';
import { resolverOf } from './envelope';

// Generous bounds: the formula checker itself reports the 2,000-character limit at its position;
// these only keep a forged payload from making the function do unbounded work.
const payloadSchema = z.object({
  formula: z.string().max(100_000),
  inputNames: z.array(z.string().max(200)).max(100),
});

export const checkFormulaResolver = resolverOf(payloadSchema, ({ formula, inputNames }) => checkFormula(formula, inputNames));
