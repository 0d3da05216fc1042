import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JiraError } from '../../../src/jira/errors';
import { jiraPath } from '../../../src/jira/paths';
import { MAX_DELAY_MS, OPERATIONS, parseRetryAfter, retryDelayMs } from '../../../src/jira/retry';
import { fakeJira, response } from './fake-jira';

const ok = response(200, { count: 3 });
const countSchema = z.looseObject({ count: z.number() });
const countCall = { operation: 'approximate-count' as const, method: 'POST' as const, path: jiraPath`/rest/api/3/search/approximate-count`, body: { jql: 'project = TL' }, schema: countSchema };

async function failure(promise: Promise<unknown>): Promise<JiraError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof JiraError) return error;
    throw error;
  }
  throw new Error('expected a JiraError');
}

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-02T10:00:00Z');
  it.each([
    ['5', 5],
    [' 12 ', 12],
    ['0', 0],
    ['1.5', 1.5],
    ['Mon, 02 Mar 2026 10:00:07 GMT', 7],
    ['Mon, 02 Mar 2026 09:59:00 GMT', 0],
  ])('reads %j as %s s', (header, seconds) => {
    expect(parseRetryAfter(header, now)).toBe(seconds);
  });
  it.each([[null], [undefined], [''], ['soon'], ['-3'], ['5s'], ['1e3'], ['Someday, 99 Foo']])('treats %j as absent', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});

describe('retryDelayMs', () => {
  it('backs off 1, 2, 4, 8 s without Retry-After, jittered ×0.7–1.3', () => {
    expect([0, 1, 2, 3].map((retryIndex) => retryDelayMs({ retryIndex, retryAfterSeconds: undefined, random: 0.5 }))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs({ retryIndex: 1, retryAfterSeconds: undefined, random: 0 })).toBe(1400);
    expect(retryDelayMs({ retryIndex: 1, retryAfterSeconds: undefined, random: 0.999999 })).toBe(2600);
  });
  it('never waits less than Retry-After, jitters above it, caps at 30 s', () => {
    expect(retryDelayMs({ retryIndex: 0, retryAfterSeconds: 5, random: 0 })).toBe(5000);
    expect(retryDelayMs({ retryIndex: 0, retryAfterSeconds: 5, random: 0.999999 })).toBe(6500);
    expect(retryDelayMs({ retryIndex: 0, retryAfterSeconds: 28, random: 0.999999 })).toBe(MAX_DELAY_MS);
    expect(retryDelayMs({ retryIndex: 6, retryAfterSeconds: undefined, random: 0.5 })).toBe(MAX_DELAY_MS);
  });
});

describe('retries in the client', () => {
  it('repeats an idempotent call once when the connection drops before any answer, and says so in words the second time', async () => {
    const once = fakeJira((_call, index) => (index === 0 ? Promise.reject(new Error('ECONNRESET')) : ok));
    await expect(once.client().json(countCall)).resolves.toEqual({ count: 3 });
    expect(once.calls).toHaveLength(2);
    const twice = fakeJira(() => Promise.reject(new Error('ECONNRESET')));
    await expect(twice.client().json(countCall)).rejects.toMatchObject({ kind: 'server-error', reason: 'transport', attempts: 2 });
    expect(twice.calls).toHaveLength(2);
  });

  it('never repeats a call that is not idempotent when the connection drops', async () => {
    const jira = fakeJira(() => Promise.reject(new Error('ECONNRESET')));
    const write = { operation: { name: 'create-something', idempotent: false }, method: 'POST' as const, path: jiraPath`/rest/api/3/issue`, body: {} };
    await expect(jira.client().call(write)).rejects.toMatchObject({ reason: 'transport' });
    expect(jira.calls).toHaveLength(1);
  });

  it('waits out a 429 with Retry-After and succeeds', async () => {
    const jira = fakeJira([response(429, { errorMessages: ['Rate limit exceeded'] }, { 'Retry-After': '5', 'RateLimit-Reason': 'jira-burst-based' }), ok]);
    await expect(jira.client().json(countCall)).resolves.toEqual({ count: 3 });
    expect(jira.sleeps).toEqual([5000]);
    expect(jira.retries[0]).toMatchObject({ status: 429, retryAfterSeconds: 5, rateLimitReason: 'jira-burst-based', retryIndex: 0 });
    expect(jira.calls).toHaveLength(2);
    expect(jira.calls[1]!.at - jira.calls[0]!.at).toBe(5000);
  });

  it('waits out a 503 with Retry-After', async () => {
    const jira = fakeJira([response(503, undefined, { 'Retry-After': '2' }), ok]);
    await expect(jira.client().json(countCall)).resolves.toEqual({ count: 3 });
    expect(jira.sleeps).toEqual([2000]);
  });

  it('backs off exponentially when Retry-After is missing', async () => {
    const jira = fakeJira([response(429), response(429), response(503), ok]);
    await jira.client().json(countCall);
    expect(jira.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const start = Date.parse('2026-03-02T10:00:00Z');
    const jira = fakeJira([response(429, undefined, { 'Retry-After': 'Mon, 02 Mar 2026 10:00:04 GMT' }), ok], start);
    await jira.client().json(countCall);
    expect(jira.sleeps).toEqual([4000]);
  });

  it('backs off on a malformed Retry-After instead of failing', async () => {
    const jira = fakeJira([response(429, undefined, { 'Retry-After': 'soon' }), ok]);
    await jira.client().json(countCall);
    expect(jira.sleeps).toEqual([1000]);
  });

  it('applies jitter from the injected random', async () => {
    const jira = fakeJira([response(429), response(429), ok]);
    await jira.client({ random: () => 0 }).json(countCall);
    expect(jira.sleeps).toEqual([700, 1400]);
  });

  it('fails fast when Retry-After is longer than the time left, without waiting', async () => {
    const jira = fakeJira([response(429, undefined, { 'Retry-After': '20', 'RateLimit-Reason': 'jira-burst-based' })]);
    const client = jira.client({ timeBudgetMs: 10_000 });
    const error = await failure(client.json(countCall));
    expect(error.kind).toBe('rate-limited');
    expect(error.reason).toBe('retry-after-past-deadline');
    expect(error.retryAfterSeconds).toBe(20);
    expect(error.rateLimitReason).toBe('jira-burst-based');
    expect(error.message).toMatch(/^Jira is busy \(rate limited: jira-burst-based\); try again in 20 s \(waiting 20 s would pass the 10 s left/);
    expect(jira.sleeps).toEqual([]);
    expect(jira.calls).toHaveLength(1);
  });

  it('the 25 s resolver budget is the default deadline', async () => {
    const jira = fakeJira([response(429, undefined, { 'Retry-After': '26' })]);
    const error = await failure(jira.client().json(countCall));
    expect(error.reason).toBe('retry-after-past-deadline');
  });

  it('does not wait beyond a deadline spent by earlier waits', async () => {
    const jira = fakeJira([response(429, undefined, { 'Retry-After': '4' }), response(429, undefined, { 'Retry-After': '4' }), ok]);
    const error = await failure(jira.client({ timeBudgetMs: 6_000 }).json(countCall));
    expect(error.reason).toBe('retry-after-past-deadline');
    expect(jira.sleeps).toEqual([4000]);
    expect(jira.clock.now - 1_000_000).toBeLessThanOrEqual(6_000);
  });

  it('refuses a Retry-After above the 30 s cap at once', async () => {
    const jira = fakeJira([response(429, undefined, { 'Retry-After': '45', 'RateLimit-Reason': 'jira-quota-tenant-based' })]);
    const error = await failure(jira.client({ timeBudgetMs: 900_000 }).json(countCall));
    expect(error.reason).toBe('retry-after-too-long');
    expect(error.message).toBe('Jira is busy (rate limited: jira-quota-tenant-based); try again in 45 s');
    expect(jira.sleeps).toEqual([]);
  });

  it('gives up after 4 retries in a 429 storm longer than the retry budget', async () => {
    const storm = Array.from({ length: 10 }, () => response(429, undefined, { 'Retry-After': '1', 'RateLimit-Reason': 'jira-burst-based' }));
    const jira = fakeJira(storm);
    const error = await failure(jira.client().json(countCall));
    expect(error.kind).toBe('rate-limited');
    expect(error.reason).toBe('retry-budget-spent');
    expect(error.attempts).toBe(5);
    expect(jira.calls).toHaveLength(5);
    expect(jira.sleeps).toEqual([1000, 1000, 1000, 1000]);
    expect(error.message).toBe('Jira is busy (rate limited: jira-burst-based); try again in 1 s');
  });

  it('a 503 storm ends as a server error that says when to try again', async () => {
    const jira = fakeJira(Array.from({ length: 5 }, () => response(503, undefined, { 'Retry-After': '3' })));
    const error = await failure(jira.client({ timeBudgetMs: 60_000 }).json(countCall));
    expect(error.kind).toBe('server-error');
    expect(error.message).toBe('Jira is temporarily unavailable (HTTP 503); try again in 3 s');
  });

  it('honours a lower maxRetries', async () => {
    const jira = fakeJira([response(429), response(429), ok]);
    const error = await failure(jira.client({ maxRetries: 1 }).json(countCall));
    expect(error.reason).toBe('retry-budget-spent');
    expect(jira.calls).toHaveLength(2);
  });

  it('does not retry a call that is not idempotent', async () => {
    const jira = fakeJira([response(429, undefined, { 'Retry-After': '1' }), ok]);
    const error = await failure(jira.client().call({ operation: { name: 'create-issue', idempotent: false }, method: 'POST', path: jiraPath`/rest/api/3/issue`, body: {} }));
    expect(error.kind).toBe('rate-limited');
    expect(error.reason).toBe('not-retried');
    expect(error.retryAfterSeconds).toBe(1);
    expect(jira.calls).toHaveLength(1);
  });

  it('documents every operation the client makes as retried or not', () => {
    const policies: Record<string, { idempotent: boolean }> = OPERATIONS;
    expect(Object.keys(policies).filter((name) => !policies[name]!.idempotent)).toEqual([]);
    expect(['search', 'bulk-fetch', 'approximate-count', 'permissions-check'].map((name) => policies[name]?.idempotent)).toEqual([true, true, true, true]);
  });

  it.each([500, 502, 504])('repeats an idempotent call once after a short pause when Jira answers %i', async (status) => {
    const jira = fakeJira([response(status), ok]);
    await expect(jira.client().json(countCall)).resolves.toEqual({ count: 3 });
    expect(jira.calls).toHaveLength(2);
    expect(jira.sleeps).toEqual([250]);
    expect(jira.retries).toMatchObject([{ operation: 'approximate-count', status, retryIndex: 0, delayMs: 250 }]);
  });

  it('repeats the PUT of an issue property once on a 500: the same value set twice is set once', async () => {
    const jira = fakeJira([response(500), response(200)]);
    const put = { operation: 'set-property' as const, method: 'PUT' as const, path: jiraPath`/rest/api/3/issue/TL-1/properties/throughline.readiness`, body: { verdict: 'ready' } };
    await expect(jira.client().call(put)).resolves.toEqual({ status: 200, data: undefined });
    expect(jira.calls.map((call) => call.body)).toEqual([{ verdict: 'ready' }, { verdict: 'ready' }]);
  });

  it('gives the error in words when the 500 comes again: one repeat only', async () => {
    const jira = fakeJira([response(500), response(500), ok]);
    const error = await failure(jira.client().json(countCall));
    expect(error.kind).toBe('server-error');
    expect(error.attempts).toBe(2);
    expect(error.message).toMatch(/^Jira had a problem answering \(HTTP 500\)/);
    expect(jira.calls).toHaveLength(2);
  });

  it('does not repeat a 500 for a call that is not idempotent, nor one the caller accepts, nor when no time is left for the pause', async () => {
    const create = fakeJira([response(500), ok]);
    const error = await failure(create.client().call({ operation: { name: 'create-issue', idempotent: false }, method: 'POST', path: jiraPath`/rest/api/3/issue`, body: {} }));
    expect(error.kind).toBe('server-error');
    expect(create.calls).toHaveLength(1);
    const accepted = fakeJira([response(500), ok]);
    await expect(accepted.client().call({ ...countCall, acceptStatuses: [500] })).resolves.toEqual({ status: 500, data: undefined });
    expect(accepted.calls).toHaveLength(1);
    const late = fakeJira([response(500), ok]);
    await expect(late.client({ timeBudgetMs: 200 }).json(countCall)).rejects.toMatchObject({ kind: 'server-error' });
    expect(late.calls).toHaveLength(1);
  });

  it('does not retry other errors', async () => {
    const jira = fakeJira([response(400), ok]);
    const error = await failure(jira.client().json(countCall));
    expect(error.kind).toBe('bad-request');
    expect(jira.calls).toHaveLength(1);
  });

  it('stops with a timeout when the deadline has passed before a request', async () => {
    const jira = fakeJira([ok]);
    const client = jira.client({ timeBudgetMs: 1000 });
    jira.clock.now += 1000;
    const error = await failure(client.json({ ...countCall, subject: 'the issue count' }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('Jira did not answer in the time available for the issue count; try again.');
    expect(jira.calls).toHaveLength(0);
  });

  it('withDeadline gives a longer-running caller more time', async () => {
    const jira = fakeJira([response(429, undefined, { 'Retry-After': '20' }), ok]);
    const client = jira.client({ timeBudgetMs: 10_000 }).withDeadline(jira.clock.now + 55_000);
    await expect(client.json(countCall)).resolves.toEqual({ count: 3 });
  });
});
