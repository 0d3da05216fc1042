/** Changing the site in process and over REST, and the Jira-event-like changes both produce. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD } from '../../../dev/demo-data/catalog';
import { IssueEditError } from '../../../dev/jira-emulator';
import type { EmulatorChange, JiraEmulator } from '../../../dev/jira-emulator';
import { ADA, call, PAT, startDemo } from './support';

describe('changes', () => {
  let emulator: JiraEmulator;
  const changes: EmulatorChange[] = [];
  beforeAll(async () => {
    emulator = await startDemo();
    emulator.state.onChange((change) => changes.push(change));
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('updateIssue in process changes what REST returns and fires avi:jira:updated:issue', async () => {
    changes.length = 0;
    emulator.state.updateIssue('TL-40', { [FIELD.storyPointEstimate]: 21, summary: 'Renamed in process' }, PAT);
    const issue = (await call(emulator, 'GET', `/rest/api/3/issue/TL-40?fields=summary,${FIELD.storyPointEstimate},updated`)).body as { fields: Record<string, unknown> };
    expect(issue.fields).toMatchObject({ summary: 'Renamed in process', [FIELD.storyPointEstimate]: 21, updated: '2025-11-17T12:00:00.000+0000' });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      eventType: 'avi:jira:updated:issue',
      atlassianId: PAT,
      issue: { key: 'TL-40', fields: { summary: 'Renamed in process' } },
      changelog: { items: expect.arrayContaining([expect.objectContaining({ fieldId: FIELD.storyPointEstimate, toString: '21' }), expect.objectContaining({ fieldId: 'summary' })]) },
    });
  });

  it('a REST edit fires the same event as the caller; an edit that changes nothing fires none', async () => {
    changes.length = 0;
    expect((await call(emulator, 'PUT', '/rest/api/3/issue/TL-41', { as: ADA, body: { fields: { [FIELD.businessValue]: 17 } } })).status).toBe(204);
    expect((await call(emulator, 'PUT', '/rest/api/3/issue/TL-41', { as: ADA, body: { fields: { [FIELD.businessValue]: 17 } } })).status).toBe(204);
    expect(changes.map((c) => c.eventType)).toEqual(['avi:jira:updated:issue']);
    expect(changes[0]).toMatchObject({ atlassianId: ADA });
  });

  it('selects, parents, sprints, due dates and `update: set` edit like Jira', async () => {
    const put = (fields: Record<string, unknown>) => call(emulator, 'PUT', '/rest/api/3/issue/TL-42', { as: PAT, body: { fields } });
    expect((await put({ [FIELD.riskReduction]: { value: 'Critical' }, duedate: '2025-12-24', parent: { key: 'TL-2' }, [FIELD.sprint]: 7 })).status).toBe(204);
    const issue = (await call(emulator, 'GET', `/rest/api/3/issue/TL-42?fields=${FIELD.riskReduction},duedate,parent,${FIELD.sprint}`)).body as { fields: Record<string, unknown> };
    expect(issue.fields).toMatchObject({ [FIELD.riskReduction]: { value: 'Critical', id: '10204' }, duedate: '2025-12-24', parent: { key: 'TL-2' } });
    expect((issue.fields[FIELD.sprint] as { id: number }[]).at(-1)).toMatchObject({ id: 7, state: 'future' });
    expect((await call(emulator, 'POST', '/rest/api/3/search/approximate-count', { as: PAT, body: { jql: 'parent = TL-2 AND key = TL-42' } })).body).toEqual({ count: 1 });

    expect((await put({ [FIELD.riskReduction]: { value: 'Enormous' } })).status).toBe(400);
    expect((await put({ parent: { key: 'TL-43' } })).status).toBe(400); // a story cannot parent a story
    expect((await put({ [FIELD.sprint]: 1 })).status).toBe(400); // closed sprint
    expect((await put({ duedate: '24/12/2025' })).status).toBe(400);
    expect((await put({ [FIELD.priorityScore]: 3 })).status).toBe(400); // app fields are set through /app/field only
    const viaUpdate = await call(emulator, 'PUT', '/rest/api/3/issue/TL-42', { as: PAT, body: { update: { labels: [{ set: ['quick-win'] }] } } });
    expect(viaUpdate.status).toBe(204);
    expect(emulator.state.findIssue('TL-42')!.fields.labels).toEqual(['quick-win']);
  });

  it('links and unlinks in process, with issuelink events that triggers can use', async () => {
    changes.length = 0;
    const linkId = emulator.state.addBlocker('TL-150', 'TL-151', ADA);
    expect(changes.at(-1)).toMatchObject({ eventType: 'avi:jira:created:issuelink', issueLink: { id: linkId, sourceIssueId: '10151', destinationIssueId: '10150', issueLinkType: { name: 'Blocks' } } });
    const blocked = (await call(emulator, 'GET', '/rest/api/3/issue/TL-150?fields=issuelinks')).body as { fields: { issuelinks: Record<string, unknown>[] } };
    expect(blocked.fields.issuelinks).toContainEqual(expect.objectContaining({ id: linkId, inwardIssue: expect.objectContaining({ key: 'TL-151' }) }));
    emulator.state.unlinkIssues(linkId, ADA);
    expect(changes.at(-1)).toMatchObject({ eventType: 'avi:jira:deleted:issuelink' });
    const after = (await call(emulator, 'GET', '/rest/api/3/issue/TL-150?fields=issuelinks')).body as { fields: { issuelinks: { id: string }[] } };
    expect(after.fields.issuelinks.map((l) => l.id)).not.toContain(linkId);
  });

  it('transitions set the resolution; sprints start and close; issues can be created', async () => {
    changes.length = 0;
    emulator.state.transitionIssue('TL-160', 'Done', PAT);
    expect((await call(emulator, 'POST', '/rest/api/3/search/approximate-count', { body: { jql: 'key = TL-160 AND resolution is not EMPTY AND statusCategory = Done' } })).body).toEqual({ count: 1 });
    emulator.state.transitionIssue('TL-160', 'In Progress', PAT);
    expect(emulator.state.findIssue('TL-160')!.fields.resolution).toBeNull();

    emulator.state.setSprintState(7, 'active');
    expect(changes.at(-1)).toMatchObject({ eventType: 'avi:jira-software:started:sprint', sprint: { id: 7, state: 'active' } });
    const sprints = (await call(emulator, 'GET', '/rest/agile/1.0/board/1/sprint?state=active')).body as { values: { id: number }[] };
    expect(sprints.values.map((s) => s.id)).toEqual([6, 7]);
    emulator.state.setSprintState(7, 'future');

    const key = emulator.state.createIssue({ projectKey: 'MOB', issueType: 'Story', summary: 'Made in a test', parentKey: 'MOB-2', asAccountId: ADA });
    expect(key).toBe('MOB-15');
    expect(changes.at(-1)).toMatchObject({ eventType: 'avi:jira:created:issue', issue: { key: 'MOB-15' } });
    expect((await call(emulator, 'GET', '/rest/api/3/issue/MOB-15?fields=parent,issuetype')).body).toMatchObject({ fields: { parent: { key: 'MOB-2' }, issuetype: { id: '10101' } } });
    expect(() => emulator.state.createIssue({ projectKey: 'MOB', issueType: 'Story', summary: 'x', parentKey: 'TL-13' })).toThrow(IssueEditError);
  });

  it('issue properties: PUT over REST fires a property change; app field values are searchable and sortable', async () => {
    changes.length = 0;
    expect((await call(emulator, 'PUT', '/rest/api/3/issue/TL-11/properties/throughline.theme', { as: ADA, body: { themeId: 'theme-platform' } })).status).toBe(201);
    expect(changes.at(-1)).toMatchObject({ eventType: 'emulator:set:issue-property', propertyKey: 'throughline.theme', value: { themeId: 'theme-platform' }, atlassianId: ADA });
    expect((await call(emulator, 'POST', '/rest/api/3/search/approximate-count', { as: PAT, body: { jql: 'issue.property[throughline.theme].themeId = "theme-platform"' } })).body).toEqual({ count: 3 });

    const updates = [
      { customField: FIELD.priorityScore, issueIds: [10013], value: 9.5 },
      { customField: FIELD.priorityScore, issueIds: [10014, 10015], value: 4 },
    ];
    expect((await call(emulator, 'POST', '/rest/api/3/app/field/value', { body: { updates } })).status).toBe(204);
    const ranked = (await call(emulator, 'POST', '/rest/api/3/search/jql', { as: PAT, body: { jql: 'cf[10100] > 3 ORDER BY cf[10100] DESC, key', fields: [FIELD.priorityScore] } })).body as { issues: { key: string }[] };
    expect(ranked.issues.map((i) => i.key)).toEqual(['TL-13', 'TL-14', 'TL-15']);
  });
});
