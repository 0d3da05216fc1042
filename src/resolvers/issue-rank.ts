/** `getIssueRank`: the issue in view's rank in its project's open backlog, read as the user. */
import { z } from 'zod';
import { rankIssue } from '../services/issue-rank';
import { resolverOf } from './envelope';
import { cachedSiteFields, forgeRequestJira, inWords, issueInView } from './issue-context';

const payloadSchema = z.strictObject({});

export const getIssueRankResolver = resolverOf(payloadSchema, async (_payload, context) => {
  const issue = issueInView(context);
  try {
    return await rankIssue(forgeRequestJira('user'), issue, cachedSiteFields());
  } catch (error: unknown) {
    return inWords(error, 'the rank');
  }
});
