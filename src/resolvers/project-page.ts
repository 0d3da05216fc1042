/**
 * The project page's resolvers. The project comes from `context.extension.project` (what Jira is
 * showing), never from the payload, and is re-verified as the user (`mypermissions`): a user who
 * cannot browse it, or a forged id, learns nothing. Every read and every write goes to Jira AS THE
 * USER; only the app's own storage (the strategy) is written by the app, after the resolver checked
 * that the user is a project admin or a product manager of the project.
 */
import { z } from 'zod';
import type { EpicThemePayload, ProjectPageProject, ProjectStrategyView, SprintReadinessView, VisionMapChunkView, VisionMapView } from '../contract';
import { applyEdit, canEditStrategy, parseStrategyEdit } from '../domain/strategy';
import type { StrategyEdit } from '../domain/strategy';
import { issueTypeOf, isRecord } from '../domain/jira-issue';
import { approximateCount, createJiraClient, getIssue, isJiraError } from '../jira';
import type { JiraClient } from '../jira';
import { forgeRequestJira } from '../jira/forge-request';
import { createEpicThemeStore, createProjectFieldsCache, createSettingsRepository, createSiteCache } from '../storage';
import { forgeKvs, forgeStorage } from '../storage/forge-kvs';
import { securedIssuesJql } from '../services/queries';

import { currentAppId, forgeQueue } from '../events/platform';
import { requestRecompute } from '../services/recompute';
import { documentDefaults } from '../services/default-configuration';
import { configurationOf } from '../services/project-configuration';
import { projectDefaultsOf } from '../services/project-fields';
import type { ProjectConfiguration } from '../services/project-configuration';
import { DEFAULT_TOP, PAGE_SIZE, countingLive, visionMapFromRollups, projectAccess, readEpicsSnapshot, sprintReadinessOf, strategyView, visionChunkOf, visionMapOf } from '../services/project-page';
import type { ProjectAccess } from '../services/project-page';
import { loadSiteFields } from '../services/site-fields';
import { attachEpicTheme } from '../services/epic-themes';
import type { SiteFields } from '../services/site-fields';
import { resolverOf } from './envelope';
import { ResolverError, failureInWords, refusedPayload } from './failures';
import { callerOf } from './permissions';
import { viewerLocale } from '../services/viewer-numbers';

export const NO_PROJECT_MESSAGE = "You don't have access to this project, or it doesn't exist. Ask a project admin for the Browse projects permission.";
export const NOT_EDITOR_MESSAGE = 'Only project admins and the product managers of this project can change the vision, the themes and which theme an epic serves.';

const extensionSchema = z.looseObject({
  project: z.looseObject({ id: z.union([z.string(), z.number()]), key: z.string().max(300).optional() }),
});

const PROJECT_ID = /^[1-9][0-9]{0,17}$/;
const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,254}$/;
const ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/;

/** The project in view, in shape; whether the user may see it is checked with Jira next. */
function projectInView(context: Readonly<Record<string, unknown>>): ProjectPageProject {
  const parsed = extensionSchema.safeParse(context.extension);
  if (!parsed.success) throw new ResolverError('bad-request', 'The project page is shown in a project: no project is in view here.');
  const id = String(parsed.data.project.id);
  const key = parsed.data.project.key ?? '';
  if (!PROJECT_ID.test(id) || (key !== '' && !PROJECT_KEY.test(key))) throw new ResolverError('not-found', NO_PROJECT_MESSAGE);
  return { id, key };
}

/** A failure as the project page says it (./failures.ts): a project hidden from the user reads as not found. */
export function jiraFailure(error: unknown, what: string): never {
  throw failureInWords(error, { what, notFound: { code: 'not-found', message: NO_PROJECT_MESSAGE } });
}

export interface Scope {
  readonly jira: JiraClient;
  readonly project: ProjectPageProject;
  readonly access: ProjectAccess;
  readonly accountId: string;
}

/** The project in view, re-checked as the user: a user who cannot browse it gets 'not-found'. */
export async function scopeOf(context: Readonly<Record<string, unknown>>): Promise<Scope> {
  return scopeChecked(startScope(context));
}

export interface PendingScope {
  readonly jira: JiraClient;
  readonly project: ProjectPageProject;
  readonly accountId: string;
  readonly access: Promise<ProjectAccess>;
}

/** The project and user in shape, and the permission check under way (not yet awaited). */
export function startScope(context: Readonly<Record<string, unknown>>): PendingScope {
  const project = projectInView(context);
  const accountId = callerOf(context);
  const jira = createJiraClient(forgeRequestJira('user'));
  const access = projectAccess(jira, project.id);
  access.catch(() => undefined);
  return { jira, project, accountId, access };
}

export async function scopeChecked(pending: PendingScope): Promise<Scope> {
  let access: ProjectAccess;
  try {
    access = await pending.access;
  } catch (error: unknown) {
    jiraFailure(error, 'your permissions');
  }
  if (!access.canBrowse) throw new ResolverError('not-found', NO_PROJECT_MESSAGE);
  return { jira: pending.jira, project: pending.project, access, accountId: pending.accountId };
}

const settings = () => createSettingsRepository(forgeKvs());
/** Which theme each epic serves: the app's storage, read per invocation. */
export const epicThemes = () => createEpicThemeStore(forgeKvs());

/** The site's field facts: cached, or read as the app with the app id and cached (see issue-context's cachedSiteFields). */
export async function siteOf(): Promise<SiteFields> {
  return loadSiteFields(createJiraClient(forgeRequestJira('app')), createSiteCache(forgeKvs()), { appId: currentAppId() });
}

/** The project's configuration: what was saved, else its default (from the fields its issues carry, as stored: services/project-fields.ts). */
export async function configurationFor(projectId: string, site: SiteFields): Promise<ProjectConfiguration> {
  const project = await projectDefaultsOf(createProjectFieldsCache(forgeKvs()), projectId, site);
  return configurationOf(projectId, await settings().loadAll(projectId, documentDefaults(site, project)), site, project);
}

function canEdit(scope: Scope, configuration: ProjectConfiguration): boolean {
  const managers = [...configuration.productManagers, ...(configuration.strategy.productManagers ?? [])];
  return canEditStrategy({ accountId: scope.accountId, isProjectAdmin: scope.access.isAdmin }, { productManagers: managers });
}

const noPayload = z.strictObject({});

/**
 * The vision map. Where the app's rollups may be shown (the project has been counted, and no issue
 * of it has a security level that could hide it from this viewer), the whole map in one call,
 * complete; otherwise the outline (themes and epics), complete: false, and the page counts live,
 * as the user, through getVisionMapChunk.
 */
export const getVisionOutlineResolver = resolverOf(noPayload, async (_payload, context): Promise<VisionMapView> => {
  // The epics are read (as the user) while the permission check runs; nothing read is used, or
  // said, unless the check passes.
  const pending = startScope(context);
  const projectId = pending.project.id;
  const read = (async () => {
    const site = await siteOf();
    const configuration = await configurationFor(projectId, site);
    const storage = forgeStorage();
    const [index, state, run] = await Promise.all([storage.rollups.readIndex(projectId), storage.rollups.loadState(projectId), storage.recompute.load(projectId)]);
    // The rollups say roughly how many epics have stories: more than a page, and their keys are read at once.
    const manyEpics = [...index.keys()].filter((group) => group.startsWith('epic:')).length > PAGE_SIZE;
    const snapshot = await readEpicsSnapshot(pending.jira, configuration, site, epicThemes(), projectId, new Date(), { manyEpics });
    return { configuration, snapshot, index, state, run: run?.progress ?? null };
  })();
  read.catch(() => undefined);
  const scope = await scopeChecked(pending);
  try {
    // As the app, only now that the user may browse the project: a yes or no, never shown as a count.
    const secured = usesIssueSecurity(projectId);
    const { configuration, snapshot, index, state, run } = await read;
    const editable = canEdit(scope, configuration);
    let reason: 'issue-security' | 'not-counted-yet' | 'too-large' | undefined;
    if (await secured) reason = 'issue-security';
    else if (state === undefined || state.reconciledAt === null) reason = 'not-counted-yet';
    else if (state.overflow.length > 0) reason = 'too-large';
    if (reason === undefined && state !== undefined) return await visionMapFromRollups(scope.jira, scope.project, editable, configuration, snapshot, { index, state, run }, viewerLocale(context));
    if (reason === 'not-counted-yet' && run?.status !== 'running') {
      // The first count, so that the next visit opens at once; its progress shows on the page.
      await requestRecompute(forgeStorage(), forgeQueue(), { projectId, reason: 'the first count for the project page', requestedBy: scope.accountId });
    }
    return { ...visionMapOf(scope.project, editable, configuration, snapshot, false, viewerLocale(context)), counting: countingLive(reason ?? 'not-counted-yet') };
  } catch (error: unknown) {
    jiraFailure(error, 'the vision map');
  }
});

/** Whether any issue of the project has a security level (asked as the app); true when Jira cannot say. */
export async function usesIssueSecurity(projectId: string): Promise<boolean> {
  try {
    return (await approximateCount(createJiraClient(forgeRequestJira('app')), securedIssuesJql(projectId))) > 0;
  } catch {
    // Fail closed: counting live as the user never shows what they may not see.
    return true;
  }
}

const chunkPayload = z.strictObject({ after: z.string().regex(ISSUE_KEY, { error: 'must be an issue key such as TL-12' }).optional() });

/** One chunk of the vision map's counts (≤ CHUNK_PAGES searches): the page calls them in sequence. */
export const getVisionMapChunkResolver = resolverOf(chunkPayload, async (payload, context): Promise<VisionMapChunkView> => {
  const scope = await scopeOf(context);
  try {
    const site = await siteOf();
    const configuration = await configurationFor(scope.project.id, site);
    return await visionChunkOf(scope.jira, configuration, site, epicThemes(), scope.project.id, payload.after, new Date());
  } catch (error: unknown) {
    jiraFailure(error, 'the vision map');
  }
});

const sprintPayload = z.strictObject({ top: z.int().min(1).max(200).optional() });

export const getSprintReadinessResolver = resolverOf(sprintPayload, async (payload, context): Promise<SprintReadinessView> => {
  const scope = await scopeOf(context);
  try {
    const site = await siteOf();
    const configuration = await configurationFor(scope.project.id, site);
    return await sprintReadinessOf(scope.jira, { project: scope.project, configuration, site, epicThemes: epicThemes(), top: payload.top ?? DEFAULT_TOP, now: new Date(), locale: viewerLocale(context) });
  } catch (error: unknown) {
    jiraFailure(error, 'sprint readiness');
  }
});

type EditKind = StrategyEdit['kind'];

/**
 * The edits the project page may not send, each with its own reason: product managers and whole
 * strategies belong to the settings page, and a theme is archived rather than removed.
 */
const NOT_ON_THIS_PAGE: Readonly<Partial<Record<EditKind, string>>> = {
  'remove-theme': 'Themes are archived, not removed, on the project page: archive the theme instead, so the epics attached to it keep showing where they came from.',
  'set-product-managers': 'The project page changes the vision and the themes only; product managers are set in the project settings.',
  replace: 'The project page changes the vision and the themes one at a time; a whole strategy is imported in the project settings.',
};

const editPayload = z.strictObject({ baseRevision: z.int().min(0), edit: z.unknown() });

export const editStrategyResolver = resolverOf(editPayload, async (payload, context): Promise<ProjectStrategyView> => {
  const scope = await scopeOf(context);
  const parsed = parseStrategyEdit(payload.edit);
  if (!parsed.ok) throw new ResolverError('bad-request', refusedPayload(parsed.issues, 'edit'));
  const elsewhere = NOT_ON_THIS_PAGE[parsed.edit.kind];
  if (elsewhere !== undefined) throw new ResolverError('bad-request', elsewhere);
  try {
    const site = await siteOf();
    const configuration = await configurationFor(scope.project.id, site);
    if (!canEdit(scope, configuration)) throw new ResolverError('forbidden', NOT_EDITOR_MESSAGE);
    const stored = configuration.documents.strategy;
    if (stored.status === 'unreadable') throw new ResolverError(stored.newer ? 'bad-request' : 'internal', stored.message);
    const applied = applyEdit(stored.value, parsed.edit, payload.baseRevision);
    if (!applied.ok) {
      const code = applied.error.code === 'stale' ? 'stale' : applied.error.code === 'not-found' ? 'not-found' : 'bad-request';
      const first = applied.error.errors?.[0];
      throw new ResolverError(code, first === undefined ? applied.error.message : `${applied.error.message} ${first.path === '' ? '' : `(${first.path}) `}${first.message}`.trim());
    }
    const saved = await settings().save(scope.project.id, 'strategy', applied.strategy, { baseRevision: payload.baseRevision, actor: scope.accountId });
    // A theme's weight or state flows down to the scores of its stories: recompute in the background.
    if (parsed.edit.kind === 'update-theme') {
      await requestRecompute(forgeStorage(), forgeQueue(), { projectId: scope.project.id, reason: 'a theme changed', requestedBy: scope.accountId });
    }
    return strategyView(saved.value);
  } catch (error: unknown) {
    if (error instanceof ResolverError) throw error;
    jiraFailure(error, 'the strategy');
  }
});

const epicThemePayload = z.strictObject({
  epicKey: z.string().regex(ISSUE_KEY, { error: 'must be an issue key such as TL-12' }),
  themeId: z.string().min(1).max(64).nullable(),
});

export const setEpicThemeResolver = resolverOf(epicThemePayload, async (payload, context): Promise<EpicThemePayload> => {
  const scope = await scopeOf(context);
  try {
    const site = await siteOf();
    const configuration = await configurationFor(scope.project.id, site);
    if (!canEdit(scope, configuration)) throw new ResolverError('forbidden', NOT_EDITOR_MESSAGE);
    if (payload.themeId !== null) {
      const theme = configuration.strategy.themes.find((candidate) => candidate.id === payload.themeId);
      if (theme === undefined) throw new ResolverError('not-found', 'That theme is no longer in the strategy; someone may have removed it. Reload the page.');
      if (theme.archived) throw new ResolverError('bad-request', `The theme "${theme.name}" is archived: attach the epic to an active theme, or restore the theme first.`);
    }
    // The epic, read as the user: it must be an epic of this project.
    let epic;
    try {
      epic = await getIssue(scope.jira, payload.epicKey, { fields: ['project', 'issuetype'] });
    } catch (error: unknown) {
      if (isJiraError(error) && (error.kind === 'not-found' || error.kind === 'forbidden')) throw new ResolverError('not-found', `You can't see ${payload.epicKey}, or it doesn't exist.`);
      throw error;
    }
    const project = epic.fields.project;
    const projectId = isRecord(project) ? String(project.id) : '';
    if (projectId !== scope.project.id) throw new ResolverError('bad-request', `${payload.epicKey} is not in this project (it may have been moved); reload the page.`);
    if ((issueTypeOf(epic.fields)?.hierarchyLevel ?? 0) < 1) throw new ResolverError('bad-request', `${payload.epicKey} is not an epic: only epics are attached to themes; stories inherit their epic's theme.`);
    // The user may attach here (canEdit) and sees the epic: its JQL index is written as the user
    // (Jira refuses someone who may not edit the epic), then the attachment is stored as the
    // app's own record, the only one the app reads.
    try {
      await attachEpicTheme(scope.jira, epicThemes(), { projectId: scope.project.id, epicId: epic.id, epicKey: epic.key, themeId: payload.themeId, by: scope.accountId });
    } catch (error: unknown) {
      if (isJiraError(error) && error.kind === 'forbidden') {
        throw new ResolverError('forbidden', `Jira refused to change ${epic.key}: you may not edit this epic. ${error.message}`);
      }
      throw error;
    }
    // Attaching fires no Jira event, so the stories that inherit the epic's theme (and its
    // strategic weight) are recomputed through the queue here.
    await forgeQueue().push({ kind: 'epic-children', projectId: scope.project.id, epicKey: epic.key });
    return { epicKey: epic.key, themeId: payload.themeId };
  } catch (error: unknown) {
    if (error instanceof ResolverError) throw error;
    jiraFailure(error, 'the epic');
  }
});
