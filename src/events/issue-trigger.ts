/**
 * The product-event trigger (manifest: `recompute-on-issue-change`, `filter.ignoreSelf: true` so
 * the app's own writes do not come back): an issue created or updated, an issue link created or
 * deleted. The issues the event touches are recomputed from Jira's current state, as the app,
 * and only changed values are written (services/issue-evaluation.ts). Also recomputed:
 *
 * - the issues an updated issue blocks ("a blocker resolved changes readiness");
 * - for an epic, its stories (they inherit its theme and strategic weight): queued, since an epic
 *   may have hundreds of them and a trigger has 25 s.
 *
 * Events arrive at least once and out of order; nothing is taken from the payload as a value,
 * only as a hint of where to look, so a repeated or late event writes nothing new. A Jira failure
 * that may pass (rate limit, server error, time-out) asks Forge to deliver the event again.
 */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { createJiraClient, describeForLog, isJiraError } from '../jira';
import { forgeRequestJira } from '../jira/forge-request';
import { EvaluatorCache, blockedKeysOf, isEpic, projectIdOf, recomputeIssues } from '../services/issue-evaluation';
import type { RecomputeReport } from '../services/issue-evaluation';
import { loadSiteFields } from '../services/site-fields';
import { forgeStorage } from '../storage/forge-kvs';
import { currentAppId, forgeQueue } from './platform';

const ID = z.string().regex(/^[1-9][0-9]{0,17}$/);
const KEY = z.string().regex(/^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/);

const issueEventSchema = z.looseObject({
  eventType: z.enum(['avi:jira:created:issue', 'avi:jira:updated:issue']),
  issue: z.looseObject({
    id: ID,
    key: KEY.optional(),
    fields: z
      .looseObject({
        project: z.looseObject({ id: ID.optional() }).nullish(),
        parent: z.looseObject({ key: KEY.optional() }).nullish(),
        issuelinks: z.array(z.unknown()).nullish(),
      })
      .optional(),
  }),
});

const linkEventSchema = z.looseObject({
  eventType: z.enum(['avi:jira:created:issuelink', 'avi:jira:deleted:issuelink']),
  sourceIssueId: z.union([ID, z.number().int().positive()]),
  destinationIssueId: z.union([ID, z.number().int().positive()]),
});

/** What a trigger did, for logs and tests. */
export interface TriggerOutcome {
  readonly recomputed: readonly string[];
  readonly missing: readonly string[];
  readonly writes: number;
  readonly reads: number;
  readonly queuedEpics: readonly string[];
}

/** Jira time a trigger allows itself: well inside Forge's 25 s. */
const TRIGGER_BUDGET_MS = 20_000;

function retryable(error: unknown): InvocationError | undefined {
  if (!isJiraError(error)) return undefined;
  if (error.kind === 'rate-limited' || error.kind === 'server-error' || error.kind === 'timeout') {
    return new InvocationError({
      retryAfter: Math.max(1, Math.ceil(error.retryAfterSeconds ?? 30)),
      retryReason: error.kind === 'rate-limited' ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    });
  }
  return undefined;
}

/** The work of one event; exported for tests that count its Jira calls. */
export async function handleIssueEvent(event: unknown): Promise<TriggerOutcome> {
  const jira = createJiraClient(forgeRequestJira('app'), { timeBudgetMs: TRIGGER_BUDGET_MS });
  const repositories = forgeStorage();
  const site = await loadSiteFields(jira, repositories.siteCache, { appId: currentAppId() });
  // As the app: an epic's theme property that disagrees with the stored attachment is put back.
  const cache = new EvaluatorCache(repositories, site, { repairThemeIndex: true });
  const reports: RecomputeReport[] = [];
  const queuedEpics: string[] = [];

  const issueEvent = issueEventSchema.safeParse(event);
  if (issueEvent.success) {
    const { issue } = issueEvent.data;
    const hintedParent = issue.fields?.parent?.key;
    const first = await recomputeIssues(jira, cache, site, [issue.id], {
      projectId: issue.fields?.project?.id,
      parentKeys: hintedParent === undefined ? [] : [hintedParent],
    });
    reports.push(first);
    const evaluated = first.evaluated.find((entry) => entry.issue.id === issue.id);
    if (evaluated !== undefined) {
      const blocked = blockedKeysOf(evaluated.issue);
      if (blocked.length > 0) reports.push(await recomputeIssues(jira, cache, site, blocked));
      const projectId = projectIdOf(evaluated.issue);
      if (isEpic(evaluated.issue) && projectId !== undefined && evaluated.issue.key !== '') {
        await forgeQueue().push({ kind: 'epic-children', projectId, epicKey: evaluated.issue.key });
        queuedEpics.push(evaluated.issue.key);
      }
    }
  } else {
    const linkEvent = linkEventSchema.safeParse(event);
    // Anything else (an event type the manifest does not send here, a malformed payload) is ignored.
    if (!linkEvent.success) return { recomputed: [], missing: [], writes: 0, reads: 0, queuedEpics };
    reports.push(await recomputeIssues(jira, cache, site, [String(linkEvent.data.sourceIssueId), String(linkEvent.data.destinationIssueId)]));
  }
  return {
    recomputed: reports.flatMap((report) => report.evaluated.map((entry) => entry.issue.key)),
    missing: reports.flatMap((report) => report.missing),
    writes: reports.reduce((sum, report) => sum + report.appFieldCalls + report.propertyCalls, 0),
    reads: reports.reduce((sum, report) => sum + report.readCalls, 0),
    queuedEpics,
  };
}

/** manifest.yml `function: on-issue-change` → `index.onIssueChange`. */
export async function onIssueChange(event: unknown): Promise<InvocationError | undefined> {
  try {
    await handleIssueEvent(event);
    return undefined;
  } catch (error: unknown) {
    const retry = retryable(error);
    if (retry !== undefined) return retry;
    // Not worth another delivery (a bug, or an issue Jira refuses to give): say so in the app's logs.
    console.error('Throughline: recomputing after an issue event failed', describeForLog(error));
    return undefined;
  }
}
