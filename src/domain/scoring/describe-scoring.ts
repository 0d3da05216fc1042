/**
 * The scoring formula in words, for the sidebar ("(Business value + Time criticality + Risk
 * reduction) ÷ Job size") and the settings page, without compiling a scorer.
 */
import { parseScoringConfig } from './config';
import type { ScoringConfigInput } from './config';
import type { ReadState } from './input-readers';
import { FormulaConfigError, planModel } from './models';

export interface ScoringDescription {
  readonly modelName: string;
  readonly formula: string;
}

/** The model's name and its formula in words; undefined when the configuration is invalid. */
export function describeScoring(config: ScoringConfigInput): ScoringDescription | undefined {
  const parsed = parseScoringConfig(config);
  if (!parsed.ok) return undefined;
  const state: ReadState = { raw: undefined, problem: 'missing', reason: '', today: Number.NaN, todayText: '' };
  try {
    const plan = planModel(parsed.config, state);
    return { modelName: plan.name, formula: plan.description };
  } catch (error: unknown) {
    if (error instanceof FormulaConfigError) return undefined;
    throw error;
  }
}
