/**
 * Reading issues one at a time (`GET /rest/api/3/issue/{key}`) or in bulk
 * (`POST /rest/api/3/issue/bulkfetch`, ≤100 per call), and editing fields as the user.
 */
import type { JiraIssue } from '../domain/jira-issue';
import type { JiraClient } from './client';
import { JiraError } from './errors';
import { jiraPath, jiraQuery } from './paths';
import type { z } from 'zod';
import { bulkFetchSchema, issueBeanSchema, issueIdentity, toJiraIssue } from './schemas';

/** The API's limit on issue ids or keys per bulk fetch call. */
export const MAX_BULK_FETCH = 100;
/** Bulk fetches in flight at once for one read (a bound: a read of thousands of keys does not flood Jira). */
const BULK_FETCHES_AT_ONCE = 4;

function invalid(message: string): JiraError {
  return new JiraError({ kind: 'bad-request', reason: 'invalid-input', message });
}

function checkFieldIds(fields: readonly string[]): string[] {
  const unique = [...new Set(fields.map((field) => field.trim()))];
  if (unique.length === 0 || unique.some((field) => field === '')) throw invalid('Reading an issue needs the ids of the fields to return.');
  return unique;
}

export interface ReadIssueOptions {
  readonly fields: readonly string[];
  readonly properties?: readonly string[];
}

/** One issue with the given fields and properties. A missing or hidden issue is a 'not-found' JiraError. */
export async function getIssue(jira: JiraClient, issueIdOrKey: string, options: ReadIssueOptions): Promise<JiraIssue> {
  const fields = checkFieldIds(options.fields);
  const properties = options.properties === undefined || options.properties.length === 0 ? undefined : [...new Set(options.properties)];
  const query = jiraQuery({ fields, properties });
  const bean = await jira.json({
    operation: 'get-issue',
    method: 'GET',
    path: jiraPath`/rest/api/3/issue/${issueIdOrKey}?${query}`,
    schema: issueBeanSchema,
    subject: `issue ${issueIdOrKey}`,
  });
  return toJiraIssue(bean);
}

export interface BulkFetchResult {
  readonly issues: readonly JiraIssue[];
  /** Issues Jira could not return for a reason it named (missing or hidden issues are simply absent). */
  readonly issueErrors: readonly { readonly id: string | undefined; readonly errorMessage: string | undefined }[];
  readonly calls: number;
}

export interface BulkFetchRequestBody {
  issueIdsOrKeys: string[];
  fields: string[];
  properties?: string[];
  fieldsByKeys: false;
}

/** Many issues by id or key, 100 per call, one call after another (kind to rate limits). */
export async function bulkFetchIssues(jira: JiraClient, issueIdsOrKeys: readonly string[], options: ReadIssueOptions): Promise<BulkFetchResult> {
  const fields = checkFieldIds(options.fields);
  const properties = options.properties === undefined || options.properties.length === 0 ? undefined : [...new Set(options.properties)];
  const wanted = [...new Set(issueIdsOrKeys.map((id) => id.trim()))];
  if (wanted.some((id) => id === '')) throw invalid('An issue id or key is empty.');
  const issues: JiraIssue[] = [];
  const issueErrors: { id: string | undefined; errorMessage: string | undefined }[] = [];
  const seen = new Set<string>();
  const chunks: string[][] = [];
  for (let start = 0; start < wanted.length; start += MAX_BULK_FETCH) chunks.push(wanted.slice(start, start + MAX_BULK_FETCH));
  // A few chunks at a time, side by side: each is a round trip to Jira, and the sprint readiness
  // gadget's epics (two chunks) were read one after the other. Merged in the order asked.
  const results: z.output<typeof bulkFetchSchema>[] = [];
  for (let wave = 0; wave < chunks.length; wave += BULK_FETCHES_AT_ONCE) {
    results.push(
      ...(await Promise.all(
        chunks.slice(wave, wave + BULK_FETCHES_AT_ONCE).map((chunk) => {
          const body: BulkFetchRequestBody = { issueIdsOrKeys: chunk, fields, fieldsByKeys: false };
          if (properties !== undefined) body.properties = properties;
          return jira.json({ operation: 'bulk-fetch', method: 'POST', path: jiraPath`/rest/api/3/issue/bulkfetch`, body, schema: bulkFetchSchema, subject: `${chunk.length} issues` });
        }),
      )),
    );
  }
  for (const result of results) {
    for (const bean of result.issues) {
      const identity = issueIdentity(bean);
      if (seen.has(identity)) continue;
      seen.add(identity);
      issues.push(toJiraIssue(bean));
    }
    for (const error of result.issueErrors ?? []) issueErrors.push({ id: error.id, errorMessage: error.errorMessage });
  }
  const calls = results.length;
  return { issues, issueErrors, calls };
}

/**
 * `PUT /rest/api/3/issue/{key}` with `{ fields }`, as whoever the RequestJira acts for (use the
 * user's, so Jira checks their edit permission and the history names them).
 */
export async function editIssueFields(jira: JiraClient, issueIdOrKey: string, fields: Readonly<Record<string, unknown>>): Promise<void> {
  if (Object.keys(fields).length === 0) throw invalid('Nothing to change on the issue.');
  await jira.call({
    operation: 'edit-issue',
    method: 'PUT',
    path: jiraPath`/rest/api/3/issue/${issueIdOrKey}`,
    body: { fields },
    subject: `issue ${issueIdOrKey}`,
  });
}
