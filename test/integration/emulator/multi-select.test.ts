/**
 * Multi-select custom fields in the emulator, as Jira edits them: a list of options by id (or by
 * value), every option checked against the field's own options, Jira's words for one it does not
 * have (another field's, or one an admin deleted), and the edit screen's options in editmeta.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetInput, JiraEmulator } from '../../../dev/jira-emulator';
import { SEGMENT, SEGMENTS_FIELD, withCustomerSegments } from '../support/customer-segments';
import { call, DEMO_DATASET, PAT, startDemo } from './support';

let emulator: JiraEmulator;

beforeAll(async () => {
  emulator = await startDemo({ dataset: withCustomerSegments(JSON.parse(readFileSync(DEMO_DATASET, 'utf8')) as DatasetInput, ['TL-63']) });
});
afterAll(async () => {
  await emulator.close();
});

const segmentsOf = async (key: string) => ((await call(emulator, 'GET', `/rest/api/3/issue/${key}?fields=${SEGMENTS_FIELD}`, { as: PAT })).body as { fields: Record<string, unknown> }).fields[SEGMENTS_FIELD];
const edit = (key: string, value: unknown) => call(emulator, 'PUT', `/rest/api/3/issue/${key}`, { as: PAT, body: { fields: { [SEGMENTS_FIELD]: value } } });

describe('a multi-select custom field', () => {
  it('renders the options an issue holds with their values, and sets a new list by id', async () => {
    expect(await segmentsOf('TL-63')).toEqual([expect.objectContaining(SEGMENT.enterprise), expect.objectContaining(SEGMENT.smallBusiness)]);
    expect((await edit('TL-63', [{ id: SEGMENT.midMarket.id }, { id: SEGMENT.publicSector.id }])).status).toBe(204);
    expect(await segmentsOf('TL-63')).toEqual([expect.objectContaining(SEGMENT.midMarket), expect.objectContaining(SEGMENT.publicSector)]);
    // An empty list clears it, as in Jira.
    expect((await edit('TL-63', [])).status).toBe(204);
    expect(await segmentsOf('TL-63')).toEqual([]);
  });

  it("refuses an option id the field does not have (another field's) in Jira's words, and changes nothing", async () => {
    expect((await edit('TL-64', [{ id: SEGMENT.enterprise.id }])).status).toBe(204);
    const refused = await edit('TL-64', [{ id: SEGMENT.midMarket.id }, { id: '10202' }]);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ errorMessages: [], errors: { [SEGMENTS_FIELD]: "Option id '10202' is not valid" } });
    expect(await segmentsOf('TL-64')).toEqual([expect.objectContaining(SEGMENT.enterprise)]);
    expect((await edit('TL-64', { id: SEGMENT.midMarket.id })).status).toBe(400);
  });

  it('an option deleted by an admin: gone from the issues, from editmeta, and refused', async () => {
    expect((await edit('TL-65', [{ id: SEGMENT.publicSector.id }, { id: SEGMENT.enterprise.id }])).status).toBe(204);
    emulator.state.removeFieldOption(SEGMENTS_FIELD, SEGMENT.publicSector.id);
    expect(await segmentsOf('TL-65')).toEqual([expect.objectContaining(SEGMENT.enterprise)]);
    const meta = (await call(emulator, 'GET', '/rest/api/3/issue/TL-65/editmeta', { as: PAT })).body as { fields: Record<string, { allowedValues?: { id: string }[]; operations: string[] }> };
    expect(meta.fields[SEGMENTS_FIELD]?.allowedValues?.map((option) => option.id)).toEqual([SEGMENT.enterprise.id, SEGMENT.midMarket.id, SEGMENT.smallBusiness.id]);
    expect(meta.fields[SEGMENTS_FIELD]?.operations).toEqual(['add', 'set', 'remove']);
    const refused = await edit('TL-65', [{ id: SEGMENT.publicSector.id }]);
    expect(refused.body).toMatchObject({ errors: { [SEGMENTS_FIELD]: `Option id '${SEGMENT.publicSector.id}' is not valid` } });
    expect(() => {
      emulator.state.removeFieldOption(SEGMENTS_FIELD, SEGMENT.publicSector.id);
    }).toThrow(/has no option/);
  });
});
