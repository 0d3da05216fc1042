/**
 * Setting a multi-select score input, without Jira's rules being guessed: the option ids a payload
 * may carry, checked against what Jira's edit screen offers; the editor built from editmeta; the
 * sidebar's own choice of what to send; and Jira's 400 and 403 on the write, said in words
 * (scripted Jira: the emulator checks the same options before the write could reach them).
 */
import { describe, expect, it } from 'vitest';
import type { EditableField } from '../../../src/jira/edit-meta';
import { parseScoringConfig } from '../../../src/domain/scoring';
import { checkChosenOptions, heldOptionsOf, optionIdsOf, optionsEditorOf } from '../../../src/services/input-editors';
import { InputRefusal, setIssueInput } from '../../../src/services/issue-input';
import { defaultConfiguration } from '../../../src/services/issue-score';
import { optionIdsToSave, optionsNoLongerOffered } from '../../../static/issue-sidebar/src/options-editor';
import { fakeJira, response } from '../jira/fake-jira';
import type { RecordedCall } from '../jira/fake-jira';
import { SEGMENT, SEGMENTS_FIELD, SEGMENTS_SCORING } from '../../integration/support/customer-segments';

const OFFERED = [SEGMENT.enterprise, SEGMENT.midMarket, SEGMENT.smallBusiness];
const editable = (allowed = OFFERED, extra: Partial<EditableField> = {}): ReadonlyMap<string, EditableField> =>
  new Map([[SEGMENTS_FIELD, { id: SEGMENTS_FIELD, name: 'Customer segments', schema: { type: 'array', items: 'option' }, operations: ['add', 'set', 'remove'], allowedValues: allowed.map((option) => ({ id: option.id, name: option.value, disabled: false })), ...extra }]]);

describe('the option ids a payload may carry', () => {
  it('takes a list of ids, without repeats; null and [] clear', () => {
    expect(optionIdsOf('Value', [SEGMENT.enterprise.id, ' 10301 ', SEGMENT.enterprise.id])).toEqual([SEGMENT.enterprise.id, SEGMENT.midMarket.id]);
    expect(optionIdsOf('Value', [])).toEqual([]);
    expect(optionIdsOf('Value', null)).toEqual([]);
  });

  it.each([
    ['a single value', '10300', /takes a list of options/],
    ['a number', 10300, /takes a list of options/],
    ['a path', ['../10300'], /not one of its options/],
    ['an empty id', [''], /not one of its options/],
    ['an object', [{ id: '10300' }], /not one of its options/],
    ['a prototype key', ['__proto__'], /not one of its options/],
    ['too many', Array.from({ length: 101 }, (_, i) => String(10300 + i)), /at most 100 options/],
  ])('refuses %s in words', (_what, value, message) => {
    expect(() => optionIdsOf('Value', value)).toThrow(message);
  });
});

describe("checked against what Jira's edit screen offers", () => {
  it('sends the offered ids by id', () => {
    expect(checkChosenOptions('Value', SEGMENTS_FIELD, [SEGMENT.midMarket.id], editable(), 'TL-5')).toEqual([{ id: SEGMENT.midMarket.id }]);
    expect(checkChosenOptions('Value', SEGMENTS_FIELD, [], editable(), 'TL-5')).toEqual([]);
  });

  it("refuses an option deleted since, another field's, or a disabled one; and a field off the edit screen", () => {
    expect(() => checkChosenOptions('Value', SEGMENTS_FIELD, [SEGMENT.publicSector.id], editable(), 'TL-5')).toThrow(/^An option you chose is no longer one of Customer segments's options in Jira/);
    expect(() => checkChosenOptions('Value', SEGMENTS_FIELD, ['10202', '10203'], editable(), 'TL-5')).toThrow(/^2 options you chose are no longer/);
    const disabled = new Map([[SEGMENTS_FIELD, { ...(editable().get(SEGMENTS_FIELD) as EditableField), allowedValues: [{ id: SEGMENT.enterprise.id, name: 'Enterprise', disabled: true }] }]]);
    expect(() => checkChosenOptions('Value', SEGMENTS_FIELD, [SEGMENT.enterprise.id], disabled, 'TL-5')).toThrow(InputRefusal);
    expect(() => checkChosenOptions('Value', SEGMENTS_FIELD, [SEGMENT.enterprise.id], new Map(), 'TL-5')).toThrow('Value is not on the screen where TL-5 is edited in Jira, so it cannot be set here.');
  });

  it('the editor: offered options and held ones; why it cannot be set when Jira did not answer or the field is off the screen', () => {
    const held = [{ self: 'x', id: SEGMENT.enterprise.id, value: 'Enterprise' }, { id: SEGMENT.publicSector.id, value: 'Public sector' }, 'junk', { value: 'no id' }];
    expect(optionsEditorOf(SEGMENTS_FIELD, editable(), held)).toEqual({ kind: 'options', fieldId: SEGMENTS_FIELD, options: OFFERED, selected: [SEGMENT.enterprise, SEGMENT.publicSector] });
    expect(heldOptionsOf(null)).toEqual([]);
    expect(optionsEditorOf(SEGMENTS_FIELD, undefined, held)).toMatchObject({ kind: 'none', reason: expect.stringMatching(/did not list its options/) as unknown });
    expect(optionsEditorOf(SEGMENTS_FIELD, new Map(), held)).toMatchObject({ kind: 'none', reason: expect.stringMatching(/not on this issue's edit screen/) as unknown });
  });

  it('the sidebar sends the checked options Jira still offers, and names the ones it no longer offers', () => {
    expect(optionIdsToSave(OFFERED, new Set([SEGMENT.smallBusiness.id, SEGMENT.publicSector.id, SEGMENT.enterprise.id]))).toEqual([SEGMENT.enterprise.id, SEGMENT.smallBusiness.id]);
    expect(optionsNoLongerOffered(OFFERED, [SEGMENT.enterprise, SEGMENT.publicSector])).toEqual([SEGMENT.publicSector]);
  });
});

describe("Jira's refusal of the write, in words", () => {
  const parsed = parseScoringConfig(SEGMENTS_SCORING);
  if (!parsed.ok) throw new Error('the test configuration does not parse');
  const configuration = (projectId: string, site: Parameters<typeof defaultConfiguration>[1]) => Promise.resolve({ ...defaultConfiguration(projectId, site), scoring: parsed.config });

  function jiraRefusingTheWrite(status: 400 | 403, body: unknown) {
    return fakeJira((call: RecordedCall) => {
      const path = call.path.split('?')[0] ?? '';
      if (call.method === 'PUT') return response(status, body);
      if (path === '/rest/api/3/field') return response(200, [{ id: SEGMENTS_FIELD, name: 'Customer segments', custom: true, schema: { type: 'array', items: 'option', custom: 'multiselect' } }, { id: 'customfield_10016', name: 'Story point estimate', schema: { type: 'number' } }]);
      if (path === '/rest/api/3/mypermissions') return response(200, { permissions: { EDIT_ISSUES: { havePermission: true } } });
      if (path.endsWith('/editmeta')) return response(200, { fields: { [SEGMENTS_FIELD]: { name: 'Customer segments', key: SEGMENTS_FIELD, required: false, operations: ['set'], schema: { type: 'array', items: 'option' }, allowedValues: OFFERED.map((option) => ({ ...option, self: 'x' })) } } });
      return response(200, { id: '10005', key: 'TL-5', fields: { project: { id: '10000', key: 'TL' }, summary: 'Five', [SEGMENTS_FIELD]: null, customfield_10016: 3 } });
    });
  }

  it('400: an option Jira refused after all (deleted between the check and the write)', async () => {
    const jira = jiraRefusingTheWrite(400, { errorMessages: [], errors: { [SEGMENTS_FIELD]: `Option id '${SEGMENT.midMarket.id}' is not valid` } });
    const refused = setIssueInput(jira.requestJira, 'TL-5', { input: 'value', value: [SEGMENT.midMarket.id] }, { configuration });
    await expect(refused).rejects.toThrow(InputRefusal);
    await expect(refused).rejects.toMatchObject({ code: 'bad-request', message: expect.stringMatching(/^Jira refused to set Customer value: .*Option id '10301' is not valid/) as unknown });
    expect(jira.calls.find((call) => call.method === 'PUT')?.body).toEqual({ fields: { [SEGMENTS_FIELD]: [{ id: SEGMENT.midMarket.id }] } });
  });

  it('403: Jira refused the user the edit (a workflow step that cannot be edited, a permission taken away)', async () => {
    const jira = jiraRefusingTheWrite(403, { errorMessages: ['You do not have permission to edit issues in this project.'], errors: {} });
    await expect(setIssueInput(jira.requestJira, 'TL-5', { input: 'value', value: [SEGMENT.enterprise.id] }, { configuration })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/^Jira refused to set Customer value: .*permission to edit/) as unknown,
    });
  });
});
