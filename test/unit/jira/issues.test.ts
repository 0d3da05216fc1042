import { describe, expect, it } from 'vitest';
import { bulkFetchIssues, editIssueFields, getIssue } from '../../../src/jira/issues';
import { deleteIssueProperty, getIssueProperty, listIssuePropertyKeys, setIssueProperty } from '../../../src/jira/properties';
import { fakeJira, issue, response } from './fake-jira';

describe('getIssue', () => {
  it('reads one issue with the fields and properties asked for', async () => {
    const jira = fakeJira([response(200, { ...issue(10002, { summary: 'S' }), properties: { 'throughline.score': 3 } })]);
    const read = await getIssue(jira.client(), 'TL-1', { fields: ['summary', 'customfield_10016'], properties: ['throughline.score'] });
    expect(read).toEqual({ id: '10002', key: 'TL-10002', fields: { summary: 'S' }, properties: { 'throughline.score': 3 } });
    expect(jira.calls[0]).toMatchObject({ method: 'GET', path: '/rest/api/3/issue/TL-1?fields=summary%2Ccustomfield_10016&properties=throughline.score' });
  });

  it('a missing issue is not-found in words', async () => {
    const jira = fakeJira([response(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'] })]);
    await expect(getIssue(jira.client(), 'TL-404', { fields: ['summary'] })).rejects.toMatchObject({
      kind: 'not-found',
      message: 'Jira could not find issue TL-404, or you do not have permission to see it (HTTP 404).',
    });
  });

  it('refuses an issue key that would change the path', async () => {
    const jira = fakeJira([]);
    await expect(getIssue(jira.client(), '../../myself', { fields: ['summary'] })).rejects.toThrow(/Refused Jira path value/);
    expect(jira.calls).toHaveLength(0);
  });
});

describe('bulkFetchIssues', () => {
  it('chunks at 100 ids per call and merges, dropping repeats', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => String(10000 + i));
    const jira = fakeJira((call) => {
      const wanted = (call.body as { issueIdsOrKeys: string[] }).issueIdsOrKeys;
      return response(200, { issues: wanted.map((id) => issue(Number(id))), issueErrors: [] });
    });
    const result = await bulkFetchIssues(jira.client(), [...ids, '10000'], { fields: ['summary'] });
    expect(result.calls).toBe(3);
    expect(jira.calls.map((c) => (c.body as { issueIdsOrKeys: string[] }).issueIdsOrKeys.length)).toEqual([100, 100, 50]);
    expect(result.issues).toHaveLength(250);
    expect(jira.calls[0]!.body).toMatchObject({ fields: ['summary'], fieldsByKeys: false });
  });

  it('passes issueErrors through and tolerates a missing list', async () => {
    const jira = fakeJira([response(200, { issues: [issue(1)], issueErrors: [{ id: '2', errorMessage: 'Retry later' }] })]);
    const result = await bulkFetchIssues(jira.client(), ['1', '2'], { fields: ['summary'], properties: ['p'] });
    expect(result.issueErrors).toEqual([{ id: '2', errorMessage: 'Retry later' }]);
    expect(jira.calls[0]!.body).toMatchObject({ properties: ['p'] });
    const jira2 = fakeJira([response(200, { issues: [] })]);
    expect((await bulkFetchIssues(jira2.client(), ['1'], { fields: ['summary'] })).issueErrors).toEqual([]);
  });

  it('makes no call for no ids', async () => {
    const jira = fakeJira([]);
    expect(await bulkFetchIssues(jira.client(), [], { fields: ['summary'] })).toEqual({ issues: [], issueErrors: [], calls: 0 });
  });
});

describe('editIssueFields', () => {
  it('PUTs { fields } and accepts 204', async () => {
    const jira = fakeJira([response(204)]);
    await editIssueFields(jira.client(), 'TL-1', { customfield_10016: 5 });
    expect(jira.calls[0]).toMatchObject({ method: 'PUT', path: '/rest/api/3/issue/TL-1', body: { fields: { customfield_10016: 5 } } });
  });
  it('a field the user may not edit comes back as bad-request with Jira\'s words', async () => {
    const jira = fakeJira([response(400, { errorMessages: [], errors: { customfield_10016: "Field 'customfield_10016' cannot be set. It is not on the appropriate screen, or unknown." } })]);
    await expect(editIssueFields(jira.client(), 'TL-1', { customfield_10016: 5 })).rejects.toMatchObject({ kind: 'bad-request', fieldErrors: { customfield_10016: expect.stringContaining('cannot be set') } });
  });
  it('refuses an empty edit', async () => {
    await expect(editIssueFields(fakeJira([]).client(), 'TL-1', {})).rejects.toMatchObject({ reason: 'invalid-input' });
  });
});

describe('issue properties', () => {
  it('gets a value, or undefined when the property is not set', async () => {
    const jira = fakeJira([response(200, { key: 'throughline.score', value: { wsjf: 4 } }), response(404, { errorMessages: ['The property with key throughline.score does not exist.'] })]);
    expect(await getIssueProperty(jira.client(), 'TL-1', 'throughline.score')).toEqual({ wsjf: 4 });
    expect(await getIssueProperty(jira.client(), 'TL-1', 'throughline.score')).toBeUndefined();
    expect(jira.calls[0]!.path).toBe('/rest/api/3/issue/TL-1/properties/throughline.score');
  });

  it('sets a value (created / updated) and refuses one over 32 KB before sending', async () => {
    const jira = fakeJira([response(201), response(200)]);
    expect(await setIssueProperty(jira.client(), 'TL-1', 'throughline.score', { wsjf: 4 })).toBe('created');
    expect(await setIssueProperty(jira.client(), 'TL-1', 'throughline.score', { wsjf: 5 })).toBe('updated');
    expect(jira.calls[0]).toMatchObject({ method: 'PUT', body: { wsjf: 4 } });
    await expect(setIssueProperty(jira.client(), 'TL-1', 'big', 'x'.repeat(40_000))).rejects.toMatchObject({ kind: 'bad-request', reason: 'too-large' });
    await expect(setIssueProperty(jira.client(), 'TL-1', 'k', undefined)).rejects.toMatchObject({ reason: 'invalid-input' });
    expect(jira.calls).toHaveLength(2);
  });

  it('deletes, treating "already gone" as done', async () => {
    const jira = fakeJira([response(204), response(404)]);
    expect(await deleteIssueProperty(jira.client(), 'TL-1', 'throughline.score')).toBe(true);
    expect(await deleteIssueProperty(jira.client(), 'TL-1', 'throughline.score')).toBe(false);
    expect(jira.calls[0]!.method).toBe('DELETE');
  });

  it('lists keys, and refuses keys that would change the path', async () => {
    const jira = fakeJira([response(200, { keys: [{ key: 'issue.support', self: 'x' }] })]);
    expect(await listIssuePropertyKeys(jira.client(), 'EX-2')).toEqual(['issue.support']);
    await expect(getIssueProperty(jira.client(), 'TL-1', 'a/../b')).rejects.toThrow(/Refused/);
    await expect(getIssueProperty(jira.client(), 'TL-1', '')).rejects.toMatchObject({ reason: 'invalid-input' });
  });

  it('a 403 on a write is forbidden in words', async () => {
    const jira = fakeJira([response(403, { errorMessages: ['You do not have permission to edit issue properties.'] })]);
    await expect(setIssueProperty(jira.client(), 'TL-1', 'k', 1)).rejects.toMatchObject({ kind: 'forbidden', message: expect.stringContaining('You do not have permission in Jira for property k of issue TL-1') });
  });
});
