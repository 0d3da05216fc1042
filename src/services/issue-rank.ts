/**
 * Where the issue stands in its project's open backlog, from the app's "Priority score" field
 * (kept current by the background): the issue's stored score, then two approximate counts, in
 * parallel: open scored issues with a higher score, and open scored issues in all.
 *
 *   project = 10000 AND statusCategory != Done AND cf[10100] > 12.5     → 3  → rank #4
 *   project = 10000 AND statusCategory != Done AND cf[10100] IS NOT EMPTY → 212
 *
 * Everything is read as the user, so the counts are of the issues they can see.
 */
import type { IssueRankView } from '../contract';
import { isRecord, statusCategoryOfStatus } from '../domain/jira-issue';
import { approximateCount, createJiraClient, customField, getIssue } from '../jira';
import type { RequestJira } from '../jira';
import { scoredAboveJql, scoredEqualJql, scoredJql } from './queries';
import type { SiteFields } from './site-fields';

export const RANK_NOT_COMPUTED = 'Rank appears once scores are computed: Throughline has not written any "Priority score" in this project yet.';
export const RANK_NO_FIELD = 'Rank appears once the app\'s "Priority score" field exists on this site.';
export const RANK_ISSUE_UNSCORED = 'No rank: this issue has no computed score yet (it appears once every input has a value and scores are recomputed).';
export const RANK_DONE = 'Done issues are not ranked: the rank is among open issues.';

export function rankViewOf(above: number, total: number, score: number, tied = 1): IssueRankView {
  // Counts are approximate and the issue may not be indexed yet: never "#5 of 4", never tied with fewer than itself.
  const rank = above + 1;
  const safeTied = Math.max(1, tied);
  const safeTotal = Math.max(total, above + safeTied);
  return { status: 'ranked', rank, total: safeTotal, topPercent: Math.max(1, Math.ceil((rank / safeTotal) * 100)), tied: safeTied, score };
}

export async function rankIssue(requestJira: RequestJira, issueIdOrKey: string, siteFields: () => Promise<SiteFields>): Promise<IssueRankView> {
  const jira = createJiraClient(requestJira);
  const site = await siteFields();
  const fieldId = site.appFields.score;
  // Only a custom field has a JQL name (`cf[10100]`); the app's own field always is one.
  const jqlField = fieldId === null ? undefined : customField(fieldId);
  if (fieldId === null || jqlField === undefined) {
    // Still prove the user may see the issue: a hidden one is 'not found', not "no rank".
    await getIssue(jira, issueIdOrKey, { fields: ['project'] });
    return { status: 'unavailable', message: RANK_NO_FIELD };
  }
  const issue = await getIssue(jira, issueIdOrKey, { fields: ['project', 'status', fieldId] });
  const project = issue.fields.project;
  const projectId = isRecord(project) && typeof project.id === 'string' && /^\d{1,18}$/.test(project.id) ? project.id : undefined;
  if (projectId === undefined) throw new Error(`Jira sent issue ${issue.key} without its project.`);
  if (statusCategoryOfStatus(issue.fields.status) === 'done') return { status: 'unavailable', message: RANK_DONE };
  const stored = issue.fields[fieldId];
  const score = typeof stored === 'number' && Number.isFinite(stored) ? stored : undefined;
  if (score === undefined) {
    const total = await approximateCount(jira, scoredJql(projectId, jqlField));
    return { status: 'unavailable', message: total === 0 ? RANK_NOT_COMPUTED : RANK_ISSUE_UNSCORED };
  }
  const [above, total, tied] = await Promise.all([
    approximateCount(jira, scoredAboveJql(projectId, jqlField, score)),
    approximateCount(jira, scoredJql(projectId, jqlField)),
    approximateCount(jira, scoredEqualJql(projectId, jqlField, score)),
  ]);
  return rankViewOf(above, total, score, tied);
}
