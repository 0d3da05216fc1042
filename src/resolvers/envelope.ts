/**
 * The boundary every resolver goes through: the payload is validated with a schema (it comes
 * from the browser and can be forged), failures become the typed `Result` the UI shows in
 * words, and nothing a resolver throws reaches the user as a stack trace.
 */
import type { z } from 'zod';
import type { ErrorCode, Result } from '../contract';
import { describeForLog } from '../jira';

export class ResolverError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'ResolverError';
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'payload';
  return `${where}: ${issue.message}`;
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
    // Before the schema: zod walks the payload recursively and would overflow the stack on
    // thousands of levels, which the caller would see as a crash rather than a refusal.
    if (nestedDeeperThan(payload, MAX_PAYLOAD_DEPTH)) {
      return fail('bad-request', `The request was not understood: it is nested more than ${MAX_PAYLOAD_DEPTH} levels deep.`);
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      return fail('bad-request', `The request was not understood: ${parsed.error.issues.slice(0, 3).map(describeIssue).join('; ')}.`);
    }
    try {
      return ok(await run(parsed.data, context));
    } catch (error: unknown) {
      if (error instanceof ResolverError) return fail(error.code, error.message);
      // Logged for the app's logs in Forge (kind, status, method and path of a Jira failure, never
      // Jira's answer, which can quote issue text); the user gets words, not a stack trace.
      console.error('Resolver failed', describeForLog(error));
      return fail('internal', 'Something went wrong in Throughline. Try again; if it keeps failing, tell your Jira admin.');
    }
  };
}
