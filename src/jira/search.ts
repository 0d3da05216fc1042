/**
 * JQL search over `POST /rest/api/3/search/jql`, page by page with `nextPageToken`.
 *
 * Guarantees: only the fields asked for are requested; pages smaller than asked are fine (Jira
 * shrinks pages when many fields are asked for); the end is `isLast`, never a short page; an issue
 * already seen is dropped; the loop ends by a page limit, a repeated token or `isLast: false`
 * without a token, each with a clear error.
 */
import type { JiraIssue } from '../domain/jira-issue';
import type { JiraClient } from './client';
import { JiraError } from './errors';
import type { Jql } from './jql';
import { jiraPath } from './paths';
import { approximateCountSchema, issueIdentity, searchPageSchema, toJiraIssue } from './schemas';

export const DEFAULT_PAGE_SIZE = 100;
/** Jira's own ceiling, reached only when asking for ids alone. */
export const MAX_PAGE_SIZE = 5000;
export const DEFAULT_MAX_PAGES = 1000;
/** The API reads at most 5 properties per issue in a search. */
export const MAX_SEARCH_PROPERTIES = 5;

export interface SearchOptions {
  /** Built with `jql`, which quotes and escapes every value. */
  readonly jql: Jql;
  /** Field ids, e.g. ["summary", "status", "customfield_10016"]. Wildcards are refused: they make pages small and slow. */
  readonly fields: readonly string[];
  /** Issue property keys to return on each issue (≤ 5). */
  readonly properties?: readonly string[];
  /** maxResults per call; default 100. */
  readonly pageSize?: number;
  /** Give up (with an error) after this many pages; default 1000. */
  readonly maxPages?: number;
  readonly expand?: string;
  /** Resume where an earlier search stopped: the `nextPageToken` of its last page, as Jira gave it. */
  readonly startToken?: string;
}

export interface SearchPage {
  /** Issues not seen on an earlier page, in Jira's order. */
  readonly issues: readonly JiraIssue[];
  /** 0 for the first page. */
  readonly index: number;
  readonly isLast: boolean;
  /** How many issues Jira put on this page, duplicates included. */
  readonly received: number;
  /** Issues on this page already seen on an earlier one (or twice on this one). */
  readonly duplicates: number;
  /** Where the next page starts (undefined on the last): a caller that reads one page at a time keeps it. */
  readonly nextPageToken: string | undefined;
}

/** The body of one search call, as sent (exported so contract tests can check it against the spec). */
export interface SearchRequestBody {
  jql: string;
  fields: string[];
  maxResults: number;
  nextPageToken?: string;
  properties?: string[];
  expand?: string;
}

function invalid(message: string): JiraError {
  return new JiraError({ kind: 'bad-request', reason: 'invalid-input', message });
}

function checkOptions(options: SearchOptions): { fields: string[]; properties: string[] | undefined; pageSize: number; maxPages: number } {
  if (options.jql.trim() === '') throw invalid('A search needs a JQL query.');
  const fields = [...new Set(options.fields.map((field) => field.trim()))];
  if (fields.length === 0 || fields.some((field) => field === '')) throw invalid('A search needs the ids of the fields to return.');
  const wildcard = fields.find((field) => field.startsWith('*') || field.startsWith('-'));
  if (wildcard !== undefined) throw invalid(`Ask for field ids, not "${wildcard}": wildcards make Jira send small, slow pages.`);
  const properties = options.properties === undefined ? undefined : [...new Set(options.properties)];
  if (properties !== undefined && properties.length > MAX_SEARCH_PROPERTIES) {
    throw invalid(`A search can return at most ${MAX_SEARCH_PROPERTIES} issue properties, not ${properties.length}.`);
  }
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw invalid(`The page size must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  if (!Number.isInteger(maxPages) || maxPages < 1) throw invalid('The page limit must be a whole number of at least 1.');
  return { fields, properties: properties?.length === 0 ? undefined : properties, pageSize, maxPages };
}

/** Pages of a JQL search, each with only issues not seen before. */
export async function* searchPages(jira: JiraClient, options: SearchOptions): AsyncGenerator<SearchPage, void, undefined> {
  const { fields, properties, pageSize, maxPages } = checkOptions(options);
  const path = jiraPath`/rest/api/3/search/jql`;
  const seen = new Set<string>();
  const usedTokens = new Set<string>();
  let token: string | undefined = options.startToken;

  for (let index = 0; ; index++) {
    if (index >= maxPages) {
      throw new JiraError({
        kind: 'bad-response',
        reason: 'page-limit',
        message: `Stopped reading search results after ${maxPages} pages without reaching the last one; narrow the search.`,
        method: 'POST',
        path,
      });
    }
    const body: SearchRequestBody = { jql: options.jql, fields, maxResults: pageSize };
    if (token !== undefined) body.nextPageToken = token;
    if (properties !== undefined) body.properties = properties;
    if (options.expand !== undefined) body.expand = options.expand;

    const page = await jira.json({ operation: 'search', method: 'POST', path, body, schema: searchPageSchema, subject: 'the search' });

    const issues: JiraIssue[] = [];
    let duplicates = 0;
    for (const bean of page.issues) {
      const identity = issueIdentity(bean);
      if (seen.has(identity)) {
        duplicates++;
        continue;
      }
      seen.add(identity);
      issues.push(toJiraIssue(bean));
    }

    const next = page.nextPageToken ?? undefined;
    // isLast is optional in the spec: without it, a token means "more", no token means "done".
    const isLast = page.isLast ?? next === undefined;
    if (!isLast && next === undefined) {
      throw new JiraError({
        kind: 'bad-response',
        reason: 'missing-next-page-token',
        message: 'Jira said more search results follow but gave no way to fetch them (isLast is false without a nextPageToken).',
        method: 'POST',
        path,
        status: 200,
      });
    }
    if (!isLast && next !== undefined && (usedTokens.has(next) || next === token)) {
      throw new JiraError({
        kind: 'bad-response',
        reason: 'repeated-next-page-token',
        message: 'Jira sent the same page token twice; stopped to avoid reading the same results forever.',
        method: 'POST',
        path,
        status: 200,
      });
    }
    yield { issues, index, isLast, received: page.issues.length, duplicates, nextPageToken: isLast ? undefined : next };
    if (isLast) return;
    if (token !== undefined) usedTokens.add(token);
    token = next;
  }
}

export interface CollectOptions extends SearchOptions {
  /** Stop after this many issues; the result says whether more were left. */
  readonly maxIssues: number;
}

export interface SearchResult {
  readonly issues: readonly JiraIssue[];
  /** True when the last page was reached; false when `maxIssues` cut the search short. */
  readonly complete: boolean;
  readonly pages: number;
  readonly duplicates: number;
}

/** All issues of a search, up to `maxIssues`. */
export async function collectIssues(jira: JiraClient, options: CollectOptions): Promise<SearchResult> {
  const { maxIssues } = options;
  if (!Number.isInteger(maxIssues) || maxIssues < 1) throw invalid('The issue limit must be a whole number of at least 1.');
  // No page larger than the whole answer wanted.
  const pageSize = Math.min(options.pageSize ?? DEFAULT_PAGE_SIZE, maxIssues);
  const issues: JiraIssue[] = [];
  let pages = 0;
  let duplicates = 0;
  for await (const page of searchPages(jira, { ...options, pageSize })) {
    pages++;
    duplicates += page.duplicates;
    for (const issue of page.issues) {
      if (issues.length === maxIssues) return { issues, complete: false, pages, duplicates };
      issues.push(issue);
    }
    if (page.isLast) return { issues, complete: true, pages, duplicates };
    if (issues.length === maxIssues) return { issues, complete: false, pages, duplicates };
  }
  return { issues, complete: true, pages, duplicates };
}

/** `POST /rest/api/3/search/approximate-count`: how many issues a (bounded) JQL matches, roughly. */
export async function approximateCount(jira: JiraClient, jql: Jql): Promise<number> {
  if (jql.trim() === '') throw invalid('A count needs a JQL query.');
  const body = { jql };
  const result = await jira.json({
    operation: 'approximate-count',
    method: 'POST',
    path: jiraPath`/rest/api/3/search/approximate-count`,
    body,
    schema: approximateCountSchema,
    subject: 'the issue count',
  });
  return result.count;
}
