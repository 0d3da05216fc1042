/**
 * A project's default configuration from the fields its issues carry (services/default-configuration.ts,
 * services/project-fields.ts): which field feeds each input, which model, and odd data (a text
 * field named like a number input, values of the wrong type, a project with no issue).
 */
import { describe, expect, it } from 'vitest';
import type { FieldDetails } from '../../../src/jira';
import { carriedCandidate, notSetUpFieldId, projectDefaultScoring, scoringCandidatesOf } from '../../../src/services/default-configuration';
import { isUnmappedField } from '../../../src/services/input-setup';
import { sampleOf } from '../../../src/services/project-fields';
import { siteFieldsOf } from '../../../src/services/site-fields';

function number(id: number, name: string, custom = 'com.atlassian.jira.plugin.system.customfieldtypes:float'): FieldDetails {
  return { id: `customfield_${String(id)}`, name, custom: true, schema: { type: 'number', custom, customId: id } };
}

const STORY_POINTS = number(10016, 'Story point estimate', 'com.pyxis.greenhopper.jira:jsw-story-points');
const CLASSIC_POINTS = number(10026, 'Story Points');
const BUSINESS_VALUE = number(10050, 'Business Value');
const TIME_CRITICALITY = number(10051, 'Time Criticality');
const RISK_REDUCTION = number(10052, 'Risk Reduction');
/** A text field whose name is a WSJF input's: never a candidate. */
const TEXT_VALUE = { id: 'customfield_10070', name: 'Business Value', custom: true, schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield', customId: 10070 } } as FieldDetails;

const SITE = siteFieldsOf([STORY_POINTS, CLASSIC_POINTS, BUSINESS_VALUE, TIME_CRITICALITY, RISK_REDUCTION, TEXT_VALUE]);

const story = (fields: Record<string, unknown>) => ({ fields: { issuetype: { name: 'Story', hierarchyLevel: 0 }, priority: { name: 'Medium' }, ...fields } });
const epic = (fields: Record<string, unknown>) => ({ fields: { issuetype: { name: 'Epic', hierarchyLevel: 1 }, ...fields } });

describe('the fields that could feed each input', () => {
  it('takes numbers by name, then priority and due date, and story points by type', () => {
    const candidates = scoringCandidatesOf([STORY_POINTS, CLASSIC_POINTS, BUSINESS_VALUE, TIME_CRITICALITY, RISK_REDUCTION, TEXT_VALUE], [{ id: 'customfield_10016', name: 'Story point estimate' }, { id: 'customfield_10026', name: 'Story Points' }]);
    expect(candidates.businessValue.map((candidate) => candidate.id)).toEqual(['customfield_10050', 'priority']);
    expect(candidates.timeCriticality.map((candidate) => candidate.id)).toEqual(['customfield_10051', 'duedate']);
    expect(candidates.riskReduction.map((candidate) => candidate.id)).toEqual(['customfield_10052']);
    expect(candidates.jobSize.map((candidate) => candidate.id)).toEqual(['customfield_10016', 'customfield_10026']);
  });
});

describe('what a sample of the project carries', () => {
  it('counts only values the input can read, over work items only', () => {
    const sample = sampleOf(
      [story({ customfield_10050: 5, customfield_10016: 3 }), story({ customfield_10050: '5', customfield_10016: { value: 3 } }), story({ customfield_10050: Number.NaN, duedate: 'soon' }), epic({ customfield_10050: 8 })],
      [...SITE.scoringCandidates.businessValue, ...SITE.scoringCandidates.jobSize, ...SITE.scoringCandidates.timeCriticality],
    );
    expect(sample.sampled).toBe(3);
    expect(sample.carried).toEqual({ customfield_10050: 1, customfield_10016: 1, priority: 3 });
  });

  it('a project with no issue carries nothing, and keeps the site default', () => {
    const sample = sampleOf([], SITE.scoringCandidates.jobSize);
    expect(sample).toMatchObject({ sampled: 0, carried: {} });
    expect(projectDefaultScoring(SITE, sample).scoring).toEqual(SITE.defaultScoring);
  });
});

describe('the default of a project', () => {
  it('is WSJF over the SAFe fields when the issues carry all four', () => {
    const defaults = projectDefaultScoring(SITE, { sampled: 10, carried: { customfield_10050: 10, customfield_10051: 9, customfield_10052: 6, customfield_10016: 10 } });
    expect(defaults.scoring.model).toMatchObject({ type: 'wsjf', inputs: { businessValue: { fieldId: 'customfield_10050' }, timeCriticality: { fieldId: 'customfield_10051' }, riskReduction: { fieldId: 'customfield_10052' }, jobSize: { fieldId: 'customfield_10016' } } });
  });

  it('is business value ÷ job size when the issues carry no time criticality or risk reduction (the team-managed project)', () => {
    const defaults = projectDefaultScoring(SITE, { sampled: 12, carried: { customfield_10050: 9, priority: 12, customfield_10026: 11 } });
    expect(defaults.scoring.model).toMatchObject({ type: 'value-effort', inputs: { value: { kind: 'number', fieldId: 'customfield_10050' }, effort: { kind: 'number', fieldId: 'customfield_10026' } } });
    // The readiness rules check the estimate the issues carry.
    expect(defaults.storyPoints).toEqual({ id: 'customfield_10026', name: 'Story Points' });
  });

  it('is not WSJF over a risk reduction only a few issues carry: the rest would be incomplete', () => {
    const defaults = projectDefaultScoring(SITE, { sampled: 70, carried: { customfield_10050: 60, customfield_10051: 50, customfield_10052: 7, customfield_10016: 65 } });
    expect(defaults.scoring.model.type).toBe('value-effort');
  });

  it('prefers a named field only when most issues carry it: else the one most issues carry', () => {
    const candidates = SITE.scoringCandidates.businessValue;
    expect(carriedCandidate(candidates, { sampled: 10, carried: { customfield_10050: 5, priority: 10 } })?.id).toBe('customfield_10050');
    expect(carriedCandidate(candidates, { sampled: 10, carried: { customfield_10050: 2, priority: 10 } })?.id).toBe('priority');
    expect(carriedCandidate(candidates, { sampled: 10, carried: {} })).toBeUndefined();
  });

  it('says "not set up yet" for an input no issue carries, never an id of a field the project lacks', () => {
    const defaults = projectDefaultScoring(SITE, { sampled: 4, carried: { priority: 4 } });
    expect(defaults.scoring.model.type).toBe('wsjf');
    const inputs = (defaults.scoring.model as { inputs: Record<string, { fieldId?: string }> }).inputs;
    expect(inputs.businessValue?.fieldId).toBe('priority');
    for (const input of ['timeCriticality', 'riskReduction', 'jobSize'] as const) {
      expect(inputs[input]?.fieldId).toBe(notSetUpFieldId(input));
      expect(isUnmappedField(notSetUpFieldId(input))).toBe(true);
    }
  });
});
