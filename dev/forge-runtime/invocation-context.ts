/**
 * Who is calling, per invocation. Forge runs each invocation with its own identity; here many run
 * in one process at once, so the identity travels with the async call chain (AsyncLocalStorage)
 * and is never kept in a module variable: two concurrent invocations as different users each reach
 * Jira as themselves.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What @forge/api, @forge/kvs and @forge/events pass as the first argument of `__forge_fetch__`. */
export interface FetchTarget {
  readonly type: string;
  readonly provider?: string;
  readonly remote?: string;
  readonly accountId?: string;
  readonly contextAri?: string;
}

export type PlatformFetch = (target: FetchTarget, path: string, init: RequestInit | undefined, invocation: Invocation) => Promise<Response>;

/** The object `globalThis.__forge_runtime__` returns during an invocation (what the SDKs read). */
export interface ForgeRuntimeGlobal {
  readonly appContext: {
    readonly appId: string;
    readonly appVersion: string;
    readonly environmentId: string;
    readonly environmentType: string;
    readonly invocationId: string;
    readonly installationId: string;
    readonly moduleKey: string | undefined;
    readonly functionKey: string | undefined;
    readonly license: unknown;
    readonly installation: unknown;
    readonly permissions: { readonly scopes: readonly string[]; readonly external: Record<string, unknown> };
  };
  readonly contextAri: string;
  /** The invoking user's account id (`authorize()` reads it). */
  readonly aaid: string | undefined;
  readonly proxy: { readonly token: string; readonly url: string };
  readonly tracing: { readonly traceId: string; readonly spanId: string };
  readonly lambdaContext: { readonly getRemainingTimeInMillis: () => number };
  readonly metrics: unknown;
  readonly container: { readonly appCodeDir: string };
}

export interface Invocation {
  readonly id: string;
  /** The user the invocation acts for; undefined for the app (triggers, consumers, asApp-only calls). */
  readonly accountId: string | undefined;
  readonly functionKey: string | undefined;
  readonly moduleKey: string | undefined;
  /** Epoch ms; Infinity for `runAs` blocks. */
  readonly deadline: number;
  readonly fetch: PlatformFetch;
  readonly runtimeGlobal: ForgeRuntimeGlobal;
  /** Set when the invocation timed out: Forge stops the function, so its late platform calls are refused. */
  ended: boolean;
}

const storage = new AsyncLocalStorage<Invocation>();

export function currentInvocation(): Invocation | undefined {
  return storage.getStore();
}

export function runInInvocation<T>(invocation: Invocation, fn: () => T): T {
  return storage.run(invocation, fn);
}

export function newInvocationId(): string {
  return randomUUID();
}
