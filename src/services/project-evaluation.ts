/**
 * `evaluateProject`: a project's issues, read page by page (`POST /rest/api/3/search/jql` with the
 * fields the configuration needs) and evaluated, each page with the epics of its stories looked up
 * once (bulk fetch) and remembered for the pages after. Shared by the background recompute, and
 * meant for the project page and previews as well.
 *
 * It can start from a page token, so a recompute that hands on to its next step resumes where the
 * last one stopped, and it yields each page's token, so the caller decides where it may resume.
 */
import type { JiraIssue } from '../domain/jira-issue';
import { JiraError, jiraPath } from '../jira';
import type { JiraClient, Jql } from '../jira';
import { searchPageSchema, toJiraIssue } from '../jira/schemas';
import type { EpicRef, Evaluator, IssueEvaluation } from './evaluation';
import { lookUpEpics } from './evaluation';

/** Issues per search page: Jira's cap when fields are asked for. */
export const PROJECT_PAGE_SIZE = 100;

export interface SearchPageResult {
  readonly issues: readonly JiraIssue[];
  readonly nextPageToken: string | null;
  readonly isLast: boolean;
}

/** One page of a JQL search, from a token (null for the first page). */
export async function searchPage(jira: JiraClient, request: { readonly jql: Jql; readonly fields: readonly string[]; readonly properties: readonly string[]; readonly pageSize: number; readonly pageToken: string | null }): Promise<SearchPageResult> {
  const body: Record<string, unknown> = { jql: request.jql, fields: [...request.fields], maxResults: request.pageSize };
  if (request.properties.length > 0) body.properties = [...request.properties];
  if (request.pageToken !== null) body.nextPageToken = request.pageToken;
  const page = await jira.json({ operation: 'search', method: 'POST', path: jiraPath`/rest/api/3/search/jql`, body, schema: searchPageSchema, subject: 'the search' });
  const next = page.nextPageToken ?? null;
  const isLast = page.isLast ?? next === null;
  if (!isLast && (next === null || next === request.pageToken)) {
    throw new JiraError({ kind: 'bad-response', reason: 'missing-next-page-token', message: 'Jira said more issues follow but gave no way to fetch them; stopped.', method: 'POST', path: '/rest/api/3/search/jql', status: 200 });
  }
  return { issues: page.issues.map(toJiraIssue), nextPageToken: isLast ? null : next, isLast };
}

export interface EvaluatedPage {
  /** 0 for the first page of this call. */
  readonly index: number;
  /** The token this page was read with (null for the project's first page): resume here to read it again. */
  readonly pageToken: string | null;
  /** The token of the page after; null after the last page. */
  readonly nextPageToken: string | null;
  readonly isLast: boolean;
  /** The issues as read, in the page's order (the evaluations are in the same order). */
  readonly issues: readonly JiraIssue[];
  readonly evaluations: readonly IssueEvaluation[];
  /** Jira calls made for this page: the search and any epic lookups. */
  readonly calls: { readonly search: number; readonly epicLookups: number };
}

export interface EvaluateProjectOptions {
  /** From ./queries, in a stable order (key), so a page token stays meaningful between steps. */
  readonly jql: Jql;
  /** Where to start: a token from an earlier page, or null for the beginning. */
  readonly pageToken?: string | null;
  readonly pageSize?: number;
  /** Epics already known; updated with every epic seen or looked up. */
  readonly epics?: Map<string, EpicRef | null>;
  readonly now?: Date;
}

export async function* evaluateProject(jira: JiraClient, evaluator: Evaluator, options: EvaluateProjectOptions): AsyncGenerator<EvaluatedPage, void, undefined> {
  const epics = options.epics ?? new Map<string, EpicRef | null>();
  const pageSize = options.pageSize ?? PROJECT_PAGE_SIZE;
  let token = options.pageToken ?? null;
  for (let index = 0; ; index++) {
    const page = await searchPage(jira, { jql: options.jql, fields: evaluator.fields, properties: evaluator.properties, pageSize, pageToken: token });
    for (const [key, ref] of await evaluator.epicsAmong(page.issues)) epics.set(key, ref);
    const lookUp = evaluator.parentsToLookUp(page.issues, epics);
    let epicLookups = 0;
    if (lookUp.length > 0) {
      const result = await lookUpEpics(jira, evaluator, lookUp);
      epicLookups = result.calls;
      for (const [key, ref] of result.epics) epics.set(key, ref);
    }
    const now = options.now ?? new Date();
    yield {
      index,
      pageToken: token,
      nextPageToken: page.nextPageToken,
      isLast: page.isLast,
      issues: page.issues,
      evaluations: page.issues.map((issue) => evaluator.evaluate(issue, epics, now)),
      calls: { search: 1, epicLookups },
    };
    if (page.isLast) return;
    token = page.nextPageToken;
  }
}
