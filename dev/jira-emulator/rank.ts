/**
 * Jira Software's rank: `PUT /rest/agile/1.0/issue/rank` (at most 50 issues before or after an
 * issue; 204, or 207 with an entry per issue when some could not be ranked), a board's backlog in
 * rank order (`GET /rest/agile/1.0/board/{boardId}/backlog`) and a board's projects
 * (`GET /rest/agile/1.0/board/{boardId}/project`). Held to Jira Software's OpenAPI description.
 *
 * The rank field (`state.rankFieldId`, a LexoRank-like "0|<base-36 digits>:") orders `ORDER BY rank`:
 * a move writes new values between the neighbours, as Jira does, and emits Jira's "Ranked higher" or
 * "Ranked lower" update. Ranking needs the Schedule issues permission on each issue's project.
 * `failRanking(state, keys)` makes some issues fail (Jira's 503 entry, or another status such as the
 * 403 of a permission taken away meanwhile) for tests of the 207.
 */
import { z } from 'zod';
import type { DatasetBoard } from './dataset-schema';
import { ISSUE_NOT_FOUND, jiraError, listParam } from './http-types';
import type { EmulatorRequest, EmulatorResponse, HandlerContext, Route } from './http-types';
import type { Caller, StoredIssue } from './model';
import { selectFields } from './render-issue';
import type { EmulatorState } from './state';

export const MAX_RANK_ISSUES = 50;
const MAX_PAGE = 50;
const RANK_UNAVAILABLE = 'JIRA Agile cannot execute the rank operation at this time. Please try again later.';

// ---- rank values ----

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

function rankDigits(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\d\|([0-9a-z]+):?$/.exec(value);
  return match?.[1];
}

function toBig(digits: string, length: number): bigint {
  let n = 0n;
  for (const char of digits.padEnd(length, '0')) n = n * 36n + BigInt(DIGITS.indexOf(char));
  return n;
}

/** `count` values strictly between `low` and `high` (undefined: the ends), evenly spaced, as base-36 fractions. */
export function ranksBetween(low: string | undefined, high: string | undefined, count: number): string[] {
  let length = Math.max(low?.length ?? 0, high?.length ?? 0, 6);
  for (;;) {
    const lo = low === undefined ? 0n : toBig(low, length);
    const hi = high === undefined ? 36n ** BigInt(length) : toBig(high, length);
    if (hi - lo - 1n >= BigInt(count)) {
      const step = (hi - lo) / BigInt(count + 1);
      return Array.from({ length: count }, (_, i) => {
        const digits = (lo + step * BigInt(i + 1)).toString(36).padStart(length, '0').replace(/0+$/, '');
        return digits === '' ? '0' : digits;
      });
    }
    length += 2;
  }
}

function rankOf(state: EmulatorState, issue: StoredIssue): string | undefined {
  return state.rankFieldId === undefined ? undefined : rankDigits(issue.fields[state.rankFieldId]);
}

/** Every issue in rank order; issues without a rank value get one after the last (by id), once. */
export function rankOrder(state: EmulatorState): StoredIssue[] {
  const all = [...state.allIssues()];
  const field = state.rankFieldId;
  if (field === undefined) return all.sort((a, b) => Number(a.id) - Number(b.id));
  const ranked = all.filter((issue) => rankOf(state, issue) !== undefined);
  const unranked = all.filter((issue) => rankOf(state, issue) === undefined).sort((a, b) => Number(a.id) - Number(b.id));
  ranked.sort((a, b) => compareText(rankOf(state, a) ?? '', rankOf(state, b) ?? ''));
  if (unranked.length > 0) {
    const values = ranksBetween(ranked.length === 0 ? undefined : rankOf(state, ranked.at(-1) as StoredIssue), undefined, unranked.length);
    unranked.forEach((issue, i) => (issue.fields[field] = `0|${values[i] ?? '0'}:`));
  }
  return [...ranked, ...unranked];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Ranks `keys` (in that order) right before or after `anchor`, as the app (no permission check).
 * Also what the REST handler does once it has checked each issue; returns the issues moved.
 */
export function rankIssues(state: EmulatorState, keys: readonly string[], position: { before: string } | { after: string }, asAccountId?: string): StoredIssue[] {
  const field = state.rankFieldId;
  if (field === undefined) throw new Error('This site has no rank field.');
  const moving = keys.map((key) => state.requireIssue(key));
  const movingIds = new Set(moving.map((issue) => issue.id));
  const before = new Map(rankOrder(state).map((issue, at) => [issue.id, at]));
  const rest = rankOrder(state).filter((issue) => !movingIds.has(issue.id));
  const anchor = state.requireIssue('before' in position ? position.before : position.after);
  const at = rest.findIndex((issue) => issue.id === anchor.id);
  if (at < 0) throw new Error('The anchor is one of the issues to rank.');
  const lowIssue = 'before' in position ? rest[at - 1] : rest[at];
  const highIssue = 'before' in position ? rest[at] : rest[at + 1];
  const values = ranksBetween(lowIssue === undefined ? undefined : rankOf(state, lowIssue), highIssue === undefined ? undefined : rankOf(state, highIssue), moving.length);
  moving.forEach((issue, i) => (issue.fields[field] = `0|${values[i] ?? '0'}:`));
  const after = new Map(rankOrder(state).map((issue, index) => [issue.id, index]));
  const fieldName = state.fieldsById.get(field)?.name ?? 'Rank';
  for (const issue of moving) {
    const higher = (after.get(issue.id) ?? 0) < (before.get(issue.id) ?? 0);
    state.touch(issue);
    state.emitUpdated(issue, [{ field: fieldName, fieldId: field, fieldtype: 'custom', from: '', fromString: '', to: '', toString: higher ? 'Ranked higher' : 'Ranked lower' }], asAccountId);
  }
  return moving;
}

interface RankFailure {
  readonly status: number;
  readonly message: string;
}

const rankFailures = new WeakMap<EmulatorState, Map<string, RankFailure>>();

/** Makes ranking these issues fail (by default a 503 entry in Jira's 207) until `clearRankFailures`. */
export function failRanking(state: EmulatorState, keys: readonly string[], message = RANK_UNAVAILABLE, status = 503): void {
  const failures = rankFailures.get(state) ?? new Map<string, RankFailure>();
  for (const key of keys) failures.set(key.toUpperCase(), { status, message });
  rankFailures.set(state, failures);
}

export function clearRankFailures(state: EmulatorState): void {
  rankFailures.delete(state);
}

// ---- boards ----

/** The projects a board's filter spans (its own project first). */
export function boardProjectKeys(board: DatasetBoard): string[] {
  return [...new Set([board.projectKey, ...(board.filterProjectKeys ?? [])])];
}

function visibleBoard(state: EmulatorState, caller: Caller, boardId: string | undefined): DatasetBoard | undefined {
  const id = Number(boardId);
  const board = state.boards.find((b) => b.id === id);
  const project = board === undefined ? undefined : state.projectsByKey.get(board.projectKey);
  return board !== undefined && project !== undefined && state.hasPermission(caller, project.id, 'BROWSE_PROJECTS') ? board : undefined;
}

function boardNotFound(id: string | undefined): EmulatorResponse {
  return jiraError(404, [`Board ${id ?? ''} does not exist or you do not have permission to see it.`]);
}

/** The backlog: open issues of the board's projects in no active or future sprint, subtasks left out, in rank order. */
export function backlogOf(state: EmulatorState, board: DatasetBoard, caller: Caller): StoredIssue[] {
  const projectIds = new Set(boardProjectKeys(board).map((key) => state.projectsByKey.get(key)?.id).filter((id) => id !== undefined));
  return rankOrder(state).filter((issue) => {
    if (!projectIds.has(issue.projectId) || !state.canBrowse(caller, issue)) return false;
    if (state.statuses.get(issue.statusId)?.statusCategory.key === 'done') return false;
    if (state.issueTypes.get(issue.issueTypeId)?.subtask === true) return false;
    return !issue.sprintIds.some((id) => {
      const sprint = state.sprints.get(id);
      return sprint !== undefined && sprint.state !== 'closed';
    });
  });
}

function paging(request: EmulatorRequest): { startAt: number; maxResults: number } | EmulatorResponse {
  const startAt = Number(request.query.get('startAt') ?? '0');
  const maxResults = Number(request.query.get('maxResults') ?? String(MAX_PAGE));
  if (!Number.isInteger(startAt) || startAt < 0) return jiraError(400, ["The 'startAt' parameter must be a non-negative integer."]);
  if (!Number.isInteger(maxResults) || maxResults < 0) return jiraError(400, ["The 'maxResults' parameter must be a non-negative integer."]);
  return { startAt, maxResults: Math.min(maxResults === 0 ? MAX_PAGE : maxResults, MAX_PAGE) };
}

function getBacklog(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const board = visibleBoard(state, request.caller, request.params.boardId);
  if (board === undefined) return boardNotFound(request.params.boardId);
  const page = paging(request);
  if ('status' in page) return page;
  if (request.query.get('jql') !== null) return jiraError(400, ['The emulator does not filter a backlog with JQL.']);
  const issues = backlogOf(state, board, request.caller);
  const selection = selectFields(state, listParam(request.query, 'fields'), '*navigable');
  const values = issues.slice(page.startAt, page.startAt + page.maxResults);
  return {
    status: 200,
    body: { expand: 'schema,names', startAt: page.startAt, maxResults: page.maxResults, total: issues.length, issues: values.map((issue) => state.render(issue, selection, [], request.caller)) },
  };
}

function getBoardProjects(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const board = visibleBoard(state, request.caller, request.params.boardId);
  if (board === undefined) return boardNotFound(request.params.boardId);
  const page = paging(request);
  if ('status' in page) return page;
  const projects = boardProjectKeys(board)
    .map((key) => state.projectsByKey.get(key))
    .filter((project) => project !== undefined)
    .sort((a, b) => compareText(a.name, b.name));
  const values = projects.slice(page.startAt, page.startAt + page.maxResults).map((project) => ({
    self: `${state.baseUrl}/rest/api/3/project/${project.key}`,
    id: project.id,
    key: project.key,
    name: project.name,
    avatarUrls: {
      '48x48': `${state.baseUrl}/secure/projectavatar?size=large&pid=${project.id}`,
      '24x24': `${state.baseUrl}/secure/projectavatar?size=small&pid=${project.id}`,
      '16x16': `${state.baseUrl}/secure/projectavatar?size=xsmall&pid=${project.id}`,
      '32x32': `${state.baseUrl}/secure/projectavatar?size=medium&pid=${project.id}`,
    },
    projectTypeKey: project.projectTypeKey,
    simplified: project.style === 'next-gen',
    style: project.style,
    isPrivate: false,
  }));
  return { status: 200, body: { maxResults: page.maxResults, startAt: page.startAt, total: projects.length, isLast: page.startAt + values.length >= projects.length, values } };
}

const rankBody = z
  .strictObject({
    issues: z.array(z.string()),
    rankBeforeIssue: z.string().optional(),
    rankAfterIssue: z.string().optional(),
    rankCustomFieldId: z.number().int().optional(),
  });

interface Entry {
  issueId: number;
  issueKey: string;
  status: number;
  errors?: string[];
}

function putRank(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const parsed = rankBody.safeParse(request.body ?? {});
  if (!parsed.success) return jiraError(400, ['The request is invalid.']);
  const { issues, rankBeforeIssue, rankAfterIssue, rankCustomFieldId } = parsed.data;
  if (issues.length === 0) return jiraError(400, ['There are no issues to rank.']);
  if (issues.length > MAX_RANK_ISSUES) return jiraError(400, [`Only ${MAX_RANK_ISSUES} issues can be ranked at once.`]);
  if ((rankBeforeIssue === undefined) === (rankAfterIssue === undefined)) return jiraError(400, ['Either rankBeforeIssue or rankAfterIssue has to be provided, and not both.']);
  if (state.rankFieldId === undefined) return jiraError(400, ['No rank field is configured.']);
  if (rankCustomFieldId !== undefined && `customfield_${String(rankCustomFieldId)}` !== state.rankFieldId) return jiraError(400, [`The custom field ${String(rankCustomFieldId)} is not a rank field.`]);
  const anchorRef = rankBeforeIssue ?? rankAfterIssue ?? '';
  const anchor = state.visibleIssue(request.caller, anchorRef);
  if (anchor === undefined) return jiraError(400, [`Issue ${anchorRef} to rank against does not exist or you do not have permission to see it.`]);
  const failures = rankFailures.get(state);
  const entries: Entry[] = [];
  const rankable: StoredIssue[] = [];
  const seen = new Set<string>();
  for (const ref of issues) {
    const issue = state.visibleIssue(request.caller, ref);
    if (issue === undefined) {
      entries.push({ issueId: 0, issueKey: ref, status: 404, errors: [ISSUE_NOT_FOUND] });
    } else if (issue.id === anchor.id || seen.has(issue.id)) {
      entries.push({ issueId: Number(issue.id), issueKey: issue.key, status: 400, errors: ['An issue cannot be ranked relative to itself.'] });
    } else if (!state.hasPermission(request.caller, issue.projectId, 'SCHEDULE_ISSUES')) {
      entries.push({ issueId: Number(issue.id), issueKey: issue.key, status: 403, errors: ['You do not have permission to rank this issue (Schedule issues).'] });
    } else if (failures?.has(issue.key) === true) {
      const failure = failures.get(issue.key);
      entries.push({ issueId: Number(issue.id), issueKey: issue.key, status: failure?.status ?? 503, errors: [failure?.message ?? RANK_UNAVAILABLE] });
    } else {
      seen.add(issue.id);
      rankable.push(issue);
      entries.push({ issueId: Number(issue.id), issueKey: issue.key, status: 200 });
    }
  }
  if (rankable.length === 0 && entries.every((entry) => entry.status === 403)) {
    return jiraError(403, ['To rank issues you need the Schedule issues permission for the issues you want to rank.']);
  }
  if (rankable.length > 0) {
    const accountId = request.caller.kind === 'user' ? request.caller.accountId : undefined;
    rankIssues(state, rankable.map((issue) => issue.id), rankBeforeIssue !== undefined ? { before: anchor.id } : { after: anchor.id }, accountId);
  }
  if (entries.every((entry) => entry.status === 200)) return { status: 204 };
  return { status: 207, body: { entries } };
}

export const rankRoutes: Route[] = [
  { method: 'PUT', template: '/rest/agile/1.0/issue/rank', handler: putRank },
  { method: 'GET', template: '/rest/agile/1.0/board/{boardId}/backlog', handler: getBacklog },
  { method: 'GET', template: '/rest/agile/1.0/board/{boardId}/project', handler: getBoardProjects },
];
