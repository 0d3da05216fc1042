/**
 * A scripted RequestJira and a fake clock: tests state exactly what Jira answers, and retries
 * "wait" instantly while the clock moves by the waited time.
 */
import { createJiraClient } from '../../../src/jira/client';
import type { JiraClient, JiraClientOptions, RequestInitLike, RequestJira, ResponseLike, RetryEvent } from '../../../src/jira/client';

export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly at: number;
}

export interface Scripted {
  readonly status: number;
  readonly body?: unknown;
  /** Sent verbatim instead of JSON.stringify(body). */
  readonly text?: string;
  readonly headers?: Record<string, string>;
}

export function response(status: number, body?: unknown, headers: Record<string, string> = {}): Scripted {
  return { status, body, headers };
}

export function rawResponse(status: number, text: string, headers: Record<string, string> = {}): Scripted {
  return { status, text, headers };
}

export function toResponse(scripted: Scripted): ResponseLike {
  const headers = new Map(Object.entries(scripted.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const text = scripted.text ?? (scripted.body === undefined ? '' : JSON.stringify(scripted.body));
  return {
    status: scripted.status,
    headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
    text: () => Promise.resolve(text),
  };
}

export type Handler = (call: RecordedCall, index: number) => Scripted | Promise<Scripted>;

export interface FakeJira {
  readonly requestJira: RequestJira;
  readonly calls: RecordedCall[];
  readonly sleeps: number[];
  readonly retries: RetryEvent[];
  readonly clock: { now: number };
  client(options?: JiraClientOptions): JiraClient;
}

/** Answers from a list (one per call, in order) or from a handler. */
export function fakeJira(script: readonly Scripted[] | Handler, start = 1_000_000): FakeJira {
  const calls: RecordedCall[] = [];
  const sleeps: number[] = [];
  const retries: RetryEvent[] = [];
  const clock = { now: start };
  const requestJira: RequestJira = async (path, init?: RequestInitLike) => {
    const call: RecordedCall = {
      method: init?.method ?? 'GET',
      path,
      headers: init?.headers ?? {},
      body: init?.body === undefined ? undefined : JSON.parse(init.body),
      at: clock.now,
    };
    const index = calls.length;
    calls.push(call);
    let scripted: Scripted | undefined;
    if (typeof script === 'function') {
      scripted = await script(call, index);
    } else {
      scripted = script[index];
    }
    if (scripted === undefined) throw new Error(`fake Jira has no answer for call ${index + 1}: ${call.method} ${path}`);
    return toResponse(scripted);
  };
  return {
    requestJira,
    calls,
    sleeps,
    retries,
    clock,
    client: (options: JiraClientOptions = {}) =>
      createJiraClient(requestJira, {
        now: () => clock.now,
        sleep: (ms) => {
          sleeps.push(ms);
          clock.now += ms;
          return Promise.resolve();
        },
        random: () => 0.5,
        onRetry: (event) => retries.push(event),
        ...options,
      }),
  };
}

export function issue(id: number, fields: Record<string, unknown> = { summary: `Issue ${id}` }): Record<string, unknown> {
  return { id: String(id), key: `TL-${id}`, self: `https://example.atlassian.net/rest/api/3/issue/${id}`, fields };
}
