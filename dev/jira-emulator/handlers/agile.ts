/**
 * Jira Software's Agile API (`/rest/agile/1.0`): boards and their sprints, paged with startAt /
 * maxResults / isLast. Held to Jira Software's OpenAPI description (test/fixtures/jira/openapi).
 */
import type { DatasetBoard, DatasetSprint } from '../dataset-schema';
import { jiraError } from '../http-types';
import type { EmulatorRequest, EmulatorResponse, HandlerContext, Route } from '../http-types';
import { boardProjectKeys } from '../rank';
import type { EmulatorState } from '../state';

const MAX_PAGE = 50;
const SPRINT_STATES = new Set(['future', 'active', 'closed']);

function boardNotFound(id: string): EmulatorResponse {
  return jiraError(404, [`Board ${id} does not exist or you do not have permission to see it.`]);
}

function paging(request: EmulatorRequest): { startAt: number; maxResults: number } | EmulatorResponse {
  const startAt = Number(request.query.get('startAt') ?? '0');
  const maxResults = Number(request.query.get('maxResults') ?? String(MAX_PAGE));
  if (!Number.isInteger(startAt) || startAt < 0) return jiraError(400, ["The 'startAt' parameter must be a non-negative integer."]);
  if (!Number.isInteger(maxResults) || maxResults < 0) return jiraError(400, ["The 'maxResults' parameter must be a non-negative integer."]);
  return { startAt, maxResults: Math.min(maxResults === 0 ? MAX_PAGE : maxResults, MAX_PAGE) };
}

function visibleBoards(state: EmulatorState, request: EmulatorRequest): DatasetBoard[] {
  return state.boards.filter((board) => {
    const project = state.projectsByKey.get(board.projectKey);
    return project !== undefined && state.hasPermission(request.caller, project.id, 'BROWSE_PROJECTS');
  });
}

function renderBoard(state: EmulatorState, board: DatasetBoard): Record<string, unknown> {
  const project = state.projectsByKey.get(board.projectKey);
  return {
    id: board.id,
    self: `${state.baseUrl}/rest/agile/1.0/board/${board.id}`,
    name: board.name,
    type: board.type,
    location: {
      projectId: Number(project?.id ?? 0),
      displayName: `${project?.name ?? ''} (${board.projectKey})`,
      projectName: project?.name ?? '',
      projectKey: board.projectKey,
      projectTypeKey: project?.projectTypeKey ?? 'software',
      // Absolute, as real Jira Cloud sends it and as Jira Software's description says (format: uri).
      avatarURI: `${state.baseUrl}/rest/api/2/universal_avatar/view/type/project/avatar/${project?.id ?? ''}?size=small`,
      name: `${project?.name ?? ''} (${board.projectKey})`,
    },
  };
}

function renderSprint(state: EmulatorState, sprint: DatasetSprint): Record<string, unknown> {
  return {
    id: sprint.id,
    self: `${state.baseUrl}/rest/agile/1.0/sprint/${sprint.id}`,
    state: sprint.state,
    name: sprint.name,
    ...(sprint.startDate === undefined ? {} : { startDate: sprint.startDate }),
    ...(sprint.endDate === undefined ? {} : { endDate: sprint.endDate }),
    ...(sprint.completeDate === undefined ? {} : { completeDate: sprint.completeDate }),
    ...(sprint.createdDate === undefined ? {} : { createdDate: sprint.createdDate }),
    originBoardId: sprint.boardId,
    ...(sprint.goal === undefined ? {} : { goal: sprint.goal }),
  };
}

function listBoards(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const page = paging(request);
  if ('status' in page) return page;
  const projectRef = request.query.get('projectKeyOrId');
  const type = request.query.get('type');
  // Jira matches a part of the board's name, whatever its case.
  const name = request.query.get('name')?.toLowerCase() ?? null;
  // Jira's "relevant to a project": the board's filter names it, so a board located in another
  // project whose filter spans this one is listed too (Jira Software's description of projectKeyOrId).
  const boards = visibleBoards(state, request).filter((board) => {
    if (type !== null && board.type !== type) return false;
    if (name !== null && !board.name.toLowerCase().includes(name)) return false;
    if (projectRef === null) return true;
    return boardProjectKeys(board).some((key) => key === projectRef.toUpperCase() || state.projectsByKey.get(key)?.id === projectRef);
  });
  const values = boards.slice(page.startAt, page.startAt + page.maxResults);
  return {
    status: 200,
    body: { maxResults: page.maxResults, startAt: page.startAt, total: boards.length, isLast: page.startAt + values.length >= boards.length, values: values.map((b) => renderBoard(state, b)) },
  };
}

function findBoard(state: EmulatorState, request: EmulatorRequest): DatasetBoard | undefined {
  const id = Number(request.params.boardId);
  return visibleBoards(state, request).find((board) => board.id === id);
}

function getBoard(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const board = findBoard(state, request);
  return board === undefined ? boardNotFound(request.params.boardId ?? '') : { status: 200, body: renderBoard(state, board) };
}

function listSprints(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const board = findBoard(state, request);
  if (board === undefined) return boardNotFound(request.params.boardId ?? '');
  if (board.type !== 'scrum') return jiraError(400, ["The board does not support sprints"]);
  const page = paging(request);
  if ('status' in page) return page;
  const stateParam = request.query.get('state');
  const states = stateParam === null ? [...SPRINT_STATES] : stateParam.split(',').map((s) => s.trim().toLowerCase());
  const invalid = states.find((s) => !SPRINT_STATES.has(s));
  if (invalid !== undefined) return jiraError(400, [`The value '${invalid}' of the parameter 'state' is invalid. Valid values: future, active, closed.`]);
  const sprints = [...state.sprints.values()].filter((s) => s.boardId === board.id && states.includes(s.state)).sort((a, b) => a.id - b.id);
  const values = sprints.slice(page.startAt, page.startAt + page.maxResults);
  return {
    status: 200,
    body: { maxResults: page.maxResults, startAt: page.startAt, isLast: page.startAt + values.length >= sprints.length, values: values.map((s) => renderSprint(state, s)) },
  };
}

function getSprint(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const sprint = state.sprints.get(Number(request.params.sprintId));
  const board = sprint === undefined ? undefined : visibleBoards(state, request).find((b) => b.id === sprint.boardId);
  if (sprint === undefined || board === undefined) return jiraError(404, [`Sprint ${request.params.sprintId ?? ''} does not exist or you do not have permission to see it.`]);
  return { status: 200, body: renderSprint(state, sprint) };
}

export const agileRoutes: Route[] = [
  { method: 'GET', template: '/rest/agile/1.0/board', handler: listBoards },
  { method: 'GET', template: '/rest/agile/1.0/board/{boardId}', handler: getBoard },
  { method: 'GET', template: '/rest/agile/1.0/board/{boardId}/sprint', handler: listSprints },
  { method: 'GET', template: '/rest/agile/1.0/sprint/{sprintId}', handler: getSprint },
];
