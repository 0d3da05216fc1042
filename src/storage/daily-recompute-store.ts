/**
 * The daily recompute of each project (services/daily-recompute.ts), one record per project in the
 * `daily-recompute` entity: the last run day, the run's query and where it stands, and the time as
 * of which the project's time-driven values are known to be current.
 *
 * Like the bulk recompute's record (recompute-store.ts), every write is a transaction conditional
 * on what was read: a start on (run id, lease) of the record it replaces (or on there being none),
 * a step's commit on its own run id and lease. So when Forge fires the scheduled trigger twice at
 * once, one start wins and the other finds the day taken; a step delivered twice, or one of a run
 * that a later day superseded, moves nothing.
 *
 * `currentAsOf` moves only when a run has written everything it read: a run that fails half way
 * leaves the previous value, so the next day's run looks again from there.
 */
import { z } from 'zod';
import { assertValidKey, isProjectId, StorageKeyError } from './keys';
import type { KvsPort } from './kvs-port';
import { ConditionFailedError, MAX_VALUE_BYTES, byteLengthOf } from './kvs-port';

export const DAILY_RECOMPUTE_ENTITY = 'daily-recompute';
/** Errors kept with a run, newest last. */
export const MAX_DAILY_ERRORS = 5;

export function dailyRecomputeKey(projectId: string): string {
  if (!isProjectId(projectId)) throw new StorageKeyError(`"${String(projectId).slice(0, 40)}" is not a Jira project id.`);
  return assertValidKey(`daily:${projectId}`);
}

export type DailyRunStatus = 'running' | 'done' | 'failed';

export interface DailyProgress {
  /** Issues read and evaluated, in pages whose values are written (a page read again after a failure counts once). */
  readonly read: number;
  /** Issues whose score, Readiness field or readiness property was written. */
  readonly changed: number;
  readonly writeCalls: { readonly appFields: number; readonly properties: number };
  /** Attempts that failed on Jira, and in a row without progress (the run gives up after a few). */
  readonly errors: number;
  readonly failedAttempts: number;
  readonly recentErrors: readonly { readonly at: string; readonly message: string }[];
  /** Why a failed run stopped, in words. */
  readonly message: string | null;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
}

export interface DailyRunRecord {
  readonly projectId: string;
  /** The UTC day (YYYY-MM-DD) of the latest run: the scheduled trigger runs a project once a day. */
  readonly day: string;
  readonly runId: string;
  /** Incremented by every write; a write names the lease it read. */
  readonly lease: number;
  readonly status: DailyRunStatus;
  /** When the run started: what it brings the values up to. */
  readonly startedAt: string;
  /** The run looks for what time changed after this (null: no earlier time was known). */
  readonly since: string | null;
  /** The start of the last run that finished (or of the last full recompute): values are current as of then. */
  readonly currentAsOf: string | null;
  /** The run's query as built (compared with the one built again, never sent from here), and its next page. */
  readonly cursor: { readonly jql: string; readonly nextPageToken: string | null; readonly pages: number };
  /** What the query looks for, in words. */
  readonly looksFor: readonly string[];
  readonly progress: DailyProgress;
}

const recordSchema = z.object({
  projectId: z.string(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  runId: z.string().min(1),
  lease: z.int().min(0),
  status: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  since: z.string().nullable(),
  currentAsOf: z.string().nullable(),
  cursor: z.object({ jql: z.string(), nextPageToken: z.string().nullable(), pages: z.int().min(0) }),
  looksFor: z.array(z.string()),
  progress: z.object({
    read: z.number(),
    changed: z.number(),
    writeCalls: z.object({ appFields: z.number(), properties: z.number() }),
    errors: z.number(),
    failedAttempts: z.number(),
    recentErrors: z.array(z.object({ at: z.string(), message: z.string() })),
    message: z.string().nullable(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
  }),
});

export interface DailyRecomputeStore {
  /** The project's record; undefined when none (or damaged: the next start replaces it). */
  load(projectId: string): Promise<DailyRunRecord | undefined>;
  /**
   * Starts a run in place of `previous` (the record as loaded, or undefined when there was none);
   * throws ConditionFailedError when someone else wrote the record since.
   */
  start(next: Omit<DailyRunRecord, 'lease'>, previous: DailyRunRecord | undefined): Promise<DailyRunRecord>;
  /** Commits the next state of the run `current` was read as; throws ConditionFailedError when it moved on. */
  commit(current: DailyRunRecord, next: Omit<DailyRunRecord, 'lease' | 'projectId' | 'runId'>): Promise<DailyRunRecord>;
}

/** A query is short, but errors and words must never push the record past Forge's limit. */
function bounded(record: DailyRunRecord): DailyRunRecord {
  const trimmed = { ...record, progress: { ...record.progress, recentErrors: record.progress.recentErrors.slice(-MAX_DAILY_ERRORS).map((error) => ({ at: error.at, message: error.message.slice(0, 500) })) } };
  if (byteLengthOf(trimmed) <= MAX_VALUE_BYTES) return trimmed;
  return { ...trimmed, looksFor: [], progress: { ...trimmed.progress, recentErrors: [] } };
}

export function createDailyRecomputeStore(kvs: KvsPort): DailyRecomputeStore {
  const write = async (record: DailyRunRecord, conditions: { runId: string; lease: number } | 'absent' | 'none'): Promise<DailyRunRecord> => {
    const stored = bounded(record);
    await kvs.transact([
      {
        entity: DAILY_RECOMPUTE_ENTITY,
        key: dailyRecomputeKey(record.projectId),
        value: stored as unknown as Record<string, unknown>,
        conditions: conditions === 'none' ? [] : conditions === 'absent' ? [{ attribute: 'runId', absent: true }] : [{ attribute: 'runId', equals: conditions.runId }, { attribute: 'lease', equals: conditions.lease }],
      },
    ]);
    return stored;
  };
  return {
    async load(projectId) {
      const raw = await kvs.getEntity<unknown>(DAILY_RECOMPUTE_ENTITY, dailyRecomputeKey(projectId));
      if (raw === undefined) return undefined;
      const parsed = recordSchema.safeParse(raw);
      return parsed.success ? parsed.data : undefined;
    },
    async start(next, previous) {
      if (previous !== undefined) return write({ ...next, lease: previous.lease + 1 }, { runId: previous.runId, lease: previous.lease });
      // None was read: none stored, or a damaged one (replaced on what identity it still has, so
      // that a project is never stuck behind a record nobody can read).
      const raw = await kvs.getEntity<Record<string, unknown>>(DAILY_RECOMPUTE_ENTITY, dailyRecomputeKey(next.projectId));
      if (raw === undefined) return write({ ...next, lease: 0 }, 'absent');
      // A readable record now: another start wrote it since the caller read none.
      if (recordSchema.safeParse(raw).success) throw new ConditionFailedError('Another start wrote the record first; nothing was written.');
      const { runId, lease } = raw;
      const identity = typeof runId === 'string' && typeof lease === 'number' && Number.isInteger(lease) ? { runId, lease } : undefined;
      return write({ ...next, lease: (identity?.lease ?? 0) + 1 }, identity ?? 'none');
    },
    commit(current, next) {
      return write({ ...next, projectId: current.projectId, runId: current.runId, lease: current.lease + 1 }, { runId: current.runId, lease: current.lease });
    },
  };
}
