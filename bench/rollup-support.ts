/**
 * What the rollup benches (project-page, rollup-trigger, reconcile) observe of the local runtime
 * from outside the app's code: every function invocation the runtime runs (resolvers by key, the
 * trigger, each recompute step) with its duration, every Forge storage call by kind, and the Jira
 * emulator's call counters; and the recount (a bulk recompute through the settings resolver) with
 * its figures.
 */
import { performance } from 'node:perf_hooks';
import type { ForgeRuntime } from '../dev/forge-runtime';
import type { JiraEmulator } from '../dev/jira-emulator';
import type { RecomputeProgressView, Result } from '../src/contract';
import { createSettingsRepository } from '../src/storage';
import { forgeKvs } from '../src/storage/forge-kvs';
import type { RemoteJira } from './remote-jira';

export const SEARCH = 'POST /rest/api/3/search/jql';
export const BULK_FETCH = 'POST /rest/api/3/issue/bulkfetch';
export const APP_FIELDS = 'POST /rest/api/3/app/field/value';
export const PROPERTY_ENDPOINTS = ['POST /rest/api/3/issue/properties', 'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}'];

export interface Invocation {
  /** `resolver/<key>`, or the manifest function key (`recompute-step`, `on-issue-change`). */
  readonly name: string;
  readonly ms: number;
  readonly ok: boolean;
  /** Epoch ms when the runtime started and ended it. */
  readonly startedAt: number;
  readonly endedAt: number;
}

/** Records every function invocation of the runtime (resolvers, triggers, queue consumers) with its duration. */
export function watchInvocations(runtime: ForgeRuntime): { readonly log: Invocation[]; readonly inFlight: () => number } {
  const log: Invocation[] = [];
  let running = 0;
  const target = runtime as unknown as { runFunction: (functionKey: string, event: unknown, call: unknown) => Promise<{ success: boolean }> };
  const original = target.runFunction.bind(runtime);
  target.runFunction = async (functionKey, event, call) => {
    const resolverKey = functionKey === 'resolver' ? (event as { call?: { functionKey?: string } }).call?.functionKey : undefined;
    const name = resolverKey === undefined ? functionKey : `resolver/${resolverKey}`;
    const started = performance.now();
    const startedAt = Date.now();
    running++;
    let ok = false;
    try {
      const result = await original(functionKey, event, call);
      ok = result.success;
      return result;
    } finally {
      running--;
      log.push({ name, ms: performance.now() - started, ok, startedAt, endedAt: Date.now() });
    }
  };
  return { log, inFlight: () => running };
}

export interface KvsCounts {
  reads: number;
  writes: number;
  /** Transactions that write rollup groups (each with their index page). */
  rollupTransactions: number;
  /** Rollup groups written (in those transactions). */
  rollupGroupWrites: number;
  /** Reads and writes by SDK path (`/api/v1/entity/get`, `/api/v1/transaction`, …). */
  readonly byPath: Record<string, number>;
}

/**
 * Counts Forge storage calls (what @forge/kvs sends through `__forge_fetch__`). Install after the
 * runtime is created (it installs the global).
 */
export function watchKvs(): { counts: () => KvsCounts; reset: () => void } {
  let counts: KvsCounts = { reads: 0, writes: 0, rollupTransactions: 0, rollupGroupWrites: 0, byPath: {} };
  const globals = globalThis as unknown as { __forge_fetch__: (target: { type?: string }, path: string, init?: RequestInit) => Promise<Response> };
  const original = globals.__forge_fetch__;
  globals.__forge_fetch__ = async (target, path, init) => {
    if (target.type === 'kvs') {
      const write = /\/(set|delete|transaction)$|\/batch\/(set|delete)$/.test(path);
      if (write) counts.writes++;
      else counts.reads++;
      counts.byPath[path] = (counts.byPath[path] ?? 0) + 1;
      if (path.endsWith('/transaction') && typeof init?.body === 'string' && init.body.includes('"rollup-group"')) {
        const sets = (JSON.parse(init.body) as { set?: { entityName?: string }[] }).set ?? [];
        counts.rollupTransactions++;
        counts.rollupGroupWrites += sets.filter((entry) => entry.entityName === 'rollup-group').length;
      }
    }
    return original(target, path, init);
  };
  return {
    counts: () => ({ ...counts, byPath: { ...counts.byPath } }),
    reset: () => {
      counts = { reads: 0, writes: 0, rollupTransactions: 0, rollupGroupWrites: 0, byPath: {} };
    },
  };
}

export function jiraCallTotal(emulator: JiraEmulator): number {
  return Object.values(emulator.calls).reduce((sum, count) => sum + count, 0);
}

export function propertyWrites(calls: Readonly<Record<string, number>>): number {
  return PROPERTY_ENDPOINTS.reduce((sum, endpoint) => sum + (calls[endpoint] ?? 0), 0);
}

/**
 * A resolver call as a user. Asked once more when it answers "Could not reach Jira": at 100,000
 * issues the first call as a user after a long recount failed so in 3 runs of 3 (the resolver's
 * permission check; apparently a pooled connection the emulator had closed), and the bench
 * measures the recount, not that.
 */
export async function call<T>(runtime: ForgeRuntime, key: string, payload: unknown, accountId: string, project: { id: string; key: string; type: string }, again = true): Promise<T> {
  const result = await runtime.invokeResolver('project-page', key, payload, { accountId }, { project });
  if (!result.success) throw new Error(`${key}: invocation failed: ${result.error.message}`);
  const answer = result.body as Result<T>;
  if (!answer.ok && again && answer.error.message.includes('Could not reach Jira')) {
    console.log(`      ${key} answered "${answer.error.message}"; asking once more`);
    return call(runtime, key, payload, accountId, project, false);
  }
  if (!answer.ok) throw new Error(`${key}: ${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

export interface RecountFigures {
  readonly ms: number;
  readonly steps: number;
  readonly longestStepMs: number;
  readonly stepMs: readonly number[];
  readonly searches: number;
  readonly bulkReads: number;
  readonly appFieldWrites: number;
  readonly propertyWrites: number;
  readonly jiraCalls: number;
  readonly kvs: KvsCounts;
  readonly progress: RecomputeProgressView;
}

/** A recount (settings resolver `recomputeNow`, as a project admin), waited for to the end, with its figures. */
export async function recount(
  runtime: ForgeRuntime,
  /** The emulator in this thread, or one in its own (remote-jira.ts). */
  emulator: JiraEmulator | RemoteJira,
  watched: { readonly invocations: { readonly log: Invocation[] }; readonly kvs: ReturnType<typeof watchKvs> },
  admin: string,
  project: { id: string; key: string; type: string },
): Promise<RecountFigures> {
  await emulator.resetCalls();
  watched.kvs.reset();
  const before = watched.invocations.log.length;
  const started = performance.now();
  await call(runtime, 'recomputeNow', {}, admin, project);
  await runtime.whenIdle();
  const ms = performance.now() - started;
  const calls = 'state' in emulator ? { ...emulator.calls } : await emulator.calls();
  const kvs = watched.kvs.counts();
  const stepMs = watched.invocations.log.slice(before).filter((entry) => entry.name === 'recompute-step').map((entry) => entry.ms);
  const progress = await call<RecomputeProgressView | null>(runtime, 'recomputeProgress', {}, admin, project);
  if (progress?.status !== 'done') throw new Error(`the recount did not finish: ${JSON.stringify(progress)}`);
  return {
    ms,
    steps: stepMs.length,
    longestStepMs: Math.max(0, ...stepMs),
    stepMs,
    searches: calls[SEARCH] ?? 0,
    bulkReads: calls[BULK_FETCH] ?? 0,
    appFieldWrites: calls[APP_FIELDS] ?? 0,
    propertyWrites: propertyWrites(calls),
    jiraCalls: Object.values(calls).reduce((sum, count) => sum + count, 0),
    kvs,
    progress,
  };
}

export function describeRecount(figures: RecountFigures): string {
  return `${(figures.ms / 1000).toFixed(1)} s, ${String(figures.steps)} step(s) (longest ${(figures.longestStepMs / 1000).toFixed(1)} s), ${String(figures.searches)} searches, ${String(figures.bulkReads)} bulk reads, ${String(figures.jiraCalls)} Jira calls in all, ${String(figures.appFieldWrites)} app field + ${String(figures.propertyWrites)} property write calls, ${String(figures.kvs.rollupGroupWrites)} rollup group writes in ${String(figures.kvs.rollupTransactions)} transactions, ${String(figures.kvs.reads)} KVS reads / ${String(figures.kvs.writes)} writes; ${figures.progress.done.toLocaleString('en-US')} issues done`;
}

/** The scale site's strategy, as a product manager's first save would write it: a vision and eight themes. */
export async function saveScaleStrategy(runtime: ForgeRuntime, projectId: string): Promise<void> {
  await runtime.runAs('app', async () => {
    await createSettingsRepository(forgeKvs()).save(
      projectId,
      'strategy',
      {
        schemaVersion: 1,
        revision: 0,
        vision: { statement: 'One line from the vision to every story.', targetCustomers: '', goals: [] },
        themes: Array.from({ length: 8 }, (_, i) => ({ id: `theme-${String(i + 1)}`, name: `Theme ${String(i + 1)}`, horizon: 'now', targetPercent: 12, colour: 'blue' })),
      },
      { baseRevision: 0, actor: 'app' },
    );
  });
}
