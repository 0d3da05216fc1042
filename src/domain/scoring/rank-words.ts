/**
 * A rank in words a person would say, at both ends of the backlog and in between:
 *
 *   #1 of 212 · top 1%                #1 of 7 · top of the backlog
 *   #30 of 212 · top 15%              #150 of 212 · bottom 30%
 *   #4 of 7 · middle of the backlog   #212 of 212 · bottom of the backlog
 *   #1 of 1 · the only ranked issue   #5 of 7 · tied with 2 others · bottom of the backlog
 *   #1 of 3 · all 3 share one score
 *
 * Ties share the best rank (three issues tied after four others are all #5); the tie is said, and
 * a group of ties that reaches the last place is at the bottom of the backlog. The share is the
 * part of the backlog at or above the issue (top) or at or below it (bottom), rounded up: never
 * "top 0%", and never "top 100%" for the last.
 */

export interface RankPlace {
  /** 1 for the highest score; ties share the best rank. */
  readonly rank: number;
  /** How many issues are ranked, this one included. */
  readonly total: number;
  /** How many share this score, this one included (1 when none ties with it). */
  readonly tied: number;
}

function percent(part: number, whole: number): number {
  // Integer arithmetic: (3 × 100) / 100 is exactly 3, while 3 / 100 × 100 is 3.0000000000000004.
  return Math.min(100, Math.max(1, Math.ceil((part * 100) / whole)));
}

/** Where the issue stands: "top 2%", "bottom of the backlog", "middle of the backlog"… */
export function rankStanding({ rank, total, tied }: RankPlace): string {
  const lastOfGroup = Math.min(total, rank + Math.max(1, tied) - 1);
  if (total <= 1) return 'the only ranked issue';
  if (rank === 1 && lastOfGroup === total) return `all ${String(total)} share one score`;
  if (lastOfGroup === total) return 'bottom of the backlog';
  const top = percent(rank, total);
  if (rank === 1) return top === 1 ? 'top 1%' : 'top of the backlog';
  if (top <= 50) return `top ${String(top)}%`;
  const bottom = percent(total - rank + 1, total);
  if (bottom <= 50) return `bottom ${String(bottom)}%`;
  return 'middle of the backlog';
}

/** "tied with 1 other", "tied with 2 others", or nothing. */
export function tieWords(tied: number): string | undefined {
  const others = tied - 1;
  if (others < 1) return undefined;
  return `tied with ${String(others)} ${others === 1 ? 'other' : 'others'}`;
}

/** "#4 of 212 · top 2%", with the tie when there is one. */
export function rankWords(place: RankPlace, formatCount: (count: number) => string = String): string {
  const parts = [`#${formatCount(place.rank)} of ${formatCount(place.total)}`];
  const everyone = place.rank === 1 && place.tied >= place.total;
  const tie = tieWords(place.tied);
  if (tie !== undefined && place.total > 1 && !everyone) parts.push(tie);
  parts.push(rankStanding(place));
  return parts.join(' · ');
}
