/**
 * Logs carry the kind, status, method and path of a Jira failure, never Jira's answer: an error
 * body can quote an issue's summary or description, and Forge's logs are read by whoever
 * operates the app, not only by people allowed to see the issue.
 */
import { format } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createJiraClient, jiraPath } from '../../../src/jira';
import { errorForStatus } from '../../../src/jira/errors';
import type { ResponseLike } from '../../../src/jira/client';
import { resolverOf } from '../../../src/resolvers/envelope';

/** Text of an issue that Jira's error body quotes. */
const ISSUE_TEXT = 'Acquire Contoso before the board meeting';
const BODY = JSON.stringify({ errorMessages: [`Issue TL-7 "${ISSUE_TEXT}" cannot be changed.`], errors: { summary: `"${ISSUE_TEXT}" is not allowed` } });

let logged: string[];

beforeEach(() => {
  logged = [];
  for (const level of ['error', 'warn', 'log', 'info', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(format(...args));
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
});

function everythingLogged(): string {
  return logged.join('\n');
}

function failingResolver(error: unknown) {
  return resolverOf(z.strictObject({}), () => {
    throw error;
  });
}

describe('a Jira error body holding issue text', () => {
  it('is absent from what the resolver boundary logs; the kind, status, method and path are there', async () => {
    const error = errorForStatus(400, BODY, { method: 'POST', path: '/rest/api/3/issue/bulkfetch?fields=summary', subject: 'issue TL-7' });
    const result = await failingResolver(error)({ payload: {}, context: {} });
    expect(result.ok).toBe(false);
    const text = everythingLogged();
    expect(logged.length).toBeGreaterThan(0);
    expect(text).not.toContain(ISSUE_TEXT);
    expect(text).not.toContain('fields=summary');
    for (const part of ['bad-request', '400', 'POST', '/rest/api/3/issue/bulkfetch']) expect(text).toContain(part);
  });

  it('is absent when an error caused by it is logged', async () => {
    const jira = errorForStatus(403, BODY, { method: 'GET', path: '/rest/api/3/issue/TL-7' });
    await failingResolver(new Error('Evaluating the issue failed', { cause: jira }))({ payload: {}, context: {} });
    expect(everythingLogged()).not.toContain(ISSUE_TEXT);
    expect(everythingLogged()).toContain('forbidden');
  });

  it('is absent when a malformed answer is logged (the parser quotes what it could not read)', async () => {
    const answer = (status: number, text: string): ResponseLike => ({ status, headers: { get: () => null }, text: () => Promise.resolve(text) });
    const client = createJiraClient(() => Promise.resolve(answer(200, `{"fields": {"summary": "${ISSUE_TEXT}"`)));
    const failure = await client.json({ operation: { name: 'issue', idempotent: true }, method: 'GET', path: jiraPath`/rest/api/3/issue/TL-7`, schema: z.unknown(), subject: 'issue TL-7' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeDefined();
    await failingResolver(failure)({ payload: {}, context: {} });
    expect(everythingLogged()).not.toContain(ISSUE_TEXT);
    expect(everythingLogged()).toContain('bad-response');
  });

  it('is absent even when the error object itself is logged or serialised', () => {
    const error = errorForStatus(400, BODY, { method: 'PUT', path: '/rest/api/3/issue/TL-7' });
    console.error('Something failed', error);
    console.error(error);
    console.error(JSON.stringify({ error }));
    expect(everythingLogged()).not.toContain(ISSUE_TEXT);
    expect(everythingLogged()).toContain('PUT /rest/api/3/issue/TL-7');
    // The person using the app is still told what Jira said (their own issue, their own request).
    expect(error.message).toContain(ISSUE_TEXT);
  });
});
