/**
 * Keeping the rollups (src/domain/strategy/rollup.ts, stored by src/storage/rollups.ts) current.
 *
 * - Triggers (`keepRollups`): every story an event made the app read is put in its group with what
 *   it reads now; where the event says the story was before (another epic, another project: the
 *   changelog's parent and project items, or a deleted issue's last fields) it is taken out, unless
 *   what is stored there is newer than this read. An epic that is deleted, renamed by a move or
 *   turned into a story retires its group: its stories are read again and put where they now are.
 * - The bulk recompute (`RollupReconciler`): every page it reads places its stories (written per
 *   group once a step, only groups that change, a transaction per index page and up to 24 groups)
 *   and counts them per group; when the run ends, a group that
 *   holds more or fewer stories than the run counted is checked story by story against Jira, and
 *   what no longer belongs there goes. That repairs whatever events were never delivered.
 *
 * Extra Jira calls for a story change: none (the trigger has read the story already). A recount
 * reads the project once (⌈N / 100⌉ searches, shared with the recompute) plus one bulk read per
 * 100 stories of the groups that disagree.
 */
import type { JiraIssue } from '../domain/jira-issue';
import { isRecord } from '../domain/jira-issue';
import type { RollupMember } from '../domain/strategy/rollup';
import { groupId, groupOf, memberOf, readAtOf, unparentedGroupOf } from '../domain/strategy/rollup';
import { bulkFetchIssues, isIssueKey } from '../jira';
import type { JiraClient } from '../jira';
import type { GroupChange, MemberRemoval, RollupState, RollupStore } from '../storage';
import { isGroupId, isProjectId } from '../storage';
import type { IssueEvaluation } from './evaluation';
import { projectIdOf } from './issue-evaluation';
import type { ProjectConfiguration } from './project-configuration';


/** Where an evaluated story is counted, and what it contributes. */
export interface Placement {
  readonly projectId: string;
  readonly groupId: string;
  readonly issueId: string;
  readonly member: RollupMember;
}

/** The issue's project id, when Jira sent one of the right form. */
function projectOf(issue: JiraIssue): string | undefined {
  const id = projectIdOf(issue);
  return isProjectId(id) ? id : undefined;
}

/** The placement of an issue as read and evaluated; undefined for what is not counted (epics, subtasks). */
export function placementOf(issue: JiraIssue, evaluation: IssueEvaluation, configuration: ProjectConfiguration, projectId = projectOf(issue)): Placement | undefined {
  if (projectId === undefined) return undefined;
  const group = groupOf(issue, configuration.readiness.epicLinkFieldId ?? undefined);
  if (group === undefined) return undefined;
  const id = groupId(group);
  if (!isGroupId(id)) return undefined;
  const score = evaluation.score.status === 'scored' ? evaluation.score.score : null;
  return { projectId, groupId: id, issueId: issue.id, member: memberOf(issue, evaluation.readiness, score, configuration.readiness.storyPointsField?.id ?? null) };
}

/** Where an event says an issue was counted before it changed. */
export interface FormerPlace {
  readonly projectId: string;
  readonly groupId: string;
}

/** The former places an `avi:jira:updated:issue` changelog names (parent and project items), given the issue as it is now. */
export function formerPlacesOf(event: unknown, issue: { readonly id: string; readonly projectId: string | undefined; readonly groupId: string | undefined }): FormerPlace[] {
  if (!isRecord(event) || !isRecord(event.changelog) || !Array.isArray(event.changelog.items)) return [];
  let formerProject: string | undefined;
  let formerParent: string | null | undefined;
  for (const item of event.changelog.items as unknown[]) {
    if (!isRecord(item) || typeof item.field !== 'string') continue;
    const field = item.field.toLowerCase();
    if (field === 'project' && typeof item.from === 'string' && isProjectId(item.from)) formerProject = item.from;
    if (field === 'issueparentassociation' || field === 'epic link' || field === 'parent') {
      const from = typeof item.fromString === 'string' ? item.fromString.trim() : '';
      formerParent = isIssueKey(from) ? from : null;
    }
  }
  if (formerProject === undefined && formerParent === undefined) return [];
  const projectId = formerProject ?? issue.projectId;
  if (projectId === undefined) return [];
  const groups = new Set<string>();
  if (formerParent === undefined) {
    if (issue.groupId !== undefined) groups.add(issue.groupId);
  } else if (formerParent === null) {
    groups.add(groupId(unparentedGroupOf(issue.id)));
  } else groups.add(`epic:${formerParent}`);
  return [...groups].filter(isGroupId).map((group) => ({ projectId, groupId: group }));
}

export interface RollupUpdate {
  /** Stories read now, with where they are counted now. */
  readonly placed: readonly Placement[];
  /** Issues read now that are not counted (epics, subtasks), with Jira's `updated` of the read. */
  readonly uncounted?: readonly { readonly issueId: string; readonly readAt: number }[];
  /** Where events say issues were before, by issue id. */
  readonly former?: ReadonlyMap<string, readonly FormerPlace[]>;
  /** Issues Jira no longer has, with where they were counted. */
  readonly gone?: readonly { readonly issueId: string; readonly places: readonly FormerPlace[] }[];
}

/** Applies an update: one write per group that changes (nothing for a repeated or late event). */
export async function keepRollups(store: RollupStore, update: RollupUpdate, now: Date): Promise<{ readonly writes: number; readonly overflow: readonly FormerPlace[] }> {
  const changes = new Map<string, { projectId: string; groupId: string; upsert: Record<string, RollupMember>; remove: MemberRemoval[] }>();
  const changeOf = (projectId: string, group: string) => {
    const key = `${projectId}\u0000${group}`;
    let change = changes.get(key);
    if (change === undefined) {
      change = { projectId, groupId: group, upsert: {}, remove: [] };
      changes.set(key, change);
    }
    return change;
  };
  const readAtOf = new Map<string, number>();
  for (const placement of update.placed) {
    changeOf(placement.projectId, placement.groupId).upsert[placement.issueId] = placement.member;
    readAtOf.set(placement.issueId, placement.member.u);
  }
  for (const { issueId, readAt } of update.uncounted ?? []) readAtOf.set(issueId, readAt);
  for (const [issueId, places] of update.former ?? []) {
    const readAt = readAtOf.get(issueId);
    if (readAt === undefined) continue;
    const current = update.placed.find((placement) => placement.issueId === issueId);
    for (const place of places) {
      if (current !== undefined && current.projectId === place.projectId && current.groupId === place.groupId) continue;
      changeOf(place.projectId, place.groupId).remove.push({ issueId, readAt });
    }
  }
  for (const { issueId, places } of update.gone ?? []) for (const place of places) changeOf(place.projectId, place.groupId).remove.push({ issueId });
  let writes = 0;
  const overflow: FormerPlace[] = [];
  for (const change of changes.values()) {
    const outcome = await store.change(change.projectId, change.groupId, { upsert: change.upsert, remove: change.remove }, now);
    if (outcome === 'written') writes++;
    if (outcome === 'overflow') overflow.push({ projectId: change.projectId, groupId: change.groupId });
  }
  if (overflow.length > 0) await noteOverflow(store, overflow);
  return { writes, overflow };
}

/** Groups too large to store are remembered, so that the page counts live rather than show them short. */
async function noteOverflow(store: RollupStore, overflow: readonly FormerPlace[]): Promise<void> {
  const byProject = new Map<string, string[]>();
  for (const { projectId, groupId: group } of overflow) byProject.set(projectId, [...(byProject.get(projectId) ?? []), group]);
  for (const [projectId, groups] of byProject) {
    const state: RollupState = (await store.loadState(projectId)) ?? { reconciledAt: null, reconcileRunId: null, overflow: [] };
    const merged = [...new Set([...state.overflow, ...groups])].slice(0, 1000);
    if (merged.length !== state.overflow.length) await store.saveState(projectId, { ...state, overflow: merged });
  }
}

/** The ids of a retired group's members (an epic deleted, moved or turned into a story): to be read again. */
export async function membersOf(store: RollupStore, place: FormerPlace): Promise<string[]> {
  const group = await store.loadGroup(place.projectId, place.groupId);
  return Object.keys(group?.members ?? {});
}

/** Fields enough to tell where an issue is counted now. */
const WHERE_FIELDS = ['project', 'issuetype', 'parent', 'updated'];

/**
 * The recount of one project, page by page with the bulk recompute: `page` places a page's stories
 * and returns how many stories each group had in it; `finish` checks the groups whose stored count
 * differs from the run's and marks the project recounted.
 */
export class RollupReconciler {
  constructor(
    private readonly store: RollupStore,
    private readonly projectId: string,
    private readonly configuration: ProjectConfiguration,
  ) {}

  /** Placements read but not written yet, by group and issue id. */
  private readonly pending = new Map<string, Record<string, RollupMember>>();
  private firstPendingPage = Number.POSITIVE_INFINITY;
  private pendingCount = 0;

  /**
   * Places a page's stories (written by `flush`, once per group however many pages it spans) and
   * returns how many stories each group had in the page.
   */
  add(pageIndex: number, issues: readonly JiraIssue[], evaluations: readonly IssueEvaluation[]): Record<string, number> {
    const seen: Record<string, number> = {};
    const byId = new Map(evaluations.map((evaluation) => [evaluation.issueId, evaluation]));
    for (const issue of issues) {
      const evaluation = byId.get(issue.id);
      if (evaluation === undefined) continue;
      const placement = placementOf(issue, evaluation, this.configuration, this.projectId);
      if (placement === undefined) continue;
      seen[placement.groupId] = (seen[placement.groupId] ?? 0) + 1;
      const group = this.pending.get(placement.groupId) ?? {};
      group[placement.issueId] = placement.member;
      this.pending.set(placement.groupId, group);
      this.pendingCount++;
      this.firstPendingPage = Math.min(this.firstPendingPage, pageIndex);
    }
    return seen;
  }

  /** The first page (of this step) with a placement not written yet; Infinity when none. */
  get pendingFromPage(): number {
    return this.firstPendingPage;
  }

  /** Stories placed and not written yet. */
  get pendingStories(): number {
    return this.pendingCount;
  }

  /** Writes what `add` placed: only groups that change are written. Returns the groups written. */
  async flush(now: Date): Promise<number> {
    if (this.pending.size === 0) return 0;
    const changes = new Map<string, GroupChange>([...this.pending].map(([group, upsert]) => [group, { upsert }]));
    const { written, overflow } = await this.store.changeMany(this.projectId, changes, now);
    if (overflow.length > 0) await noteOverflow(this.store, overflow.map((group) => ({ projectId: this.projectId, groupId: group })));
    this.pending.clear();
    this.pendingCount = 0;
    this.firstPendingPage = Number.POSITIVE_INFINITY;
    return written;
  }

  /**
   * `seen`: stories per group over the whole run (undefined when the run could not keep count: then
   * every group is checked). Returns the Jira reads and group writes it made.
   */
  async finish(jira: JiraClient, seen: Readonly<Record<string, number>> | undefined, run: { readonly runId: string; readonly startedAt: string }, now: Date): Promise<{ readonly reads: number; readonly writes: number }> {
    const index = await this.store.readIndex(this.projectId);
    let reads = 0;
    let writes = 0;
    for (const [group, entry] of index) {
      if (seen !== undefined && (seen[group] ?? 0) === entry.summary.count.total) continue;
      const ids = await membersOf(this.store, { projectId: this.projectId, groupId: group });
      if (ids.length === 0) continue;
      // With the Epic Link field when the site has one: where the page placed a story (groupOf) depends on it too.
      const epicLink = this.configuration.readiness.epicLinkFieldId;
      const fetched = await bulkFetchIssues(jira, ids, { fields: epicLink === null ? WHERE_FIELDS : [...WHERE_FIELDS, epicLink] });
      reads += fetched.calls;
      const found = new Map(fetched.issues.map((issue) => [issue.id, issue]));
      const remove: MemberRemoval[] = [];
      for (const id of ids) {
        const issue = found.get(id);
        if (issue === undefined) {
          remove.push({ issueId: id });
          continue;
        }
        const where = groupOf(issue, this.configuration.readiness.epicLinkFieldId ?? undefined);
        const readAt = readAtOf(issue);
        if (projectOf(issue) !== this.projectId || where === undefined || groupId(where) !== group) remove.push({ issueId: id, readAt });
      }
      if (remove.length > 0 && (await this.store.change(this.projectId, group, { remove }, now)) === 'written') writes++;
    }
    const state = await this.store.loadState(this.projectId);
    await this.store.saveState(this.projectId, { reconciledAt: run.startedAt, reconcileRunId: run.runId, overflow: state?.overflow.filter((group) => !index.has(group) || seen === undefined) ?? [] });
    return { reads, writes };
  }
}
