/**
 * "Order the backlog by score": a board's backlog ranked as the app's score says, with the fewest
 * rank calls (src/domain/ranking), written AS THE USER after checking that the user may rank
 * (Schedule issues) in the project in view. Which board, and what of a board that spans other
 * projects (only this project's issues move), is src/services/backlog-boards.ts. The previous order
 * is saved per board so that Undo restores it: exactly when nothing else moved meanwhile, otherwise
 * what it can, saying what changed. Pinned issues (per project, with who, when and why), issues
 * whose score is incomplete and other projects' issues keep their places.
 */
import type { BacklogApartView, BacklogIssueFailure, BacklogOrderPreview, BacklogOrderResult, BacklogPinView, UndoBacklogOrderResult } from '../contract';
import { applyRankCall, changesSince, desiredOrderByScore, planOrder } from '../domain/ranking';
import type { OrderPlan, RankCall } from '../domain/ranking';
import { getIssue, getMyPermissions, isIssueKey, isJiraError, rankIssues, readBacklog } from '../jira';
import type { BacklogIssue, JiraClient } from '../jira';
import { MAX_PINS, MAX_SAVED_ORDER } from '../storage';
import type { BacklogOrderStore, BacklogPin } from '../storage';
import { BacklogOrderRefusal, boardScope, isOfProject, spanNote } from './backlog-boards';
import type { BoardScope } from './backlog-boards';
import { namesOf } from './people';
import type { PeopleDirectory } from './people';
import { viewerNumber } from './viewer-numbers';

export { BacklogOrderRefusal, backlogBoards } from './backlog-boards';

/** The most issues one ordering considers (a Forge invocation has 25 s). */
export const MAX_ORDERED_ISSUES = MAX_SAVED_ORDER;
/** Runs sent at the same time: different runs rank against different anchors, so their order does not matter. */
export const RANK_PARALLEL = 6;

export interface BacklogOrderDeps {
  /** Acts as the user. */
  readonly jira: JiraClient;
  readonly store: BacklogOrderStore;
  readonly project: { readonly id: string; readonly key: string };
  readonly accountId: string;
  /** The app's "Priority score" field on this site; null when Jira does not list it yet. */
  readonly scoreFieldId: string | null;
  readonly now: Date;
  /** Who pinned an issue, by name (as the user); without it, pins name the account id. */
  readonly people?: PeopleDirectory;
  /** The user's locale, for the numbers in the notes (English without one). */
  readonly locale?: string;
}

function scoreOf(issue: BacklogIssue, fieldId: string | null): number | null {
  const value = fieldId === null ? undefined : issue.fields[fieldId];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function summaryOf(issue: BacklogIssue): string {
  const summary = issue.fields.summary;
  return typeof summary === 'string' ? summary.slice(0, 255) : '';
}

/** FNV-1a over the current and the desired order: what the preview showed, so Apply can tell if it changed. */
function fingerprint(current: readonly string[], desired: readonly string[]): string {
  let hash = 0x811c9dc5;
  const text = `${current.join(',')}|${desired.join(',')}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${String(current.length)}:${hash.toString(16).padStart(8, '0')}`;
}

/** The names of whoever pinned these (one call for all); none when Jira cannot say, so the ids show. */
async function pinnerNames(deps: BacklogOrderDeps, pins: readonly BacklogPin[]): Promise<ReadonlyMap<string, string>> {
  return deps.people === undefined ? new Map() : namesOf(deps.people, pins.map((pin) => pin.by));
}

function pinView(pin: BacklogPin, names: ReadonlyMap<string, string>): BacklogPinView {
  return { key: pin.key, by: pin.by, byName: names.get(pin.by) ?? null, at: pin.at, reason: pin.reason };
}

interface Ordering {
  readonly scope: BoardScope;
  readonly issues: BacklogIssue[];
  readonly total: number;
  readonly plan: OrderPlan;
  readonly current: string[];
  readonly pinsById: Map<string, BacklogPin>;
  readonly incompleteKeys: Set<string>;
  /** Keys of the issues of other projects the board spans: they keep their places. */
  readonly otherKeys: Set<string>;
  readonly basedOn: string;
  readonly notes: string[];
}

async function orderingOf(deps: BacklogOrderDeps, boardId: number | undefined, top: number | undefined): Promise<Ordering> {
  const scope = await boardScope(deps, boardId);
  const notes: string[] = [];
  if (deps.scoreFieldId === null) notes.push('This site has no "Priority score" field yet, so no issue has a score: nothing would move.');
  const limit = Math.min(top ?? MAX_ORDERED_ISSUES, MAX_ORDERED_ISSUES);
  const fields = ['summary', 'project', ...(deps.scoreFieldId === null ? [] : [deps.scoreFieldId])];
  const [backlog, pins] = await Promise.all([readBacklog(deps.jira, scope.board.id, { fields, limit }), deps.store.pins(deps.project.id)]);
  if (top === undefined && backlog.total > MAX_ORDERED_ISSUES) notes.push(`The backlog has ${viewerNumber(backlog.total, deps.locale)} issues; the first ${viewerNumber(MAX_ORDERED_ISSUES, deps.locale)} are ordered.`);
  const pinsById = new Map<string, BacklogPin>(Object.entries(pins));
  const current = backlog.issues.map((issue) => issue.key);
  const otherKeys = new Set(backlog.issues.filter((issue) => !isOfProject(issue, deps.project.id)).map((issue) => issue.key));
  if (scope.otherProjects.length > 0 || otherKeys.size > 0) notes.push(spanNote(scope, deps.project.key, otherKeys.size));
  const own = backlog.issues.filter((issue) => !otherKeys.has(issue.key));
  const scored = backlog.issues.map((issue) => ({ key: issue.key, score: scoreOf(issue, deps.scoreFieldId) }));
  const pinnedKeys = new Set(own.filter((issue) => pinsById.has(issue.id)).map((issue) => issue.key));
  const incompleteKeys = new Set(own.filter((issue) => scoreOf(issue, deps.scoreFieldId) === null).map((issue) => issue.key));
  // Another project's issues are held like pinned ones: this project's move around them.
  const desired = desiredOrderByScore(scored, new Set([...pinnedKeys, ...otherKeys]));
  const plan = planOrder(current, desired, new Set([...pinnedKeys, ...incompleteKeys, ...otherKeys]));
  return { scope, issues: backlog.issues, total: backlog.total, plan, current, pinsById, incompleteKeys, otherKeys, basedOn: fingerprint(current, desired), notes };
}

export async function previewBacklogOrder(deps: BacklogOrderDeps, boardId: number | undefined, top: number | undefined): Promise<BacklogOrderPreview> {
  const ordering = await orderingOf(deps, boardId, top);
  const { plan, issues, scope } = ordering;
  const byKey = new Map(issues.map((issue) => [issue.key, issue]));
  const [projectPins, saved] = await Promise.all([deps.store.pins(deps.project.id), deps.store.saved(String(scope.board.id))]);
  const names = await pinnerNames(deps, [...Object.values(projectPins), ...ordering.pinsById.values()]);
  const apart = (keep: (issue: BacklogIssue) => boolean): BacklogApartView[] =>
    issues.flatMap((issue, at) => {
      if (!keep(issue)) return [];
      const pin = ordering.pinsById.get(issue.id);
      return [{ key: issue.key, summary: summaryOf(issue), place: at + 1, pin: pin === undefined ? null : pinView(pin, names) }];
    });
  return {
    board: scope.board,
    boards: scope.boards,
    issues: issues.length,
    backlogTotal: ordering.total,
    moves: plan.moves.map((move) => {
      const issue = byKey.get(move.key);
      return { key: move.key, summary: issue === undefined ? '' : summaryOf(issue), score: issue === undefined ? null : scoreOf(issue, deps.scoreFieldId), from: move.from + 1, to: move.to + 1 };
    }),
    rankCalls: plan.calls.length,
    callBound: plan.callBound,
    runs: plan.runs,
    incomplete: apart((issue) => ordering.incompleteKeys.has(issue.key) && !ordering.pinsById.has(issue.id)),
    pinned: apart((issue) => ordering.pinsById.has(issue.id) && !ordering.otherKeys.has(issue.key)),
    otherProjects: scope.otherProjects.length === 0 && ordering.otherKeys.size === 0 ? null : { keys: scope.otherProjects, issues: ordering.otherKeys.size },
    pins: Object.values(projectPins).map((pin) => pinView(pin, names)),
    canApply: scope.refusal === null,
    refusal: scope.refusal,
    canUndo: saved !== undefined,
    basedOn: ordering.basedOn,
    notes: ordering.notes,
  };
}

/** Calls grouped by run: a run's chunks go in order, different runs at the same time. */
function runsOf(calls: readonly RankCall[]): RankCall[][] {
  const runs: RankCall[][] = [];
  let anchor: string | undefined;
  for (const call of calls) {
    const before = 'rankBeforeIssue' in call ? call.rankBeforeIssue : undefined;
    const last = runs.at(-1);
    if (last !== undefined && ((before !== undefined && before === anchor) || (before === undefined && !('rankBeforeIssue' in (last[0] ?? call))))) last.push(call);
    else runs.push([call]);
    anchor = before;
  }
  return runs;
}

function failureWords(status: number, errors: readonly string[]): string {
  if (status === 403) return 'You may not rank this issue (the Schedule issues permission on its project).';
  if (status === 404) return 'Jira could not find this issue, or you cannot see it.';
  // eslint-disable-next-line no-control-regex -- Jira's words may carry control or direction characters: never shown
  const said = errors.join(' ').replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ').slice(0, 200);
  return said === '' ? `Jira could not rank it (status ${String(status)}).` : `Jira could not rank it: ${said}`;
}

/** Sends the calls (runs in parallel, chunks of a run in order); every refused issue comes back in words, the rest applies. */
async function sendCalls(jira: JiraClient, calls: readonly RankCall[]): Promise<BacklogIssueFailure[]> {
  const failures: BacklogIssueFailure[] = [];
  const runs = runsOf(calls);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < runs.length; i = next++) {
      for (const call of runs[i] ?? []) {
        const position = 'rankBeforeIssue' in call ? { rankBeforeIssue: call.rankBeforeIssue } : { rankAfterIssue: call.rankAfterIssue };
        try {
          const outcome = await rankIssues(jira, call.issues, position);
          for (const failed of outcome.failed) failures.push({ key: failed.key, reason: failureWords(failed.status, failed.errors) });
        } catch (error: unknown) {
          if (!isJiraError(error)) throw error;
          const reason = error.kind === 'rate-limited' ? 'Jira is busy (rate limited); this issue was not moved. Try again in a minute.' : error.kind === 'forbidden' ? failureWords(403, []) : 'Jira refused to rank it; it was not moved.';
          for (const key of call.issues) failures.push({ key, reason });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(RANK_PARALLEL, runs.length) }, worker));
  return failures;
}

/** The order the calls leave when `failed` issues did not move. */
function orderAfter(current: readonly string[], calls: readonly RankCall[], failed: ReadonlySet<string>): string[] {
  let order = [...current];
  for (const call of calls) {
    const issues = call.issues.filter((key) => !failed.has(key));
    if (issues.length > 0) order = applyRankCall(order, { ...call, issues });
  }
  return order;
}

export async function applyBacklogOrder(deps: BacklogOrderDeps, boardId: number, top: number | undefined, basedOn: string): Promise<BacklogOrderResult> {
  const ordering = await orderingOf(deps, boardId, top);
  const { scope, plan, current } = ordering;
  if (scope.refusal !== null) throw new BacklogOrderRefusal('forbidden', scope.refusal);
  if (ordering.basedOn !== basedOn) throw new BacklogOrderRefusal('stale', 'The backlog or the scores changed since the preview. Look at the new preview before applying it.');
  const notes = [...ordering.notes];
  if (plan.calls.length === 0) {
    return { board: scope.board, moved: 0, failed: [], rankCalls: 0, callBound: plan.callBound, canUndo: (await deps.store.saved(String(scope.board.id))) !== undefined, notes: [...notes, 'The backlog is already in score order: nothing moved.'] };
  }
  // Saved before anything is written, so a reordering cut short can still be undone.
  const saved = { boardId: String(scope.board.id), at: deps.now.toISOString(), before: current, after: [...plan.desired] };
  await deps.store.save(saved);
  const failed = await sendCalls(deps.jira, plan.calls);
  if (failed.length > 0) {
    await deps.store.save({ ...saved, after: orderAfter(current, plan.calls, new Set(failed.map((f) => f.key))) });
    notes.push(`${viewerNumber(failed.length, deps.locale)} of ${viewerNumber(plan.moves.length, deps.locale)} issues could not be moved; the others were.`);
  }
  return { board: scope.board, moved: plan.moves.length - failed.length, failed, rankCalls: plan.calls.length, callBound: plan.callBound, canUndo: true, notes };
}

export async function undoBacklogOrder(deps: BacklogOrderDeps, boardId: number): Promise<UndoBacklogOrderResult> {
  const scope = await boardScope(deps, boardId);
  if (scope.refusal !== null) throw new BacklogOrderRefusal('forbidden', scope.refusal);
  const saved = await deps.store.saved(String(scope.board.id));
  if (saved === undefined) throw new BacklogOrderRefusal('not-found', 'There is nothing to undo on this board: no ordering by score was applied here since the last undo.');
  const backlog = await readBacklog(deps.jira, scope.board.id, { fields: ['project'], limit: MAX_ORDERED_ISSUES });
  const wanted = new Set(saved.before);
  const now = backlog.issues.map((issue) => issue.key).filter((key) => wanted.has(key));
  const { gone, moved } = changesSince(saved.after, now);
  const exact = gone.length === 0 && moved.length === 0;
  // Someone else's moves stay where they put them, as do other projects' issues (never ranked
  // here); every other issue goes back to its order before.
  const others = backlog.issues.filter((issue) => !isOfProject(issue, deps.project.id)).map((issue) => issue.key);
  const keep = new Set([...moved, ...others]);
  const present = new Set(now);
  const back = saved.before.filter((key) => present.has(key) && !keep.has(key));
  const desired: string[] = [];
  let b = 0;
  for (const key of now) desired.push(keep.has(key) ? key : (back[b++] ?? key));
  const plan = planOrder(now, desired, keep);
  const failed = await sendCalls(deps.jira, plan.calls);
  const notes: string[] = [];
  if (!exact) {
    if (moved.length > 0) notes.push(`${viewerNumber(moved.length, deps.locale)} issue${moved.length === 1 ? ' was' : 's were'} moved by someone else since the ordering (${moved.slice(0, 10).join(', ')}${moved.length > 10 ? ', …' : ''}); they stay where they were put, the rest went back.`);
    if (gone.length > 0) notes.push(`${viewerNumber(gone.length, deps.locale)} issue${gone.length === 1 ? ' has' : 's have'} left the backlog since (${gone.slice(0, 10).join(', ')}${gone.length > 10 ? ', …' : ''}).`);
  }
  if (failed.length === 0) await deps.store.forget(String(scope.board.id));
  else notes.push(`${viewerNumber(failed.length, deps.locale)} issues could not be moved back; Undo can be tried again.`);
  return { board: scope.board, exact: exact && failed.length === 0, restored: plan.moves.length - failed.length, movedByOthers: moved, gone, failed, rankCalls: plan.calls.length, notes };
}

/** The issue, read as the user, must be of the project in view, and the user may rank in it. */
async function pinnableIssue(deps: BacklogOrderDeps, issueKey: string): Promise<{ id: string; key: string }> {
  if (!isIssueKey(issueKey) || (deps.project.key !== '' && !issueKey.startsWith(`${deps.project.key}-`))) {
    throw new BacklogOrderRefusal('bad-request', `Pin an issue of this project by its key (such as ${deps.project.key === '' ? 'TL' : deps.project.key}-12).`);
  }
  let issue;
  try {
    issue = await getIssue(deps.jira, issueKey, { fields: ['project'] });
  } catch (error: unknown) {
    if (isJiraError(error) && (error.kind === 'not-found' || error.kind === 'forbidden')) throw new BacklogOrderRefusal('not-found', `Issue ${issueKey} does not exist or you cannot see it.`);
    throw error;
  }
  const projectId = (issue.fields.project as { id?: unknown } | undefined)?.id;
  if ((typeof projectId === 'string' || typeof projectId === 'number' ? String(projectId) : '') !== deps.project.id) throw new BacklogOrderRefusal('bad-request', `Issue ${issueKey} is not in this project any more.`);
  const granted = await getMyPermissions(deps.jira, ['SCHEDULE_ISSUES'], { projectId: deps.project.id });
  if (granted.SCHEDULE_ISSUES !== true) throw new BacklogOrderRefusal('forbidden', 'Pinning an issue needs the Schedule issues permission in this project (the same as ranking it). Ask a project admin.');
  return { id: issue.id, key: issue.key };
}

export async function pinIssue(deps: BacklogOrderDeps, issueKey: string, reason: string): Promise<BacklogPinView[]> {
  const issue = await pinnableIssue(deps, issueKey);
  const pins = { ...(await deps.store.pins(deps.project.id)) };
  if (pins[issue.id] === undefined && Object.keys(pins).length >= MAX_PINS) {
    throw new BacklogOrderRefusal('bad-request', `This project already has ${String(MAX_PINS)} pinned issues: unpin some before pinning more.`);
  }
  pins[issue.id] = { key: issue.key, by: deps.accountId, at: deps.now.toISOString(), reason };
  await deps.store.savePins(deps.project.id, pins);
  const names = await pinnerNames(deps, Object.values(pins));
  return Object.values(pins).map((pin) => pinView(pin, names));
}

export async function unpinIssue(deps: BacklogOrderDeps, issueKey: string): Promise<BacklogPinView[]> {
  const issue = await pinnableIssue(deps, issueKey);
  const pins = Object.fromEntries(Object.entries(await deps.store.pins(deps.project.id)).filter(([id]) => id !== issue.id));
  await deps.store.savePins(deps.project.id, pins);
  const names = await pinnerNames(deps, Object.values(pins));
  return Object.values(pins).map((pin) => pinView(pin, names));
}
