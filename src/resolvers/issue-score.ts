/**
 * `getIssueScore`: the issue sidebar's score. The issue comes from `context.extension.issue`
 * (what the issue view is showing), never from the payload, and is read from Jira AS THE USER:
 * an issue they cannot browse, or a forged key, answers 'not-found' and reveals nothing.
 *
 * Only once that read succeeded does the app act for the project (services/first-view.ts): it
 * reads which fields the project's issues carry, as the app, for a project nobody configured, and
 * queues the project's recompute when its "Priority score" values are not in step.
 */
import { z } from 'zod';
import { createJiraClient } from '../jira';
import { scoreIssueAtFirstView } from '../services/first-view';
import { forgeQueue } from '../events/platform';
import { resolverOf } from './envelope';
import { cachedSiteFields, forgeRepositories, forgeRequestJira, inWords, issueInView, projectHintOf, storedConfigurationOnly, timeZoneOf } from './issue-context';

export { NOT_FOUND_MESSAGE } from './issue-context';

// The payload carries nothing: whatever a forged request sends is refused, not read.
const payloadSchema = z.strictObject({});

export const getIssueScoreResolver = resolverOf(payloadSchema, async (_payload, context) => {
  const issue = issueInView(context);
  try {
    const repositories = forgeRepositories();
    const answer = await scoreIssueAtFirstView(createJiraClient(forgeRequestJira('user')), issue, {
      timeZone: timeZoneOf(context),
      configuration: storedConfigurationOnly(repositories),
      siteFields: cachedSiteFields(repositories),
      epicThemes: repositories.epicThemes,
      // Only a hint for reading in parallel: the project is taken from Jira's answer.
      projectHint: projectHintOf(context),
      appJira: createJiraClient(forgeRequestJira('app')),
      repositories,
      queue: forgeQueue(),
    });
    return answer.view;
  } catch (error: unknown) {
    return inWords(error, 'the issue');
  }
});
