/**
 * The vision map: the vision and themes, each theme's epics with their progress and readiness, the
 * Unaligned epics and the allocation chart, whole or read in chunks (the page merges them).
 */
import type {
  AllocationRowView,
  EpicTallyView,
  ThemeTallyView,
  VisionMapChunkView,
  ProjectEpicView,
  ProjectPageProject,
  ProjectStrategyView,
  VisionMapView,
} from '../../contract';
import { allocationByTheme, epicProgress } from '../../domain/strategy';
import type { AllocationByTheme, Strategy } from '../../domain/strategy';
import { parentOf, statusNameOf } from '../../domain/jira-issue';
import type { JiraIssue } from '../../domain/jira-issue';
import { approximateCount } from '../../jira';
import type { JiraClient } from '../../jira';
import type { EpicThemeReader } from '../evaluation';
import type { ProjectConfiguration } from '../project-configuration';
import { projectCountJql, projectJql } from '../queries';
import type { SiteFields } from '../site-fields';
import { CHUNK_PAGES, PAGE_SIZE, categoryOf, levelOf, notesOf, round, textOf, themeStateOf, readSnapshot } from './snapshot';
import type { Snapshot } from './snapshot';

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

export function epicRowOf(epic: JiraIssue, snapshot: Snapshot, tally: EpicTallyView): ProjectEpicView {
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

/** The allocation chart's rows (the themes, then Unaligned) and totals, rounded for the page. */
export function allocationViewOf(allocation: AllocationByTheme): { rows: AllocationRowView[]; totals: VisionMapView['totals'] } {
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
  return { rows, totals: { openPoints: round(allocation.totals.openPoints), donePoints: round(allocation.totals.donePoints), stories: allocation.totals.stories } };
}

export function visionMapOf(project: ProjectPageProject, canEdit: boolean, configuration: ProjectConfiguration, snapshot: Snapshot, complete = true, locale?: string): VisionMapView {
  const storyPointsFieldId = configuration.readiness.storyPointsField?.id ?? null;
  const { children, epicIssues } = childrenOf(snapshot, configuration);
  const epics: ProjectEpicView[] = epicIssues.map((epic) => epicRowOf(epic, snapshot, tallyOf(epic.key, children.get(epic.key) ?? [], snapshot, storyPointsFieldId)));
  const stories = snapshot.issues.filter((issue) => levelOf(issue) === 0).map((issue) => ({ issue, theme: snapshot.evaluations.get(issue.key)?.theme ?? ({ kind: 'none' } as const) }));
  const { rows, totals } = allocationViewOf(allocationByTheme(stories, configuration.strategy.themes, storyPointsFieldId));
  return {
    project,
    canEdit,
    strategy: strategyView(configuration.strategy),
    epics,
    allocation: rows,
    totals,
    notes: notesOf(snapshot, configuration, locale),
    reads: { issues: snapshot.issues.length, searchCalls: snapshot.searchCalls },
    complete,
  };
}


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
