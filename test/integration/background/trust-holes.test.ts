/**
 * The trust holes around epics and themes, on the demo site (emulator + local Forge runtime):
 *
 * 1. an epic's children in another project are evaluated with their own project's configuration;
 * 2. a 32 KB or a markup theme id written on epics through Jira's REST API never reaches a view;
 * 3. a theme property written directly by someone who may not attach epics to themes changes no
 *    view and no score, and the next recompute puts it back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InvocationResult, ResolverExtension } from '../../../dev/forge-runtime';
import { ADA, MOB, PAT, RICE_CONFIG, SCORE_FIELD, TL, WSJF_CONFIG, callSettings, startSite, valueOf } from '../settings/support';
import type { Site, User } from '../settings/support';
import { call as callJira } from '../emulator/support';
import { checkValues, issueByKey } from './support';
import { oneShotRankedBacklog, oneShotVisionMap } from '../support/one-shot-views';

const THEME = 'throughline.theme';
let site: Site;

beforeEach(async () => {
  site = await startSite();
});

afterEach(async () => {
  await site.close();
});

function answerOf(result: InvocationResult): { ok: boolean; value?: unknown; error?: { code: string; message: string } } {
  if (!result.success) throw new Error(`the invocation failed: ${result.error.code} ${result.error.message}`);
  return result.body as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

async function projectPage<T>(key: string, user: User, payload: unknown = {}, project: Record<string, unknown> = TL): Promise<T> {
  const answer = answerOf(await site.runtime.invokeResolver('project-page', key, payload, user, { project } as ResolverExtension));
  if (!answer.ok) throw new Error(`${answer.error?.code ?? '?'}: ${answer.error?.message ?? ''}`);
  return answer.value as T;
}

async function sidebar<T>(key: string, user: User, issueKey: string): Promise<T> {
  const answer = answerOf(await site.runtime.invokeResolver('issue-score', key, {}, user, { issue: { key: issueKey, type: 'Story' }, project: TL } as unknown as ResolverExtension));
  if (!answer.ok) throw new Error(`${answer.error?.code ?? '?'}: ${answer.error?.message ?? ''}`);
  return answer.value as T;
}

/** TL's configuration with a strategy of one theme of weight 2, imported by Ada; the recompute it starts is waited for. */
async function configureTl(): Promise<void> {
  const exported = valueOf(await callSettings<{ file: Record<string, unknown> }>(site, 'exportConfig', {}));
  const strategy = { schemaVersion: 1, revision: 0, vision: { statement: 'One line from the vision to every story' }, themes: [{ id: 'growth', name: 'Growth', horizon: 'now', strategicWeight: 2 }] };
  expect(valueOf(await callSettings<{ status: string }>(site, 'importConfig', { file: JSON.stringify({ ...exported.file, scoring: WSJF_CONFIG, strategy }) })).status).toBe('imported');
  await site.runtime.whenIdle();
}

describe('an epic with a child in another project', () => {
  it("recomputes the child with its own project's configuration, not the epic's", async () => {
    await configureTl();
    // MOB scores with RICE; TL with WSJF. Pat's new MOB story has TL-10 as its parent.
    expect(valueOf(await callSettings<{ status: string }>(site, 'saveScoringConfig', { config: RICE_CONFIG, baseRevision: 0 }, ADA, MOB)).status).toBe('saved');
    await site.runtime.whenIdle();
    const child = site.emulator.state.createIssue({
      projectKey: 'MOB',
      issueType: 'Story',
      summary: 'As a mobile user, I want the onboarding on my phone, so that I start anywhere',
      parentKey: 'TL-10',
      fields: { customfield_10016: 3, customfield_10050: 13, customfield_10051: 8, customfield_10052: { id: '10203' }, customfield_10053: 400, customfield_10055: 80, customfield_10056: 2 },
      asAccountId: ADA.accountId,
    });
    await site.runtime.whenIdle();
    const rice = issueByKey(site.emulator, child).fields[SCORE_FIELD];
    expect((await checkValues(site, MOB.id)).wrong).toEqual([]);

    // The epic changes: its children are recomputed (TL's stories with TL's WSJF, MOB's with RICE).
    site.emulator.state.updateIssue('TL-10', { summary: 'Self-serve onboarding, everywhere' }, PAT.accountId);
    await site.runtime.whenIdle();
    expect(issueByKey(site.emulator, child).fields[SCORE_FIELD]).toBe(rice);
    expect((await checkValues(site, MOB.id)).wrong).toEqual([]);
    expect((await checkValues(site, TL.id)).wrong).toEqual([]);
  });
});

describe('theme ids written on epics through Jira', () => {
  it('a 32 KB theme id on every epic does not break the ranked backlog, and is never shown', async () => {
    const huge = `t${'x'.repeat(32_000)}`;
    for (let n = 1; n <= 12; n++) expect((await callJira(site.emulator, 'PUT', `/rest/api/3/issue/TL-${n}/properties/${THEME}`, { as: PAT.accountId, body: { themeId: huge } })).status).toBeLessThan(300);
    const backlog = await oneShotRankedBacklog(site.runtime, ADA, TL);
    expect(backlog.ranked.length + backlog.incomplete.length).toBeGreaterThan(100);
    expect(JSON.stringify(backlog)).not.toContain('xxxxxxxxxx');
    expect(JSON.stringify(await oneShotVisionMap(site.runtime, ADA, TL))).not.toContain('xxxxxxxxxx');
  });

  it('a markup theme id is not echoed by the vision map, the backlog or the sidebar', async () => {
    const markup = '<img src=x onerror=alert(1)>';
    expect((await callJira(site.emulator, 'PUT', `/rest/api/3/issue/TL-2/properties/${THEME}`, { as: PAT.accountId, body: { themeId: markup } })).status).toBeLessThan(300);
    const map = await oneShotVisionMap(site.runtime, ADA, TL);
    expect(JSON.stringify(map)).not.toContain('<img');
    expect(JSON.stringify(await oneShotRankedBacklog(site.runtime, ADA, TL))).not.toContain('<img');
    const story = site.emulator.state.createIssue({ projectKey: 'TL', issueType: 'Story', summary: 'A story of TL-2', parentKey: 'TL-2', asAccountId: ADA.accountId });
    expect(JSON.stringify(await sidebar('getIssueDetails', PAT, story))).not.toContain('<img');
  });
});

describe('a theme property written by someone who may not attach epics to themes', () => {
  it('is not followed by the sidebar, the vision map or the scores, and the next recompute puts it back', async () => {
    await configureTl();
    // Pat edits TL's issues but is neither an admin of TL nor one of its product managers.
    expect(answerOf(await site.runtime.invokeResolver('project-page', 'setEpicTheme', { epicKey: 'TL-10', themeId: 'growth' }, PAT, { project: TL }))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const before = issueByKey(site.emulator, 'TL-38').fields[SCORE_FIELD];
    expect(typeof before).toBe('number');

    // So Pat writes the property directly, through Jira's REST API.
    expect((await callJira(site.emulator, 'PUT', `/rest/api/3/issue/TL-10/properties/${THEME}`, { as: PAT.accountId, body: { themeId: 'growth' } })).status).toBe(201);
    const details = await sidebar<{ trace: { theme: { kind: string } } }>('getIssueDetails', PAT, 'TL-38');
    expect(details.trace.theme.kind).toBe('none');
    expect(await sidebar<{ score: number | null }>('getIssueScore', PAT, 'TL-38')).toMatchObject({ score: before });
    const map = await oneShotVisionMap(site.runtime, ADA, TL);
    expect(map.epics.find((epic) => epic.key === 'TL-10')).toMatchObject({ themeState: 'none', themeId: null });
    expect(map.allocation.find((row) => row.themeId === 'growth')?.stories ?? 0).toBe(0);

    // An edit of the epic (its stories are recomputed): the scores do not follow, the property is put back.
    site.emulator.state.updateIssue('TL-10', { summary: 'Self-serve onboarding (Pat says: Growth)' }, PAT.accountId);
    await site.runtime.whenIdle();
    expect(issueByKey(site.emulator, 'TL-38').fields[SCORE_FIELD]).toBe(before);
    expect(issueByKey(site.emulator, 'TL-10').properties.get(THEME)).toBeUndefined();

    // Written again: the next recompute (Ada's "Recompute now") puts it back, and adopts nothing.
    expect((await callJira(site.emulator, 'PUT', `/rest/api/3/issue/TL-10/properties/${THEME}`, { as: PAT.accountId, body: { themeId: 'growth' } })).status).toBe(201);
    valueOf(await callSettings(site, 'recomputeNow', {}));
    await site.runtime.whenIdle();
    expect(issueByKey(site.emulator, 'TL-10').properties.get(THEME)).toBeUndefined();
    expect(issueByKey(site.emulator, 'TL-38').fields[SCORE_FIELD]).toBe(before);
    expect((await checkValues(site, TL.id)).wrong).toEqual([]);

    // Ada attaches it on the project page: now the stories follow, and the property says so.
    expect(await projectPage('setEpicTheme', ADA, { epicKey: 'TL-10', themeId: 'growth' })).toEqual({ epicKey: 'TL-10', themeId: 'growth' });
    await site.runtime.whenIdle();
    expect(issueByKey(site.emulator, 'TL-10').properties.get(THEME)).toEqual({ themeId: 'growth' });
    expect(issueByKey(site.emulator, 'TL-38').fields[SCORE_FIELD]).toBe(Math.round((before as number) * 2 * 100) / 100);
    expect((await checkValues(site, TL.id)).wrong).toEqual([]);
  });
});
