/**
 * What went wrong, in words: the one place where a failure becomes what a user reads.
 *
 * - Jira's failures by kind. Each resolver says only what it was reading and how it says a thing
 *   Jira hides (the sidebar says "can't see this issue" for a hidden issue and a missing one alike,
 *   so guessing keys teaches nothing); everything else is said the same everywhere.
 * - The app's storage refusals: a stale save is 'stale', a newer or oversized document 'bad-request'.
 * - Refused payloads: what the schema found, in the app's words. zod's own wording ("expected
 *   nonoptional, received undefined", "Invalid input") means nothing to a Jira user, and its lists
 *   of unknown keys grow with the payload.
 * - Every message bounded (see `boundedMessage`): a payload's text, an issue key or Jira's echo of a
 *   value can reach a message, and a message is shown as it is.
 */
import type { z } from 'zod';
import type { ErrorCode } from '../contract';
import { isJiraError } from '../jira';
import { isStorageError } from '../storage';

/** The longest message a user is shown: two sentences fit; a list of thousands does not. */
export const MAX_MESSAGE_CHARS = 300;

export class ResolverError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'ResolverError';
  }
}

// C0 and C1 controls, and the bidi embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069) with the marks (U+200E, U+200F, U+061C): text copied from a payload or from Jira
// could otherwise ring, move the cursor or show a sentence in another order than it reads.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

/**
 * A message as it may be shown: no control or direction characters (each run becomes a space),
 * whitespace collapsed, at most MAX_MESSAGE_CHARS characters (cut at a word, with "…").
 */
export function boundedMessage(text: string): string {
  const plain = text.replace(UNSHOWABLE, ' ').replace(/\s+/g, ' ').trim();
  if (plain.length <= MAX_MESSAGE_CHARS) return plain;
  const cut = plain.slice(0, MAX_MESSAGE_CHARS - 1);
  const atWord = cut.lastIndexOf(' ');
  // Keep the surrogate pair whole when the cut falls inside one.
  const end = atWord > MAX_MESSAGE_CHARS / 2 ? atWord : /[\ud800-\udbff]$/.test(cut) ? cut.length - 1 : cut.length;
  return `${cut.slice(0, end).trimEnd()}…`;
}

// ---- Jira's and storage's failures ----

export const NOT_RECOGNISED_MESSAGE = 'Jira did not recognise you. Reload the page; if it keeps happening, log in again.';
/** Forge sets the caller's account id; without one, nothing is done on anyone's behalf. */
export const NO_CALLER_MESSAGE = 'Jira did not say who you are. Reload the page; if it keeps happening, log in again.';

export interface FailureWords {
  /** What was being read or written, for "Jira could not give …": "the issue", "the vision map". */
  readonly what: string;
  /** How a thing Jira did not find (404) is said; Jira's own words otherwise. */
  readonly notFound?: { readonly code: ErrorCode; readonly message: string };
  /** How a refusal (403) is said; Jira's own words otherwise. */
  readonly forbidden?: { readonly code: ErrorCode; readonly message: string };
}

/**
 * A failure as the user reads it: the app's own refusals as they are, storage's and Jira's by
 * kind. Anything else is not a failure the app knows how to say, and is thrown on: the envelope
 * logs it and answers 'internal'.
 */
export function failureInWords(error: unknown, words: FailureWords): ResolverError {
  if (error instanceof ResolverError) return error;
  if (isStorageError(error)) return new ResolverError(error.code === 'stale' ? 'stale' : 'bad-request', error.message);
  if (!isJiraError(error)) throw error;
  switch (error.kind) {
    case 'not-found':
      return words.notFound === undefined ? new ResolverError('not-found', error.message) : new ResolverError(words.notFound.code, words.notFound.message);
    case 'forbidden':
      return words.forbidden === undefined ? new ResolverError('forbidden', error.message) : new ResolverError(words.forbidden.code, words.forbidden.message);
    case 'unauthorized':
      return new ResolverError('forbidden', NOT_RECOGNISED_MESSAGE);
    case 'rate-limited':
      return new ResolverError('rate-limited', error.message);
    default:
      return new ResolverError('jira-error', `Jira could not give ${words.what}: ${error.message}`);
  }
}

// ---- Refused payloads ----

/** A setting's name as the page's code spells it; anything else in a path came from the payload. */
const PLAIN_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

/** Where in the request: "baseRevision", "edit.kind", "inputNames item 3"; null for the whole request. */
function whereOf(path: readonly PropertyKey[]): string | null {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `${text === '' ? '' : ' '}item ${String(segment + 1)}`;
    else if (typeof segment === 'string' && PLAIN_NAME.test(segment)) text += text === '' ? segment : `${/item \d+$/.test(text) ? ' ' : '.'}${segment}`;
    // A key the payload made up is not repeated back: the place is named up to it.
    else break;
  }
  return text === '' ? null : text;
}

/** What a value is, in words a person would use. */
function kindOf(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    default:
      return 'a set of named values';
  }
}

function wanted(type: string): string | undefined {
  switch (type) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
    case 'map':
      return 'a set of named values';
    default:
      return undefined;
  }
}

function count(n: number | bigint, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** One finding of the schema as a clause: "baseRevision is missing". */
function findingInWords(issue: z.core.$ZodIssue): string {
  const where = whereOf(issue.path);
  const subject = where ?? 'it';
  switch (issue.code) {
    case 'invalid_type': {
      // The value is in the finding when parsed with `reportInput` (see `parseWithFindings`); an absent one was missing.
      const found = 'input' in issue && issue.input !== undefined ? kindOf(issue.input) : undefined;
      if (found === undefined && ('input' in issue || /received undefined$/.test(issue.message))) return `${where ?? 'the request'} is missing`;
      const type = wanted(issue.expected);
      if (type === undefined) return `${subject} is not in a form Throughline understands`;
      return found === undefined ? `${subject} should be ${type}` : `${subject} should be ${type}, not ${found}`;
    }
    case 'unrecognized_keys': {
      const first = issue.keys[0];
      const named = issue.keys.length === 1 && first !== undefined && PLAIN_NAME.test(first) ? `"${first}", which Throughline does not use` : `${count(issue.keys.length, 'value', 'values')} Throughline does not use`;
      return `${subject} carries ${named}`;
    }
    case 'too_big':
      if (issue.origin === 'string') return `${subject} is too long (at most ${count(issue.maximum, 'character', 'characters')})`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${subject} has too many items (at most ${issue.maximum.toLocaleString('en-US')})`;
      return `${subject} is too large (at most ${issue.maximum.toLocaleString('en-US')})`;
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? `${subject} is empty` : `${subject} is too short (at least ${count(issue.minimum, 'character', 'characters')})`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${subject} needs at least ${count(issue.minimum, 'item', 'items')}`;
      return `${subject} is too small (at least ${issue.minimum.toLocaleString('en-US')})`;
    case 'invalid_format':
      // The app's schemas say what a format is in words ("must be an issue key such as TL-12"); zod's defaults name the pattern.
      return issue.message.startsWith('must ') ? `${subject} ${issue.message}` : `${subject} is not in a form Throughline understands`;
    case 'not_multiple_of':
      return `${subject} should be a multiple of ${String(issue.divisor)}`;
    case 'invalid_value':
      return `${subject} is not one of the values Throughline understands`;
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return `${subject} is not in a form Throughline understands`;
  }
}

/** Parses a payload keeping what each finding was about (zod leaves the value out unless asked). */
export function parseWithFindings<S extends z.ZodType>(schema: S, payload: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(payload, { reportInput: true });
}

/**
 * A refused payload in one sentence: the first thing the schema found, and how many more. The
 * request comes from the app's own pages, so a refusal means a forged call or a page older than
 * the backend; the sentence says where, never the schema's wording or the payload's text.
 */
export function refusedPayload(issues: readonly z.core.$ZodIssue[], within?: string): string {
  const first = issues[0];
  if (first === undefined) return 'The request was not understood.';
  const moved = within === undefined ? first : { ...first, path: [within, ...first.path] };
  const more = issues.length > 1 ? `, and ${count(issues.length - 1, 'other thing is', 'other things are')} wrong` : '';
  return `The request was not understood: ${findingInWords(moved)}${more}.`;
}
