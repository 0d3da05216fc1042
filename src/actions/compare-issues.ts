/**
 * Action `compare-issue-scores`: "why is A above B?" Both issues read as the user, both in the
 * conversation's project (so one model scores both), each with its score and rank, and input by
 * input what each had and what it did to the score, largest difference first.
 */
import type { ScoreBreakdownRow } from '../contract';
import { ResolverError } from '../resolvers/failures';
import { QUOTED_TEXT_NOTE, actionOf, quotedText } from './action-answer';
import type { ActionAnswer } from './action-answer';
import { issueKeyOf, projectInScope, rovoContextOf } from './action-scope';
import { explainIssue, issueOf, problemsOf, rankTextOf, userJira } from './issue-explanation';

const round = (value: number): number => Math.round(value * 100) / 100;

/** How far apart two rows are: their contributions where the model says, else the values used. */
function gapOf(a: ScoreBreakdownRow | undefined, b: ScoreBreakdownRow | undefined): number | null {
  const [ca, cb, ua, ub] = [a?.contribution ?? null, b?.contribution ?? null, a?.used ?? null, b?.used ?? null];
  if (ca !== null && cb !== null) return round(ca - cb);
  if (ua !== null && ub !== null) return round(ua - ub);
  return null;
}

export async function compareIssueScores(payload: Readonly<Record<string, unknown>>): Promise<ActionAnswer> {
  const context = rovoContextOf(payload);
  const first = issueKeyOf(payload, 'issueKey', context);
  const second = issueKeyOf(payload, 'otherIssueKey', context, false);
  if (first === second) throw new ResolverError('bad-request', `Both issues are ${first}: name two different issues to compare.`);
  const jira = userJira();
  const scope = projectInScope(jira, payload, context);
  scope.catch(() => undefined);
  const ranks = Promise.all([rankTextOf(first), rankTextOf(second)]);
  ranks.catch(() => undefined);
  // One after the other: the second is not read if the first is refused.
  const a = await explainIssue(jira, first, scope);
  const b = await explainIssue(jira, second, scope);
  if (a.view.project.id !== b.view.project.id) throw new ResolverError('forbidden', `${first} and ${second} are in different projects, scored by different models: compare issues of one project.`);
  const [rankA, rankB] = await ranks;
  const rowsOfB = new Map(b.view.breakdown.map((row) => [row.input, row]));
  const inputs = a.view.breakdown
    .map((row) => {
      const other = rowsOfB.get(row.input);
      return {
        label: row.label,
        role: row.role,
        [first]: { value: quotedText(row.rawText, 60), used: row.used, contribution: row.contribution },
        [second]: { value: quotedText(other?.rawText ?? null, 60), used: other?.used ?? null, contribution: other?.contribution ?? null },
        difference: gapOf(row, other),
      };
    })
    .sort((x, y) => Math.abs(y.difference ?? 0) - Math.abs(x.difference ?? 0));
  const [scoreA, scoreB] = [a.view.score, b.view.score];
  const bothScored = scoreA !== null && scoreB !== null;
  const higher = scoreA === null || scoreB === null ? null : scoreA === scoreB ? 'tied' : scoreA > scoreB ? first : second;
  const scoreGap = scoreA === null || scoreB === null ? null : round(Math.abs(scoreA - scoreB));
  return {
    status: 'ok',
    project: a.view.project.key,
    model: { name: a.view.model.name, formula: a.view.model.formula },
    issues: [
      { ...issueOf(a.view), outcome: a.view.outcome, score: a.view.score, rank: rankA, lacking: problemsOf(a.view) },
      { ...issueOf(b.view), outcome: b.view.outcome, score: b.view.score, rank: rankB, lacking: problemsOf(b.view) },
    ],
    higher,
    scoreGap,
    differencesByInput: inputs,
    ...(bothScored ? {} : { why: 'At least one of the two scores is incomplete: it has no rank until the inputs it lacks are set.' }),
    note: QUOTED_TEXT_NOTE,
  };
}

export const compareIssueScoresAction = actionOf('the issues', compareIssueScores);
