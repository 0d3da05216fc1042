/**
 * The ranked backlog, put together in the page: the chunks of open issues (each one invocation of
 * ≤ 30 searches) merged, sorted by score (ties by key order), ranked and capped the way one full
 * read would be.
 */
import type { BacklogRowView, RankedBacklogChunkView, RankedBacklogView } from '../../../src/contract';

/** Rows shown at most (the full read's caps: Forge returns at most 5 MB from a function). */
export const MAX_RANKED_ROWS = 1_500;
export const MAX_INCOMPLETE_ROWS = 500;

const byScore = (a: BacklogRowView, b: BacklogRowView): number => (b.score ?? 0) - (a.score ?? 0) || a.key.localeCompare(b.key, 'en', { numeric: true });

/** The backlog from every chunk read so far, in order; null before the first chunk. */
export function mergeRankedBacklog(chunks: readonly RankedBacklogChunkView[]): RankedBacklogView | null {
  const first = chunks[0];
  if (first === undefined) return null;
  const ranked = chunks.flatMap((chunk) => chunk.ranked).sort(byScore);
  const incomplete = chunks.flatMap((chunk) => chunk.incomplete);
  const notes = [...new Set(chunks.flatMap((chunk) => chunk.notes))];
  if (ranked.length > MAX_RANKED_ROWS) notes.push(`Showing the top ${MAX_RANKED_ROWS.toLocaleString('en-US')} of ${ranked.length.toLocaleString('en-US')} ranked issues; the filters apply to these.`);
  if (incomplete.length > MAX_INCOMPLETE_ROWS) notes.push(`Showing ${MAX_INCOMPLETE_ROWS.toLocaleString('en-US')} of ${incomplete.length.toLocaleString('en-US')} issues without a complete score.`);
  const reads = chunks.reduce((sum, chunk) => ({ issues: sum.issues + chunk.reads.issues, searchCalls: sum.searchCalls + chunk.reads.searchCalls }), { issues: 0, searchCalls: 0 });
  return {
    project: first.project,
    model: first.model,
    ranked: ranked.slice(0, MAX_RANKED_ROWS).map((row, index) => ({ ...row, rank: index + 1 })),
    incomplete: incomplete.slice(0, MAX_INCOMPLETE_ROWS),
    totals: { ranked: ranked.length, incomplete: incomplete.length },
    notes,
    reads,
  };
}
