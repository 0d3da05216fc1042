/**
 * A board's backlog in rank order, the projects its filter spans, and Jira Software's rank:
 * `GET /rest/agile/1.0/board/{id}/backlog` (startAt paging, 50 a page),
 * `GET /rest/agile/1.0/board/{id}/project`, `PUT /rest/agile/1.0/issue/rank` (≤ 50 issues, before
 * or after an issue; 204, or 207 with an entry per issue when some were not ranked).
 */
import { z } from 'zod';
import type { JiraClient } from './client';
import { JiraError } from './errors';
import { jiraPath, jiraQuery } from './paths';

export const BACKLOG_PAGE_SIZE = 50;
/** Jira's limit on one rank call. */
export const MAX_RANK_PER_CALL = 50;

const backlogPageSchema = z.object({
  startAt: z.number().int().nonnegative().optional(),
  maxResults: z.number().int().optional(),
  total: z.number().int().nonnegative().optional(),
  issues: z.array(z.object({ id: z.string(), key: z.string(), fields: z.record(z.string(), z.unknown()).optional() })),
});

const boardProjectsSchema = z.object({
  isLast: z.boolean().optional(),
  total: z.number().int().optional(),
  values: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String), key: z.string(), name: z.string() })),
});

const rankEntriesSchema = z.object({
  entries: z.array(z.object({ issueId: z.number().optional(), issueKey: z.string().optional(), status: z.number().int(), errors: z.array(z.string()).optional() })),
});

export interface BacklogIssue {
  readonly id: string;
  readonly key: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

function checkedBoardId(boardId: number): number {
  if (!Number.isSafeInteger(boardId) || boardId <= 0) throw new JiraError({ kind: 'bad-request', reason: 'invalid-input', message: 'A board id is a whole number.' });
  return boardId;
}

/**
 * The first `limit` issues of the board's backlog in rank order. After the first page (which says
 * the total), the remaining pages are read `parallel` at a time.
 */
export async function readBacklog(jira: JiraClient, boardId: number, options: { readonly fields: readonly string[]; readonly limit: number; readonly parallel?: number }): Promise<{ issues: BacklogIssue[]; total: number; pages: number }> {
  const id = checkedBoardId(boardId);
  const page = (startAt: number) =>
    jira.json({
      operation: { name: 'agile-backlog', idempotent: true },
      method: 'GET',
      path: jiraPath`/rest/agile/1.0/board/${id}/backlog?${jiraQuery({ startAt, maxResults: BACKLOG_PAGE_SIZE, fields: [...options.fields] })}`,
      schema: backlogPageSchema,
      subject: `the backlog of board ${String(id)}`,
    });
  const first = await page(0);
  const total = first.total ?? first.issues.length;
  const wanted = Math.min(total, options.limit);
  const starts: number[] = [];
  for (let at = first.issues.length; at < wanted && first.issues.length > 0; at += first.issues.length) starts.push(at);
  const rest: (typeof first)[] = [];
  const parallel = Math.max(1, options.parallel ?? 6);
  for (let i = 0; i < starts.length; i += parallel) rest.push(...(await Promise.all(starts.slice(i, i + parallel).map(page))));
  const seen = new Set<string>();
  const issues: BacklogIssue[] = [];
  for (const issue of [first, ...rest].flatMap((p) => p.issues)) {
    // A page read after a move may repeat an issue: the first place wins.
    if (seen.has(issue.key) || issues.length >= wanted) continue;
    seen.add(issue.key);
    issues.push({ id: issue.id, key: issue.key, fields: issue.fields ?? {} });
  }
  return { issues, total, pages: 1 + rest.length };
}

/** The projects the board is associated with (its filter may span several). */
export async function listBoardProjects(jira: JiraClient, boardId: number): Promise<{ id: string; key: string; name: string }[]> {
  const id = checkedBoardId(boardId);
  const projects: { id: string; key: string; name: string }[] = [];
  for (let startAt = 0, pages = 0; pages < 20; pages++) {
    const result = await jira.json({
      operation: { name: 'agile-board-projects', idempotent: true },
      method: 'GET',
      path: jiraPath`/rest/agile/1.0/board/${id}/project?${jiraQuery({ startAt, maxResults: 50 })}`,
      schema: boardProjectsSchema,
      subject: `the projects of board ${String(id)}`,
    });
    projects.push(...result.values);
    startAt += result.values.length;
    if (result.isLast !== false || result.values.length === 0) break;
  }
  return projects;
}

export type RankPosition = { readonly rankBeforeIssue: string } | { readonly rankAfterIssue: string };

export interface RankOutcome {
  /** Issues Jira said it could not rank, with its words. */
  readonly failed: readonly { readonly key: string; readonly status: number; readonly errors: readonly string[] }[];
}

/** Ranks `issues` (≤ 50, in that order) before or after an issue. A 207's failed entries come back; 2xx ones are ranked. */
export async function rankIssues(jira: JiraClient, issues: readonly string[], position: RankPosition): Promise<RankOutcome> {
  if (issues.length === 0 || issues.length > MAX_RANK_PER_CALL) throw new JiraError({ kind: 'bad-request', reason: 'invalid-input', message: `One rank call takes 1 to ${String(MAX_RANK_PER_CALL)} issues.` });
  const result = await jira.call({
    // Ranking the same issues at the same place again leaves the same order: safe to repeat.
    operation: { name: 'agile-rank', idempotent: true },
    method: 'PUT',
    path: jiraPath`/rest/agile/1.0/issue/rank`,
    body: { issues: [...issues], ...position },
    schema: rankEntriesSchema,
    acceptStatuses: [204],
    subject: `the rank of ${String(issues.length)} issues`,
  });
  if (result.status === 204 || result.data === undefined) return { failed: [] };
  return {
    failed: result.data.entries
      .filter((entry) => entry.status < 200 || entry.status > 299)
      .map((entry) => ({ key: entry.issueKey ?? String(entry.issueId ?? ''), status: entry.status, errors: entry.errors ?? [] })),
  };
}
