import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocationByTheme } from '../../../src/domain/strategy';
import type { IssueTheme, StoryWithTheme, Theme } from '../../../src/domain/strategy';
import { epic, POINTS, story, theme } from './fixtures';

const growth = theme({ id: 'growth', name: 'Growth', targetPercent: 60 });
const trust = theme({ id: 'trust', name: 'Trust', targetPercent: 30 });
const legacy = theme({ id: 'legacy', name: 'Legacy', targetPercent: 10, archived: true });
const unused = theme({ id: 'unused', name: 'Unused', archived: true });
const themes = [growth, legacy, trust, unused];

const on = (item: Theme): IssueTheme => ({ kind: 'theme', theme: item, via: 'parent', archived: item.archived });
const none: IssueTheme = { kind: 'none' };

describe('allocationByTheme', () => {
  const stories: StoryWithTheme[] = [
    { issue: story('P-1', { points: 8 }), theme: on(growth) },
    { issue: story('P-2', { points: 5, status: 'done' }), theme: on(growth) },
    { issue: story('P-3', { points: 6 }), theme: on(trust) },
    { issue: story('P-4', { points: 2, status: 'done' }), theme: on(legacy) },
    { issue: story('P-5', { points: 4 }), theme: none },
    { issue: story('P-6', { points: 2 }), theme: { kind: 'unknown-theme', id: 'gone', via: 'parent' } },
    { issue: story('P-7', { points: '13' }), theme: on(trust) },
    { issue: epic('P-8', { points: 100 }), theme: on(growth) },
  ];
  const result = allocationByTheme(stories, themes, POINTS);

  it('gives each theme its share of open and done estimate against its target', () => {
    expect(result.totals).toEqual({ openPoints: 20, donePoints: 7, stories: 7, unestimated: 1 });
    const [first, second, third] = result.themes;
    expect(result.themes.map((item) => item.themeId)).toEqual(['growth', 'trust', 'legacy']);
    expect(first).toMatchObject({ name: 'Growth', targetPercent: 60, open: { points: 8, percent: 40 }, stories: 2, unestimated: 0 });
    expect(first?.done.percent).toBeCloseTo((5 / 7) * 100);
    expect(first?.deltaPercent).toBeCloseTo(-20);
    expect(second).toMatchObject({ open: { points: 6, percent: 30 }, done: { points: 0, percent: 0 }, deltaPercent: 0, doneDeltaPercent: -30, stories: 2, unestimated: 1 });
    // An archived theme with stories stays visible, without a target.
    expect(third).toMatchObject({ archived: true, targetPercent: 0, done: { points: 2 } });
    expect(result.unallocatedTargetPercent).toBe(10);
  });

  it('puts stories without a theme, or with a removed one, in Unaligned', () => {
    expect(result.unaligned).toMatchObject({ open: { points: 6, percent: 30 }, done: { points: 0, percent: 0 }, stories: 2, unknownThemeIds: ['gone'] });
  });

  it('handles a project without estimate: zeros, never NaN', () => {
    const empty = allocationByTheme([{ issue: story('P-1'), theme: on(growth) }], [growth], POINTS);
    expect(empty.themes[0]).toMatchObject({ open: { points: 0, percent: 0 }, done: { points: 0, percent: 0 }, deltaPercent: -60, unestimated: 1 });
    expect(allocationByTheme([], [], POINTS)).toMatchObject({ themes: [], totals: { openPoints: 0 }, unallocatedTargetPercent: 100 });
  });

  it('always splits all estimate across the buckets, whatever the points', () => {
    const pointsArb = fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(null), fc.constant('5'), fc.constant(Number.NaN), fc.integer({ min: -5, max: 40 }));
    const storyArb = fc.record({ points: pointsArb, done: fc.boolean(), themeIndex: fc.integer({ min: -1, max: 3 }) });
    fc.assert(
      fc.property(fc.array(storyArb, { maxLength: 40 }), (rows) => {
        const input = rows.map((row, index): StoryWithTheme => {
          const chosen = themes[row.themeIndex];
          return { issue: story(`P-${index}`, { points: row.points, status: row.done ? 'done' : 'new' }), theme: chosen === undefined ? none : on(chosen) };
        });
        const allocation = allocationByTheme(input, themes, POINTS);
        for (const kind of ['open', 'done'] as const) {
          const shares = [...allocation.themes, allocation.unaligned].map((bucket) => bucket[kind].percent);
          for (const share of shares) expect(Number.isFinite(share)).toBe(true);
          const total = kind === 'open' ? allocation.totals.openPoints : allocation.totals.donePoints;
          expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(total > 0 ? 100 : 0, 6);
        }
        expect(allocation.totals.stories).toBe(rows.length);
      }),
    );
  });
});
