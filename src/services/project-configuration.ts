/**
 * A project's configuration as the services use it: the four stored documents (or their defaults)
 * resolved into values, with what could not be read said in words.
 */
import type { ReadinessConfig } from '../domain/readiness';
import type { ScoringConfig } from '../domain/scoring';
import type { Strategy } from '../domain/strategy';
import type { DocumentKind, DocumentValues, EpicThemeStore, LoadedDocument, ProjectDocuments, ProjectFieldsCache, RecomputeStore, RollupStore, ScoreHistoryStore, SettingsRepository, SiteCache } from '../storage';
import { DOCUMENT_LABELS } from '../storage';
import { documentDefaults } from './default-configuration';
import type { ProjectDefaults } from './default-configuration';
import { projectDefaultsOf } from './project-fields';
import type { SiteFields } from './site-fields';

/** What the services are given instead of reaching for storage themselves. */
export interface Repositories {
  readonly settings: SettingsRepository;
  readonly recompute: RecomputeStore;
  readonly siteCache: SiteCache;
  /**
   * Which fields each project's issues carry (services/project-fields.ts): where given, a project
   * nobody configured defaults to those; forgeStorage() always gives it.
   */
  readonly projectFields?: ProjectFieldsCache;
  /** Which theme each epic serves (the truth; the issue property is only its index). */
  readonly epicThemes: EpicThemeStore;
  /** The rollups of each epic's stories, kept where given (services/rollups.ts); forgeStorage() always gives them. */
  readonly rollups?: RollupStore;
  /** Why each issue's priority moved, recorded where given (services/score-history.ts); forgeStorage() always gives it. */
  readonly history?: ScoreHistoryStore;
}

export interface ProjectConfiguration {
  readonly projectId: string;
  readonly documents: ProjectDocuments;
  readonly scoring: ScoringConfig;
  readonly readiness: ReadinessConfig;
  readonly strategy: Strategy;
  readonly productManagers: readonly string[];
  /**
   * Set when a document was saved by a newer version of the app: this version must not compute
   * (and overwrite) values the newer one computed differently. Null otherwise.
   */
  readonly blocked: string | null;
  /** Documents that were damaged and replaced by their defaults, in words. */
  readonly problems: readonly string[];
}

function valueOf<K extends DocumentKind>(document: LoadedDocument<K>, fallback: () => DocumentValues[K]): DocumentValues[K] {
  return document.status === 'unreadable' ? fallback() : document.value;
}

export function configurationOf(projectId: string, documents: ProjectDocuments, site: SiteFields, project?: ProjectDefaults): ProjectConfiguration {
  const defaults = documentDefaults(site, project);
  const problems: string[] = [];
  let blocked: string | null = null;
  for (const document of Object.values(documents) as LoadedDocument<DocumentKind>[]) {
    if (document.status !== 'unreadable') continue;
    if (document.newer) blocked ??= document.message;
    else problems.push(document.message);
  }
  return {
    projectId,
    documents,
    scoring: valueOf(documents.scoring, defaults.scoring),
    readiness: valueOf(documents.readiness, defaults.readiness),
    strategy: valueOf(documents.strategy, defaults.strategy),
    productManagers: valueOf(documents['product-managers'], defaults['product-managers']).accountIds,
    blocked,
    problems,
  };
}

/** Whether anyone configured Throughline in the project (a document was saved), as opposed to running on defaults. */
export function isConfigured(configuration: ProjectConfiguration): boolean {
  return (Object.values(configuration.documents) as LoadedDocument<DocumentKind>[]).some((document) => document.status !== 'default');
}

/**
 * The project's documents, each never saved one replaced by the project's default: built from the
 * fields its issues carry when a sample of them is stored (services/project-fields.ts, any age:
 * whoever reads Jira refreshes it), else the site's.
 */
export async function loadProjectConfiguration(repositories: Repositories, projectId: string, site: SiteFields): Promise<ProjectConfiguration> {
  const project = await projectDefaultsOf(repositories.projectFields, projectId, site);
  return configurationOf(projectId, await repositories.settings.loadAll(projectId, documentDefaults(site, project)), site, project);
}

export { DOCUMENT_LABELS };
