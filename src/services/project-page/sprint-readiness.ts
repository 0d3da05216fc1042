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
import { listBoards, listSprints, searchPages } from '../../jira';
import type { Board, JiraClient, Sprint } from '../../jira';
import type { EpicThemeReader } from '../evaluation';
import type { ProjectConfiguration } from '../project-configuration';
import { createEvaluator } from '../evaluation';
import { rankedBacklogJql, sprintDoneJql, sprintJql } from '../queries';
import { READINESS_PROPERTY_KEY } from '../site-fields';
import type { SiteFields } from '../site-fields';
import { NO_SCORE_FIELD_NOTE, readBacklogPage, rowOf, scoreFieldOf } from './ranked-backlog';
import { PAGE_SIZE, levelOf, notesOf, round, readSnapshot } from './snapshot';
import type { Snapshot } from './snapshot';
import { viewerNumber } from '../viewer-numbers';

export const DEFAULT_TOP = 20;
/** Issues read beyond the top N asked for: room for epics that carry a score, left out of the rows. */
const TOP_MARGIN = 10;
/** How many closed sprints make the average velocity. */
export const VELOCITY_SPRINTS = 3;

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
  /** The viewer's locale, for the numbers in the sentences. */
  readonly locale?: string;
}

async function averageVelocity(jira: JiraClient, boardId: number, storyPointsFieldId: string, asked?: Promise<Sprint[]>): Promise<{ velocity: SprintReadinessView['velocity']; calls: number }> {
  const closed = (await (asked ?? listSprints(jira, boardId, ['closed'])))
    .slice()
    .sort((a, b) => (b.completeDate ?? b.endDate ?? '').localeCompare(a.completeDate ?? a.endDate ?? '') || b.id - a.id)
    .slice(0, VELOCITY_SPRINTS);
  if (closed.length === 0) return { velocity: null, calls: 0 };
  // The sprints are read side by side: one after another, each round trip to Jira waited for in turn.
  const perSprint = await Promise.all(
    closed.map(async (sprint) => {
      let calls = 0;
      let total = 0;
      for await (const page of searchPages(jira, { jql: sprintDoneJql(sprint.id), fields: [storyPointsFieldId], pageSize: PAGE_SIZE })) {
        calls++;
        for (const issue of page.issues) {
          const points = issue.fields[storyPointsFieldId];
          if (typeof points === 'number' && Number.isFinite(points) && points > 0) total += points;
        }
      }
      return { calls, total };
    }),
  );
  const total = perSprint.reduce((sum, sprint) => sum + sprint.total, 0);
  const calls = perSprint.reduce((sum, sprint) => sum + sprint.calls, 0);
  return { velocity: { average: round(total / closed.length), sprints: closed.map((sprint) => sprint.name) }, calls };
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
  const measuring = scrum !== undefined && storyPointsField !== null ? averageVelocity(jira, scrum.id, storyPointsField.id, input.sprints?.closed) : undefined;
  // Handled where it is awaited; a failure while the sprint is read is not an unhandled rejection.
  measuring?.catch(() => undefined);
  const next = scrum === undefined ? undefined : (await (input.sprints?.future ?? listSprints(jira, scrum.id, ['future']))).slice().sort((a, b) => (a.startDate ?? '9').localeCompare(b.startDate ?? '9') || a.id - b.id)[0];
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
