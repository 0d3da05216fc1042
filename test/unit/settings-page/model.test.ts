/**
 * The settings page's model switch reads the domain's catalogue: what it builds is a configuration
 * the domain's schema accepts, a custom formula starts from the model written as a formula with
 * the catalogue's labels, and inputs that divide the score become cost criteria.
 */
import { describe, expect, it } from 'vitest';
import type { FieldDiscoveryView } from '../../../src/contract';
import { MODEL_CATALOGUE, MODEL_TYPES, parseScoringConfig } from '../../../src/domain/scoring/index';
import type { ModelConfigInput } from '../../../src/domain/scoring/index';
import { inputLabel, switchModel } from '../../../static/settings/src/model';

const DISCOVERY: FieldDiscoveryView = {
  fields: [{ id: 'customfield_10016', name: 'Story point estimate', kind: 'number', custom: true }],
  suggestions: {},
  selectOptions: {},
  storyPoints: { id: 'customfield_10016', name: 'Story point estimate' },
  epicLinkFieldId: null,
  notes: [],
};

const WSJF: ModelConfigInput = {
  type: 'wsjf',
  inputs: {
    businessValue: { kind: 'priority' },
    timeCriticality: { kind: 'date' },
    riskReduction: { kind: 'number', fieldId: 'customfield_1' },
    jobSize: { kind: 'number', fieldId: 'customfield_10016' },
  },
};

describe("the settings page's model switch", () => {
  it.each(MODEL_TYPES)('from WSJF to %s gives a configuration the domain accepts', (type) => {
    const model = switchModel(WSJF, type, DISCOVERY);
    expect(model.type).toBe(type);
    expect(parseScoringConfig({ model }).ok).toBe(true);
  });

  it('starts a custom formula from the model as a formula, each input labelled as the catalogue says', () => {
    const model = switchModel(WSJF, 'formula', DISCOVERY);
    if (model.type !== 'formula') throw new Error('expected a formula');
    expect(model.formula).toBe(MODEL_CATALOGUE.wsjf.asFormula);
    expect(Object.fromEntries(Object.entries(model.inputs).map(([key, source]) => [key, source.label]))).toEqual({
      businessValue: 'Business value',
      timeCriticality: 'Time criticality',
      riskReduction: 'Risk reduction',
      jobSize: 'Job size',
    });
  });

  it('turns the inputs that divide the score into cost criteria of weighted scoring', () => {
    const model = switchModel(WSJF, 'weighted', DISCOVERY);
    if (model.type !== 'weighted') throw new Error('expected weighted scoring');
    expect(Object.fromEntries(Object.entries(model.criteria).map(([key, criterion]) => [key, criterion.direction]))).toEqual({
      businessValue: 'benefit',
      timeCriticality: 'benefit',
      riskReduction: 'benefit',
      jobSize: 'cost',
    });
  });

  it("labels an input with its unit where the catalogue gives one (RICE's confidence in percent)", () => {
    expect(MODEL_CATALOGUE.rice.inputs.map(inputLabel)).toEqual(['Reach', 'Impact', 'Confidence (percent)', 'Effort']);
  });
});
