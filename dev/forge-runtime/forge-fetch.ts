/**
 * The two globals the unmodified SDKs reach the platform through:
 * - `globalThis.__forge_runtime__`: read by @forge/api (appContext, metrics, lambdaContext, aaid…)
 *   and @forge/kvs; a getter that returns the current invocation's view, undefined outside one
 *   (as in Forge, where no code runs outside an invocation).
 * - `globalThis.__forge_fetch__(target, path, init)`: routed by target — `{type: 'kvs'}` to the
 *   local store, `{type: 'fpp', remote: 'jira', provider}` to the Jira emulator as the user or the
 *   app, `{type: 'fpp', remote: 'stargate'}` + `/webhook/queue/…` to the local queue, and
 *   `/app/report-accounts` (as the app) to the personal data reporting stand-in (privacy.ts).
 * Installed once per process; each call finds its runtime and identity through the invocation
 * context, so several runtimes (and many concurrent users) share them safely.
 */
import { currentInvocation } from './invocation-context';
import type { FetchTarget, Invocation, PlatformFetch } from './invocation-context';
import type { JiraFetch, JiraIdentity } from './jira-proxy';
import type { KvsService } from './kvs-service';
import type { PrivacyService } from './privacy';
import type { QueueService } from './queue';

export interface PlatformServices {
  readonly kvs: KvsService;
  readonly jira: JiraFetch;
  readonly queue: QueueService;
  /** Atlassian's personal data reporting (`privacy.reportPersonalData`). */
  readonly privacy: PrivacyService;
}

/** An answer @forge/api turns into ProxyRequestError (or NeedsAuthenticationError). */
export function proxyError(status: number, code: string): Response {
  return new Response(null, { status, headers: { 'forge-proxy-error': code } });
}

export function createPlatformFetch(services: PlatformServices): PlatformFetch {
  return async (target, path, init, invocation) => {
    switch (target.type) {
      case 'kvs':
        return services.kvs.handle(path, init);
      case 'fpp': {
        if (target.remote === 'stargate' && path.startsWith('/webhook/queue/')) return services.queue.handle(path, init);
        // Only the app reports accounts: @forge/api sends it as the app (__requestAtlassianAsApp).
        if (target.remote === 'stargate' && path === '/app/report-accounts' && target.provider === 'app') return services.privacy.handle(path, init);
        const isJira = target.remote === 'jira' || (target.remote === undefined && target.contextAri?.startsWith('ari:cloud:jira') === true);
        if (!isJira) return proxyError(501, `NOT_SUPPORTED_LOCALLY:${target.remote ?? 'context'}${path}`);
        const identity = identityOf(target, invocation);
        // asUser() with no user to act for: Forge asks for the user's consent, which never comes here.
        if (identity === undefined) return proxyError(401, 'NEEDS_AUTHENTICATION_ERR');
        return services.jira(path, init, identity);
      }
      default:
        return proxyError(501, `NOT_SUPPORTED_LOCALLY:${target.type}`);
    }
  };
}

function identityOf(target: FetchTarget, invocation: Invocation): JiraIdentity | undefined {
  if (target.provider === 'user') {
    const accountId = target.accountId ?? invocation.accountId;
    return accountId === undefined ? undefined : { kind: 'user', accountId };
  }
  // 'app', and 'none' (the bare `requestJira` export), act as the app.
  return { kind: 'app' };
}

async function forgeFetch(target: FetchTarget, path: string, init?: RequestInit): Promise<Response> {
  const invocation = currentInvocation();
  if (invocation === undefined) {
    throw new Error(
      `__forge_fetch__ was called outside a Forge invocation (${target.type} ${path}). Run the code through the local runtime: runtime.invoke(), invokeResolver() or runAs().`,
    );
  }
  if (invocation.ended) {
    throw new Error(`Invocation ${invocation.id} of "${invocation.functionKey ?? 'runAs'}" has ended: Forge stopped it at its time limit, so it can no longer reach the platform.`);
  }
  return invocation.fetch(target, path, init, invocation);
}

/** Idempotent; re-installs if something replaced the globals. */
export function installForgeGlobals(): void {
  const globals = globalThis as unknown as Record<string, unknown>;
  if (globals.__forge_fetch__ === forgeFetch) return;
  Object.defineProperty(globalThis, '__forge_fetch__', { value: forgeFetch, configurable: true, writable: true });
  Object.defineProperty(globalThis, '__forge_runtime__', { get: () => currentInvocation()?.runtimeGlobal, configurable: true });
}
