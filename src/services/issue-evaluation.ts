/**
 * Evaluating and recomputing a few issues at a time: one issue for the sidebar (`evaluateIssue`,
 * as the user), the issues a Jira event touches for the triggers (`recomputeIssues`, as the app).
 *
 * Always from Jira's current state: events arrive at least once and out of order, so what an
 * event says is only a hint (which project's fields to ask for, which epic to read alongside).
 * The issues are read again, evaluated with their project's configuration as it is now, and only
 * values that differ from what the issue carries are written. Running it twice writes nothing
 * the second time.
 *
 * Jira calls for one story whose hints are right: one bulk fetch (the issue and its epic), one app
 * field write and one property write, each only when needed: at most 3.
 */
import type { JiraIssue } from '../domain/jira-issue';
import { isRecord, issueTypeOf, linksOf } from '../domain/jira-issue';
import { bulkFetchIssues, getIssue, isJiraError } from '../jira';
import type { AppFieldValue, JiraClient } from '../jira';
import { PropertyGroups, appFieldValuesOf, writeAppFieldValues, writeReadinessProperties } from './app-writes';
import type { EpicRef, Evaluator, EvaluatorOptions, IssueEvaluation } from './evaluation';
import { createEvaluator, lookUpEpics } from './evaluation';
import type { ProjectConfiguration, Repositories } from './project-configuration';
import { loadProjectConfiguration } from './project-configuration';
import { writeThemeIndex } from './epic-themes';
import { HistoryBatch } from './score-history';
import type { ScoreHistoryStore } from '../storage';
import type { SiteFields } from './site-fields';

/** Project configurations and evaluators, loaded once per invocation (never kept across invocations). */
export class EvaluatorCache {
  private readonly evaluators = new Map<string, Promise<Evaluator>>();

  constructor(
    private readonly repositories: Repositories,
    private readonly site: SiteFields,
    private readonly options: EvaluatorOptions = {},
  ) {}

  /** Where the changes written are recorded (why a priority moved), when the repositories keep it. */
  get history(): ScoreHistoryStore | undefined {
    return this.repositories.history;
  }

  get(projectId: string): Promise<Evaluator> {
    let evaluator = this.evaluators.get(projectId);
    if (evaluator === undefined) {
      evaluator = loadProjectConfiguration(this.repositories, projectId, this.site).then((configuration) => createEvaluator(configuration, this.site, this.repositories.epicThemes, this.options));
      this.evaluators.set(projectId, evaluator);
    }
    return evaluator;
  }
}

export function projectIdOf(issue: JiraIssue): string | undefined {
  const project = issue.fields.project;
  return isRecord(project) && typeof project.id === 'string' ? project.id : undefined;
}

/** Keys of the issues this one blocks (outward "blocks" links): their readiness depends on it. */
export function blockedKeysOf(issue: JiraIssue): string[] {
  return linksOf(issue.fields)
    .filter((link) => link.direction === 'outward' && (link.typeName.trim().toLowerCase() === 'blocks' || link.label.trim().toLowerCase() === 'blocks'))
    .map((link) => link.otherKey)
    .filter((key): key is string => key !== undefined);
}

export interface EvaluatedIssue {
  readonly issue: JiraIssue;
  readonly evaluation: IssueEvaluation;
  readonly configuration: ProjectConfiguration;
}

/**
 * One issue, read as whoever `jira` acts for, with its epic, evaluated with its project's current
 * configuration. A missing or hidden issue throws the client's 'not-found' error.
 */
export async function evaluateIssue(jira: JiraClient, repositories: Repositories, site: SiteFields, issueIdOrKey: string, now: Date = new Date()): Promise<EvaluatedIssue> {
  const cache = new EvaluatorCache(repositories, site);
  // The project is not known before the issue is read: read it with its project's fields after.
  const first = await getIssue(jira, issueIdOrKey, { fields: ['project'] });
  const projectId = projectIdOf(first);
  if (projectId === undefined) throw new Error(`Jira sent issue ${issueIdOrKey} without its project.`);
  const evaluator = await cache.get(projectId);
  const issue = await getIssue(jira, first.id, { fields: evaluator.fields, properties: evaluator.properties });
  const epics = new Map<string, EpicRef | null>(await evaluator.epicsAmong([issue]));
  const lookedUp = await lookUpEpics(jira, evaluator, evaluator.parentsToLookUp([issue], epics));
  for (const [key, ref] of lookedUp.epics) epics.set(key, ref);
  return { issue, evaluation: evaluator.evaluate(issue, epics, now), configuration: evaluator.configuration };
}

export interface RecomputeHints {
  /** The project the event names for the issues. */
  readonly projectId?: string;
  /** Epics the event names as parents: read in the same call. */
  readonly parentKeys?: readonly string[];
}

export interface RecomputeReport {
  /** Every issue evaluated (targets found in Jira). */
  readonly evaluated: readonly EvaluatedIssue[];
  /** Targets Jira no longer has (deleted, or moved where the app cannot see). */
  readonly missing: readonly string[];
  /** Targets skipped because their project's configuration is from a newer app version. */
  readonly blocked: readonly string[];
  readonly appFieldCalls: number;
  readonly propertyCalls: number;
  readonly readCalls: number;
  /** Epics whose theme property was put back in line with the stored attachment. */
  readonly themeIndexCalls?: number;
}

function fieldsCover(fetched: ReadonlySet<string>, wanted: readonly string[]): boolean {
  return wanted.every((field) => fetched.has(field));
}

/**
 * Recomputes the given issues (ids or keys) from Jira's current state and writes what changed,
 * as whoever `jira` acts for (the app, in triggers and the queue).
 */
export async function recomputeIssues(jira: JiraClient, cache: EvaluatorCache, site: SiteFields, targets: readonly string[], hints: RecomputeHints = {}, now: Date = new Date()): Promise<RecomputeReport> {
  const wanted = [...new Set(targets.map((target) => target.trim()).filter((target) => target !== ''))];
  if (wanted.length === 0) return { evaluated: [], missing: [], blocked: [], appFieldCalls: 0, propertyCalls: 0, readCalls: 0 };
  let readCalls = 0;

  // Read the targets (and the epics the event names) with the fields of the project the event names.
  const hinted = hints.projectId === undefined ? undefined : await cache.get(hints.projectId);
  const firstFields = new Set<string>(hinted?.fields ?? ['project', 'issuetype', 'parent', 'labels']);
  const properties = hinted?.properties ?? [];
  const parentKeys = (hints.parentKeys ?? []).filter((key) => !wanted.includes(key));
  const first = await bulkFetchIssues(jira, [...wanted, ...parentKeys], { fields: [...firstFields], properties });
  readCalls += first.calls;
  const byIdOrKey = new Map<string, JiraIssue>();
  for (const issue of first.issues) {
    byIdOrKey.set(issue.id, issue);
    byIdOrKey.set(issue.key, issue);
  }
  const found = new Map<string, JiraIssue>();
  const missing: string[] = [];
  for (const target of wanted) {
    const issue = byIdOrKey.get(target);
    if (issue === undefined) missing.push(target);
    else found.set(issue.id, issue);
  }

  // Issues whose project is not the one hinted (moved, or no hint): read again with their own fields.
  const byProject = new Map<string, JiraIssue[]>();
  for (const issue of found.values()) {
    const projectId = projectIdOf(issue);
    if (projectId === undefined) continue;
    const list = byProject.get(projectId) ?? [];
    list.push(issue);
    byProject.set(projectId, list);
  }
  const ready: { evaluator: Evaluator; issues: JiraIssue[] }[] = [];
  for (const [projectId, issues] of byProject) {
    const evaluator = await cache.get(projectId);
    if (fieldsCover(firstFields, evaluator.fields) && properties.length >= evaluator.properties.length) {
      ready.push({ evaluator, issues });
      continue;
    }
    const again = await bulkFetchIssues(jira, issues.map((issue) => issue.id), { fields: evaluator.fields, properties: evaluator.properties });
    readCalls += again.calls;
    ready.push({ evaluator, issues: [...again.issues] });
    for (const issue of issues) if (!again.issues.some((fresh) => fresh.id === issue.id)) missing.push(issue.key);
  }

  // Epics: those read alongside, then one lookup for any other parent.
  const epics = new Map<string, EpicRef | null>();
  for (const { evaluator, issues } of ready) {
    for (const [key, ref] of await evaluator.epicsAmong([...first.issues, ...issues])) epics.set(key, ref);
  }
  for (const { evaluator, issues } of ready) {
    const lookUp = evaluator.parentsToLookUp(issues, epics);
    if (lookUp.length === 0) continue;
    const result = await lookUpEpics(jira, evaluator, lookUp);
    readCalls += result.calls;
    for (const [key, ref] of result.epics) epics.set(key, ref);
  }

  const evaluated: EvaluatedIssue[] = [];
  const blocked: string[] = [];
  const appValues: AppFieldValue[] = [];
  const groups = new PropertyGroups();
  const themeIndex: { readonly issueId: string; readonly value: { readonly themeId: string } | null }[] = [];
  const history = new HistoryBatch(cache.history);
  for (const { evaluator, issues } of ready) {
    if (evaluator.configuration.blocked !== null) {
      blocked.push(...issues.map((issue) => issue.key));
      continue;
    }
    for (const issue of issues) {
      const evaluation = evaluator.evaluate(issue, epics, now);
      evaluated.push({ issue, evaluation, configuration: evaluator.configuration });
      appValues.push(...appFieldValuesOf(evaluation, site));
      if (evaluation.changed.property && evaluation.values.property !== undefined) groups.add(issue.id, evaluation.values.property);
      if (evaluation.themeIndex !== undefined) themeIndex.push({ issueId: issue.id, value: evaluation.themeIndex });
      history.add(evaluation, evaluator.configuration, now);
    }
  }
  const appFieldCalls = await writeAppFieldValues(jira, appValues);
  const propertyCalls = await writeReadinessProperties(jira, groups);
  // Why each value moved, once it is written (storage only; no Jira call).
  await history.flush();
  for (const { issueId, value } of themeIndex) await writeThemeIndex(jira, issueId, value);
  return { evaluated, missing, blocked, appFieldCalls, propertyCalls: propertyCalls + themeIndex.length, readCalls, themeIndexCalls: themeIndex.length };
}

/** Whether an evaluated issue is an epic (its stories inherit its theme and strategic weight). */
export function isEpic(issue: JiraIssue): boolean {
  return (issueTypeOf(issue.fields)?.hierarchyLevel ?? 0) >= 1;
}

/** The 'not-found' of a deleted or hidden issue, told apart from real failures. */
export function isMissingIssue(error: unknown): boolean {
  return isJiraError(error) && error.kind === 'not-found';
}
