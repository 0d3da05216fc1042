/** Epics that serve no theme: the "Unaligned" group of the vision map. */
import type { JiraIssue } from '../jira-issue';
import { themeOfEpic } from './theme-of-issue';
import type { EpicThemeOptions } from './theme-of-issue';

export type UnalignedEpic =
  | { readonly epic: JiraIssue; readonly reason: 'no-theme' }
  /** Attached to a theme that was removed since. */
  | { readonly epic: JiraIssue; readonly reason: 'unknown-theme'; readonly themeId: string };

export function unalignedEpics(epics: readonly JiraIssue[], options: EpicThemeOptions): UnalignedEpic[] {
  const unaligned: UnalignedEpic[] = [];
  for (const epic of epics) {
    const theme = themeOfEpic(epic, options);
    if (theme.kind === 'none') unaligned.push({ epic, reason: 'no-theme' });
    else if (theme.kind === 'unknown-theme') unaligned.push({ epic, reason: 'unknown-theme', themeId: theme.id });
  }
  return unaligned;
}
