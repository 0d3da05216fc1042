/**
 * The custom formula language, as the settings page and the scorer use it: check a formula
 * while it is typed, compile it once per configuration, and say it in words.
 */
import { compileFormula } from './formula-compiler';
import type { FormulaProgram } from './formula-compiler';
import { parseFormula } from './formula-parser';
import type { FormulaNode } from './formula-parser';
import type { FormulaError } from './formula-screen';
import { formulaInWords } from './formula-words';

export type FormulaCheck = { ok: true; usedInputs: string[] } | { ok: false; errors: FormulaError[] };

/**
 * Checks `text` against the declared `inputNames` without compiling it: for the settings page,
 * on every keystroke. Never throws; errors carry a position and what was expected there.
 */
export function checkFormula(text: string, inputNames: readonly string[]): FormulaCheck {
  const parsed = parseFormula(text, inputNames);
  return parsed.ok ? { ok: true, usedInputs: parsed.usedInputs } : { ok: false, errors: parsed.errors };
}

export interface CompiledFormula extends FormulaProgram {
  readonly text: string;
  readonly tree: FormulaNode;
  /** The formula for people, with each input's label: "(Business value + Time criticality) ÷ Job size". */
  inWords(labelOf?: (name: string) => string): string;
}

export type FormulaCompilation = { ok: true; formula: CompiledFormula } | { ok: false; errors: FormulaError[] };

export function compileFormulaText(text: string, inputNames: readonly string[]): FormulaCompilation {
  const parsed = parseFormula(text, inputNames);
  if (!parsed.ok) return parsed;
  const program = compileFormula(text, parsed.tree, parsed.usedInputs);
  const tree = parsed.tree;
  return {
    ok: true,
    formula: {
      text,
      tree,
      usedInputs: program.usedInputs,
      run: program.run,
      faultReason: program.faultReason,
      inWords: (labelOf = (name) => name) => formulaInWords(tree, labelOf),
    },
  };
}
