import { describe, expect, it } from 'vitest';
import { epicProgress } from '../../../src/domain/strategy';
import { POINTS, story, subtask } from './fixtures';

describe('epicProgress', () => {
  it('counts done stories and done points from status categories', () => {
    const progress = epicProgress(
      [
        story('P-1', { status: 'done', points: 5 }),
        story('P-2', { status: 'done', points: 3 }),
        story('P-3', { status: 'indeterminate', points: 8 }),
        story('P-4', { status: 'new', points: 0 }),
        story('P-5', { status: 'done' }),
      ],
      POINTS,
    );
    expect(progress).toEqual({
      count: { done: 3, total: 5 },
      points: { done: 8, total: 16, unestimated: 1 },
      ratio: { byCount: 0.6, byPoints: 0.5 },
    });
  });

  it('treats story points that are not numbers as unestimated', () => {
    const odd = ['5', null, Number.NaN, Number.POSITIVE_INFINITY, -3, { value: 5 }, [5], true];
    const progress = epicProgress(odd.map((points, index) => story(`P-${index}`, { points, status: 'done' })), POINTS);
    expect(progress.points).toEqual({ done: 0, total: 0, unestimated: odd.length });
    expect(progress.ratio).toEqual({ byCount: 1, byPoints: null });
  });

  it('has no ratio, rather than NaN, for an epic without children', () => {
    expect(epicProgress([], POINTS)).toEqual({ count: { done: 0, total: 0 }, points: { done: 0, total: 0, unestimated: 0 }, ratio: { byCount: null, byPoints: null } });
  });

  it('leaves out subtasks, whose work their story already counts', () => {
    const progress = epicProgress([story('P-1', { points: 2 }), subtask('P-2', { points: 1, status: 'done' })], POINTS);
    expect(progress.count).toEqual({ done: 0, total: 1 });
  });

  it('counts a child without a status as not done', () => {
    const progress = epicProgress([story('P-1', { points: 2, fields: { status: null } })], POINTS);
    expect(progress.count).toEqual({ done: 0, total: 1 });
  });
});
