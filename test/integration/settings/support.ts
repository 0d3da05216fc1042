/**
 * Shared by the settings and background integration tests: the demo site in the Jira emulator,
 * the app's real manifest in the local Forge runtime (KVS in memory), the demo's users, and
 * helpers to call the settings resolvers as the settings page would.
 */
import { join, resolve } from 'node:path';
import { createForgeRuntime } from '../../../dev/forge-runtime';
import type { ForgeRuntime, ForgeRuntimeOptions, InvocationResult, ResolverExtension } from '../../../dev/forge-runtime';
import { startJiraEmulator } from '../../../dev/jira-emulator';
import type { JiraEmulator, JiraEmulatorOptions } from '../../../dev/jira-emulator';
import type { Result } from '../../../src/contract';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const DEMO = join(ROOT, 'dev/demo-data/demo.json');

/** Administers TL and MOB. */
export const ADA = { accountId: '5f0c1a2b3c4d5e6f7a8b9c01', timezone: 'Europe/London' };
/** Browses and edits TL, browses MOB; administers nothing. */
export const PAT = { accountId: '5f0c1a2b3c4d5e6f7a8b9c02', timezone: 'Europe/Berlin' };
/** Browses MOB only. */
export const NICK = { accountId: '5f0c1a2b3c4d5e6f7a8b9c03' };
export type User = typeof ADA | typeof PAT | typeof NICK;

export const TL = { id: '10000', key: 'TL', type: 'software' };
export const MOB = { id: '10001', key: 'MOB', type: 'software' };
export const SCORE_FIELD = 'customfield_10100';
export const READINESS_FIELD = 'customfield_10101';
export const READINESS_PROPERTY = 'throughline.readiness';

/** The settings page's module until its own (jira:projectSettingsPage) is declared: the same `resolver` function. */
export const SETTINGS_MODULE = 'project-settings';

export interface Site {
  readonly emulator: JiraEmulator;
  readonly runtime: ForgeRuntime;
  close(): Promise<void>;
}

export async function startSite(options: { emulator?: Partial<JiraEmulatorOptions>; runtime?: Partial<ForgeRuntimeOptions> } = {}): Promise<Site> {
  const emulator = await startJiraEmulator({ dataset: DEMO, ...options.emulator });
  const runtime = await createForgeRuntime({
    manifestPath: join(ROOT, 'manifest.yml'),
    jiraBaseUrl: emulator.url,
    memory: true,
    jiraEvents: emulator.state,
    logger: { warn: () => undefined, error: () => undefined },
    ...options.runtime,
    limits: { ...options.runtime?.limits, delivery: { timeScale: 0.001, ...options.runtime?.limits?.delivery } },
  });
  return {
    emulator,
    runtime,
    close: async () => {
      await runtime.close();
      await emulator.close();
    },
  };
}

export function bodyOf(result: InvocationResult): unknown {
  if (!result.success) throw new Error(`the invocation failed: ${result.error.code} ${result.error.message}`);
  return result.body;
}

/** Calls a settings resolver as `user`, on the settings page of `project` (null: no project in view). */
export async function callSettings<T = unknown>(site: Site, key: string, payload: unknown, user: User = ADA, project: Record<string, unknown> | null = TL): Promise<Result<T>> {
  // Forged contexts (odd ids, no key) are what some tests send on purpose.
  const extension = (project === null ? {} : { project }) as ResolverExtension;
  return bodyOf(await site.runtime.invokeResolver(SETTINGS_MODULE, key, payload, user, extension)) as Result<T>;
}

/** The value of an ok result, or a failure that says what came back. */
export function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A RICE configuration over the demo's fields. */
export const RICE_CONFIG = {
  version: 1,
  model: {
    type: 'rice',
    inputs: {
      reach: { kind: 'number', fieldId: 'customfield_10053' },
      impact: { kind: 'select', fieldId: 'customfield_10054', options: { 'Minimal (0.25)': 0.25, 'Low (0.5)': 0.5, 'Medium (1)': 1, 'High (2)': 2, 'Massive (3)': 3 } },
      confidence: { kind: 'number', fieldId: 'customfield_10055' },
      effort: { kind: 'number', fieldId: 'customfield_10056' },
    },
  },
  multiplyByStrategicWeight: true,
};

/** WSJF over the demo's SAFe fields, risk reduction through its select options. */
export const WSJF_CONFIG = {
  version: 1,
  model: {
    type: 'wsjf',
    inputs: {
      businessValue: { kind: 'number', fieldId: 'customfield_10050' },
      timeCriticality: { kind: 'number', fieldId: 'customfield_10051' },
      riskReduction: { kind: 'select', fieldId: 'customfield_10052', options: { None: 0, Low: 1, Medium: 3, High: 8, Critical: 13 } },
      jobSize: { kind: 'number', fieldId: 'customfield_10016' },
    },
  },
  multiplyByStrategicWeight: true,
};
