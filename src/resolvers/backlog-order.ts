/**
 * "Order the backlog by score" on the ranked backlog. The project comes from the context and is
 * re-checked as the user (the project page's scope); the board id from the payload is used only if
 * it is one of that project's boards as the user sees them, and only a user with Schedule issues in
 * that project may apply or undo; of a board spanning other projects only this project's issues
 * move (src/services/backlog-boards.ts). Every read and rank goes to Jira as the user; only the
 * app's storage (pins, the saved order) is written by the app.
 */
import { z } from 'zod';
import type { BacklogBoardsView, BacklogOrderPreview, BacklogOrderResult, BacklogPinView, UndoBacklogOrderResult } from '../contract';
import { BacklogOrderRefusal, applyBacklogOrder, backlogBoards, pinIssue, previewBacklogOrder, undoBacklogOrder, unpinIssue } from '../services/backlog-order';
import type { BacklogOrderDeps } from '../services/backlog-order';
import { peopleDirectory } from '../services/people';
import { MAX_PIN_REASON, MAX_SAVED_ORDER, createBacklogOrderStore } from '../storage';
import { forgeKvs } from '../storage/forge-kvs';
import { resolverOf } from './envelope';
import { ResolverError } from './failures';
import { jiraFailure, scopeOf, siteOf } from './project-page';
import { viewerLocale } from '../services/viewer-numbers';

const boardId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const top = z.number().int().min(1).max(MAX_SAVED_ORDER);
const issueKey = z.string().min(1).max(300);

const noPayload = z.strictObject({});
const previewPayload = z.strictObject({ boardId: boardId.optional(), top: top.optional() });
const applyPayload = z.strictObject({ boardId, top: top.optional(), basedOn: z.string().min(1).max(40) });
const undoPayload = z.strictObject({ boardId });
const pinPayload = z.strictObject({ issueKey, reason: z.string().trim().min(1, 'Say why this issue keeps its place.').max(MAX_PIN_REASON) });
const unpinPayload = z.strictObject({ issueKey });

async function depsOf(context: Readonly<Record<string, unknown>>, withScore: boolean): Promise<BacklogOrderDeps> {
  const scope = await scopeOf(context);
  const site = withScore ? await siteOf() : undefined;
  return {
    jira: scope.jira,
    store: createBacklogOrderStore(forgeKvs()),
    project: scope.project,
    accountId: scope.accountId,
    scoreFieldId: site?.appFields.score ?? null,
    now: new Date(),
    // As the user: naming who pinned an issue reads GET /user/bulk, which needs only access to Jira.
    people: peopleDirectory(scope.jira),
    locale: viewerLocale(context),
  };
}

/** The service's refusals as they are; Jira's failures in the project page's words. */
async function saying<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error: unknown) {
    if (error instanceof ResolverError) throw error;
    if (error instanceof BacklogOrderRefusal) throw new ResolverError(error.code, error.message);
    jiraFailure(error, what);
  }
}

export const listBacklogBoardsResolver = resolverOf(noPayload, async (_payload, context): Promise<BacklogBoardsView> => {
  const deps = await depsOf(context, false);
  return saying('the project\'s boards', () => backlogBoards(deps));
});

export const previewBacklogOrderResolver = resolverOf(previewPayload, async (payload, context): Promise<BacklogOrderPreview> => {
  const deps = await depsOf(context, true);
  return saying('the board\'s backlog', () => previewBacklogOrder(deps, payload.boardId, payload.top));
});

export const applyBacklogOrderResolver = resolverOf(applyPayload, async (payload, context): Promise<BacklogOrderResult> => {
  const deps = await depsOf(context, true);
  return saying('the board\'s backlog', () => applyBacklogOrder(deps, payload.boardId, payload.top, payload.basedOn));
});

export const undoBacklogOrderResolver = resolverOf(undoPayload, async (payload, context): Promise<UndoBacklogOrderResult> => {
  const deps = await depsOf(context, false);
  return saying('the board\'s backlog', () => undoBacklogOrder(deps, payload.boardId));
});

export const pinIssueResolver = resolverOf(pinPayload, async (payload, context): Promise<readonly BacklogPinView[]> => {
  const deps = await depsOf(context, false);
  return saying('the issue', () => pinIssue(deps, payload.issueKey.trim().toUpperCase(), payload.reason));
});

export const unpinIssueResolver = resolverOf(unpinPayload, async (payload, context): Promise<readonly BacklogPinView[]> => {
  const deps = await depsOf(context, false);
  return saying('the issue', () => unpinIssue(deps, payload.issueKey.trim().toUpperCase()));
});
