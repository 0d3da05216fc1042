/**
 * `requestJira` → the Jira emulator, as the invoking user (`x-emulator-account-id`) or as the app
 * (`x-emulator-as-app: true`). Forge decides the identity from the invocation, never from the app's
 * headers, so any `x-emulator-*` header the app sets is dropped.
 */
export type JiraIdentity = { readonly kind: 'user'; readonly accountId: string } | { readonly kind: 'app' };

export type JiraFetch = (path: string, init: RequestInit | undefined, identity: JiraIdentity) => Promise<Response>;

export const ACCOUNT_HEADER = 'x-emulator-account-id';
export const AS_APP_HEADER = 'x-emulator-as-app';

export function createJiraFetch(baseUrl: string): JiraFetch {
  const base = baseUrl.replace(/\/+$/, '');
  // Captured now: app code (or a test) may replace globalThis.fetch later.
  const nativeFetch = globalThis.fetch;
  return async (path, init, identity) => {
    const headers = new Headers(init?.headers);
    for (const name of [...headers.keys()]) if (name.startsWith('x-emulator-')) headers.delete(name);
    if (identity.kind === 'user') headers.set(ACCOUNT_HEADER, identity.accountId);
    else headers.set(AS_APP_HEADER, 'true');
    const url = `${base}${path.startsWith('/') ? path : `/${path}`}`;
    try {
      return await nativeFetch(url, { ...init, headers });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      const failure = new Error(`The local Forge runtime could not reach Jira at ${base}: ${cause}`);
      // @forge/api's name for a failed fetch from a function.
      failure.name = 'FUNCTION_FETCH_ERR';
      throw failure;
    }
  };
}
