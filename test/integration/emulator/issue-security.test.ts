/**
 * Issue-level security in the emulator: an issue with a level is seen only by the level's members
 * (who may also browse the project), everywhere an issue can be seen; the app sees everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorChange, JiraEmulator } from '../../../dev/jira-emulator';
import { securedDemo } from './secured-demo';
import { ADA, call, PAT, searchAll, startDemo } from './support';

// With TL-213 and TL-215, the subtasks of TL-57 and TL-59, which have their parents' level.
const HIDDEN = ['TL-12', 'TL-57', 'TL-59', 'TL-213', 'TL-215'];

describe('issue security levels', () => {
  let emulator: JiraEmulator;
  const changes: EmulatorChange[] = [];
  beforeAll(async () => {
    emulator = await startDemo({ dataset: securedDemo() });
    emulator.state.onChange((change) => changes.push(change));
  });
  afterAll(async () => {
    await emulator.close();
  });

  const count = async (jql: string, as: string): Promise<number> =>
    ((await call(emulator, 'POST', '/rest/api/3/search/approximate-count', { as, body: { jql } })).body as { count: number }).count;
  const keys = async (jql: string, as: string): Promise<string[]> =>
    (await searchAll(emulator, jql, as, { fields: ['key'] })).issues.map((issue) => issue.key as string);

  it('renders fields.security as Jira does and lists the field (clause name level)', async () => {
    const secured = (await call(emulator, 'GET', '/rest/api/3/issue/TL-57?fields=security')).body as { fields: Record<string, unknown> };
    expect(secured.fields.security).toEqual({ self: `${emulator.state.baseUrl}/rest/api/3/securitylevel/10600`, id: '10600', name: 'Staff', description: 'Staff only' });
    const subtask = (await call(emulator, 'GET', '/rest/api/3/issue/TL-213?fields=security')).body as { fields: Record<string, unknown> };
    expect(subtask.fields.security).toMatchObject({ id: '10600' }); // a subtask has its parent's level
    const open = (await call(emulator, 'GET', '/rest/api/3/issue/TL-40')).body as { fields: Record<string, unknown> };
    expect(open.fields.security).toBeNull();
    const fields = (await call(emulator, 'GET', '/rest/api/3/field')).body as { id: string; clauseNames: string[] }[];
    expect(fields.find((f) => f.id === 'security')).toMatchObject({ clauseNames: ['level'], schema: { type: 'securitylevel', system: 'security' } });
  });

  it('hides the issue from a user outside the level: get, properties, bulk fetch, search, counts, sprint lists', async () => {
    expect((await call(emulator, 'GET', '/rest/api/3/issue/TL-57', { as: PAT })).status).toBe(404);
    expect((await call(emulator, 'GET', '/rest/api/3/issue/TL-213', { as: PAT })).status).toBe(404);
    expect((await call(emulator, 'GET', '/rest/api/3/issue/TL-57', { as: ADA })).status).toBe(200);
    expect((await call(emulator, 'GET', '/rest/api/3/issue/TL-12/properties', { as: PAT })).status).toBe(404);
    expect((await call(emulator, 'GET', '/rest/api/3/issue/TL-12/properties/throughline.theme', { as: PAT })).status).toBe(404);
    expect((await call(emulator, 'GET', '/rest/api/3/issue/TL-12/properties', { as: ADA })).status).toBe(200);

    const bulk = (as: string) => call(emulator, 'POST', '/rest/api/3/issue/bulkfetch', { as, body: { issueIdsOrKeys: ['TL-57', 'TL-40', 'TL-59'], fields: ['summary'] } });
    expect(((await bulk(PAT)).body as { issues: { key: string }[] }).issues.map((i) => i.key)).toEqual(['TL-40']);
    expect(((await bulk(ADA)).body as { issues: unknown[] }).issues).toHaveLength(3);

    const all = await count('project = TL', 'app');
    expect(await count('project = TL', ADA)).toBe(all);
    expect(await count('project = TL', PAT)).toBe(all - HIDDEN.length);
    const patKeys = await keys('project = TL', PAT);
    for (const key of HIDDEN) expect(patKeys).not.toContain(key);

    // The active sprint's list (what a board's sprint view searches): TL-57 is in it.
    expect(await keys('sprint in openSprints()', ADA)).toContain('TL-57');
    expect(await keys('sprint in openSprints()', PAT)).not.toContain('TL-57');
    const hiddenInSprint = (await keys('sprint in openSprints()', 'app')).filter((key) => HIDDEN.includes(key));
    expect(await count('sprint in openSprints()', PAT)).toBe((await count('sprint in openSprints()', 'app')) - hiddenInSprint.length);
    // JQL cannot name an issue the caller cannot see, as for one in a project they cannot browse.
    expect((await call(emulator, 'POST', '/rest/api/3/search/jql', { as: PAT, body: { jql: 'key = TL-57' } })).status).toBe(400);
    expect((await call(emulator, 'POST', '/rest/api/3/search/jql', { as: PAT, body: { jql: 'parent = TL-12' } })).status).toBe(400);
  });

  it('leaves hidden issues out of links, parents and subtasks rendered on issues the user can see', async () => {
    const view = async (key: string, as: string) => ((await call(emulator, 'GET', `/rest/api/3/issue/${key}?fields=issuelinks,parent,subtasks`, { as })).body as { fields: Record<string, unknown> }).fields;
    const linkedKeys = (fields: Record<string, unknown>) =>
      (fields.issuelinks as { inwardIssue?: { key: string }; outwardIssue?: { key: string } }[]).map((l) => (l.inwardIssue ?? l.outwardIssue)?.key);
    expect(linkedKeys(await view('TL-67', ADA))).toContain('TL-59');
    expect(linkedKeys(await view('TL-67', PAT))).not.toContain('TL-59');
    expect((await view('TL-40', ADA)).parent).toMatchObject({ key: 'TL-12' });
    expect(await view('TL-40', PAT)).not.toHaveProperty('parent');
  });

  it('the app sees every issue', async () => {
    for (const key of HIDDEN) expect((await call(emulator, 'GET', `/rest/api/3/issue/${key}`)).status).toBe(200);
    expect(await keys('level IS NOT EMPTY', 'app')).toEqual(expect.arrayContaining(HIDDEN));
  });

  it('JQL: level IS [NOT] EMPTY, level = "Name", level in (…); a user names only their own levels', async () => {
    expect((await keys('level IS NOT EMPTY', ADA)).sort()).toEqual([...HIDDEN].sort());
    expect(await keys('level = "Staff"', ADA)).toHaveLength(HIDDEN.length);
    expect(await keys('level = 10600 AND issuetype = Epic', ADA)).toEqual(['TL-12']);
    expect(await keys('level in (Staff, Leads) AND key = TL-57', ADA)).toEqual(['TL-57']);
    expect(await count('project = TL AND level IS EMPTY', ADA)).toBe((await count('project = TL', 'app')) - HIDDEN.length);
    expect(await keys('level IS NOT EMPTY', PAT)).toEqual([]);
    const unknownToPat = await call(emulator, 'POST', '/rest/api/3/search/jql', { as: PAT, body: { jql: 'level = Staff' } });
    expect(unknownToPat.status).toBe(400);
    expect((await call(emulator, 'POST', '/rest/api/3/search/jql', { as: PAT, body: { jql: 'level = Leads' } })).status).toBe(200);
  });

  it('setIssueSecurityLevel changes who sees the issue and emits an update with a `security` item', async () => {
    changes.length = 0;
    emulator.state.setIssueSecurityLevel('TL-40', '10600', ADA);
    expect((await call(emulator, 'GET', '/rest/api/3/issue/TL-40', { as: PAT })).status).toBe(404);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      eventType: 'avi:jira:updated:issue',
      atlassianId: ADA,
      issue: { key: 'TL-40', fields: { security: { id: '10600', name: 'Staff' } } },
      changelog: { items: [{ field: 'security', fieldId: 'security', fieldtype: 'jira', from: null, fromString: null, to: '10600', toString: 'Staff' }] },
    });
    emulator.state.setIssueSecurityLevel('TL-40', 'Leads');
    expect((await call(emulator, 'GET', '/rest/api/3/issue/TL-40', { as: PAT })).status).toBe(200);
    emulator.state.setIssueSecurityLevel('TL-40', null);
    expect(changes.at(-1)).toMatchObject({ changelog: { items: [{ field: 'security', from: '10601', fromString: 'Leads', to: null, toString: null }] } });
    emulator.state.setIssueSecurityLevel('TL-40', null);
    expect(changes).toHaveLength(3); // no change, no event
    expect(() => { emulator.state.setIssueSecurityLevel('MOB-5', '10600'); }).toThrow(/not valid for project MOB/);
    expect(() => { emulator.state.setIssueSecurityLevel('TL-213', null); }).toThrow(/subtask/);
  });

  it('GET /project/{key}/issuesecuritylevelscheme: the scheme for project admins, 403 for others, 404 without one', async () => {
    const scheme = await call(emulator, 'GET', '/rest/api/3/project/TL/issuesecuritylevelscheme', { as: ADA });
    expect(scheme.status).toBe(200);
    expect(scheme.body).toMatchObject({ id: 10500, name: 'Throughline security', levels: [{ id: '10600', name: 'Staff' }, { id: '10601', name: 'Leads' }] });
    expect((await call(emulator, 'GET', '/rest/api/3/project/TL/issuesecuritylevelscheme', { as: PAT })).status).toBe(403);
    expect((await call(emulator, 'GET', '/rest/api/3/project/MOB/issuesecuritylevelscheme')).status).toBe(404);
  });

  it('refuses a dataset whose levels point nowhere', async () => {
    const broken = securedDemo();
    broken.issues = broken.issues.map((issue) => (issue.key === 'MOB-5' ? { ...issue, securityLevelId: '10600' } : issue));
    await expect(startDemo({ dataset: broken })).rejects.toThrow(/securityLevelId: level 10600 is not in the issue security scheme of project MOB/);
  });
});
