/**
 * Shared by the rollup property and fault tests: the demo site with Jira's product events held by
 * the test (not delivered at once) so that they can be delivered late, twice, shuffled or never;
 * the vision map as the page reads it; a from-scratch grouping of the project's stories to compare
 * the stored rollups with; a dataset variant with an issue security scheme.
 */
import { createForgeRuntime } from '../../../dev/forge-runtime';
import type { ForgeRuntime, JiraChange, ResolverExtension } from '../../../dev/forge-runtime';
import { startJiraEmulator } from '../../../dev/jira-emulator';
import type { DatasetInput, JiraEmulator, JiraEmulatorOptions } from '../../../dev/jira-emulator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectPageProject, VisionMapChunkView, VisionMapView } from '../../../src/contract';
import { mergeVisionMap } from '../../../static/project-page/src/vision-merge';
import type { RollupMember } from '../../../src/domain/strategy/rollup';
import { currentAppId } from '../../../src/events/platform';
import { createJiraClient } from '../../../src/jira';
import { forgeRequestJira } from '../../../src/jira/forge-request';
import { loadProjectConfiguration } from '../../../src/services/project-configuration';
import { readSnapshot } from '../../../src/services/project-page';
import { projectJql } from '../../../src/services/queries';
import { placementOf } from '../../../src/services/rollups';
import { loadSiteFields } from '../../../src/services/site-fields';
import { createEpicThemeStore, createSiteCache } from '../../../src/storage';
import { forgeKvs, forgeStorage } from '../../../src/storage/forge-kvs';
import type { RollupState } from '../../../src/storage';
import { ADA, DEMO, ROOT, callSettings, valueOf } from '../settings/support';
import type { User } from '../settings/support';

export interface HeldSite {
  readonly emulator: JiraEmulator;
  readonly runtime: ForgeRuntime;
  /** Product events Jira sent since the last `take()`, in the order it sent them. */
  take(): JiraChange[];
  /** Delivers one event to the app's triggers (as Forge would), resolving when it settled. */
  deliver(change: JiraChange): Promise<void>;
  close(): Promise<void>;
}

/** The demo site whose product events wait in a list until the test delivers them. */
export async function startHeldSite(options: { emulator?: Partial<JiraEmulatorOptions> } = {}): Promise<HeldSite> {
  const emulator = await startJiraEmulator({ dataset: DEMO, ...options.emulator });
  // No `jiraEvents`: the triggers are not subscribed to the emulator; the test delivers.
  const runtime = await createForgeRuntime({
    manifestPath: join(ROOT, 'manifest.yml'),
    jiraBaseUrl: emulator.url,
    memory: true,
    logger: { warn: () => undefined, error: () => undefined },
    limits: { delivery: { timeScale: 0.001 } },
  });
  let held: JiraChange[] = [];
  // Copied at once, as the runtime's dispatcher does: the emulator's objects keep changing.
  const stop = emulator.state.onChange((change) => held.push(JSON.parse(JSON.stringify(change)) as JiraChange));
  return {
    emulator,
    runtime,
    take: () => {
      const taken = held;
      held = [];
      return taken;
    },
    deliver: async (change) => {
      await runtime.fireTrigger(change);
    },
    close: async () => {
      stop();
      await runtime.close();
      await emulator.close();
    },
  };
}

/** Only the events the app's triggers subscribe to (issue and link changes). */
export function isProductEvent(change: JiraChange): boolean {
  return change.eventType.startsWith('avi:jira:') && (change.eventType.endsWith(':issue') || change.eventType.endsWith(':issuelink'));
}

type RuntimeOf = Pick<HeldSite, 'runtime'>;

export async function visionMap(site: RuntimeOf, user: User = ADA, project: ProjectPageProject): Promise<VisionMapView> {
  const result = await site.runtime.invokeResolver('project-page', 'getVisionOutline', {}, user, { project } as ResolverExtension);
  if (!result.success) throw new Error(result.error.message);
  const answer = result.body as { ok: boolean; value: VisionMapView; error?: { message: string } };
  if (!answer.ok) throw new Error(answer.error?.message);
  return answer.value;
}

/**
 * The map as the page shows it: the outline, and when it is not complete (counting live) every
 * chunk of counts after it, merged as the page merges them.
 */
export async function pageMap(site: RuntimeOf, user: User, project: ProjectPageProject): Promise<{ map: VisionMapView; chunks: VisionMapChunkView[] }> {
  const outline = await visionMap(site, user, project);
  if (outline.complete) return { map: outline, chunks: [] };
  const chunks: VisionMapChunkView[] = [];
  let after: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const chunk = await projectPageCall<VisionMapChunkView>(site, 'getVisionMapChunk', after === undefined ? {} : { after }, project, user);
    chunks.push(chunk);
    if (chunk.next === null) break;
    after = chunk.next;
  }
  return { map: mergeVisionMap(outline, chunks, true), chunks };
}

/** What the rollups and a from-scratch count must agree on (as in rollups.test.ts). */
export function counted(map: VisionMapView) {
  return {
    epics: map.epics.map(({ key, count, points, readiness, themeId, themeState, score }) => ({ key, count, points, readiness, themeId, themeState, score })),
    allocation: map.allocation,
    totals: map.totals,
  };
}

export async function recount(site: RuntimeOf & { readonly emulator?: unknown }): Promise<void> {
  valueOf(await callSettings(site as never, 'recomputeNow', {}));
  await site.runtime.whenIdle();
}

export async function projectPageCall<T>(site: RuntimeOf, key: string, payload: unknown, project: ProjectPageProject, user: User = ADA): Promise<T> {
  const result = await site.runtime.invokeResolver('project-page', key, payload, user, { project } as ResolverExtension);
  if (!result.success) throw new Error(result.error.message);
  const answer = result.body as { ok: boolean; value: T; error?: { code: string; message: string } };
  if (!answer.ok) throw new Error(`${key}: ${answer.error?.code ?? ''} ${answer.error?.message ?? ''}`);
  return answer.value;
}

/** Adds themes to the project's strategy (as ADA on the project page, from a strategy never saved); returns their ids. */
export async function addThemes(site: RuntimeOf, project: ProjectPageProject, names: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  let revision = 0;
  for (const [i, name] of names.entries()) {
    const id = `theme-${String(i + 1)}`;
    const saved = await projectPageCall<{ revision: number }>(site, 'editStrategy', { baseRevision: revision, edit: { kind: 'add-theme', theme: { id, name, horizon: 'now', targetPercent: 20 + i * 10, strategicWeight: 1 + i } } }, project);
    revision = saved.revision;
    ids.push(id);
  }
  return ids;
}

export async function setEpicTheme(site: RuntimeOf, project: ProjectPageProject, epicKey: string, themeId: string | null): Promise<void> {
  await projectPageCall(site, 'setEpicTheme', { epicKey, themeId }, project);
}

export type Groups = Map<string, Record<string, RollupMember>>;

/** The project's stories grouped and evaluated from scratch (every issue read and evaluated now, as `user`). */
export function groupsFromScratch(runtime: ForgeRuntime, project: ProjectPageProject, user: User = ADA): Promise<Groups> {
  return runtime.runAs(user, async () => {
    const jira = createJiraClient(forgeRequestJira('user'));
    const site = await loadSiteFields(createJiraClient(forgeRequestJira('app')), createSiteCache(forgeKvs()), { appId: currentAppId() });
    // As the app builds it: a project nobody configured scores with the fields its issues carry.
    const configuration = await loadProjectConfiguration(forgeStorage(), project.id, site);
    const snapshot = await readSnapshot(jira, configuration, site, createEpicThemeStore(forgeKvs()), projectJql(project.id), new Date());
    const groups: Groups = new Map();
    for (const issue of snapshot.issues) {
      const evaluation = snapshot.evaluations.get(issue.key);
      if (evaluation === undefined) continue;
      const placement = placementOf(issue, evaluation, configuration, project.id);
      if (placement === undefined) continue;
      const members = groups.get(placement.groupId) ?? {};
      members[placement.issueId] = placement.member;
      groups.set(placement.groupId, members);
    }
    return groups;
  });
}

/** The groups the app holds for the project (every group its index names, read in full). */
export function storedGroups(runtime: ForgeRuntime, projectId: string): Promise<{ groups: Groups; state: RollupState | undefined; versions: Map<string, number> }> {
  return runtime.runAs('app', async () => {
    const rollups = forgeStorage().rollups;
    const index = await rollups.readIndex(projectId);
    const groups: Groups = new Map();
    const versions = new Map<string, number>();
    for (const groupId of index.keys()) {
      const record = await rollups.loadGroup(projectId, groupId);
      if (record === undefined) continue;
      versions.set(groupId, record.version);
      if (Object.keys(record.members).length > 0) groups.set(groupId, { ...record.members });
    }
    return { groups, state: await rollups.loadState(projectId), versions };
  });
}

/** Groups as sorted plain data, for `toEqual` with readable diffs. */
export function plain(groups: Groups): Record<string, Record<string, RollupMember>> {
  const out: Record<string, Record<string, RollupMember>> = {};
  for (const id of [...groups.keys()].sort()) {
    const members = groups.get(id) ?? {};
    out[id] = Object.fromEntries(Object.keys(members).sort().map((key) => [key, members[key] as RollupMember]));
  }
  return out;
}

/** The demo dataset as JSON, to build variants of. */
function demoJson(): DatasetInput & { projects: Record<string, unknown>[]; issues: { key: string; fields: Record<string, unknown> }[] } {
  return JSON.parse(readFileSync(DEMO, 'utf8')) as DatasetInput & { projects: Record<string, unknown>[]; issues: { key: string; fields: Record<string, unknown> }[] };
}

/** The Epic Link field of the demo (a company-managed project's older link to its epic). */
export const EPIC_LINK_FIELD = 'customfield_10014';

/**
 * The demo without Epic Link values: only `parent` links a story to its epic. Jira Cloud keeps the
 * two in step (clearing or changing the parent clears or changes the Epic Link; deleting an epic
 * clears its stories' Epic Link); the emulator changes `parent` only and leaves the Epic Link
 * naming the former epic, which a random walk of re-parentings would turn into stories linked two
 * ways at once, something no Jira site holds.
 */
export function demoWithoutEpicLinks(): DatasetInput {
  const dataset = demoJson();
  return { ...dataset, issues: dataset.issues.map((issue) => ({ ...issue, fields: Object.fromEntries(Object.entries(issue.fields).filter(([field]) => field !== EPIC_LINK_FIELD)) })) } as DatasetInput;
}

/** The security scheme of `securedDemo`: level "Restricted" seen by ADA only. */
export const SECURITY_SCHEME = { id: '10500', levelId: '10600', levelName: 'Restricted' };

/** The demo dataset with an issue security scheme on TL (level "Restricted": ADA is a member, PAT not). */
export function securedDemo(): DatasetInput {
  const dataset = demoJson();
  return {
    ...dataset,
    projects: dataset.projects.map((project) => (project.key === 'TL' ? { ...project, issueSecuritySchemeId: SECURITY_SCHEME.id } : project)),
    issueSecuritySchemes: [{ id: SECURITY_SCHEME.id, name: 'TL security', levels: [{ id: SECURITY_SCHEME.levelId, name: SECURITY_SCHEME.levelName, members: [ADA.accountId] }] }],
  };
}

/** Where two plain values differ, as `path: left ≠ right` lines (at most `limit`), for messages a property test can print. */
export function differences(left: unknown, right: unknown, limit = 20, path = ''): string[] {
  if (JSON.stringify(left) === JSON.stringify(right)) return [];
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
  if (!isObject(left) || !isObject(right)) return [`${path || '(root)'}: ${JSON.stringify(left)} ≠ ${JSON.stringify(right)}`];
  const out: string[] = [];
  for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
    if (out.length >= limit) break;
    const label = Array.isArray(left) && isObject(left[Number(key)]) && typeof (left[Number(key)] as Record<string, unknown>).key === 'string' ? `${key}(${String((left[Number(key)] as Record<string, unknown>).key)})` : key;
    out.push(...differences(left[key], right[key], limit - out.length, path === '' ? label : `${path}.${label}`));
  }
  return out;
}

/** Fails with the differences between what was kept and what a from-scratch count says. */
export function expectSame(what: string, kept: unknown, fromScratch: unknown): void {
  const found = differences(kept, fromScratch);
  if (found.length > 0) throw new Error(`${what} differs from a from-scratch count (kept ≠ from scratch):\n${found.join('\n')}`);
}
