import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRank, rankingOf, rankOf } from '../../../src/domain/scoring/index';

describe('rankOf(score, scores)', () => {
  it('"#4 of 212, top 2%"', () => {
    const scores = [50, 40, 30, 20, ...Array.from({ length: 208 }, () => 1)];
    expect(rankOf(20, scores)).toEqual({ rank: 4, of: 212, topPercent: 2 });
    expect(formatRank(rankOf(20, scores))).toBe('#4 of 212, top 2%');
  });

  it('ties share the best rank', () => {
    const scores = [9, 7, 7, 7, 3];
    expect(rankOf(9, scores).rank).toBe(1);
    expect(rankOf(7, scores).rank).toBe(2);
    expect(rankOf(3, scores).rank).toBe(5);
    expect(rankOf(5, [5, 5, 5])).toEqual({ rank: 1, of: 3, topPercent: 34 });
  });

  it('top percent is rounded up, at least 1, with exact integer arithmetic (3 of 100 is 3%, not 4%)', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(rankOf(98, hundred)).toEqual({ rank: 3, of: 100, topPercent: 3 });
    expect(rankOf(100_000, Array.from({ length: 100_000 }, (_, i) => i + 1))).toEqual({ rank: 1, of: 100_000, topPercent: 1 });
    expect(rankOf(1, [1])).toEqual({ rank: 1, of: 1, topPercent: 100 });
  });

  it('a score not in the list is counted in it', () => {
    expect(rankOf(8, [9, 7])).toEqual({ rank: 2, of: 3, topPercent: 67 });
    expect(rankOf(8, [])).toEqual({ rank: 1, of: 1, topPercent: 100 });
  });

  it('ignores scores that are not finite, and does not rank one', () => {
    expect(rankOf(5, [Number.NaN, 9, Number.POSITIVE_INFINITY, 5])).toEqual({ rank: 2, of: 2, topPercent: 100 });
    expect(rankOf(Number.NaN, [1, 2])).toEqual({ rank: 0, of: 0, topPercent: 0 });
    expect(formatRank(rankOf(Number.NaN, [1]))).toBe('not ranked');
  });
});

describe('rankingOf(scores): sorted once, the same answers as rankOf', () => {
  it('agrees with rankOf for any list and score', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double())), fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double()), (scores, score) => {
        expect(rankingOf(scores).rankOf(score)).toEqual(rankOf(score, scores));
      }),
    );
  });
});
