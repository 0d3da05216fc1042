/**
 * Writing the app's values to Jira, as the app, and only what changed:
 *
 * - the two Forge fields through the bulk app field value API (`POST /rest/api/3/app/field/value`,
 *   up to 1,000 (field, issue) pairs a call, no changelog: a recompute is not an edit anyone made);
 * - the readiness property: on one issue with `PUT …/properties/{key}`; on many with
 *   `POST /rest/api/3/issue/properties`, which sets one value on up to 10,000 issues in one call, so
 *   issues that share a verdict share a call. That call is asynchronous in Jira (303 to a task);
 *   the task is followed until it finishes, within the time left.
 *
 * An issue deleted between reading and writing makes the app field call fail (404) for all: the
 * issues still there are found and the write is repeated for them alone.
 */
import { z } from 'zod';
import { JiraError, bulkFetchIssues, isJiraError, jiraPath, setIssueProperty, updateAppFieldValues } from '../jira';
import type { AppFieldValue, JiraClient } from '../jira';
import type { IssueEvaluation, ReadinessProperty } from './evaluation';
import { READINESS_PROPERTY_KEY } from './site-fields';
import type { SiteFields } from './site-fields';

/** (field, issue) pairs per app field call: see src/jira/app-fields.ts. */
export const APP_FIELD_PAIRS_PER_CALL = 1000;
/** `POST /rest/api/3/issue/properties` takes "up to 10,000 issues" (the spec's maxItems). */
export const PROPERTY_ISSUES_PER_CALL = 10_000;

export interface WriteCounts {
  appFieldCalls: number;
  propertyCalls: number;
}

/** The app field values an evaluation changes (nothing when the site has not got the field yet). */
export function appFieldValuesOf(evaluation: IssueEvaluation, site: SiteFields): AppFieldValue[] {
  const values: AppFieldValue[] = [];
  if (evaluation.changed.score && site.appFields.score !== null) values.push({ fieldId: site.appFields.score, issueId: evaluation.issueId, value: evaluation.values.score });
  if (evaluation.changed.readiness && site.appFields.readiness !== null) values.push({ fieldId: site.appFields.readiness, issueId: evaluation.issueId, value: evaluation.values.readiness });
  return values;
}

/** Ids among `issueIds` that Jira still has. */
async function existingIssueIds(jira: JiraClient, issueIds: readonly string[]): Promise<Set<string>> {
  const result = await bulkFetchIssues(jira, issueIds, { fields: ['issuetype'] });
  return new Set(result.issues.map((issue) => issue.id));
}

/** Sets app field values as given (ids of issues deleted meanwhile are dropped); returns the calls made. */
export async function writeAppFieldValues(jira: JiraClient, values: readonly AppFieldValue[]): Promise<number> {
  if (values.length === 0) return 0;
  try {
    return (await updateAppFieldValues(jira, values, { generateChangelog: false, maxPerCall: APP_FIELD_PAIRS_PER_CALL })).calls;
  } catch (error: unknown) {
    if (!isJiraError(error) || error.kind !== 'not-found') throw error;
    const existing = await existingIssueIds(jira, [...new Set(values.map((value) => String(value.issueId)))]);
    const remaining = values.filter((value) => existing.has(String(value.issueId)));
    if (remaining.length === values.length) throw error;
    const retried = remaining.length === 0 ? 0 : (await updateAppFieldValues(jira, remaining, { generateChangelog: false, maxPerCall: APP_FIELD_PAIRS_PER_CALL })).calls;
    return retried + 1;
  }
}

const taskSchema = z.looseObject({ id: z.string(), status: z.string(), message: z.string().optional() });
const RUNNING = new Set(['ENQUEUED', 'RUNNING', 'CANCEL_REQUESTED']);
const TASK_ID = /^[A-Za-z0-9-]{1,64}$/;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Follows a Jira task until it is done, while the client has time; a failed task is an error. */
async function followTask(jira: JiraClient, task: z.infer<typeof taskSchema>, subject: string): Promise<void> {
  let current = task;
  for (let wait = 250; RUNNING.has(current.status); wait = Math.min(wait * 2, 4000)) {
    // Still running when time is up: Jira finishes it on its own (the operation is all or nothing).
    if (!TASK_ID.test(current.id) || jira.remainingMs() < wait + 2000) return;
    await sleep(wait);
    current = await jira.json({ operation: { name: 'task', idempotent: true }, method: 'GET', path: jiraPath`/rest/api/3/task/${current.id}`, schema: taskSchema, subject: `the task setting ${subject}` });
  }
  if (current.status !== 'COMPLETE') {
    throw new JiraError({ kind: 'server-error', reason: 'http-status', message: `Jira could not set ${subject}: its task ended ${current.status.toLowerCase()}${current.message === undefined ? '' : ` (${current.message})`}.` });
  }
}

/** One value on many issues: `POST /rest/api/3/issue/properties` (idempotent: it sets absolute values). */
async function setPropertyOnIssues(jira: JiraClient, propertyKey: string, value: unknown, issueIds: readonly string[]): Promise<void> {
  const subject = `property ${propertyKey} on ${issueIds.length} issues`;
  const result = await jira.call({
    operation: { name: 'bulk-set-properties', idempotent: true },
    method: 'POST',
    path: jiraPath`/rest/api/3/issue/properties`,
    body: { entitiesIds: issueIds.map(Number), properties: { [propertyKey]: value } },
    schema: taskSchema,
    // 303 See Other names the task; fetch follows it to the task itself, a client that does not sees the 303.
    acceptStatuses: [303],
    subject,
  });
  if (result.data !== undefined) await followTask(jira, result.data, subject);
}

/** Issues grouped by the readiness property they should carry. */
export class PropertyGroups {
  private readonly byValue = new Map<string, { value: ReadinessProperty; issueIds: string[] }>();
  private count = 0;

  add(issueId: string, value: ReadinessProperty): void {
    const json = JSON.stringify(value);
    let group = this.byValue.get(json);
    if (group === undefined) {
      group = { value, issueIds: [] };
      this.byValue.set(json, group);
    }
    group.issueIds.push(issueId);
    this.count++;
  }

  /** Issues grouped. */
  get size(): number {
    return this.count;
  }

  /** Distinct values: one write call each (per 10,000 issues). */
  get groups(): number {
    return this.byValue.size;
  }

  entries(): { value: ReadinessProperty; issueIds: string[] }[] {
    return [...this.byValue.values()];
  }

  clear(): void {
    this.byValue.clear();
    this.count = 0;
  }
}

/**
 * Writes the readiness property of every grouped issue; returns the calls made. A group of one
 * issue is a plain PUT (no task to follow); larger groups go in bulk, 10,000 issues a call.
 */
export async function writeReadinessProperties(jira: JiraClient, groups: PropertyGroups): Promise<number> {
  let calls = 0;
  for (const { value, issueIds } of groups.entries()) {
    if (issueIds.length === 1) {
      const [only] = issueIds;
      if (only === undefined) continue;
      try {
        await setIssueProperty(jira, only, READINESS_PROPERTY_KEY, value);
      } catch (error: unknown) {
        // Deleted since it was read: nothing to write.
        if (!isJiraError(error) || error.kind !== 'not-found') throw error;
      }
      calls++;
      continue;
    }
    for (let start = 0; start < issueIds.length; start += PROPERTY_ISSUES_PER_CALL) {
      await setPropertyOnIssues(jira, READINESS_PROPERTY_KEY, value, issueIds.slice(start, start + PROPERTY_ISSUES_PER_CALL));
      calls++;
    }
  }
  return calls;
}
