/**
 * Why a priority moved, for the issue sidebar ("How it moved") and the ranked backlog ("Moved most
 * since"). The issue and the project come from the Forge context, never from the payload, and are
 * re-checked AS THE USER before anything stored is looked at: an issue the user cannot browse, or
 * a forged key or id, answers 'not-found' like one that does not exist; a project they cannot
 * browse answers the project page's 'not-found'. The history itself is the app's storage, written
 * by the app alone (src/storage/score-history.ts).
 */
import { z } from 'zod';
import type { IssueHistoryView, MovedMostView } from '../contract';
import { createJiraClient } from '../jira';
import { MAX_MOVED_SHOWN, issueHistoryOf, movedMostOf, startOfDayIn } from '../services/score-history-view';
import { createScoreHistoryStore } from '../storage';
import { forgeKvs } from '../storage/forge-kvs';
import { resolverOf } from './envelope';
import { ResolverError } from './failures';
import { forgeRequestJira, inWords, issueInView, timeZoneOf } from './issue-context';
import { jiraFailure, scopeChecked, startScope } from './project-page';

const ISSUE_ID = /^[1-9][0-9]{0,17}$/;

/** The view's issue id, only as a hint to read storage while Jira answers (checked against Jira's answer). */
function issueIdHintOf(context: Readonly<Record<string, unknown>>): string | undefined {
  const extension = context.extension;
  if (typeof extension !== 'object' || extension === null) return undefined;
  const issue = (extension as { issue?: unknown }).issue;
  if (typeof issue !== 'object' || issue === null) return undefined;
  const id = (issue as { id?: unknown }).id;
  const text = typeof id === 'number' ? String(id) : id;
  return typeof text === 'string' && ISSUE_ID.test(text) ? text : undefined;
}

// The payload carries nothing: whatever a forged request sends is refused, not read.
const noPayload = z.strictObject({});

export const getIssueHistoryResolver = resolverOf(noPayload, async (_payload, context): Promise<IssueHistoryView> => {
  const issue = issueInView(context);
  try {
    return await issueHistoryOf(createJiraClient(forgeRequestJira('user')), createScoreHistoryStore(forgeKvs()), issue, issueIdHintOf(context));
  } catch (error: unknown) {
    return inWords(error, 'the issue');
  }
});

export const BAD_SINCE_MESSAGE = 'Choose the first day of the period: a date such as 2026-03-01, not in the future.';

/** The earliest day asked about: nothing older is kept anyway. */
const EARLIEST = '2000-01-01';

const movedPayload = z.strictObject({
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date such as 2026-03-01' }),
  limit: z.int().min(1).max(MAX_MOVED_SHOWN).optional(),
});

/** A real calendar day, not before EARLIEST and not after tomorrow (the user's today may be UTC's tomorrow). */
function checkedDay(day: string, now: Date): string {
  const parsed = new Date(`${day}T00:00:00.000Z`);
  const tomorrow = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day || day < EARLIEST || day > tomorrow) throw new ResolverError('bad-request', BAD_SINCE_MESSAGE);
  return day;
}

export const getMovedMostResolver = resolverOf(movedPayload, async (payload, context): Promise<MovedMostView> => {
  const day = checkedDay(payload.since, new Date());
  const scope = await scopeChecked(startScope(context));
  try {
    return await movedMostOf(scope.jira, createScoreHistoryStore(forgeKvs()), { project: scope.project, since: startOfDayIn(day, timeZoneOf(context)), limit: payload.limit ?? 20 });
  } catch (error: unknown) {
    jiraFailure(error, 'what moved');
  }
});
