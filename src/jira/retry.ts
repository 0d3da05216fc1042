/**
 * When and how long to wait before asking Jira again.
 *
 * Atlassian's advice (PLATFORM.md, "Rate limits"): retry 429 and 503, at most 4 retries, start near
 * the delay Jira gives, cap at 30 s, jitter ×0.7–1.3, never retry a non-idempotent call blindly.
 * On top of that, a wait never runs past the caller's deadline (a resolver has 25 s in all): when
 * it would, the call fails at once with an error that says when to try again.
 */

export const MAX_RETRIES = 4;
export const MAX_DELAY_MS = 30_000;
/** First wait when Jira gives no Retry-After; doubled on each retry (1, 2, 4, 8 s). */
export const BASE_DELAY_MS = 1_000;
export const JITTER_MIN = 0.7;
export const JITTER_MAX = 1.3;

export type RetryableStatus = 429 | 503;

/**
 * Jira's own failures that are usually passing (a node restarting, a gateway timing out): a call
 * safe to repeat is repeated once, after a short pause, before the error goes back. Only once: a
 * 500 that persists is a real fault, and the caller (the queue, the user) decides what follows.
 */
export const REPEATED_ONCE_STATUSES: readonly number[] = [500, 502, 504];
/** The pause before that one repeat (jittered ×0.7–1.3). */
export const SERVER_ERROR_PAUSE_MS = 250;

export function isRepeatedOnceStatus(status: number): boolean {
  return REPEATED_ONCE_STATUSES.includes(status);
}

export function isRetryableStatus(status: number): status is RetryableStatus {
  return status === 429 || status === 503;
}

/**
 * Which calls may be repeated (on 429 and 503 up to 4 times, on 500, 502 and 504 and a dropped
 * connection once). A call is safe to repeat when doing it twice leaves Jira as doing it once;
 * POSTs that only read are safe even though POST usually is not.
 *
 * | operation                | method | retried | why                                                         |
 * | ------------------------ | ------ | ------- | ----------------------------------------------------------- |
 * | search                   | POST   | yes     | read-only: the JQL travels in the body                      |
 * | approximate-count        | POST   | yes     | read-only                                                   |
 * | bulk-fetch               | POST   | yes     | read-only                                                   |
 * | permissions-check        | POST   | yes     | read-only                                                   |
 * | fields, issue, property, | GET    | yes     | reads                                                       |
 * |   my-permissions, agile, |        |         |                                                             |
 * |   user-search, user-bulk |        |         |                                                             |
 * | edit-issue               | PUT    | yes     | sets `fields` to given values: the same state however often |
 * | set-property             | PUT    | yes     | replaces the whole value                                    |
 * | delete-property          | DELETE | yes     | a repeat finds it gone (404), which the caller treats as done |
 * | app-field-values         | POST   | yes     | sets absolute values, no increments                         |
 * | anything else            | POST   | no      | unknown effect: the error goes back with retryAfter instead |
 */
export const OPERATIONS = {
  search: { idempotent: true },
  'approximate-count': { idempotent: true },
  'bulk-fetch': { idempotent: true },
  'permissions-check': { idempotent: true },
  fields: { idempotent: true },
  'get-issue': { idempotent: true },
  'edit-issue': { idempotent: true },
  'get-property': { idempotent: true },
  'list-property-keys': { idempotent: true },
  'set-property': { idempotent: true },
  'delete-property': { idempotent: true },
  'app-field-values': { idempotent: true },
  'my-permissions': { idempotent: true },
  'agile-boards': { idempotent: true },
  'agile-sprints': { idempotent: true },
  'project-search': { idempotent: true },
  'get-project': { idempotent: true },
  'user-search': { idempotent: true },
  'user-bulk': { idempotent: true },
} as const satisfies Record<string, { idempotent: boolean }>;

export type OperationName = keyof typeof OPERATIONS;

export function isIdempotent(operation: OperationName | { idempotent: boolean }): boolean {
  return typeof operation === 'string' ? OPERATIONS[operation].idempotent : operation.idempotent;
}

const DELAY_SECONDS = /^\d+(\.\d+)?$/;

/**
 * `Retry-After` in seconds: delay-seconds ("5", tolerated "1.5") or an HTTP date. Undefined when
 * absent or malformed (then the caller backs off on its own). A date in the past means 0.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (DELAY_SECONDS.test(text)) {
    const seconds = Number(text);
    return Number.isFinite(seconds) ? seconds : undefined;
  }
  // Date.parse accepts bare numbers ("-3" is a year), so only letters-bearing text is a date.
  if (!/[A-Za-z]/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, (at - nowMs) / 1000);
}

export interface DelayInput {
  /** 0 for the first retry. */
  readonly retryIndex: number;
  readonly retryAfterSeconds: number | undefined;
  /** In [0, 1). */
  readonly random: number;
}

/**
 * Milliseconds to wait before retry `retryIndex`. With Retry-After the wait is jittered around it
 * but never shorter: asking again early fails and earns a longer Retry-After. Without it, the wait
 * is an exponential backoff jittered ×0.7–1.3. Both are capped at 30 s.
 */
export function retryDelayMs({ retryIndex, retryAfterSeconds, random }: DelayInput): number {
  const jitter = JITTER_MIN + (JITTER_MAX - JITTER_MIN) * Math.min(Math.max(random, 0), 1);
  const base = retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : BASE_DELAY_MS * 2 ** retryIndex;
  const floor = retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : 0;
  return Math.min(MAX_DELAY_MS, Math.max(floor, Math.round(base * jitter)));
}
