/** What a route handler sees and answers; the HTTP plumbing lives in `server`. */
import type { z } from 'zod';
import type { Caller } from './model';
import type { PagingCaps } from './search';
import type { EmulatorState } from './state';

export interface EmulatorRequest {
  method: string;
  path: string;
  /** `METHOD /path/{template}`: the key of call counts and fault matchers. */
  endpoint: string;
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  body: unknown;
  caller: Caller;
}

export interface EmulatorResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface HandlerContext {
  state: EmulatorState;
  paging: PagingCaps;
}

export type Handler = (request: EmulatorRequest, context: HandlerContext) => EmulatorResponse;

export interface Route {
  method: string;
  template: string;
  handler: Handler;
}

/** Jira's error body: `{errorMessages, errors}`. */
export function jiraError(status: number, errorMessages: string[], errors: Record<string, string> = {}): EmulatorResponse {
  return { status, body: { errorMessages, errors } };
}

export const INVALID_PAYLOAD = 'Invalid request payload. Refer to the REST API documentation and try again.';
export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

export function issueNotFound(): EmulatorResponse {
  return jiraError(404, [ISSUE_NOT_FOUND]);
}

/** Parses a request body with `schema`, or answers 400 the way Jira does for a malformed payload. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): { ok: true; value: T } | { ok: false; response: EmulatorResponse } {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, response: jiraError(400, [INVALID_PAYLOAD]) };
}

/** A comma-separated, possibly repeated query parameter as a list. */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const values = query.getAll(name);
  if (values.length === 0) return undefined;
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}
