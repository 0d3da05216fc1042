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
 * Why each written value moved is recorded on the way (services/score-history.ts); a deleted
 * issue's history is emptied.
 *
 * Every story read is also put in its rollup group (services/rollups.ts), taken out of the group
 * the changelog says it left, and a deleted issue out of the group its last fields name; an epic
 * deleted, moved or turned into a story retires its group, whose stories are read again.
 *
 * Events arrive at least once and out of order; nothing is taken from the payload as a value,
 * only as a hint of where to look, so a repeated or late event writes nothing new. A Jira failure
 * that may pass (rate limit, server error, time-out) asks Forge to deliver the event again.
 */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { createJiraClient, describeForLog, isJiraError } from '../jira';
import { forgeRequestJira } from '../jira/forge-request';
import { groupId, readAtOf, unparentedGroupOf } from '../domain/strategy/rollup';
import { EvaluatorCache, blockedKeysOf, isEpic, projectIdOf, recomputeIssues } from '../services/issue-evaluation';
import type { RecomputeReport } from '../services/issue-evaluation';
import { formerPlacesOf, keepRollups, membersOf, placementOf } from '../services/rollups';
import type { FormerPlace, Placement } from '../services/rollups';
import { loadSiteFields } from '../services/site-fields';
import { forgeStorage } from '../storage/forge-kvs';
import { currentAppId, forgeQueue } from './platform';

const ID = z.string().regex(/^[1-9][0-9]{0,17}$/);
const KEY = z.string().regex(/^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/);

const issueEventSchema = z.looseObject({
  eventType: z.enum(['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:deleted:issue']),
  issue: z.looseObject({
    id: ID,
    key: KEY.optional(),
    fields: z
      .looseObject({
        project: z.looseObject({ id: ID.optional() }).nullish(),
        parent: z.looseObject({ key: KEY.optional() }).nullish(),
        issuetype: z.looseObject({ hierarchyLevel: z.number().optional() }).nullish(),
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
  /** Rollup groups written. */
  readonly rollupWrites: number;
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
  /** Where the event says issues were counted before (changelog, a deleted issue's last fields), by issue id. */
  const former = new Map<string, FormerPlace[]>();
  const gone: { issueId: string; places: FormerPlace[] }[] = [];
  if (issueEvent.success) {
    const { issue } = issueEvent.data;
    const hintedProject = issue.fields?.project?.id;
    const hintedParent = issue.fields?.parent?.key;
    const first = await recomputeIssues(jira, cache, site, [issue.id], {
      projectId: hintedProject,
      parentKeys: hintedParent === undefined ? [] : [hintedParent],
    });
    reports.push(first);
    const evaluated = first.evaluated.find((entry) => entry.issue.id === issue.id);
    const wasEpic = (issue.fields?.issuetype?.hierarchyLevel ?? 0) >= 1;
    if (evaluated === undefined) {
      // Deleted: its score history goes too (storage only; a failure there is only logged).
      if (issueEvent.data.eventType === 'avi:jira:deleted:issue') {
        await repositories.history.forget(issue.id).catch((error: unknown) => {
          console.error('Throughline: forgetting the score history of a deleted issue failed', describeForLog(error));
        });
      }
      // Deleted (or gone where the app cannot see): out of the group its last fields name.
      if (hintedProject !== undefined) {
        const place: FormerPlace = { projectId: hintedProject, groupId: hintedParent === undefined ? groupId(unparentedGroupOf(issue.id)) : `epic:${hintedParent}` };
        // A late update event of an issue deleted since: also out of where its changelog says it was
        // (the delete event named only the last place, and this move may not have been counted yet).
        // An epic too: it may have been counted as a story before its type changed (and that event may come later).
        gone.push({ issueId: issue.id, places: [place, ...formerPlacesOf(event, { id: issue.id, projectId: hintedProject, groupId: place.groupId })] });
        if (wasEpic && issue.key !== undefined) reports.push(await retireGroup({ projectId: hintedProject, groupId: `epic:${issue.key}` }));
      }
    } else {
      const projectId = projectIdOf(evaluated.issue);
      const placement = placementOf(evaluated.issue, evaluated.evaluation, evaluated.configuration);
      const formerPlaces = formerPlacesOf(event, { id: issue.id, projectId, groupId: placement?.groupId });
      // A story whose type became one that is not counted (an epic): out of the group it was counted in.
      if (placement === undefined && projectId !== undefined && changeFrom(event, 'issuetype', (from) => from) !== undefined) {
        formerPlaces.push({ projectId, groupId: hintedParent === undefined ? groupId(unparentedGroupOf(issue.id)) : `epic:${hintedParent}` });
      }
      former.set(issue.id, formerPlaces);
      const blocked = blockedKeysOf(evaluated.issue);
      if (blocked.length > 0) reports.push(await recomputeIssues(jira, cache, site, blocked));
      // An epic whose key, project or level changed: its old group's stories are counted again.
      const formerKey = formerKeyOf(event);
      if (wasEpic && projectId !== undefined && (formerKey !== undefined || !isEpic(evaluated.issue))) {
        reports.push(await retireGroup({ projectId: formerProjectOf(event) ?? projectId, groupId: `epic:${formerKey ?? evaluated.issue.key}` }));
      }
      if (isEpic(evaluated.issue) && projectId !== undefined && evaluated.issue.key !== '') {
        await forgeQueue().push({ kind: 'epic-children', projectId, epicKey: evaluated.issue.key });
        queuedEpics.push(evaluated.issue.key);
      }
    }
  } else {
    const linkEvent = linkEventSchema.safeParse(event);
    // Anything else (an event type the manifest does not send here, a malformed payload) is ignored.
    if (!linkEvent.success) return { recomputed: [], missing: [], writes: 0, reads: 0, queuedEpics, rollupWrites: 0 };
    reports.push(await recomputeIssues(jira, cache, site, [String(linkEvent.data.sourceIssueId), String(linkEvent.data.destinationIssueId)]));
  }

  /** The stories of a group that no longer stands for an epic: read again, and taken out of it. */
  async function retireGroup(place: FormerPlace): Promise<RecomputeReport> {
    const members = await membersOf(repositories.rollups, place);
    for (const id of members) former.set(id, [...(former.get(id) ?? []), place]);
    const report = await recomputeIssues(jira, cache, site, members);
    for (const id of report.missing) gone.push({ issueId: id, places: [place] });
    return report;
  }

  const placed: Placement[] = [];
  const uncounted: { issueId: string; readAt: number }[] = [];
  for (const report of reports) {
    for (const entry of report.evaluated) {
      const placement = placementOf(entry.issue, entry.evaluation, entry.configuration);
      if (placement === undefined) uncounted.push({ issueId: entry.issue.id, readAt: readAtOf(entry.issue) });
      else placed.push(placement);
    }
  }
  const rollups = await keepRollups(repositories.rollups, { placed, uncounted, former, gone }, new Date());
  return {
    recomputed: reports.flatMap((report) => report.evaluated.map((entry) => entry.issue.key)),
    missing: reports.flatMap((report) => report.missing),
    writes: reports.reduce((sum, report) => sum + report.appFieldCalls + report.propertyCalls, 0),
    reads: reports.reduce((sum, report) => sum + report.readCalls, 0),
    queuedEpics,
    rollupWrites: rollups.writes,
  };
}

/** The epic's key before this change (a move to another project gives it a new key). */
function formerKeyOf(event: unknown): string | undefined {
  return changeFrom(event, 'key', (from) => (KEY.safeParse(from).success ? from : undefined));
}

function formerProjectOf(event: unknown): string | undefined {
  return changeFrom(event, 'project', (from) => (ID.safeParse(from).success ? from : undefined), 'from');
}

function changeFrom(event: unknown, field: string, accept: (from: string) => string | undefined, side: 'from' | 'fromString' = 'fromString'): string | undefined {
  const items = changelogSchema.safeParse(event);
  if (!items.success) return undefined;
  for (const item of items.data.changelog.items) {
    const from = item[side];
    if (item.field.toLowerCase() === field && typeof from === 'string') return accept(from);
  }
  return undefined;
}

const changelogSchema = z.looseObject({
  changelog: z.looseObject({ items: z.array(z.looseObject({ field: z.string(), from: z.string().nullish(), fromString: z.string().nullish() })).max(500) }),
});

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
