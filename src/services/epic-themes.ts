/**
 * Attaching an epic to a theme, and keeping the epic's `throughline.theme` property (the JQL
 * index of it) in line with what the app stored.
 *
 * The truth is the app's storage (src/storage/epic-themes.ts): only a project admin or a product
 * manager of the project attaches (the resolver checks that first), and what they attached is
 * stored there. The property is then written as the app, so that JQL
 * (`issue.property[throughline.theme].themeId = "…"`) finds the epics of a theme; someone who
 * writes the property directly changes no weight, alignment or readiness, and the app's next
 * recompute of the project puts the property back (services/recompute.ts).
 *
 * Upgrading from versions that kept the theme only in the property: the first recompute of a
 * project that a project admin starts from the settings page (a save, an import, "Recompute now")
 * adopts the properties found on the project's epics once, when they name a theme of the
 * project's strategy; the admin starting it vouches for them. After that, properties are never
 * adopted again, whoever wrote them.
 */
import { isThemeId } from '../domain/strategy';
import { issueTypeOf, isRecord } from '../domain/jira-issue';
import { deleteIssueProperty, isJiraError, searchPages, setIssueProperty } from '../jira';
import type { JiraClient } from '../jira';
import type { EpicThemeStore } from '../storage';
import type { ProjectConfiguration } from './project-configuration';
import { indexedEpicsJql } from './queries';
import { THEME_PROPERTY_KEY } from './site-fields';

export interface EpicAttachRequest {
  readonly projectId: string;
  readonly epicId: string;
  readonly epicKey: string;
  /** Null: the epic serves no theme any more. */
  readonly themeId: string | null;
  /** The account id of the admin or product manager (already checked by the caller). */
  readonly by: string;
  readonly now?: Date;
}

/**
 * Writes the epic's theme property as the user, then stores the attachment. The caller has
 * checked that the user may attach in this project (an admin or a product manager) and that the
 * epic is an epic of it; writing the property as the user is also Jira's check that they may edit
 * the epic (a refusal throws, and nothing is stored). Should storing fail after the property was
 * written, the property disagrees with storage and the next recompute puts it back.
 */
export async function attachEpicTheme(userJira: JiraClient, store: EpicThemeStore, request: EpicAttachRequest): Promise<void> {
  await writeThemeIndex(userJira, request.epicKey, request.themeId === null ? null : { themeId: request.themeId });
  if (request.themeId === null) await store.detach(request.projectId, request.epicId);
  else await store.attach(request.projectId, request.epicId, { themeId: request.themeId, epicKey: request.epicKey, attachedBy: request.by, attachedAt: (request.now ?? new Date()).toISOString() });
}

/** Sets (or removes) an epic's theme property as given; an epic deleted meanwhile needs nothing. */
export async function writeThemeIndex(appJira: JiraClient, epicIdOrKey: string, value: { readonly themeId: string } | null): Promise<void> {
  try {
    if (value === null) await deleteIssueProperty(appJira, epicIdOrKey, THEME_PROPERTY_KEY);
    else await setIssueProperty(appJira, epicIdOrKey, THEME_PROPERTY_KEY, value);
  } catch (error: unknown) {
    if (!isJiraError(error) || error.kind !== 'not-found') throw error;
  }
}

/**
 * The one-off adoption (see the file comment), as the app, for a recompute a project admin
 * started: every epic of the project whose property names a theme of the strategy, and which has
 * no stored attachment yet, is stored as attached by `import:<admin>`. Ids that are not theme ids
 * (too long, markup) or name no theme of the strategy are not adopted; the recompute then removes
 * them from the epic. Returns how many were adopted.
 */
export async function adoptThemeIndex(appJira: JiraClient, store: EpicThemeStore, configuration: ProjectConfiguration, admin: string, now: Date = new Date()): Promise<number> {
  const themes = new Set(configuration.strategy.themes.map((theme) => theme.id));
  const stored = await store.listProject(configuration.projectId);
  let adopted = 0;
  for await (const page of searchPages(appJira, { jql: indexedEpicsJql(configuration.projectId, THEME_PROPERTY_KEY), fields: ['issuetype', 'project'], properties: [THEME_PROPERTY_KEY], pageSize: 100 })) {
    const writes: Promise<void>[] = [];
    for (const epic of page.issues) {
      if ((issueTypeOf(epic.fields)?.hierarchyLevel ?? 0) < 1 || stored.has(epic.id)) continue;
      const project = epic.fields.project;
      if (!isRecord(project) || project.id !== configuration.projectId) continue;
      const value = epic.properties?.[THEME_PROPERTY_KEY];
      const themeId = isRecord(value) ? value.themeId : undefined;
      if (!isThemeId(themeId) || !themes.has(themeId)) continue;
      writes.push(store.attach(configuration.projectId, epic.id, { themeId, epicKey: epic.key, attachedBy: `import:${admin}`, attachedAt: now.toISOString() }));
      adopted++;
    }
    await Promise.all(writes);
  }
  await store.markImported(configuration.projectId, admin, now);
  return adopted;
}
