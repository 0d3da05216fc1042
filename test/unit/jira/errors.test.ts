import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JiraError, formatWait, parseErrorBody } from '../../../src/jira/errors';
import { jiraPath } from '../../../src/jira/paths';
import { fakeJira, rawResponse, response } from './fake-jira';

const schema = z.looseObject({ count: z.number() });
const call = { operation: 'get-issue' as const, method: 'GET' as const, path: jiraPath`/rest/api/3/issue/${'TL-1'}`, schema, subject: 'issue TL-1' };

async function failure(answer: Parameters<typeof fakeJira>[0]): Promise<JiraError> {
  const jira = fakeJira(answer);
  try {
    await jira.client().json(call);
  } catch (error) {
    if (error instanceof JiraError) return error;
    throw error;
  }
  throw new Error('expected a JiraError');
}

const PROXY_PAGE = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';

describe('error mapping', () => {
  it('400 carries Jira\'s errorMessages and field errors', async () => {
    const error = await failure([response(400, { errorMessages: ["The value 'XYZ' does not exist for the field 'project'."], errors: { customfield_10016: 'Number value expected' } })]);
    expect(error).toMatchObject({ kind: 'bad-request', status: 400, errorMessages: ["The value 'XYZ' does not exist for the field 'project'."], fieldErrors: { customfield_10016: 'Number value expected' } });
    expect(error.message).toBe("Jira refused the request for issue TL-1 (HTTP 400). Jira said: The value 'XYZ' does not exist for the field 'project'.; customfield_10016: Number value expected");
  });

  it.each([
    [401, 'unauthorized', /HTTP 401/],
    [403, 'forbidden', /^You do not have permission in Jira for issue TL-1 \(HTTP 403\)/],
    [404, 'not-found', /^Jira could not find issue TL-1, or you do not have permission to see it/],
    [409, 'bad-request', /HTTP 409/],
    [410, 'bad-request', /HTTP 410/],
    [500, 'server-error', /^Jira had a problem answering \(HTTP 500\)/],
  ] as const)('%i is %s', async (status, kind, message) => {
    // A 500 is repeated once (src/jira/retry.ts): it comes back twice here.
    const error = await failure(Array.from({ length: status === 500 ? 2 : 1 }, () => response(status, { errorMessages: ['x'] })));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.message).toMatch(message);
    expect(error.method).toBe('GET');
    expect(error.path).toBe('/rest/api/3/issue/TL-1');
  });

  it('an HTML error page from a proxy with 502 is a server error, its HTML not shown', async () => {
    const error = await failure([rawResponse(502, PROXY_PAGE, { 'Content-Type': 'text/html' }), rawResponse(502, PROXY_PAGE, { 'Content-Type': 'text/html' })]);
    expect(error.status).toBe(502);
    expect(error.kind).toBe('server-error');
    expect(error.errorMessages).toEqual([]);
    expect(error.message).not.toContain('<');
  });

  it('an HTML page with 200 is a bad response', async () => {
    const error = await failure([rawResponse(200, PROXY_PAGE)]);
    expect(error).toMatchObject({ kind: 'bad-response', reason: 'html-page', status: 200 });
    expect(error.message).toBe('Jira answered issue TL-1 with a web page instead of data (often a proxy or sign-in page); try again later.');
    expect(error.detail).toContain('Bad Gateway');
  });

  it('malformed JSON is a bad response', async () => {
    const error = await failure([rawResponse(200, '{"count": 3', { 'Content-Type': 'application/json' })]);
    expect(error).toMatchObject({ kind: 'bad-response', reason: 'malformed-json' });
    expect(error.message).toBe('Jira sent an answer for issue TL-1 that could not be read (malformed JSON); try again.');
  });

  it('an empty 200 body is a bad response when data was expected', async () => {
    const error = await failure([rawResponse(200, '')]);
    expect(error).toMatchObject({ kind: 'bad-response', reason: 'empty-body' });
  });

  it('a body of the wrong shape is a bad response naming the broken property', async () => {
    const error = await failure([response(200, { count: 'three' })]);
    expect(error).toMatchObject({ kind: 'bad-response', reason: 'schema' });
    expect(error.detail).toMatch(/^count: /);
  });

  it('a thrown transport error becomes a server error; a Forge sign-in prompt becomes unauthorized', async () => {
    const down = await failure(() => Promise.reject(new Error('ECONNRESET')));
    expect(down).toMatchObject({ kind: 'server-error', reason: 'transport', detail: 'ECONNRESET' });
    const needsAuth = Object.assign(new Error('Authentication Required'), { name: 'NeedsAuthenticationError' });
    const auth = await failure(() => Promise.reject(needsAuth));
    expect(auth).toMatchObject({ kind: 'unauthorized', reason: 'transport' });
  });

  it('reads gateway-style { message } bodies and ignores non-JSON ones', () => {
    expect(parseErrorBody('{"message":"Unauthorized; scope does not match"}').errorMessages).toEqual(['Unauthorized; scope does not match']);
    expect(parseErrorBody(PROXY_PAGE)).toEqual({ errorMessages: [], fieldErrors: {} });
    expect(parseErrorBody('{"errors":{"f":{"nested":true}}}').fieldErrors).toEqual({ f: '{"nested":true}' });
  });

  it('formats waits for people', () => {
    expect(formatWait(5)).toBe('5 s');
    expect(formatWait(1.25)).toBe('1.3 s');
    expect(formatWait(29.6)).toBe('30 s');
    expect(formatWait(300)).toBe('5 min');
  });
});
