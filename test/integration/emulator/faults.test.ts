/** Faults on demand: what a client's retry and timeout logic will meet. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JiraEmulator } from '../../../dev/jira-emulator';
import { call, PAT, startDemo } from './support';

const SEARCH = 'POST /rest/api/3/search/jql';
const searchBody = { jql: 'project = TL', maxResults: 5 };

describe('faults', () => {
  let emulator: JiraEmulator;
  beforeAll(async () => {
    emulator = await startDemo();
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('the next 3 search calls are 429 with Retry-After and RateLimit-Reason; other endpoints are untouched', async () => {
    emulator.setFaults({});
    emulator.failNext({ endpoint: SEARCH, count: 3, status: 429, retryAfterSeconds: 2, reason: 'jira-per-issue-on-write' });
    expect((await call(emulator, 'GET', '/rest/api/3/myself', { as: PAT })).status).toBe(200);
    for (let i = 0; i < 3; i += 1) {
      const answer = await call(emulator, 'POST', '/rest/api/3/search/jql', { as: PAT, body: searchBody });
      expect(answer.status).toBe(429);
      expect(answer.headers.get('retry-after')).toBe('2');
      expect(answer.headers.get('ratelimit-reason')).toBe('jira-per-issue-on-write');
      expect(answer.body).toEqual({ errorMessages: [expect.any(String)], errors: {} });
    }
    expect((await call(emulator, 'POST', '/rest/api/3/search/jql', { as: PAT, body: searchBody })).status).toBe(200);
  });

  it('500 and 503 (with Retry-After) on chosen calls, matched by path template for any method', async () => {
    emulator.setFaults({ next: [{ endpoint: '/rest/api/3/issue/{issueIdOrKey}', count: 1, status: 503, retryAfterSeconds: 7 }, { endpoint: '*', count: 1, status: 500 }] });
    const unavailable = await call(emulator, 'GET', '/rest/api/3/issue/TL-1', { as: PAT });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('7');
    expect((await call(emulator, 'GET', '/rest/api/3/field', { as: PAT })).status).toBe(500);
    expect((await call(emulator, 'GET', '/rest/api/3/field', { as: PAT })).status).toBe(200);
  });

  it('random 429s follow the seed: the same seed fails the same calls', async () => {
    const run = async (): Promise<number[]> => {
      emulator.setFaults({ seed: 42, rateLimit: { rate: 0.3, retryAfterSeconds: 1, endpoints: [SEARCH] } });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i += 1) statuses.push((await call(emulator, 'POST', '/rest/api/3/search/jql', { as: PAT, body: searchBody })).status);
      return statuses;
    };
    const first = await run();
    const second = await run();
    expect(first).toEqual(second);
    const limited = first.filter((s) => s === 429).length;
    expect(limited).toBeGreaterThan(3);
    expect(limited).toBeLessThan(20);
    expect(first.every((s) => s === 200 || s === 429)).toBe(true);
    emulator.setFaults({ seed: 42, serverErrors: { rate: 1, status: 503, retryAfterSeconds: 3 } });
    const down = await call(emulator, 'GET', '/rest/api/3/myself', { as: PAT });
    expect([down.status, down.headers.get('retry-after')]).toEqual([503, '3']);
    emulator.setFaults({});
  });

  it('latency (fixed plus jitter) delays every answer, and can be switched off', async () => {
    emulator.setLatency({ fixedMs: 120, jitterMs: 30 });
    const started = performance.now();
    expect((await call(emulator, 'GET', '/rest/api/3/myself', { as: PAT })).status).toBe(200);
    const slow = performance.now() - started;
    expect(slow).toBeGreaterThanOrEqual(115);
    emulator.setLatency(0);
    const again = performance.now();
    await call(emulator, 'GET', '/rest/api/3/myself', { as: PAT });
    expect(performance.now() - again).toBeLessThan(slow);
  });

  it('slow bodies arrive in pieces but whole', async () => {
    emulator.setFaults({ slowBody: { chunks: 5, chunkDelayMs: 40, endpoints: [SEARCH] } });
    const started = performance.now();
    const answer = await call(emulator, 'POST', '/rest/api/3/search/jql', { as: PAT, body: { ...searchBody, fields: ['summary'] } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    expect(answer.status).toBe(200);
    expect((answer.body as { issues: unknown[] }).issues).toHaveLength(5);
    emulator.setFaults({});
  });

  it('counts calls per endpoint (method and path template), faulted ones included, until reset', async () => {
    emulator.resetCalls();
    emulator.failNext({ endpoint: SEARCH, count: 1, status: 429 });
    await call(emulator, 'POST', '/rest/api/3/search/jql', { as: PAT, body: searchBody });
    await call(emulator, 'POST', '/rest/api/3/search/jql', { as: PAT, body: searchBody });
    await call(emulator, 'GET', '/rest/api/3/issue/TL-1', { as: PAT });
    await call(emulator, 'GET', '/rest/api/3/issue/TL-2', { as: PAT });
    await call(emulator, 'GET', '/rest/api/3/issue/TL-2/properties', { as: PAT });
    await call(emulator, 'GET', '/rest/api/3/nowhere', { as: PAT });
    expect(emulator.calls).toEqual({
      [SEARCH]: 2,
      'GET /rest/api/3/issue/{issueIdOrKey}': 2,
      'GET /rest/api/3/issue/{issueIdOrKey}/properties': 1,
      'GET (unmatched)': 1,
    });
    emulator.resetCalls();
    expect(emulator.calls).toEqual({});
  });
});
