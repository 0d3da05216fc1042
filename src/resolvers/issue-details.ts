/** `getIssueDetails`: readiness, the trace to the vision and the user's permissions, read as the user. */
import { z } from 'zod';
import { issueDetails } from '../services/issue-details';
import { resolverOf } from './envelope';
import { forgeRepositories, forgeRequestJira, inWords, issueInView, storedConfiguration } from './issue-context';

const payloadSchema = z.strictObject({});

export const getIssueDetailsResolver = resolverOf(payloadSchema, async (_payload, context) => {
  const issue = issueInView(context);
  try {
    const repositories = forgeRepositories();
    return await issueDetails(forgeRequestJira('user'), issue, { configuration: storedConfiguration(repositories), epicThemes: repositories.epicThemes });
  } catch (error: unknown) {
    return inWords(error, 'the issue');
  }
});
