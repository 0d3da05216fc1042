/**
 * The project page's resolvers through the local Forge runtime against the Jira emulator, as
 * different users: the project comes from the context and is re-checked as the user; searches are
 * ⌈N / page⌉ calls, never one per issue; strategy edits carry the revision check; an epic's theme
 * is written as the user.
 */
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createForgeRuntime } from '../../../dev/forge-runtime';
import type { ForgeRuntime, InvocationResult } from '../../../dev/forge-runtime';
import { startJiraEmulator } from '../../../dev/jira-emulator';
import type { JiraEmulator } from '../../../dev/jira-emulator';
import type { SprintReadinessView, VisionMapChunkView, VisionMapView } from '../../../src/contract';
import { CHUNK_PAGES } from '../../../src/services/project-page';
import { mergeVisionMap } from '../../../static/project-page/src/vision-merge';
import { createSettingsRepository } from '../../../src/storage';
import { forgeKvs } from '../../../src/storage/forge-kvs';
import { adoptDemoThemes } from '../support/epic-themes';
import { oneShotRankedBacklog, oneShotVisionMap } from '../support/one-shot-views';

const ROOT = resolve(import.meta.dirname, '../../..');
const ADA = { accountId: '5f0c1a2b3c4d5e6f7a8b9c01' };
const PAT = { accountId: '5f0c1a2b3c4d5e6f7a8b9c02' };
const NICK = { accountId: '5f0c1a2b3c4d5e6f7a8b9c03' };
const TL = { project: { id: '10000', key: 'TL', type: 'software' } };
const MOB = { project: { id: '10001', key: 'MOB', type: 'software' } };
const SEARCH = 'POST /rest/api/3/search/jql';
const THEMES = [
  { id: 'theme-onboarding', name: 'Effortless onboarding', horizon: 'now', targetPercent: 30, colour: 'blue' },
  { id: 'theme-insights', name: 'Decisions from data', horizon: 'next', targetPercent: 25, colour: 'teal' },
  { id: 'theme-collaboration', name: 'Work together', horizon: 'next', targetPercent: 20, colour: 'green' },
  { id: 'theme-platform', name: 'Trustworthy platform', horizon: 'now', targetPercent: 15, colour: 'purple' },
  { id: 'theme-mobile', name: 'Mobile first', horizon: 'later', targetPercent: 5, colour: 'orange' },
];

let emulator: JiraEmulator;
let runtime: ForgeRuntime;

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

function bodyOf(result: InvocationResult): Answer<unknown> {
  if (!result.success) throw new Error(`the invocation failed: ${result.error.code} ${result.error.message}`);
  return result.body as Answer<unknown>;
}

const call = (key: string, user: { accountId: string }, extension: Record<string, unknown>, payload: unknown = {}) =>
  runtime.invokeResolver('project-page', key, payload, user, extension).then(bodyOf);

function valueOf(answer: Answer<unknown>): unknown {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

beforeAll(async () => {
  emulator = await startJiraEmulator({ dataset: join(ROOT, 'dev/demo-data/demo.json') });
  runtime = await createForgeRuntime({ manifestPath: join(ROOT, 'manifest.yml'), jiraBaseUrl: emulator.url, memory: true, limits: { invocationTimeoutMs: 25_000 }, logger: { warn: () => undefined, error: () => undefined } });
  await runtime.runAs('app', async () => {
    const settings = createSettingsRepository(forgeKvs());
    await settings.save('10000', 'strategy', { schemaVersion: 1, revision: 0, vision: { statement: 'One line from vision to story.', targetCustomers: '', goals: [] }, themes: THEMES }, { baseRevision: 0, actor: 'app' });
    await settings.save('10001', 'product-managers', { accountIds: [PAT.accountId] }, { baseRevision: 0, actor: 'app' });
    await settings.save('10001', 'strategy', { schemaVersion: 1, revision: 0, vision: { statement: '', targetCustomers: '', goals: [] }, themes: [THEMES[4]] }, { baseRevision: 0, actor: 'app' });
  });
  // The demo's epics carry their themes as properties, as before the app stored them: adopted once, as on an upgraded site.
  await adoptDemoThemes(runtime, emulator, '10000');
  await adoptDemoThemes(runtime, emulator, '10001');
});

afterAll(async () => {
  await runtime.close();
  await emulator.close();
});

beforeEach(() => {
  emulator.resetCalls();
});

/** The whole map or backlog in one read (test code: see ../support/one-shot-views.ts). */
const wholeMap = (user: { accountId: string }, extension: { project: { id: string; key: string } }) => oneShotVisionMap(runtime, user, { id: extension.project.id, key: extension.project.key });
const wholeBacklog = (user: { accountId: string }, extension: { project: { id: string; key: string } }) => oneShotRankedBacklog(runtime, user, { id: extension.project.id, key: extension.project.key });
/** The strategy's revision, as the page reads it (the outline). */
const revisionNow = async () => (valueOf(await call('getVisionOutline', ADA, TL)) as VisionMapView).strategy.revision;

describe('the vision map', () => {
  it('groups the epics by theme, Unaligned apart, with progress, scores and readiness, in ⌈N / 100⌉ searches', async () => {
    const map = await wholeMap(ADA, TL);
    expect(map.canEdit).toBe(true);
    expect(map.strategy.themes.map((theme) => theme.id)).toEqual(THEMES.map((theme) => theme.id));
    expect(map.epics).toHaveLength(12);
    expect(map.epics.filter((epic) => epic.themeState === 'none').map((epic) => epic.key).sort()).toEqual(['TL-10', 'TL-11', 'TL-12']);
    const onboarding = map.epics.find((epic) => epic.key === 'TL-1');
    expect(onboarding).toMatchObject({ themeId: 'theme-onboarding', themeState: 'theme' });
    expect(onboarding?.count.total).toBeGreaterThan(0);
    expect(map.allocation.at(-1)).toMatchObject({ themeId: null, name: 'Unaligned' });
    expect(map.reads.searchCalls).toBe(Math.ceil(map.reads.issues / 100));
    expect(emulator.callCount(SEARCH)).toBe(map.reads.searchCalls);
    expect(emulator.callCount('GET /rest/api/3/issue/{issueIdOrKey}')).toBe(0);
  });

  it('gives the same map in chunks of ≤ CHUNK_PAGES searches, merged in the page, for every user', async () => {
    for (const user of [ADA, PAT]) {
      const full = await wholeMap(user, TL);
      const outline = valueOf(await call('getVisionOutline', user, TL)) as VisionMapView;
      // A project never counted is counted live, and the first count it starts runs apart.
      await runtime.whenIdle();
      const chunks: VisionMapChunkView[] = [];
      let after: string | undefined;
      for (;;) {
        emulator.resetCalls();
        const chunk = valueOf(await call('getVisionMapChunk', user, TL, after === undefined ? {} : { after })) as VisionMapChunkView;
        expect(emulator.callCount(SEARCH)).toBeLessThanOrEqual(CHUNK_PAGES);
        expect(emulator.callCount(SEARCH)).toBe(chunk.reads.searchCalls);
        expect(emulator.callCount('GET /rest/api/3/issue/{issueIdOrKey}')).toBe(0);
        chunks.push(chunk);
        if (chunk.next === null) break;
        after = chunk.next;
      }
      // Read as the page reads a project counted live (the outline may already come from the rollups).
      const merged = mergeVisionMap({ ...outline, complete: false, counting: undefined }, chunks, true);
      expect({ ...merged, counting: undefined }).toEqual({ ...full, counting: undefined });
    }
  });

  it('refuses a chunk cursor that is not an issue key, and a user without access', async () => {
    expect(await call('getVisionMapChunk', ADA, TL, { after: 'TL-1 OR project = MOB' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('getVisionMapChunk', NICK, TL)).toMatchObject({ ok: false });
  });

  it('gives the outline (strategy and epics) first, in ⌈epics / 100⌉ searches, complete when it comes from the rollups', async () => {
    const outline = (valueOf(await call('getVisionOutline', PAT, TL)) as VisionMapView);
    expect(outline.complete).toBe(outline.counting?.mode === 'rollups');
    expect(outline.epics).toHaveLength(12);
    expect(outline.strategy.themes).toHaveLength(THEMES.length);
    expect(emulator.callCount(SEARCH)).toBe(1);
  });

  it('lets a browsing team member read but not edit', async () => {
    const map = (valueOf(await call('getVisionOutline', PAT, TL)) as VisionMapView);
    expect(map.canEdit).toBe(false);
  });

  it('refuses a user without access and a forged project, in words', async () => {
    for (const key of ['getVisionOutline', 'getVisionMapChunk']) {
      const refused = await call(key, NICK, TL);
      expect(refused).toMatchObject({ ok: false, error: { code: 'not-found' } });
      if (!refused.ok) expect(refused.error.message).toMatch(/don't have access to this project/);
      for (const project of [{ id: '99999', key: 'ZZ' }, { id: '../myself', key: 'TL' }, { id: '10000 OR project = 10001', key: 'TL' }]) {
        expect(await call(key, ADA, { project }), JSON.stringify(project)).toMatchObject({ ok: false });
      }
      expect(await call(key, ADA, TL, { projectId: '10001' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
  });
});

describe('the ranked backlog and getSprintReadiness', () => {
  it('ranks open issues by score, incomplete ones apart, in ⌈N / 100⌉ searches', async () => {
    const backlog = await wholeBacklog(PAT, TL);
    expect(backlog.ranked.length + backlog.incomplete.length).toBeGreaterThan(0);
    const scores = backlog.ranked.map((row) => row.score ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(backlog.ranked.map((row) => row.rank)).toEqual(backlog.ranked.map((_, index) => index + 1));
    for (const row of backlog.incomplete) expect(row.missing.length).toBeGreaterThan(0);
    expect(emulator.callCount(SEARCH)).toBe(Math.ceil(backlog.reads.issues / 100));
  });

  it('checks the stories of the next future sprint against the velocity of the last three closed sprints', async () => {
    const sprint = (valueOf(await call('getSprintReadiness', PAT, TL)) as SprintReadinessView);
    expect(sprint.source).toMatchObject({ kind: 'sprint', sprint: { id: 7, name: 'TL Sprint 7' } });
    expect(sprint.rows.length).toBeGreaterThan(0);
    expect(sprint.velocity?.sprints).toEqual(['TL Sprint 5', 'TL Sprint 4', 'TL Sprint 3']);
    expect(sprint.ready.issues + sprint.notReady.issues).toBe(sprint.rows.filter((row) => row.readiness !== 'not-applicable').length);
    // The sprint's first page and, beside it, its keys (an ids-only search); one search per further
    // 100 issues; and the same two for each closed sprint's done issues (under 100 each here).
    expect(emulator.callCount(SEARCH)).toBe(2 + Math.ceil(Math.max(0, sprint.reads.issues - 100) / 100) + 2 * 3);
  });

  it('falls back to the top N of the backlog without sprints', async () => {
    const sprint = (valueOf(await call('getSprintReadiness', ADA, MOB, { top: 5 })) as SprintReadinessView);
    expect(sprint.source).toMatchObject({ kind: 'backlog', top: 5 });
    expect(sprint.rows.length).toBeLessThanOrEqual(5);
  });
});

describe('editStrategy and setEpicTheme', () => {
  it('saves a vision edit with the revision check and refuses a stale one in words', async () => {
    const before = await revisionNow();
    const saved = (valueOf(await call('editStrategy', ADA, TL, { baseRevision: before, edit: { kind: 'set-vision', vision: { statement: 'Strategy you can trace.' } } })) as { revision: number; vision: { statement: string } });
    expect(saved.revision).toBe(before + 1);
    expect(saved.vision.statement).toBe('Strategy you can trace.');
    const stale = await call('editStrategy', ADA, TL, { baseRevision: before, edit: { kind: 'set-vision', vision: { statement: 'Older idea' } } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'stale' } });
  });

  it('refuses edits from someone who is neither admin nor product manager, and bad input with the reason', async () => {
    const revision = await revisionNow();
    expect(await call('editStrategy', PAT, TL, { baseRevision: revision, edit: { kind: 'set-vision', vision: { statement: 'x' } } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const over = await call('editStrategy', ADA, TL, { baseRevision: revision, edit: { kind: 'add-theme', theme: { id: 'theme-more', name: 'More', horizon: 'now', targetPercent: 40 } } });
    expect(over).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const markup = '<img src=x onerror=alert(1)>';
    const added = (valueOf(await call('editStrategy', ADA, TL, { baseRevision: revision, edit: { kind: 'add-theme', theme: { id: 'theme-markup', name: markup, horizon: 'later' } } })) as { themes: { name: string }[] });
    expect(added.themes.at(-1)?.name).toBe(markup);
    expect(await call('editStrategy', ADA, TL, { baseRevision: revision + 1, edit: { kind: 'set-product-managers', accountIds: [PAT.accountId] } })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('lets exactly one of two simultaneous edits of the same revision win; the other is told it is stale', async () => {
    const revision = await revisionNow();
    const edit = (name: string) => call('editStrategy', ADA, TL, { baseRevision: revision, edit: { kind: 'update-theme', themeId: 'theme-mobile', changes: { name } } });
    const answers = await Promise.all([edit('Mobile first, really'), edit('Mobile everywhere')]);
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
    expect(answers.find((answer) => !answer.ok)).toMatchObject({ ok: false, error: { code: 'stale' } });
  });

  it('refuses a 10,000-character theme name and an epic attached to an archived theme, with the reason', async () => {
    let revision = await revisionNow();
    const long = await call('editStrategy', ADA, TL, { baseRevision: revision, edit: { kind: 'add-theme', theme: { id: 'theme-long', name: 'x'.repeat(10_000), horizon: 'now' } } });
    expect(long).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const archived = valueOf(await call('editStrategy', ADA, TL, { baseRevision: revision, edit: { kind: 'update-theme', themeId: 'theme-insights', changes: { archived: true } } })) as { revision: number };
    revision = archived.revision;
    const refused = await call('setEpicTheme', ADA, TL, { epicKey: 'TL-11', themeId: 'theme-insights' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/archived/);
    valueOf(await call('editStrategy', ADA, TL, { baseRevision: revision, edit: { kind: 'update-theme', themeId: 'theme-insights', changes: { archived: false } } }));
  });

  it('attaching an epic recomputes the stories that inherit its theme (a property write fires no Jira event)', async () => {
    const epic = emulator.state.findIssue('TL-10');
    const children = [...emulator.state.allIssues()].filter((issue) => issue.parentId === epic?.id);
    expect(children.length).toBeGreaterThan(0);
    await runtime.whenIdle(); // earlier theme edits queued a project recompute: let it finish first
    for (const child of children) delete child.fields.customfield_10101;
    expect(valueOf(await call('setEpicTheme', ADA, TL, { epicKey: 'TL-10', themeId: 'theme-platform' }))).toEqual({ epicKey: 'TL-10', themeId: 'theme-platform' });
    await runtime.whenIdle();
    // The background wrote each open child's Readiness app field again, as the app; done work is
    // not judged, so a done child is given no readiness.
    const done = (child: (typeof children)[number]): boolean => emulator.state.statuses.get(child.statusId)?.statusCategory.key === 'done';
    expect(children.some(done)).toBe(true);
    for (const child of children) {
      if (done(child)) expect(child.fields.customfield_10101, child.key).toBeUndefined();
      else expect(child.fields.customfield_10101, child.key).toMatch(/^(Ready|Not ready: \d+ rules?)$/);
    }
    valueOf(await call('setEpicTheme', ADA, TL, { epicKey: 'TL-10', themeId: null }));
    await runtime.whenIdle();
  });

  it('attaches an unaligned epic as the user and refuses what Jira refuses, in words', async () => {
    expect(valueOf(await call('setEpicTheme', ADA, TL, { epicKey: 'TL-10', themeId: 'theme-platform' }))).toEqual({ epicKey: 'TL-10', themeId: 'theme-platform' });
    expect(emulator.state.findIssue('TL-10')?.properties.get('throughline.theme')).toEqual({ themeId: 'theme-platform' });
    expect(valueOf(await call('setEpicTheme', ADA, TL, { epicKey: 'TL-10', themeId: null }))).toEqual({ epicKey: 'TL-10', themeId: null });
    // Pat is not a product manager of TL.
    expect(await call('setEpicTheme', PAT, TL, { epicKey: 'TL-10', themeId: 'theme-platform' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Pat is a product manager of MOB but may not edit its issues: Jira refuses.
    const refused = await call('setEpicTheme', PAT, MOB, { epicKey: 'MOB-2', themeId: 'theme-mobile' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/Jira refused to change MOB-2/);
    // An epic of another project, a story, an unknown theme.
    expect(await call('setEpicTheme', ADA, TL, { epicKey: 'MOB-2', themeId: 'theme-mobile' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('setEpicTheme', ADA, TL, { epicKey: 'TL-15', themeId: 'theme-mobile' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('setEpicTheme', ADA, TL, { epicKey: 'TL-10', themeId: 'theme-gone' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
