/**
 * getRankedBacklogPage through the local Forge runtime against the emulator, on the demo data
 * after the app's bulk recompute wrote every "Priority score" and readiness property (as on a real
 * site): one search a page, in the order of the whole backlog evaluated at once (the oracle), the
 * filters as JQL, and every forged or hostile input refused in words.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BacklogRowView, RankedBacklogPageView, RankedBacklogView, Result, SprintReadinessView } from '../../../src/contract';
import { BAD_CURSOR_MESSAGE, STALE_CURSOR_MESSAGE } from '../../../src/resolvers/ranked-backlog';
import { createSettingsRepository } from '../../../src/storage';
import { forgeKvs } from '../../../src/storage/forge-kvs';
import { ADA, DEMO, MOB, NICK, PAT, READINESS_PROPERTY, SCORE_FIELD, TL, WSJF_CONFIG, bodyOf, callSettings, startSite, valueOf } from '../settings/support';
import type { Site, User } from '../settings/support';
import { adoptDemoThemes } from '../support/epic-themes';
import { oneShotRankedBacklog } from '../support/one-shot-views';

const SEARCH = 'POST /rest/api/3/search/jql';
const THEMES = [
  { id: 'theme-onboarding', name: 'Effortless onboarding', horizon: 'now', targetPercent: 30, colour: 'blue' },
  { id: 'theme-insights', name: 'Decisions from data', horizon: 'next', targetPercent: 25, colour: 'teal' },
  { id: 'theme-collaboration', name: 'Work together', horizon: 'next', targetPercent: 20, colour: 'green' },
  { id: 'theme-platform', name: 'Trustworthy platform', horizon: 'now', targetPercent: 15, colour: 'purple' },
  { id: 'theme-mobile', name: 'Mobile first', horizon: 'later', targetPercent: 5, colour: 'orange' },
];

let site: Site;
let oracle: RankedBacklogView;

const page = async (payload: unknown, user: User = PAT, project: typeof TL = TL): Promise<Result<RankedBacklogPageView>> =>
  bodyOf(await site.runtime.invokeResolver('project-page', 'getRankedBacklogPage', payload, user, { project })) as Result<RankedBacklogPageView>;

/** Every page of a list, with the searches each took. */
async function allPages(list: 'ranked' | 'incomplete', filters?: Record<string, unknown>, user: User = PAT): Promise<{ rows: BacklogRowView[]; searches: number[] }> {
  const rows: BacklogRowView[] = [];
  const searches: number[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < 50; n++) {
    site.emulator.resetCalls();
    const view = valueOf(await page({ list, ...(filters === undefined ? {} : { filters }), ...(cursor === undefined ? {} : { cursor }) }, user));
    searches.push(site.emulator.callCount(SEARCH));
    rows.push(...view.rows);
    if (view.next === null) return { rows, searches };
    cursor = view.next;
  }
  throw new Error('more than 50 pages');
}

const keysOf = (rows: readonly BacklogRowView[]) => rows.map((row) => row.key);

beforeAll(async () => {
  site = await startSite();
  await site.runtime.runAs('app', async () => {
    await createSettingsRepository(forgeKvs()).save('10000', 'strategy', { schemaVersion: 1, revision: 0, vision: { statement: 'One line.', targetCustomers: '', goals: [] }, themes: THEMES }, { baseRevision: 0, actor: 'app' });
  });
  await adoptDemoThemes(site.runtime, site.emulator, '10000');
  // The app's bulk recompute writes every issue's score and readiness property (with its theme).
  valueOf(await callSettings(site, 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 }));
  await site.runtime.whenIdle();
  oracle = await oneShotRankedBacklog(site.runtime, PAT, { id: TL.id, key: TL.key });
}, 120_000);

afterAll(async () => {
  await site.close();
});

describe('getRankedBacklogPage', () => {
  it('reads the backlog in score order, one search per page of ≤ 100 rows, ranked by position, as the whole backlog ranks it', async () => {
    // 71 scored stories: one page here; paging through the cursor is read at scale (project-page-scale.test.ts).
    expect(oracle.ranked.length).toBeGreaterThan(20);
    site.emulator.resetCalls();
    const first = valueOf(await page({ list: 'ranked' }));
    expect(site.emulator.callCount(SEARCH)).toBe(1);
    expect(first.reads.searchCalls).toBe(1);
    expect(first.rows.length).toBeLessThanOrEqual(100);
    expect(first.scoreField).toBe(true);
    expect(first.themes.map((theme) => theme.id)).toEqual(THEMES.map((theme) => theme.id));
    const { rows, searches } = await allPages('ranked');
    expect(searches.every((count) => count === 1)).toBe(true);
    expect(rows.map((row) => row.rank)).toEqual(rows.map((_, index) => index + 1));
    // Evaluated exactly as the whole backlog evaluates each row: same rows, same order, same words.
    expect(rows).toEqual(oracle.ranked);
  });

  it('pages the incomplete scores apart, in key order, with what they miss', async () => {
    const { rows, searches } = await allPages('incomplete');
    expect(searches.every((count) => count === 1)).toBe(true);
    expect(keysOf(rows).sort()).toEqual(keysOf(oracle.incomplete).sort());
    for (const row of rows) {
      expect(row.rank).toBeNull();
      expect(row.missing.length).toBeGreaterThan(0);
    }
  });

  it('filters by theme (and by no theme), epic, status and readiness in JQL, as the rows say', async () => {
    const cases: [Record<string, unknown>, (row: BacklogRowView) => boolean][] = [
      [{ theme: 'theme-onboarding' }, (row) => row.theme?.id === 'theme-onboarding'],
      [{ theme: null }, (row) => row.theme === null],
      [{ readiness: 'not-ready' }, (row) => row.readiness === 'not-ready'],
      [{ readiness: 'ready' }, (row) => row.readiness === 'ready'],
      [{ statusCategory: 'indeterminate' }, (row) => row.statusCategory === 'indeterminate'],
      [{ status: 'To Do' }, (row) => row.status === 'To Do'],
    ];
    const epic = oracle.ranked.find((row) => row.epic !== null)?.epic?.key;
    expect(epic).toBeDefined();
    cases.push([{ epic }, (row) => row.epic?.key === epic]);
    cases.push([{ theme: 'theme-insights', readiness: 'not-ready' }, (row) => row.theme?.id === 'theme-insights' && row.readiness === 'not-ready']);
    for (const [filters, keep] of cases) {
      const wanted = oracle.ranked.filter(keep);
      const { rows, searches } = await allPages('ranked', filters);
      expect(keysOf(rows), JSON.stringify(filters)).toEqual(keysOf(wanted));
      expect(rows.map((row) => row.rank)).toEqual(rows.map((_, index) => index + 1));
      expect(searches.every((count) => count === 1)).toBe(true);
      expect(keysOf((await allPages('incomplete', filters)).rows).sort()).toEqual(keysOf(oracle.incomplete.filter(keep)).sort());
    }
  });

  it('refuses forged, overlong and garbage cursors, and a cursor of the other list, in words', async () => {
    const forged = `r.100.${Buffer.from(JSON.stringify({ o: 5, q: 'another-query' })).toString('base64url')}`;
    expect(await page({ list: 'ranked', cursor: forged })).toEqual({ ok: false, error: { code: 'bad-request', message: STALE_CURSOR_MESSAGE } });
    for (const cursor of ['garbage', 'r.1.', 'r.-1.abc', 'r.01.abc', 'x.1.abc', 'r.1.a b', 'r.1.abc"OR', `r.1.${'A'.repeat(1025)}`, 'r.99999999.abc', '']) {
      expect(await page({ list: 'ranked', cursor }), cursor).toEqual({ ok: false, error: { code: 'bad-request', message: BAD_CURSOR_MESSAGE } });
    }
    const overlong = await page({ list: 'ranked', cursor: `r.1.${'A'.repeat(200_000)}` });
    expect(overlong).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    // A cursor of the incomplete list does not go on the ranked one.
    expect(await page({ list: 'ranked', cursor: 'i.0.abc' })).toEqual({ ok: false, error: { code: 'bad-request', message: BAD_CURSOR_MESSAGE } });
    expect(await page({ list: 'sideways' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('refuses an epic of another project, an epic key that is not a key, an unknown theme, and unknown filters', async () => {
    site.emulator.resetCalls();
    const refused = [
      await page({ list: 'ranked', filters: { epic: 'MOB-1' } }),
      await page({ list: 'ranked', filters: { epic: 'TL-1 OR project = MOB' } }),
      await page({ list: 'ranked', filters: { epic: 'tl-1' } }),
      await page({ list: 'ranked', filters: { theme: 'theme-nobody-made' } }),
      await page({ list: 'ranked', filters: { theme: '" OR 1 = 1' } }),
      await page({ list: 'ranked', filters: { readiness: 'maybe' } }),
      await page({ list: 'ranked', filters: { jql: 'project = MOB' } }),
    ];
    for (const answer of refused) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      if (!answer.ok) expect(answer.error.message.length).toBeLessThanOrEqual(300);
    }
    // Nothing of it reached Jira's search.
    expect(site.emulator.callCount(SEARCH)).toBe(0);
    // A status Jira does not know is Jira's to refuse, said in words.
    expect(await page({ list: 'ranked', filters: { status: 'No such status' } })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('filter') as unknown } });
  });

  it('answers a user without browse permission as not found, and reads nothing for them', async () => {
    site.emulator.resetCalls();
    expect(await page({ list: 'ranked' }, NICK)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(site.emulator.callCount(SEARCH)).toBe(0);
    // A project id forged into the context is checked the same way.
    expect(await page({ list: 'ranked' }, PAT, { id: '99999', key: 'NOPE', type: 'software' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('says a 429 or a 500 from Jira in words, and the next call goes on from the same cursor', async () => {
    const first = valueOf(await page({ list: 'ranked' }));
    site.emulator.failNext({ endpoint: SEARCH, count: 10, status: 429, retryAfterSeconds: 1, reason: 'jira-burst-based' });
    const limited = await page({ list: 'ranked', ...(first.next === null ? {} : { cursor: first.next }) });
    expect(limited).toMatchObject({ ok: false, error: { code: 'rate-limited' } });
    site.emulator.setFaults({});
    site.emulator.failNext({ endpoint: SEARCH, count: 10, status: 500 });
    const broken = await page({ list: 'ranked', ...(first.next === null ? {} : { cursor: first.next }) });
    expect(broken).toMatchObject({ ok: false, error: { code: 'jira-error' } });
    if (!broken.ok) expect(broken.error.message).toMatch(/backlog/);
    site.emulator.setFaults({});
    const again = valueOf(await page({ list: 'ranked', ...(first.next === null ? {} : { cursor: first.next }) }));
    if (first.next !== null) expect(again.rows[0]?.rank).toBe(first.rows.length + 1);
  }, 60_000);

  it('falls back to one search in score order for sprint readiness without a future sprint', async () => {
    site.emulator.resetCalls();
    const sprint = valueOf(bodyOf(await site.runtime.invokeResolver('project-page', 'getSprintReadiness', { top: 5 }, ADA, { project: MOB })) as Result<SprintReadinessView>);
    expect(sprint.source).toMatchObject({ kind: 'backlog', top: 5 });
    expect(site.emulator.callCount(SEARCH)).toBe(1);
    const scores = sprint.rows.map((row) => row.score ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const mob = valueOf(await page({ list: 'ranked' }, ADA, MOB));
    expect(keysOf(sprint.rows)).toEqual(keysOf(mob.rows).slice(0, 5));
  });

  it('writes the theme a story serves into its readiness property, and none for a story without one', () => {
    const withTheme = oracle.ranked.find((row) => row.theme !== null);
    const without = [...oracle.ranked, ...oracle.incomplete].find((row) => row.theme === null);
    expect(withTheme).toBeDefined();
    expect(site.emulator.state.findIssue(withTheme?.key ?? '')?.properties.get(READINESS_PROPERTY)).toMatchObject({ themeId: withTheme?.theme?.id });
    if (without !== undefined) expect(site.emulator.state.findIssue(without.key)?.properties.get(READINESS_PROPERTY)).not.toHaveProperty('themeId');
    expect(site.emulator.state.findIssue(withTheme?.key ?? '')?.fields[SCORE_FIELD]).toBe(withTheme?.score);
  });
});

describe('a site without the app\'s "Priority score" field', () => {
  let bare: Site;
  beforeAll(async () => {
    const dataset = JSON.parse(readFileSync(DEMO, 'utf8')) as { fields: { id: string }[] };
    bare = await startSite({ emulator: { dataset: { ...dataset, fields: dataset.fields.filter((field) => field.id !== SCORE_FIELD) } as never } });
  }, 60_000);
  afterAll(async () => {
    await bare.close();
  });

  it('says in words that nothing can be ranked yet, and lists the open issues as incomplete', async () => {
    const call = async (list: string) => valueOf(bodyOf(await bare.runtime.invokeResolver('project-page', 'getRankedBacklogPage', { list }, PAT, { project: TL })) as Result<RankedBacklogPageView>);
    bare.emulator.resetCalls();
    const ranked = await call('ranked');
    expect(ranked).toMatchObject({ scoreField: false, rows: [], next: null });
    expect(ranked.notes.join(' ')).toMatch(/Priority score.*does not exist/);
    expect(bare.emulator.callCount(SEARCH)).toBe(0);
    const incomplete = await call('incomplete');
    expect(incomplete.rows.length).toBeGreaterThan(0);
    expect(incomplete.notes.join(' ')).toMatch(/Priority score/);
  });
});
