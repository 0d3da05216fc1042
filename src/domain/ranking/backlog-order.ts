/**
 * Ordering a board's backlog by score with the fewest rank calls (pure).
 *
 * The desired order: scored issues by score (best first, ties kept in their current order) in the
 * places that are neither pinned nor incomplete; pinned issues and issues whose score is incomplete
 * keep their places (so the incomplete ones also keep their order relative to each other).
 *
 * The plan: a longest increasing subsequence of the current order (by desired position) stays where
 * it is, with every pinned or incomplete issue forced into it; every other issue moves. Moved issues
 * that end up next to each other form a run, placed in one rank call before the kept issue that
 * follows it (or after the last kept issue), split in calls of at most 50 (Jira's limit). Every anchor
 * is an issue already in its final place, so the calls can be sent in the order given and a failure
 * of one leaves the others right.
 */

/** Jira's limit on the issues of one `PUT /rest/agile/1.0/issue/rank`. */
export const MAX_RANK_ISSUES = 50;

export type RankCall =
  | { readonly issues: readonly string[]; readonly rankBeforeIssue: string }
  | { readonly issues: readonly string[]; readonly rankAfterIssue: string };

export interface IssueMove {
  readonly key: string;
  /** Places in the ordered scope, from 0. */
  readonly from: number;
  readonly to: number;
}

export interface OrderPlan {
  /** The order the plan reaches. */
  readonly desired: readonly string[];
  readonly calls: readonly RankCall[];
  readonly moves: readonly IssueMove[];
  /** Runs of consecutive moved issues (in the desired order). */
  readonly runs: number;
  /** The fewest calls any plan keeping the same issues needs: ⌈moved / 50⌉ + runs bounds it from above. */
  readonly callBound: number;
}

export interface ScoredIssue {
  readonly key: string;
  /** null: the score is incomplete (a missing or invalid input). */
  readonly score: number | null;
}

/** Where each issue should be: scored ones by score in the free places, the others where they are. */
export function desiredOrderByScore(current: readonly ScoredIssue[], pinned: ReadonlySet<string> = new Set()): string[] {
  const free: { key: string; score: number; at: number }[] = [];
  const freeSlots: number[] = [];
  const result: string[] = current.map((issue) => issue.key);
  current.forEach((issue, at) => {
    if (issue.score === null || !Number.isFinite(issue.score) || pinned.has(issue.key)) return;
    free.push({ key: issue.key, score: issue.score, at });
    freeSlots.push(at);
  });
  free.sort((a, b) => b.score - a.score || a.at - b.at);
  free.forEach((issue, i) => {
    result[freeSlots[i] ?? 0] = issue.key;
  });
  return result;
}

/** Indices (into `values`) of a longest strictly increasing subsequence; O(n log n). */
export function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((value, i) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((values[tails[mid] ?? 0] ?? 0) < value) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[i] = tails[low - 1] ?? -1;
    tails[low] = i;
  });
  const result: number[] = [];
  for (let i = tails.at(-1) ?? -1; i >= 0; i = previous[i] ?? -1) result.push(i);
  return result.reverse();
}

export class OrderPlanError extends Error {
  override readonly name = 'OrderPlanError';
}

/**
 * The calls that turn `current` into `desired` (the same issues), keeping the issues of `fixed` in
 * place: an issue of `fixed` must have the same position in both orders.
 */
export function planOrder(current: readonly string[], desired: readonly string[], fixed: ReadonlySet<string> = new Set()): OrderPlan {
  if (current.length !== desired.length) throw new OrderPlanError('The desired order must hold the same issues as the current one.');
  const target = new Map<string, number>();
  desired.forEach((key, at) => target.set(key, at));
  if (target.size !== desired.length) throw new OrderPlanError('An issue appears twice in the desired order.');
  const positions = current.map((key) => {
    const at = target.get(key);
    if (at === undefined) throw new OrderPlanError(`Issue ${key} is not in the desired order.`);
    return at;
  });
  if (new Set(current).size !== current.length) throw new OrderPlanError('An issue appears twice in the current order.');
  // Only issues that agree with every fixed issue may stay; then any longest chain includes them all.
  const fixedAt = current.map((key, at) => (fixed.has(key) ? at : -1)).filter((at) => at >= 0);
  for (const at of fixedAt) if (positions[at] !== at) throw new OrderPlanError(`Fixed issue ${current[at] ?? ''} would change place.`);
  const candidates: number[] = [];
  let f = 0;
  current.forEach((_key, at) => {
    while (f < fixedAt.length && (fixedAt[f] ?? 0) < at) f++;
    // The fixed issues just before and after `at` in the current order bound where it may go.
    const before = f > 0 ? (fixedAt[f - 1] ?? -1) : -1;
    const after = fixedAt[f] === at ? at : (fixedAt[f] ?? current.length);
    const to = positions[at] ?? 0;
    if (fixedAt[f] === at || (to > before && to < after)) candidates.push(at);
  });
  const kept = new Set(longestIncreasing(candidates.map((at) => positions[at] ?? 0)).map((i) => current[candidates[i] ?? 0] ?? ''));

  const calls: RankCall[] = [];
  let runs = 0;
  let lastKept: string | undefined;
  let run: string[] = [];
  const flush = (nextKept: string | undefined): void => {
    if (run.length === 0) return;
    runs++;
    const chunks: string[][] = [];
    for (let i = 0; i < run.length; i += MAX_RANK_ISSUES) chunks.push(run.slice(i, i + MAX_RANK_ISSUES));
    if (nextKept !== undefined) {
      // Each chunk before the same kept issue lands after the chunks already placed there.
      for (const chunk of chunks) calls.push({ issues: chunk, rankBeforeIssue: nextKept });
    } else {
      // After the last kept issue, the last chunk first: each lands right after the anchor, before
      // the ones placed already; every call names a kept issue, so a chunk that failed moves no other.
      const anchor = lastKept;
      if (anchor === undefined) throw new OrderPlanError('No issue stays in place to rank against.');
      for (const chunk of chunks.reverse()) calls.push({ issues: chunk, rankAfterIssue: anchor });
    }
    run = [];
  };
  for (const key of desired) {
    if (kept.has(key)) {
      flush(key);
      lastKept = key;
    } else run.push(key);
  }
  flush(undefined);

  const from = new Map<string, number>();
  current.forEach((key, at) => from.set(key, at));
  const moves: IssueMove[] = desired.filter((key) => !kept.has(key)).map((key) => ({ key, from: from.get(key) ?? 0, to: target.get(key) ?? 0 }));
  return { desired: [...desired], calls, moves, runs, callBound: Math.ceil(moves.length / MAX_RANK_ISSUES) + runs };
}

/** What one rank call does to an order (as Jira does: the issues in the given order, next to the anchor). */
export function applyRankCall(order: readonly string[], call: RankCall): string[] {
  const moving = new Set(call.issues);
  const rest = order.filter((key) => !moving.has(key));
  const anchor = 'rankBeforeIssue' in call ? call.rankBeforeIssue : call.rankAfterIssue;
  const at = rest.indexOf(anchor);
  if (at < 0) throw new OrderPlanError(`Anchor ${anchor} is not in the order.`);
  const insertAt = 'rankBeforeIssue' in call ? at : at + 1;
  return [...rest.slice(0, insertAt), ...call.issues, ...rest.slice(insertAt)];
}

/** Applies every call in turn. */
export function applyPlan(order: readonly string[], calls: readonly RankCall[]): string[] {
  return calls.reduce<string[]>((acc, call) => applyRankCall(acc, call), [...order]);
}

/**
 * Comparing an order saved after a reordering with the order now: the issues gone from it, and the
 * issues someone else moved since (those outside a longest chain that kept their relative order).
 */
export function changesSince(saved: readonly string[], now: readonly string[]): { readonly gone: string[]; readonly moved: string[] } {
  const present = new Set(now);
  const gone = saved.filter((key) => !present.has(key));
  const savedAt = new Map<string, number>();
  saved.forEach((key, at) => savedAt.set(key, at));
  const common = now.filter((key) => savedAt.has(key));
  const keep = new Set(longestIncreasing(common.map((key) => savedAt.get(key) ?? 0)).map((i) => common[i] ?? ''));
  return { gone, moved: common.filter((key) => !keep.has(key)) };
}
