/**
 * What every issue-sidebar resolver shares: the issue in view, taken from `context.extension.issue`
 * (never from the payload) and always read from Jira AS THE USER, so a forged key or id answers
 * 'not-found' exactly like an issue that does not exist; Jira's failures in words; and the
 * project configuration from Forge storage.
 */
import { z } from 'zod';
import { createJiraClient } from '../jira';
import { forgeRequestJira } from '../jira/forge-request';
import { loadProjectConfiguration } from '../services/project-configuration';
import type { Repositories } from '../services/project-configuration';
import type { ConfigurationSource } from '../services/issue-score';
import { loadSiteFields } from '../services/site-fields';
import { configurationAfterUserRead } from '../services/first-view';
import type { SiteFields } from '../services/site-fields';
import { createEpicThemeStore, createProjectFieldsCache, createRecomputeStore, createSettingsRepository, createSiteCache } from '../storage';
import { forgeKvs } from '../storage/forge-kvs';
import { currentAppId } from '../events/platform';
import { ResolverError, failureInWords } from './failures';

export const NOT_FOUND_MESSAGE = "You can't see this issue, or it doesn't exist.";

const extensionSchema = z.looseObject({
  issue: z.looseObject({
    // An issue key (PROJ-123) or id; anything else cannot be an issue, so it is not one.
    key: z.string().max(300),
    id: z.union([z.string().max(30), z.number()]).optional(),
  }),
});

const ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/;
const ISSUE_ID = /^[1-9][0-9]{0,17}$/;

/** The issue in view, or a refusal in words. */
export function issueInView(context: Readonly<Record<string, unknown>>): string {
  const parsed = extensionSchema.safeParse(context.extension);
  if (!parsed.success) throw new ResolverError('bad-request', 'The sidebar works in an issue view: no issue is in view here.');
  const { key } = parsed.data.issue;
  const id = parsed.data.issue.id === undefined ? undefined : String(parsed.data.issue.id);
  if (ISSUE_KEY.test(key)) return key;
  if (id !== undefined && ISSUE_ID.test(id)) return id;
  throw new ResolverError('not-found', NOT_FOUND_MESSAGE);
}

/** The project id the view claims; never trusted, only used to start reads early (and checked). */
export function projectHintOf(context: Readonly<Record<string, unknown>>): string | undefined {
  const extension = context.extension;
  if (typeof extension !== 'object' || extension === null) return undefined;
  const project = (extension as { project?: unknown }).project;
  if (typeof project !== 'object' || project === null) return undefined;
  const id = (project as { id?: unknown }).id;
  const text = typeof id === 'number' ? String(id) : id;
  return typeof text === 'string' && /^[1-9][0-9]{0,17}$/.test(text) ? text : undefined;
}

export function timeZoneOf(context: Readonly<Record<string, unknown>>): string | undefined {
  return typeof context.timezone === 'string' ? context.timezone : undefined;
}

const HIDDEN_ISSUE = { code: 'not-found', message: NOT_FOUND_MESSAGE } as const;

/** A failure as the sidebar says it (./failures.ts): an issue hidden from the user and a missing one alike are 'not found'. */
export function inWords(error: unknown, what: string): never {
  throw failureInWords(error, { what, notFound: HIDDEN_ISSUE, forbidden: HIDDEN_ISSUE });
}

/** The repositories over Forge storage, made per invocation (module state is shared between tenants). */
export function forgeRepositories(): Repositories {
  const kvs = forgeKvs();
  return { settings: createSettingsRepository(kvs), recompute: createRecomputeStore(kvs), siteCache: createSiteCache(kvs), projectFields: createProjectFieldsCache(kvs), epicThemes: createEpicThemeStore(kvs) };
}

/**
 * The project's configuration (its default for what was never saved), for resolvers that ask for it
 * only after reading the issue as the user (readIssueForSidebar does): a project whose issues'
 * fields were never read is read as the app then (services/first-view.ts).
 */
export function storedConfiguration(repositories: Repositories = forgeRepositories()): ConfigurationSource {
  return configurationAfterUserRead(repositories, createJiraClient(forgeRequestJira('app')));
}

/** The project's configuration from storage alone: safe to ask before the user's read (getIssueScore reads in parallel). */
export function storedConfigurationOnly(repositories: Repositories = forgeRepositories()): ConfigurationSource {
  return (projectId, site) => loadProjectConfiguration(repositories, projectId, site);
}

/**
 * The site's field facts, from storage when fresh (no Jira call), else read as the app with the
 * app id and stored for the triggers too. Not as the user: a user's read cannot be cached (Jira
 * lists only the fields of the user's projects, and without the app id another app's field with
 * the same key may be taken). The field list is the same site metadata for every user and is not
 * answered to the user; what of it reaches an answer is what the cache gives every user anyway.
 */
export function cachedSiteFields(repositories: Repositories = forgeRepositories()): () => Promise<SiteFields> {
  return () => loadSiteFields(createJiraClient(forgeRequestJira('app')), repositories.siteCache, { appId: currentAppId() });
}

export { forgeRequestJira };
