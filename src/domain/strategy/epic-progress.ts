/** How far an epic is, from the status categories of its child issues. */
import { statusCategoryOf } from '../jira-issue';
import type { JiraIssue } from '../jira-issue';
import { isStoryLevel, estimatedPointsOf } from './estimates';

export interface EpicProgress {
  readonly count: { readonly done: number; readonly total: number };
  /** `unestimated` counts children without usable story points; they are left out of the totals. */
  readonly points: { readonly done: number; readonly total: number; readonly unestimated: number };
  /** Done share from 0 to 1, or null when there is nothing to measure (no children, no points). */
  readonly ratio: { readonly byCount: number | null; readonly byPoints: number | null };
}

export function epicProgress(children: readonly JiraIssue[], storyPointsFieldId: string | null): EpicProgress {
  let doneCount = 0;
  let totalCount = 0;
  let donePoints = 0;
  let totalPoints = 0;
  let unestimated = 0;
  for (const child of children) {
    if (!isStoryLevel(child)) continue;
    const done = statusCategoryOf(child.fields) === 'done';
    totalCount++;
    if (done) doneCount++;
    const points = estimatedPointsOf(child, storyPointsFieldId);
    if (points === undefined) {
      unestimated++;
      continue;
    }
    totalPoints += points;
    if (done) donePoints += points;
  }
  return {
    count: { done: doneCount, total: totalCount },
    points: { done: donePoints, total: totalPoints, unestimated },
    ratio: {
      byCount: totalCount === 0 ? null : doneCount / totalCount,
      byPoints: totalPoints === 0 ? null : donePoints / totalPoints,
    },
  };
}
