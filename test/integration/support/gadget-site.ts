/**
 * The set-up the dashboard gadgets' integration tests share: the demo site in the Jira emulator,
 * the app in the local Forge runtime, each project's strategy saved to storage with its themes,
 * the demo's epics adopted onto them; and the gadget's extension, the call through a gadget's
 * module and what its answer holds.
 */
import { join, resolve } from 'node:path';
import { createForgeRuntime } from '../../../dev/forge-runtime';
import type { ForgeRuntime, InvocationResult } from '../../../dev/forge-runtime';
import { startJiraEmulator } from '../../../dev/jira-emulator';
import type { JiraEmulator } from '../../../dev/jira-emulator';
import { createSettingsRepository } from '../../../src/storage';
import { forgeKvs } from '../../../src/storage/forge-kvs';
import { adoptDemoThemes } from './epic-themes';

const ROOT = resolve(import.meta.dirname, '../../..');

/** The demo's users: Ada administers everything, Pat browses TL and MOB, Nick browses MOB only. */
export const ADA = { accountId: '5f0c1a2b3c4d5e6f7a8b9c01' };
export const PAT = { accountId: '5f0c1a2b3c4d5e6f7a8b9c02' };
export const NICK = { accountId: '5f0c1a2b3c4d5e6f7a8b9c03' };
export type User = typeof ADA;

/** TL's themes (the demo's epics carry these ids). */
export const TL_THEMES = [
  { id: 'theme-onboarding', name: 'Effortless onboarding', horizon: 'now', targetPercent: 30, colour: 'blue' },
  { id: 'theme-insights', name: 'Decisions from data', horizon: 'next', targetPercent: 25, colour: 'teal' },
  { id: 'theme-collaboration', name: 'Work together', horizon: 'next', targetPercent: 20, colour: 'green' },
  { id: 'theme-platform', name: 'Trustworthy platform', horizon: 'now', targetPercent: 15, colour: 'purple' },
  { id: 'theme-mobile', name: 'Mobile first', horizon: 'later', targetPercent: 5, colour: 'orange' },
];

export type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export function bodyOf(result: InvocationResult): Answer<unknown> {
  if (!result.success) throw new Error(`the invocation failed: ${result.error.code} ${result.error.message}`);
  return result.body as Answer<unknown>;
}

export function valueOf(answer: Answer<unknown>): unknown {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

/** A gadget's extension as Jira gives it: its saved configuration, and 'edit' while it is configured. */
export const gadget = (configuration: unknown, entryPoint?: 'edit') => ({ gadgetConfiguration: configuration, dashboard: { id: '10100' }, gadget: { id: '10200' }, ...(entryPoint === undefined ? {} : { entryPoint }) });

export interface GadgetSite {
  readonly emulator: JiraEmulator;
  readonly runtime: ForgeRuntime;
  /** A resolver of the gadget `moduleKey`, as `user`, with the gadget's extension; its answer. */
  call(moduleKey: string, key: string, user: User, extension: Record<string, unknown>, payload?: unknown): Promise<Answer<unknown>>;
  close(): Promise<void>;
}

/** Each project's strategy to save: its id, vision statement and themes. */
export interface SavedStrategy {
  readonly projectId: string;
  readonly statement: string;
  readonly themes: readonly Readonly<Record<string, unknown>>[];
}

/** The demo site with the app, each strategy saved and TL's epics on their themes. */
export async function startGadgetSite(strategies: readonly SavedStrategy[]): Promise<GadgetSite> {
  const emulator = await startJiraEmulator({ dataset: join(ROOT, 'dev/demo-data/demo.json') });
  const runtime = await createForgeRuntime({ manifestPath: join(ROOT, 'manifest.yml'), jiraBaseUrl: emulator.url, memory: true, limits: { invocationTimeoutMs: 25_000 }, logger: { warn: () => undefined, error: () => undefined } });
  await runtime.runAs('app', async () => {
    const settings = createSettingsRepository(forgeKvs());
    for (const strategy of strategies) {
      await settings.save(strategy.projectId, 'strategy', { schemaVersion: 1, revision: 0, vision: { statement: strategy.statement, targetCustomers: '', goals: [] }, themes: strategy.themes }, { baseRevision: 0, actor: 'app' });
    }
  });
  await adoptDemoThemes(runtime, emulator, '10000');
  return {
    emulator,
    runtime,
    call: (moduleKey, key, user, extension, payload = {}) => runtime.invokeResolver(moduleKey, key, payload, user, extension).then(bodyOf),
    close: async () => {
      await runtime.close();
      await emulator.close();
    },
  };
}
