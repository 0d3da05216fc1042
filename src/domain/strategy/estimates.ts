import { issueTypeOf, numberFieldOf } from '../jira-issue';
import type { JiraIssue } from '../jira-issue';

/** Story points of an issue, or undefined when unset, not a number, negative, or the site has no story points field (null). */
export function estimatedPointsOf(issue: JiraIssue, storyPointsFieldId: string | null): number | undefined {
  if (storyPointsFieldId === null) return undefined;
  const points = numberFieldOf(issue.fields, storyPointsFieldId);
  return points !== undefined && points >= 0 ? points : undefined;
}

/** Stories, tasks and bugs carry the estimate: epics and subtasks would count it twice. */
export function isStoryLevel(issue: JiraIssue): boolean {
  return (issueTypeOf(issue.fields)?.hierarchyLevel ?? 0) === 0;
}
