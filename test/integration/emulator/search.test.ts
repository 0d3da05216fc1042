/** Search as the app's client sees it: JQL meaning, paging, and who sees what. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD } from '../../../dev/demo-data/catalog';
import type { JiraEmulator } from '../../../dev/jira-emulator';
import { call, DEMO_DATASET, NICK, PAT, searchAll, startDemo } from './support';

interface RawIssue {
  id: string;
  key: string;
  fields: Record<string, unknown>;
  properties?: Record<string, unknown>;
}

const raw = JSON.parse(readFileSync(DEMO_DATASET, 'utf8')) as { issues: RawIssue[]; statuses: { id: string; statusCategory: { key: string } }[]; sprints: { id: number; state: string }[] };
const categoryOf = (issue: RawIssue): string => raw.statuses.find((s) => s.id === (issue.fields.status as { id: string }).id)?.statusCategory.key ?? '';
const inProject = (key: string) => (issue: RawIssue): boolean => issue.key.startsWith(`${key}-`);
const sprintIds = (issue: RawIssue): number[] => ((issue.fields[FIELD.sprint] ?? []) as { id: number }[]).map((s) => s.id);
const keysOf = (issues: RawIssue[]): string[] => issues.map((i) => i.key).sort();

describe('JQL through /search/jql', () => {
  let emulator: JiraEmulator;
  beforeAll(async () => {
    emulator = await startDemo();
  });
  afterAll(async () => {
    await emulator.close();
  });

  async function keys(jql: string, as: string = PAT): Promise<string[]> {
    const { issues } = await searchAll(emulator, jql, as, { fields: ['summary'], maxResults: 100 });
    return issues.map((i) => i.key as string).sort();
  }

  const tl = raw.issues.filter(inProject('TL'));
  it.each<[string, (issue: RawIssue) => boolean]>([
    ['project = TL', inProject('TL')],
    ['project in (TL, MOB)', () => true],
    ['project = 10001', inProject('MOB')],
    ['project = TL AND issuetype = Epic', (i) => inProject('TL')(i) && (i.fields.issuetype as { id: string }).id === '10000'],
    ['issuetype = Epic', (i) => ['10000', '10100'].includes((i.fields.issuetype as { id: string }).id)],
    ['project = TL AND issuetype in (Story, Bug)', (i) => inProject('TL')(i) && ['10001', '10004'].includes((i.fields.issuetype as { id: string }).id)],
    ['parent = TL-1', (i) => (i.fields.parent as { key?: string } | undefined)?.key === 'TL-1'],
    ['parent in (TL-1, TL-2)', (i) => ['TL-1', 'TL-2'].includes((i.fields.parent as { key?: string } | undefined)?.key ?? '')],
    ['key in (TL-1, TL-5, MOB-2)', (i) => ['TL-1', 'TL-5', 'MOB-2'].includes(i.key)],
    ['id in (10001, 10002)', (i) => ['10001', '10002'].includes(i.id)],
    ['sprint in openSprints()', (i) => sprintIds(i).includes(6)],
    ['sprint in futureSprints()', (i) => sprintIds(i).includes(7)],
    ['sprint in closedSprints()', (i) => sprintIds(i).some((id) => id <= 5)],
    ['sprint = 3', (i) => sprintIds(i).includes(3)],
    ['sprint = "TL Sprint 4"', (i) => sprintIds(i).includes(4)],
    ['project = TL AND sprint is EMPTY', (i) => inProject('TL')(i) && sprintIds(i).length === 0],
    ['project = TL AND statusCategory = Done', (i) => inProject('TL')(i) && categoryOf(i) === 'done'],
    ['project = TL AND statusCategory != Done', (i) => inProject('TL')(i) && categoryOf(i) !== 'done'],
    ['project = TL AND statusCategory in ("To Do", "In Progress")', (i) => inProject('TL')(i) && categoryOf(i) !== 'done'],
    ['project = TL AND resolution is EMPTY', (i) => inProject('TL')(i) && i.fields.resolution === null],
    ['project = TL AND resolution is not EMPTY', (i) => inProject('TL')(i) && i.fields.resolution !== null],
    ['cf[10016] > 3', (i) => typeof i.fields[FIELD.storyPointEstimate] === 'number' && (i.fields[FIELD.storyPointEstimate] as number) > 3],
    ['customfield_10026 >= 5', (i) => typeof i.fields[FIELD.storyPoints] === 'number' && (i.fields[FIELD.storyPoints] as number) >= 5],
    ['cf[10016] = 8', (i) => i.fields[FIELD.storyPointEstimate] === 8],
    ['cf[10016] != 8', (i) => typeof i.fields[FIELD.storyPointEstimate] === 'number' && i.fields[FIELD.storyPointEstimate] !== 8],
    ['project = TL AND cf[10016] is EMPTY', (i) => inProject('TL')(i) && (i.fields[FIELD.storyPointEstimate] ?? null) === null],
    ['"Story point estimate" <= 2', (i) => typeof i.fields[FIELD.storyPointEstimate] === 'number' && (i.fields[FIELD.storyPointEstimate] as number) <= 2],
    ['issue.property[throughline.theme].themeId = "theme-insights"', (i) => (i.properties?.['throughline.theme'] as { themeId?: string } | undefined)?.themeId === 'theme-insights'],
    ['issuetype = Epic AND issue.property[throughline.theme].themeId is EMPTY', (i) => ['10000', '10100'].includes((i.fields.issuetype as { id: string }).id) && i.properties?.['throughline.theme'] === undefined],
    ['labels = ux', (i) => ((i.fields.labels ?? []) as string[]).includes('ux')],
    ['labels in (ux, tech-debt)', (i) => ((i.fields.labels ?? []) as string[]).some((l) => ['ux', 'tech-debt'].includes(l))],
    ['project = TL AND labels is EMPTY', (i) => inProject('TL')(i) && ((i.fields.labels ?? []) as string[]).length === 0],
    ['project = TL AND NOT statusCategory = Done', (i) => inProject('TL')(i) && categoryOf(i) !== 'done'],
    ['(parent = TL-1 OR parent = TL-3) AND statusCategory = Done', (i) => ['TL-1', 'TL-3'].includes((i.fields.parent as { key?: string } | undefined)?.key ?? '') && categoryOf(i) === 'done'],
    ['project = TL and issuetype = epic or project = MOB and issuetype = epic', (i) => ['10000', '10100'].includes((i.fields.issuetype as { id: string }).id)],
    ['cf[10052] = High', (i) => (i.fields[FIELD.riskReduction] as { value?: string } | null)?.value === 'High'],
    ['duedate <= "2025-11-30" AND project = TL', (i) => inProject('TL')(i) && typeof i.fields.duedate === 'string' && i.fields.duedate <= '2025-11-30'],
  ])('%s', async (jql, expected) => {
    expect(await keys(jql)).toEqual(keysOf(raw.issues.filter(expected)));
  });

  it('ORDER BY sorts by custom numbers, key, created; empty values go last', async () => {
    const byPoints = (await searchAll(emulator, 'project = TL ORDER BY cf[10016] DESC, key ASC', PAT, { fields: [FIELD.storyPointEstimate], maxResults: 100 })).issues;
    const points = byPoints.map((i) => (i.fields as Record<string, unknown>)[FIELD.storyPointEstimate] as number | null);
    const numbers = points.filter((p): p is number => p !== null);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(points.slice(numbers.length).every((p) => p === null)).toBe(true);

    const byKey = (await searchAll(emulator, 'project = TL ORDER BY key', PAT, { fields: ['summary'], maxResults: 100 })).issues.map((i) => Number((i.key as string).split('-')[1]));
    expect(byKey).toEqual(tl.map((i) => Number(i.key.split('-')[1])).sort((a, b) => a - b));

    const byCreated = (await searchAll(emulator, 'project = TL ORDER BY created DESC', PAT, { fields: ['created'], maxResults: 100 })).issues.map((i) => Date.parse(((i.fields as { created: string }).created).replace('+0000', 'Z')));
    expect(byCreated).toEqual([...byCreated].sort((a, b) => b - a));

    const byRank = (await searchAll(emulator, 'project = TL ORDER BY rank', PAT, { fields: [FIELD.rank], maxResults: 100 })).issues.map((i) => (i.fields as Record<string, string>)[FIELD.rank]);
    expect(byRank).toEqual([...byRank].sort());
  });

  it('pages through every issue exactly once, with ⌈N/page⌉ calls and no total', async () => {
    emulator.resetCalls();
    const { pages, issues } = await searchAll(emulator, 'project = TL ORDER BY key', PAT, { maxResults: 30 });
    expect(issues).toHaveLength(tl.length);
    expect(new Set(issues.map((i) => i.id)).size).toBe(tl.length);
    expect(pages).toBe(Math.ceil(tl.length / 30));
    expect(emulator.callCount('POST /rest/api/3/search/jql')).toBe(pages);
    const count = await call(emulator, 'POST', '/rest/api/3/search/approximate-count', { as: PAT, body: { jql: 'project = TL' } });
    expect(count.body).toEqual({ count: tl.length });
  });

  it('the last page has no nextPageToken; fields default to id; properties come when asked', async () => {
    const page = (await call(emulator, 'POST', '/rest/api/3/search/jql', { as: PAT, body: { jql: 'key = TL-3', properties: ['throughline.theme'] } })).body as { issues: Record<string, unknown>[]; isLast: boolean };
    expect(page.isLast).toBe(true);
    expect(page).not.toHaveProperty('nextPageToken');
    expect(page.issues[0]).toMatchObject({ id: '10003', key: 'TL-3', properties: { 'throughline.theme': { themeId: 'theme-insights' } } });
    const star = (await call(emulator, 'POST', '/rest/api/3/search/jql', { as: PAT, body: { jql: 'key = TL-3', fields: ['*navigable', '-description'] } })).body as { issues: { fields: Record<string, unknown> }[] };
    expect(star.issues[0]!.fields).toHaveProperty('summary');
    expect(star.issues[0]!.fields).not.toHaveProperty('description');
  });

  it('the same search returns different issues to different users', async () => {
    const everything = 'project in (TL, MOB) OR issuetype = Epic';
    expect(await keys('issuetype = Story', PAT)).toEqual(keysOf(raw.issues.filter((i) => ['10001', '10101'].includes((i.fields.issuetype as { id: string }).id))));
    expect(await keys('issuetype = Story', NICK)).toEqual(keysOf(raw.issues.filter((i) => inProject('MOB')(i) && (i.fields.issuetype as { id: string }).id === '10101')));
    // Nick may not even name TL: it "does not exist" for him, as in Jira.
    expect((await call(emulator, 'POST', '/rest/api/3/search/jql', { as: NICK, body: { jql: everything } })).status).toBe(400);
    expect((await call(emulator, 'POST', '/rest/api/3/search/approximate-count', { as: NICK, body: { jql: 'issuetype = Epic' } })).body).toEqual({ count: 2 });
  });

  it('links show both directions, current status, and hide issues the viewer cannot browse', async () => {
    const blocked = raw.issues.find((i) => ((i.fields.issuelinks ?? []) as { inwardIssue?: { key?: string } }[]).some((l) => l.inwardIssue?.key?.startsWith('MOB-')));
    expect(blocked).toBeDefined();
    const view = (await call(emulator, 'GET', `/rest/api/3/issue/${blocked!.key}?fields=issuelinks`, { as: PAT })).body as { fields: { issuelinks: Record<string, unknown>[] } };
    const mobLink = view.fields.issuelinks.find((l) => (l.inwardIssue as { key?: string } | undefined)?.key?.startsWith('MOB-'));
    expect(mobLink).toMatchObject({ type: { name: 'Blocks', inward: 'is blocked by', outward: 'blocks' }, inwardIssue: { fields: { status: { statusCategory: { key: expect.any(String) } } } } });
    const blockerKey = (mobLink!.inwardIssue as { key: string }).key;

    // Seen from the blocker, the link reads "blocks"; Nick may see MOB but not TL, so the link is hidden from him.
    const fromBlocker = (await call(emulator, 'GET', `/rest/api/3/issue/${blockerKey}?fields=issuelinks`, { as: PAT })).body as { fields: { issuelinks: Record<string, unknown>[] } };
    expect(fromBlocker.fields.issuelinks.some((l) => (l.outwardIssue as { key?: string } | undefined)?.key === blocked!.key)).toBe(true);
    const asNick = (await call(emulator, 'GET', `/rest/api/3/issue/${blockerKey}?fields=issuelinks`, { as: NICK })).body as { fields: { issuelinks: unknown[] } };
    expect(asNick.fields.issuelinks).toEqual([]);

    // A status change of the blocker shows on the blocked issue at once.
    emulator.state.transitionIssue(blockerKey, 'Done');
    const after = (await call(emulator, 'GET', `/rest/api/3/issue/${blocked!.key}?fields=issuelinks`, { as: PAT })).body as { fields: { issuelinks: { inwardIssue?: { key: string; fields: { status: { name: string } } } }[] } };
    expect(after.fields.issuelinks.find((l) => l.inwardIssue?.key === blockerKey)?.inwardIssue?.fields.status.name).toBe('Done');
  });

  it('parents are shaped as Jira shapes them, in both project kinds', async () => {
    const story = (await call(emulator, 'GET', '/rest/api/3/issue/TL-13?fields=parent,customfield_10014', { as: PAT })).body as { fields: Record<string, unknown> };
    expect(story.fields.parent).toMatchObject({ key: expect.stringMatching(/^TL-\d+$/), fields: { summary: expect.any(String), issuetype: { hierarchyLevel: 1 }, status: expect.any(Object), priority: expect.any(Object) } });
    const mob = (await call(emulator, 'GET', '/rest/api/3/issue/MOB-5?fields=parent,issuetype,project', { as: NICK })).body as { fields: Record<string, unknown> };
    expect(mob.fields).toMatchObject({ parent: { key: 'MOB-1' }, issuetype: { hierarchyLevel: 0, scope: { type: 'PROJECT' } }, project: { simplified: true } });
    const epic = (await call(emulator, 'GET', '/rest/api/3/issue/TL-1?fields=parent,subtasks', { as: PAT })).body as { fields: Record<string, unknown> };
    expect(epic.fields).not.toHaveProperty('parent');
  });
});
