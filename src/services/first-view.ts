/**
 * The issue sidebar's score in a project nobody configured, from its first minute:
 *
 * 1. the issue is read and scored as the user (services/issue-score.ts), with the project's
 *    configuration: its default from the fields its issues carry when that is known;
 * 2. when it is not known yet (or old), the project's issues are read as the app — only now that
 *    the user's read proved they may browse the project — and what they carry is stored for the
 *    triggers and the recompute too (services/project-fields.ts); the issue is scored again with
 *    that default, from what was already read (no Jira call);
 * 3. the project's values in Jira are brought in step when they are not (services/first-recompute.ts):
 *    the first view queues the project's first recompute, which fills "Priority score", so the rank
 *    appears and JQL on the field works.
 *
 * Steps 2 and 3 never cost the user their score: Jira refusing or failing the project's read (429,
 * 500) keeps the site's default for this view and stores nothing (the next view reads again); a
 * failure to queue is logged.
 */
import type { IssueScoreView } from '../contract';
import { statusCategoryOf } from '../domain/jira-issue';
import { approximateCount, customField, describeForLog, isJiraError } from '../jira';
import type { JiraClient } from '../jira';
import { ensureProjectInStep } from './first-recompute';
import type { InStepOutcome } from './first-recompute';
import { scoreIssueWithRead, scoreRead } from './issue-score';
import type { ConfigurationSource, IssueRead, ScoreIssueOptions } from './issue-score';
import { NO_ATTACHED_THEMES } from './evaluation';
import { loadProjectConfiguration } from './project-configuration';
import type { Repositories } from './project-configuration';
import { refreshProjectFields, storedSample, usesProjectDefaults } from './project-fields';
import type { RefreshOutcome } from './project-fields';
import { scoredJql } from './queries';
import type { RecomputeQueue } from './recompute';

export interface FirstViewOptions extends ScoreIssueOptions {
  readonly configuration: ConfigurationSource;
  /** Jira as the app: the project's issues are read with it only after the user's read of the issue. */
  readonly appJira: JiraClient;
  readonly repositories: Pick<Repositories, 'projectFields' | 'recompute'>;
  readonly queue: RecomputeQueue;
}

export interface FirstViewResult {
  readonly view: IssueScoreView;
  /** What was read of the project's fields ('failed': Jira refused or failed; the site's default was shown). */
  readonly projectFields: RefreshOutcome['kind'] | 'failed' | 'not-needed';
  readonly inStep: InStepOutcome | { readonly kind: 'failed' } | { readonly kind: 'not-checked' };
}

function fieldEmpty(read: IssueRead): boolean {
  const fieldId = read.site.appFields.score;
  const value = fieldId === null ? undefined : read.issue.fields[fieldId];
  return !(typeof value === 'number' && Number.isFinite(value));
}

/** See the file comment. `userJira` acts as the user; the options' `appJira` as the app. */
export async function scoreIssueAtFirstView(userJira: JiraClient, issueIdOrKey: string, options: FirstViewOptions): Promise<FirstViewResult> {
  const first = await scoreIssueWithRead(userJira, issueIdOrKey, options);
  let { view } = first;
  const { read } = first;
  const projectId = read.project.id;

  let projectFields: FirstViewResult['projectFields'] = 'not-needed';
  let defaultChanged = false;
  const cache = options.repositories.projectFields;
  if (cache !== undefined && usesProjectDefaults(read.configuration)) {
    try {
      const refreshed = await refreshProjectFields(options.appJira, cache, projectId, read.site, options.now);
      projectFields = refreshed.kind;
      defaultChanged = refreshed.defaultChanged;
      if (refreshed.kind === 'read') {
        const configuration = await options.configuration(projectId, read.site);
        view = await scoreRead(userJira, { ...read, configuration }, options.epicThemes ?? NO_ATTACHED_THEMES, options);
      }
    } catch (error: unknown) {
      if (!isJiraError(error)) throw error;
      projectFields = 'failed';
      console.warn("Throughline: the project's fields could not be read; the site's default configuration is shown", describeForLog(error));
    }
  }

  const scoreField = read.site.appFields.score === null ? undefined : customField(read.site.appFields.score);
  if (scoreField === undefined) return { view, projectFields, inStep: { kind: 'not-checked' } };
  try {
    const inStep = await ensureProjectInStep(options.repositories.recompute, options.queue, {
      projectId,
      // The rank is among open issues: a done issue's score says nothing of the backlog's.
      issueScored: view.outcome === 'scored' && statusCategoryOf(read.issue.fields) !== 'done',
      fieldEmpty: fieldEmpty(read),
      defaultChanged,
      countScored: () => approximateCount(userJira, scoredJql(projectId, scoreField)),
      now: options.now,
    });
    return { view, projectFields, inStep };
  } catch (error: unknown) {
    console.error('Throughline: could not check whether the project\'s "Priority score" is in step', describeForLog(error));
    return { view, projectFields, inStep: { kind: 'failed' } };
  }
}

/**
 * A configuration source for the sidebar's other resolvers (details, setting an input), which ask
 * for the configuration only after reading the issue as the user (readIssueForSidebar): when the
 * project runs on its default and what its issues carry was never stored, it is read as the app
 * first (as the score's first view would), so every part of the sidebar shows the same default.
 * Jira failing that read leaves the site's default, as for the score. Never to be asked before
 * the user's read: that is what lets it act as the app.
 */
export function configurationAfterUserRead(repositories: Repositories, appJira: JiraClient): ConfigurationSource {
  return async (projectId, site) => {
    const configuration = await loadProjectConfiguration(repositories, projectId, site);
    const cache = repositories.projectFields;
    if (cache === undefined || !usesProjectDefaults(configuration) || (await storedSample(cache, projectId, site)) !== undefined) return configuration;
    try {
      await refreshProjectFields(appJira, cache, projectId, site);
    } catch (error: unknown) {
      if (!isJiraError(error)) throw error;
      console.warn("Throughline: the project's fields could not be read; the site's default configuration is shown", describeForLog(error));
      return configuration;
    }
    return loadProjectConfiguration(repositories, projectId, site);
  };
}
