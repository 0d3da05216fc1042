/**
 * RequestJira over plain fetch: for the local Jira emulator, scripts and tests. Extra headers
 * (e.g. the emulator's `x-emulator-account-id`) go on every request.
 */
import type { RequestJira, ResponseLike } from './client';
import { assertSafeJiraPath } from './paths';

export interface FetchRequestOptions {
  /** e.g. "http://127.0.0.1:4010"; the path is appended. */
  readonly baseUrl: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly fetch?: (url: string, init: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<ResponseLike>;
}

export function fetchRequestJira(options: FetchRequestOptions): RequestJira {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((url, init) => fetch(url, init));
  return (path, init) => {
    const safe = assertSafeJiraPath(path);
    return doFetch(`${base}${safe}`, { ...init, headers: { ...init?.headers, ...options.headers } });
  };
}
