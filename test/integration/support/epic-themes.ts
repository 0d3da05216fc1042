/**
 * For tests on the demo data: the demo's epics carry their themes as `throughline.theme`
 * properties, as sites did before the app kept epic → theme in its own storage. This adopts them
 * the way an upgraded site does (the one-off adoption of an admin's recompute,
 * src/services/epic-themes.ts), so that tests which save a strategy straight to storage see the
 * demo's epics on their themes. Also attaches one epic directly, as the project page would.
 */
import type { ForgeRuntime } from '../../../dev/forge-runtime';
import type { JiraEmulator } from '../../../dev/jira-emulator';
import { fetchRequestJira } from '../../../dev/jira-emulator/request-jira';
import { createJiraClient } from '../../../src/jira';
import { adoptThemeIndex } from '../../../src/services/epic-themes';
import { loadProjectConfiguration } from '../../../src/services/project-configuration';
import { siteFieldsOf } from '../../../src/services/site-fields';
import { forgeStorage } from '../../../src/storage/forge-kvs';

const ADMIN = '5f0c1a2b3c4d5e6f7a8b9c01';

/** Adopts the theme properties of the project's epics into storage (as the app), as an admin's first recompute would. */
export async function adoptDemoThemes(runtime: ForgeRuntime, emulator: JiraEmulator, projectId: string): Promise<number> {
  const jira = createJiraClient(fetchRequestJira({ baseUrl: emulator.url, headers: { 'x-emulator-as-app': 'true' } }), { timeBudgetMs: 60_000 });
  return runtime.runAs('app', async () => {
    const storage = forgeStorage();
    const configuration = await loadProjectConfiguration(storage, projectId, siteFieldsOf([]));
    return adoptThemeIndex(jira, storage.epicThemes, configuration, ADMIN);
  });
}

/** Stores an attachment as if a project admin made it on the project page (the property is not touched). */
export async function attachInStorage(runtime: ForgeRuntime, emulator: JiraEmulator, epicKey: string, themeId: string): Promise<void> {
  const epic = emulator.state.findIssue(epicKey);
  if (epic === undefined) throw new Error(`no issue ${epicKey} in the emulator`);
  await runtime.runAs('app', () => forgeStorage().epicThemes.attach(epic.projectId, epic.id, { themeId, epicKey, attachedBy: ADMIN, attachedAt: new Date().toISOString() }));
}
