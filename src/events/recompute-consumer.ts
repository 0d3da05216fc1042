/**
 * The consumer of the recompute queue (manifest: consumer `recompute` on queue
 * `throughline-recompute`, function `recompute-step` with `timeoutSeconds: 300`).
 *
 * - `project-step`: one step of a project's bulk recompute (services/recompute.ts). A step reads
 *   for at most 40% of what the invocation has left (and never more than two minutes), then hands
 *   the rest on with a new event. A batch that failed after the client's retries comes back as an
 *   InvocationError with Jira's retry-after, so the queue delivers the step again; after three
 *   such retries a fresh event carries on (the queue stops retrying an event after a few), and
 *   the run itself gives up, with a message, only after several attempts in a row without progress.
 * - `epic-children`: the stories of an epic that changed.
 * - `daily-recount`: the next page of projects of the daily recount (services/daily-recount.ts).
 * - `daily-recompute`, `daily-step`: the next page of projects of the daily recompute, and one step
 *   of a project's run (services/daily-recompute.ts), retried like a project step.
 */
import type { AsyncEvent } from '@forge/events';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { createJiraClient, describeForLog, isJiraError } from '../jira';
import { forgeRequestJira } from '../jira/forge-request';
import { recomputeEpicChildren, runRecomputeStep } from '../services/recompute';
import type { StepOutcome } from '../services/recompute';
import { loadSiteFields } from '../services/site-fields';
import { startDailyRecounts } from '../services/daily-recount';
import { runDailyStep } from '../services/daily-recompute';
import type { DailyStepOutcome } from '../services/daily-recompute';
import { dailyRepositories, startDailyRecomputePage } from './daily-recompute';
import { createPersonalDataStore } from '../storage';
import { forgeKvs, forgeStorage } from '../storage/forge-kvs';
import { currentAppId, forgeQueue, remainingInvocationMs } from './platform';

/** The function's `timeoutSeconds` in manifest.yml. */
export const CONSUMER_TIMEOUT_SECONDS = 300;
/** The most one step spends on Jira before handing on. */
export const MAX_STEP_MS = 120_000;
/** Deliveries of one event through InvocationError before a fresh event takes over. */
export const MAX_QUEUE_RETRIES = 3;

const PROJECT_ID = z.string().regex(/^[1-9][0-9]{0,17}$/);
const eventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('project-step'), projectId: PROJECT_ID, runId: z.string().min(1).max(100) }),
  z.object({ kind: z.literal('epic-children'), projectId: PROJECT_ID, epicKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/) }),
  z.object({ kind: z.literal('daily-recount'), cursor: z.string().min(1).max(1000) }),
  z.object({ kind: z.literal('daily-recompute'), cursor: z.string().min(1).max(1000) }),
  z.object({ kind: z.literal('daily-step'), projectId: PROJECT_ID, runId: z.string().min(1).max(100) }),
]);

/**
 * Reading stops at 40% of the time left (two minutes at most); the writes it then holds, and the
 * hand-on, have until 85%: the rest is the platform's margin.
 */
function timing(): { budgetMs: number; deadline: number } {
  const left = remainingInvocationMs() ?? CONSUMER_TIMEOUT_SECONDS * 1000;
  return { budgetMs: Math.min(MAX_STEP_MS, left * 0.4), deadline: Date.now() + left * 0.85 };
}

/** The work of one delivery; exported for tests. */
export async function handleRecomputeEvent(event: AsyncEvent): Promise<StepOutcome | DailyStepOutcome | { kind: 'children'; evaluated: number } | { kind: 'recounts' | 'daily-starts'; started: number } | { kind: 'ignored' }> {
  const parsed = eventSchema.safeParse(event.body);
  if (!parsed.success) return { kind: 'ignored' };
  const body = parsed.data;
  if (body.kind === 'daily-recount') {
    const outcome = await startDailyRecounts(createPersonalDataStore(forgeKvs()), forgeStorage(), forgeQueue(), body.cursor, new Date());
    return { kind: 'recounts', started: outcome.started.length };
  }
  if (body.kind === 'daily-recompute') return { kind: 'daily-starts', ...(await startDailyRecomputePage(body.cursor)) };
  const { budgetMs, deadline } = timing();
  const jira = createJiraClient(forgeRequestJira('app'), { deadline });
  const repositories = forgeStorage();
  const site = await loadSiteFields(jira, repositories.siteCache, { appId: currentAppId() });
  if (body.kind === 'epic-children') {
    const result = await recomputeEpicChildren({ jira, repositories, site }, body);
    return { kind: 'children', evaluated: result.evaluated };
  }
  if (body.kind === 'daily-step') return runDailyStep({ jira, repositories: dailyRepositories(), queue: forgeQueue(), site, budgetMs }, body);
  return runRecomputeStep({ jira, repositories, queue: forgeQueue(), site, budgetMs }, body);
}

/** manifest.yml `function: recompute-step` → `index.recomputeStep`. */
export async function recomputeStep(event: AsyncEvent): Promise<InvocationError | undefined> {
  const retryCount = event.retryContext?.retryCount ?? 0;
  let outcome: Awaited<ReturnType<typeof handleRecomputeEvent>>;
  try {
    outcome = await handleRecomputeEvent(event);
  } catch (error: unknown) {
    // Failures outside a step's own handling (storage, the field list, an epic's children).
    console.error('Throughline: a recompute step failed', describeForLog(error));
    const retryAfter = isJiraError(error) && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds : 30 * (retryCount + 1);
    return new InvocationError({ retryAfter: Math.max(1, Math.ceil(retryAfter)), retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
  }
  if (outcome.kind !== 'retry') return undefined;
  // Only steps come back as `retry`: a project's bulk step or a daily step, handed on as they came.
  const body = event.body as { kind: 'project-step' | 'daily-step'; projectId: string; runId: string };
  if (retryCount < MAX_QUEUE_RETRIES) {
    return new InvocationError({ retryAfter: outcome.retryAfterSeconds, retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED, retryData: { runId: body.runId } });
  }
  await forgeQueue().push({ kind: body.kind, projectId: body.projectId, runId: body.runId }, outcome.retryAfterSeconds);
  return undefined;
}
