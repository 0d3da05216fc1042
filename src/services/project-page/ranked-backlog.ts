/**
 * The ranked backlog: open story-level issues by score, each with its main driver, and the
 * incomplete ones apart; whole or read in chunks.
 */
import type {
  BacklogRowView,
  ProjectPageProject,
  RankedBacklogChunkView,
  RankedBacklogView,
} from '../../contract';
import type { BreakdownLine, ScoreResult } from '../../domain/scoring';
import { issueTypeOf, parentOf, statusCategoryOf, statusNameOf } from '../../domain/jira-issue';
import type { JiraIssue } from '../../domain/jira-issue';
import { approximateCount } from '../../jira';
import type { JiraClient } from '../../jira';
import type { EpicThemeReader, IssueEvaluation } from '../evaluation';
import type { ProjectConfiguration } from '../project-configuration';
import { projectCountJql, projectJql } from '../queries';
import type { SiteFields } from '../site-fields';
import { CHUNK_PAGES, PAGE_SIZE, categoryOf, levelOf, notesOf, round, textOf, readSnapshot } from './snapshot';
import type { Snapshot } from './snapshot';

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

/**
 * Open story-level issues as backlog rows, unranked, those with a score apart from those without:
 * a chunk of the ranked backlog sends them so (the page sorts the merged rows), rankRows sorts them.
 */
function chunkRowsOf(snapshot: Snapshot, configuration: ProjectConfiguration): { ranked: BacklogRowView[]; incomplete: BacklogRowView[] } {
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
  const { ranked, incomplete } = chunkRowsOf(snapshot, configuration);
  ranked.sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.key.localeCompare(b.key, 'en', { numeric: true }));
  return { ranked: ranked.map((row, index) => ({ ...row, rank: index + 1 })), incomplete };
}

/** Rows sent to the browser at most: Forge returns at most 5 MB from a function. */
export const MAX_RANKED_ROWS = 1_500;
export const MAX_INCOMPLETE_ROWS = 500;

export function rankedBacklogOf(project: ProjectPageProject, configuration: ProjectConfiguration, snapshot: Snapshot): RankedBacklogView {
  const { ranked, incomplete } = rankRows(snapshot, configuration);
  const notes = notesOf(snapshot, configuration);
  if (ranked.length > MAX_RANKED_ROWS) notes.push(`Showing the top ${MAX_RANKED_ROWS.toLocaleString('en-US')} of ${ranked.length.toLocaleString('en-US')} ranked issues; the filters apply to these.`);
  if (incomplete.length > MAX_INCOMPLETE_ROWS) notes.push(`Showing ${MAX_INCOMPLETE_ROWS.toLocaleString('en-US')} of ${incomplete.length.toLocaleString('en-US')} issues without a complete score.`);
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

/**
 * One chunk of the ranked backlog: the next ≤ CHUNK_PAGES pages of the project's open issues in key
 * order, as rows (unranked, uncapped); the page merges, sorts, ranks and caps them.
 */
export async function rankedBacklogChunkOf(jira: JiraClient, project: ProjectPageProject, configuration: ProjectConfiguration, site: SiteFields, epicThemes: EpicThemeReader, after: string | undefined, now: Date): Promise<RankedBacklogChunkView> {
  const [snapshot, estimatedIssues] = await Promise.all([
    readSnapshot(jira, configuration, site, epicThemes, projectJql(project.id, { open: true, after }), now, CHUNK_PAGES * PAGE_SIZE),
    after === undefined ? approximateCount(jira, projectCountJql(project.id, { open: true })).catch(() => null) : Promise.resolve(null),
  ]);
  const { ranked, incomplete } = chunkRowsOf(snapshot, configuration);
  const notes = [...configuration.problems];
  if (configuration.blocked !== null) notes.push(configuration.blocked);
  const last = snapshot.issues[snapshot.issues.length - 1];
  return {
    project,
    model: snapshot.evaluator.scoring.modelName,
    ranked,
    incomplete,
    notes,
    reads: { issues: snapshot.issues.length, searchCalls: snapshot.searchCalls },
    next: snapshot.complete || last === undefined ? null : last.key,
    estimatedIssues,
  };
}
