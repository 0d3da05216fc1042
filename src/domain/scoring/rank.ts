/**
 * Where a score stands among the project's scores: "#4 of 212, top 2%". The score itself is
 * absolute; the rank is shown beside it. Ties share the best rank (two issues at the top are
 * both #1), and scores that are not finite numbers are not counted.
 */

export interface Rank {
  /** 1 for the highest score; ties share the best rank. */
  readonly rank: number;
  /** How many scores were ranked (the score itself included). */
  readonly of: number;
  /** rank ÷ of as a whole percentage, rounded up, at least 1: #4 of 212 → 2. */
  readonly topPercent: number;
}

function rankFrom(higher: number, of: number): Rank {
  const rank = higher + 1;
  // Integer arithmetic: (3 × 100) / 100 is exactly 3, while 3 / 100 × 100 is 3.0000000000000004.
  const topPercent = Math.max(1, Math.ceil((rank * 100) / of));
  return { rank, of, topPercent };
}

/**
 * The rank of `score` among `scores` (which normally contain it; if not, it is counted in `of`).
 * A score that is not a finite number has no rank: rank and of are 0.
 */
export function rankOf(score: number, scores: readonly number[]): Rank {
  if (!Number.isFinite(score)) return { rank: 0, of: 0, topPercent: 0 };
  let higher = 0;
  let counted = 0;
  let present = false;
  for (const other of scores) {
    if (!Number.isFinite(other)) continue;
    counted++;
    if (other > score) higher++;
    else if (other === score) present = true;
  }
  return rankFrom(higher, present ? counted : counted + 1);
}

export interface Ranking {
  readonly size: number;
  readonly rankOf: (score: number) => Rank;
}

/** Ranks many scores against one list: sorted once, then each rank by binary search. */
export function rankingOf(scores: readonly number[]): Ranking {
  const sorted = Float64Array.from(scores.filter((score) => Number.isFinite(score))).sort().reverse();
  const size = sorted.length;
  /** The number of scores above `score`: the first index whose score is not above it. */
  const countAbove = (score: number): number => {
    let low = 0;
    let high = size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] ?? Number.NEGATIVE_INFINITY) > score) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return {
    size,
    rankOf: (score: number): Rank => {
      if (!Number.isFinite(score)) return { rank: 0, of: 0, topPercent: 0 };
      const higher = countAbove(score);
      const present = sorted[higher] === score;
      return rankFrom(higher, present ? size : size + 1);
    },
  };
}

/** "#4 of 212, top 2%". */
export function formatRank(rank: Rank): string {
  return rank.of === 0 ? 'not ranked' : `#${rank.rank} of ${rank.of}, top ${rank.topPercent}%`;
}
