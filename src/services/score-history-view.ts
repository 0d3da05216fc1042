/**
 * What a user sees of why priorities moved: the issue sidebar's "How it moved" and the ranked
 * backlog's "Moved most since". The history is the app's storage (src/storage/score-history.ts);
 * whether the user may see any of it is Jira's answer AS THE USER, asked first:
 *
 * - the sidebar reads the issue as the user (a hidden or forged issue is 'not-found' before any
 *   stored entry is looked at), then shows the entries of the project the issue is in now, and
 *   those of a project it was in before only when the user may browse that project too
 *   (`mypermissions`, one call per such project, usually none); see src/domain/history/visibility.ts;
 * - "moved most" takes the project's index of recent changes, then reads the candidates as the
 *   user (one bulk fetch): an issue the user cannot see (issue security), one deleted, or one moved
 *   to another project since, is not shown; names and keys come from that read, not from storage.
 *
 * Who saved a configuration revision is said by name ("saved by Ada Admin"): the stored account ids
 * are read in one bulk call as the user (`GET /rest/api/3/user/bulk` needs only access to Jira), an
 * account Jira no longer knows reads "a user who no longer exists", and when Jira cannot say, the
 * id is shown as before rather than failing the history.
 */
import type { HistoryCauseView, HistoryEntryView, IssueHistoryView, MovedMostView } from '../contract';
import { MAX_ENTRIES_PER_ISSUE, MAX_MOVERS_PER_PROJECT, causeInWords, movedMost, otherProjectsOf, saverKey, visibleHistory } from '../domain/history';
import type { HistoryCause, HistoryEntry, ProjectHistory } from '../domain/history';
import { bulkFetchIssues, getIssue, getMyPermissions, isJiraError } from '../jira';
import type { JiraClient } from '../jira';
import { namesOf, peopleDirectory } from './people';
import type { ScoreHistoryStore } from '../storage';
import { projectIdOf } from './issue-evaluation';

/** Projects other than the issue's own whose browse permission is asked for (an issue rarely moves more than once). */
const MAX_OTHER_PROJECTS = 5;
/** Candidates read from Jira for "moved most": more than are shown, for those the user cannot see. */
const MAX_CANDIDATES = 100;
export const MAX_MOVED_SHOWN = 50;

/** Savers that are not people: the app itself, and an account the privacy report erased. */
const NOT_A_PERSON = new Set(['', 'app', 'former-user']);

type SaverNames = ReadonlyMap<string, string>;

/** The names of the people who saved the configuration revisions these causes name (one call, as the user). */
async function saverNamesOf(jira: JiraClient, named: readonly { readonly causes: readonly HistoryCause[]; readonly project: ProjectHistory | undefined }[]): Promise<SaverNames> {
  const ids = new Set<string>();
  for (const { causes, project } of named) {
    for (const cause of causes) {
      const by = cause.kind === 'configuration' ? project?.savers[saverKey(cause.document, cause.revision)]?.by : undefined;
      if (by !== undefined && !NOT_A_PERSON.has(by)) ids.add(by);
    }
  }
  return namesOf(peopleDirectory(jira), [...ids]);
}

function causesInWords(causes: readonly HistoryCause[], project: ProjectHistory | undefined, names: SaverNames): HistoryCauseView[] {
  return causes.map((cause) => ({
    kind: cause.kind,
    text: causeInWords(cause, (document, revision) => {
      const saver = project?.savers[saverKey(document, revision)];
      return saver === undefined ? undefined : { ...saver, by: names.get(saver.by) ?? saver.by };
    }),
  }));
}

/** Whether the user may browse the project (as the user); a project Jira does not know is not browsable. */
async function mayBrowse(jira: JiraClient, projectId: string): Promise<boolean> {
  try {
    return (await getMyPermissions(jira, ['BROWSE_PROJECTS'], { projectId })).BROWSE_PROJECTS === true;
  } catch (error: unknown) {
    if (isJiraError(error) && (error.kind === 'bad-request' || error.kind === 'not-found')) return false;
    throw error;
  }
}

/**
 * The sidebar's "How it moved" for the issue in view, read as the user whom `jira` acts for.
 * `issueIdHint` (the view's issue id, not trusted) only lets storage be read while Jira answers.
 */
export async function issueHistoryOf(jira: JiraClient, store: ScoreHistoryStore, issueIdOrKey: string, issueIdHint?: string): Promise<IssueHistoryView> {
  const early = issueIdHint === undefined ? undefined : store.load(issueIdHint);
  early?.catch(() => undefined);
  const issue = await getIssue(jira, issueIdOrKey, { fields: ['project'] });
  const projectId = projectIdOf(issue);
  if (projectId === undefined) throw new Error(`Jira sent issue ${issueIdOrKey} without its project.`);
  const stored = early !== undefined && issueIdHint === issue.id ? await early : await store.load(issue.id);
  const others = otherProjectsOf(stored, projectId).slice(0, MAX_OTHER_PROJECTS);
  const allowed = new Set<string>();
  for (const other of others) if (await mayBrowse(jira, other)) allowed.add(other);
  const visible = visibleHistory(stored, projectId, (other) => allowed.has(other));
  const projects = new Map<string, ProjectHistory | undefined>();
  for (const entry of visible.entries) {
    if (!projects.has(entry.projectId) && entry.causes.some((cause) => cause.kind === 'configuration')) projects.set(entry.projectId, await store.loadProject(entry.projectId));
  }
  const names = await saverNamesOf(jira, visible.entries.map((entry) => ({ causes: entry.causes, project: projects.get(entry.projectId) })));
  const entries: HistoryEntryView[] = visible.entries.map((entry) => ({
    at: entry.at,
    from: entry.from,
    fromHidden: entry.fromHidden,
    to: entry.to,
    causes: causesInWords(entry.causes, projects.get(entry.projectId), names),
  }));
  return { issue: { id: issue.id, key: issue.key }, entries, hidden: visible.hidden, kept: MAX_ENTRIES_PER_ISSUE };
}

export interface MovedMostRequest {
  readonly project: { readonly id: string; readonly key: string };
  /** The start of the period, an ISO time. */
  readonly since: string;
  readonly limit: number;
}

/** The project's issues that moved most since a time, among those the user (whom `jira` acts for) can see. */
export async function movedMostOf(jira: JiraClient, store: ScoreHistoryStore, request: MovedMostRequest): Promise<MovedMostView> {
  const project = await store.loadProject(request.project.id);
  const candidates = movedMost(project, request.since, MAX_CANDIDATES);
  const ids = candidates.issues.map((issue) => issue.issueId);
  const base = { since: request.since, keptSince: candidates.keptSince, kept: MAX_MOVERS_PER_PROJECT };
  if (ids.length === 0) return { ...base, issues: [] };
  // As the user: what they cannot see is left out; an issue now in another project is not this project's.
  const read = await bulkFetchIssues(jira, ids, { fields: ['summary', 'project'] });
  const visible = new Map<string, { key: string; summary: string | null }>();
  for (const issue of read.issues) {
    if (projectIdOf(issue) !== request.project.id) continue;
    const summary = issue.fields.summary;
    visible.set(issue.id, { key: issue.key, summary: typeof summary === 'string' ? summary : null });
  }
  const shown = candidates.issues.filter((issue) => visible.has(issue.issueId)).slice(0, Math.min(request.limit, MAX_MOVED_SHOWN));
  const histories = await store.loadMany(shown.map((issue) => issue.issueId));
  // The causes of each one's latest change in this project since the date (the history may have fewer than the index).
  const latest = new Map<string, HistoryEntry | undefined>(
    shown.map((issue) => [issue.issueId, [...(histories.get(issue.issueId)?.entries ?? [])].reverse().find((entry: HistoryEntry) => entry.projectId === request.project.id && entry.at >= request.since)]),
  );
  const names = await saverNamesOf(jira, [...latest.values()].flatMap((entry) => (entry === undefined ? [] : [{ causes: entry.causes, project }])));
  return {
    ...base,
    issues: shown.map((issue) => {
      const seen = visible.get(issue.issueId) ?? { key: '', summary: null };
      const entry = latest.get(issue.issueId);
      return { key: seen.key, summary: seen.summary, from: issue.from, to: issue.to, moved: issue.moved, changes: issue.changes, lastAt: issue.lastAt, causes: entry === undefined ? [] : causesInWords(entry.causes, project, names) };
    }),
  };
}

/**
 * The instant a day starts in a time zone ("2026-03-10" in Europe/Berlin → 2026-03-09T23:00:00Z);
 * in UTC when the zone is unknown. The day is checked by the caller's schema.
 */
export function startOfDayIn(day: string, timeZone: string | undefined): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(year, month - 1, date);
  if (timeZone === undefined) return new Date(utc).toISOString();
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(utc));
    const part = (type: string): number => Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
    // What the zone's clock says at UTC midnight, read as if it were UTC: the difference is the offset.
    const local = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
    return new Date(utc - (local - utc)).toISOString();
  } catch {
    return new Date(utc).toISOString();
  }
}
