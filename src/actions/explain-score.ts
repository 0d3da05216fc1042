/**
 * Action `explain-issue-score`: an issue's score and rank, how each input made it, what it lacks,
 * and which moves of its inputs would change it most. The issue is the `issueKey` input, else the
 * issue the user has open; read as the user, in the conversation's project only.
 */
import { QUOTED_TEXT_NOTE, actionOf } from './action-answer';
import type { ActionAnswer } from './action-answer';
import { issueKeyOf, projectInScope, rovoContextOf } from './action-scope';
import { breakdownOf, explainIssue, issueOf, leversOf, problemsOf, rankTextOf, userJira } from './issue-explanation';

export async function explainIssueScore(payload: Readonly<Record<string, unknown>>): Promise<ActionAnswer> {
  const context = rovoContextOf(payload);
  const key = issueKeyOf(payload, 'issueKey', context);
  const jira = userJira();
  const scope = projectInScope(jira, payload, context);
  scope.catch(() => undefined);
  const rank = rankTextOf(key);
  rank.catch(() => undefined);
  const explanation = await explainIssue(jira, key, scope);
  const { view } = explanation;
  return {
    status: 'ok',
    issue: issueOf(view),
    project: view.project.key,
    model: { name: view.model.name, formula: view.model.formula },
    outcome: view.outcome,
    score: view.score,
    rank: await rank,
    breakdown: breakdownOf(view),
    lacking: problemsOf(view),
    whatWouldChangeItMost: leversOf(explanation),
    ...(view.configurationNotice === null ? {} : { configurationNotice: view.configurationNotice }),
    note: QUOTED_TEXT_NOTE,
  };
}

export const explainIssueScoreAction = actionOf('the issue', explainIssueScore);
