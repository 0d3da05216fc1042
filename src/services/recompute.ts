/**
 * The background recompute of a whole project, in steps through the queue.
 *
 * `requestRecompute` starts a run (a new run id supersedes any run of the project) and queues its
 * first step. `runRecomputeStep` reads the project page by page from where the run stands,
 * evaluates, and writes what changed in batches: app field values 1,000 (field, issue) pairs a
 * call, readiness properties one call per distinct verdict. A page counts as done only once every
 * value it changed is written, and only done pages move the stored cursor: a step that fails
 * resumes at the first page not fully written, so nothing is lost, and a page read twice writes
 * nothing the second time (its values are already there).
 *
 * Each step stops well inside the consumer's time limit, writes what it holds, stores its progress
 * and hands the rest on with a new queue event. Progress (done / total, changes, write calls,
 * errors) is stored with the run for the settings page.
 *
 * Over 400 lines because runRecomputeStep is one step's read, evaluate, write and commit, in the order that makes a step delivered twice harmless; that order is checked best in one place.
 */
import { randomUUID } from 'node:crypto';
import { isRecord } from '../domain/jira-issue';
import { MAX_PAGE_SIZE, approximateCount, describeForLog, isJiraError, searchPages } from '../jira';
import type { AppFieldValue, JiraClient } from '../jira';
import type { RecomputeProgress, RunCursor, RunError, RunRecord } from '../storage';
import { ConditionFailedError, MAX_RECENT_ERRORS } from '../storage';
import { APP_FIELD_PAIRS_PER_CALL, PropertyGroups, appFieldValuesOf, writeAppFieldValues, writeReadinessProperties } from './app-writes';
import type { EpicRef } from './evaluation';
import { createEvaluator } from './evaluation';
import { adoptThemeIndex, writeThemeIndex } from './epic-themes';
import type { Repositories } from './project-configuration';
import { isConfigured, loadProjectConfiguration } from './project-configuration';
import { evaluateProject } from './project-evaluation';
import { refreshProjectFields, usesProjectDefaults } from './project-fields';
import { childrenJql, projectJql } from './queries';
import { RollupReconciler, keepRollups, placementOf } from './rollups';
import type { Placement } from './rollups';
import { HistoryBatch } from './score-history';
import type { SiteFields } from './site-fields';

export type RecomputeEvent =
  | { readonly kind: 'project-step'; readonly projectId: string; readonly runId: string }
  | { readonly kind: 'epic-children'; readonly projectId: string; readonly epicKey: string }
  /** The next page of projects for the daily recount (services/daily-recount.ts). */
  | { readonly kind: 'daily-recount'; readonly cursor: string }
  /** The next page of projects for the daily recompute, and one step of a project's run (services/daily-recompute.ts). */
  | { readonly kind: 'daily-recompute'; readonly cursor: string }
  | { readonly kind: 'daily-step'; readonly projectId: string; readonly runId: string };

/** How the services reach the queue (src/events implements it over @forge/events). */
export interface RecomputeQueue {
  push(event: RecomputeEvent, delaySeconds?: number): Promise<void>;
}

/** How many epics' theme properties are put right at the same time. */
const THEME_INDEX_WRITES_AT_ONCE = 4;
/** Properties pending beyond this many issues are written at once rather than at the end of the step. */
export const PROPERTY_FLUSH_ISSUES = 8_000;
/** Stories placed in rollups beyond this many are written at once rather than at the end of the step. */
export const ROLLUP_FLUSH_STORIES = 5_000;
/** A run gives up after this many failed attempts in a row that made no progress. */
export const MAX_FAILED_ATTEMPTS = 6;
const PROJECT_ID = /^[1-9][0-9]{0,17}$/;
/** Progress is stored at least this often while a step runs. */
const COMMIT_EVERY_PAGES = 5;

export interface RecomputeRequest {
  readonly projectId: string;
  readonly reason: string;
  readonly requestedBy: string;
  /**
   * The settings page (project admins only) started it: the project's existing theme properties
   * may be adopted, once, if they never were (services/epic-themes.ts).
   */
  readonly byProjectAdmin?: boolean;
  readonly now?: Date;
}

/** A run's progress as it starts; exported so that tests build a run the way the service does. */
export function initialProgress(runId: string, request: Pick<RecomputeRequest, 'reason' | 'requestedBy'>, at: string): RecomputeProgress {
  return {
    runId,
    status: 'running',
    reason: request.reason,
    requestedBy: request.requestedBy,
    startedAt: at,
    updatedAt: at,
    finishedAt: null,
    total: null,
    done: 0,
    changed: 0,
    scored: 0,
    writeCalls: { appFields: 0, properties: 0 },
    errors: 0,
    recentErrors: [],
    failedAttempts: 0,
    message: null,
  };
}

/** Starts a recompute of the project, superseding any run in progress, and queues its first step. */
export async function requestRecompute(repositories: Repositories, queue: RecomputeQueue, request: RecomputeRequest): Promise<RecomputeProgress> {
  const at = (request.now ?? new Date()).toISOString();
  const runId = randomUUID();
  const adopt = request.byProjectAdmin === true && (await repositories.epicThemes.importedAt(request.projectId)) === undefined;
  const record = await repositories.recompute.start({
    projectId: request.projectId,
    runId,
    status: 'running',
    progress: initialProgress(runId, request, at),
    cursor: { nextPageToken: null, pages: 0, epics: {}, ...(adopt ? { adoptThemeIndex: true } : {}) },
  });
  await queue.push({ kind: 'project-step', projectId: request.projectId, runId });
  return record.progress;
}

export interface StepContext {
  /** Acting as the app, with a deadline inside the consumer's time limit. */
  readonly jira: JiraClient;
  readonly repositories: Repositories;
  readonly queue: RecomputeQueue;
  readonly site: SiteFields;
  /** Milliseconds this step may spend reading and writing before it hands on. */
  readonly budgetMs: number;
  readonly clock?: () => number;
  readonly now?: () => Date;
}

export type StepOutcome =
  /** The run moved on without this step (superseded, finished, or taken over by a duplicate delivery). */
  | { readonly kind: 'stale' }
  | { readonly kind: 'done'; readonly progress: RecomputeProgress }
  | { readonly kind: 'continued'; readonly progress: RecomputeProgress }
  /** A batch failed after the client's own retries: retry the step through the queue after this long. */
  | { readonly kind: 'retry'; readonly retryAfterSeconds: number; readonly progress: RecomputeProgress; readonly message: string }
  | { readonly kind: 'failed'; readonly progress: RecomputeProgress };

function epicsFromCursor(cursor: RunCursor): Map<string, EpicRef | null> {
  const epics = new Map<string, EpicRef | null>();
  for (const [key, themeId] of Object.entries(cursor.epics)) epics.set(key, themeId === null ? null : { themeId: themeId === '' ? undefined : themeId });
  return epics;
}

function epicsToCursor(epics: ReadonlyMap<string, EpicRef | null>): Record<string, string | null> {
  const stored: Record<string, string | null> = {};
  for (const [key, ref] of epics) stored[key] = ref === null ? null : (ref.themeId ?? '');
  return stored;
}

function errorMessageOf(error: unknown): string {
  if (isJiraError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Seconds before a failed batch is tried again: what Jira asked, else a backoff (10 s, 20 s, … 5 min). */
export function retryDelaySeconds(error: unknown, failedAttempts: number): number {
  const asked = isJiraError(error) ? error.retryAfterSeconds : undefined;
  const backoff = Math.min(300, 10 * 2 ** Math.max(0, failedAttempts - 1));
  return Math.max(1, Math.ceil(Math.min(900, asked ?? backoff)));
}

interface Pending {
  /** App field values with the page they came from, oldest first. */
  readonly values: { readonly page: number; readonly value: AppFieldValue }[];
  readonly properties: PropertyGroups;
  /** Epics whose theme property disagrees with storage: what each should carry. */
  readonly themeIndex: { readonly issueId: string; readonly value: { readonly themeId: string } | null }[];
  /** The earliest page with a property still to write; Infinity when none. */
  propertyPage: number;
}

/**
 * One step of a run: see the file comment. Never throws for Jira failures: they come back as
 * `retry` (or `failed` after too many attempts without progress), with the progress stored.
 */
export async function runRecomputeStep(context: StepContext, event: { readonly projectId: string; readonly runId: string }): Promise<StepOutcome> {
  const { jira, repositories, site } = context;
  const clock = context.clock ?? Date.now;
  const now = context.now ?? (() => new Date());
  const store = repositories.recompute;
  const started = clock();

  const loaded = await store.load(event.projectId);
  if (loaded?.runId !== event.runId || loaded.status !== 'running') return { kind: 'stale' };
  /** The run as last read or committed by this step (a holder: commits replace it). */
  const run: { record: RunRecord } = { record: loaded };
  const doneAtStart = loaded.progress.done;

  const commit = async (update: (current: RunRecord) => Omit<RunRecord, 'lease' | 'projectId' | 'runId'>): Promise<boolean> => {
    try {
      run.record = await store.commit(run.record, update(run.record));
      return true;
    } catch (error: unknown) {
      if (error instanceof ConditionFailedError) return false;
      throw error;
    }
  };
  const progressWith = (current: RunRecord, changes: Partial<RecomputeProgress>): RecomputeProgress => ({ ...current.progress, ...changes, updatedAt: now().toISOString() });

  let configuration = await loadProjectConfiguration(repositories, event.projectId, site);
  if (run.record.cursor.pages === 0 && run.record.cursor.nextPageToken === null && repositories.projectFields !== undefined && usesProjectDefaults(configuration)) {
    // A run's first step brings what the project's issues carry up to date: a project nobody
    // configured is computed with the default the sidebar shows (services/project-fields.ts).
    try {
      if ((await refreshProjectFields(jira, repositories.projectFields, event.projectId, site, now())).kind === 'read') configuration = await loadProjectConfiguration(repositories, event.projectId, site);
    } catch (error: unknown) {
      // Jira's failure here only means the default stays what is stored (the site's when nothing is).
      if (!isJiraError(error)) throw error;
      console.warn("Throughline: the project's fields could not be read for its default configuration", describeForLog(error));
    }
  }
  if (configuration.blocked !== null || (site.appFields.score === null && site.appFields.readiness === null)) {
    const message = configuration.blocked ?? "Jira does not list the app's fields (Priority score, Readiness) on this site yet; reinstall the app or try again later.";
    const committed = await commit((current) => ({ status: 'failed', cursor: current.cursor, progress: progressWith(current, { status: 'failed', finishedAt: now().toISOString(), message }) }));
    return committed ? { kind: 'failed', progress: run.record.progress } : { kind: 'stale' };
  }
  if (run.record.cursor.adoptThemeIndex === true) {
    // The one-off adoption of the theme properties found on the project's epics, vouched for by the
    // admin who started this run; every later run reads only what the app stored.
    await adoptThemeIndex(jira, repositories.epicThemes, configuration, run.record.progress.requestedBy, now());
    if (!(await commit((current) => ({ status: current.status, cursor: { nextPageToken: current.cursor.nextPageToken, pages: current.cursor.pages, epics: current.cursor.epics }, progress: current.progress })))) return { kind: 'stale' };
  }
  // As the app: epics' theme properties are read too, and put back where they disagree with storage.
  const evaluator = createEvaluator(configuration, site, repositories.epicThemes, { repairThemeIndex: true });
  const jql = projectJql(event.projectId);

  if (run.record.progress.total === null) {
    let total: number | null = null;
    try {
      total = await approximateCount(jira, jql);
    } catch (error: unknown) {
      // The count only feeds the progress bar: without it the bar shows what is done.
      if (!isJiraError(error)) throw error;
    }
    if (!(await commit((current) => ({ status: current.status, cursor: current.cursor, progress: progressWith(current, { total }) })))) return { kind: 'stale' };
  }

  const epics = epicsFromCursor(run.record.cursor);
  const pending: Pending = { values: [], properties: new PropertyGroups(), themeIndex: [], propertyPage: Number.POSITIVE_INFINITY };
  /** Why each written value moved (services/score-history.ts), by page: recorded as its page counts as written. */
  const history = new HistoryBatch(repositories.history, clock);
  /** Pages read in this step, in order: where each ends, how many issues and changes it had. */
  const pages: { readonly nextPageToken: string | null; readonly issues: number; readonly changed: number; readonly scored: number; readonly seen: Readonly<Record<string, number>> }[] = [];
  let committedPages = 0;
  let appCalls = 0;
  let propertyCalls = 0;
  let committedAppCalls = 0;
  let committedPropertyCalls = 0;

  // The recount of the rollups rides on the same reads (services/rollups.ts).
  const reconciler = repositories.rollups === undefined ? undefined : new RollupReconciler(repositories.rollups, event.projectId, configuration);
  const addSeen = (into: Record<string, number>, more: Readonly<Record<string, number>>): Record<string, number> => {
    for (const [group, count] of Object.entries(more)) into[group] = (into[group] ?? 0) + count;
    return into;
  };
  /** Pages (of this step) whose every change is written. */
  const flushedPages = (): number => Math.min(pending.values[0]?.page ?? pages.length, pending.propertyPage, reconciler?.pendingFromPage ?? Number.POSITIVE_INFINITY, pages.length);

  const writeAppChunks = async (all: boolean): Promise<void> => {
    while (pending.values.length >= APP_FIELD_PAIRS_PER_CALL || (all && pending.values.length > 0)) {
      const chunk = pending.values.slice(0, APP_FIELD_PAIRS_PER_CALL);
      appCalls += await writeAppFieldValues(jira, chunk.map((entry) => entry.value));
      // Only once written: a failed write leaves its pages not done, to be read again.
      pending.values.splice(0, chunk.length);
    }
  };
  const writeProperties = async (): Promise<void> => {
    if (pending.properties.size === 0 && pending.themeIndex.length === 0) return;
    propertyCalls += await writeReadinessProperties(jira, pending.properties);
    pending.properties.clear();
    // A few epics at a time: each is a different issue (Jira limits writes per issue, not across
    // them), and a first recompute may find every epic's property to put right.
    while (pending.themeIndex.length > 0) {
      const batch = pending.themeIndex.slice(0, THEME_INDEX_WRITES_AT_ONCE);
      await Promise.all(batch.map((next) => writeThemeIndex(jira, next.issueId, next.value)));
      propertyCalls += batch.length;
      pending.themeIndex.splice(0, batch.length);
    }
    pending.propertyPage = Number.POSITIVE_INFINITY;
  };
  /** Stores the cursor after the pages that are fully written, with the counts they add. */
  const commitFlushed = async (status: 'running' | 'done'): Promise<boolean> => {
    const upTo = flushedPages();
    // The history of the pages whose every change is written, before the cursor passes them (it never throws).
    await history.flush(upTo);
    const newly = pages.slice(committedPages, upTo);
    const last = pages[upTo - 1];
    const appDelta = appCalls - committedAppCalls;
    const propertyDelta = propertyCalls - committedPropertyCalls;
    if (newly.length === 0 && status === 'running' && appDelta === 0 && propertyDelta === 0) return true;
    const ok = await commit((current) => ({
      status,
      cursor: {
        nextPageToken: last === undefined ? current.cursor.nextPageToken : last.nextPageToken,
        pages: current.cursor.pages + newly.length,
        epics: epicsToCursor(epics),
        ...(current.cursor.rollupSeenLost === true ? { rollupSeenLost: true } : { rollupSeen: newly.reduce((seen, page) => addSeen(seen, page.seen), { ...(current.cursor.rollupSeen ?? {}) }) }),
      },
      progress: progressWith(current, {
        status,
        done: current.progress.done + newly.reduce((sum, page) => sum + page.issues, 0),
        changed: current.progress.changed + newly.reduce((sum, page) => sum + page.changed, 0),
        scored: (current.progress.scored ?? 0) + newly.reduce((sum, page) => sum + page.scored, 0),
        writeCalls: { appFields: current.progress.writeCalls.appFields + appDelta, properties: current.progress.writeCalls.properties + propertyDelta },
        failedAttempts: newly.length > 0 || status === 'done' ? 0 : current.progress.failedAttempts,
        ...(status === 'done' ? { finishedAt: now().toISOString(), total: Math.max(current.progress.total ?? 0, current.progress.done + newly.reduce((sum, page) => sum + page.issues, 0)) } : {}),
      }),
    }));
    if (ok) {
      committedPages = upTo;
      committedAppCalls = appCalls;
      committedPropertyCalls = propertyCalls;
    }
    return ok;
  };
  /** Before writing, make sure the run is still this one: a superseded run must not write old values. */
  const stillCurrent = async (): Promise<boolean> => {
    const latest = await store.load(event.projectId);
    return latest?.runId === event.runId && latest.lease === run.record.lease;
  };

  /** How long each page took to read and evaluate: the step's measure of a Jira call here. */
  const pageMs: number[] = [];
  let pageStarted = clock();
  /**
   * Writing what is pending takes about one call per app field chunk, two per verdict (the call and
   * its task) and one per few epics whose theme index is repaired (a property the app did not write
   * is put back epic by epic, so a project full of them must not push the step past its limit),
   * and recording why the values moved (storage, as the flushes so far measured it).
   */
  const flushEstimateMs = (): number => {
    const callMs = pageMs.length === 0 ? 0 : pageMs.reduce((sum, ms) => sum + ms, 0) / pageMs.length;
    return (Math.ceil(pending.values.length / APP_FIELD_PAIRS_PER_CALL) + 2 * pending.properties.groups + Math.ceil(pending.themeIndex.length / THEME_INDEX_WRITES_AT_ONCE)) * callMs + history.estimateMs();
  };

  try {
    let sinceCommit = 0;
    for await (const page of evaluateProject(jira, evaluator, { jql, pageToken: run.record.cursor.nextPageToken, epics, now: now() })) {
      const index = pages.length;
      let changed = 0;
      let scored = 0;
      const pageAt = now();
      for (const evaluation of page.evaluations) {
        history.add(evaluation, configuration, pageAt, index);
        const values = appFieldValuesOf(evaluation, site);
        for (const value of values) pending.values.push({ page: index, value });
        if (evaluation.changed.property && evaluation.values.property !== undefined) {
          pending.properties.add(evaluation.issueId, evaluation.values.property);
          pending.propertyPage = Math.min(pending.propertyPage, index);
        }
        if (evaluation.themeIndex !== undefined) {
          pending.themeIndex.push({ issueId: evaluation.issueId, value: evaluation.themeIndex });
          pending.propertyPage = Math.min(pending.propertyPage, index);
        }
        if (values.length > 0 || evaluation.changed.property || evaluation.themeIndex !== undefined) changed++;
        if (evaluation.values.score !== null) scored++;
      }
      const seen = reconciler === undefined ? {} : reconciler.add(index, page.issues, page.evaluations);
      pages.push({ nextPageToken: page.nextPageToken, issues: page.evaluations.length, changed, scored, seen });

      if (page.isLast) {
        if (!(await stillCurrent())) return { kind: 'stale' };
        await writeAppChunks(true);
        await writeProperties();
        await reconciler?.flush(now());
        if (reconciler !== undefined) {
          // Every page is read: groups whose stored count differs from the run's are checked, then
          // the project counts as recounted as of the run's start.
          const cursor = run.record.cursor;
          const total = cursor.rollupSeenLost === true ? undefined : pages.slice(committedPages).reduce((all, read) => addSeen(all, read.seen), { ...(cursor.rollupSeen ?? {}) });
          await reconciler.finish(jira, total, { runId: event.runId, startedAt: run.record.progress.startedAt }, now());
        }
        return (await commitFlushed('done')) ? { kind: 'done', progress: run.record.progress } : { kind: 'stale' };
      }
      pageMs.push(clock() - pageStarted);
      if (clock() - started + flushEstimateMs() >= context.budgetMs) {
        if (!(await stillCurrent())) return { kind: 'stale' };
        await writeAppChunks(true);
        await writeProperties();
        await reconciler?.flush(now());
        if (!(await commitFlushed('running'))) return { kind: 'stale' };
        await context.queue.push({ kind: 'project-step', projectId: event.projectId, runId: event.runId });
        return { kind: 'continued', progress: run.record.progress };
      }
      if (pending.values.length >= APP_FIELD_PAIRS_PER_CALL || pending.properties.size >= PROPERTY_FLUSH_ISSUES || (reconciler?.pendingStories ?? 0) >= ROLLUP_FLUSH_STORIES) {
        if (!(await stillCurrent())) return { kind: 'stale' };
        await writeAppChunks(false);
        if (pending.properties.size >= PROPERTY_FLUSH_ISSUES) await writeProperties();
        if ((reconciler?.pendingStories ?? 0) >= ROLLUP_FLUSH_STORIES) await reconciler?.flush(now());
      }
      if (++sinceCommit >= COMMIT_EVERY_PAGES && flushedPages() > committedPages) {
        if (!(await commitFlushed('running'))) return { kind: 'stale' };
        sinceCommit = 0;
      }
      pageStarted = clock();
    }
    // The search ended without a last page (it cannot, but never leave a run hanging).
    await writeAppChunks(true);
    await writeProperties();
    await reconciler?.flush(now());
    return (await commitFlushed('done')) ? { kind: 'done', progress: run.record.progress } : { kind: 'stale' };
  } catch (error: unknown) {
    // Keep what was fully written (the rollups of the pages read are written now: storage, not the
    // Jira call that failed), then report the failed batch and have the queue retry the rest.
    await reconciler?.flush(now()).catch(() => undefined);
    if (!(await commitFlushed('running').catch(() => false))) return { kind: 'stale' };
    const message = errorMessageOf(error);
    const madeProgress = run.record.progress.done > doneAtStart;
    const at = now().toISOString();
    let failedAttempts = 0;
    const ok = await commit((current) => {
      failedAttempts = madeProgress ? 1 : current.progress.failedAttempts + 1;
      const gaveUp = failedAttempts >= MAX_FAILED_ATTEMPTS;
      const recentErrors: RunError[] = [...current.progress.recentErrors, { at, message }].slice(-MAX_RECENT_ERRORS);
      return {
        status: gaveUp ? 'failed' : 'running',
        cursor: { ...current.cursor, epics: epicsToCursor(epics) },
        progress: progressWith(current, {
          status: gaveUp ? 'failed' : 'running',
          errors: current.progress.errors + 1,
          recentErrors,
          failedAttempts,
          ...(gaveUp ? { finishedAt: at, message: `Stopped after ${failedAttempts} failed attempts in a row: ${message}` } : {}),
        }),
      };
    });
    if (!ok) return { kind: 'stale' };
    if (run.record.status === 'failed') return { kind: 'failed', progress: run.record.progress };
    return { kind: 'retry', retryAfterSeconds: retryDelaySeconds(error, failedAttempts), progress: run.record.progress, message };
  }
}

/** The progress of a project's latest run, or null when it never ran. */
export async function recomputeProgress(repositories: Repositories, projectId: string): Promise<RecomputeProgress | null> {
  return (await repositories.recompute.load(projectId))?.progress ?? null;
}

/**
 * Recomputes the children of an epic (its theme or weight may have changed): read page by page,
 * written in one batch per page. Small: an epic has tens, rarely hundreds, of children.
 *
 * A child may sit in another project than its epic (company-managed projects allow a parent in
 * another project). Each child is evaluated with its own project's configuration, as its own
 * project's admins set it up, never with the epic's; children in projects where nobody configured
 * Throughline (every document still the default) are left untouched: an admin attaching an epic in
 * one project does not make the app start writing into a project that never chose it.
 */
export async function recomputeEpicChildren(context: Omit<StepContext, 'queue' | 'budgetMs'>, event: { readonly projectId: string; readonly epicKey: string }): Promise<{ readonly evaluated: number; readonly writes: number; readonly skippedProjects: readonly string[] }> {
  const now = (context.now ?? (() => new Date()))();
  const jql = childrenJql(event.epicKey);
  // Which projects the children are in: ids only, one search page per 5,000 children.
  const projects = new Set<string>();
  for await (const page of searchPages(context.jira, { jql, fields: ['project'], pageSize: MAX_PAGE_SIZE })) {
    for (const child of page.issues) {
      const project = child.fields.project;
      if (isRecord(project) && typeof project.id === 'string' && PROJECT_ID.test(project.id)) projects.add(project.id);
    }
  }
  let evaluated = 0;
  let writes = 0;
  const skippedProjects: string[] = [];
  for (const projectId of [...projects].sort()) {
    const configuration = await loadProjectConfiguration(context.repositories, projectId, context.site);
    if (configuration.blocked !== null || (projectId !== event.projectId && !isConfigured(configuration))) {
      skippedProjects.push(projectId);
      continue;
    }
    const evaluator = createEvaluator(configuration, context.site, context.repositories.epicThemes);
    for await (const page of evaluateProject(context.jira, evaluator, { jql: childrenJql(event.epicKey, projectId), now })) {
      const values: AppFieldValue[] = [];
      const groups = new PropertyGroups();
      const placed: Placement[] = [];
      const history = new HistoryBatch(context.repositories.history);
      page.evaluations.forEach((evaluation, index) => {
        history.add(evaluation, configuration, now);
        values.push(...appFieldValuesOf(evaluation, context.site));
        if (evaluation.changed.property && evaluation.values.property !== undefined) groups.add(evaluation.issueId, evaluation.values.property);
        const issue = page.issues[index];
        const placement = issue === undefined ? undefined : placementOf(issue, evaluation, configuration, projectId);
        if (placement !== undefined) placed.push(placement);
      });
      writes += await writeAppFieldValues(context.jira, values);
      writes += await writeReadinessProperties(context.jira, groups);
      await history.flush();
      // Their scores (the epic's theme weighs in) and places in the rollups, as read now.
      if (context.repositories.rollups !== undefined) await keepRollups(context.repositories.rollups, { placed }, now);
      evaluated += page.evaluations.length;
    }
  }
  return { evaluated, writes, skippedProjects };
}
