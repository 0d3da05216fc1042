/**
 * Sprint readiness: the stories of the next future sprint (or the top of the ranked backlog
 * without sprints), ready or not with reasons, against the team's recent velocity.
 */
import type {
  BacklogRowView,
  ProjectPageProject,
  SprintReadinessView,
} from '../../contract';
import { readinessOfSet } from '../../domain/readiness';
import { listBoards, listSprints } from '../../jira';
import type { Board, JiraClient, Sprint } from '../../jira';
import type { EpicRef, EpicThemeReader } from '../evaluation';
import type { ProjectConfiguration } from '../project-configuration';
import { createEvaluator } from '../evaluation';
import { rankedBacklogJql, sprintByKeyJql, sprintDoneByKeyJql, sprintDoneJql, sprintJql } from '../queries';
import { READINESS_PROPERTY_KEY } from '../site-fields';
import type { SiteFields } from '../site-fields';
import { NO_SCORE_FIELD_NOTE, readBacklogPage, rowOf, scoreFieldOf } from './ranked-backlog';
import { PAGE_SIZE, levelOf, notesOf, round, readKeyedSet, readKeyedSnapshot } from './snapshot';
import type { Snapshot } from './snapshot';
import { viewerNumber } from '../viewer-numbers';

export const DEFAULT_TOP = 20;
/** Issues read beyond the top N asked for: room for epics that carry a score, left out of the rows. */
const TOP_MARGIN = 10;
/** How many closed sprints make the average velocity. */
export const VELOCITY_SPRINTS = 3;

/**
 * Reads started before Jira has said which sprints a board has (the Sprint readiness gadget
 * remembers them: storage/board-sprints.ts), each taken only for the sprints it was started for.
 */
export interface SprintReadsAhead {
  readonly nextSprintId: number | null;
  readonly snapshot?: Promise<Snapshot>;
  readonly closedSprintIds: readonly number[];
  readonly points?: Promise<DonePoints>;
}

export interface SprintReadinessInput {
  readonly project: ProjectPageProject;
  readonly configuration: ProjectConfiguration;
  readonly site: SiteFields;
  /** Which theme each epic serves (Forge storage). */
  readonly epicThemes: EpicThemeReader;
  readonly top: number;
  readonly now: Date;
  /** The board whose next sprint is read (the Sprint readiness gadget's, checked by its resolver); absent: the project's first Scrum board. */
  readonly board?: Board;
  /** That board's future and closed sprints, when already asked for (the gadget asks beside the board itself). */
  readonly sprints?: { readonly future: Promise<Sprint[]>; readonly closed: Promise<Sprint[]> };
  /** Reads of that board's sprints started ahead, for the sprints the gadget remembered. */
  readonly ahead?: SprintReadsAhead;
  /** Told what the next sprint's read found (the gadget remembers its parent epics). */
  readonly onSprintRead?: (snapshot: Snapshot) => void;
  /** The viewer's locale, for the numbers in the sentences. */
  readonly locale?: string;
}

/** The next sprint among a board's future ones: the first to start. */
export function nextSprintOf(future: readonly Sprint[]): Sprint | undefined {
  return future.slice().sort((a, b) => (a.startDate ?? '9').localeCompare(b.startDate ?? '9') || a.id - b.id)[0];
}

/** The closed sprints whose average is the velocity: the last VELOCITY_SPRINTS to complete, newest first. */
export function velocitySprintsOf(closed: readonly Sprint[]): Sprint[] {
  return closed
    .slice()
    .sort((a, b) => (b.completeDate ?? b.endDate ?? '').localeCompare(a.completeDate ?? a.endDate ?? '') || b.id - a.id)
    .slice(0, VELOCITY_SPRINTS);
}

/** The points each sprint's done issues carry (in the order asked), and the searches that read them. */
export interface DonePoints {
  readonly totals: readonly number[];
  readonly calls: number;
}

/**
 * The done points of each sprint, the sprints side by side, each in two round trips whatever its
 * size (readKeyedSet): they are read beside the next sprint's issues, and must not take longer.
 */
export async function donePointsOf(jira: JiraClient, sprintIds: readonly number[], storyPointsFieldId: string): Promise<DonePoints> {
  const perSprint = await Promise.all(
    sprintIds.map(async (sprintId) => {
      const read = await readKeyedSet(jira, { jql: sprintDoneJql(sprintId), byKeys: (keys) => sprintDoneByKeyJql(sprintId, keys) }, { fields: [storyPointsFieldId] });
      let total = 0;
      for (const issue of read.issues) {
        const points = issue.fields[storyPointsFieldId];
        if (typeof points === 'number' && Number.isFinite(points) && points > 0) total += points;
      }
      return { calls: read.searchCalls, total };
    }),
  );
  return { totals: perSprint.map((sprint) => sprint.total), calls: perSprint.reduce((sum, sprint) => sum + sprint.calls, 0) };
}

/**
 * A sprint's issues, evaluated: its first page and keys together, then the rest side by side;
 * `epicsAhead`, the epics its issues had as parents last time, looked up meanwhile.
 */
export function readSprintSnapshot(jira: JiraClient, configuration: ProjectConfiguration, site: SiteFields, epicThemes: EpicThemeReader, sprintId: number, now: Date, epicsAhead?: Promise<ReadonlyMap<string, EpicRef | null>>): Promise<Snapshot> {
  return readKeyedSnapshot(jira, configuration, site, epicThemes, { jql: sprintJql(sprintId), byKeys: (keys) => sprintByKeyJql(sprintId, keys) }, now, epicsAhead);
}

const sameIds = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((id, index) => b[index] === id);

async function averageVelocity(jira: JiraClient, boardId: number, storyPointsFieldId: string, asked: Promise<Sprint[]> | undefined, ahead: SprintReadsAhead | undefined): Promise<{ velocity: SprintReadinessView['velocity']; calls: number }> {
  const closed = velocitySprintsOf(await (asked ?? listSprints(jira, boardId, ['closed'])));
  if (closed.length === 0) return { velocity: null, calls: 0 };
  const ids = closed.map((sprint) => sprint.id);
  const measured = ahead?.points !== undefined && sameIds(ids, ahead.closedSprintIds) ? await ahead.points : await donePointsOf(jira, ids, storyPointsFieldId);
  const total = measured.totals.reduce((sum, points) => sum + points, 0);
  return { velocity: { average: round(total / closed.length), sprints: closed.map((sprint) => sprint.name) }, calls: measured.calls };
}

export async function sprintReadinessOf(jira: JiraClient, input: SprintReadinessInput): Promise<SprintReadinessView> {
  const { project, configuration, site, now } = input;
  const chosen = input.board;
  const scrum = chosen === undefined ? (await listBoards(jira, { projectKeyOrId: project.id })).find((board) => board.type === 'scrum') : chosen.type === 'scrum' ? chosen : undefined;
  const notes: string[] = [];
  let source: SprintReadinessView['source'];
  let snapshot: Snapshot;
  let rows: BacklogRowView[];
  let velocity: SprintReadinessView['velocity'] = null;
  let extraCalls = 0;
  // Without a story points field there is no velocity to measure (and no field to ask Jira for).
  // It is measured while the next sprint's issues are read: neither waits for the other.
  const storyPointsField = configuration.readiness.storyPointsField;
  const measuring = scrum !== undefined && storyPointsField !== null ? averageVelocity(jira, scrum.id, storyPointsField.id, input.sprints?.closed, input.ahead) : undefined;
  // Handled where it is awaited; a failure while the sprint is read is not an unhandled rejection.
  measuring?.catch(() => undefined);
  const next = scrum === undefined ? undefined : nextSprintOf(await (input.sprints?.future ?? listSprints(jira, scrum.id, ['future'])));
  if (scrum !== undefined && next !== undefined) {
    const early = input.ahead?.nextSprintId === next.id ? input.ahead.snapshot : undefined;
    snapshot = await (early ?? readSprintSnapshot(jira, configuration, site, input.epicThemes, next.id, now));
    input.onSprintRead?.(snapshot);
    rows = snapshot.issues
      .filter((issue) => levelOf(issue) === 0)
      .map((issue) => {
        const evaluation = snapshot.evaluations.get(issue.key);
        return evaluation === undefined ? undefined : rowOf(issue, evaluation, snapshot, configuration);
      })
      .filter((row): row is BacklogRowView => row !== undefined);
    source = { kind: 'sprint', sprint: { id: next.id, name: next.name, goal: next.goal ?? null }, board: scrum.name };
  } else {
    // The top of the ranked backlog in one search, in the order Jira keeps by the "Priority score"
    // field (a few more than asked: epics carrying a score are left out of the rows). Without the
    // field nothing is ranked: the first open issues in key order, said in a note.
    const scoreField = scoreFieldOf(site);
    const evaluator = createEvaluator(configuration, site, input.epicThemes);
    const jql = rankedBacklogJql(project.id, scoreField === undefined ? 'incomplete' : 'ranked', scoreField, READINESS_PROPERTY_KEY);
    snapshot = (await readBacklogPage(jira, evaluator, jql, Math.min(PAGE_SIZE, input.top + TOP_MARGIN), undefined, now)).snapshot;
    const read = snapshot;
    rows = read.issues
      .filter((issue) => levelOf(issue) === 0)
      .slice(0, input.top)
      .map((issue, index) => {
        const evaluation = read.evaluations.get(issue.key);
        return evaluation === undefined ? undefined : { ...rowOf(issue, evaluation, read, configuration), rank: scoreField === undefined ? null : index + 1 };
      })
      .filter((row): row is BacklogRowView => row !== undefined);
    if (scoreField === undefined) notes.push(NO_SCORE_FIELD_NOTE);
    const reason = chosen !== undefined && scrum === undefined ? 'The board is not a Scrum board, so it has no sprints.' : scrum === undefined ? 'The project has no Scrum board, so it has no sprints.' : 'The board has no future sprint.';
    source = { kind: 'backlog', top: input.top, reason: `${reason} These are the top ${viewerNumber(input.top, input.locale)} issues of the ranked backlog.` };
  }
  if (measuring !== undefined) {
    const measured = await measuring;
    velocity = measured.velocity;
    extraCalls = measured.calls;
  }
  const results = rows.map((row) => snapshot.evaluations.get(row.key)?.readiness).filter((result) => result !== undefined);
  const set = readinessOfSet(results, velocity?.average);
  if (velocity === null) notes.push('No closed sprint yet: there is no velocity to compare the ready work with.');
  notes.push(...notesOf(snapshot, configuration, input.locale));
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
