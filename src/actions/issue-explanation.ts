/**
 * One issue's score as the actions give it: the sidebar's own reading and view (readIssueForSidebar,
 * scoreViewOf: the same breakdown, the same words for what is missing), its rank (the sidebar's
 * rankIssue), and what would change it most (score-levers). Read AS THE USER; the issue is refused
 * in words, with nothing of it, when the user cannot see it or it is not in the conversation's
 * project.
 */
import type { IssueRankView, IssueScoreView } from '../contract';
import { compileScoring, rankWords } from '../domain/scoring';
import type { CompiledScoring } from '../domain/scoring';
import { createJiraClient } from '../jira';
import type { JiraClient } from '../jira';
import { cachedSiteFields, forgeRepositories, forgeRequestJira, storedConfiguration } from '../resolvers/issue-context';
import { ResolverError, failureInWords } from '../resolvers/failures';
import { rankIssue } from '../services/issue-rank';
import { createEvaluator, lookUpEpics } from '../services/evaluation';
import type { EpicRef, EpicThemeReader } from '../services/evaluation';
import { readIssueForSidebar, scoreViewOf, todayIn } from '../services/issue-score';
import type { IssueRead } from '../services/issue-score';
import { scoreLevers } from '../services/score-levers';
import type { ScoreLever } from '../services/score-levers';
import { quotedText } from './action-answer';
import { hiddenIssueMessage, requireInProject } from './action-scope';
import type { ActionProject } from './action-scope';

export interface IssueExplanation {
  readonly read: IssueRead;
  readonly scoring: CompiledScoring;
  readonly view: IssueScoreView;
  readonly strategicWeight: number | undefined;
  readonly today: string;
}

export interface ExplainOptions {
  readonly timeZone?: string;
  readonly now?: Date;
}

/** The user's Jira client: every action reads as the invoking user. */
export function userJira(): JiraClient {
  return createJiraClient(forgeRequestJira('user'));
}

/**
 * The issue read as the user and scored as the sidebar scores it; refused when hidden or missing
 * (the same words for both) or in another project than `scope`.
 */
export async function explainIssue(jira: JiraClient, key: string, scope: Promise<ActionProject | undefined>, options: ExplainOptions = {}): Promise<IssueExplanation> {
  const repositories = forgeRepositories();
  // Read while the project's Browse check runs; nothing read is used before it passes.
  const reading = readIssueForSidebar(jira, key, storedConfiguration(repositories), cachedSiteFields(repositories));
  reading.catch(() => undefined);
  const project = await scope;
  let read: IssueRead;
  try {
    read = await reading;
  } catch (error: unknown) {
    throw failureInWords(error, { what: key, notFound: { code: 'not-found', message: hiddenIssueMessage(key) }, forbidden: { code: 'not-found', message: hiddenIssueMessage(key) } });
  }
  // Checked before anything is computed from the issue, so nothing of another project's issue is used.
  requireInProject(key, read.project, project);
  const scoring = compileScoring(read.configuration.scoring);
  const strategicWeight = await strategicWeightOf(jira, read, scoring, repositories.epicThemes, options.now ?? new Date());
  const today = todayIn(options.timeZone, options.now);
  return { read, scoring, view: scoreViewOf(read, scoring, strategicWeight, today), strategicWeight, today };
}

/**
 * The strategic weight of the issue's theme, when the model uses it: the theme as the project
 * page finds it (the evaluator: the epic's stored attachment, epics of other projects looked up as
 * the user), so the agent and the backlog agree.
 */
async function strategicWeightOf(jira: JiraClient, read: IssueRead, scoring: CompiledScoring, epicThemes: EpicThemeReader, now: Date): Promise<number | undefined> {
  if (!scoring.inputs.some((input) => input.kind === 'strategic-weight')) return undefined;
  const evaluator = createEvaluator(read.configuration, read.site, epicThemes);
  const epics = new Map<string, EpicRef | null>(await evaluator.epicsAmong([read.issue]));
  const parents = evaluator.parentsToLookUp([read.issue], epics);
  if (parents.length > 0) for (const [key, ref] of (await lookUpEpics(jira, evaluator, parents)).epics) epics.set(key, ref);
  const { theme } = evaluator.evaluate(read.issue, epics, now);
  return theme.kind === 'theme' && !theme.archived ? theme.theme.strategicWeight : undefined;
}

/** The moves of the settable inputs that change the score most; none for an incomplete score. */
export function leversOf(explanation: IssueExplanation, max = 4): ScoreLever[] {
  const { view, scoring, read } = explanation;
  if (view.outcome !== 'scored' || view.score === null || scoring.config === null) return [];
  return scoreLevers(
    {
      scoring,
      config: scoring.config,
      fields: read.issue.fields,
      fieldList: new Map(read.fields.map((field) => [field.id, field])),
      score: view.score,
      strategicWeight: explanation.strategicWeight,
      today: explanation.today,
      shown: new Map(view.breakdown.map((row) => [row.input, row.rawText])),
    },
    max,
  );
}

/** The issue's rank in words ("#4 of 212 · top 2%"), or why there is none; as the user. */
export async function rankTextOf(key: string): Promise<string> {
  let rank: IssueRankView;
  try {
    rank = await rankIssue(forgeRequestJira('user'), key, cachedSiteFields());
  } catch (error: unknown) {
    if (error instanceof ResolverError) throw error;
    return 'The rank could not be read from Jira just now.';
  }
  return rank.status === 'ranked' ? rankWords(rank) : rank.message;
}

const round = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);

/** The breakdown as an answer gives it: each input's label, Jira's value (quoted), what it did. */
export function breakdownOf(view: IssueScoreView) {
  return view.breakdown.map((row) => ({
    input: row.input,
    label: row.label,
    field: row.field?.name ?? null,
    value: quotedText(row.rawText, 60),
    used: round(row.used),
    weight: row.weight,
    contribution: round(row.contribution),
    role: row.role,
    status: row.status,
    ...(row.note === null ? {} : { note: quotedText(row.note, 160) }),
  }));
}

/** What a score lacks, by input, in the sidebar's words. */
export function problemsOf(view: IssueScoreView) {
  return [...view.missing, ...view.invalid].map((problem) => ({ input: problem.input, label: problem.label, reason: quotedText(problem.reason, 200) }));
}

/** The issue as an answer names it: its key and its summary, quoted. */
export function issueOf(view: IssueScoreView) {
  return { key: view.issue.key, summary: quotedText(view.issue.summary) };
}
