/**
 * What the project page's views share: the user's access to the project, the snapshot of issues a
 * view reads (searches that ask only for the fields the evaluator needs: ⌈N / page⌉ calls for N
 * issues, never one per issue; epics of other projects looked up in bulk), and the small readers
 * of a snapshot's issues that every view's rows use.
 */
import type { ProjectEpicView } from '../../contract';
import type { IssueTheme } from '../../domain/strategy';
import { issueTypeOf, statusCategoryOf } from '../../domain/jira-issue';
import type { JiraIssue } from '../../domain/jira-issue';
import { getMyPermissions, MAX_PAGE_SIZE, nonEmpty, searchPages } from '../../jira';
import type { JiraClient, Jql, NonEmptyList } from '../../jira';
import { createEvaluator, lookUpEpics } from '../evaluation';
import type { EpicRef, EpicThemeReader, Evaluator, IssueEvaluation } from '../evaluation';
import type { ProjectConfiguration } from '../project-configuration';
import { epicsJql, projectEpicsByKeyJql } from '../queries';
import type { SiteFields } from '../site-fields';
import { viewerNumber } from '../viewer-numbers';

/** Issues per search call: Jira's ceiling when fields are asked for. */
export const PAGE_SIZE = 100;
/** A view stops reading after this many issues (the rest is said in a note). */
export const MAX_ISSUES = 10_000;
/** Search calls per chunk of a view read in chunks: 30 × 100 issues, a few seconds at Jira's usual latency. */
export const CHUNK_PAGES = 30;

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

/**
 * Evaluates what was read, once its parent epics are known: those among the issues, those already
 * looked up (`known`: epics looked up ahead, while the issues were read), and the rest looked up now.
 */
async function completeSnapshot(jira: JiraClient, evaluator: Evaluator, issues: readonly JiraIssue[], searchCalls: number, complete: boolean, now: Date, known?: ReadonlyMap<string, EpicRef | null>): Promise<Snapshot> {
  const epics = new Map<string, EpicRef | null>(await evaluator.epicsAmong(issues));
  // An epic looked up ahead stands for its lookup now (null: looked up, and gone).
  for (const key of known === undefined ? [] : evaluator.parentsToLookUp(issues, epics)) {
    const ref = known?.get(key);
    if (ref !== undefined) epics.set(key, ref);
  }
  const missing = evaluator.parentsToLookUp(issues, epics);
  if (missing.length > 0) {
    const found = await lookUpEpics(jira, evaluator, missing);
    for (const [key, ref] of found.epics) epics.set(key, ref);
  }
  const evaluations = new Map<string, IssueEvaluation>();
  for (const issue of issues) evaluations.set(issue.key, evaluator.evaluate(issue, epics, now));
  return { evaluator, issues, evaluations, epics, complete, searchCalls };
}

/** Keys per `key in (…)` search: one page of fields. */
const KEYS_PER_SEARCH = PAGE_SIZE;

/** A set of issues that can also be searched by key (a project's epics, a sprint). */
export interface KeyedSet {
  /** The set, in key order. */
  readonly jql: Jql;
  /** The same set among `keys`, in key order. */
  readonly byKeys: (keys: NonEmptyList<string>) => Jql;
  /**
   * The set's keys after `after`, asked only once the first page says that more follow (a set
   * that is usually one page). Absent: every key is asked at the same time as the first page.
   */
  readonly keysAfter?: (after: string) => Jql;
}

/**
 * The issues of `set` in two round trips whatever their number (three with `keysAfter`): the first
 * page with its fields and, at the same time, every key of the set (an ids-only search: up to 5,000
 * a page); then the rest, fields and all, in parallel searches of ≤ 100 keys each. Same issues, same
 * order as one paged read, whose pages follow one another (a sprint of 250 issues: three round trips).
 */
export async function readKeyedSet(jira: JiraClient, set: KeyedSet, request: { readonly fields: readonly string[]; readonly properties?: readonly string[] }, maxIssues = MAX_ISSUES): Promise<{ issues: JiraIssue[]; searchCalls: number; complete: boolean }> {
  const fields = { fields: [...request.fields], properties: [...(request.properties ?? [])], pageSize: PAGE_SIZE };
  let searchCalls = 0;
  const readFirst = async (): Promise<{ issues: JiraIssue[]; last: boolean }> => {
    for await (const page of searchPages(jira, { jql: set.jql, ...fields })) {
      searchCalls++;
      return { issues: [...page.issues], last: page.isLast };
    }
    return { issues: [], last: true };
  };
  const readKeys = async (jql: Jql): Promise<string[]> => {
    const keys: string[] = [];
    for await (const page of searchPages(jira, { jql, fields: ['key'], pageSize: MAX_PAGE_SIZE })) {
      searchCalls++;
      for (const issue of page.issues) keys.push(issue.key);
      // One more than the most read: enough to know that the set is larger.
      if (keys.length > maxIssues) break;
    }
    return keys;
  };
  const [first, allKeys] = await Promise.all([readFirst(), set.keysAfter === undefined ? readKeys(set.jql) : Promise.resolve(undefined)]);
  const issues = first.issues;
  const after = issues[issues.length - 1];
  if (first.last || after === undefined) return { issues, searchCalls, complete: true };
  const seen = new Set(issues.map((issue) => issue.key));
  const rest = (allKeys ?? (await readKeys(set.keysAfter?.(after.key) ?? set.jql))).filter((key) => !seen.has(key));
  const room = Math.max(0, maxIssues - issues.length);
  const groups: NonEmptyList<string>[] = [];
  for (let i = 0; i < Math.min(rest.length, room); i += KEYS_PER_SEARCH) {
    const group = nonEmpty(rest.slice(i, Math.min(i + KEYS_PER_SEARCH, room)));
    if (group !== undefined) groups.push(group);
  }
  const pages = await Promise.all(
    groups.map(async (group) => {
      const found: JiraIssue[] = [];
      for await (const page of searchPages(jira, { jql: set.byKeys(group), ...fields })) {
        searchCalls++;
        found.push(...page.issues);
      }
      return found;
    }),
  );
  for (const issue of pages.flat()) {
    if (seen.has(issue.key)) continue;
    seen.add(issue.key);
    issues.push(issue);
  }
  return { issues, searchCalls, complete: rest.length <= room };
}

/**
 * The issues of a set that is also searched by key (a sprint), read with readKeyedSet and evaluated.
 * `epicsAhead`: epics looked up while the issues were read (the ones the set's issues had as parents
 * last time); a parent it does not hold is looked up after, as without it, and so is every parent
 * when it failed.
 */
export async function readKeyedSnapshot(jira: JiraClient, configuration: ProjectConfiguration, site: SiteFields, epicThemes: EpicThemeReader, set: KeyedSet, now: Date, epicsAhead?: Promise<ReadonlyMap<string, EpicRef | null>>): Promise<Snapshot> {
  const evaluator = createEvaluator(configuration, site, epicThemes);
  const read = await readKeyedSet(jira, set, { fields: evaluator.fields, properties: evaluator.properties });
  const known = epicsAhead === undefined ? undefined : await epicsAhead.catch(() => undefined);
  return completeSnapshot(jira, evaluator, read.issues, read.searchCalls, read.complete, now, known);
}

/** The epics a snapshot's issues have as parents (not the epics among them), as found: worth looking up ahead next time. */
export function parentEpicKeysOf(snapshot: Snapshot): string[] {
  const among = new Set(snapshot.issues.map((issue) => issue.key));
  return [...snapshot.epics].filter(([key, ref]) => ref !== null && !among.has(key)).map(([key]) => key);
}

/**
 * The project's epics in three round trips whatever their number (two when `manyEpics`), for the
 * outline: readKeyedSet, every key asked with the first page only when the caller knows from the
 * rollups that there are more than a page of them.
 */
export async function readEpicsSnapshot(jira: JiraClient, configuration: ProjectConfiguration, site: SiteFields, epicThemes: EpicThemeReader, projectId: string, now: Date, options: { readonly manyEpics?: boolean } = {}): Promise<Snapshot> {
  const evaluator = createEvaluator(configuration, site, epicThemes);
  // An epic's row shows its score and theme, not its readiness: its description (ADF, often the
  // largest field), links and acceptance criteria are not asked for.
  // Nor their project: every search here is of this project's epics, and Jira's project object
  // (with its avatars) is a third of an epic's bytes, read 2,000 times on a large project.
  const acceptance = configuration.readiness.rules['acceptance-criteria'].fieldId;
  const rowFields = evaluator.fields.filter((field) => field !== 'description' && field !== 'issuelinks' && field !== 'project' && field !== acceptance);
  const set: KeyedSet = {
    jql: epicsJql(projectId),
    byKeys: (keys) => projectEpicsByKeyJql(projectId, keys),
    ...(options.manyEpics === true ? {} : { keysAfter: (after: string) => epicsJql(projectId, after) }),
  };
  const read = await readKeyedSet(jira, set, { fields: rowFields, properties: evaluator.properties });
  const issues = read.issues.map((issue) => ({ ...issue, fields: { ...issue.fields, project: { id: projectId } } }));
  return completeSnapshot(jira, evaluator, issues, read.searchCalls, read.complete, now);
}

export const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');
export const levelOf = (issue: JiraIssue): number => issueTypeOf(issue.fields)?.hierarchyLevel ?? 0;

export function categoryOf(issue: JiraIssue): ProjectEpicView['statusCategory'] {
  return statusCategoryOf(issue.fields) ?? 'unknown';
}

export function themeStateOf(theme: IssueTheme): { themeId: string | null; themeState: ProjectEpicView['themeState'] } {
  switch (theme.kind) {
    case 'theme':
      return { themeId: theme.theme.id, themeState: theme.archived ? 'archived-theme' : 'theme' };
    case 'unknown-theme':
      return { themeId: theme.id, themeState: 'unknown-theme' };
    case 'none':
      return { themeId: null, themeState: 'none' };
  }
}

export const round = (value: number): number => Math.round(value * 100) / 100;

/** The snapshot's notes; `locale`: the viewer's, for the numbers in them. */
export function notesOf(snapshot: Snapshot, configuration: ProjectConfiguration, locale?: string): string[] {
  const notes = [...configuration.problems];
  if (configuration.blocked !== null) notes.push(configuration.blocked);
  if (!snapshot.complete) notes.push(`Only the first ${viewerNumber(snapshot.issues.length, locale)} issues were read; narrow the project or archive old issues to see all of them.`);
  return notes;
}
