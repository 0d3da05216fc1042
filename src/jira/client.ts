/**
 * The transport every Jira call goes through: one `requestJira`-shaped function (Forge asUser /
 * asApp, @forge/bridge, or plain fetch), retries with a deadline, typed errors, zod parsing.
 */
import type { z } from 'zod';
import { JiraError, errorForStatus, rateLimitedMessage, busyMessage, formatWait } from './errors';
import type { JiraErrorReason } from './errors';
import type { JiraPath } from './paths';
import { JITTER_MAX, JITTER_MIN, MAX_DELAY_MS, MAX_RETRIES, SERVER_ERROR_PAUSE_MS, isIdempotent, isRepeatedOnceStatus, isRetryableStatus, parseRetryAfter, retryDelayMs } from './retry';
import type { OperationName } from './retry';

/** The part of fetch's Response the client reads. */
export interface ResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface RequestInitLike {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * `requestJira(path, init)`. The path is a `JiraPath` (made by `jiraPath`), so only safely built
 * paths reach it; any `(path: string, init) => Promise<Response>` function fits this type.
 */
export type RequestJira = (path: JiraPath, init?: RequestInitLike) => Promise<ResponseLike>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What a resolver has in all (PLATFORM.md, Limits). */
export const DEFAULT_TIME_BUDGET_MS = 25_000;
/** The pause before repeating an idempotent request whose connection dropped before any answer. */
const TRANSPORT_RETRY_MS = 100;

export interface RetryEvent {
  readonly operation: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly status: number;
  readonly retryIndex: number;
  readonly delayMs: number;
  readonly retryAfterSeconds: number | undefined;
  readonly rateLimitReason: string | undefined;
}

export interface JiraClientOptions {
  /** Absolute time (on `now`'s clock, ms) after which no request starts and no wait ends. */
  readonly deadline?: number;
  /** Used when no deadline is given: the deadline is creation time + this. Default 25 s. */
  readonly timeBudgetMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); drives the jitter. */
  readonly random?: () => number;
  /** At most 4 (Atlassian's advice); lower it to fail sooner. */
  readonly maxRetries?: number;
  readonly onRetry?: (event: RetryEvent) => void;
}

export interface JiraCall<T> {
  readonly operation: OperationName | { readonly name: string; readonly idempotent: boolean };
  readonly method: HttpMethod;
  readonly path: JiraPath;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** For messages: "issue PROJ-1", "the field list". */
  readonly subject?: string;
  /** Parses the JSON of a 2xx answer; without it the body is not read as JSON. */
  readonly schema?: z.ZodType<T>;
  /** Statuses handed back to the caller instead of thrown (e.g. 404 for "no such property"). */
  readonly acceptStatuses?: readonly number[];
}

export interface JiraCallResult<T> {
  readonly status: number;
  /** Present when a schema was given and the status was 2xx. */
  readonly data: T | undefined;
}

export interface JiraClient {
  call<T>(request: JiraCall<T>): Promise<JiraCallResult<T>>;
  /** Like `call` with a schema, returning the parsed body. */
  json<T>(request: JiraCall<T> & { readonly schema: z.ZodType<T> }): Promise<T>;
  readonly deadline: number;
  remainingMs(): number;
  /** The same transport with a new deadline (e.g. a consumer with 900 s). */
  withDeadline(deadline: number): JiraClient;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function operationName(operation: JiraCall<unknown>['operation']): string {
  return typeof operation === 'string' ? operation : operation.name;
}

function looksLikeHtml(text: string, contentType: string | null): boolean {
  if (contentType !== null && /text\/html/i.test(contentType)) return true;
  const start = text.trimStart().slice(0, 15).toLowerCase();
  return start.startsWith('<!doctype') || start.startsWith('<html') || start.startsWith('<');
}

function badResponse(reason: JiraErrorReason, message: string, context: { method: string; path: string; status: number; detail?: string; cause?: unknown }): JiraError {
  return new JiraError({ kind: 'bad-response', reason, message, status: context.status, method: context.method, path: context.path, detail: context.detail, cause: context.cause });
}

/** Reads and checks a 2xx JSON body. Exported for the paths that parse outside `call`. */
export function parseJsonBody<T>(text: string, schema: z.ZodType<T>, context: { method: string; path: string; status: number; contentType: string | null; subject?: string }): T {
  const subject = context.subject ?? 'the request';
  if (text.trim() === '') {
    throw badResponse('empty-body', `Jira sent an empty answer for ${subject}; try again.`, context);
  }
  if (looksLikeHtml(text, context.contentType)) {
    throw badResponse('html-page', `Jira answered ${subject} with a web page instead of data (often a proxy or sign-in page); try again later.`, { ...context, detail: text.slice(0, 300) });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw badResponse('malformed-json', `Jira sent an answer for ${subject} that could not be read (malformed JSON); try again.`, { ...context, detail: text.slice(0, 300), cause });
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((issue) => `${issue.path.length === 0 ? '(root)' : issue.path.join('.')}: ${issue.message}`);
    throw badResponse('schema', `Jira sent an answer for ${subject} in a shape Throughline does not understand.`, { ...context, detail: issues.join('; '), cause: result.error });
  }
  return result.data;
}

function transportError(cause: unknown, context: { method: string; path: string; attempts: number }): JiraError {
  const name = cause instanceof Error ? cause.name : '';
  const text = cause instanceof Error ? cause.message : String(cause);
  if (name === 'NeedsAuthenticationError') {
    return new JiraError({ kind: 'unauthorized', reason: 'transport', message: 'Jira needs you to allow Throughline access first; reload the page and accept the prompt.', ...context, detail: text, cause });
  }
  return new JiraError({ kind: 'server-error', reason: 'transport', message: 'Could not reach Jira; check the connection and try again.', ...context, detail: text, cause });
}

export function createJiraClient(requestJira: RequestJira, options: JiraClientOptions = {}): JiraClient {
  const now = options.now ?? Date.now;
  const deadline = options.deadline ?? now() + (options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
  return buildClient(requestJira, options, deadline);
}

function buildClient(requestJira: RequestJira, options: JiraClientOptions, deadline: number): JiraClient {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const maxRetries = Math.min(Math.max(options.maxRetries ?? MAX_RETRIES, 0), MAX_RETRIES);

  async function call<T>(request: JiraCall<T>): Promise<JiraCallResult<T>> {
    const { method, path } = request;
    const name = operationName(request.operation);
    const idempotent = isIdempotent(request.operation);
    const headers: Record<string, string> = { Accept: 'application/json' };
    const init: RequestInitLike = { method, headers };
    if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(request.body);
    }
    const subject = request.subject;
    let repeatedServerError = false;

    for (let attempt = 1; ; attempt++) {
      const left = deadline - now();
      if (left <= 0) {
        throw new JiraError({
          kind: 'timeout',
          reason: 'deadline-passed',
          message: `Jira did not answer in the time available for ${subject ?? 'this request'}; try again.`,
          method,
          path,
          attempts: attempt - 1,
        });
      }
      let response: ResponseLike;
      try {
        response = await requestJira(path, init);
      } catch (cause) {
        if (cause instanceof JiraError) throw cause;
        // A connection dropped before any answer (a reused socket the other end had closed): a
        // request that is safe to repeat is tried once more; anything else is said in words.
        const signIn = cause instanceof Error && cause.name === 'NeedsAuthenticationError';
        if (idempotent && !signIn && attempt === 1 && deadline - now() > TRANSPORT_RETRY_MS) {
          await sleep(TRANSPORT_RETRY_MS);
          continue;
        }
        throw transportError(cause, { method, path, attempts: attempt });
      }
      const status = response.status;
      const context = { method, path, subject, attempts: attempt };

      if (isRetryableStatus(status)) {
        const text = await response.text().catch(() => '');
        const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'), now());
        const rateLimitReason = response.headers.get('RateLimit-Reason') ?? undefined;
        const message = status === 429 ? rateLimitedMessage(rateLimitReason, retryAfterSeconds) : busyMessage(status, retryAfterSeconds);
        const fail = (reason: JiraErrorReason, extra = ''): JiraError =>
          errorForStatus(status, text, context, { retryAfterSeconds, rateLimitReason, reason, message: `${message}${extra}` });
        const retryIndex = attempt - 1;
        if (!idempotent) throw fail('not-retried');
        if (retryIndex >= maxRetries) throw fail('retry-budget-spent');
        if (retryAfterSeconds !== undefined && retryAfterSeconds * 1000 > MAX_DELAY_MS) throw fail('retry-after-too-long');
        const delayMs = retryDelayMs({ retryIndex, retryAfterSeconds, random: random() });
        const leftNow = deadline - now();
        if (delayMs >= leftNow) {
          throw fail('retry-after-past-deadline', ` (waiting ${formatWait(delayMs / 1000)} would pass the ${formatWait(Math.max(0, leftNow) / 1000)} left for this request).`);
        }
        options.onRetry?.({ operation: name, method, path, status, retryIndex, delayMs, retryAfterSeconds, rateLimitReason });
        await sleep(delayMs);
        continue;
      }

      if (isRepeatedOnceStatus(status) && idempotent && !repeatedServerError && request.acceptStatuses?.includes(status) !== true) {
        // A passing failure of Jira's: one repeat of a call safe to repeat, when there is time for it.
        const delayMs = Math.round(SERVER_ERROR_PAUSE_MS * (JITTER_MIN + (JITTER_MAX - JITTER_MIN) * Math.min(Math.max(random(), 0), 1)));
        if (deadline - now() > delayMs) {
          repeatedServerError = true;
          await response.text().catch(() => '');
          options.onRetry?.({ operation: name, method, path, status, retryIndex: attempt - 1, delayMs, retryAfterSeconds: undefined, rateLimitReason: undefined });
          await sleep(delayMs);
          continue;
        }
      }

      if (request.acceptStatuses?.includes(status) === true) {
        return { status, data: undefined };
      }
      const text = await response.text();
      if (status < 200 || status > 299) throw errorForStatus(status, text, context);
      if (request.schema === undefined) return { status, data: undefined };
      const data = parseJsonBody(text, request.schema, { method, path, status, contentType: response.headers.get('Content-Type'), subject });
      return { status, data };
    }
  }

  return {
    call,
    async json<T>(request: JiraCall<T> & { readonly schema: z.ZodType<T> }): Promise<T> {
      const { status, data } = await call({ ...request, acceptStatuses: undefined });
      // A schema and a 2xx status always give data; this guards a 2xx without a body parse.
      if (data === undefined) throw badResponse('empty-body', `Jira sent no data for ${request.subject ?? 'the request'}.`, { method: request.method, path: request.path, status });
      return data;
    },
    deadline,
    remainingMs: () => deadline - now(),
    withDeadline: (next: number) => buildClient(requestJira, options, next),
  };
}
