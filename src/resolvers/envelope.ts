/**
 * The boundary every resolver goes through: the payload is validated with a schema (it comes
 * from the browser and can be forged), failures become the typed `Result` the UI shows in
 * words (./failures.ts says how), and nothing a resolver throws reaches the user as a stack trace.
 */
import type { z } from 'zod';
import type { ErrorCode, Result } from '../contract';
import { describeForLog } from '../jira';
import { ResolverError, boundedMessage, failureInWords, parseWithFindings, refusedPayload } from './failures';
import type { FailureWords } from './failures';

export { ResolverError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Every failure a resolver answers passes here, so none is unbounded or carries control characters. */
export function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message: boundedMessage(message) } };
}

export const INTERNAL_MESSAGE = 'Something went wrong in Throughline. Try again; if it keeps failing, tell your Jira admin.';

/**
 * The answer for anything a resolver threw: its own refusals as they are; with `words`, storage's
 * and Jira's failures said by ./failures.ts; anything else is logged (kind, status, method and path
 * of a Jira failure, never Jira's answer, which can quote issue text) and the user gets words, not
 * a stack trace.
 */
export function failureAnswer(error: unknown, logAs: string, words?: FailureWords): Result<never> {
  if (error instanceof ResolverError) return fail(error.code, error.message);
  if (words !== undefined) {
    try {
      const said = failureInWords(error, words);
      return fail(said.code, said.message);
    } catch {
      // Not a failure the app knows how to say: logged below.
    }
  }
  console.error(logAs, describeForLog(error));
  return fail('internal', INTERNAL_MESSAGE);
}

/** The payload against its schema: its value, or the refusal in words. */
export function checkedPayload<S extends z.ZodType>(schema: S, payload: unknown): { ok: true; value: z.output<S> } | { ok: false; refusal: Result<never> } {
  // Before the schema: zod walks the payload recursively and would overflow the stack on
  // thousands of levels, which the caller would see as a crash rather than a refusal.
  if (nestedDeeperThan(payload, MAX_PAYLOAD_DEPTH)) {
    return { ok: false, refusal: fail('bad-request', `The request was not understood: it is nested more than ${MAX_PAYLOAD_DEPTH} levels deep.`) };
  }
  const parsed = parseWithFindings(schema, payload);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, refusal: fail('bad-request', refusedPayload(parsed.error.issues)) };
}

/**
 * How deep a payload may nest. Throughline's deepest payload (a configuration import) nests about
 * ten levels; the schemas and services that read payloads (zod, JSON copies) recurse, and in Forge
 * the payload reaches the function through an iterative JSON.parse at any depth.
 */
export const MAX_PAYLOAD_DEPTH = 64;

/** Whether `value` nests objects and arrays deeper than `maxDepth`: an explicit stack, so any depth is measured safely. */
export function nestedDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const [node, depth] = item;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= maxDepth) return true;
    for (const child of Array.isArray(node) ? (node as unknown[]) : Object.values(node)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
}

export interface ResolverRequest {
  readonly payload: unknown;
  readonly context: Readonly<Record<string, unknown>>;
}

/**
 * Wraps a resolver: `run` gets a payload of the schema's type and the Forge context, and may
 * throw a `ResolverError` for an answer in words.
 */
export function resolverOf<S extends z.ZodType, T>(
  schema: S,
  run: (payload: z.output<S>, context: Readonly<Record<string, unknown>>) => Promise<T> | T,
): (request: ResolverRequest) => Promise<Result<T>> {
  return async ({ payload, context }) => {
    const checked = checkedPayload(schema, payload);
    if (!checked.ok) return checked.refusal;
    try {
      return ok(await run(checked.value, context));
    } catch (error: unknown) {
      return failureAnswer(error, 'Resolver failed');
    }
  };
}
