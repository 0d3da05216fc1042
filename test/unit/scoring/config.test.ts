import { describe, expect, it } from 'vitest';
import {
  compileScoring,
  DEFAULT_DAYS_REMAINING_TABLE,
  DEFAULT_FIELD_IDS,
  DEFAULT_PRIORITY_TABLE,
  defaultScoringConfig,
  defaultScoringConfigInput,
  describeScoring,
  parseScoringConfig,
} from '../../../src/domain/scoring/index';
import type { ConfigError, ScoringConfigInput } from '../../../src/domain/scoring/index';

function errorsOf(raw: unknown): ConfigError[] {
  const parsed = parseScoringConfig(raw);
  if (parsed.ok) throw new Error('expected the configuration to be refused');
  return parsed.errors;
}

const number = (fieldId: string) => ({ kind: 'number', fieldId }) as const;
const wsjfInputs = {
  businessValue: number('customfield_10050'),
  timeCriticality: { kind: 'date', fieldId: 'duedate' },
  riskReduction: number('customfield_10051'),
  jobSize: number('customfield_10016'),
} as const;

describe('defaultScoringConfig', () => {
  it('is WSJF with story points (customfield_10016) as job size and documented defaults for the rest', () => {
    const config = defaultScoringConfig();
    expect(config.model.type).toBe('wsjf');
    if (config.model.type !== 'wsjf') return;
    expect(config.model.inputs.jobSize).toEqual({ kind: 'number', fieldId: 'customfield_10016' });
    expect(config.model.inputs.businessValue).toEqual({ kind: 'priority', fieldId: 'priority', table: { ...DEFAULT_PRIORITY_TABLE } });
    expect(config.model.inputs.timeCriticality).toMatchObject({ kind: 'date', fieldId: 'duedate', table: { overdue: 20, later: 1 } });
    expect(config.model.inputs.riskReduction).toEqual({ kind: 'number', fieldId: DEFAULT_FIELD_IDS.riskReduction });
    expect(config.multiplyByStrategicWeight).toBe(true);
    expect(parseScoringConfig(defaultScoringConfigInput())).toEqual({ ok: true, config });
  });

  it('documents the days-remaining table: overdue → 20, ≤ 7 days → 13, ≤ 30 → 8, ≤ 90 → 5, ≤ 180 → 3, later → 1', () => {
    expect(DEFAULT_DAYS_REMAINING_TABLE).toEqual({
      overdue: 20,
      steps: [
        { withinDays: 7, value: 13 },
        { withinDays: 30, value: 8 },
        { withinDays: 90, value: 5 },
        { withinDays: 180, value: 3 },
      ],
      later: 1,
    });
  });

  it('round-trips through JSON (export and import of the configuration)', () => {
    const config = defaultScoringConfig();
    expect(parseScoringConfig(JSON.parse(JSON.stringify(config)))).toEqual({ ok: true, config });
  });

  it('is described in words for the sidebar', () => {
    expect(describeScoring(defaultScoringConfig())).toEqual({
      modelName: 'WSJF',
      formula: '(Business value + Time criticality + Risk reduction) ÷ Job size × Strategic weight',
    });
  });
});

describe('parseScoringConfig: every error names the setting and why', () => {
  it('a field id that is not a string', () => {
    expect(errorsOf({ model: { type: 'wsjf', inputs: { ...wsjfInputs, jobSize: { kind: 'number', fieldId: 10016 } } } })).toEqual([
      { path: 'model.inputs.jobSize.fieldId', message: 'expected a string field id, got number' },
    ]);
    expect(errorsOf({ model: { type: 'wsjf', inputs: { ...wsjfInputs, jobSize: { kind: 'number', fieldId: null } } } })).toEqual([
      { path: 'model.inputs.jobSize.fieldId', message: 'expected a string field id, got null' },
    ]);
    expect(errorsOf({ model: { type: 'wsjf', inputs: { ...wsjfInputs, jobSize: { kind: 'number', fieldId: ['x'] } } } })[0]?.message).toBe('expected a string field id, got array');
    expect(errorsOf({ model: { type: 'wsjf', inputs: { ...wsjfInputs, jobSize: { kind: 'number', fieldId: '' } } } })[0]?.message).toContain('empty');
  });

  it('field ids every object has are refused, so reading a field can only find what Jira sent', () => {
    for (const fieldId of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(errorsOf({ model: { type: 'wsjf', inputs: { ...wsjfInputs, jobSize: number(fieldId) } } })).toEqual([
        { path: 'model.inputs.jobSize.fieldId', message: 'this is not a Jira field id' },
      ]);
    }
  });

  it('an unknown model', () => {
    expect(errorsOf({ model: { type: 'moscow', inputs: {} } })).toEqual([
      { path: 'model.type', message: 'unknown model "moscow": expected one of wsjf, rice, ice, weighted, value-effort, formula' },
    ]);
    expect(errorsOf({ model: { inputs: {} } })[0]).toMatchObject({ path: 'model.type', message: expect.stringContaining('missing: choose the model') as unknown });
    expect(errorsOf({})).toEqual([{ path: 'model', message: expect.stringContaining('missing: choose a model') as unknown }]);
  });

  it('a missing mapping', () => {
    const withoutJobSize = { businessValue: wsjfInputs.businessValue, timeCriticality: wsjfInputs.timeCriticality, riskReduction: wsjfInputs.riskReduction };
    expect(errorsOf({ model: { type: 'wsjf', inputs: withoutJobSize } })).toEqual([
      { path: 'model.inputs.jobSize', message: expect.stringMatching(/^missing: map Job size to a Jira field/) as unknown },
    ]);
    expect(errorsOf({ model: { type: 'rice', inputs: { reach: number('a'), impact: number('b'), effort: number('c') } } })[0]?.path).toBe('model.inputs.confidence');
  });

  it('an unknown input kind, an unknown setting, a wrong type', () => {
    expect(errorsOf({ model: { type: 'wsjf', inputs: { ...wsjfInputs, riskReduction: { kind: 'cascading', fieldId: 'x' } } } })).toEqual([
      { path: 'model.inputs.riskReduction.kind', message: expect.stringMatching(/^unknown input kind "cascading": expected one of number, select, priority, date/) as unknown },
    ]);
    expect(errorsOf({ model: { type: 'wsjf', inputs: { ...wsjfInputs, jobSize: { kind: 'number', fieldId: 'x', feildId: 'y' } } } })).toEqual([
      { path: 'model.inputs.jobSize.feildId', message: 'unknown setting: check its spelling' },
    ]);
    expect(errorsOf({ model: { type: 'wsjf', inputs: wsjfInputs }, multiplyByStrategicWeight: 'yes' })).toEqual([
      { path: 'multiplyByStrategicWeight', message: 'expected true or false, got string' },
    ]);
    expect(errorsOf({ version: 2, model: { type: 'wsjf', inputs: wsjfInputs } })).toEqual([{ path: 'version', message: 'expected 1, got 2' }]);
    expect(errorsOf({ model: { type: 'wsjf', inputs: { ...wsjfInputs, riskReduction: { kind: 'select', fieldId: 'x', options: { Low: 'one' } } } } })).toEqual([
      { path: 'model.inputs.riskReduction.options.Low', message: 'expected a number, got string' },
    ]);
  });

  it('not an object at all', () => {
    expect(errorsOf(null)).toEqual([{ path: '(configuration)', message: 'expected an object, got null' }]);
    expect(errorsOf([])).toEqual([{ path: '(configuration)', message: 'expected an object, got array' }]);
    expect(errorsOf('wsjf')).toEqual([{ path: '(configuration)', message: 'expected an object, got string' }]);
  });

  it('reports several errors at once', () => {
    const errors = errorsOf({ model: { type: 'wsjf', inputs: { businessValue: number('a'), timeCriticality: { kind: 'nope' }, riskReduction: { kind: 'number', fieldId: 5 } } } });
    expect(errors.map((error) => error.path)).toEqual(['model.inputs.timeCriticality.kind', 'model.inputs.riskReduction.fieldId', 'model.inputs.jobSize']);
  });

  describe('weighted scoring', () => {
    const criterion = (weight: number, fieldId = 'customfield_1') => ({ input: number(fieldId), weight });

    it('all weights 0 is a configuration error', () => {
      expect(errorsOf({ model: { type: 'weighted', criteria: { value: criterion(0), risk: criterion(0) } } })).toEqual([
        { path: 'model.criteria', message: expect.stringContaining('all weights are 0') as unknown },
      ]);
    });

    it('no criteria, a negative weight, an empty scale', () => {
      expect(errorsOf({ model: { type: 'weighted', criteria: {} } })[0]).toMatchObject({ path: 'model.criteria', message: 'add at least one criterion' });
      expect(errorsOf({ model: { type: 'weighted', criteria: { value: criterion(-1) } } })[0]).toMatchObject({ path: 'model.criteria.value.weight', message: 'a weight cannot be negative' });
      expect(errorsOf({ model: { type: 'weighted', criteria: { value: { ...criterion(1), scale: { min: 5, max: 5 } } } } })[0]).toMatchObject({
        path: 'model.criteria.value.scale',
        message: 'the scale needs max above min',
      });
    });
  });

  describe('custom formula', () => {
    const formula = (text: string, inputs: Record<string, unknown> = { a: number('x'), b: number('y') }): ScoringConfigInput =>
      ({ model: { type: 'formula', formula: text, inputs } }) as ScoringConfigInput;

    it('a formula error is a configuration error at model.formula, with its column', () => {
      expect(errorsOf(formula('a + + * b'))).toEqual([{ path: 'model.formula', message: expect.stringContaining('(at column 7)') as unknown }]);
      expect(errorsOf(formula('a + c + d'))).toEqual([{ path: 'model.formula', message: 'unknown names "c", "d" (at column 5)' }]);
    });

    it('input names must be usable in a formula', () => {
      expect(errorsOf(formula('a', { a: number('x'), 'größe': number('y') }))).toEqual([
        { path: 'model.inputs.größe', message: expect.stringContaining('use ASCII letters, digits and _') as unknown },
      ]);
      expect(errorsOf(formula('a', { a: number('x'), min: number('y') }))[0]?.message).toContain('is a function of the formula language');
    });

    it('the strategic weight cannot count twice', () => {
      expect(errorsOf(formula('a * w', { a: number('x'), w: { kind: 'strategic-weight' } }))).toEqual([
        { path: 'model.inputs.w', message: expect.stringContaining('would count twice') as unknown },
      ]);
      expect(parseScoringConfig({ ...formula('a * w', { a: number('x'), w: { kind: 'strategic-weight' } }), multiplyByStrategicWeight: false }).ok).toBe(true);
    });
  });

  it('a days-remaining table must go up', () => {
    const table = { overdue: 20, steps: [{ withinDays: 30, value: 8 }, { withinDays: 7, value: 13 }], later: 1 };
    expect(errorsOf({ model: { type: 'wsjf', inputs: { ...wsjfInputs, timeCriticality: { kind: 'date', table } } } })).toEqual([
      { path: 'model.inputs.timeCriticality.table.steps.1.withinDays', message: 'steps must go up: 7 days comes after 30 days' },
    ]);
  });
});

describe('compileScoring of an invalid configuration', () => {
  it('never throws: every score is invalid and names the configuration errors', () => {
    const scoring = compileScoring({ model: { type: 'wsjf', inputs: { ...wsjfInputs, jobSize: { kind: 'number', fieldId: 7 } } } } as unknown as ScoringConfigInput);
    expect(scoring.configErrors).toEqual([{ path: 'model.inputs.jobSize.fieldId', message: 'expected a string field id, got number' }]);
    expect(scoring.config).toBeNull();
    expect(scoring.score({ customfield_10016: 3 })).toEqual({
      status: 'invalid',
      invalid: [{ input: 'configuration', label: 'Configuration', fieldId: null, reason: 'model.inputs.jobSize.fieldId: expected a string field id, got number' }],
      missing: [],
      breakdown: [],
    });
    expect(() => compileScoring(null as unknown as ScoringConfigInput)).not.toThrow();
    expect(describeScoring({ model: { type: 'nope' } } as unknown as ScoringConfigInput)).toBeUndefined();
  });
});
