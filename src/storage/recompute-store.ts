/**
 * The state of a project's bulk recompute, one record per project in the `recompute-run` entity.
 *
 * A run has an id; starting a run replaces the record, so a second recompute supersedes the first:
 * the first run's queued steps find another run id and stop. Each step commits its progress
 * conditionally on (run id, lease) and increments the lease, so a step delivered twice (queues
 * deliver at least once) or a stale step can never move the cursor backwards or clobber progress.
 */
import { z } from 'zod';
import { RECOMPUTE_ENTITY, recomputeKey } from './keys';
import type { KvsPort } from './kvs-port';
import { MAX_VALUE_BYTES, byteLengthOf } from './kvs-port';
import { registerProject } from './personal-data';

export type RunStatus = 'running' | 'done' | 'failed';

export interface RunError {
  readonly at: string;
  readonly message: string;
}

/** What the settings page shows while and after a recompute runs. */
export interface RecomputeProgress {
  readonly runId: string;
  readonly status: RunStatus;
  /** Why it runs: "configuration changed", "import", "recompute now", … */
  readonly reason: string;
  readonly requestedBy: string;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
  /** Issues in the project when the run started (Jira's approximate count); null until known. */
  readonly total: number | null;
  /** Issues read, scored and written (or found unchanged). */
  readonly done: number;
  /** Issues whose score, readiness field or readiness property changed. */
  readonly changed: number;
  /**
   * Issues the run left with a score in the "Priority score" field (absent in runs recorded before
   * it was counted): a run that scored some, followed by a Jira holding none, means Jira lost them
   * (services/first-recompute.ts).
   */
  readonly scored?: number;
  readonly writeCalls: { readonly appFields: number; readonly properties: number };
  /** Batches that failed and were retried through the queue. */
  readonly errors: number;
  readonly recentErrors: readonly RunError[];
  /** Failed attempts in a row without progress; the run gives up after a few. */
  readonly failedAttempts: number;
  /** Why a failed run stopped, in words. */
  readonly message: string | null;
}

export interface RunCursor {
  /** The search's token for the next page; null before the first page. */
  readonly nextPageToken: string | null;
  /** Pages committed so far. */
  readonly pages: number;
  /** Epic key → its theme id ("" for none), or null when the epic no longer exists. */
  readonly epics: Readonly<Record<string, string | null>>;
  /**
   * Set on the run a project admin started while the project's existing theme properties were
   * never adopted: its first step adopts them once (services/epic-themes.ts), then clears it.
   */
  readonly adoptThemeIndex?: boolean;
  /** Stories per rollup group in the pages committed so far (services/rollups.ts: the recount's check). */
  readonly rollupSeen?: Readonly<Record<string, number>>;
  /** Set when the counts grew too large to keep in the run: the recount then checks every group. */
  readonly rollupSeenLost?: boolean;
}

export interface RunRecord {
  readonly projectId: string;
  readonly runId: string;
  /** Incremented by every commit; a commit names the lease it read. */
  readonly lease: number;
  readonly status: RunStatus;
  readonly progress: RecomputeProgress;
  readonly cursor: RunCursor;
}

const runErrorSchema = z.object({ at: z.string(), message: z.string() });
const progressSchema = z.object({
  runId: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  reason: z.string(),
  requestedBy: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  total: z.number().nullable(),
  done: z.number(),
  changed: z.number(),
  scored: z.number().optional(),
  writeCalls: z.object({ appFields: z.number(), properties: z.number() }),
  errors: z.number(),
  recentErrors: z.array(runErrorSchema),
  failedAttempts: z.number(),
  message: z.string().nullable(),
});
const recordSchema = z.object({
  projectId: z.string(),
  runId: z.string(),
  lease: z.int(),
  status: z.enum(['running', 'done', 'failed']),
  progress: progressSchema,
  cursor: z.object({
    nextPageToken: z.string().nullable(),
    pages: z.int(),
    epics: z.record(z.string(), z.string().nullable()),
    adoptThemeIndex: z.boolean().optional(),
    rollupSeen: z.record(z.string(), z.int()).optional(),
    rollupSeenLost: z.boolean().optional(),
  }),
});

/** Epics remembered between steps; beyond this the oldest are forgotten (and looked up again if needed). */
export const MAX_REMEMBERED_EPICS = 2_000;
export const MAX_RECENT_ERRORS = 10;

export interface RecomputeStore {
  load(projectId: string): Promise<RunRecord | undefined>;
  /** Starts a run, replacing (superseding) whatever run the project had. */
  start(record: Omit<RunRecord, 'lease'>): Promise<RunRecord>;
  /**
   * Starts a run only if the project's record is still the one read: the run `replacing` names, or
   * none (null). Throws ConditionFailedError otherwise, writing nothing: of two starts based on the
   * same read, one wins.
   */
  startIf(record: Omit<RunRecord, 'lease'>, replacing: string | null): Promise<RunRecord>;
  /** Commits the next state of the run that `current` was read as; throws ConditionFailedError when it moved on. */
  commit(current: RunRecord, next: Omit<RunRecord, 'lease' | 'projectId' | 'runId'>): Promise<RunRecord>;
}

/** Keeps the record under Forge's value limit by forgetting remembered epics, oldest first. */
function bounded(record: RunRecord): RunRecord {
  let epics = Object.entries(record.cursor.epics);
  if (epics.length > MAX_REMEMBERED_EPICS) epics = epics.slice(epics.length - MAX_REMEMBERED_EPICS);
  let result: RunRecord = { ...record, cursor: { ...record.cursor, epics: Object.fromEntries(epics) } };
  while (byteLengthOf(result) > MAX_VALUE_BYTES && epics.length > 0) {
    epics = epics.slice(Math.ceil(epics.length / 2));
    result = { ...result, cursor: { ...result.cursor, epics: Object.fromEntries(epics) } };
  }
  if (byteLengthOf(result) > MAX_VALUE_BYTES && result.cursor.rollupSeen !== undefined) {
    // The recount's check then looks at every group instead: slower, never wrong.
    result = { ...result, cursor: { ...result.cursor, rollupSeen: undefined, rollupSeenLost: true } };
  }
  return result;
}

export function createRecomputeStore(kvs: KvsPort): RecomputeStore {
  return {
    async load(projectId) {
      const raw = await kvs.getEntity<unknown>(RECOMPUTE_ENTITY, recomputeKey(projectId));
      if (raw === undefined) return undefined;
      const parsed = recordSchema.safeParse(raw);
      // A damaged record is as good as none: the next recompute replaces it.
      return parsed.success ? parsed.data : undefined;
    },
    async start(record) {
      const started = bounded({ ...record, lease: 0 });
      // The run names who started it: the project is registered for the privacy report first.
      await registerProject(kvs, record.projectId);
      await kvs.transact([{ entity: RECOMPUTE_ENTITY, key: recomputeKey(record.projectId), value: started as unknown as Record<string, unknown> }]);
      return started;
    },
    async startIf(record, replacing) {
      const started = bounded({ ...record, lease: 0 });
      await registerProject(kvs, record.projectId);
      await kvs.transact([
        {
          entity: RECOMPUTE_ENTITY,
          key: recomputeKey(record.projectId),
          value: started as unknown as Record<string, unknown>,
          conditions: [replacing === null ? { attribute: 'runId', absent: true } : { attribute: 'runId', equals: replacing }],
        },
      ]);
      return started;
    },
    async commit(current, next) {
      const record = bounded({ ...next, projectId: current.projectId, runId: current.runId, lease: current.lease + 1 });
      await kvs.transact([
        {
          entity: RECOMPUTE_ENTITY,
          key: recomputeKey(current.projectId),
          value: record as unknown as Record<string, unknown>,
          conditions: [
            { attribute: 'runId', equals: current.runId },
            { attribute: 'lease', equals: current.lease },
          ],
        },
      ]);
      return record;
    },
  };
}
