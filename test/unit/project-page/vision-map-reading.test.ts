/**
 * How the page reads the vision map (visionMapSource over the chunked loader, merged by
 * mergeVisionMap): an outline read from the app's rollups is the whole map, so no chunk is read and
 * it is shown as it came; an outline counted live is followed by the chunks, summed as before.
 */
import { describe, expect, it } from 'vitest';
import type { ProjectEpicView, VisionMapChunkView, VisionMapView } from '../../../src/contract';
import { ChunkedLoader } from '../../../static/project-page/src/chunked-load';
import type { ChunkedState } from '../../../static/project-page/src/chunked-load';
import { mergeVisionMap, visionMapSource } from '../../../static/project-page/src/vision-merge';

const EPIC: ProjectEpicView = {
  id: '10010',
  key: 'TL-10',
  summary: 'Sign-up in one step',
  status: 'In Progress',
  statusCategory: 'indeterminate',
  themeId: 'theme-onboarding',
  themeState: 'theme',
  count: { done: 0, total: 0 },
  points: { done: 0, total: 0, unestimated: 0 },
  score: 12,
  readiness: { ready: 0, checked: 0 },
};

const THEME = { id: 'theme-onboarding', name: 'Effortless onboarding', description: '', horizon: 'now', targetPercent: 60, strategicWeight: 1, colour: 'blue', archived: false };

function outline(complete: boolean, extra: Partial<VisionMapView> = {}): VisionMapView {
  return {
    project: { id: '10000', key: 'TL' },
    canEdit: true,
    strategy: { revision: 3, vision: { statement: 'One line', targetCustomers: '', goals: [] }, themes: [THEME] },
    epics: [EPIC],
    allocation: [],
    totals: { openPoints: 0, donePoints: 0, stories: 0 },
    notes: [],
    reads: { issues: 1, searchCalls: 1 },
    complete,
    ...extra,
  };
}

/** The whole map as the backend builds it from rollups. */
const WHOLE: VisionMapView = outline(true, {
  epics: [{ ...EPIC, count: { done: 2, total: 5 }, points: { done: 5, total: 13, unestimated: 1 }, readiness: { ready: 3, checked: 5 }, countedAt: '2026-12-02T09:00:00Z', rollup: { notReady: 2, failingRules: [{ ruleId: 'acceptance-criteria', stories: 2 }], incompleteScores: 1, topScore: 40 } }],
  allocation: [{ themeId: 'theme-onboarding', name: 'Effortless onboarding', colour: 'blue', targetPercent: 60, open: { points: 8, percent: 100 }, done: { points: 5, percent: 100 }, stories: 5 }],
  totals: { openPoints: 8, donePoints: 5, stories: 5 },
  reads: { issues: 0, searchCalls: 0 },
  counting: { mode: 'rollups', reconciledAt: '2026-12-02T08:00:00Z', oldestAt: '2026-12-02T09:00:00Z', recount: null },
});

const LIVE = { mode: 'live', reason: 'issue-security', message: 'Counting live: this project uses issue security, so Throughline counts only what you can see.' } as const;

function chunk(index: number, last: boolean): VisionMapChunkView {
  return {
    epics: index === 0 ? [EPIC] : [],
    tallies: [{ key: 'TL-10', count: { done: 1, total: 2 }, points: { done: 2, total: 5, unestimated: 0 }, readiness: { ready: 1, checked: 2 } }],
    allocation: [{ themeId: 'theme-onboarding', open: 3, done: 2, stories: 2 }],
    notes: [],
    reads: { issues: 2, searchCalls: 1 },
    next: last ? null : `TL-${String(index + 1)}`,
    estimatedIssues: index === 0 ? 4 : null,
  };
}

/** The resolvers, faked: each outline in turn, then two chunks; every call recorded. */
function resolvers(outlines: readonly VisionMapView[]) {
  const calls: string[] = [];
  let next = 0;
  const source = visionMapSource({
    outline: () => {
      calls.push('getVisionOutline');
      const value = outlines[Math.min(next++, outlines.length - 1)];
      return Promise.resolve(value === undefined ? { ok: false, error: { code: 'not-found', message: 'none' } } : { ok: true, value });
    },
    chunk: (after) => {
      calls.push(`getVisionMapChunk ${after ?? 'first'}`);
      const index = after === undefined ? 0 : 1;
      return Promise.resolve({ ok: true, value: chunk(index, index === 1) });
    },
  });
  const published: ChunkedState<VisionMapView, VisionMapChunkView>[] = [];
  const loader = new ChunkedLoader(source, (state) => published.push(state));
  return { loader, calls, published };
}

/** What the page shows of a state: the map merged once the pass is complete (vision-map.tsx). */
const shown = (state: ChunkedState<VisionMapView, VisionMapChunkView>): VisionMapView | undefined => (state.complete && state.head !== undefined ? mergeVisionMap(state.head, state.chunks, true) : state.head);

describe('reading the vision map', () => {
  it('shows the whole map from a complete outline in one call, with no chunk read', async () => {
    const { loader, calls, published } = resolvers([WHOLE]);
    await loader.refresh();
    expect(calls).toEqual(['getVisionOutline']);
    expect(loader.current).toMatchObject({ loading: false, complete: true, chunks: [] });
    // Never an outline without counts on screen first: the one state published is the whole map.
    expect(published).toHaveLength(1);
    expect(shown(loader.current)).toBe(WHOLE);
    expect(shown(loader.current)?.epics[0]).toMatchObject({ count: { done: 2, total: 5 }, rollup: { notReady: 2 } });
  });

  it('re-reads the outline alone after an edit (one call), keeping the map on screen meanwhile', async () => {
    const edited = { ...WHOLE, strategy: { ...WHOLE.strategy, revision: 4 } };
    const { loader, calls } = resolvers([WHOLE, edited]);
    await loader.refresh();
    const refreshing = loader.refresh();
    expect(loader.current.last?.head).toBe(WHOLE);
    await refreshing;
    expect(calls).toEqual(['getVisionOutline', 'getVisionOutline']);
    expect(shown(loader.current)?.strategy.revision).toBe(4);
  });

  it('counts live in chunks when the outline is not complete, and keeps saying why', async () => {
    const { loader, calls, published } = resolvers([outline(false, { counting: LIVE })]);
    await loader.refresh();
    expect(calls).toEqual(['getVisionOutline', 'getVisionMapChunk first', 'getVisionMapChunk TL-1']);
    // The outline is shown alone first (with the live note), then the counts.
    expect(published[0]).toMatchObject({ loading: true, complete: false });
    expect(shown(published[0] ?? loader.current)?.counting).toEqual(LIVE);
    const map = shown(loader.current);
    expect(map).toMatchObject({ complete: true, counting: LIVE, totals: { openPoints: 6, donePoints: 4, stories: 4 }, reads: { issues: 4, searchCalls: 2 } });
    expect(map?.epics[0]).toMatchObject({ key: 'TL-10', count: { done: 2, total: 4 }, points: { done: 4, total: 10 }, readiness: { ready: 2, checked: 4 } });
  });

  it('chunks an outline that says nothing of its counting (a backend before rollups)', async () => {
    const { loader, calls } = resolvers([outline(false)]);
    await loader.refresh();
    expect(calls).toHaveLength(3);
    expect(shown(loader.current)?.counting).toBeUndefined();
  });

  it('returns a complete outline as it is, whatever chunks are passed', () => {
    expect(mergeVisionMap(WHOLE, [], true)).toBe(WHOLE);
    expect(mergeVisionMap(WHOLE, [chunk(0, true)], true)).toBe(WHOLE);
  });
});
