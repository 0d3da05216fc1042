/**
 * Typed errors of the Jira client. `message` is written for the person using the app; the
 * fields carry what code needs to decide (kind, status, retryAfter, Jira's own messages).
 */

export type JiraErrorKind =
  | 'not-found'
  | 'forbidden'
  | 'unauthorized'
  | 'rate-limited'
  | 'server-error'
  | 'bad-request'
  | 'bad-response'
  | 'timeout';

/** Finer reasons for code and tests; the kind is what callers usually switch on. */
export type JiraErrorReason =
  | 'http-status'
  | 'retry-budget-spent'
  | 'retry-after-past-deadline'
  | 'retry-after-too-long'
  | 'not-retried'
  | 'deadline-passed'
  | 'transport'
  | 'malformed-json'
  | 'html-page'
  | 'empty-body'
  | 'schema'
  | 'missing-next-page-token'
  | 'repeated-next-page-token'
  | 'page-limit'
  | 'too-large'
  | 'invalid-input';

export interface JiraErrorInit {
  readonly kind: JiraErrorKind;
  readonly reason: JiraErrorReason;
  readonly message: string;
  readonly status?: number;
  readonly method?: string;
  readonly path?: string;
  /** Seconds Jira asked us to wait (Retry-After), when it said. */
  readonly retryAfterSeconds?: number;
  /** `RateLimit-Reason`: jira-burst-based, jira-per-issue-on-write, jira-quota-tenant-based, … */
  readonly rateLimitReason?: string;
  readonly errorMessages?: readonly string[];
  readonly fieldErrors?: Readonly<Record<string, string>>;
  /** For developers: what exactly was wrong (schema issues, a body excerpt). */
  readonly detail?: string;
  readonly attempts?: number;
  readonly cause?: unknown;
}

export class JiraError extends Error {
  override readonly name = 'JiraError';
  readonly kind: JiraErrorKind;
  readonly reason: JiraErrorReason;
  readonly status: number | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly rateLimitReason: string | undefined;
  readonly errorMessages: readonly string[];
  readonly fieldErrors: Readonly<Record<string, string>>;
  readonly detail: string | undefined;
  readonly attempts: number | undefined;

  constructor(init: JiraErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.reason = init.reason;
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.rateLimitReason = init.rateLimitReason;
    this.errorMessages = init.errorMessages ?? [];
    this.fieldErrors = init.fieldErrors ?? {};
    this.detail = init.detail;
    this.attempts = init.attempts;
  }
}

/** Node's hook for how `console.*` and `util.inspect` show an object (a registered symbol: no import of node:util). */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * What of a Jira failure may go to the logs: kind, reason, status, method and path (without its
 * query, which can carry JQL). Never the message, `detail`, Jira's messages or the cause: those
 * can quote Jira's answer, and an answer can quote an issue's summary or description, which the
 * people who read Forge's logs may not be allowed to see.
 */
function jiraLogLine(error: JiraError): string {
  const parts = [`JiraError ${error.kind} (${error.reason})`];
  if (error.status !== undefined) parts.push(`HTTP ${String(error.status)}`);
  if (error.method !== undefined || error.path !== undefined) parts.push(`${error.method ?? '?'} ${(error.path ?? '?').split('?')[0] ?? ''}`);
  if (error.attempts !== undefined) parts.push(`${String(error.attempts)} attempts`);
  return parts.join(', ');
}

/** The call sites of a stack, without its first line(s), which hold the message. */
function framesOf(error: Error): string {
  return (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}

/**
 * An error as the app logs it. A JiraError (also as the cause of another error) is told by
 * `jiraLogLine`; other errors are the app's own, whose messages hold no Jira text, and keep their
 * stack. Anything else thrown is named by its type only.
 */
export function describeForLog(error: unknown, depth = 0): string {
  if (error instanceof JiraError) {
    const frames = framesOf(error);
    return frames === '' ? jiraLogLine(error) : `${jiraLogLine(error)}\n${frames}`;
  }
  if (error instanceof Error) {
    const own = error.stack ?? `${error.name}: ${error.message}`;
    if (error.cause === undefined || depth >= 4) return own;
    return `${own}\ncaused by: ${describeForLog(error.cause, depth + 1)}`;
  }
  return `a thrown ${typeof error} (not an Error)`;
}

// Logging or serialising the error object itself shows only what jiraLogLine does, so a
// `console.error(error)` added later cannot leak Jira's answer either.
Object.defineProperty(JiraError.prototype, INSPECT, {
  value(this: JiraError): string {
    return describeForLog(this);
  },
});
Object.defineProperty(JiraError.prototype, 'toJSON', {
  value(this: JiraError): Record<string, unknown> {
    return { name: 'JiraError', kind: this.kind, reason: this.reason, status: this.status, method: this.method, path: this.path?.split('?')[0], attempts: this.attempts };
  },
});

export function isJiraError(value: unknown): value is JiraError {
  return value instanceof JiraError;
}

/** "5 s", "1.5 s", "2 min": a wait a person can read. */
export function formatWait(seconds: number): string {
  if (seconds >= 120) return `${Math.round(seconds / 60)} min`;
  if (seconds >= 10 || Number.isInteger(seconds)) return `${Math.round(seconds)} s`;
  return `${(Math.ceil(seconds * 10) / 10).toString()} s`;
}

export function rateLimitedMessage(reason: string | undefined, retryAfterSeconds: number | undefined): string {
  const why = reason === undefined || reason === '' ? 'rate limited' : `rate limited: ${reason}`;
  const when = retryAfterSeconds === undefined ? 'try again in a moment' : `try again in ${formatWait(retryAfterSeconds)}`;
  return `Jira is busy (${why}); ${when}`;
}

export function busyMessage(status: number, retryAfterSeconds: number | undefined): string {
  const when = retryAfterSeconds === undefined ? 'try again in a moment' : `try again in ${formatWait(retryAfterSeconds)}`;
  return `Jira is temporarily unavailable (HTTP ${status}); ${when}`;
}

/** Jira's ErrorCollection: `{ errorMessages: [...], errors: { field: message } }`. */
export interface JiraErrorBody {
  readonly errorMessages: readonly string[];
  readonly fieldErrors: Readonly<Record<string, string>>;
}

export function parseErrorBody(text: string): JiraErrorBody {
  const empty: JiraErrorBody = { errorMessages: [], fieldErrors: {} };
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return empty;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return empty;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return empty;
  const record = parsed as Record<string, unknown>;
  const errorMessages = Array.isArray(record.errorMessages)
    ? (record.errorMessages as unknown[]).filter((m): m is string => typeof m === 'string')
    : [];
  // Some gateways answer `{ "message": "..." }` instead of an ErrorCollection.
  if (errorMessages.length === 0 && typeof record.message === 'string') errorMessages.push(record.message);
  const fieldErrors: Record<string, string> = {};
  if (typeof record.errors === 'object' && record.errors !== null && !Array.isArray(record.errors)) {
    for (const [field, message] of Object.entries(record.errors as Record<string, unknown>)) {
      fieldErrors[field] = typeof message === 'string' ? message : JSON.stringify(message);
    }
  }
  return { errorMessages, fieldErrors };
}

function jiraSaid(body: JiraErrorBody): string {
  const parts = [...body.errorMessages, ...Object.entries(body.fieldErrors).map(([field, message]) => `${field}: ${message}`)];
  return parts.length === 0 ? '' : ` Jira said: ${parts.join('; ')}`;
}

export interface ErrorContext {
  readonly method: string;
  readonly path: string;
  /** What the call was about, for messages: "issue PROJ-1", "the field list". */
  readonly subject?: string;
  readonly attempts?: number;
}

/**
 * Maps a non-success status to a JiraError. 429 and 503 are built by the retry loop, which
 * knows how long it waited; this covers everything else and the final 429/503.
 */
export function errorForStatus(
  status: number,
  bodyText: string,
  context: ErrorContext,
  rate?: { retryAfterSeconds?: number; rateLimitReason?: string; reason?: JiraErrorReason; message?: string },
): JiraError {
  const body = parseErrorBody(bodyText);
  const subject = context.subject ?? 'what was asked for';
  const base = {
    status,
    method: context.method,
    path: context.path,
    errorMessages: body.errorMessages,
    fieldErrors: body.fieldErrors,
    attempts: context.attempts,
    detail: bodyText.slice(0, 500),
  };
  if (status === 401) {
    return new JiraError({ ...base, kind: 'unauthorized', reason: 'http-status', message: 'Jira did not accept the sign-in for this request (HTTP 401); reload the page or ask an admin to re-authorise the app.' });
  }
  if (status === 403) {
    return new JiraError({ ...base, kind: 'forbidden', reason: 'http-status', message: `You do not have permission in Jira for ${subject} (HTTP 403).${jiraSaid(body)}` });
  }
  if (status === 404) {
    return new JiraError({ ...base, kind: 'not-found', reason: 'http-status', message: `Jira could not find ${subject}, or you do not have permission to see it (HTTP 404).` });
  }
  if (status === 429) {
    return new JiraError({
      ...base,
      kind: 'rate-limited',
      reason: rate?.reason ?? 'http-status',
      retryAfterSeconds: rate?.retryAfterSeconds,
      rateLimitReason: rate?.rateLimitReason,
      message: rate?.message ?? rateLimitedMessage(rate?.rateLimitReason, rate?.retryAfterSeconds),
    });
  }
  if (status >= 500) {
    return new JiraError({
      ...base,
      kind: 'server-error',
      reason: rate?.reason ?? 'http-status',
      retryAfterSeconds: rate?.retryAfterSeconds,
      message: rate?.message ?? (status === 503 ? busyMessage(status, rate?.retryAfterSeconds) : `Jira had a problem answering (HTTP ${status}); try again later.`),
    });
  }
  return new JiraError({ ...base, kind: 'bad-request', reason: 'http-status', message: `Jira refused the request for ${subject} (HTTP ${status}).${jiraSaid(body)}` });
}
