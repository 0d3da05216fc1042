/**
 * RequestJira over plain fetch: for the local Jira emulator, scripts and tests. Extra headers
 * (e.g. the emulator's `x-emulator-account-id`) go on every request. It lives here, not in src/,
 * because the app itself reaches Jira only through @forge/api's requestJira: nothing that ships
 * calls plain fetch (test/architecture/architecture.test.ts checks it).
 */
import type { RequestJira, ResponseLike } from '../../src/jira/client';
import { assertSafeJiraPath } from '../../src/jira/paths';

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
