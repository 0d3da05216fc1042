/**
 * The project page's whole vision map and whole ranked backlog in one read, composed from the
 * services inside the local runtime as the user, as the resolvers `getVisionMap` and
 * `getRankedBacklog` did before they left the deployed surface (no page called them, and at scale
 * they take longer than a Forge invocation may). The integration tests compare the page's
 * chunked reads, merged, with these: the one-shot composition is the oracle, not a feature.
 */
import type { ForgeRuntime } from '../../../dev/forge-runtime';
import type { ProjectPageProject, RankedBacklogView, VisionMapView } from '../../../src/contract';
import { canEditStrategy } from '../../../src/domain/strategy';
import { currentAppId } from '../../../src/events/platform';
import { createJiraClient } from '../../../src/jira';
import { forgeRequestJira } from '../../../src/jira/forge-request';
import { loadProjectConfiguration } from '../../../src/services/project-configuration';
import type { ProjectConfiguration } from '../../../src/services/project-configuration';
import { projectAccess, rankedBacklogOf, readSnapshot, visionMapOf } from '../../../src/services/project-page';
import { projectJql } from '../../../src/services/queries';
import type { ProjectAccess } from '../../../src/services/project-page';
import { loadSiteFields } from '../../../src/services/site-fields';
import type { SiteFields } from '../../../src/services/site-fields';
import { createEpicThemeStore, createSiteCache } from '../../../src/storage';
import { forgeKvs, forgeStorage } from '../../../src/storage/forge-kvs';

interface Reading {
  readonly jira: ReturnType<typeof createJiraClient>;
  readonly access: ProjectAccess;
  readonly site: SiteFields;
  readonly configuration: ProjectConfiguration;
}

/** What the project page's resolvers read first, as `user`: permission, the site's fields, the configuration. */
async function readingFor(project: ProjectPageProject): Promise<Reading> {
  const jira = createJiraClient(forgeRequestJira('user'));
  const access = await projectAccess(jira, project.id);
  if (!access.canBrowse) throw new Error(`the user cannot browse project ${project.key}`);
  const site = await loadSiteFields(createJiraClient(forgeRequestJira('app')), createSiteCache(forgeKvs()), { appId: currentAppId() });
  // As the app builds it: a project nobody configured scores with the fields its issues carry.
  return { jira, access, site, configuration: await loadProjectConfiguration(forgeStorage(), project.id, site) };
}

/** The whole vision map of `project` as `user` sees it. */
export function oneShotVisionMap(runtime: ForgeRuntime, user: { readonly accountId: string }, project: ProjectPageProject): Promise<VisionMapView> {
  return runtime.runAs(user, async () => {
    const { jira, access, site, configuration } = await readingFor(project);
    const snapshot = await readSnapshot(jira, configuration, site, createEpicThemeStore(forgeKvs()), projectJql(project.id), new Date());
    // As the project page's resolvers decide it: project admins and the product managers.
    const productManagers = [...configuration.productManagers, ...(configuration.strategy.productManagers ?? [])];
    const canEdit = canEditStrategy({ accountId: user.accountId, isProjectAdmin: access.isAdmin }, { productManagers });
    return visionMapOf(project, canEdit, configuration, snapshot);
  });
}

/** The whole ranked backlog (open issues) of `project` as `user` sees it. */
export function oneShotRankedBacklog(runtime: ForgeRuntime, user: { readonly accountId: string }, project: ProjectPageProject): Promise<RankedBacklogView> {
  return runtime.runAs(user, async () => {
    const { jira, site, configuration } = await readingFor(project);
    const snapshot = await readSnapshot(jira, configuration, site, createEpicThemeStore(forgeKvs()), projectJql(project.id, { open: true }), new Date());
    return rankedBacklogOf(project, configuration, snapshot);
  });
}
