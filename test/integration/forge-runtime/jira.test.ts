/**
 * `requestJira` through the unmodified @forge/api reaches Jira as the invoking user or as the app.
 * Jira here is a small recording HTTP server (helpers.ts) that sees exactly the identity headers
 * the emulator reads and can hold requests back; emulator.test.ts repeats the essentials on the
 * real emulator.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ForgeRuntime, InvocationResult } from '../../../dev/forge-runtime';
import { ALICE, BOB, fixtureRuntime, startRecordingJira } from './helpers';
import type { RecordedRequest, RecordingJira } from './helpers';

function bodyOf(result: InvocationResult): Record<string, unknown> {
  if (!result.success) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.body as Record<string, unknown>;
}

describe('requestJira as the user or the app', () => {
  let jira: RecordingJira;
  let runtime: ForgeRuntime;

  beforeEach(async () => {
    jira = await startRecordingJira();
    runtime = await fixtureRuntime({ jiraBaseUrl: jira.url, limits: { invocationTimeoutMs: 5_000 } });
  });
  afterEach(async () => {
    await runtime.close();
    await jira.close();
  });

  it('asUser() carries the invoking user, and only that', async () => {
    const body = bodyOf(await runtime.invokeResolver('test-issue-context', 'myself', {}, ALICE));
    expect(body).toEqual({ status: 200, body: { accountId: 'alice-0001', asApp: false, path: '/rest/api/3/myself' } });
    expect(jira.requests).toHaveLength(1);
    expect(jira.requests[0]?.headers['x-emulator-as-app']).toBeUndefined();
  });

  it('asApp() is marked as the app, with the request\'s method, headers and body passed through', async () => {
    const body = bodyOf(await runtime.invokeResolver('test-issue-context', 'asAppSearch', {}, ALICE));
    expect(body).toMatchObject({ status: 200, body: { accountId: null, asApp: true } });
    const [request] = jira.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/rest/api/3/search/jql', accountId: undefined, asApp: true, body: '{"jql":"project = TL"}' });
    expect(request?.headers['content-type']).toBe('application/json');
  });

  it('drops identity headers the app tries to set itself', async () => {
    bodyOf(await runtime.invokeResolver('test-issue-context', 'spoofAsApp', {}, BOB));
    expect(jira.requests[0]).toMatchObject({ accountId: 'bob-0002', asApp: false });
  });

  it('asUser(accountId) acts for the named user (offline impersonation)', async () => {
    bodyOf(await runtime.invokeResolver('test-issue-context', 'impersonate', { accountId: 'carol-0003' }, ALICE));
    expect(jira.requests[0]?.accountId).toBe('carol-0003');
  });

  it('asUser() with no user to act for fails as Forge does (NEEDS_AUTHENTICATION_ERR)', async () => {
    const result = await runtime.invoke('resolver', { payload: { call: { functionKey: 'myself' }, context: {} } });
    expect(result).toMatchObject({ success: false, error: { code: 'FUNCTION_ERR', errorType: 'NEEDS_AUTHENTICATION_ERR', message: 'Authentication Required' } });
    expect(jira.requests).toHaveLength(0);
  });

  it('keeps each invocation\'s identity apart while two run interleaved', async () => {
    // Hold both users' first requests until both arrived, then answer Bob's first: the two
    // invocations are suspended inside requestJira at the same time and resume in the other order.
    const firstSteps: { request: RecordedRequest; release: () => void }[] = [];
    let bothArrived: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => {
      bothArrived = resolve;
    });
    jira.beforeAnswer = (request) => {
      if (!request.url.includes('step=1')) return Promise.resolve();
      return new Promise<void>((release) => {
        firstSteps.push({ request, release });
        if (firstSteps.length === 2) bothArrived();
      });
    };
    const alice = runtime.invokeResolver('test-issue-context', 'twoSteps', { tag: 'a' }, ALICE);
    const bob = runtime.invokeResolver('test-issue-context', 'twoSteps', { tag: 'b' }, BOB);
    await arrived;
    const byUser = (id: string) => firstSteps.find((s) => s.request.accountId === id);
    const [heldAlice, heldBob] = [byUser('alice-0001'), byUser('bob-0002')];
    if (heldAlice === undefined || heldBob === undefined) {
      for (const step of firstSteps) step.release();
      throw new Error(`both users' first requests should be held, got ${firstSteps.map((s) => String(s.request.accountId)).join(', ')}`);
    }
    heldBob.release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    heldAlice.release();

    const [aliceBody, bobBody] = [bodyOf(await alice), bodyOf(await bob)];
    expect(aliceBody).toMatchObject({ accountId: 'alice-0001', aaid: 'alice-0001', first: { body: { accountId: 'alice-0001' } }, second: { body: { accountId: 'alice-0001' } } });
    expect(bobBody).toMatchObject({ accountId: 'bob-0002', aaid: 'bob-0002', first: { body: { accountId: 'bob-0002' } }, second: { body: { accountId: 'bob-0002' } } });
    const seen = jira.requests.map((r) => `${r.url.replace('/rest/api/3/myself?', '')} ${String(r.accountId)}`).sort();
    expect(seen).toEqual(['tag=a&step=1 alice-0001', 'tag=a&step=2 alice-0001', 'tag=b&step=1 bob-0002', 'tag=b&step=2 bob-0002']);
    // Bob's second request went out while Alice was still waiting on her first.
    const order = jira.requests.map((r) => r.url);
    expect(order.indexOf('/rest/api/3/myself?tag=b&step=2')).toBeLessThan(order.indexOf('/rest/api/3/myself?tag=a&step=2'));
  });

  it('tells the app in words when Jira cannot be reached', async () => {
    await jira.close();
    const result = await runtime.invokeResolver('test-issue-context', 'myself', {}, ALICE);
    expect(result).toMatchObject({ success: false, error: { code: 'FUNCTION_ERR', errorType: 'FUNCTION_FETCH_ERR' } });
    if (!result.success) expect(result.error.message).toContain(`could not reach Jira at ${jira.url}`);
    jira = await startRecordingJira();
  });
});
