/**
 * The scoring grid: the project's issues whose score is incomplete (or any filter), one row per
 * issue and one cell per input of the scoring model, filled like a spreadsheet. Rows are read a
 * page at a time as the user (ONE search, in key order, so rows already shown never move), each
 * evaluated as the ranked backlog evaluates it; a cell's editor is the sidebar's (`editorOf`).
 * A cell is written through the sidebar's own path (`setIssueInput`: the value checked against
 * its kind, EDIT_ISSUES checked, written as the user), after two more checks: the issue is one of
 * the project in view (a forged key, or an issue of another project, writes nothing), and Jira's
 * value is still the one the grid showed (someone else's edit is never overwritten blindly).
 */
import type { GridCellValue, InputEditor, IssueScoreView, ProjectPageProject, ScoringGridCell, ScoringGridCellPayload, ScoringGridCellView, ScoringGridColumn, ScoringGridPageView, ScoringGridRow } from '../contract';
import { issueTypeOf, statusNameOf } from '../domain/jira-issue';
import type { JiraIssue } from '../domain/jira-issue';
import { compileScoring } from '../domain/scoring';
import type { CompiledScoring, JsonValue, ScoreResult, ScoringConfig } from '../domain/scoring';
import { approximateCount, createJiraClient, fetchFields, isIssueKey, isJiraError } from '../jira';
import type { FieldDetails, JiraClient, RequestJira } from '../jira';
import { NO_ATTACHED_THEMES, createEvaluator } from './evaluation';
import type { EpicThemeReader } from './evaluation';
import { fieldValueOf, setIssueInput } from './issue-input';
import type { SetIssueInputOptions } from './issue-input';
import { InputRefusal } from './input-refusal';
import { editorOf, fieldNameOf, rawTextOf, scoreRead } from './issue-score';
import type { IssueRead } from './issue-score';
import type { ProjectConfiguration } from './project-configuration';
import { readBacklogPage, scoreFieldOf } from './project-page/ranked-backlog';
import { levelOf, round, textOf } from './project-page/snapshot';
import { scoredAboveJql, scoredAboveOthersJql, scoringGridJql } from './queries';
import type { BacklogFilters } from './queries';
import { READINESS_PROPERTY_KEY } from './site-fields';
import type { SiteFields } from './site-fields';

/** Rows a page asks Jira for: one search, Jira's ceiling when fields are asked for. */
export const GRID_PAGE_ROWS = 100;
/** Rank counts in flight at once for a page's scored rows (one count per distinct score). */
const RANK_COUNTS_AT_ONCE = 16;

/** Searches one page call may make when pages hold no incomplete issue. */
const MAX_PAGES_A_CALL = 4;

/** Jira's page tokens are opaque; these are the characters and length they come in. */
export const GRID_CURSOR = /^[A-Za-z0-9_+/=-]{1,1024}$/;

export const NOT_IN_PROJECT = 'The grid writes only the issues of the project on screen, and this is not one you can see there, so nothing was written.';

// ---- Cells (pure) ----

/** A cell as the grid shows and edits it, from the raw Jira value of its field. Pure. */
export function cellOf(editor: InputEditor, raw: unknown): ScoringGridCell {
  const text = rawTextOf((raw ?? null) as JsonValue);
  switch (editor.kind) {
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? { value: raw, text } : { value: null, text };
    case 'date':
      return typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}/.test(raw) ? { value: raw.slice(0, 10), text: raw.slice(0, 10) } : { value: null, text };
    case 'choice':
      return { value: text, text };
    default:
      return { value: null, text };
  }
}

/** Whether two cell values are the same value (a number typed as text is not the number). Pure. */
export function sameCellValue(a: GridCellValue, b: GridCellValue): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
  return a === b;
}

/** What a score lacks, each "Label: reason", as the ranked backlog says it. */
function missingOf(score: ScoreResult): string[] {
  if (score.status === 'scored') return [];
  return [...score.missing, ...(score.status === 'invalid' ? score.invalid : [])].map((problem) => `${problem.label}: ${problem.reason}`);
}

/** The model's inputs as columns, each with the sidebar's editor for it. */
export function gridColumnsOf(scoring: CompiledScoring, config: ScoringConfig, fields: ReadonlyMap<string, FieldDetails>, site: SiteFields): ScoringGridColumn[] {
  return scoring.inputs.map((input) => ({
    input: input.key,
    label: input.label,
    field: input.fieldId === null ? null : { id: input.fieldId, name: fieldNameOf(input.fieldId, fields, site) },
    editor: input.kind === 'strategic-weight' ? { kind: 'none', reason: "comes from the epic's theme" } : editorOf(config, input.key, fields),
  }));
}

function cellsOf(issue: JiraIssue, columns: readonly ScoringGridColumn[], score: ScoreResult): Record<string, ScoringGridCell> {
  const cells: Record<string, ScoringGridCell> = {};
  for (const column of columns) {
    const editor = column.editor;
    if ('fieldId' in editor) {
      cells[column.input] = cellOf(editor, issue.fields[editor.fieldId]);
      continue;
    }
    // Not edited here (a theme's weight, a count Jira keeps): what the score used, to read.
    const line = score.breakdown.find((candidate) => candidate.input === column.input);
    const cell = cellOf(editor, line?.raw ?? null);
    cells[column.input] = cell.text === null && line?.used !== null && line?.used !== undefined ? { value: null, text: String(line.used) } : cell;
  }
  return cells;
}

// ---- A page of rows ----

export interface GridPageInput {
  readonly project: ProjectPageProject;
  readonly configuration: ProjectConfiguration;
  readonly site: SiteFields;
  readonly epicThemes: EpicThemeReader;
  readonly list: 'incomplete' | 'all';
  readonly filters: BacklogFilters;
  readonly cursor: string | undefined;
  readonly now: Date;
}

/** The site's field list as the user reads it, or none when Jira does not give it (editors then fall back as the sidebar's do). */
async function fieldsOf(jira: JiraClient): Promise<Map<string, FieldDetails>> {
  try {
    return new Map((await fetchFields(jira)).map((field) => [field.id, field]));
  } catch (error: unknown) {
    if (isJiraError(error) && error.kind !== 'rate-limited') return new Map();
    throw error;
  }
}

/** Runs `work` over `items`, at most `limit` at once, in order of the answers' positions. */
async function bounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index] as T);
  });
  await Promise.all(lanes);
  return results;
}

/** Where a score stands among the project's other open scored issues (their stored "Priority score"), read as the user. */
async function rankOf(jira: JiraClient, projectId: string, site: SiteFields, key: string, score: number | null): Promise<number | null> {
  const field = scoreFieldOf(site);
  if (score === null || field === undefined) return null;
  return (await approximateCount(jira, scoredAboveOthersJql(projectId, field, score, key))) + 1;
}

/**
 * One page of the grid: ONE search as the user (with the field list read alongside, for the
 * editors), each issue evaluated as the ranked backlog evaluates it. In the incomplete list a row
 * that the live evaluation scores (its stored score not written yet) is left out; the ranks of
 * scored rows are one count as the user per distinct score (none in the incomplete list).
 */
export async function scoringGridPageOf(jira: JiraClient, input: GridPageInput): Promise<ScoringGridPageView> {
  const { project, configuration, site, list, filters, cursor, now } = input;
  const evaluator = createEvaluator(configuration, site, input.epicThemes);
  const notes = [...configuration.problems];
  if (configuration.blocked !== null) notes.push(configuration.blocked);
  const jql = scoringGridJql(project.id, list, scoreFieldOf(site), READINESS_PROPERTY_KEY, filters);
  const [firstPage, fields] = await Promise.all([readBacklogPage(jira, evaluator, jql, GRID_PAGE_ROWS, cursor, now), fieldsOf(jira)]);
  const columns = gridColumnsOf(evaluator.scoring, configuration.scoring, fields, site);
  const rows: Omit<ScoringGridRow, 'rank'>[] = [];
  let { snapshot, token } = firstPage;
  let issuesRead = 0;
  let searchCalls = 0;
  for (let pages = 1; ; pages++) {
    issuesRead += snapshot.issues.length;
    searchCalls += snapshot.searchCalls;
    for (const issue of snapshot.issues) {
      const evaluation = snapshot.evaluations.get(issue.key);
      if (evaluation === undefined || levelOf(issue) !== 0) continue;
      const score = evaluation.score;
      if (list === 'incomplete' && score.status === 'scored') continue;
      rows.push({
        key: issue.key,
        summary: textOf(issue.fields.summary),
        issueType: issueTypeOf(issue.fields)?.name ?? 'Issue',
        status: statusNameOf(issue.fields) ?? 'Unknown',
        cells: cellsOf(issue, columns, score),
        score: score.status === 'scored' ? round(score.score) : null,
        outcome: score.status,
        missing: missingOf(score),
      });
    }
    // Where the stored scores lag (no recount yet), a page can hold only issues the live evaluation
    // scores: the next is read in the same call, a few at most, so the grid never shows an empty page with more to come.
    if (rows.length > 0 || token === undefined || !GRID_CURSOR.test(token) || pages >= MAX_PAGES_A_CALL) break;
    ({ snapshot, token } = await readBacklogPage(jira, evaluator, jql, GRID_PAGE_ROWS, token, now));
  }
  // One count per distinct score: rows of equal score share their rank (those above them), as ties do in the backlog.
  const field = scoreFieldOf(site);
  const scores = field === undefined ? [] : [...new Set(rows.flatMap((row) => (row.score === null ? [] : [row.score])))];
  const above = await bounded(scores, RANK_COUNTS_AT_ONCE, (score) => (field === undefined ? Promise.resolve(0) : approximateCount(jira, scoredAboveJql(project.id, field, score))));
  const rankOfScore = new Map(scores.map((score, index) => [score, (above[index] ?? 0) + 1]));
  const ranks = rows.map((row) => (row.score === null ? null : (rankOfScore.get(row.score) ?? null)));
  const next = token === undefined || !GRID_CURSOR.test(token) ? null : token;
  if (token !== undefined && next === null) notes.push('Jira gave a place to go on from that the app cannot keep, so the list stops here.');
  return {
    project,
    model: evaluator.scoring.modelName,
    list,
    columns,
    rows: rows.map((row, index) => ({ ...row, rank: ranks[index] ?? null })),
    next,
    themes: configuration.strategy.themes.map((theme) => ({ id: theme.id, name: theme.name })),
    notes,
    reads: { issues: issuesRead, searchCalls },
  };
}

// ---- Writing one cell ----

/** Thrown before the write when Jira's value is no longer the one the grid showed. */
class ChangedElsewhere extends Error {
  constructor(
    readonly read: IssueRead,
    readonly label: string,
    readonly current: ScoringGridCell,
  ) {
    super('changed elsewhere');
  }
}

function typedText(value: ScoringGridCellPayload['value']): string {
  return value === null || value === '' ? 'empty' : `"${String(value).slice(0, 40)}"`;
}

export interface GridWriteOptions extends Pick<SetIssueInputOptions, 'timeZone' | 'now' | 'configuration' | 'epicThemes'> {
  readonly siteFields: () => Promise<SiteFields>;
}

function rowFacts(view: IssueScoreView): Pick<ScoringGridCellView, 'score' | 'outcome' | 'missing'> {
  return {
    score: view.score === null ? null : round(view.score),
    outcome: view.outcome,
    missing: [...view.missing, ...view.invalid].map((problem) => `${problem.label}: ${problem.reason}`),
  };
}

/**
 * Writes one cell as whoever `requestJira` acts for (the resolver passes the user's): the sidebar's
 * write path, with the issue's project and the cell's base value checked once the issue is read.
 * Saved: the row's new score and its rank. Changed meanwhile: nothing written, the value Jira has
 * now and a sentence that says so.
 */
export async function writeGridCell(requestJira: RequestJira, project: ProjectPageProject, payload: ScoringGridCellPayload, options: GridWriteOptions): Promise<ScoringGridCellView> {
  const { issueKey } = payload;
  // A key names its project (a moved issue's old key too: its project is checked again once read).
  if (!isIssueKey(issueKey) || (project.key !== '' && !issueKey.startsWith(`${project.key}-`))) throw new InputRefusal('bad-request', NOT_IN_PROJECT);
  const jira = createJiraClient(requestJira);
  let saved: ScoringGridCell | undefined;
  const beforeWrite = (read: IssueRead): void => {
    if (read.project.id !== project.id) throw new InputRefusal('bad-request', NOT_IN_PROJECT);
    // An input the model does not have is refused by setIssueInput next, in its words.
    const input = compileScoring(read.configuration.scoring).inputs.find((candidate) => candidate.key === payload.input);
    if (input === undefined) return;
    const fields = new Map(read.fields.map((field) => [field.id, field]));
    const editor = editorOf(read.configuration.scoring, input.key, fields);
    // The sidebar's own check of the value, so a multi-select or a count says why it is not set here.
    const value = fieldValueOf(editor, input.label, payload.value);
    if (!('fieldId' in editor)) return;
    const current = cellOf(editor, read.issue.fields[editor.fieldId]);
    if (!sameCellValue(current.value, payload.base)) throw new ChangedElsewhere(read, input.label, current);
    saved = cellOf(editor, value);
  };
  try {
    const view = await setIssueInput(requestJira, issueKey, { input: payload.input, value: payload.value }, { ...options, beforeWrite });
    const site = await options.siteFields();
    const facts = rowFacts(view);
    return { status: 'saved', key: view.issue.key, input: payload.input, cell: saved ?? { value: null, text: null }, ...facts, rank: await rankOf(jira, project.id, site, view.issue.key, facts.score), message: null };
  } catch (error: unknown) {
    if (!(error instanceof ChangedElsewhere)) throw error;
    const view = await scoreRead(jira, error.read, options.epicThemes ?? NO_ATTACHED_THEMES, options);
    const facts = rowFacts(view);
    const now = error.current.text ?? 'empty';
    const site = await options.siteFields();
    return {
      status: 'changed-elsewhere',
      key: view.issue.key,
      input: payload.input,
      cell: error.current,
      ...facts,
      rank: await rankOf(jira, project.id, site, view.issue.key, facts.score),
      message: `${error.label} of ${view.issue.key} was changed in Jira since the grid was read (it is now ${now === 'empty' ? 'empty' : `"${now}"`}), so your value (${typedText(payload.value)}) was not written. Enter it again to replace the new value.`,
    };
  }
}
