/**
 * `getIssueScore`: the issue sidebar's score. The issue comes from `context.extension.issue`
 * (what the issue view is showing), never from the payload, and is read from Jira AS THE USER:
 * an issue they cannot browse, or a forged key, answers 'not-found' and reveals nothing.
 */
import { z } from 'zod';
import { isJiraError } from '../jira';
import { forgeRequestJira } from '../jira/forge-request';
import { scoreIssue } from '../services/issue-score';
import { ResolverError, resolverOf } from './envelope';

export const NOT_FOUND_MESSAGE = "You can't see this issue, or it doesn't exist.";

// The payload carries nothing: whatever a forged request sends is refused, not read.
const payloadSchema = z.strictObject({});

const extensionSchema = z.looseObject({
  issue: z.looseObject({
    // An issue key (PROJ-123) or id; anything else cannot be an issue, so it is not one.
    key: z.string().max(300),
    id: z.string().max(30).optional(),
  }),
});

const ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/;
const ISSUE_ID = /^[1-9][0-9]{0,17}$/;

/** The issue in view, or a refusal in words. */
function issueInView(context: Readonly<Record<string, unknown>>): string {
  const parsed = extensionSchema.safeParse(context.extension);
  if (!parsed.success) throw new ResolverError('bad-request', 'The score is shown in an issue view: no issue is in view here.');
  const { key, id } = parsed.data.issue;
  if (ISSUE_KEY.test(key)) return key;
  if (id !== undefined && ISSUE_ID.test(id)) return id;
  throw new ResolverError('not-found', NOT_FOUND_MESSAGE);
}

function timeZoneOf(context: Readonly<Record<string, unknown>>): string | undefined {
  return typeof context.timezone === 'string' ? context.timezone : undefined;
}

export const getIssueScoreResolver = resolverOf(payloadSchema, async (_payload, context) => {
  const issue = issueInView(context);
  try {
    return await scoreIssue(forgeRequestJira('user'), issue, { timeZone: timeZoneOf(context) });
  } catch (error: unknown) {
    if (!isJiraError(error)) throw error;
    switch (error.kind) {
      case 'not-found':
      case 'forbidden':
        throw new ResolverError('not-found', NOT_FOUND_MESSAGE);
      case 'rate-limited':
        throw new ResolverError('rate-limited', error.message);
      case 'unauthorized':
        throw new ResolverError('forbidden', 'Jira did not recognise you. Reload the page; if it keeps happening, log in again.');
      default:
        throw new ResolverError('jira-error', `Jira could not give the issue: ${error.message}`);
    }
  }
});
