/**
 * Ordering a backlog by score with the fewest rank calls: worked examples, then properties over
 * random backlogs (fast-check): the plan reaches the desired order, issues of the longest chain
 * never move, pinned and incomplete issues keep their places, and the calls stay within
 * ⌈moved / 50⌉ + runs, each of at most 50 issues.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RANK_ISSUES, OrderPlanError, applyPlan, changesSince, desiredOrderByScore, longestIncreasing, planOrder } from '../../../src/domain/ranking';

const keys = (n: number): string[] => Array.from({ length: n }, (_, i) => `TL-${String(i + 1)}`);

describe('desiredOrderByScore', () => {
  it('sorts scored issues best first, ties in their current order, incomplete and pinned in place', () => {
    const current = [
      { key: 'A', score: 1 },
      { key: 'B', score: null },
      { key: 'C', score: 5 },
      { key: 'D', score: 3 },
      { key: 'E', score: 5 },
      { key: 'F', score: 9 },
    ];
    expect(desiredOrderByScore(current, new Set(['D']))).toEqual(['F', 'B', 'C', 'D', 'E', 'A']);
  });
});

describe('planOrder', () => {
  it('moves nothing for a backlog already in order', () => {
    const plan = planOrder(['A', 'B', 'C'], ['A', 'B', 'C']);
    expect(plan.calls).toEqual([]);
    expect(plan.moves).toEqual([]);
  });

  it('moves one issue with one call before the issue that follows it', () => {
    const plan = planOrder(['A', 'B', 'C', 'D'], ['A', 'D', 'B', 'C']);
    expect(plan.calls).toEqual([{ issues: ['D'], rankBeforeIssue: 'B' }]);
    expect(plan.moves).toEqual([{ key: 'D', from: 3, to: 1 }]);
  });

  it('places a run at the end after the last kept issue, in chunks of 50 sent last chunk first', () => {
    const current = keys(120);
    const moved = [...current.slice(1), current[0] ?? ''];
    const plan = planOrder(current, moved);
    expect(applyPlan(current, plan.calls)).toEqual(moved);
    expect(plan.calls).toEqual([{ issues: ['TL-1'], rankAfterIssue: 'TL-120' }]);
    const reversed = [...current].reverse();
    const big = planOrder(current, reversed);
    expect(applyPlan(current, big.calls)).toEqual(reversed);
    expect(big.moves).toHaveLength(119);
    expect(big.calls.every((call) => call.issues.length <= MAX_RANK_ISSUES)).toBe(true);
    expect(big.calls.length).toBeLessThanOrEqual(big.callBound);
    // TL-120 stays; TL-119…TL-1 go after it in three calls, the last 50 first.
    expect(big.calls.map((call) => ('rankAfterIssue' in call ? call.rankAfterIssue : call.rankBeforeIssue))).toEqual(['TL-120', 'TL-120', 'TL-120']);
  });

  it('refuses orders that do not hold the same issues, and a fixed issue that would change place', () => {
    expect(() => planOrder(['A', 'B'], ['A', 'C'])).toThrow(OrderPlanError);
    expect(() => planOrder(['A', 'A'], ['A', 'B'])).toThrow(OrderPlanError);
    expect(() => planOrder(['A', 'B'], ['B', 'A'], new Set(['A']))).toThrow(OrderPlanError);
  });

  it('keeps a fixed issue out of the moves even when a longer chain would move it', () => {
    // Without the pin, keeping B C D and moving P would be as short; P must stay.
    const current = ['P', 'B', 'C', 'D', 'A'];
    const desired = ['P', 'A', 'B', 'C', 'D'];
    const plan = planOrder(current, desired, new Set(['P']));
    expect(plan.moves.map((m) => m.key)).toEqual(['A']);
    expect(applyPlan(current, plan.calls)).toEqual(desired);
  });
});

describe('longestIncreasing', () => {
  it('finds a longest strictly increasing subsequence', () => {
    expect(longestIncreasing([3, 1, 2, 5, 4, 6]).length).toBe(4);
    expect(longestIncreasing([])).toEqual([]);
  });
});

describe('changesSince', () => {
  it('names what left the order and what someone else moved', () => {
    expect(changesSince(['A', 'B', 'C', 'D'], ['A', 'D', 'B', 'X'])).toEqual({ gone: ['C'], moved: ['D'] });
  });
});

const backlogArb = fc
  .integer({ min: 0, max: 300 })
  .chain((n) =>
    fc.record({
      scores: fc.array(fc.option(fc.integer({ min: 0, max: 40 }), { nil: null, freq: 6 }), { minLength: n, maxLength: n }),
      pinned: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    }),
  );

describe('planOrder on random backlogs', () => {
  it('reaches the desired order within ⌈moved/50⌉ + runs calls, never moving kept, pinned or incomplete issues', () => {
    fc.assert(
      fc.property(backlogArb, ({ scores, pinned }) => {
        const current = keys(scores.length);
        const issues = current.map((key, i) => ({ key, score: scores[i] ?? null }));
        const pins = new Set(current.filter((_, i) => pinned[i] === true && i % 5 === 0));
        const desired = desiredOrderByScore(issues, pins);
        const fixed = new Set([...pins, ...issues.filter((i) => i.score === null).map((i) => i.key)]);
        const plan = planOrder(current, desired, fixed);
        expect(applyPlan(current, plan.calls)).toEqual(desired);
        expect(plan.calls.length).toBeLessThanOrEqual(plan.callBound);
        expect(plan.calls.every((call) => call.issues.length >= 1 && call.issues.length <= MAX_RANK_ISSUES)).toBe(true);
        const moved = new Set(plan.moves.map((m) => m.key));
        for (const key of fixed) expect(moved.has(key)).toBe(false);
        // The issues that stay form a longest increasing chain among those allowed to stay.
        const kept = current.filter((key) => !moved.has(key));
        const at = new Map(desired.map((key, i) => [key, i]));
        const keptPositions = kept.map((key) => at.get(key) ?? 0);
        expect([...keptPositions].sort((a, b) => a - b)).toEqual(keptPositions);
        if (fixed.size === 0) expect(kept.length).toBe(longestIncreasing(current.map((key) => at.get(key) ?? 0)).length);
        // Every call's anchor is an issue that is in its final place when the call is made.
        for (const call of plan.calls) {
          const anchor = 'rankBeforeIssue' in call ? call.rankBeforeIssue : call.rankAfterIssue;
          expect(moved.has(anchor)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('needs ⌈moved/50⌉ + runs calls at most for any permutation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }).chain((n) => fc.shuffledSubarray(keys(n), { minLength: n, maxLength: n }).map((desired) => ({ desired, n }))), ({ desired, n }) => {
        const current = keys(n);
        const plan = planOrder(current, desired);
        expect(applyPlan(current, plan.calls)).toEqual(desired);
        expect(plan.calls.length).toBeLessThanOrEqual(plan.callBound);
        expect(current.length - plan.moves.length).toBe(longestIncreasing(current.map((key) => desired.indexOf(key))).length);
      }),
      { numRuns: 200 },
    );
  });
});
