import { describe, expect, it } from 'vitest';
import { rankStanding, rankWords, tieWords } from '../../../src/domain/scoring/index';

const place = (rank: number, total: number, tied = 1) => ({ rank, total, tied });

describe('a rank in words', () => {
  it('reads naturally at both ends of the backlog', () => {
    expect(rankWords(place(1, 212))).toBe('#1 of 212 · top 1%');
    expect(rankWords(place(212, 212))).toBe('#212 of 212 · bottom of the backlog');
    expect(rankWords(place(7, 7))).toBe('#7 of 7 · bottom of the backlog');
    expect(rankWords(place(1, 7))).toBe('#1 of 7 · top of the backlog');
    expect(rankWords(place(1, 1))).toBe('#1 of 1 · the only ranked issue');
  });

  it('says top in the upper half, bottom in the lower half and middle for the one in between', () => {
    expect(rankWords(place(4, 212))).toBe('#4 of 212 · top 2%');
    expect(rankWords(place(106, 212))).toBe('#106 of 212 · top 50%');
    expect(rankWords(place(107, 212))).toBe('#107 of 212 · bottom 50%');
    expect(rankWords(place(211, 212))).toBe('#211 of 212 · bottom 1%');
    expect(rankWords(place(150, 212))).toBe('#150 of 212 · bottom 30%');
    expect(rankWords(place(4, 7))).toBe('#4 of 7 · middle of the backlog');
    expect(rankWords(place(6, 7))).toBe('#6 of 7 · bottom 29%');
    expect(rankWords(place(2, 2))).toBe('#2 of 2 · bottom of the backlog');
  });

  it('never says top 0% or top 100%', () => {
    for (let total = 1; total <= 300; total++) {
      for (let rank = 1; rank <= total; rank++) {
        const words = rankStanding(place(rank, total));
        expect(words).not.toMatch(/ 0%|top 100%/);
      }
    }
    expect(rankWords(place(1, 100_000))).toBe('#1 of 100000 · top 1%');
  });

  it('says a tie, and a tie at the last place is the bottom of the backlog', () => {
    expect(tieWords(1)).toBeUndefined();
    expect(tieWords(2)).toBe('tied with 1 other');
    expect(rankWords(place(5, 7, 3))).toBe('#5 of 7 · tied with 2 others · bottom of the backlog');
    expect(rankWords(place(2, 212, 2))).toBe('#2 of 212 · tied with 1 other · top 1%');
    expect(rankWords(place(1, 3, 3))).toBe('#1 of 3 · all 3 share one score');
    expect(rankWords(place(1, 7, 2))).toBe('#1 of 7 · tied with 1 other · top of the backlog');
  });

  it('writes counts as the caller formats them', () => {
    expect(rankWords(place(1234, 5000), (count) => count.toLocaleString('de-DE'))).toBe('#1.234 of 5.000 · top 25%');
  });
});
