/**
 * The model catalogue is the one place a model's name, inputs, roles and labels are written: the
 * engine must say what it says, the configuration schema must have exactly its inputs, its
 * "as a formula" must score like the model, and README.md's model table must use its names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { CATALOGUE_MODELS, compileScoring, MODEL_CATALOGUE, MODEL_TYPES } from '../../../src/domain/scoring/index';
import type { FixedInputKey, FixedInputModelType, InputSourceInput, ModelConfigInput, ScoringConfigInput } from '../../../src/domain/scoring/index';

const README = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');

/** The first column of the table under README's "### Scoring models" heading. */
function readmeModelNames(): string[] {
  const lines = (README.split(/^### Scoring models\s*$/m)[1] ?? '').split('\n');
  const start = lines.findIndex((line) => line.startsWith('|'));
  const names: string[] = [];
  // The table is the run of '|' lines right under the heading; the header and rule rows are skipped.
  for (const row of lines.slice(start < 0 ? lines.length : start + 2)) {
    if (!row.startsWith('|')) break;
    names.push(row.split('|')[1]?.trim() ?? '');
  }
  return names;
}

const FIXED: readonly FixedInputModelType[] = ['wsjf', 'rice', 'ice', 'value-effort'];

/** A configuration of a fixed model: each input a number field named like the input, no labels. */
function fixedConfig(type: FixedInputModelType, multiplyByStrategicWeight = false): ScoringConfigInput {
  const inputs: Record<string, InputSourceInput> = {};
  for (const input of MODEL_CATALOGUE[type].inputs) if (!('optional' in input)) inputs[input.key] = { kind: 'number', fieldId: `f_${input.key}` };
  return { model: { type, inputs } as ModelConfigInput, multiplyByStrategicWeight };
}

describe('the model catalogue', () => {
  it("is README.md's model table: the same names, in the same order", () => {
    expect(readmeModelNames()).toEqual(CATALOGUE_MODELS.map((model) => model.name));
  });

  it('has every model type of the configuration, once, under its own type', () => {
    expect(CATALOGUE_MODELS.map((model) => model.type)).toEqual([...MODEL_TYPES]);
    for (const type of MODEL_TYPES) expect(MODEL_CATALOGUE[type].type).toBe(type);
    expect(new Set(CATALOGUE_MODELS.map((model) => model.name)).size).toBe(MODEL_TYPES.length);
  });

  it("lists exactly the configuration schema's inputs of each fixed model (checked by the type checker)", () => {
    type SchemaKeys<T extends FixedInputModelType> = keyof Extract<ModelConfigInput, { type: T }>['inputs'];
    expectTypeOf<FixedInputKey<'wsjf'>>().toEqualTypeOf<SchemaKeys<'wsjf'>>();
    expectTypeOf<FixedInputKey<'rice'>>().toEqualTypeOf<SchemaKeys<'rice'>>();
    expectTypeOf<FixedInputKey<'ice'>>().toEqualTypeOf<SchemaKeys<'ice'>>();
    expectTypeOf<FixedInputKey<'value-effort'>>().toEqualTypeOf<SchemaKeys<'value-effort'>>();
    for (const type of FIXED) expect(compileScoring(fixedConfig(type)).configErrors).toEqual([]);
  });

  it.each(MODEL_TYPES)('names %s as the engine does', (type) => {
    const config: ScoringConfigInput =
      type === 'weighted'
        ? { model: { type, criteria: { value: { input: { kind: 'number', fieldId: 'f_value' }, weight: 1 } } } }
        : type === 'formula'
          ? { model: { type, formula: 'value', inputs: { value: { kind: 'number', fieldId: 'f_value' } } } }
          : fixedConfig(type);
    expect(compileScoring(config).modelName).toBe(MODEL_CATALOGUE[type].name);
  });

  it.each(FIXED)('%s: the engine reads its inputs in the catalogue order, with their labels and roles, and says its formula in words', (type) => {
    const scoring = compileScoring(fixedConfig(type));
    const expected = MODEL_CATALOGUE[type].inputs.filter((input) => !('optional' in input));
    expect(scoring.inputs.map(({ key, label, role }) => ({ key, label, role }))).toEqual(expected.map(({ key, label, role }) => ({ key, label, role })));
    expect(scoring.description).toBe(MODEL_CATALOGUE[type].formula);
  });

  it("WSJF's optional opportunity enablement is added with its catalogue label", () => {
    const config = fixedConfig('wsjf');
    if (config.model.type !== 'wsjf') throw new Error('expected WSJF');
    const scoring = compileScoring({ ...config, model: { ...config.model, inputs: { ...config.model.inputs, opportunityEnablement: { kind: 'number', fieldId: 'f_oe' } } } });
    expect(scoring.description).toBe('(Business value + Time criticality + Risk reduction + Opportunity enablement) ÷ Job size');
  });

  it.each(FIXED)('%s written as a custom formula scores exactly like the model', (type) => {
    const model = fixedConfig(type, true);
    const asFormula = MODEL_CATALOGUE[type].asFormula;
    if (model.model.type === 'weighted' || model.model.type === 'formula') throw new Error('expected a fixed model');
    const formula = compileScoring({ model: { type: 'formula', formula: asFormula, inputs: model.model.inputs }, multiplyByStrategicWeight: true });
    const scoring = compileScoring(model);
    expect(formula.configErrors).toEqual([]);
    for (const values of [
      [8, 13, 3, 5],
      [1, 2, 50, 4],
      [20, 0.5, 80, 13],
    ]) {
      const fields = Object.fromEntries(MODEL_CATALOGUE[type].inputs.map((input, index) => [`f_${input.key}`, values[index % values.length]]));
      const expected = scoring.score(fields, { strategicWeight: 1.5 });
      const actual = formula.score(fields, { strategicWeight: 1.5 });
      expect(expected.status).toBe('scored');
      if (expected.status !== 'scored' || actual.status !== 'scored') throw new Error(`${type}: ${JSON.stringify(actual)}`);
      expect(actual.score).toBeCloseTo(expected.score, 10);
    }
  });
});
