/**
 * Deleting, moving and retyping issues in the emulator, with the events Jira sends for them, and
 * the local Forge runtime delivering `avi:jira:deleted:issue` to a trigger subscribed to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IssueEditError } from '../../../dev/jira-emulator';
import type { EmulatorChange, JiraEmulator } from '../../../dev/jira-emulator';
import { Scheduler } from '../../../dev/forge-runtime/delivery';
import { TriggerDispatcher } from '../../../dev/forge-runtime/triggers';
import type { TriggerDefinition } from '../../../dev/forge-runtime/manifest';
import { ADA, call, NICK, PAT, startDemo } from './support';

describe('issue lifecycle', () => {
  let emulator: JiraEmulator;
  const changes: EmulatorChange[] = [];
  beforeAll(async () => {
    emulator = await startDemo();
    emulator.state.onChange((change) => changes.push(change));
  });
  afterAll(async () => {
    await emulator.close();
  });

  const children = (key: string) => [...emulator.state.allIssues()].filter((issue) => issue.parentId === emulator.state.findIssue(key)?.id).map((issue) => issue.key);

  it('DELETE /issue: 400 with subtasks unless deleteSubtasks=true, then 204; gone with its subtasks, links and properties', async () => {
    const subtasks = children('TL-57');
    expect(subtasks.length).toBeGreaterThan(0);
    const refused = await call(emulator, 'DELETE', '/rest/api/3/issue/TL-57', { as: PAT });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ errorMessages: ["The issue 'TL-57' has subtasks. You must specify the 'deleteSubtasks' parameter to delete this issue with all its subtasks."], errors: {} });
    expect((await call(emulator, 'DELETE', '/rest/api/3/issue/TL-57', { as: NICK })).status).toBe(404); // cannot browse TL
    changes.length = 0;
    expect((await call(emulator, 'DELETE', '/rest/api/3/issue/TL-57?deleteSubtasks=true', { as: PAT })).status).toBe(204);
    for (const key of ['TL-57', ...subtasks]) expect((await call(emulator, 'GET', `/rest/api/3/issue/${key}`)).status).toBe(404);
    expect(changes.map((c) => [c.eventType, 'issue' in c ? c.issue.key : ''])).toEqual([
      ...subtasks.map((key) => ['avi:jira:deleted:issue', key]),
      ['avi:jira:deleted:issue', 'TL-57'],
    ]);
    expect(changes.at(-1)).toMatchObject({
      atlassianId: PAT,
      issue: { id: '10057', key: 'TL-57', fields: { summary: expect.any(String), issuetype: { name: 'Story' }, parent: { key: 'TL-12' }, status: expect.any(Object) } },
    });
    expect((await call(emulator, 'POST', '/rest/api/3/search/approximate-count', { body: { jql: 'parent = TL-12 AND key = TL-40' } })).status).toBe(200);

    // Links go with the issue: the other end no longer shows them.
    const [link] = emulator.state.linksOf(emulator.state.findIssue('TL-67')!.id);
    const otherId = link!.fromId === emulator.state.findIssue('TL-67')!.id ? link!.toId : link!.fromId;
    emulator.state.deleteIssue('TL-67');
    expect(emulator.state.linksOf(otherId).map((l) => l.id)).not.toContain(link!.id);
    expect(changes.at(-1)).not.toHaveProperty('atlassianId'); // the app did it
  });

  it("deleting an epic leaves its children without a parent and without an event of their own", async () => {
    const kids = children('TL-2');
    expect(kids.length).toBeGreaterThan(3);
    expect(emulator.state.findIssue('TL-2')!.properties.size).toBeGreaterThan(0);
    changes.length = 0;
    emulator.state.deleteIssue('TL-2', ADA);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ eventType: 'avi:jira:deleted:issue', atlassianId: ADA, issue: { key: 'TL-2', fields: { issuetype: { name: 'Epic' } } } });
    const kid = (await call(emulator, 'GET', `/rest/api/3/issue/${kids[0]!}?fields=parent`)).body as { fields: Record<string, unknown> };
    expect(kid.fields).not.toHaveProperty('parent');
    expect((await call(emulator, 'GET', '/rest/api/3/issue/TL-2/properties')).status).toBe(404);
    expect((await call(emulator, 'POST', '/rest/api/3/search/jql', { body: { jql: 'parent = TL-2' } })).status).toBe(400);
    expect(() => { emulator.state.deleteIssue('TL-2'); }).toThrow(IssueEditError);
  });

  it('a user who may browse but not edit cannot delete (403)', async () => {
    expect((await call(emulator, 'DELETE', '/rest/api/3/issue/MOB-5', { as: PAT })).status).toBe(403);
    expect((await call(emulator, 'DELETE', '/rest/api/3/issue/MOB-5?deleteSubtasks=maybe', { as: NICK })).status).toBe(400);
  });

  it('moveIssue: the next key of the target, the old key still answers, parent kept or cleared as Jira allows, one update event', async () => {
    // TL-40 (a story under TL-12) to team-managed MOB: a parent in another project is not allowed there.
    changes.length = 0;
    const newKey = emulator.state.moveIssue('TL-40', 'MOB', { asAccountId: ADA });
    expect(newKey).toMatch(/^MOB-\d+$/);
    const byOldKey = await call(emulator, 'GET', '/rest/api/3/issue/TL-40?fields=project,issuetype,parent');
    expect(byOldKey.status).toBe(200);
    expect(byOldKey.body).toMatchObject({ id: '10040', key: newKey, fields: { project: { key: 'MOB' }, issuetype: { name: 'Story', id: '10101' } } });
    expect((byOldKey.body as { fields: object }).fields).not.toHaveProperty('parent');
    expect(changes).toHaveLength(1);
    expect(changes[0] as unknown).toMatchObject({
      eventType: 'avi:jira:updated:issue',
      atlassianId: ADA,
      issue: { key: newKey },
      changelog: {
        items: [
          { field: 'project', from: '10000', fromString: 'Throughline Demo', to: '10001', toString: 'Mobile Squad' },
          { field: 'Key', fromString: 'TL-40', toString: newKey },
          { field: 'issuetype', from: '10001', to: '10101' },
          { field: 'IssueParentAssociation', from: '10012', fromString: 'TL-12', to: null, toString: null },
        ] as Record<string, unknown>[],
      },
    });
    expect((await call(emulator, 'POST', '/rest/api/3/search/approximate-count', { body: { jql: `project = MOB AND key = ${newKey}` } })).body).toEqual({ count: 1 });
    // A new TL issue does not take the moved issue's old key.
    expect(emulator.state.createIssue({ projectKey: 'TL', issueType: 'Task', summary: 'After the move' })).not.toBe('TL-40');
  });

  it('a move that breaks the children, or to an unknown project, is refused', () => {
    expect(() => emulator.state.moveIssue('TL-12', 'MOB', { issueType: 'Story' })).toThrow(IssueEditError);
    expect(() => emulator.state.moveIssue('TL-42', 'NOPE')).toThrow(/does not exist/);
  });

  it('an edit of parent emits Jira\'s IssueParentAssociation item', async () => {
    changes.length = 0;
    expect((await call(emulator, 'PUT', '/rest/api/3/issue/TL-41', { as: PAT, body: { fields: { parent: { key: 'TL-1' } } } })).status).toBe(204);
    const item = (changes[0] as unknown as { changelog: { items: Record<string, unknown>[] } }).changelog.items[0];
    expect(item).toMatchObject({ field: 'IssueParentAssociation', fieldtype: 'jira', to: '10001', toString: 'TL-1' });
  });

  it('changeIssueType: an issuetype item; refused when the parent or children would not fit', () => {
    changes.length = 0;
    emulator.state.changeIssueType('TL-41', 'Bug', PAT);
    expect(changes[0]).toMatchObject({ eventType: 'avi:jira:updated:issue', atlassianId: PAT, changelog: { items: [{ field: 'issuetype', fieldId: 'issuetype', from: '10001', fromString: 'Story', to: '10004', toString: 'Bug' }] } });
    expect(() => { emulator.state.changeIssueType('TL-1', 'Story'); }).toThrow(/child issues/); // an epic with children
    expect(() => { emulator.state.changeIssueType('TL-41', 'Epic'); }).toThrow(IssueEditError); // its parent is an epic
    expect(() => { emulator.state.changeIssueType('TL-41', 'Sub-task'); }).toThrow(IssueEditError);
    expect(() => { emulator.state.changeIssueType('TL-41', 'Feature'); }).toThrow(/not in project TL/);
    expect(changes).toHaveLength(1);
  });

  it('the Forge runtime delivers avi:jira:deleted:issue to a trigger subscribed to it', async () => {
    const trigger: TriggerDefinition = { key: 'issue-deleted', functionKey: 'on-deleted', events: ['avi:jira:deleted:issue'], ignoreSelf: false, expression: undefined };
    const received: Record<string, unknown>[] = [];
    const scheduler = new Scheduler({ timeScale: 0.001, maxRetries: 0, duplicateDeliveries: false });
    const dispatcher = new TriggerDispatcher([trigger], 'cloud-1', (_t, event) => {
      received.push(event);
      return Promise.resolve({ success: true, body: null });
    }, scheduler, { error: () => undefined });
    const deleted = emulator.state.createIssue({ projectKey: 'TL', issueType: 'Task', summary: 'Short-lived' });
    let pending: Promise<unknown> = Promise.resolve();
    const stop = emulator.state.onChange((change) => {
      pending = dispatcher.dispatch(JSON.parse(JSON.stringify(change)) as typeof change);
    });
    emulator.state.deleteIssue(deleted, ADA);
    stop();
    await pending;
    expect(received).toEqual([expect.objectContaining({ eventType: 'avi:jira:deleted:issue', atlassianId: ADA, issue: expect.objectContaining({ key: deleted }), context: { cloudId: 'cloud-1', moduleKey: 'issue-deleted' } })]);
  });
});
