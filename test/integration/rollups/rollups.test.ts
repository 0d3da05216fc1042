/**
 * The rollups on the demo site (emulator + local Forge runtime): after a recount the vision map
 * comes from them in one call and equals a from-scratch count; story changes through Jira keep it
 * equal (triggers); a change whose event never arrives is repaired by the next recount.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VisionMapView } from '../../../src/contract';
import { ADA, TL, WSJF_CONFIG, callSettings, startSite, valueOf } from '../settings/support';
import type { Site } from '../settings/support';
import { oneShotVisionMap } from '../support/one-shot-views';

let site: Site;

beforeEach(async () => {
  site = await startSite();
});

afterEach(async () => {
  await site.close();
});

async function visionMap(): Promise<VisionMapView> {
  const result = await site.runtime.invokeResolver('project-page', 'getVisionOutline', {}, ADA, { project: TL });
  if (!result.success) throw new Error(result.error.message);
  const answer = result.body as { ok: boolean; value: VisionMapView; error?: { message: string } };
  if (!answer.ok) throw new Error(answer.error?.message);
  return answer.value;
}

/** What both ways of counting must agree on. */
function counted(map: VisionMapView) {
  return {
    epics: map.epics.map(({ key, count, points, readiness, themeId, themeState, score }) => ({ key, count, points, readiness, themeId, themeState, score })),
    allocation: map.allocation,
    totals: map.totals,
  };
}

async function recount(): Promise<void> {
  valueOf(await callSettings(site, 'recomputeNow', {}));
  await site.runtime.whenIdle();
}

describe('the vision map from rollups', () => {
  it('counts live before the first recount, then opens complete from the rollups and equals a from-scratch count', async () => {
    valueOf(await callSettings(site, 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 }));
    const first = await visionMap();
    expect(first.complete).toBe(false);
    expect(first.counting).toMatchObject({ mode: 'live', reason: 'not-counted-yet' });
    await site.runtime.whenIdle();
    const map = await visionMap();
    expect(map.counting).toMatchObject({ mode: 'rollups' });
    expect(map.complete).toBe(true);
    expect(counted(map)).toEqual(counted(await oneShotVisionMap(site.runtime, ADA, TL)));
  });

  it('stays equal to a from-scratch count as stories are edited, moved, finished and deleted, and a missed event is repaired by the recount', async () => {
    await recount();
    const state = site.emulator.state;
    const stories = [...state.allIssues()].filter((issue) => issue.projectId === TL.id && issue.parentId !== undefined).slice(0, 6);
    const epics = [...state.allIssues()].filter((issue) => issue.projectId === TL.id && issue.parentId === undefined && state.childrenOf(issue.id).length > 0);
    const [a, b, c, d] = stories;
    const other = epics.find((epic) => epic.id !== a?.parentId);
    if (a === undefined || b === undefined || c === undefined || d === undefined || other === undefined) throw new Error('the demo has too few stories');
    state.updateIssue(a.key, { parent: { key: other.key } }, ADA.accountId);
    state.transitionIssue(b.key, 'Done', ADA.accountId);
    state.updateIssue(c.key, { parent: null }, ADA.accountId);
    state.deleteIssue(d.key, ADA.accountId);
    await site.runtime.whenIdle();
    expect(counted(await visionMap())).toEqual(counted(await oneShotVisionMap(site.runtime, ADA, TL)));

    // An epic deleted: its stories lose their parent with no event of their own.
    const doomed = epics.find((epic) => epic.id !== other.id && state.childrenOf(epic.id).length > 0);
    if (doomed === undefined) throw new Error('no second epic with stories');
    state.deleteIssue(doomed.key, ADA.accountId);
    await site.runtime.whenIdle();
    expect(counted(await visionMap())).toEqual(counted(await oneShotVisionMap(site.runtime, ADA, TL)));
  });
});
