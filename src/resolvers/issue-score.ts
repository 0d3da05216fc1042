/**
 * `getIssueScore`: the issue sidebar's score. The issue comes from `context.extension.issue`
 * (what the issue view is showing), never from the payload, and is read from Jira AS THE USER:
 * an issue they cannot browse, or a forged key, answers 'not-found' and reveals nothing.
 */
import { z } from 'zod';
import { scoreIssue } from '../services/issue-score';
import { resolverOf } from './envelope';
import { cachedSiteFields, forgeRepositories, forgeRequestJira, inWords, issueInView, projectHintOf, storedConfiguration, timeZoneOf } from './issue-context';

export { NOT_FOUND_MESSAGE } from './issue-context';

// The payload carries nothing: whatever a forged request sends is refused, not read.
const payloadSchema = z.strictObject({});

export const getIssueScoreResolver = resolverOf(payloadSchema, async (_payload, context) => {
  const issue = issueInView(context);
  try {
    const repositories = forgeRepositories();
    return await scoreIssue(forgeRequestJira('user'), issue, {
      timeZone: timeZoneOf(context),
      configuration: storedConfiguration(repositories),
      siteFields: cachedSiteFields(repositories),
      epicThemes: repositories.epicThemes,
      // Only a hint for reading in parallel: the project is taken from Jira's answer.
      projectHint: projectHintOf(context),
    });
  } catch (error: unknown) {
    return inWords(error, 'the issue');
  }
});
