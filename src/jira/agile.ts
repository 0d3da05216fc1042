/**
 * Boards and sprints from the Jira Software (Agile) API, paged with startAt / isLast:
 * `GET /rest/agile/1.0/board?projectKeyOrId=` and `GET /rest/agile/1.0/board/{id}/sprint?state=`.
 */
import type { z } from 'zod';
import type { JiraClient } from './client';
import { JiraError } from './errors';
import type { JiraPath } from './paths';
import { jiraPath, jiraQuery } from './paths';
import { boardPageSchema, boardSchema, sprintPageSchema } from './schemas';
import type { sprintSchema } from './schemas';
import type { OperationName } from './retry';

export type Board = z.infer<typeof boardSchema>;
export type Sprint = z.infer<typeof sprintSchema>;
export type SprintState = Sprint['state'];

export const AGILE_PAGE_SIZE = 50;
export const AGILE_MAX_PAGES = 100;

interface AgilePage<T> {
  readonly startAt?: number | undefined;
  readonly total?: number | undefined;
  readonly isLast?: boolean | undefined;
  readonly values: readonly T[];
}

/** Every item of a startAt-paged Agile list; ends on isLast, an empty page, total, or the page limit. */
async function readAll<T>(
  jira: JiraClient,
  operation: OperationName,
  subject: string,
  pathAt: (startAt: number) => JiraPath,
  schema: z.ZodType<AgilePage<T>>,
): Promise<T[]> {
  const items: T[] = [];
  let startAt = 0;
  for (let page = 0; page < AGILE_MAX_PAGES; page++) {
    const result = await jira.json({ operation, method: 'GET', path: pathAt(startAt), schema, subject });
    items.push(...result.values);
    startAt += result.values.length;
    const done =
      result.isLast ?? (result.total !== undefined ? startAt >= result.total : result.values.length < AGILE_PAGE_SIZE);
    // An empty page that claims more would otherwise repeat forever.
    if (done || result.values.length === 0) return items;
  }
  throw new JiraError({
    kind: 'bad-response',
    reason: 'page-limit',
    message: `Stopped reading ${subject} after ${AGILE_MAX_PAGES} pages without reaching the last one.`,
  });
}

export interface BoardQuery {
  readonly projectKeyOrId: string | number;
  /** "scrum" boards have sprints; "kanban" boards answer 400 to a sprint query. */
  readonly type?: 'scrum' | 'kanban' | 'simple';
}

export async function listBoards(jira: JiraClient, query: BoardQuery): Promise<Board[]> {
  const subject = `the boards of project ${String(query.projectKeyOrId)}`;
  return readAll(
    jira,
    'agile-boards',
    subject,
    (startAt) => jiraPath`/rest/agile/1.0/board?${jiraQuery({ projectKeyOrId: query.projectKeyOrId, type: query.type, startAt, maxResults: AGILE_PAGE_SIZE })}`,
    boardPageSchema,
  );
}

export async function listSprints(jira: JiraClient, boardId: number, states: readonly SprintState[] = ['active', 'future']): Promise<Sprint[]> {
  if (!Number.isSafeInteger(boardId) || boardId < 0) {
    throw new JiraError({ kind: 'bad-request', reason: 'invalid-input', message: 'A board id is a whole number.' });
  }
  const state = states.length === 0 ? undefined : [...new Set(states)];
  return readAll(
    jira,
    'agile-sprints',
    `the sprints of board ${boardId}`,
    (startAt) => jiraPath`/rest/agile/1.0/board/${boardId}/sprint?${jiraQuery({ state, startAt, maxResults: AGILE_PAGE_SIZE })}`,
    sprintPageSchema,
  );
}

/** One page of the boards the caller can see (Jira lists only those), narrowed to names containing `name`. */
export async function searchBoards(jira: JiraClient, options: { readonly name?: string; readonly type?: BoardQuery['type']; readonly maxResults?: number } = {}): Promise<{ readonly boards: readonly Board[]; readonly more: boolean }> {
  const maxResults = Math.min(AGILE_PAGE_SIZE, Math.max(1, options.maxResults ?? AGILE_PAGE_SIZE));
  const name = options.name === undefined || options.name === '' ? undefined : options.name;
  const page = await jira.json({
    operation: 'agile-boards',
    method: 'GET',
    path: jiraPath`/rest/agile/1.0/board?${jiraQuery({ name, type: options.type, startAt: 0, maxResults })}`,
    schema: boardPageSchema,
    subject: 'your boards',
  });
  const more = page.isLast === false || (page.isLast === undefined && page.total !== undefined && page.total > page.values.length);
  return { boards: page.values, more };
}

/** One board as the caller sees it: Jira answers 404 for a board that does not exist or that they may not see. */
export async function getBoard(jira: JiraClient, boardId: number): Promise<Board> {
  if (!Number.isSafeInteger(boardId) || boardId < 0) {
    throw new JiraError({ kind: 'bad-request', reason: 'invalid-input', message: 'A board id is a whole number.' });
  }
  return jira.json({ operation: 'agile-boards', method: 'GET', path: jiraPath`/rest/agile/1.0/board/${boardId}`, schema: boardSchema, subject: `board ${boardId}` });
}
