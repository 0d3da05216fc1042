/**
 * The "Priority score" field filled without an admin pressing Recompute: the issue sidebar, having
 * read an issue of the project as the user (so the user may browse it), asks here whether the
 * project's values in Jira are in step with the app, and queues its bulk recompute when they are not:
 *
 * - the app never computed the project (no run recorded): its first view queues the first run, so
 *   the rank appears and JQL on the field finds issues without anyone configuring the project;
 * - the issue in view has a complete score, but the field is empty on every issue of the project
 *   (one count, as the user): Jira lost what the app wrote, or never got it. A site restored from a
 *   backup, a sandbox copied over, the local emulator started again from its dataset while the
 *   app's storage remembers the project as computed. When the last run left scores behind, that is
 *   certain and the run starts at once; otherwise (a run that found nothing to score, or failed) no
 *   sooner than `RETRY_AFTER_MS` after it started, so a field that stays empty for a reason no run
 *   changes costs one run per project in that time, whatever the number of views;
 * - the fields the project's issues carry changed its default (services/project-fields.ts): the
 *   values written with the former default are rewritten, superseding a run under way (it
 *   computes with the former default).
 *
 * Otherwise a run under way (updated within the last hour) is left to finish. Two views at once start one
 * run: the start is conditional on the record read (none, or the run it replaces), and the loser
 * does nothing. Runs started here name no person ('app'): a view is not a request.
 */
import { randomUUID } from 'node:crypto';
import type { RecomputeStore, RunRecord } from '../storage';
import { ConditionFailedError } from '../storage';
import type { RecomputeQueue } from './recompute';
import { initialProgress } from './recompute';

/** Who runs started by a view are requested by: the app, not the viewer. */
export const IN_STEP_BY = 'app';
/** A run that has not moved for this long is taken to be stuck, and replaced. */
export const STUCK_AFTER_MS = 60 * 60 * 1000;
/** How soon after a run that left no score behind another may be started for the same reason. */
export const RETRY_AFTER_MS = 10 * 60 * 1000;

export const FIRST_VIEW_REASON = "the project's first view";
export const LOST_VALUES_REASON = 'Jira holds no "Priority score" in the project';
export const FIELDS_CHANGED_REASON = "the fields the project's issues carry changed its default";

export interface InStepEvidence {
  readonly projectId: string;
  /** The issue in view has a complete score with the project's configuration. */
  readonly issueScored: boolean;
  /** The issue's "Priority score" field holds no value in Jira. */
  readonly fieldEmpty: boolean;
  /** The project's default changed with what its issues carry, as just read. */
  readonly defaultChanged?: boolean;
  /** Counts the project's issues with a value in the field (one Jira call, as the user); only asked when needed. */
  readonly countScored: () => Promise<number>;
  readonly now?: Date;
}

export type InStepOutcome =
  | { readonly kind: 'in-step' }
  | { readonly kind: 'under-way' }
  /** Another view started the run first. */
  | { readonly kind: 'raced' }
  /** The field is empty, but a run that left no score behind started too recently to start another. */
  | { readonly kind: 'waiting' }
  | { readonly kind: 'queued'; readonly reason: string; readonly runId: string };

function underWay(run: RunRecord, now: Date): boolean {
  return run.status === 'running' && now.getTime() - Date.parse(run.progress.updatedAt) < STUCK_AFTER_MS;
}

async function start(store: RecomputeStore, queue: RecomputeQueue, projectId: string, replacing: RunRecord | undefined, reason: string, now: Date): Promise<InStepOutcome> {
  const runId = randomUUID();
  try {
    await store.startIf({ projectId, runId, status: 'running', progress: initialProgress(runId, { reason, requestedBy: IN_STEP_BY }, now.toISOString()), cursor: { nextPageToken: null, pages: 0, epics: {} } }, replacing?.runId ?? null);
  } catch (error: unknown) {
    if (error instanceof ConditionFailedError) return { kind: 'raced' };
    throw error;
  }
  await queue.push({ kind: 'project-step', projectId, runId });
  return { kind: 'queued', reason, runId };
}

/** See the file comment. Storage and queue failures are thrown: the caller logs them and answers anyway. */
export async function ensureProjectInStep(store: RecomputeStore, queue: RecomputeQueue, evidence: InStepEvidence): Promise<InStepOutcome> {
  const now = evidence.now ?? new Date();
  const run = await store.load(evidence.projectId);
  if (run === undefined) return start(store, queue, evidence.projectId, undefined, FIRST_VIEW_REASON, now);
  // Even over a run under way: it computes with the former default, and must not finish the job.
  if (evidence.defaultChanged === true) return start(store, queue, evidence.projectId, run, FIELDS_CHANGED_REASON, now);
  if (underWay(run, now)) return { kind: 'under-way' };
  if (!evidence.issueScored || !evidence.fieldEmpty) return { kind: 'in-step' };
  const leftScores = run.status === 'done' && (run.progress.scored ?? 0) > 0;
  if (!leftScores && now.getTime() - Date.parse(run.progress.startedAt) < RETRY_AFTER_MS) return { kind: 'waiting' };
  if ((await evidence.countScored()) > 0) return { kind: 'in-step' };
  return start(store, queue, evidence.projectId, run, LOST_VALUES_REASON, now);
}
