/**
 * `setIssueInput`: sets one score input of the issue in view (`context.extension.issue`), written
 * AS THE USER after their EDIT_ISSUES permission is checked; the payload names only the input and
 * the value (a multi-select's option ids), both checked before anything is written.
 */
import { z } from 'zod';
import { InputRefusal, setIssueInput } from '../services/issue-input';
import { ResolverError, resolverOf } from './envelope';
import { forgeRequestJira, inWords, issueInView, storedConfiguration, timeZoneOf } from './issue-context';

const payloadSchema = z.strictObject({
  input: z.string().min(1).max(100),
  // A multi-select's option ids: their shape and their field are checked by the service, against Jira's list.
  value: z.union([z.string().max(200), z.number(), z.null(), z.array(z.string().max(40)).max(100)]),
});

export const setIssueInputResolver = resolverOf(payloadSchema, async (payload, context) => {
  const issue = issueInView(context);
  try {
    return await setIssueInput(forgeRequestJira('user'), issue, payload, { timeZone: timeZoneOf(context), configuration: storedConfiguration() });
  } catch (error: unknown) {
    if (error instanceof InputRefusal) throw new ResolverError(error.code, error.message);
    return inWords(error, 'the issue');
  }
});
