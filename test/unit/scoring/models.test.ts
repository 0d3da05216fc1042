/**
 * The models exactly as PRODUCT.md defines them, with the worked examples their own sources
 * publish, and the breakdown every result carries.
 */
import { describe, expect, it } from 'vitest';
import { compileScoring, formatRank, rankOf } from '../../../src/domain/scoring/index';
import type { BreakdownLine, InputSourceInput, ScoreResult, ScoringConfigInput, ScoringContext } from '../../../src/domain/scoring/index';

const number = (fieldId: string, label?: string): InputSourceInput => (label === undefined ? { kind: 'number', fieldId } : { kind: 'number', fieldId, label });

function scoreOf(config: ScoringConfigInput, fields: Record<string, unknown>, context?: ScoringContext): ScoreResult {
  const scoring = compileScoring(config);
  expect(scoring.configErrors).toEqual([]);
  return scoring.score(fields, context);
}

function scored(result: ScoreResult): number {
  if (result.status !== 'scored') throw new Error(`expected a score, got ${JSON.stringify(result)}`);
  return result.score;
}

function line(result: ScoreResult, input: string): BreakdownLine {
  const found = result.breakdown.find((candidate) => candidate.input === input);
  if (found === undefined) throw new Error(`no breakdown line for ${input}`);
  return found;
}

const sumOfContributions = (result: ScoreResult): number => result.breakdown.reduce((sum, l) => sum + (l.contribution ?? 0), 0);

const WSJF: ScoringConfigInput = {
  model: {
    type: 'wsjf',
    inputs: { businessValue: number('bv'), timeCriticality: number('tc'), riskReduction: number('rr'), jobSize: number('js') },
  },
  multiplyByStrategicWeight: false,
};

describe('WSJF: (business value + time criticality + risk reduction/opportunity enablement) / job size', () => {
  it('SAFe "WSJF" article (Scaled Agile Framework site): cost of delay = user-business value + time criticality + RR|OE, ÷ job size, relative Fibonacci values', () => {
    // The article's method: score each column relatively on the modified Fibonacci scale
    // (1, 2, 3, 5, 8, 13, 20), the smallest item in each column at 1, then WSJF = CoD / job size.
    // The figures below follow that method (illustrative values, not a copy of the article's table).
    const features = {
      A: { bv: 8, tc: 13, rr: 3, js: 5 }, // CoD 24 → 24 / 5 = 4.8
      B: { bv: 20, tc: 2, rr: 1, js: 13 }, // CoD 23 → 23 / 13 ≈ 1.769
      C: { bv: 1, tc: 1, rr: 20, js: 1 }, // CoD 22 → 22 / 1 = 22
    };
    const scores = Object.fromEntries(Object.entries(features).map(([name, fields]) => [name, scored(scoreOf(WSJF, fields))]));
    expect(scores).toEqual({ A: 4.8, B: 23 / 13, C: 22 });
    // Weighted shortest job first: the small job with a high cost of delay goes first.
    const all = Object.values(scores);
    expect(formatRank(rankOf(scores.C!, all))).toBe('#1 of 3, top 34%');
    expect(rankOf(scores.B!, all)).toEqual({ rank: 3, of: 3, topPercent: 100 });
  });

  it('the breakdown names every input with its field, raw and used value and contribution', () => {
    const result = scoreOf({ ...WSJF, multiplyByStrategicWeight: true }, { bv: 8, tc: 13, rr: 3, js: 5 }, { strategicWeight: 1.5 });
    expect(scored(result)).toBeCloseTo(7.2, 12);
    expect(result.breakdown).toEqual([
      { input: 'businessValue', label: 'Business value', fieldId: 'bv', raw: 8, status: 'ok', used: 8, weight: null, contribution: expect.closeTo(2.4, 12) as unknown, role: 'addend', note: null },
      { input: 'timeCriticality', label: 'Time criticality', fieldId: 'tc', raw: 13, status: 'ok', used: 13, weight: null, contribution: expect.closeTo(3.9, 12) as unknown, role: 'addend', note: null },
      { input: 'riskReduction', label: 'Risk reduction', fieldId: 'rr', raw: 3, status: 'ok', used: 3, weight: null, contribution: expect.closeTo(0.9, 12) as unknown, role: 'addend', note: null },
      { input: 'jobSize', label: 'Job size', fieldId: 'js', raw: 5, status: 'ok', used: 5, weight: null, contribution: null, role: 'divisor', note: null },
      { input: 'strategicWeight', label: 'Strategic weight', fieldId: null, raw: 1.5, status: 'ok', used: 1.5, weight: null, contribution: null, role: 'multiplier', note: null },
    ]);
    expect(sumOfContributions(result)).toBeCloseTo(7.2, 12);
  });

  it('risk reduction and opportunity enablement may be scored apart, then added', () => {
    const config: ScoringConfigInput = {
      model: { type: 'wsjf', inputs: { businessValue: number('bv'), timeCriticality: number('tc'), riskReduction: number('rr'), opportunityEnablement: number('oe'), jobSize: number('js') } },
      multiplyByStrategicWeight: false,
    };
    expect(scored(scoreOf(config, { bv: 8, tc: 13, rr: 3, oe: 5, js: 5 }))).toBe(29 / 5);
    expect(compileScoring(config).description).toBe('(Business value + Time criticality + Risk reduction + Opportunity enablement) ÷ Job size');
  });

  it('a job size of 0 or below is an invalid input, never Infinity', () => {
    for (const js of [0, -0, -1]) {
      const result = scoreOf(WSJF, { bv: 8, tc: 13, rr: 3, js });
      expect(result).toMatchObject({ status: 'invalid', invalid: [{ input: 'jobSize', label: 'Job size', fieldId: 'js', reason: expect.stringContaining('must be above 0') as unknown }] });
      expect(line(result, 'jobSize')).toMatchObject({ status: 'invalid', used: null, raw: js === 0 ? 0 : js }); // −0 is shown as 0, as JSON would
    }
  });

  it('labels come from the configuration when given', () => {
    const config: ScoringConfigInput = { ...WSJF, model: { type: 'wsjf', inputs: { businessValue: number('bv', 'User-business value'), timeCriticality: number('tc'), riskReduction: number('rr', 'RR | OE'), jobSize: number('js', 'Story points') } } };
    expect(compileScoring(config).description).toBe('(User-business value + Time criticality + RR | OE) ÷ Story points');
  });
});

describe('RICE: reach × impact × confidence / effort', () => {
  const RICE: ScoringConfigInput = {
    model: {
      type: 'rice',
      inputs: {
        reach: number('reach'),
        // Intercom's scales, as option tables: impact 3 massive … 0.25 minimal; confidence 100 / 80 / 50 %.
        impact: { kind: 'select', fieldId: 'impact', options: { Massive: 3, High: 2, Medium: 1, Low: 0.5, Minimal: 0.25 } },
        confidence: { kind: 'select', fieldId: 'confidence', options: { High: 100, Medium: 80, Low: 50 } },
        effort: number('effort'),
      },
    },
    multiplyByStrategicWeight: false,
  };

  it('Intercom, "RICE: Simple prioritization for product managers" (Sean McBride): 500 customers/quarter × impact 2 × 80% ÷ 2 person-months = 400', () => {
    // Checked by hand: 500 × 2 = 1,000; × 0.8 = 800; ÷ 2 = 400.
    const result = scoreOf(RICE, { reach: 500, impact: { value: 'High', id: '1' }, confidence: { value: 'Medium', id: '2' }, effort: 2 });
    expect(scored(result)).toBe(400);
    expect(line(result, 'confidence')).toMatchObject({ raw: { value: 'Medium', id: '2' }, used: 0.8, role: 'factor', contribution: null });
    expect(line(result, 'effort')).toMatchObject({ used: 2, role: 'divisor' });
    expect(compileScoring(RICE).description).toBe('Reach × Impact × Confidence ÷ Effort');
  });

  it('confidence is a percentage: 80 means 0.8; 0 and 100 are the bounds; outside them it is invalid', () => {
    const numeric: ScoringConfigInput = { model: { type: 'rice', inputs: { reach: number('r'), impact: number('i'), confidence: number('c'), effort: number('e') } }, multiplyByStrategicWeight: false };
    expect(scored(scoreOf(numeric, { r: 500, i: 2, c: 80, e: 2 }))).toBe(400);
    expect(scored(scoreOf(numeric, { r: 500, i: 2, c: 100, e: 2 }))).toBe(500);
    expect(scored(scoreOf(numeric, { r: 500, i: 2, c: 0, e: 2 }))).toBe(0);
    for (const c of [100.5, 120, -1, -0.001]) {
      expect(scoreOf(numeric, { r: 500, i: 2, c, e: 2 })).toMatchObject({
        status: 'invalid',
        invalid: [{ input: 'confidence', reason: expect.stringContaining('a confidence is a percentage from 0 to 100') as unknown }],
      });
    }
  });

  it('an effort of 0 or below is invalid', () => {
    const numeric: ScoringConfigInput = { model: { type: 'rice', inputs: { reach: number('r'), impact: number('i'), confidence: number('c'), effort: number('e') } }, multiplyByStrategicWeight: false };
    expect(scoreOf(numeric, { r: 500, i: 2, c: 80, e: 0 })).toMatchObject({ status: 'invalid', invalid: [{ input: 'effort', reason: 'Effort divides the score, so it must be above 0; got 0' }] });
  });
});

describe('ICE: impact × confidence × ease (or their mean)', () => {
  const ice = (combine: 'product' | 'mean'): ScoringConfigInput => ({
    model: { type: 'ice', combine, inputs: { impact: number('i'), confidence: number('c'), ease: number('e') } },
    multiplyByStrategicWeight: false,
  });

  it('Sean Ellis’s ICE score, each factor rated 1–10: impact 8, confidence 7, ease 6 → 8 × 7 × 6 = 336', () => {
    const result = scoreOf(ice('product'), { i: 8, c: 7, e: 6 });
    expect(scored(result)).toBe(336);
    expect(result.breakdown.map((l) => l.role)).toEqual(['factor', 'factor', 'factor']);
    expect(compileScoring(ice('product')).description).toBe('Impact × Confidence × Ease');
  });

  it('the averaged variant (as many growth teams use it): (8 + 7 + 6) ÷ 3 = 7, each input contributing a third', () => {
    const result = scoreOf(ice('mean'), { i: 8, c: 7, e: 6 });
    expect(scored(result)).toBe(7);
    expect(result.breakdown.map((l) => l.contribution)).toEqual([expect.closeTo(8 / 3, 12), expect.closeTo(7 / 3, 12), expect.closeTo(2, 12)]);
    expect(sumOfContributions(result)).toBeCloseTo(7, 12);
    expect(compileScoring(ice('mean')).description).toBe('(Impact + Confidence + Ease) ÷ 3');
  });
});

describe('weighted scoring: Σ wᵢ·xᵢ / Σ wᵢ over criteria on 0–10, cost criteria as 10 − x', () => {
  const weighted: ScoringConfigInput = {
    model: {
      type: 'weighted',
      criteria: {
        value: { input: number('value', 'Customer value'), weight: 3 },
        effort: { input: number('sp'), weight: 1, direction: 'cost', scale: { min: 0, max: 20 }, label: 'Effort' },
        strategic: { input: { kind: 'select', fieldId: 'fit', options: { Core: 10, Adjacent: 5 } }, weight: 2 },
        off: { input: number('unused'), weight: 0 },
      },
    },
    multiplyByStrategicWeight: false,
  };

  it('weights, cost inversion and scaling: (3 × 8 + 1 × (10 − 4) + 2 × 5) ÷ 6 = 40 / 6', () => {
    // Effort: 8 story points on a 0–20 scale is 4 on 0–10; as a cost it counts 10 − 4 = 6.
    const result = scoreOf(weighted, { value: 8, sp: 8, fit: { value: 'Adjacent', id: '2' } });
    expect(scored(result)).toBeCloseTo(40 / 6, 12);
    expect(line(result, 'value')).toMatchObject({ label: 'Customer value', weight: 3, used: 8, role: 'criterion', contribution: 4 });
    expect(line(result, 'effort')).toMatchObject({ label: 'Effort', raw: 8, weight: 1, used: 6, role: 'cost-criterion', contribution: 1 });
    expect(line(result, 'strategic')).toMatchObject({ weight: 2, used: 5 });
    expect(sumOfContributions(result)).toBeCloseTo(40 / 6, 12);
    expect(compileScoring(weighted).description).toBe('(3 × Customer value + 1 × (10 − Effort) + 2 × strategic) ÷ 6');
  });

  it('a criterion of weight 0 is switched off: not read, so it cannot block a score', () => {
    const result = scoreOf(weighted, { value: 8, sp: 8, fit: { value: 'Core' } });
    expect(result.breakdown.map((l) => l.input)).toEqual(['value', 'effort', 'strategic']);
  });

  it('a value off its scale is invalid, named', () => {
    expect(scoreOf(weighted, { value: 11, sp: 8, fit: { value: 'Core' } })).toMatchObject({
      status: 'invalid',
      invalid: [{ input: 'value', reason: 'outside the criterion\'s scale 0–10: got 11 (set a scale on the criterion to convert other ranges)' }],
    });
    expect(scoreOf(weighted, { value: 5, sp: 21, fit: { value: 'Core' } })).toMatchObject({ status: 'invalid', invalid: [{ input: 'effort', reason: 'outside the criterion\'s scale 0–20: got 21' }] });
  });
});

describe('value / effort', () => {
  const config: ScoringConfigInput = { model: { type: 'value-effort', inputs: { value: number('v'), effort: number('e') } }, multiplyByStrategicWeight: false };

  it('is value ÷ effort, and an effort of 0 or below is invalid', () => {
    expect(scored(scoreOf(config, { v: 13, e: 5 }))).toBe(2.6);
    expect(scoreOf(config, { v: 13, e: 0 })).toMatchObject({ status: 'invalid', invalid: [{ input: 'effort' }] });
    expect(scoreOf(config, { v: 13, e: -2 })).toMatchObject({ status: 'invalid', invalid: [{ input: 'effort' }] });
    expect(compileScoring(config).description).toBe('Value ÷ Effort');
  });
});

describe('custom formula', () => {
  const inputs = { bv: number('bv', 'Business value'), tc: number('tc', 'Time criticality'), rr: number('rr', 'Risk reduction'), js: number('js', 'Job size'), spare: number('spare') };
  const formula = (text: string, multiply = false): ScoringConfigInput => ({ model: { type: 'formula', formula: text, inputs }, multiplyByStrategicWeight: multiply });

  it('WSJF written as a formula gives the built-in WSJF score, with the theme multiplier too', () => {
    const fields = { bv: 8, tc: 13, rr: 3, js: 5 };
    expect(scored(scoreOf(formula('(bv + tc + rr) / js', true), fields, { strategicWeight: 2 }))).toBe(scored(scoreOf({ ...WSJF, multiplyByStrategicWeight: true }, fields, { strategicWeight: 2 })));
    expect(compileScoring(formula('(bv + tc + rr) / js', true)).description).toBe('(Business value + Time criticality + Risk reduction) ÷ Job size × Strategic weight');
    expect(compileScoring(formula('bv + tc', true)).description).toBe('(Business value + Time criticality) × Strategic weight');
  });

  it('reads only the inputs the formula uses: an unused input cannot block the score', () => {
    const result = scoreOf(formula('(bv + tc) / js'), { bv: 1, tc: 2, js: 3 });
    expect(scored(result)).toBe(1);
    expect(result.breakdown.map((l) => [l.input, l.role, l.contribution])).toEqual([
      ['bv', 'operand', null],
      ['tc', 'operand', null],
      ['js', 'operand', null],
    ]);
  });

  it('division by zero at run time is an invalid score with its reason and position', () => {
    const result = scoreOf(formula('(bv + tc) / js'), { bv: 1, tc: 2, js: 0 });
    expect(result).toMatchObject({ status: 'invalid', missing: [], invalid: [{ input: 'score', reason: 'division by zero: the divisor of "/" at column 11 is 0' }] });
    // The inputs themselves were fine, and say so.
    expect(result.breakdown.every((l) => l.status === 'ok')).toBe(true);
    expect(scored(scoreOf(formula('if(js > 0, (bv + tc) / js, 0)'), { bv: 1, tc: 2, js: 0 }))).toBe(0);
  });
});

describe('the strategic weight of the theme', () => {
  const config: ScoringConfigInput = { ...WSJF, multiplyByStrategicWeight: true };
  const fields = { bv: 8, tc: 13, rr: 3, js: 4 };

  it('multiplies the score', () => {
    expect(scored(scoreOf(config, fields, { strategicWeight: 2 }))).toBe(12);
    expect(scored(scoreOf(config, fields, { strategicWeight: 0 }))).toBe(0);
  });

  it('without a theme the issue counts as weight 1, and the breakdown says so', () => {
    const result = scoreOf(config, fields);
    expect(scored(result)).toBe(6);
    expect(line(result, 'strategicWeight')).toMatchObject({ raw: null, used: 1, note: 'no theme: counts as 1', status: 'ok' });
  });

  it('a weight that is not a number of 0 or more is invalid', () => {
    for (const strategicWeight of [-1, Number.NaN, Number.POSITIVE_INFINITY, '2' as unknown as number]) {
      expect(scoreOf(config, fields, { strategicWeight })).toMatchObject({ status: 'invalid', invalid: [{ input: 'strategicWeight', fieldId: null }] });
    }
  });

  it('is ignored when the configuration says so', () => {
    expect(scored(scoreOf(WSJF, fields, { strategicWeight: 2 }))).toBe(6);
    expect(compileScoring(WSJF).inputs.map((input) => input.key)).not.toContain('strategicWeight');
  });
});

describe('compileScoring', () => {
  it('lists the fields to request from Jira and the inputs in order', () => {
    const scoring = compileScoring({
      model: { type: 'wsjf', inputs: { businessValue: { kind: 'priority' }, timeCriticality: { kind: 'date' }, riskReduction: { kind: 'votes' }, jobSize: number('customfield_10016') } },
    });
    expect(scoring.fieldIds).toEqual(['priority', 'duedate', 'votes', 'customfield_10016']);
    expect(scoring.modelName).toBe('WSJF');
    expect(scoring.inputs.map((input) => [input.key, input.kind, input.role])).toEqual([
      ['businessValue', 'priority', 'addend'],
      ['timeCriticality', 'date', 'addend'],
      ['riskReduction', 'votes', 'addend'],
      ['jobSize', 'number', 'divisor'],
      ['strategicWeight', 'strategic-weight', 'multiplier'],
    ]);
  });

  it('is compiled once and reused: results do not leak between issues', () => {
    const scoring = compileScoring(WSJF);
    const bad = scoring.score({ bv: 'x', tc: 1, rr: 1, js: 1 });
    const good = scoring.score({ bv: 1, tc: 1, rr: 1, js: 1 });
    expect(bad.status).toBe('invalid');
    expect(good).toMatchObject({ status: 'scored', score: 3 });
    expect(bad.breakdown[0]?.status).toBe('invalid');
  });

  it('an incomplete issue names every missing input; an invalid one names the bad ones too', () => {
    const scoring = compileScoring(WSJF);
    expect(scoring.score({ bv: 1, js: 2 })).toMatchObject({
      status: 'incomplete',
      missing: [
        { input: 'timeCriticality', label: 'Time criticality', fieldId: 'tc' },
        { input: 'riskReduction', label: 'Risk reduction', fieldId: 'rr' },
      ],
    });
    expect(scoring.score({ bv: 'high', js: 2 })).toMatchObject({
      status: 'invalid',
      invalid: [{ input: 'businessValue', reason: 'expected a number, got text "high"' }],
      missing: [{ input: 'timeCriticality' }, { input: 'riskReduction' }],
    });
  });
});
