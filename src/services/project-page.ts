/**
 * The project page's views (vision map, ranked backlog, sprint readiness), read through the given
 * Jira client (the resolver passes the user's: nobody sees an issue they cannot browse).
 *
 * Every view reads with searches that ask only for the fields the evaluator needs; the search
 * calls are ⌈N / page⌉ for N issues, never one call per issue. Epics of other projects that
 * stories point at are looked up in bulk (100 a call).
 *
 * Over 400 lines because it still builds the three views and their snapshot together; issue 12 splits it into one module per view (not done here: the JQL work is under way in it).
 */
import type {
  AllocationRowView,
  EpicTallyView,
  ThemeTallyView,
  VisionMapChunkView,
  BacklogRowView,
  ProjectEpicView,
  ProjectPageProject,
  ProjectStrategyView,
  RankedBacklogChunkView,
  RankedBacklogView,
  SprintReadinessView,
  VisionMapView,
} from '../contract';
import { readinessOfSet } from '../domain/readiness';
import type { BreakdownLine, ScoreResult } from '../domain/scoring';
import { allocationByTheme, epicProgress } from '../domain/strategy';
import type { IssueTheme, Strategy } from '../domain/strategy';
import { issueTypeOf, parentOf, statusCategoryOf, statusNameOf } from '../domain/jira-issue';
import type { JiraIssue } from '../domain/jira-issue';
import { approximateCount, getMyPermissions, listBoards, listSprints, MAX_PAGE_SIZE, nonEmpty, searchPages } from '../jira';
import type { JiraClient, Jql, NonEmptyList } from '../jira';
import { createEvaluator, lookUpEpics } from './evaluation';
import type { EpicRef, EpicThemeReader, Evaluator, IssueEvaluation } from './evaluation';
import type { ProjectConfiguration } from './project-configuration';
import { epicsJql, issuesByKeyJql, projectCountJql, projectJql, sprintDoneJql, sprintJql } from './queries';
import type { SiteFields } from './site-fields';

/** Issues per search call: Jira's ceiling when fields are asked for. */
export const PAGE_SIZE = 100;
/** A view stops reading after this many issues (the rest is said in a note). */
export const MAX_ISSUES = 10_000;
export const DEFAULT_TOP = 20;
/** How many closed sprints make the average velocity. */
export const VELOCITY_SPRINTS = 3;

export interface ProjectAccess {
  readonly canBrowse: boolean;
  readonly isAdmin: boolean;
}

/** What the user may do in the project, asked as the user (one call). */
export async function projectAccess(jira: JiraClient, projectId: string): Promise<ProjectAccess> {
  const granted = await getMyPermissions(jira, ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS'], { projectId });
  return { canBrowse: granted.BROWSE_PROJECTS === true, isAdmin: granted.ADMINISTER_PROJECTS === true };
}

export interface Snapshot {
  readonly evaluator: Evaluator;
  readonly issues: readonly JiraIssue[];
  readonly evaluations: ReadonlyMap<string, IssueEvaluation>;
  readonly epics: ReadonlyMap<string, EpicRef | null>;
  readonly complete: boolean;
  readonly searchCalls: number;
}

/** Reads the issues of `jql` with the evaluator's fields and evaluates each. */
export async function readSnapshot(jira: JiraClient, configuration: ProjectConfiguration, site: SiteFields, epicThemes: EpicThemeReader, jql: Jql, now: Date, maxIssues = MAX_ISSUES): Promise<Snapshot> {
  const evaluator = createEvaluator(configuration, site, epicThemes);
  const issues: JiraIssue[] = [];
  let searchCalls = 0;
  let complete = true;
  for await (const page of searchPages(jira, { jql, fields: evaluator.fields, properties: evaluator.properties, pageSize: PAGE_SIZE })) {
    searchCalls++;
    issues.push(...page.issues);
    if (issues.length >= maxIssues && !page.isLast) {
      complete = false;
      break;
    }
  }
  return completeSnapshot(jira, evaluator, issues, searchCalls, complete, now);
}

async function completeSnapshot(jira: JiraClient, evaluator: Evaluator, issues: readonly JiraIssue[], searchCalls: number, complete: boolean, now: Date): Promise<Snapshot> {
  const epics = new Map<string, EpicRef | null>(await evaluator.epicsAmong(issues));
  const missing = evaluator.parentsToLookUp(issues, epics);
  if (missing.length > 0) {
    const found = await lookUpEpics(jira, evaluator, missing);
    for (const [key, ref] of found.epics) epics.set(key, ref);
  }
  const evaluations = new Map<string, IssueEvaluation>();
  for (const issue of issues) evaluations.set(issue.key, evaluator.evaluate(issue, epics, now));
  return { evaluator, issues, evaluations, epics, complete, searchCalls };
}

/** Keys per `key in (…)` search of the outline: one page of fields. */
const KEYS_PER_SEARCH = PAGE_SIZE;

/**
 * The project's epics in three round trips whatever their number, for the outline: the first page
 * with its fields; if more follow, their keys in one ids-only search (up to 5,000 a page), then
 * their fields in parallel searches of ≤ 100 keys each. Same issues, same order as one paged read.
 */
export async function readEpicsSnapshot(jira: JiraClient, configuration: ProjectConfiguration, site: SiteFields, epicThemes: EpicThemeReader, projectId: string, now: Date): Promise<Snapshot> {
  const evaluator = createEvaluator(configuration, site, epicThemes);
  const fields = { fields: evaluator.fields, properties: evaluator.properties, pageSize: PAGE_SIZE };
  const issues: JiraIssue[] = [];
  let searchCalls = 0;
  let last = true;
  for await (const page of searchPages(jira, { jql: epicsJql(projectId), ...fields })) {
    searchCalls++;
    issues.push(...page.issues);
    last = page.isLast;
    break;
  }
  const after = issues[issues.length - 1];
  if (!last && after !== undefined) {
    const keys: string[] = [];
    for await (const page of searchPages(jira, { jql: epicsJql(projectId, after.key), fields: ['key'], pageSize: MAX_PAGE_SIZE })) {
      searchCalls++;
      for (const issue of page.issues) keys.push(issue.key);
      if (issues.length + keys.length >= MAX_ISSUES) break;
    }
    const groups: NonEmptyList<string>[] = [];
    for (let i = 0; i < keys.length; i += KEYS_PER_SEARCH) {
      const group = nonEmpty(keys.slice(i, i + KEYS_PER_SEARCH));
      if (group !== undefined) groups.push(group);
    }
    const pages = await Promise.all(
      groups.map(async (group) => {
        const found: JiraIssue[] = [];
        for await (const page of searchPages(jira, { jql: issuesByKeyJql(group), ...fields })) {
          searchCalls++;
          found.push(...page.issues);
        }
        return found;
      }),
    );
    const seen = new Set(issues.map((issue) => issue.key));
    for (const page of pages) for (const issue of page) if (!seen.has(issue.key)) issues.push(issue);
  }
  return completeSnapshot(jira, evaluator, issues, searchCalls, true, now);
}

export function strategyView(strategy: Strategy): ProjectStrategyView {
  return {
    revision: strategy.revision,
    vision: {
      statement: strategy.vision.statement,
      targetCustomers: strategy.vision.targetCustomers,
      goals: strategy.vision.goals.map(({ name, metric, target }) => ({ name, metric, target })),
    },
    themes: strategy.themes.map((theme) => ({
      id: theme.id,
      name: theme.name,
      description: theme.description,
      horizon: theme.horizon,
      targetPercent: theme.targetPercent,
      strategicWeight: theme.strategicWeight,
      colour: theme.colour,
      archived: theme.archived,
    })),
  };
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');
const levelOf = (issue: JiraIssue): number => issueTypeOf(issue.fields)?.hierarchyLevel ?? 0;

function categoryOf(issue: JiraIssue): ProjectEpicView['statusCategory'] {
  return statusCategoryOf(issue.fields) ?? 'unknown';
}

function themeStateOf(theme: IssueTheme): { themeId: string | null; themeState: ProjectEpicView['themeState'] } {
  switch (theme.kind) {
    case 'theme':
      return { themeId: theme.theme.id, themeState: theme.archived ? 'archived-theme' : 'theme' };
    case 'unknown-theme':
      return { themeId: theme.id, themeState: 'unknown-theme' };
    case 'none':
      return { themeId: null, themeState: 'none' };
  }
}

const round = (value: number): number => Math.round(value * 100) / 100;

function notesOf(snapshot: Snapshot, configuration: ProjectConfiguration): string[] {
  const notes = [...configuration.problems];
  if (configuration.blocked !== null) notes.push(configuration.blocked);
  if (!snapshot.complete) notes.push(`Only the first ${snapshot.issues.length} issues were read; narrow the project or archive old issues to see all of them.`);
  return notes;
}

/** The stories of each parent key, and the epics (hierarchy level ≥ 1), in the snapshot's order. */
function childrenOf(snapshot: Snapshot, configuration: ProjectConfiguration): { children: Map<string, JiraIssue[]>; epicIssues: JiraIssue[] } {
  const children = new Map<string, JiraIssue[]>();
  const epicIssues: JiraIssue[] = [];
  for (const issue of snapshot.issues) {
    if (levelOf(issue) >= 1) {
      epicIssues.push(issue);
      continue;
    }
    const parent = parentOf(issue.fields, configuration.readiness.epicLinkFieldId ?? undefined);
    if (parent === undefined) continue;
    const list = children.get(parent.key);
    if (list === undefined) children.set(parent.key, [issue]);
    else list.push(issue);
  }
  return { children, epicIssues };
}

/** Counts, estimate (unrounded) and readiness of one epic's stories among `kids`. */
function tallyOf(key: string, kids: readonly JiraIssue[], snapshot: Snapshot, storyPointsFieldId: string | null): EpicTallyView {
  const progress = epicProgress(kids, storyPointsFieldId);
  let ready = 0;
  let checked = 0;
  for (const kid of kids) {
    const verdict = snapshot.evaluations.get(kid.key)?.readiness.verdict;
    if (verdict === undefined || verdict === 'not-applicable') continue;
    checked++;
    if (verdict === 'ready') ready++;
  }
  return { key, count: progress.count, points: progress.points, readiness: { ready, checked } };
}

function epicRowOf(epic: JiraIssue, snapshot: Snapshot, tally: EpicTallyView): ProjectEpicView {
  const evaluation = snapshot.evaluations.get(epic.key);
  const score = evaluation?.score.status === 'scored' ? round(evaluation.score.score) : null;
  return {
    id: epic.id,
    key: epic.key,
    summary: textOf(epic.fields.summary),
    status: statusNameOf(epic.fields) ?? 'Unknown',
    statusCategory: categoryOf(epic),
    ...themeStateOf(evaluation?.theme ?? { kind: 'none' }),
    count: tally.count,
    points: { done: round(tally.points.done), total: round(tally.points.total), unestimated: tally.points.unestimated },
    score,
    readiness: tally.readiness,
  };
}

export function visionMapOf(project: ProjectPageProject, canEdit: boolean, configuration: ProjectConfiguration, snapshot: Snapshot, complete = true): VisionMapView {
  const storyPointsFieldId = configuration.readiness.storyPointsField?.id ?? null;
  const { children, epicIssues } = childrenOf(snapshot, configuration);
  const epics: ProjectEpicView[] = epicIssues.map((epic) => epicRowOf(epic, snapshot, tallyOf(epic.key, children.get(epic.key) ?? [], snapshot, storyPointsFieldId)));
  const stories = snapshot.issues.filter((issue) => levelOf(issue) === 0).map((issue) => ({ issue, theme: snapshot.evaluations.get(issue.key)?.theme ?? ({ kind: 'none' } as const) }));
  const allocation = allocationByTheme(stories, configuration.strategy.themes, storyPointsFieldId);
  const rows: AllocationRowView[] = allocation.themes.map((theme) => ({
    themeId: theme.themeId,
    name: theme.name,
    colour: theme.colour,
    targetPercent: theme.targetPercent,
    open: { points: round(theme.open.points), percent: round(theme.open.percent) },
    done: { points: round(theme.done.points), percent: round(theme.done.percent) },
    stories: theme.stories,
  }));
  rows.push({
    themeId: null,
    name: 'Unaligned',
    colour: 'gray',
    targetPercent: round(allocation.unallocatedTargetPercent),
    open: { points: round(allocation.unaligned.open.points), percent: round(allocation.unaligned.open.percent) },
    done: { points: round(allocation.unaligned.done.points), percent: round(allocation.unaligned.done.percent) },
    stories: allocation.unaligned.stories,
  });
  return {
    project,
    canEdit,
    strategy: strategyView(configuration.strategy),
    epics,
    allocation: rows,
    totals: { openPoints: round(allocation.totals.openPoints), donePoints: round(allocation.totals.donePoints), stories: allocation.totals.stories },
    notes: notesOf(snapshot, configuration),
    reads: { issues: snapshot.issues.length, searchCalls: snapshot.searchCalls },
    complete,
  };
}

/** Search calls per chunk of the vision map: 30 × 100 issues, a few seconds at Jira's usual latency. */
export const CHUNK_PAGES = 30;

const ZERO_TALLY = { count: { done: 0, total: 0 }, points: { done: 0, total: 0, unestimated: 0 }, readiness: { ready: 0, checked: 0 } } as const;

/**
 * One chunk of the vision map: the next ≤ CHUNK_PAGES pages of the project's issues in key order,
 * tallied per epic and per theme (unrounded, so that the page's sums equal one full read).
 */
export async function visionChunkOf(jira: JiraClient, configuration: ProjectConfiguration, site: SiteFields, epicThemes: EpicThemeReader, projectId: string, after: string | undefined, now: Date): Promise<VisionMapChunkView> {
  const [snapshot, estimatedIssues] = await Promise.all([
    readSnapshot(jira, configuration, site, epicThemes, projectJql(projectId, { after }), now, CHUNK_PAGES * PAGE_SIZE),
    after === undefined ? approximateCount(jira, projectCountJql(projectId)).catch(() => null) : Promise.resolve(null),
  ]);
  const storyPointsFieldId = configuration.readiness.storyPointsField?.id ?? null;
  const { children, epicIssues } = childrenOf(snapshot, configuration);
  const tallies = [...children].map(([key, kids]) => tallyOf(key, kids, snapshot, storyPointsFieldId));
  const stories = snapshot.issues.filter((issue) => levelOf(issue) === 0).map((issue) => ({ issue, theme: snapshot.evaluations.get(issue.key)?.theme ?? ({ kind: 'none' } as const) }));
  const allocation = allocationByTheme(stories, configuration.strategy.themes, storyPointsFieldId);
  const themes: ThemeTallyView[] = allocation.themes.map((theme) => ({ themeId: theme.themeId, open: theme.open.points, done: theme.done.points, stories: theme.stories }));
  themes.push({ themeId: null, open: allocation.unaligned.open.points, done: allocation.unaligned.done.points, stories: allocation.unaligned.stories });
  const notes = [...configuration.problems];
  if (configuration.blocked !== null) notes.push(configuration.blocked);
  const last = snapshot.issues[snapshot.issues.length - 1];
  return {
    epics: epicIssues.map((epic) => epicRowOf(epic, snapshot, { key: epic.key, ...ZERO_TALLY })),
    tallies,
    allocation: themes,
    notes,
    reads: { issues: snapshot.issues.length, searchCalls: snapshot.searchCalls },
    next: snapshot.complete || last === undefined ? null : last.key,
    estimatedIssues,
  };
}

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

function rowOf(issue: JiraIssue, evaluation: IssueEvaluation, snapshot: Snapshot, configuration: ProjectConfiguration): BacklogRowView {
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

export interface SprintReadinessInput {
  readonly project: ProjectPageProject;
  readonly configuration: ProjectConfiguration;
  readonly site: SiteFields;
  /** Which theme each epic serves (Forge storage). */
  readonly epicThemes: EpicThemeReader;
  readonly top: number;
  readonly now: Date;
}

async function averageVelocity(jira: JiraClient, boardId: number, storyPointsFieldId: string): Promise<{ velocity: SprintReadinessView['velocity']; calls: number }> {
  const closed = (await listSprints(jira, boardId, ['closed']))
    .slice()
    .sort((a, b) => (b.completeDate ?? b.endDate ?? '').localeCompare(a.completeDate ?? a.endDate ?? '') || b.id - a.id)
    .slice(0, VELOCITY_SPRINTS);
  if (closed.length === 0) return { velocity: null, calls: 0 };
  let calls = 0;
  let total = 0;
  for (const sprint of closed) {
    for await (const page of searchPages(jira, { jql: sprintDoneJql(sprint.id), fields: [storyPointsFieldId], pageSize: PAGE_SIZE })) {
      calls++;
      for (const issue of page.issues) {
        const points = issue.fields[storyPointsFieldId];
        if (typeof points === 'number' && Number.isFinite(points) && points > 0) total += points;
      }
    }
  }
  return { velocity: { average: round(total / closed.length), sprints: closed.map((sprint) => sprint.name) }, calls };
}

export async function sprintReadinessOf(jira: JiraClient, input: SprintReadinessInput): Promise<SprintReadinessView> {
  const { project, configuration, site, now } = input;
  const boards = await listBoards(jira, { projectKeyOrId: project.id });
  const scrum = boards.find((board) => board.type === 'scrum');
  const notes: string[] = [];
  let source: SprintReadinessView['source'];
  let snapshot: Snapshot;
  let rows: BacklogRowView[];
  let velocity: SprintReadinessView['velocity'] = null;
  let extraCalls = 0;
  const next = scrum === undefined ? undefined : (await listSprints(jira, scrum.id, ['future'])).slice().sort((a, b) => (a.startDate ?? '9').localeCompare(b.startDate ?? '9') || a.id - b.id)[0];
  if (scrum !== undefined && next !== undefined) {
    snapshot = await readSnapshot(jira, configuration, site, input.epicThemes, sprintJql(next.id), now);
    rows = snapshot.issues
      .filter((issue) => levelOf(issue) === 0)
      .map((issue) => {
        const evaluation = snapshot.evaluations.get(issue.key);
        return evaluation === undefined ? undefined : rowOf(issue, evaluation, snapshot, configuration);
      })
      .filter((row): row is BacklogRowView => row !== undefined);
    source = { kind: 'sprint', sprint: { id: next.id, name: next.name, goal: next.goal ?? null }, board: scrum.name };
  } else {
    snapshot = await readSnapshot(jira, configuration, site, input.epicThemes, projectJql(project.id, { open: true }), now);
    rows = rankRows(snapshot, configuration).ranked.slice(0, input.top);
    const reason = scrum === undefined ? 'The project has no Scrum board, so it has no sprints.' : 'The board has no future sprint.';
    source = { kind: 'backlog', top: input.top, reason: `${reason} These are the top ${input.top} issues of the ranked backlog.` };
  }
  // Without a story points field there is no velocity to measure (and no field to ask Jira for).
  const storyPointsField = configuration.readiness.storyPointsField;
  if (scrum !== undefined && storyPointsField !== null) {
    const measured = await averageVelocity(jira, scrum.id, storyPointsField.id);
    velocity = measured.velocity;
    extraCalls = measured.calls;
  }
  const results = rows.map((row) => snapshot.evaluations.get(row.key)?.readiness).filter((result) => result !== undefined);
  const set = readinessOfSet(results, velocity?.average);
  if (velocity === null) notes.push('No closed sprint yet: there is no velocity to compare the ready work with.');
  notes.push(...notesOf(snapshot, configuration));
  return {
    project,
    source,
    rows,
    ready: { issues: set.ready.issues, points: round(set.ready.points) },
    notReady: { issues: set.notReady.issues, points: round(set.notReady.points) },
    velocity,
    verdict: set.velocity?.verdict ?? set.summary,
    failingRules: set.failingRules.map(({ ruleId, severity, issues }) => ({ ruleId, severity, issues })),
    notes,
    reads: { issues: snapshot.issues.length, searchCalls: snapshot.searchCalls + extraCalls },
  };
}
