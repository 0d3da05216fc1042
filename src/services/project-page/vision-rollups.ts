/**
 * The vision map from the rollups the app keeps (services/rollups.ts): the epics are read as the
 * user (⌈epics / 100⌉ searches, or three round trips), each epic's counts come from its rollup,
 * and the allocation from the rollups of every group. No story is read, whatever their number.
 *
 * Used only where the counts cannot show the viewer anything hidden from them: the resolver
 * checks first that no issue of the project has a security level (issue security is the only way
 * a user who may browse a project is kept from some of its issues) and falls back to counting live,
 * as the viewer, where one has.
 */
import type { CountingView, EpicRollupView, ProjectPageProject, VisionMapView } from '../../contract';
import { allocationOfTallies, combineSummaries, resolveTheme } from '../../domain/strategy';
import type { IssueTheme, RollupSummary, ThemeTally } from '../../domain/strategy';
import type { JiraClient } from '../../jira';
import type { RecomputeProgress, RollupIndexEntry, RollupState } from '../../storage';
import { lookUpEpics } from '../evaluation';
import type { EpicRef } from '../evaluation';
import type { ProjectConfiguration } from '../project-configuration';
import { levelOf, notesOf, round } from './snapshot';
import type { Snapshot } from './snapshot';
import { allocationViewOf, epicRowOf, strategyView } from './vision-map';

/** What the app holds for the project: every group's summary, the recount state, the latest run. */
export interface RollupRead {
  readonly index: ReadonlyMap<string, RollupIndexEntry>;
  readonly state: RollupState;
  readonly run: RecomputeProgress | null;
}

const EMPTY: RollupSummary = combineSummaries(null, []);
/**
 * Issue keys in numeric order (TL-9 before TL-10). One collator, made once: `localeCompare` with
 * options builds one per comparison, which took ≈ 0.2 s a call for 2,000 epics.
 */
const BY_KEY = new Intl.Collator('en', { numeric: true });

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

function extrasOf(summary: RollupSummary): EpicRollupView {
  return {
    notReady: summary.readiness.notReady,
    failingRules: summary.failing.slice(0, 5).map(([ruleId, stories]) => ({ ruleId, stories })),
    incompleteScores: summary.incomplete,
    topScore: summary.topScore === null ? null : round(summary.topScore),
  };
}

function recountOf(run: RecomputeProgress | null): Extract<CountingView, { mode: 'rollups' }>['recount'] {
  if (run === null || run.status === 'done') return null;
  return { status: run.status, done: run.done, total: run.total, message: run.status === 'failed' ? run.message : null };
}

/** `locale`: the viewer's, for the numbers in the notes. */
export async function visionMapFromRollups(jira: JiraClient, project: ProjectPageProject, canEdit: boolean, configuration: ProjectConfiguration, snapshot: Snapshot, read: RollupRead, locale?: string): Promise<VisionMapView> {
  const byEpic = new Map<string, { summaries: RollupSummary[]; updatedAt: string | null }>();
  const unparented: RollupSummary[] = [];
  for (const [group, entry] of read.index) {
    if (group.startsWith('none:')) {
      unparented.push(entry.summary);
      continue;
    }
    const key = group.slice('epic:'.length);
    const known = byEpic.get(key) ?? { summaries: [], updatedAt: null };
    known.summaries.push(entry.summary);
    known.updatedAt = later(known.updatedAt, entry.updatedAt);
    byEpic.set(key, known);
  }

  // Which theme each group's stories serve: their epic's, as the evaluator knows it (the app's
  // attachment, or a label the theme claims); epics of other projects looked up as the user.
  const epics = new Map<string, EpicRef | null>(snapshot.epics);
  let lookups = 0;
  const missing = [...byEpic.keys()].filter((key) => !epics.has(key));
  if (missing.length > 0) {
    const found = await lookUpEpics(jira, snapshot.evaluator, missing);
    lookups = found.calls;
    for (const key of missing) epics.set(key, found.epics.get(key) ?? null);
  }
  const themes = configuration.strategy.themes;
  const themeOf = (epicKey: string): IssueTheme => {
    const id = epics.get(epicKey)?.themeId;
    return id === undefined ? { kind: 'none' } : resolveTheme(themes, id, 'parent');
  };

  const tallies: ThemeTally[] = [];
  const tallyOf = (theme: IssueTheme, summary: RollupSummary): ThemeTally => ({ theme, open: summary.points.open, done: summary.points.done, stories: summary.count.total, unestimated: summary.points.unestimated });
  for (const [key, { summaries }] of [...byEpic].sort(([a], [b]) => BY_KEY.compare(a, b))) tallies.push(tallyOf(themeOf(key), combineSummaries(key, summaries)));
  tallies.push(tallyOf({ kind: 'none' }, combineSummaries(null, unparented)));
  const { rows, totals } = allocationViewOf(allocationOfTallies(tallies, themes));

  let oldestAt: string | null = null;
  const epicRows = snapshot.issues
    .filter((issue) => levelOf(issue) >= 1)
    .map((epic) => {
      const held = byEpic.get(epic.key);
      const summary = held === undefined ? EMPTY : combineSummaries(epic.key, held.summaries);
      const countedAt = held === undefined ? read.state.reconciledAt : later(held.updatedAt, read.state.reconciledAt);
      if (countedAt !== null && (oldestAt === null || countedAt < oldestAt)) oldestAt = countedAt;
      const row = epicRowOf(epic, snapshot, {
        key: epic.key,
        count: summary.count,
        points: { done: summary.points.done, total: summary.points.done + summary.points.open, unestimated: summary.points.unestimated },
        readiness: { ready: summary.readiness.ready, checked: summary.readiness.checked },
      });
      return { ...row, countedAt, rollup: extrasOf(summary) };
    });

  return {
    project,
    canEdit,
    strategy: strategyView(configuration.strategy),
    epics: epicRows,
    allocation: rows,
    totals,
    notes: notesOf(snapshot, configuration, locale),
    reads: { issues: snapshot.issues.length, searchCalls: snapshot.searchCalls + lookups },
    complete: true,
    counting: { mode: 'rollups', reconciledAt: read.state.reconciledAt, oldestAt, recount: recountOf(read.run) },
  };
}

/** Why the page counts live, in words. */
export function countingLive(reason: Extract<CountingView, { mode: 'live' }>['reason']): CountingView {
  const message = {
    'issue-security': 'Counting live: this project uses issue security, so Throughline counts only the issues you can see, as you.',
    'not-counted-yet': 'Counting live: Throughline has not finished its first count of this project yet. Next time the map opens at once.',
    'too-large': 'Counting live: an epic of this project has more stories than Throughline keeps a count of.',
  }[reason];
  return { mode: 'live', reason, message };
}
