import { describe, expect, it } from 'vitest';
import { listBoards, listSprints } from '../../../src/jira/agile';
import { checkPermissions, getMyPermissions, issuesGranted } from '../../../src/jira/permissions';
import { fakeJira, response } from './fake-jira';

describe('getMyPermissions', () => {
  it('asks for the keys in one scope and answers true/false for each', async () => {
    const jira = fakeJira([response(200, { permissions: { EDIT_ISSUES: { havePermission: true, key: 'EDIT_ISSUES' }, BROWSE_PROJECTS: { havePermission: false } } })]);
    const answer = await getMyPermissions(jira.client(), ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'ADMINISTER'], { issueKey: 'TL-1' });
    expect(answer).toEqual({ BROWSE_PROJECTS: false, EDIT_ISSUES: true, ADMINISTER: false });
    expect(jira.calls[0]!.path).toBe('/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS%2CEDIT_ISSUES%2CADMINISTER&issueKey=TL-1');
  });
  it('needs at least one key', async () => {
    await expect(getMyPermissions(fakeJira([]).client(), [])).rejects.toMatchObject({ reason: 'invalid-input' });
  });
});

describe('checkPermissions', () => {
  it('sends numeric ids and indexes the grants', async () => {
    const jira = fakeJira([response(200, { globalPermissions: [], projectPermissions: [{ permission: 'EDIT_ISSUES', issues: [10010], projects: [] }] })]);
    const grants = await checkPermissions(jira.client(), { accountId: '5b10a2844c20165700ede21g', projectPermissions: [{ permissions: ['EDIT_ISSUES'], issues: ['10010', 10011] }] });
    expect(jira.calls[0]!.body).toEqual({ accountId: '5b10a2844c20165700ede21g', projectPermissions: [{ permissions: ['EDIT_ISSUES'], issues: [10010, 10011] }] });
    expect(issuesGranted(grants, 'EDIT_ISSUES', ['10010', '10011'])).toEqual(['10010']);
    expect(issuesGranted(grants, 'BROWSE_PROJECTS', ['10010'])).toEqual([]);
  });
  it('refuses keys where ids are needed, and an empty check', async () => {
    await expect(checkPermissions(fakeJira([]).client(), { projectPermissions: [{ permissions: ['EDIT_ISSUES'], issues: ['TL-1'] }] })).rejects.toThrow(/numeric issue ids/);
    await expect(checkPermissions(fakeJira([]).client(), {})).rejects.toMatchObject({ reason: 'invalid-input' });
  });
});

describe('Agile boards and sprints', () => {
  it('pages boards with startAt until isLast', async () => {
    const jira = fakeJira([
      response(200, { startAt: 0, maxResults: 50, isLast: false, values: Array.from({ length: 50 }, (_, i) => ({ id: i + 1, name: `B${i + 1}`, type: 'scrum' })) }),
      response(200, { startAt: 50, maxResults: 50, isLast: true, values: [{ id: 51, name: 'B51', type: 'kanban' }] }),
    ]);
    const boards = await listBoards(jira.client(), { projectKeyOrId: 'TL' });
    expect(boards).toHaveLength(51);
    expect(jira.calls.map((c) => c.path)).toEqual([
      '/rest/agile/1.0/board?projectKeyOrId=TL&startAt=0&maxResults=50',
      '/rest/agile/1.0/board?projectKeyOrId=TL&startAt=50&maxResults=50',
    ]);
  });

  it('asks for sprints by state', async () => {
    const jira = fakeJira([response(200, { maxResults: 50, startAt: 0, isLast: true, values: [{ id: 37, name: 'Sprint 1', state: 'active', startDate: '2026-03-01T00:00:00.000Z', originBoardId: 5 }] })]);
    const sprints = await listSprints(jira.client(), 5, ['active', 'future']);
    expect(sprints[0]).toMatchObject({ id: 37, state: 'active' });
    expect(jira.calls[0]!.path).toBe('/rest/agile/1.0/board/5/sprint?state=active%2Cfuture&startAt=0&maxResults=50');
  });

  it('ends on an empty page or on total when isLast is missing; rejects an unknown sprint state', async () => {
    const jira = fakeJira([response(200, { startAt: 0, maxResults: 50, values: [{ id: 1, name: 'S', state: 'closed' }], total: 1 })]);
    expect(await listSprints(jira.client(), 1, ['closed'])).toHaveLength(1);
    const empty = fakeJira([response(200, { isLast: false, values: [] })]);
    expect(await listSprints(empty.client(), 1)).toEqual([]);
    const odd = fakeJira([response(200, { isLast: true, values: [{ id: 1, name: 'S', state: 'paused' }] })]);
    await expect(listSprints(odd.client(), 1)).rejects.toMatchObject({ reason: 'schema' });
  });

  it('a Kanban board asked for sprints answers 400: bad-request with Jira\'s words', async () => {
    const jira = fakeJira([response(400, { errorMessages: ['The board does not support sprints'] })]);
    await expect(listSprints(jira.client(), 9)).rejects.toMatchObject({ kind: 'bad-request', errorMessages: ['The board does not support sprints'] });
  });
});
