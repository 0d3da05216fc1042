/** Properties over many generated inputs (fast-check): no NaN, no Infinity, no throw, no silent score. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFormula, compileFormulaText, compileScoring } from '../../../src/domain/scoring/index';
import type { ScoreResult, ScoringConfigInput } from '../../../src/domain/scoring/index';

const WSJF: ScoringConfigInput = {
  model: {
    type: 'wsjf',
    inputs: {
      businessValue: { kind: 'number', fieldId: 'bv' },
      timeCriticality: { kind: 'date', fieldId: 'due' },
      riskReduction: { kind: 'select', fieldId: 'rr', options: { Low: 1, High: 13 } },
      jobSize: { kind: 'number', fieldId: 'js' },
    },
  },
};
const scoring = compileScoring(WSJF);

/** Values a field may hold: good ones, and everything Jira (or a bug) might send instead. */
const anyNumberish = fc.oneof(
  fc.double(), // includes NaN, ±Infinity, −0, extremes
  fc.integer({ min: -20, max: 20 }),
  fc.constantFrom(null, undefined, '5', true, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE),
  fc.anything(),
);
const anyOption = fc.oneof(fc.constantFrom({ value: 'Low', id: '1' }, { value: 'High', id: '2' }, { value: 'Other', id: '3' }, [], null), fc.anything());
const anyDate = fc.oneof(fc.constantFrom('2024-05-01', '2024-02-29', '2023-02-29', 'soon', null), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.anything());
const anyWeight = fc.oneof(fc.constant(undefined), fc.double(), fc.anything());

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

describe('scoring any input', () => {
  it('never throws, never answers NaN or Infinity, and scores only when every input is valid', () => {
    fc.assert(
      fc.property(anyNumberish, anyDate, anyOption, anyNumberish, anyWeight, (bv, due, rr, js, strategicWeight) => {
        const result: ScoreResult = scoring.score({ bv, due, rr, js }, { today: '2024-05-01', strategicWeight: strategicWeight as number });
        if (result.status === 'scored') {
          expect(Number.isFinite(result.score)).toBe(true);
          expect(result.breakdown.every((line) => line.status === 'ok')).toBe(true);
          expect(isFiniteNumber(bv) && isFiniteNumber(js) && js > 0).toBe(true);
        } else {
          const named = result.status === 'invalid' ? [...result.invalid, ...result.missing] : result.missing;
          expect(named.length).toBeGreaterThan(0);
        }
        // Always a breakdown, one line per input, and JSON-safe.
        expect(result.breakdown).toHaveLength(5);
        expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      }),
      { numRuns: 2_000 },
    );
  });

  it('scored ⇔ all inputs valid (bounded values, where the arithmetic cannot overflow)', () => {
    const valid = fc.record({
      bv: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      due: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      rr: fc.constantFrom({ value: 'Low' }, { value: 'High' }),
      js: fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
    });
    const breakOne = fc.constantFrom('bv', 'due', 'rr', 'js').chain((key) =>
      fc.constantFrom<unknown>(null, 'x', Number.NaN, { value: 'Nope' }, -1, 0, [], 'not a date').map((bad) => ({ key, bad })),
    );
    fc.assert(
      fc.property(valid, fc.option(breakOne), (fields, broken) => {
        const issue: Record<string, unknown> = { ...fields };
        if (broken !== null) issue[broken.key] = broken.bad;
        const result = scoring.score(issue, { today: '2024-05-01', strategicWeight: 1 });
        const stillValid =
          broken === null ||
          (broken.key === 'bv' && typeof broken.bad === 'number' && Number.isFinite(broken.bad)) ||
          (broken.key === 'js' && typeof broken.bad === 'number' && broken.bad > 0);
        expect(result.status === 'scored').toBe(stillValid);
      }),
      { numRuns: 2_000 },
    );
  });
});

// ------------------------------------------------------------------ formulas
type Tree =
  | { kind: 'num'; value: number }
  | { kind: 'input'; name: 'a' | 'b' | 'c' }
  | { kind: 'neg'; operand: Tree }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/' | '^' | '<' | '>=' | '==' | '!='; left: Tree; right: Tree }
  | { kind: 'call'; fn: 'min' | 'max' | 'abs' | 'round' | 'sqrt' | 'log' | 'if'; args: Tree[] };

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('num' as const), value: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom(0.5, 2.25, 1e300)) }),
    fc.record({ kind: fc.constant('input' as const), name: fc.constantFrom('a' as const, 'b' as const, 'c' as const) }),
    fc.record({ kind: fc.constant('neg' as const), operand: tie('tree') }),
    fc.record({ kind: fc.constant('bin' as const), op: fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const, '^' as const, '<' as const, '>=' as const, '==' as const, '!=' as const), left: tie('tree'), right: tie('tree') }),
    fc.record({ kind: fc.constant('call' as const), fn: fc.constantFrom('abs' as const, 'round' as const, 'sqrt' as const, 'log' as const), args: fc.tuple(tie('tree')) }),
    fc.record({ kind: fc.constant('call' as const), fn: fc.constantFrom('min' as const, 'max' as const), args: fc.array(tie('tree'), { minLength: 2, maxLength: 4 }) }),
    fc.record({ kind: fc.constant('call' as const), fn: fc.constant('if' as const), args: fc.tuple(tie('tree'), tie('tree'), tie('tree')) }),
  ),
})).tree;

/** Fully parenthesised text: the parse is unambiguous, so only evaluation is under test. */
function text(node: Tree): string {
  switch (node.kind) {
    case 'num':
      return String(node.value);
    case 'input':
      return node.name;
    case 'neg':
      return `-(${text(node.operand)})`;
    case 'bin':
      return `(${text(node.left)}) ${node.op} (${text(node.right)})`;
    case 'call':
      return `${node.fn}(${node.args.map(text).join(', ')})`;
  }
}

/** The language's meaning, written plainly: any non-finite step fails the whole formula (NaN). */
function reference(node: Tree, env: Record<string, number>): number {
  const finite = (x: number): number => (Number.isFinite(x) ? x : Number.NaN);
  switch (node.kind) {
    case 'num':
      return node.value;
    case 'input':
      return env[node.name] ?? Number.NaN;
    case 'neg':
      return -reference(node.operand, env);
    case 'bin': {
      const l = reference(node.left, env);
      const r = reference(node.right, env);
      if (Number.isNaN(l) || Number.isNaN(r)) return Number.NaN;
      switch (node.op) {
        case '+': return finite(l + r);
        case '-': return finite(l - r);
        case '*': return finite(l * r);
        case '/': return finite(l / r);
        case '^': return finite(l ** r);
        case '<': return l < r ? 1 : 0;
        case '>=': return l >= r ? 1 : 0;
        case '==': return l === r ? 1 : 0;
        case '!=': return l !== r ? 1 : 0;
      }
      break;
    }
    case 'call': {
      if (node.fn === 'if') {
        const [c, t, e] = node.args as [Tree, Tree, Tree];
        const condition = reference(c, env);
        if (Number.isNaN(condition)) return Number.NaN;
        return reference(condition !== 0 ? t : e, env);
      }
      const args = node.args.map((arg) => reference(arg, env));
      if (args.some(Number.isNaN)) return Number.NaN;
      const [x] = args as [number];
      switch (node.fn) {
        case 'min': return Math.min(...args);
        case 'max': return Math.max(...args);
        case 'abs': return Math.abs(x);
        case 'round': return x < 0 ? -Math.round(-x) : Math.round(x);
        case 'sqrt': return x >= 0 ? Math.sqrt(x) : Number.NaN;
        case 'log': return x > 0 ? Math.log(x) : Number.NaN;
      }
    }
  }
  return Number.NaN;
}

function run(formula: string, env: Record<string, number>): number {
  const compiled = compileFormulaText(formula, ['a', 'b', 'c']);
  if (!compiled.ok) throw new Error(`${formula}: ${compiled.errors.map((e) => e.message).join('; ')}`);
  return compiled.formula.run(Float64Array.from(compiled.formula.usedInputs.map((name) => env[name] ?? Number.NaN)));
}

const env = fc.record({ a: fc.integer({ min: -10, max: 10 }), b: fc.double({ min: -100, max: 100, noNaN: true }), c: fc.constantFrom(0, 1, 2, -3, 1e200) });

describe('formulas', () => {
  it('compiled formulas evaluate as the language says, failing (NaN, never Infinity) exactly when a step fails', () => {
    fc.assert(
      fc.property(tree, env, (node, values) => {
        const formula = text(node);
        fc.pre(formula.length <= 2_000 && checkFormula(formula, ['a', 'b', 'c']).ok);
        const expected = reference(node, values);
        const actual = run(formula, values);
        if (Number.isNaN(expected)) expect(actual).toBeNaN();
        else expect(actual).toBe(expected);
      }),
      { numRuns: 1_000 },
    );
  });

  it('the formula in words, read back as a formula, means the same: precedence and associativity round-trip', () => {
    const arithmetic: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        fc.record({ kind: fc.constant('num' as const), value: fc.integer({ min: 1, max: 9 }) }),
        fc.record({ kind: fc.constant('input' as const), name: fc.constantFrom('a' as const, 'b' as const, 'c' as const) }),
        fc.record({ kind: fc.constant('neg' as const), operand: tie('tree') }),
        fc.record({ kind: fc.constant('bin' as const), op: fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const, '^' as const), left: tie('tree'), right: tie('tree') }),
      ),
    })).tree;
    fc.assert(
      fc.property(arithmetic, env, (node, values) => {
        const formula = text(node);
        const compiled = compileFormulaText(formula, ['a', 'b', 'c']);
        fc.pre(compiled.ok); // narrows: only formulas within the limits are generated anyway
        const words = compiled.formula.inWords();
        const again = run(words, values);
        const original = run(formula, values);
        if (Number.isNaN(original)) expect(again).toBeNaN();
        else expect(again).toBe(original);
      }),
      { numRuns: 1_000 },
    );
  });

  it('checkFormula never throws, whatever the text', () => {
    const formulaish = fc.stringMatching(/^[ab()+\-*/^<>=!,.\d\s[\]'"?:a-z×÷−]{0,60}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), formulaish), (formula) => {
        const check = checkFormula(formula, ['a', 'b']);
        if (!check.ok) {
          for (const error of check.errors) {
            expect(error.index).toBeGreaterThanOrEqual(0);
            expect(error.index).toBeLessThanOrEqual(formula.length);
            expect(error.column).toBeGreaterThanOrEqual(1);
            expect(error.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 3_000 },
    );
  });
});
