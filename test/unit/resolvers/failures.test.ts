/**
 * The one mapping from failures to words (src/resolvers/failures.ts): Jira's failures by kind with
 * each surface's words for hidden things, storage's refusals, and messages bounded whatever they quote.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorForStatus } from '../../../src/jira/errors';
import { MAX_MESSAGE_CHARS, NOT_RECOGNISED_MESSAGE, ResolverError, boundedMessage, failureInWords, parseWithFindings, refusedPayload } from '../../../src/resolvers/failures';
import type { FailureWords } from '../../../src/resolvers/failures';
import { StorageError } from '../../../src/storage';

const at = { method: 'GET', path: '/rest/api/3/issue/TL-1', subject: 'issue TL-1' };
const HIDDEN = { code: 'not-found', message: "You can't see this issue, or it doesn't exist." } as const;

describe('failureInWords', () => {
  it('says each kind of Jira failure the same way everywhere, hidden things as the surface says them', () => {
    const said = (status: number, words: FailureWords = { what: 'the issue', notFound: HIDDEN, forbidden: HIDDEN }) => {
      const error = failureInWords(errorForStatus(status, '', at), words);
      return { code: error.code, message: error.message };
    };
    expect(said(404)).toEqual(HIDDEN);
    expect(said(403)).toEqual(HIDDEN);
    expect(said(403, { what: 'the epic' })).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/^You do not have permission in Jira/) as unknown });
    expect(said(401)).toEqual({ code: 'forbidden', message: NOT_RECOGNISED_MESSAGE });
    expect(said(429)).toMatchObject({ code: 'rate-limited' });
    expect(said(500)).toMatchObject({ code: 'jira-error', message: expect.stringMatching(/^Jira could not give the issue: /) as unknown });
  });

  it("passes the app's own refusals through, says storage's, and throws on what it cannot say", () => {
    const own = new ResolverError('forbidden', 'No.');
    expect(failureInWords(own, { what: 'x' })).toBe(own);
    expect(failureInWords(new StorageError('stale', 'Someone else saved first.'), { what: 'x' })).toMatchObject({ code: 'stale' });
    expect(failureInWords(new StorageError('too-large', 'Too large.'), { what: 'x' })).toMatchObject({ code: 'bad-request' });
    const bug = new TypeError('undefined is not a function');
    expect(() => failureInWords(bug, { what: 'x' })).toThrow(bug);
  });
});

describe('boundedMessage', () => {
  it('drops control and direction characters and bounds the length at a word', () => {
    expect(boundedMessage('TL-1\u202Egnp.exe\u2066\u0000\u0007 is\u001b[31m  not an\u200F epic')).toBe('TL-1 gnp.exe is [31m not an epic');
    const long = boundedMessage(`Jira said: ${'word '.repeat(1_000)}`);
    expect(long.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(long.endsWith('word…')).toBe(true);
  });
});

describe('refusedPayload', () => {
  const schema = z.strictObject({ baseRevision: z.int().min(0), epicKey: z.string().regex(/^[A-Z]+-\d+$/, { error: 'must be an issue key such as TL-12' }) });
  const refusal = (payload: unknown) => {
    const parsed = parseWithFindings(schema, payload);
    return parsed.success ? null : refusedPayload(parsed.error.issues);
  };

  it("says the first finding in the app's words, and how many more", () => {
    expect(refusal(42)).toBe('The request was not understood: it should be a set of named values, not a number.');
    expect(refusal({ epicKey: 'TL-1' })).toBe('The request was not understood: baseRevision is missing.');
    expect(refusal({ baseRevision: -1, epicKey: 'x' })).toBe('The request was not understood: baseRevision is too small (at least 0), and 1 other thing is wrong.');
    expect(refusal({ baseRevision: 1, epicKey: 'TL 1' })).toBe('The request was not understood: epicKey must be an issue key such as TL-12.');
  });

  it('never repeats a key the payload made up, nor lists thousands of them', () => {
    const many = Object.fromEntries(Array.from({ length: 5_000 }, (_, n) => [`key\u202E${String(n)}`, n]));
    expect(refusal({ baseRevision: 1, epicKey: 'TL-1', ...many })).toBe('The request was not understood: it carries 5,000 values Throughline does not use.');
    expect(refusal({ baseRevision: 1, epicKey: 'TL-1', colour: 'red' })).toBe('The request was not understood: it carries "colour", which Throughline does not use.');
  });
});
