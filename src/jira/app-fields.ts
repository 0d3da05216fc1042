/**
 * Values of the app's own Forge custom fields, set with `POST /rest/api/3/app/field/value`
 * (as the app: only the app that owns a field may set it; 204, no body).
 *
 * Issues that get the same value on the same field travel as one update
 * (`{ customField, issueIds: [...], value }`), so re-scoring 500 issues into a handful of
 * distinct scores costs a handful of updates rather than 500.
 *
 * Limits, from the spec (jira-platform-v3.json, updateMultipleCustomFieldValues): each
 * (field, issue) combination must be unique within a request, and `issueIds` are int64 integers.
 * Neither the spec nor Atlassian's reference page states a numeric cap on updates or ids per call
 * (checked again for the background recompute), so each call is bounded here at
 * MAX_ISSUE_VALUES_PER_CALL (field, issue) pairs: 1,000 is the ceiling every documented Jira bulk
 * operation shares (bulk edit of fields, move, transition, archive, changelog bulk fetch: "up to
 * 1,000 issues"), and 1,000 pairs carry 500 issues' two app fields per call. Override it with
 * `maxPerCall` if Atlassian documents another figure.
 */
import type { JiraClient } from './client';
import { JiraError } from './errors';
import { jiraPath, jiraQuery } from './paths';

export const MAX_ISSUE_VALUES_PER_CALL = 1000;

export interface AppFieldValue {
  /** The field's id (customfield_10123) or key, as discovered by `discoverFields`. */
  readonly fieldId: string;
  /** The issue's numeric id (not its key): the API takes ids only. */
  readonly issueId: string | number;
  /** Must fit the field's type (number, string, …); null clears it. */
  readonly value: unknown;
}

export interface AppFieldUpdate {
  customField: string;
  issueIds: number[];
  value: unknown;
}

export interface AppFieldRequestBody {
  updates: AppFieldUpdate[];
}

export interface AppFieldOptions {
  /** Whether Jira records the change in the issue history; default true. */
  readonly generateChangelog?: boolean;
  readonly maxPerCall?: number;
}

export interface AppFieldResult {
  readonly calls: number;
  readonly updates: number;
  /** (field, issue) pairs sent; an issue listed twice for one field counts once (the last value wins). */
  readonly values: number;
}

function invalid(message: string): JiraError {
  return new JiraError({ kind: 'bad-request', reason: 'invalid-input', message });
}

function issueIdNumber(issueId: string | number): number {
  const text = String(issueId).trim();
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw invalid(`App field values need numeric issue ids; "${text}" is not one (issue keys are not accepted here).`);
  }
  return Number(text);
}

/** JSON with sorted keys, so {a, b} and {b, a} group together. */
function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Pure: the request bodies for a set of values, grouped and split to respect the limits. */
export function planAppFieldUpdates(values: readonly AppFieldValue[], maxPerCall = MAX_ISSUE_VALUES_PER_CALL): AppFieldRequestBody[] {
  if (!Number.isInteger(maxPerCall) || maxPerCall < 1) throw invalid('maxPerCall must be a whole number of at least 1.');
  // Last value wins per (field, issue): the API refuses duplicates in one request.
  const latest = new Map<string, { fieldId: string; issueId: number; value: unknown; json: string }>();
  for (const entry of values) {
    const fieldId = entry.fieldId.trim();
    if (fieldId === '') throw invalid('An app field value needs a field id.');
    const issueId = issueIdNumber(entry.issueId);
    const key = `${fieldId}\u0000${issueId}`;
    latest.delete(key);
    latest.set(key, { fieldId, issueId, value: entry.value === undefined ? null : entry.value, json: canonicalJson(entry.value) });
  }
  // Group by (field, value), keeping first-seen order so the plan is deterministic.
  const groups = new Map<string, { fieldId: string; value: unknown; issueIds: number[] }>();
  for (const { fieldId, issueId, value, json } of latest.values()) {
    const key = `${fieldId}\u0000${json}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { fieldId, value, issueIds: [] };
      groups.set(key, group);
    }
    group.issueIds.push(issueId);
  }
  // Pack groups into calls of at most maxPerCall (field, issue) pairs, splitting big groups.
  const bodies: AppFieldRequestBody[] = [];
  let current: AppFieldUpdate[] = [];
  let room = maxPerCall;
  for (const group of groups.values()) {
    let offset = 0;
    while (offset < group.issueIds.length) {
      if (room === 0) {
        bodies.push({ updates: current });
        current = [];
        room = maxPerCall;
      }
      const take = group.issueIds.slice(offset, offset + room);
      current.push({ customField: group.fieldId, issueIds: take, value: group.value });
      offset += take.length;
      room -= take.length;
    }
  }
  if (current.length > 0) bodies.push({ updates: current });
  return bodies;
}

/** Sets the values, one call per planned body, in order. Use a client acting as the app. */
export async function updateAppFieldValues(jira: JiraClient, values: readonly AppFieldValue[], options: AppFieldOptions = {}): Promise<AppFieldResult> {
  const bodies = planAppFieldUpdates(values, options.maxPerCall);
  const query = jiraQuery({ generateChangelog: options.generateChangelog });
  const path = options.generateChangelog === undefined ? jiraPath`/rest/api/3/app/field/value` : jiraPath`/rest/api/3/app/field/value?${query}`;
  let updates = 0;
  let pairs = 0;
  for (const body of bodies) {
    await jira.call({ operation: 'app-field-values', method: 'POST', path, body, subject: 'the app field values' });
    updates += body.updates.length;
    pairs += body.updates.reduce((sum, update) => sum + update.issueIds.length, 0);
  }
  return { calls: bodies.length, updates, values: pairs };
}
