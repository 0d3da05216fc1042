/**
 * Rollups: what the vision map needs of an epic's stories (counts, estimate, readiness, scores),
 * kept by the app so that the page reads one small summary per epic instead of every story.
 *
 * A rollup is never incremented: it holds each story's contribution under the story's id, as
 * read from Jira's current state, and its summary is always recomputed from all of them. A story
 * read twice replaces its own entry with the same values, so a duplicate or late event changes
 * nothing; a story read later than an entry that is newer (Jira's `updated`) is not written back.
 *
 * The stories of a project are grouped by parent: one group per epic key, and the stories without
 * an epic spread over a few groups by issue id (there can be tens of thousands of them, and one
 * stored value holds at most 240 KiB).
 */
import type { JiraIssue } from '../jira-issue';
import { parentOf, statusCategoryOf } from '../jira-issue';
import type { ReadinessResult } from '../readiness';
import { timeOf } from '../readiness/field-rules';
import { estimatedPointsOf, isStoryLevel } from './estimates';

/** Groups for the stories without an epic, by issue id. */
export const UNPARENTED_GROUPS = 32;

/** One story's contribution, in the short form it is stored in. */
export interface RollupMember {
  /** Issue key (for the page and for a recount), e.g. "TL-12". */
  readonly k: string;
  /** Jira's `updated` of the read this came from, ms since 1970 (0: unknown). */
  readonly u: number;
  /** 1 when in the Done status category. */
  readonly d: 0 | 1;
  /** Story points; null when not estimated. */
  readonly p: number | null;
  /** Readiness: r(eady), n(ot ready), -(not checked). */
  readonly r: 'r' | 'n' | '-';
  /** Blocking rules that fail (when not ready). */
  readonly f?: readonly string[];
  /** The priority score; null when incomplete or invalid. */
  readonly s: number | null;
}

/** Where a story is counted: the epic it belongs to (by key), or a group of stories without one. */
export type RollupGroup = { readonly kind: 'epic'; readonly epicKey: string } | { readonly kind: 'unparented'; readonly shard: number };

export interface RollupSummary {
  /** The epic's key; null for a group of stories without an epic. */
  readonly epicKey: string | null;
  readonly count: { readonly done: number; readonly total: number };
  readonly points: { readonly done: number; readonly open: number; readonly unestimated: number };
  readonly readiness: { readonly ready: number; readonly notReady: number; readonly checked: number };
  /** Blocking rules that fail, with how many stories fail each, most first (ties by rule id). */
  readonly failing: readonly (readonly [string, number])[];
  /** Stories whose score is incomplete or invalid. */
  readonly incomplete: number;
  readonly topScore: number | null;
}

/** The id of a group, as stored: `epic:<KEY>` or `none:<n>`. */
export function groupId(group: RollupGroup): string {
  return group.kind === 'epic' ? `epic:${group.epicKey}` : `none:${group.shard}`;
}

export function unparentedGroupOf(issueId: string): RollupGroup {
  // The last digits of an id spread evenly: ids are given out in sequence.
  const tail = Number(issueId.slice(-6));
  return { kind: 'unparented', shard: (Number.isFinite(tail) ? tail : 0) % UNPARENTED_GROUPS };
}

/**
 * Where a story is counted, as the vision map counts it: under its parent's key when it has a
 * parent that is (or may be) an epic; otherwise with the stories without an epic. Undefined for
 * issues that are not stories (epics, subtasks): they carry no estimate of their own here.
 */
export function groupOf(issue: JiraIssue, epicLinkFieldId?: string): RollupGroup | undefined {
  if (!isStoryLevel(issue)) return undefined;
  const parent = parentOf(issue.fields, epicLinkFieldId);
  if (parent !== undefined && (parent.hierarchyLevel === undefined || parent.hierarchyLevel >= 1)) return { kind: 'epic', epicKey: parent.key };
  return unparentedGroupOf(issue.id);
}

/** Jira's `updated` of an issue as read, in ms (0 when absent): which of two reads is newer. */
export function readAtOf(issue: JiraIssue): number {
  // Jira sends it as text ("…+0000"); anything else is not Jira's `updated`.
  const updated = issue.fields.updated;
  return typeof updated === 'string' ? (timeOf(updated) ?? 0) : 0;
}

/** A story's contribution, from the issue as read and its evaluation. */
export function memberOf(issue: JiraIssue, readiness: ReadinessResult, score: number | null, storyPointsFieldId: string | null): RollupMember {
  const points = estimatedPointsOf(issue, storyPointsFieldId);
  const r = readiness.verdict === 'ready' ? 'r' : readiness.verdict === 'not-ready' ? 'n' : '-';
  const failing = readiness.failures.map((failure) => failure.ruleId);
  return {
    k: issue.key,
    u: readAtOf(issue),
    d: statusCategoryOf(issue.fields) === 'done' ? 1 : 0,
    p: points ?? null,
    r,
    ...(r === 'n' && failing.length > 0 ? { f: failing } : {}),
    s: score !== null && Number.isFinite(score) ? score : null,
  };
}

export function sameMember(a: RollupMember | undefined, b: RollupMember | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.k === b.k && a.u === b.u && a.d === b.d && a.p === b.p && a.r === b.r && a.s === b.s && (a.f ?? []).join(',') === (b.f ?? []).join(',');
}

/** Whether `fresh` may replace `stored`: never with a read older than the one stored. */
export function mayReplace(stored: RollupMember | undefined, fresh: RollupMember): boolean {
  return stored === undefined || fresh.u >= stored.u;
}

/** The summary of a group's members, recomputed from all of them (in id order, so sums repeat exactly). */
export function summaryOf(epicKey: string | null, members: Readonly<Record<string, RollupMember>>): RollupSummary {
  let done = 0;
  let total = 0;
  let donePoints = 0;
  let openPoints = 0;
  let unestimated = 0;
  let ready = 0;
  let notReady = 0;
  let incomplete = 0;
  let topScore: number | null = null;
  const failing = new Map<string, number>();
  for (const id of Object.keys(members).sort(compareIds)) {
    const member = members[id];
    if (member === undefined) continue;
    total++;
    if (member.d === 1) done++;
    if (member.p === null) unestimated++;
    else if (member.d === 1) donePoints += member.p;
    else openPoints += member.p;
    // Readiness is about work not yet done: a done story is neither ready nor not ready here,
    // even as stored by an earlier version that judged it.
    if (member.d !== 1 && member.r === 'r') ready++;
    if (member.d !== 1 && member.r === 'n') {
      notReady++;
      for (const rule of member.f ?? []) failing.set(rule, (failing.get(rule) ?? 0) + 1);
    }
    if (member.s === null) incomplete++;
    else if (topScore === null || member.s > topScore) topScore = member.s;
  }
  return {
    epicKey,
    count: { done, total },
    points: { done: donePoints, open: openPoints, unestimated },
    readiness: { ready, notReady, checked: ready + notReady },
    failing: [...failing].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    incomplete,
    topScore,
  };
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Several summaries of the same epic (or of all stories without one) as one. */
export function combineSummaries(epicKey: string | null, parts: readonly RollupSummary[]): RollupSummary {
  const failing = new Map<string, number>();
  let topScore: number | null = null;
  const sum = (pick: (part: RollupSummary) => number): number => parts.reduce((total, part) => total + pick(part), 0);
  for (const part of parts) {
    for (const [rule, stories] of part.failing) failing.set(rule, (failing.get(rule) ?? 0) + stories);
    if (part.topScore !== null && (topScore === null || part.topScore > topScore)) topScore = part.topScore;
  }
  return {
    epicKey,
    count: { done: sum((part) => part.count.done), total: sum((part) => part.count.total) },
    points: { done: sum((part) => part.points.done), open: sum((part) => part.points.open), unestimated: sum((part) => part.points.unestimated) },
    readiness: { ready: sum((part) => part.readiness.ready), notReady: sum((part) => part.readiness.notReady), checked: sum((part) => part.readiness.checked) },
    failing: [...failing].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    incomplete: sum((part) => part.incomplete),
    topScore,
  };
}
