/**
 * The daily recompute (manifest.yml `scheduledTrigger` `daily-recompute`): what time alone changed
 * since a project's values were last current, reading only the issues concerned
 * (services/time-driven.ts: dates on the days their days-remaining step changes, issues turning
 * stale for "refined recently"), and writing only what changed, through the same evaluation and
 * writes as every other path (services/evaluation.ts, app-writes.ts, rollups.ts).
 *
 * - Start (`startDailyRecomputes`): one page of projects per invocation, the next page through the
 *   queue. A project is started at most once a UTC day: its record (storage/daily-recompute-store.ts)
 *   names the day, and is written with a transaction conditional on the record as read, so a
 *   second firing, even at the same moment, starts nothing. A project nobody configured, or whose
 *   configuration has nothing that depends on time, is not read at all.
 * - Window: from the time its values were last all current (the start of the last finished daily
 *   run, or of the last finished bulk recompute, which evaluates every issue) to now. A trigger
 *   that fires late, or days missed, only widen it: nothing is lost, nothing read twice for nothing.
 * - Steps (`runDailyStep`, from the queue): page by page; a page's values are written before the
 *   cursor passes it, and the record says "current as of the run's start" only once the last page
 *   is written. A Jira failure keeps what is written and retries the rest through the queue.
 *
 * The rollups that missed events left wrong are not this run's job: the daily recount
 * (services/daily-recount.ts) reads every issue and repairs them. This run keeps the rollups of
 * the issues it reads, as every path does.
 */
import { randomUUID } from 'node:crypto';
import { defaultScoringConfig } from '../domain/scoring';
import type { AppFieldValue, JiraClient } from '../jira';
import { describeForLog, isJiraError } from '../jira';
import { ConditionFailedError } from '../storage';
import type { DailyProgress, DailyRecomputeStore, DailyRunRecord } from '../storage/daily-recompute-store';
import { PropertyGroups, appFieldValuesOf, writeAppFieldValues, writeReadinessProperties } from './app-writes';
import type { ProjectPages } from './daily-recount';
import { createEvaluator, utcToday } from './evaluation';
import type { ProjectConfiguration, Repositories } from './project-configuration';
import { configurationOf, isConfigured, loadProjectConfiguration } from './project-configuration';
import { NO_CANDIDATES, documentDefaults } from './default-configuration';
import type { EvaluatedPage } from './project-evaluation';
import { evaluateProject } from './project-evaluation';
import { MAX_FAILED_ATTEMPTS, retryDelaySeconds } from './recompute';
import type { RecomputeQueue } from './recompute';
import { keepRollups, placementOf } from './rollups';
import { HistoryBatch } from './score-history';
import type { Placement } from './rollups';
import type { SiteFields } from './site-fields';
import { dependsOnTime, timeDependenceOf, timeDrivenQuery } from './time-driven';

export interface DailyRepositories extends Repositories {
  readonly daily: DailyRecomputeStore;
}

/** Why a project was not started today. */
export type DailySkip = 'ran-today' | 'not-configured' | 'blocked' | 'nothing-depends-on-time' | 'nothing-to-read' | 'started-elsewhere' | 'failed';

export type DailyStart = { readonly started: true; readonly record: DailyRunRecord } | { readonly started: false; readonly reason: DailySkip };

function emptyProgress(at: string): DailyProgress {
  return { read: 0, changed: 0, writeCalls: { appFields: 0, properties: 0 }, errors: 0, failedAttempts: 0, recentErrors: [], message: null, updatedAt: at, finishedAt: null };
}

function latest(times: readonly (string | null | undefined)[]): Date | undefined {
  const valid = times.map((time) => (time === null || time === undefined ? Number.NaN : Date.parse(time))).filter((time) => Number.isFinite(time));
  return valid.length === 0 ? undefined : new Date(Math.max(...valid));
}

/**
 * When the project's values were last all current: the start of its last finished daily run, or
 * of its last finished bulk recompute (every issue evaluated after that start), whichever is later.
 */
async function currentAsOf(repositories: DailyRepositories, projectId: string, previous: DailyRunRecord | undefined): Promise<Date | undefined> {
  const full = await repositories.recompute.load(projectId);
  return latest([previous?.currentAsOf, full?.status === 'done' ? full.progress.startedAt : undefined]);
}

/** No site's fields needed: only whether a document is stored is asked, never the defaults' values. */
const WITHOUT_SITE = { defaultScoring: defaultScoringConfig(), storyPoints: null, epicLinkFieldId: null, scoringCandidates: NO_CANDIDATES };

async function hasSavedConfiguration(repositories: Repositories, projectId: string): Promise<boolean> {
  const documents = await repositories.settings.loadAll(projectId, documentDefaults(WITHOUT_SITE));
  return isConfigured(configurationOf(projectId, documents, { ...WITHOUT_SITE, appFields: { score: null, readiness: null }, notes: [] }));
}

/** Starts today's run of one project, or says why not; reads no issue. */
export async function startDailyRecompute(repositories: DailyRepositories, queue: RecomputeQueue, site: () => Promise<SiteFields>, projectId: string, now: Date): Promise<DailyStart> {
  const day = utcToday(now);
  const previous = await repositories.daily.load(projectId);
  if (previous?.day === day) return { started: false, reason: 'ran-today' };
  // Where nobody chose Throughline the app keeps no values current in the background (as for an
  // epic's children); told from storage alone, so such a project costs no Jira call.
  if (!(await hasSavedConfiguration(repositories, projectId))) return { started: false, reason: 'not-configured' };
  const configuration = await loadProjectConfiguration(repositories, projectId, await site());
  if (configuration.blocked !== null) return { started: false, reason: 'blocked' };
  const dependence = timeDependenceOf(configuration);
  if (!dependsOnTime(dependence)) return { started: false, reason: 'nothing-depends-on-time' };
  const since = await currentAsOf(repositories, projectId, previous);
  const query = timeDrivenQuery(projectId, dependence, since, now);
  if (query === undefined) return { started: false, reason: 'nothing-to-read' };
  const at = now.toISOString();
  const runId = randomUUID();
  let record: DailyRunRecord;
  try {
    record = await repositories.daily.start(
      {
        projectId,
        day,
        runId,
        status: 'running',
        startedAt: at,
        since: since?.toISOString() ?? null,
        // Kept as it was until this run finishes: a run that fails leaves the next one the same window.
        currentAsOf: previous?.currentAsOf ?? null,
        cursor: { jql: query.jql, nextPageToken: null, pages: 0 },
        looksFor: query.looksFor,
        progress: emptyProgress(at),
      },
      previous,
    );
  } catch (error: unknown) {
    if (error instanceof ConditionFailedError) return { started: false, reason: 'started-elsewhere' };
    throw error;
  }
  await queue.push({ kind: 'daily-step', projectId, runId });
  return { started: true, record };
}

/** One page of projects; the next page is queued. */
export async function startDailyRecomputes(projects: ProjectPages, repositories: DailyRepositories, queue: RecomputeQueue, site: () => Promise<SiteFields>, cursor: string | undefined, now: Date): Promise<{ readonly started: readonly string[]; readonly skipped: readonly { readonly projectId: string; readonly reason: DailySkip }[]; readonly next: string | undefined }> {
  const page = await projects.projects(cursor);
  // The site's fields once per invocation, and only if a project needs its configuration.
  let fields: Promise<SiteFields> | undefined;
  const siteOnce = (): Promise<SiteFields> => (fields ??= site());
  const started: string[] = [];
  const skipped: { projectId: string; reason: DailySkip }[] = [];
  for (const projectId of page.projectIds) {
    try {
      const outcome = await startDailyRecompute(repositories, queue, siteOnce, projectId, now);
      if (outcome.started) started.push(projectId);
      else skipped.push({ projectId, reason: outcome.reason });
    } catch (error: unknown) {
      // One project's failure (storage, the field list) must not hold back the others; tomorrow's
      // run looks back to when its values were last current.
      console.error('Throughline: starting a project\'s daily recompute failed', describeForLog(error));
      skipped.push({ projectId, reason: 'failed' });
    }
  }
  if (page.cursor !== undefined) await queue.push({ kind: 'daily-recompute', cursor: page.cursor });
  return { started, skipped, next: page.cursor };
}

export interface DailyStepContext {
  /** Acting as the app, with a deadline inside the consumer's time limit. */
  readonly jira: JiraClient;
  readonly repositories: DailyRepositories;
  readonly queue: RecomputeQueue;
  readonly site: SiteFields;
  /** Milliseconds this step may spend before it hands on. */
  readonly budgetMs: number;
  readonly clock?: () => number;
  readonly now?: () => Date;
}

export type DailyStepOutcome =
  /** The run moved on without this step (superseded, finished, or taken by a duplicate delivery). */
  | { readonly kind: 'stale' }
  | { readonly kind: 'done'; readonly record: DailyRunRecord }
  | { readonly kind: 'continued'; readonly record: DailyRunRecord }
  /** Jira failed after the client's own retries: the queue delivers the step again after this long. */
  | { readonly kind: 'retry'; readonly retryAfterSeconds: number; readonly message: string }
  | { readonly kind: 'failed'; readonly record: DailyRunRecord };

interface PageWrites {
  readonly changed: number;
  readonly appFields: number;
  readonly properties: number;
}

/** Writes what a page changed (app fields, readiness properties), records why, and places its stories in the rollups. */
async function writePage(jira: JiraClient, repositories: Repositories, site: SiteFields, configuration: ProjectConfiguration, page: EvaluatedPage, now: Date): Promise<PageWrites> {
  const values: AppFieldValue[] = [];
  const groups = new PropertyGroups();
  const placed: Placement[] = [];
  // Why each value moved (time passing, mostly), recorded once its write is done (services/score-history.ts).
  const history = new HistoryBatch(repositories.history);
  let changed = 0;
  page.evaluations.forEach((evaluation, index) => {
    history.add(evaluation, configuration, now);
    const own = appFieldValuesOf(evaluation, site);
    values.push(...own);
    const property = evaluation.changed.property ? evaluation.values.property : undefined;
    if (property !== undefined) groups.add(evaluation.issueId, property);
    if (own.length > 0 || property !== undefined) changed++;
    const issue = page.issues[index];
    const placement = issue === undefined ? undefined : placementOf(issue, evaluation, configuration, configuration.projectId);
    if (placement !== undefined) placed.push(placement);
  });
  const appFields = await writeAppFieldValues(jira, values);
  const properties = await writeReadinessProperties(jira, groups);
  await history.flush();
  if (repositories.rollups !== undefined && placed.length > 0) await keepRollups(repositories.rollups, { placed }, now);
  return { changed, appFields, properties };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One step of a project's daily run: see the file comment. Jira failures come back as `retry`
 * (or `failed` after several attempts in a row without progress), with what was written kept.
 */
export async function runDailyStep(context: DailyStepContext, event: { readonly projectId: string; readonly runId: string }): Promise<DailyStepOutcome> {
  const { jira, repositories, site } = context;
  const clock = context.clock ?? Date.now;
  const now = context.now ?? (() => new Date());
  const started = clock();
  const store = repositories.daily;
  const loaded = await store.load(event.projectId);
  if (loaded?.runId !== event.runId || loaded.status !== 'running') return { kind: 'stale' };
  const run = { record: loaded };
  const commit = async (next: (current: DailyRunRecord) => Omit<DailyRunRecord, 'lease' | 'projectId' | 'runId'>): Promise<boolean> => {
    try {
      run.record = await store.commit(run.record, next(run.record));
      return true;
    } catch (error: unknown) {
      if (error instanceof ConditionFailedError) return false;
      throw error;
    }
  };
  const progressWith = (current: DailyRunRecord, changes: Partial<DailyProgress>): DailyProgress => ({ ...current.progress, ...changes, updatedAt: now().toISOString() });
  /** Done: only now are the values said to be current as of the run's start. */
  const finish = (current: Omit<DailyRunRecord, 'lease' | 'projectId' | 'runId'>): Omit<DailyRunRecord, 'lease' | 'projectId' | 'runId'> => ({
    ...current,
    status: 'done',
    currentAsOf: current.startedAt,
    progress: { ...current.progress, failedAttempts: 0, updatedAt: now().toISOString(), finishedAt: now().toISOString() },
  });

  const configuration = await loadProjectConfiguration(repositories, event.projectId, site);
  if (configuration.blocked !== null || (site.appFields.score === null && site.appFields.readiness === null)) {
    const message = configuration.blocked ?? "Jira does not list the app's fields (Priority score, Readiness) on this site yet.";
    return (await commit((current) => ({ ...current, status: 'failed', progress: progressWith(current, { message, finishedAt: now().toISOString() }) }))) ? { kind: 'failed', record: run.record } : { kind: 'stale' };
  }
  // The query again, from the run's own window and today's configuration: a configuration saved
  // since (its bulk recompute covers every issue anyway) may ask for other issues, or none.
  const since = run.record.since === null ? undefined : new Date(run.record.since);
  const query = timeDrivenQuery(event.projectId, timeDependenceOf(configuration), since, new Date(run.record.startedAt));
  if (query === undefined) return (await commit((current) => finish(current))) ? { kind: 'done', record: run.record } : { kind: 'stale' };
  if (query.jql !== run.record.cursor.jql) {
    if (!(await commit((current) => ({ ...current, cursor: { jql: query.jql, nextPageToken: null, pages: 0 }, looksFor: query.looksFor, progress: progressWith(current, {}) })))) return { kind: 'stale' };
  }

  const evaluator = createEvaluator(configuration, site, repositories.epicThemes);
  let pagesThisStep = 0;
  try {
    for await (const page of evaluateProject(jira, evaluator, { jql: query.jql, pageToken: run.record.cursor.nextPageToken, now: now() })) {
      // A run superseded while this page was read must not write values older than the new run's.
      const latestRecord = await store.load(event.projectId);
      if (latestRecord?.runId !== event.runId || latestRecord.lease !== run.record.lease) return { kind: 'stale' };
      const writes = await writePage(jira, repositories, site, configuration, page, now());
      pagesThisStep++;
      const advanced = (current: DailyRunRecord): Omit<DailyRunRecord, 'lease' | 'projectId' | 'runId'> => ({
        ...current,
        cursor: { jql: current.cursor.jql, nextPageToken: page.nextPageToken, pages: current.cursor.pages + 1 },
        progress: progressWith(current, {
          read: current.progress.read + page.evaluations.length,
          changed: current.progress.changed + writes.changed,
          writeCalls: { appFields: current.progress.writeCalls.appFields + writes.appFields, properties: current.progress.writeCalls.properties + writes.properties },
          failedAttempts: 0,
        }),
      });
      if (page.isLast) return (await commit((current) => finish(advanced(current)))) ? { kind: 'done', record: run.record } : { kind: 'stale' };
      if (!(await commit(advanced))) return { kind: 'stale' };
      if (clock() - started >= context.budgetMs) {
        await context.queue.push({ kind: 'daily-step', projectId: event.projectId, runId: event.runId });
        return { kind: 'continued', record: run.record };
      }
    }
    // The search ended without a last page (it cannot): never leave a run hanging.
    return (await commit((current) => finish(current))) ? { kind: 'done', record: run.record } : { kind: 'stale' };
  } catch (error: unknown) {
    if (!isJiraError(error)) throw error;
    const message = messageOf(error);
    const at = now().toISOString();
    let failedAttempts = 0;
    const ok = await commit((current) => {
      failedAttempts = pagesThisStep > 0 ? 1 : current.progress.failedAttempts + 1;
      const gaveUp = failedAttempts >= MAX_FAILED_ATTEMPTS;
      return {
        ...current,
        status: gaveUp ? 'failed' : 'running',
        progress: progressWith(current, {
          errors: current.progress.errors + 1,
          failedAttempts,
          recentErrors: [...current.progress.recentErrors, { at, message }],
          ...(gaveUp ? { finishedAt: at, message: `Stopped after ${String(failedAttempts)} failed attempts in a row: ${message}` } : {}),
        }),
      };
    });
    if (!ok) return { kind: 'stale' };
    if (run.record.status === 'failed') return { kind: 'failed', record: run.record };
    return { kind: 'retry', retryAfterSeconds: retryDelaySeconds(error, failedAttempts), message };
  }
}
