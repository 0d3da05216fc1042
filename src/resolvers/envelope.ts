/**
 * The boundary every resolver goes through: the payload is validated with a schema (it comes
 * from the browser and can be forged), failures become the typed `Result` the UI shows in
 * words, and nothing a resolver throws reaches the user as a stack trace.
 */
import type { z } from 'zod';
import type { ErrorCode, Result } from '../contract';

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
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      return fail('bad-request', `The request was not understood: ${parsed.error.issues.slice(0, 3).map(describeIssue).join('; ')}.`);
    }
    try {
      return ok(await run(parsed.data, context));
    } catch (error: unknown) {
      if (error instanceof ResolverError) return fail(error.code, error.message);
      // Logged for the app's logs in Forge; the user gets words, not a stack trace.
      console.error('Resolver failed', error);
      return fail('internal', 'Something went wrong in Throughline. Try again; if it keeps failing, tell your Jira admin.');
    }
  };
}
