/**
 * Which board's backlog "Order the backlog by score" works on. The board id comes from the browser,
 * so it is never trusted: it is used only when it is one of the boards Jira lists, to the user, as
 * relevant to the project in view (`GET /rest/agile/1.0/board?projectKeyOrId=`: boards whose filter
 * names the project, including boards that live in another project).
 *
 * A board whose filter spans other projects is ordered, but only the project in view's issues move,
 * relative to each other; the other projects' issues keep their places. Scores of another project
 * follow that project's configuration (another model, another scale), so ranking them together with
 * this project's would compare numbers that mean different things; and this page is the project's,
 * not theirs. So ranking needs Schedule issues in the project in view only, and nothing of another
 * project is ever sent to Jira's rank.
 */
import type { BacklogBoardView, BacklogBoardsView } from '../contract';
import { getMyPermissions, isJiraError, listBoardProjects, listBoards } from '../jira';
import type { BacklogIssue, JiraClient } from '../jira';

export class BacklogOrderRefusal extends Error {
  override readonly name = 'BacklogOrderRefusal';
  constructor(
    readonly code: 'bad-request' | 'not-found' | 'forbidden' | 'stale',
    message: string,
  ) {
    super(message);
  }
}

export interface BoardDeps {
  /** Acts as the user. */
  readonly jira: JiraClient;
  readonly project: { readonly id: string; readonly key: string };
}

export interface BoardScope {
  readonly board: { readonly id: number; readonly name: string };
  readonly boards: BacklogBoardView[];
  /** Keys of the other projects the board's filter spans (their issues keep their places). */
  readonly otherProjects: string[];
  /** Why the user may not rank here, or null. */
  readonly refusal: string | null;
}

export const NO_BOARD = 'This project has no board whose backlog could be ordered, or you cannot see it.';
const NOT_THIS_PROJECTS = 'That board is not one of this project\'s boards, or you cannot see it.';

/** The boards relevant to the project in view, as the user sees them, in Jira's order. */
async function boardsOf(deps: BoardDeps): Promise<BacklogBoardView[]> {
  const boards = await listBoards(deps.jira, { projectKeyOrId: deps.project.id });
  return boards.map((b) => ({ id: b.id, name: b.name, type: b.type, projectKey: b.location?.projectKey ?? null }));
}

/** Null when the user holds Schedule issues in the project in view, else why not. */
async function rankRefusal(deps: BoardDeps): Promise<string | null> {
  let granted = false;
  try {
    granted = (await getMyPermissions(deps.jira, ['SCHEDULE_ISSUES'], { projectId: deps.project.id })).SCHEDULE_ISSUES === true;
  } catch (error: unknown) {
    // Jira answers 404 or 400 for a project the user cannot see: no permission either.
    if (!isJiraError(error) || (error.kind !== 'not-found' && error.kind !== 'bad-request')) throw error;
  }
  return granted ? null : `You may not rank the issues of ${deps.project.key}: ordering a backlog needs the Schedule issues permission. Ask a project admin.`;
}

export async function backlogBoards(deps: BoardDeps): Promise<BacklogBoardsView> {
  const [boards, refusal] = await Promise.all([boardsOf(deps), rankRefusal(deps)]);
  return { boards, canRank: refusal === null, refusal };
}

/** The board (one of the project in view's, as the user sees them; without an id, the first) and whether the user may rank. */
export async function boardScope(deps: BoardDeps, boardId: number | undefined): Promise<BoardScope> {
  const [boards, refusal] = await Promise.all([boardsOf(deps), rankRefusal(deps)]);
  const board = boardId === undefined ? boards[0] : boards.find((b) => b.id === boardId);
  if (board === undefined) throw new BacklogOrderRefusal('not-found', boardId === undefined ? NO_BOARD : NOT_THIS_PROJECTS);
  const projects = await listBoardProjects(deps.jira, board.id);
  const otherProjects = projects.filter((p) => p.id !== deps.project.id).map((p) => p.key);
  return { board: { id: board.id, name: board.name }, boards, otherProjects, refusal };
}

/** Whether a backlog issue is of the project in view; an issue whose project Jira did not say is not (never moved). */
export function isOfProject(issue: BacklogIssue, projectId: string): boolean {
  const id = (issue.fields.project as { id?: unknown } | undefined)?.id;
  return (typeof id === 'string' || typeof id === 'number') && String(id) === projectId;
}

/** The preview's words for a board that spans other projects. */
export function spanNote(scope: BoardScope, projectKey: string, otherIssues: number): string {
  const others = scope.otherProjects.length === 0 ? 'other projects' : scope.otherProjects.join(', ');
  const kept = otherIssues === 0 ? `none of ${others}'s issues is among those considered` : `the ${otherIssues === 1 ? '1 issue' : `${String(otherIssues)} issues`} of ${others} keep their places`;
  return `The board "${scope.board.name}" also holds issues of ${others}: only ${projectKey}'s issues are ordered, relative to each other; ${kept}.`;
}
