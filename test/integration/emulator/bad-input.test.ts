/** Every kind of bad input the emulator must refuse the way Jira does (or, for datasets, loudly). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError, loadDatasetFile, startJiraEmulator } from '../../../dev/jira-emulator';
import type { JiraEmulator } from '../../../dev/jira-emulator';
import { call, DEMO_DATASET, NICK, PAT, startDemo } from './support';

const JIRA_ERROR = { errorMessages: expect.any(Array), errors: expect.any(Object) };

describe('dataset files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jira-emulator-'));
  const demo = (): { issues: { fields: Record<string, unknown> }[] } & Record<string, unknown> => JSON.parse(readFileSync(DEMO_DATASET, 'utf8'));
  const write = (name: string, content: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  it('refuses an issue without a status, naming the path of the first error', () => {
    const data = demo();
    delete data.issues[3]!.fields.status;
    expect(() => loadDatasetFile(write('no-status.json', data))).toThrow(/issues\[3\]\.fields\.status: required/);
  });

  it('refuses wrong types and dangling references with their paths', () => {
    const wrongType = demo();
    wrongType.issues[5]!.fields.summary = 42;
    expect(() => loadDatasetFile(write('wrong-type.json', wrongType))).toThrow(/issues\[5\]\.fields\.summary: /);

    const dangling = demo();
    dangling.issues[7]!.fields.status = { id: '424242' };
    expect(() => loadDatasetFile(write('dangling.json', dangling))).toThrow(/issues\[7\]\.fields\.status\.id: unknown status 424242/);

    const badParent = demo();
    badParent.issues[20]!.fields.parent = { key: 'TL-99999' };
    expect(() => loadDatasetFile(write('bad-parent.json', badParent))).toThrow(/issues\[20\]\.fields\.parent: unknown issue/);
  });

  it('refuses a file that is not JSON, and a missing file, clearly', () => {
    expect(() => loadDatasetFile(write('broken.json', '{"users": ['))).toThrow(/not valid JSON/);
    expect(() => loadDatasetFile(join(dir, 'nope.json'))).toThrow(DatasetError);
    expect(() => loadDatasetFile(join(dir, 'nope.json'))).toThrow(/dataset file not found: .*nope\.json/);
  });

  it('does not start on a bad dataset, nor on an address other than 127.0.0.1', async () => {
    await expect(startJiraEmulator({ dataset: join(dir, 'nope.json') })).rejects.toThrow(/not found/);
    await expect(startJiraEmulator({ dataset: { users: [] } as never })).rejects.toThrow(/users: /);
    await expect(startJiraEmulator({ dataset: DEMO_DATASET, host: '0.0.0.0' as never })).rejects.toThrow(/127\.0\.0\.1 only/);
  });
});

describe('requests', () => {
  let emulator: JiraEmulator;
  beforeAll(async () => {
    emulator = await startDemo();
  });
  afterAll(async () => {
    await emulator.close();
  });

  const search = (body: unknown, as: string = PAT) => call(emulator, 'POST', '/rest/api/3/search/jql', { as, body });

  it.each([
    ['text search', 'summary ~ "login"'],
    ['an unknown field', 'flavour = vanilla'],
    ['a dangling AND', 'project = TL AND'],
    ['history', 'status WAS Done'],
    ['an unknown function', 'sprint in nextSprints()'],
    ['an unknown project', 'project = NOPE'],
    ['an operator the field does not support', 'project > TL'],
    ['an unclosed string', 'project = "TL'],
    ['an unclosed parenthesis', '(project = TL'],
    ['a non-number for a number field', 'cf[10016] > lots'],
    ['a list after =', 'project = (TL, MOB)'],
    ['an unknown custom field', 'cf[99999] = 1'],
    ['ORDER BY an unknown field', 'project = TL ORDER BY flavour'],
    ['nothing but ORDER BY (unbounded)', 'ORDER BY key'],
    ['an empty query (unbounded)', ''],
    ['a key that does not exist', 'key in (TL-1, TL-99999)'],
  ])('unsupported or invalid JQL: %s → 400 with Jira\'s error body', async (_what, jql) => {
    const answer = await search({ jql });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ errorMessages: [expect.any(String)], errors: {} });
  });

  it('JQL nested deeper than the bound is refused, not recursed into', async () => {
    const deep = `${'('.repeat(200)}project = TL${')'.repeat(200)}`;
    const answer = await search({ jql: deep });
    expect(answer.status).toBe(400);
    expect((answer.body as { errorMessages: string[] }).errorMessages[0]).toMatch(/nested too deeply/);
    const long = await search({ jql: `project = TL AND labels in (${Array.from({ length: 5000 }, (_, i) => `l${i}`).join(', ')})` });
    expect(long.status).toBe(400);
  });

  it('a page token from another query is a 400; a garbled one too', async () => {
    const first = (await search({ jql: 'project = TL', maxResults: 5 })).body as { nextPageToken: string };
    const other = await search({ jql: 'project = MOB', maxResults: 5, nextPageToken: first.nextPageToken });
    expect(other.status).toBe(400);
    expect(other.body).toMatchObject({ errorMessages: [expect.stringMatching(/token/)] });
    expect((await search({ jql: 'project = TL', nextPageToken: 'not-a-token' })).status).toBe(400);
  });

  it('maxResults 0 and negative are 400; a huge one is capped (100 with fields, 5,000 ids)', async () => {
    expect((await search({ jql: 'project = TL', maxResults: 0 })).status).toBe(400);
    expect((await search({ jql: 'project = TL', maxResults: -5 })).status).toBe(400);
    expect((await search({ jql: 'project = TL', maxResults: 2.5 })).status).toBe(400);
    const withFields = (await search({ jql: 'project = TL', maxResults: 1_000_000, fields: ['summary'] })).body as { issues: unknown[]; isLast: boolean };
    expect(withFields.issues).toHaveLength(100);
    expect(withFields.isLast).toBe(false);
    const idsOnly = (await search({ jql: 'project = TL', maxResults: 1_000_000 })).body as { issues: unknown[]; isLast: boolean };
    expect(idsOnly.issues).toHaveLength(218);
    expect(idsOnly.isLast).toBe(true);
    expect((await search({ jql: 'project = TL', maxResults: 'ten' })).status).toBe(400);
  });

  it('an unknown issue and an issue the user cannot browse are the same 404', async () => {
    const unknown = await call(emulator, 'GET', '/rest/api/3/issue/TL-99999', { as: NICK });
    const hidden = await call(emulator, 'GET', '/rest/api/3/issue/TL-1', { as: NICK });
    const byId = await call(emulator, 'GET', '/rest/api/3/issue/10001', { as: NICK });
    expect(unknown.status).toBe(404);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
    expect(unknown.body).toEqual(hidden.body);
    expect(byId.body).toEqual(hidden.body);
    for (const path of ['/rest/api/3/issue/TL-1/properties', '/rest/api/3/issue/TL-1/properties/throughline.theme']) {
      expect((await call(emulator, 'GET', path, { as: NICK })).body).toEqual(hidden.body);
    }
  });

  it('edit without permission is a 403 with Jira\'s body, and changes nothing', async () => {
    const before = emulator.state.findIssue('MOB-3')!.fields.summary;
    const answer = await call(emulator, 'PUT', '/rest/api/3/issue/MOB-3', { as: PAT, body: { fields: { summary: 'Hijacked' } } });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ errorMessages: ['You do not have permission to edit issues in this project.'], errors: {} });
    expect(emulator.state.findIssue('MOB-3')!.fields.summary).toBe(before);
  });

  it('unknown and unsettable fields are a 400 naming each field; nothing is half-applied', async () => {
    const before = emulator.state.findIssue('TL-20')!.fields.summary;
    const answer = await call(emulator, 'PUT', '/rest/api/3/issue/TL-20', { as: PAT, body: { fields: { summary: 'New', flavour: 'x', status: { id: '10001' }, customfield_10016: 'big' } } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      errorMessages: [],
      errors: {
        flavour: "Field 'flavour' cannot be set. It is not on the appropriate screen, or unknown.",
        status: "Field 'status' cannot be set. It is not on the appropriate screen, or unknown.",
        customfield_10016: 'Operation value must be a number',
      },
    });
    expect(emulator.state.findIssue('TL-20')!.fields.summary).toBe(before);
  });

  it('a body that is not JSON is a 400; so is one of the wrong shape', async () => {
    const notJson = await call(emulator, 'POST', '/rest/api/3/search/jql', { as: PAT, rawBody: '{"jql": project = TL' });
    expect(notJson.status).toBe(400);
    expect(notJson.body).toEqual(JIRA_ERROR);
    expect((await call(emulator, 'PUT', '/rest/api/3/issue/TL-20', { as: PAT, rawBody: 'fields=1' })).status).toBe(400);
    expect((await call(emulator, 'PUT', '/rest/api/3/issue/TL-20/properties/p', { as: PAT, rawBody: '{' })).status).toBe(400);
    expect((await call(emulator, 'POST', '/rest/api/3/issue/bulkfetch', { as: PAT, body: { issueIdsOrKeys: 'TL-1' } })).status).toBe(400);
    expect((await call(emulator, 'POST', '/rest/api/3/search/jql', { as: PAT, body: { jql: 5 } })).status).toBe(400);
  });

  it('without an identity, with an unknown user, or with both headers: refused', async () => {
    expect((await call(emulator, 'GET', '/rest/api/3/myself', { as: 'nobody' })).status).toBe(401);
    expect((await call(emulator, 'GET', '/rest/api/3/myself', { as: 'no-such-account' })).status).toBe(401);
    const both = await fetch(`${emulator.url}/rest/api/3/myself`, { headers: { 'x-emulator-account-id': PAT, 'x-emulator-as-app': 'true' } });
    expect(both.status).toBe(400);
  });

  it('the removed /rest/api/3/search is 410; unknown routes 404; wrong methods 405', async () => {
    expect((await call(emulator, 'POST', '/rest/api/3/search', { body: { jql: 'project = TL' } })).status).toBe(410);
    expect((await call(emulator, 'GET', '/rest/api/3/nothing')).status).toBe(404);
    expect((await call(emulator, 'DELETE', '/rest/api/3/field')).status).toBe(405);
  });

  it('more than 5 properties in a search, or 101 issues in a bulk fetch, are refused', async () => {
    expect((await search({ jql: 'project = TL', properties: ['a', 'b', 'c', 'd', 'e', 'f'] })).status).toBe(400);
    const keys = Array.from({ length: 101 }, (_, i) => `TL-${i + 1}`);
    expect((await call(emulator, 'POST', '/rest/api/3/issue/bulkfetch', { as: PAT, body: { issueIdsOrKeys: keys } })).status).toBe(400);
  });

  it('agile: unknown or hidden boards are 404, bad sprint states 400', async () => {
    expect((await call(emulator, 'GET', '/rest/agile/1.0/board/1/sprint', { as: NICK })).status).toBe(404);
    expect((await call(emulator, 'GET', '/rest/agile/1.0/board/77/sprint', { as: PAT })).status).toBe(404);
    expect((await call(emulator, 'GET', '/rest/agile/1.0/board/1/sprint?state=soon', { as: PAT })).status).toBe(400);
    expect((await call(emulator, 'GET', '/rest/agile/1.0/board/2/sprint', { as: PAT })).status).toBe(400);
  });
});
