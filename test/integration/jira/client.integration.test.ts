/**
 * The client against the Jira emulator over real HTTP (fetchRequestJira): paging, field
 * discovery, reads and writes as a user, app field values as the app, permissions, Agile, and
 * the emulator's injected faults (429 with Retry-After, 503).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startJiraEmulator } from '../../../dev/jira-emulator/emulator';
import type { JiraEmulator } from '../../../dev/jira-emulator/emulator';
import { listBoards, listSprints } from '../../../src/jira/agile';
import { updateAppFieldValues } from '../../../src/jira/app-fields';
import { createJiraClient } from '../../../src/jira/client';
import type { JiraClient, RetryEvent } from '../../../src/jira/client';
import { JiraError } from '../../../src/jira/errors';
import { fetchRequestJira } from '../../../dev/jira-emulator/request-jira';
import { discoverSiteFields } from '../../../src/jira/fields';
import { bulkFetchIssues, editIssueFields, getIssue } from '../../../src/jira/issues';
import { checkPermissions, getMyPermissions, issuesGranted } from '../../../src/jira/permissions';
import { deleteIssueProperty, getIssueProperty, setIssueProperty } from '../../../src/jira/properties';
import { jql } from '../../../src/jira/jql';
import { approximateCount, collectIssues, searchPages } from '../../../src/jira/search';
import { FIELD, USERS, smallSite } from './site';

const ISSUES = 250;
const SEARCH = 'POST /rest/api/3/search/jql';
let emulator: JiraEmulator;
let retries: RetryEvent[] = [];

function clientAs(who: { accountId: string } | 'app'): JiraClient {
  const headers: Record<string, string> = who === 'app' ? { 'x-emulator-as-app': 'true' } : { 'x-emulator-account-id': who.accountId };
  // Real clock for the deadline; waits are skipped so fault tests do not sleep for real.
  return createJiraClient(fetchRequestJira({ baseUrl: emulator.url, headers }), { sleep: () => Promise.resolve(), onRetry: (event) => retries.push(event) });
}

beforeAll(async () => {
  emulator = await startJiraEmulator({ dataset: smallSite(ISSUES), port: 0 });
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => {
  emulator.resetCalls();
  retries = [];
});

describe('paging a search', () => {
  it(`reads all ${ISSUES} issues in ⌈${ISSUES}/100⌉ calls, no duplicates`, async () => {
    const result = await collectIssues(clientAs(USERS.ada), { jql: jql`project = TL ORDER BY key ASC`, fields: ['summary', 'status', FIELD.storyPointEstimate], pageSize: 100, maxIssues: 10_000 });
    expect(result).toMatchObject({ complete: true, pages: 3, duplicates: 0 });
    expect(result.issues).toHaveLength(ISSUES);
    expect(new Set(result.issues.map((i) => i.id)).size).toBe(ISSUES);
    expect(result.issues[0]).toMatchObject({ key: 'TL-1', fields: { summary: 'Story 1', [FIELD.storyPointEstimate]: 1 } });
    expect(emulator.callCount(SEARCH)).toBe(3);
  });

  it('copes with the server lowering the page size', async () => {
    const pages: number[] = [];
    for await (const page of searchPages(clientAs(USERS.ada), { jql: jql`project = TL`, fields: ['summary'], pageSize: 5000 })) pages.push(page.received);
    // Jira (and the emulator) cap pages with fields at 100 whatever maxResults says.
    expect(pages).toEqual([100, 100, 50]);
  });

  it('only the issues the user may browse', async () => {
    const ada = await collectIssues(clientAs(USERS.ada), { jql: jql`project in (TL, SEC)`, fields: ['summary'], maxIssues: 1000 });
    expect(ada.issues).toHaveLength(ISSUES + 1);
    // Like Jira, a project the user cannot see is "does not exist" (400), in Jira's words.
    const pat = await collectIssues(clientAs(USERS.pat), { jql: jql`project in (TL, SEC)`, fields: ['summary'], maxIssues: 1000 }).catch((e: unknown) => e);
    expect(pat).toMatchObject({ kind: 'bad-request', status: 400, errorMessages: ["The value 'SEC' does not exist for the field 'project'."] });
    expect(await approximateCount(clientAs(USERS.pat), jql`project = TL AND labels = even`)).toBe(ISSUES / 2);
  });

  it('maxIssues stops early and says so', async () => {
    const result = await collectIssues(clientAs(USERS.ada), { jql: jql`project = TL`, fields: ['summary'], pageSize: 100, maxIssues: 120 });
    expect(result).toMatchObject({ complete: false, pages: 2 });
    expect(result.issues).toHaveLength(120);
  });

  it('waits out a 429 with Retry-After and a 503 in the middle of paging', async () => {
    emulator.failNext({ endpoint: SEARCH, count: 1, status: 429, retryAfterSeconds: 2, reason: 'jira-burst-based' });
    const pages: number[] = [];
    const client = clientAs(USERS.ada);
    for await (const page of searchPages(client, { jql: jql`project = TL`, fields: ['summary'], pageSize: 100 })) {
      pages.push(page.issues.length);
      if (page.index === 0) emulator.failNext({ endpoint: SEARCH, count: 1, status: 503, retryAfterSeconds: 1 });
    }
    expect(pages).toEqual([100, 100, 50]);
    expect(retries.map((r) => [r.status, r.retryAfterSeconds, r.rateLimitReason])).toEqual([[429, 2, 'jira-burst-based'], [503, 1, undefined]]);
    expect(emulator.callCount(SEARCH)).toBe(5);
  });

  it('a 429 storm ends as a typed rate-limited error after 4 retries', async () => {
    emulator.failNext({ endpoint: SEARCH, count: 6, status: 429, retryAfterSeconds: 1, reason: 'jira-quota-tenant-based' });
    const error = await collectIssues(clientAs(USERS.ada), { jql: jql`project = TL`, fields: ['summary'], maxIssues: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraError);
    expect(error).toMatchObject({ kind: 'rate-limited', reason: 'retry-budget-spent', rateLimitReason: 'jira-quota-tenant-based', message: 'Jira is busy (rate limited: jira-quota-tenant-based); try again in 1 s' });
    expect(emulator.callCount(SEARCH)).toBe(5);
    emulator.setFaults({});
  });

  it('an unknown user is unauthorized', async () => {
    const error = await collectIssues(clientAs({ accountId: 'nobody' }), { jql: jql`project = TL`, fields: ['summary'], maxIssues: 10 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401 });
  });
});

describe('fields, issues, properties', () => {
  it('discovers the demo site\'s fields by type', async () => {
    const found = await discoverSiteFields(clientAs(USERS.ada), { appFieldKeys: ['priority-score', 'readiness'] });
    expect(found.storyPoints.id).toBe(FIELD.storyPointEstimate);
    expect(found.storyPoints.candidates.map((c) => c.id)).toEqual([FIELD.storyPointEstimate, FIELD.storyPoints]);
    expect(found.sprint.id).toBe(FIELD.sprint);
    expect(found.epicLink.id).toBe(FIELD.epicLink);
    expect(found.appFields['priority-score']!.id).toBe(FIELD.priorityScore);
    expect(found.appFields.readiness!.id).toBe(FIELD.readiness);
  });

  it('reads one issue, many issues, and edits as the user', async () => {
    const ada = clientAs(USERS.ada);
    expect(await getIssue(ada, 'TL-7', { fields: ['summary'] })).toMatchObject({ id: '20007', key: 'TL-7', fields: { summary: 'Story 7' } });
    const bulk = await bulkFetchIssues(ada, Array.from({ length: 150 }, (_, i) => `TL-${i + 1}`), { fields: ['summary'] });
    expect(bulk).toMatchObject({ calls: 2 });
    expect(bulk.issues).toHaveLength(150);
    await editIssueFields(ada, 'TL-7', { [FIELD.storyPointEstimate]: 8 });
    expect((await getIssue(ada, 'TL-7', { fields: [FIELD.storyPointEstimate] })).fields[FIELD.storyPointEstimate]).toBe(8);
    await expect(editIssueFields(clientAs(USERS.pat), 'TL-7', { [FIELD.storyPointEstimate]: 1 })).rejects.toMatchObject({ kind: expect.stringMatching(/forbidden|bad-request/) });
    await expect(getIssue(clientAs(USERS.pat), 'SEC-1', { fields: ['summary'] })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('sets, reads and deletes an issue property', async () => {
    const ada = clientAs(USERS.ada);
    expect(await setIssueProperty(ada, 'TL-3', 'throughline.score', { wsjf: 12 })).toBe('created');
    expect(await setIssueProperty(ada, 'TL-3', 'throughline.score', { wsjf: 13 })).toBe('updated');
    expect(await getIssueProperty(clientAs(USERS.pat), 'TL-3', 'throughline.score')).toEqual({ wsjf: 13 });
    expect(await deleteIssueProperty(ada, 'TL-3', 'throughline.score')).toBe(true);
    expect(await deleteIssueProperty(ada, 'TL-3', 'throughline.score')).toBe(false);
    expect(await getIssueProperty(ada, 'TL-3', 'throughline.score')).toBeUndefined();
  });
});

describe('app field values, permissions, Agile', () => {
  it('the app sets its field on many issues in few calls; a user may not', async () => {
    const values = Array.from({ length: 230 }, (_, i) => ({ fieldId: FIELD.priorityScore, issueId: 20001 + i, value: i % 3 }));
    // 230 (field, issue) pairs fit in one call of at most 1,000; three values make three updates.
    expect(await updateAppFieldValues(clientAs('app'), values)).toEqual({ calls: 1, updates: 3, values: 230 });
    const read = await getIssue(clientAs(USERS.ada), 'TL-5', { fields: [FIELD.priorityScore] });
    expect(read.fields[FIELD.priorityScore]).toBe(4 % 3);
    await expect(updateAppFieldValues(clientAs(USERS.ada), values.slice(0, 1))).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('answers what a user may do', async () => {
    expect(await getMyPermissions(clientAs(USERS.pat), ['BROWSE_PROJECTS', 'EDIT_ISSUES'], { projectKey: 'TL' })).toEqual({ BROWSE_PROJECTS: true, EDIT_ISSUES: false });
    const grants = await checkPermissions(clientAs('app'), { accountId: USERS.ada.accountId, projectPermissions: [{ permissions: ['EDIT_ISSUES'], issues: ['20001', '19999'] }] });
    expect(issuesGranted(grants, 'EDIT_ISSUES', ['20001', '19999'])).toEqual(['20001']);
  });

  it('lists boards and sprints by state', async () => {
    const ada = clientAs(USERS.ada);
    expect((await listBoards(ada, { projectKeyOrId: 'TL' })).map((b) => [b.id, b.type])).toEqual([[1, 'scrum'], [2, 'kanban']]);
    expect((await listSprints(ada, 1, ['active', 'future'])).map((s) => [s.id, s.state])).toEqual([[12, 'active'], [13, 'future']]);
  });
});
