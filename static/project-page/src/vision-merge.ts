/**
 * The vision map, put together in the page: the outline (strategy, epics) and the chunks of
 * counts that follow (each one invocation of ≤ 30 searches), summed the way one full read would.
 * An outline read from the app's rollups is already the whole map (`complete: true`): no chunk
 * follows, and it is shown as it came.
 */
import type { AllocationRowView, EpicTallyView, ProjectEpicView, Result, VisionMapChunkView, VisionMapView } from '../../../src/contract';
import type { ChunkSource } from './chunked-load';

/**
 * How the page reads the map: the outline first, alone, so that the first view is not slowed by
 * the counting; a complete one (from rollups) is the whole map and ends the reading. Otherwise the
 * counts follow in chunks (each one invocation of ≤ 30 searches), one after the other.
 */
export function visionMapSource(read: { readonly outline: () => Promise<Result<VisionMapView>>; readonly chunk: (after: string | undefined) => Promise<Result<VisionMapChunkView>> }): ChunkSource<VisionMapView, VisionMapChunkView> {
  return { head: read.outline, ends: (outline) => outline.complete, chunk: read.chunk };
}

const round = (value: number): number => Math.round(value * 100) / 100;
const percentOf = (part: number, total: number): number => (total > 0 ? (part / total) * 100 : 0);

interface Sum {
  open: number;
  done: number;
  stories: number;
}

/**
 * The full map from the outline and every chunk, in order. `complete` false while chunks are still
 * coming: the epics then keep the outline's rows (no counts yet). A complete outline is returned as is.
 */
export function mergeVisionMap(outline: VisionMapView, chunks: readonly VisionMapChunkView[], complete: boolean): VisionMapView {
  if (outline.complete) return outline;
  const reads = chunks.reduce((sum, chunk) => ({ issues: sum.issues + chunk.reads.issues, searchCalls: sum.searchCalls + chunk.reads.searchCalls }), { issues: 0, searchCalls: 0 });
  if (!complete) return { ...outline, reads, complete: false };

  const tallies = new Map<string, { count: { done: number; total: number }; points: { done: number; total: number; unestimated: number }; readiness: { ready: number; checked: number } }>();
  const add = (tally: EpicTallyView): void => {
    const sum = tallies.get(tally.key);
    if (sum === undefined) {
      tallies.set(tally.key, { count: { ...tally.count }, points: { ...tally.points }, readiness: { ...tally.readiness } });
      return;
    }
    sum.count.done += tally.count.done;
    sum.count.total += tally.count.total;
    sum.points.done += tally.points.done;
    sum.points.total += tally.points.total;
    sum.points.unestimated += tally.points.unestimated;
    sum.readiness.ready += tally.readiness.ready;
    sum.readiness.checked += tally.readiness.checked;
  };
  for (const chunk of chunks) for (const tally of chunk.tallies) add(tally);

  const epics: ProjectEpicView[] = chunks.flatMap((chunk) =>
    chunk.epics.map((epic) => {
      const sum = tallies.get(epic.key);
      if (sum === undefined) return epic;
      return { ...epic, count: sum.count, points: { done: round(sum.points.done), total: round(sum.points.total), unestimated: sum.points.unestimated }, readiness: sum.readiness };
    }),
  );

  const byTheme = new Map<string | null, Sum>();
  for (const chunk of chunks) {
    for (const row of chunk.allocation) {
      const sum = byTheme.get(row.themeId) ?? { open: 0, done: 0, stories: 0 };
      sum.open += row.open;
      sum.done += row.done;
      sum.stories += row.stories;
      byTheme.set(row.themeId, sum);
    }
  }
  let openPoints = 0;
  let donePoints = 0;
  let stories = 0;
  for (const sum of byTheme.values()) {
    openPoints += sum.open;
    donePoints += sum.done;
    stories += sum.stories;
  }
  const themes = outline.strategy.themes;
  const ordered = [...themes.filter((theme) => !theme.archived), ...themes.filter((theme) => theme.archived)];
  const rowOf = (sum: Sum) => ({
    open: { points: round(sum.open), percent: round(percentOf(sum.open, openPoints)) },
    done: { points: round(sum.done), percent: round(percentOf(sum.done, donePoints)) },
    stories: sum.stories,
  });
  const allocation: AllocationRowView[] = [];
  for (const theme of ordered) {
    const sum = byTheme.get(theme.id) ?? { open: 0, done: 0, stories: 0 };
    if (theme.archived && sum.stories === 0) continue;
    allocation.push({ themeId: theme.id, name: theme.name, colour: theme.colour, targetPercent: theme.archived ? 0 : theme.targetPercent, ...rowOf(sum) });
  }
  const targeted = themes.filter((theme) => !theme.archived).reduce((sum, theme) => sum + theme.targetPercent, 0);
  allocation.push({ themeId: null, name: 'Unaligned', colour: 'gray', targetPercent: round(Math.max(0, 100 - targeted)), ...rowOf(byTheme.get(null) ?? { open: 0, done: 0, stories: 0 }) });

  const notes = [...new Set([...outline.notes, ...chunks.flatMap((chunk) => chunk.notes)])];
  return {
    ...outline,
    epics,
    allocation,
    totals: { openPoints: round(openPoints), donePoints: round(donePoints), stories },
    notes,
    reads,
    complete: true,
  };
}
