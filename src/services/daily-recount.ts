/**
 * The daily recount (manifest.yml `scheduledTrigger` `daily-recount`): every project the app keeps
 * data for gets a bulk recompute, which reads every issue again and repairs the rollups that missed
 * events left wrong (services/rollups.ts) and any value whose event was lost. What time alone
 * changes is the daily recompute's job, reading only the issues concerned
 * (services/daily-recompute.ts); a finished recount also counts there as "values current as of its
 * start". Writes only what changed; a project with a run under way is left to it. One page of
 * projects per invocation, the next page through the queue: safe when Forge fires the trigger twice
 * or late (a second start supersedes the first run, which then writes nothing).
 */
import type { Repositories } from './project-configuration';
import type { RecomputeQueue } from './recompute';
import { requestRecompute } from './recompute';

/** Who a daily recount is requested by (not a person: nothing to report for privacy). */
export const DAILY_RECOUNT_BY = 'app';
/** A run that has not moved for this long is taken to be stuck, and superseded. */
const STUCK_AFTER_MS = 60 * 60 * 1000;

export interface ProjectPages {
  /** One page of the projects the app keeps data for, in key order. */
  projects(cursor?: string): Promise<{ readonly projectIds: readonly string[]; readonly cursor?: string }>;
}

export async function startDailyRecounts(projects: ProjectPages, repositories: Repositories, queue: RecomputeQueue, cursor: string | undefined, now: Date): Promise<{ readonly started: readonly string[]; readonly skipped: readonly string[]; readonly next: string | undefined }> {
  const page = await projects.projects(cursor);
  const started: string[] = [];
  const skipped: string[] = [];
  for (const projectId of page.projectIds) {
    const run = await repositories.recompute.load(projectId);
    if (run?.status === 'running' && now.getTime() - Date.parse(run.progress.updatedAt) < STUCK_AFTER_MS) {
      skipped.push(projectId);
      continue;
    }
    await requestRecompute(repositories, queue, { projectId, reason: 'the daily recount', requestedBy: DAILY_RECOUNT_BY, now });
    started.push(projectId);
  }
  if (page.cursor !== undefined) await queue.push({ kind: 'daily-recount', cursor: page.cursor });
  return { started, skipped, next: page.cursor };
}
