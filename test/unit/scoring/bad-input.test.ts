/**
 * Bad input where a number is expected: each case gives a clear result, never a throw, never a
 * silent 0, and a breakdown that survives JSON. (Other bad inputs are tested beside their
 * feature: unknown options and dates in inputs.test.ts, divisors, confidence and the strategic
 * weight in models.test.ts, configurations in config.test.ts, formulas in formula.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { compileScoring } from '../../../src/domain/scoring/index';
import type { ScoreResult, ScoringConfigInput } from '../../../src/domain/scoring/index';

const config: ScoringConfigInput = {
  model: {
    type: 'wsjf',
    inputs: {
      businessValue: { kind: 'number', fieldId: 'bv' },
      timeCriticality: { kind: 'number', fieldId: 'tc' },
      riskReduction: { kind: 'number', fieldId: 'rr' },
      jobSize: { kind: 'number', fieldId: 'customfield_10016' },
    },
  },
  multiplyByStrategicWeight: false,
};
const scoring = compileScoring(config);
const good = { bv: 8, tc: 13, rr: 3, customfield_10016: 5 };

function scoreWith(bv: unknown): ScoreResult {
  const fields: Record<string, unknown> = { ...good, bv };
  if (bv === ABSENT) delete fields.bv;
  return scoring.score(fields);
}

const ABSENT = Symbol('absent');

function cyclic(): unknown {
  const node: Record<string, unknown> = { value: 'x' };
  node.self = node;
  return node;
}

/** The breakdown goes to the browser: it must come back from JSON exactly as it left. */
function expectJsonSafe(result: ScoreResult): void {
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
}

describe('a bad value where a number is expected', () => {
  it.each<[string, unknown, 'invalid' | 'missing', string, unknown]>([
    ['a string', '5', 'invalid', 'expected a number, got text "5"', '5'],
    ['an empty string', '', 'invalid', 'expected a number, got text ""', ''],
    ['an object', { value: 5 }, 'invalid', 'expected a number, got an object', { value: 5 }],
    ['an array', [5], 'invalid', 'expected a number, got a list of 1', [5]],
    ['a boolean', true, 'invalid', 'expected a number, got the boolean true', true],
    ['NaN', Number.NaN, 'invalid', 'expected a number, got NaN', 'NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, 'invalid', 'expected a number, got Infinity', 'Infinity'],
    ['-Infinity', Number.NEGATIVE_INFINITY, 'invalid', 'expected a number, got -Infinity', '-Infinity'],
    ['a bigint', 5n, 'invalid', 'expected a number, got a bigint', '5'],
    ['a function', () => 5, 'invalid', 'expected a number, got a function', '[function]'],
    ['a Date', new Date(0), 'invalid', 'expected a number, got an object', {}],
    ['null (an unset field)', null, 'missing', 'not set', null],
    ['undefined', undefined, 'missing', 'this issue has no such field in Jira (it is not on the screens of its project or issue type)', null],
    ['an absent field', ABSENT, 'missing', 'this issue has no such field in Jira (it is not on the screens of its project or issue type)', null],
  ])('%s', (_what, bv, status, reason, raw) => {
    let result: ScoreResult | undefined;
    expect(() => (result = scoreWith(bv))).not.toThrow();
    if (result === undefined) return;
    expect(result.status).toBe(status === 'invalid' ? 'invalid' : 'incomplete');
    expect('score' in result).toBe(false);
    const problems = status === 'invalid' && result.status === 'invalid' ? result.invalid : result.status !== 'scored' ? result.missing : [];
    expect(problems).toEqual([{ input: 'businessValue', label: 'Business value', fieldId: 'bv', reason }]);
    expect(result.breakdown[0]).toEqual({ input: 'businessValue', label: 'Business value', fieldId: 'bv', raw, status, used: null, weight: null, contribution: null, role: 'addend', note: reason });
    // The other inputs are still shown with their values: the sidebar explains what is there.
    expect(result.breakdown.slice(1).map((line) => line.used)).toEqual([13, 3, 5]);
    expectJsonSafe(result);
  });

  it('a cycle, a 5 MB string and a 100,000-item list come back bounded and JSON-safe', () => {
    for (const bv of [cyclic(), 'x'.repeat(5_000_000), Array.from({ length: 100_000 }, (_, i) => i)]) {
      const result = scoreWith(bv);
      expect(result.status).toBe('invalid');
      expect(JSON.stringify(result).length).toBeLessThan(20_000);
      expectJsonSafe(result);
    }
  });

  it('1e308 is accepted as an input (it is a finite number Jira can store) …', () => {
    const result = scoreWith(1e308);
    expect(result).toMatchObject({ status: 'scored', score: (1e308 + 13 + 3) / 5 });
    expect(result.breakdown[0]).toMatchObject({ raw: 1e308, used: 1e308 });
    expectJsonSafe(result);
  });

  it('… but a score that overflows is invalid, with the reason: never Infinity', () => {
    const result = scoring.score({ ...good, bv: 1e308, tc: 1e308 });
    expect(result).toEqual({
      status: 'invalid',
      invalid: [{ input: 'score', label: 'Score', fieldId: null, reason: 'the score is too large to be a number (overflow): check the inputs for extreme values' }],
      missing: [],
      breakdown: expect.any(Array) as unknown,
    });
    expect(scoring.score({ ...good, bv: Number.MAX_VALUE, customfield_10016: 0.5 }).status).toBe('invalid');
    expectJsonSafe(result);
  });

  it('several bad inputs are all named at once, missing ones too', () => {
    const result = scoring.score({ bv: 'high', tc: null, rr: Number.NaN, customfield_10016: 0 });
    expect(result).toMatchObject({
      status: 'invalid',
      invalid: [
        { input: 'businessValue', reason: 'expected a number, got text "high"' },
        { input: 'riskReduction', reason: 'expected a number, got NaN' },
        { input: 'jobSize', reason: 'Job size divides the score, so it must be above 0; got 0' },
      ],
      missing: [{ input: 'timeCriticality', reason: 'not set' }],
    });
  });
});

describe('issue fields that are not an object', () => {
  it.each([null, undefined, [], 'fields', 42])('%j: every input missing, named', (fields) => {
    const result = scoring.score(fields as unknown as Record<string, unknown>);
    expect(result.status).toBe('incomplete');
    if (result.status !== 'incomplete') return;
    expect(result.missing.map((problem) => [problem.input, problem.reason])).toEqual([
      ['businessValue', 'the issue has no fields'],
      ['timeCriticality', 'the issue has no fields'],
      ['riskReduction', 'the issue has no fields'],
      ['jobSize', 'the issue has no fields'],
    ]);
  });

  it('fields named like object internals are just absent', () => {
    const tricky = compileScoring({ ...config, model: { type: 'value-effort', inputs: { value: { kind: 'number', fieldId: 'valueOf_' }, effort: { kind: 'number', fieldId: 'e' } } } });
    expect(tricky.score(JSON.parse('{"__proto__": {"valueOf_": 5}, "e": 1}') as Record<string, unknown>).status).toBe('incomplete');
  });
});
