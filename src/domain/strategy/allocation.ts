/**
 * Intended vs real balance of effort across themes: the share of open and of done estimate that
 * each theme receives, against its target allocation, with an "Unaligned" bucket for the rest.
 */
import { statusCategoryOf } from '../jira-issue';
import type { JiraIssue } from '../jira-issue';
import { isStoryLevel, estimatedPointsOf } from './estimates';
import type { Theme, ThemeColour } from './model';
import type { IssueTheme } from './theme-of-issue';

export interface StoryWithTheme {
  readonly issue: JiraIssue;
  /** From `themeOfIssue`. */
  readonly theme: IssueTheme;
}

export interface EstimateShare {
  readonly points: number;
  /** Of all open (or all done) estimate in the project, 0–100; 0 when there is none. */
  readonly percent: number;
}

interface Bucket {
  readonly open: EstimateShare;
  readonly done: EstimateShare;
  readonly stories: number;
  /** Stories without usable story points: they count as stories but add no estimate. */
  readonly unestimated: number;
}

export interface ThemeAllocation extends Bucket {
  readonly themeId: string;
  readonly name: string;
  readonly colour: ThemeColour;
  readonly archived: boolean;
  /** 0 for an archived theme: it no longer asks for effort. */
  readonly targetPercent: number;
  /** Open share minus target: where the effort still to come goes, which the PM can change. */
  readonly deltaPercent: number;
  /** Done share minus target: where the effort went. */
  readonly doneDeltaPercent: number;
}

export interface UnalignedAllocation extends Bucket {
  /** Theme ids that stories point at but that no longer exist; their effort is counted here. */
  readonly unknownThemeIds: readonly string[];
}

export interface AllocationByTheme {
  /** Active themes in strategy order, then archived themes that still have stories. */
  readonly themes: readonly ThemeAllocation[];
  readonly unaligned: UnalignedAllocation;
  readonly totals: { readonly openPoints: number; readonly donePoints: number; readonly stories: number; readonly unestimated: number };
  /** 100 minus the targets of the active themes: effort the strategy leaves free. */
  readonly unallocatedTargetPercent: number;
}

interface Tally {
  open: number;
  done: number;
  stories: number;
  unestimated: number;
}

const percentOf = (part: number, total: number): number => (total > 0 ? (part / total) * 100 : 0);

/** What one story, or one group of stories of the same theme, adds to the allocation. */
export interface ThemeTally {
  readonly theme: IssueTheme;
  readonly open: number;
  readonly done: number;
  readonly stories: number;
  readonly unestimated: number;
}

export function allocationByTheme(
  stories: readonly StoryWithTheme[],
  themes: readonly Theme[],
  storyPointsFieldId: string | null,
): AllocationByTheme {
  const tallies: ThemeTally[] = [];
  for (const { issue, theme } of stories) {
    if (!isStoryLevel(issue)) continue;
    const points = estimatedPointsOf(issue, storyPointsFieldId);
    const done = statusCategoryOf(issue.fields) === 'done';
    tallies.push({ theme, open: points !== undefined && !done ? points : 0, done: points !== undefined && done ? points : 0, stories: 1, unestimated: points === undefined ? 1 : 0 });
  }
  return allocationOfTallies(tallies, themes);
}

/**
 * The allocation from what stories add up to per theme (one entry per story, or per group of
 * stories counted together, as the rollups keep them): the same sums in the same order.
 */
export function allocationOfTallies(entries: readonly ThemeTally[], themes: readonly Theme[]): AllocationByTheme {
  const tallies = new Map<string, Tally>(themes.map((theme) => [theme.id, { open: 0, done: 0, stories: 0, unestimated: 0 }]));
  const unaligned: Tally = { open: 0, done: 0, stories: 0, unestimated: 0 };
  const unknownThemeIds = new Set<string>();
  let openPoints = 0;
  let donePoints = 0;

  for (const { theme, open, done, stories, unestimated } of entries) {
    let tally = unaligned;
    if (theme.kind === 'theme') tally = tallies.get(theme.theme.id) ?? unaligned;
    else if (theme.kind === 'unknown-theme') unknownThemeIds.add(theme.id);
    tally.stories += stories;
    tally.unestimated += unestimated;
    tally.done += done;
    donePoints += done;
    tally.open += open;
    openPoints += open;
  }

  const bucketOf = (tally: Tally): Bucket => ({
    open: { points: tally.open, percent: percentOf(tally.open, openPoints) },
    done: { points: tally.done, percent: percentOf(tally.done, donePoints) },
    stories: tally.stories,
    unestimated: tally.unestimated,
  });

  const allocations: ThemeAllocation[] = [];
  const ordered = [...themes.filter((theme) => !theme.archived), ...themes.filter((theme) => theme.archived)];
  for (const theme of ordered) {
    const tally = tallies.get(theme.id);
    if (tally === undefined || (theme.archived && tally.stories === 0)) continue;
    const bucket = bucketOf(tally);
    const targetPercent = theme.archived ? 0 : theme.targetPercent;
    allocations.push({
      themeId: theme.id,
      name: theme.name,
      colour: theme.colour,
      archived: theme.archived,
      targetPercent,
      ...bucket,
      deltaPercent: bucket.open.percent - targetPercent,
      doneDeltaPercent: bucket.done.percent - targetPercent,
    });
  }

  const targeted = themes.filter((theme) => !theme.archived).reduce((sum, theme) => sum + theme.targetPercent, 0);
  return {
    themes: allocations,
    unaligned: { ...bucketOf(unaligned), unknownThemeIds: [...unknownThemeIds] },
    totals: {
      openPoints,
      donePoints,
      stories: [...tallies.values(), unaligned].reduce((sum, tally) => sum + tally.stories, 0),
      unestimated: [...tallies.values(), unaligned].reduce((sum, tally) => sum + tally.unestimated, 0),
    },
    unallocatedTargetPercent: Math.max(0, 100 - targeted),
  };
}
