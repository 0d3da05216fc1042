/**
 * The ranked backlog: open story-level issues by score, each with its main driver, and the
 * incomplete ones apart; read a page at a time from Jira in score order (the whole backlog at once,
 * `rankedBacklogOf`, is the tests' oracle).
 */
import type { BacklogRowView, ProjectPageProject, RankedBacklogPageView, RankedBacklogView } from '../../contract';
import type { BreakdownLine, ScoreResult } from '../../domain/scoring';
import { issueTypeOf, parentOf, statusCategoryOf, statusNameOf } from '../../domain/jira-issue';
import type { JiraIssue } from '../../domain/jira-issue';
import { customField, searchPages } from '../../jira';
import type { JiraClient, Jql, JqlPart } from '../../jira';
import { createEvaluator, lookUpEpics } from '../evaluation';
import type { EpicRef, EpicThemeReader, Evaluator, IssueEvaluation } from '../evaluation';
import type { ProjectConfiguration } from '../project-configuration';
import { rankedBacklogJql } from '../queries';
import type { BacklogFilters, BacklogList } from '../queries';
import { READINESS_PROPERTY_KEY } from '../site-fields';
import type { SiteFields } from '../site-fields';
import { PAGE_SIZE, categoryOf, levelOf, notesOf, round, textOf } from './snapshot';
import type { Snapshot } from './snapshot';
import { viewerNumber } from '../viewer-numbers';

/** The input that weighs most: the largest share of a sum, else the largest value among benefits. */
export function mainDriverOf(score: ScoreResult): string | null {
  if (score.status !== 'scored') return null;
  const lines: readonly BreakdownLine[] = score.breakdown;
  let best: BreakdownLine | undefined;
  for (const line of lines) {
    if (line.contribution === null) continue;
    if (best === undefined || line.contribution > (best.contribution ?? -Infinity)) best = line;
  }
  if (best !== undefined) return best.label;
  for (const line of lines) {
    if (line.used === null || line.role === 'divisor' || line.role === 'cost-criterion' || line.role === 'multiplier') continue;
    if (best === undefined || line.used > (best.used ?? -Infinity)) best = line;
  }
  return best?.label ?? null;
}

export function rowOf(issue: JiraIssue, evaluation: IssueEvaluation, snapshot: Snapshot, configuration: ProjectConfiguration): BacklogRowView {
  const score = evaluation.score;
  const theme = evaluation.theme;
  const parent = parentOf(issue.fields, configuration.readiness.epicLinkFieldId ?? undefined);
  const epic = parent === undefined || (parent.hierarchyLevel !== undefined && parent.hierarchyLevel < 1) ? null : { key: parent.key, summary: parent.summary ?? '' };
  const missing = score.status === 'scored' ? [] : [...score.missing, ...(score.status === 'invalid' ? score.invalid : [])].map((problem) => `${problem.label}: ${problem.reason}`);
  const readiness = evaluation.readiness;
  return {
    key: issue.key,
    summary: textOf(issue.fields.summary),
    issueType: issueTypeOf(issue.fields)?.name ?? 'Issue',
    status: statusNameOf(issue.fields) ?? 'Unknown',
    statusCategory: categoryOf(issue),
    rank: null,
    score: score.status === 'scored' ? round(score.score) : null,
    outcome: score.status,
    driver: mainDriverOf(score),
    missing,
    theme: theme.kind === 'theme' ? { id: theme.theme.id, name: theme.theme.name } : theme.kind === 'unknown-theme' ? { id: theme.id, name: `Unknown theme (${theme.id})` } : null,
    epic: epic === null ? null : { key: epic.key, summary: epic.summary === '' ? textOf(snapshot.issues.find((candidate) => candidate.key === epic.key)?.fields.summary) : epic.summary },
    readiness: readiness.verdict,
    failing: [...readiness.failures, ...readiness.warnings].map((failure) => ({ ruleId: failure.ruleId, severity: failure.severity, message: failure.message })),
    points: readiness.points ?? null,
  };
}

/** Open story-level issues as backlog rows, unranked, those with a score apart from those without. */
function unrankedRowsOf(snapshot: Snapshot, configuration: ProjectConfiguration): { ranked: BacklogRowView[]; incomplete: BacklogRowView[] } {
  const ranked: BacklogRowView[] = [];
  const incomplete: BacklogRowView[] = [];
  for (const issue of snapshot.issues) {
    if (levelOf(issue) !== 0 || statusCategoryOf(issue.fields) === 'done') continue;
    const evaluation = snapshot.evaluations.get(issue.key);
    if (evaluation === undefined) continue;
    const row = rowOf(issue, evaluation, snapshot, configuration);
    if (row.score === null) incomplete.push(row);
    else ranked.push(row);
  }
  return { ranked, incomplete };
}

/** Open story-level issues ranked by score (ties by key order), incomplete ones apart. */
export function rankRows(snapshot: Snapshot, configuration: ProjectConfiguration): { ranked: BacklogRowView[]; incomplete: BacklogRowView[] } {
  const { ranked, incomplete } = unrankedRowsOf(snapshot, configuration);
  ranked.sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.key.localeCompare(b.key, 'en', { numeric: true }));
  return { ranked: ranked.map((row, index) => ({ ...row, rank: index + 1 })), incomplete };
}

/** Rows sent to the browser at most: Forge returns at most 5 MB from a function. */
export const MAX_RANKED_ROWS = 1_500;
export const MAX_INCOMPLETE_ROWS = 500;

export function rankedBacklogOf(project: ProjectPageProject, configuration: ProjectConfiguration, snapshot: Snapshot, locale?: string): RankedBacklogView {
  const { ranked, incomplete } = rankRows(snapshot, configuration);
  const notes = notesOf(snapshot, configuration, locale);
  if (ranked.length > MAX_RANKED_ROWS) notes.push(`Showing the top ${viewerNumber(MAX_RANKED_ROWS, locale)} of ${viewerNumber(ranked.length, locale)} ranked issues; the filters apply to these.`);
  if (incomplete.length > MAX_INCOMPLETE_ROWS) notes.push(`Showing ${viewerNumber(MAX_INCOMPLETE_ROWS, locale)} of ${viewerNumber(incomplete.length, locale)} issues without a complete score.`);
  return {
    project,
    model: snapshot.evaluator.scoring.modelName,
    ranked: ranked.slice(0, MAX_RANKED_ROWS),
    incomplete: incomplete.slice(0, MAX_INCOMPLETE_ROWS),
    totals: { ranked: ranked.length, incomplete: incomplete.length },
    notes,
    reads: { issues: snapshot.issues.length, searchCalls: snapshot.searchCalls },
  };
}

/** Rows a page of the backlog asks Jira for: one search, Jira's ceiling when fields are asked for. */
export const BACKLOG_PAGE_ROWS = PAGE_SIZE;

export const NO_SCORE_FIELD_NOTE = 'Nothing can be ranked yet: the app\'s "Priority score" field does not exist on this site (it appears once the app is fully installed). The open issues are listed below, in key order, with what their scores lack.';

/**
 * Where a list of the backlog goes on: which list, how many rows came before (the rank of the next
 * row is one more) and Jira's page token. Written `r.<rows>.<token>` or `i.<rows>.<token>`.
 */
export interface BacklogCursor {
  readonly list: BacklogList;
  readonly offset: number;
  readonly token: string;
}

/** Jira's page tokens are opaque; these are the characters and length they come in (base64 and base64url). */
const TOKEN = /^[A-Za-z0-9_+/=-]{1,1024}$/;
/** No backlog has ten million rows: a larger offset is forged. */
const MAX_OFFSET = 9_999_999;
export const BACKLOG_CURSOR = /^[ri]\.(0|[1-9][0-9]{0,6})\.[A-Za-z0-9_+/=-]{1,1024}$/;

export function backlogCursorText(cursor: BacklogCursor): string {
  return `${cursor.list === 'ranked' ? 'r' : 'i'}.${String(cursor.offset)}.${cursor.token}`;
}

/** The cursor a page sent, or undefined when it is not one (the resolver refuses it in words). */
export function parseBacklogCursor(text: string): BacklogCursor | undefined {
  if (!BACKLOG_CURSOR.test(text)) return undefined;
  const [list, offset, ...token] = text.split('.');
  const joined = token.join('.');
  const rows = Number(offset);
  if (!TOKEN.test(joined) || !Number.isSafeInteger(rows) || rows > MAX_OFFSET) return undefined;
  return { list: list === 'r' ? 'ranked' : 'incomplete', offset: rows, token: joined };
}

export interface BacklogPageInput {
  readonly project: ProjectPageProject;
  readonly configuration: ProjectConfiguration;
  readonly site: SiteFields;
  readonly epicThemes: EpicThemeReader;
  readonly list: BacklogList;
  readonly filters: BacklogFilters;
  /** Where the previous page of the same list ended; undefined for the first page. */
  readonly cursor: BacklogCursor | undefined;
  readonly now: Date;
}

/** The app's "Priority score" field as JQL names it; undefined on a site that does not have it (yet). */
export function scoreFieldOf(site: SiteFields): JqlPart | undefined {
  return site.appFields.score === null ? undefined : customField(site.appFields.score);
}

/**
 * One page of a backlog query (ONE search, from `startToken` when given), evaluated: the issues in
 * Jira's order, each evaluated with its epic's theme (epics of other projects looked up in bulk),
 * and where the next page starts.
 */
export async function readBacklogPage(jira: JiraClient, evaluator: Evaluator, jql: Jql, pageSize: number, startToken: string | undefined, now: Date): Promise<{ snapshot: Snapshot; token: string | undefined }> {
  const issues: JiraIssue[] = [];
  let token: string | undefined;
  let searchCalls = 0;
  for await (const page of searchPages(jira, { jql, fields: evaluator.fields, properties: evaluator.properties, pageSize, maxPages: 1, ...(startToken === undefined ? {} : { startToken }) })) {
    searchCalls++;
    issues.push(...page.issues);
    token = page.nextPageToken;
    break;
  }
  const epics = new Map<string, EpicRef | null>(await evaluator.epicsAmong(issues));
  const missing = evaluator.parentsToLookUp(issues, epics);
  if (missing.length > 0) for (const [key, ref] of (await lookUpEpics(jira, evaluator, missing)).epics) epics.set(key, ref);
  const evaluations = new Map<string, IssueEvaluation>();
  for (const issue of issues) evaluations.set(issue.key, evaluator.evaluate(issue, epics, now));
  return { snapshot: { evaluator, issues, evaluations, epics, complete: token === undefined, searchCalls }, token };
}

/**
 * One page of the ranked backlog (or of its incomplete list): ONE search as the caller's client,
 * in the order Jira keeps by the app's "Priority score" field (`rankedBacklogJql`), each issue
 * evaluated as the whole backlog evaluates it (`rowOf`). Ranks are positions in that order, so
 * rows already shown never move; epics that carry a score are left out of the rows (JQL leaves out
 * subtasks; an epic's level is read from its type).
 */
export async function rankedBacklogPageOf(jira: JiraClient, input: BacklogPageInput): Promise<RankedBacklogPageView> {
  const { project, configuration, site, list, filters, cursor, now } = input;
  const evaluator = createEvaluator(configuration, site, input.epicThemes);
  const scoreField = scoreFieldOf(site);
  const notes = [...configuration.problems];
  if (configuration.blocked !== null) notes.push(configuration.blocked);
  const themes = configuration.strategy.themes.map((theme) => ({ id: theme.id, name: theme.name }));
  const base = { project, model: evaluator.scoring.modelName, list, scoreField: scoreField !== undefined, themes };
  if (scoreField === undefined) {
    notes.push(NO_SCORE_FIELD_NOTE);
    if (list === 'ranked') return { ...base, rows: [], next: null, notes, reads: { issues: 0, searchCalls: 0 } };
  }
  const jql = rankedBacklogJql(project.id, list, scoreField, READINESS_PROPERTY_KEY, filters);
  const { snapshot, token } = await readBacklogPage(jira, evaluator, jql, BACKLOG_PAGE_ROWS, cursor?.token, now);
  const { issues, evaluations, searchCalls } = snapshot;
  const offset = cursor?.offset ?? 0;
  const rows: BacklogRowView[] = [];
  for (const issue of issues) {
    const evaluation = evaluations.get(issue.key);
    if (evaluation === undefined || levelOf(issue) !== 0) continue;
    const row = rowOf(issue, evaluation, snapshot, configuration);
    rows.push(list === 'ranked' ? { ...row, rank: offset + rows.length + 1 } : row);
  }
  const next = token === undefined || !TOKEN.test(token) ? null : backlogCursorText({ list, offset: offset + rows.length, token });
  if (token !== undefined && next === null) notes.push('Jira gave a place to go on from that the app cannot keep, so the list stops here.');
  return { ...base, rows, next, notes, reads: { issues: issues.length, searchCalls } };
}
