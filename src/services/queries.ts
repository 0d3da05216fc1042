/**
 * Every JQL query Throughline sends to Jira, in one place, each built with `jql` (src/jira/jql.ts),
 * which quotes and escapes every value. Services call these and never write JQL themselves, so the
 * contract test (test/contract/jira/jql-grammar.test.ts) can drive every query the app can emit
 * through Atlassian's own grammar.
 *
 * Issues are read in key order wherever a search resumes (`key > …`, a page token kept between
 * steps): key order is stable while issues are edited, `updated` or rank order is not.
 */
import { UnsafeJqlError, issueKey, issueProperty, jql, jqlPart, noJql, projectId } from '../jira';
import type { Jql, JqlPart, NonEmptyList } from '../jira';

export interface ProjectIssues {
  /** Only issues not done (status category other than Done): the backlog. */
  readonly open?: boolean;
  /** Only issues after this key, in key order: where the previous chunk ended. */
  readonly after?: string;
}

function projectClause(project: string, which: ProjectIssues): JqlPart {
  const open = which.open === true ? jqlPart` AND statusCategory != Done` : noJql;
  const after = which.after === undefined ? noJql : jqlPart` AND key > ${issueKey(which.after)}`;
  return jqlPart`project = ${projectId(project)}${open}${after}`;
}

/** A project's issues (all, or the open ones; from a key on), in key order. */
export function projectJql(project: string, which: ProjectIssues = {}): Jql {
  return jql`${projectClause(project, which)} ORDER BY key ASC`;
}

/** The same issues as `projectJql`, to count: an order means nothing to a count. */
export function projectCountJql(project: string, which: ProjectIssues = {}): Jql {
  return jql`${projectClause(project, which)}`;
}

/** The project's most recently updated issues: the settings page's score preview. */
export function recentlyUpdatedJql(project: string): Jql {
  return jql`project = ${projectId(project)} ORDER BY updated DESC`;
}

/** The project's epics (from a key on), in key order: the vision map's outline reads them first. */
export function epicsJql(project: string, after?: string): Jql {
  const from = after === undefined ? noJql : jqlPart` AND key > ${issueKey(after)}`;
  return jql`project = ${projectId(project)} AND issuetype = Epic${from} ORDER BY key ASC`;
}

/** Keys as a JQL list, each checked to be an issue key. */
function keyList(keys: NonEmptyList<string>): NonEmptyList<JqlPart> {
  const [first, ...rest] = keys;
  return [issueKey(first), ...rest.map(issueKey)];
}

/** Issues by key, in key order. A list, never empty: with no key there is nothing to search for. */
export function issuesByKeyJql(keys: NonEmptyList<string>): Jql {
  return jql`key in (${keyList(keys)}) ORDER BY key ASC`;
}

/** The project's epics among `keys`, in key order (an epic moved away meanwhile is not among them). */
export function projectEpicsByKeyJql(project: string, keys: NonEmptyList<string>): Jql {
  return jql`project = ${projectId(project)} AND key in (${keyList(keys)}) ORDER BY key ASC`;
}

/** The children of an epic (in one project, or in any), in key order: stories inherit its theme. */
export function childrenJql(epicKey: string, project?: string): Jql {
  const inProject = project === undefined ? noJql : jqlPart` AND project = ${projectId(project)}`;
  return jql`parent = ${issueKey(epicKey)}${inProject} ORDER BY key ASC`;
}

/** A sprint's issues, in key order: the sprint readiness view. */
export function sprintJql(sprintId: number): Jql {
  return jql`sprint = ${sprintId} ORDER BY key ASC`;
}

/** A sprint's issues in one project, in key order: the candidates a team scoring round is opened on. */
export function projectSprintJql(project: string, sprintId: number): Jql {
  return jql`project = ${projectId(project)} AND sprint = ${sprintId} ORDER BY key ASC`;
}

/** A sprint's issues among `keys`, in key order: the rest of a sprint read in parallel once its keys are known. */
export function sprintByKeyJql(sprintId: number, keys: NonEmptyList<string>): Jql {
  return jql`sprint = ${sprintId} AND key in (${keyList(keys)}) ORDER BY key ASC`;
}

/** A sprint's done issues, in key order: what the team completed, for its velocity. */
export function sprintDoneJql(sprintId: number): Jql {
  return jql`sprint = ${sprintId} AND statusCategory = Done ORDER BY key ASC`;
}

/** A sprint's done issues among `keys`, in key order: the rest of them read side by side once their keys are known. */
export function sprintDoneByKeyJql(sprintId: number, keys: NonEmptyList<string>): Jql {
  return jql`sprint = ${sprintId} AND statusCategory = Done AND key in (${keyList(keys)}) ORDER BY key ASC`;
}

/** Where a gadget's failing rule was counted: a sprint's issues, or the listed issues of the backlog's top. */
export type RuleScope = { readonly sprintId: number } | { readonly keys: NonEmptyList<string> };

/**
 * The issues of `scope` that fail a readiness rule, by the readiness property the app writes and
 * indexes (manifest.yml, `issue-readiness`: each failing rule id is searchable, a blocking rule's
 * under `failingRules`, a warning's under `warningRules`), in key order.
 */
export function failingRuleJql(scope: RuleScope, readinessPropertyKey: string, rule: { readonly ruleId: string; readonly severity: 'blocking' | 'warning' }): Jql {
  const where = 'sprintId' in scope ? jqlPart`sprint = ${scope.sprintId}` : jqlPart`key in (${keyList(scope.keys)})`;
  const path = rule.severity === 'blocking' ? 'failingRules' : 'warningRules';
  return jql`${where} AND ${issueProperty(readinessPropertyKey, path)} = ${rule.ruleId} ORDER BY key ASC`;
}

/** Epics of the project whose theme property is set: what the one-off adoption looks at. */
export function indexedEpicsJql(project: string, themePropertyKey: string): Jql {
  return jql`project = ${projectId(project)} AND ${issueProperty(themePropertyKey, 'themeId')} IS NOT EMPTY ORDER BY key ASC`;
}

/**
 * The project's open issues that have a value in the app's "Priority score" field (`cf[…]`, from
 * `customField`): how many are ranked at all.
 */
export function scoredJql(project: string, scoreField: JqlPart): Jql {
  return jql`${projectClause(project, { open: true })} AND ${scoreField} IS NOT EMPTY`;
}

/** The project's open issues scored higher than `score`: how many rank above it. */
export function scoredAboveJql(project: string, scoreField: JqlPart, score: number): Jql {
  return jql`${projectClause(project, { open: true })} AND ${scoreField} > ${score}`;
}

/** The project's open issues scored exactly `score`: the issue and those tied with it. */
export function scoredEqualJql(project: string, scoreField: JqlPart, score: number): Jql {
  return jql`${projectClause(project, { open: true })} AND ${scoreField} = ${score}`;
}

/** The ranked backlog's filters, as JQL (each value checked by the resolver before it gets here). */
export interface BacklogFilters {
  /** A status category by its key ("new" is To Do, "indeterminate" In Progress). */
  readonly statusCategory?: 'new' | 'indeterminate';
  /** A status by name. */
  readonly status?: string;
  /** Stories of this epic (an issue key). */
  readonly epic?: string;
  /** Stories serving this theme (the id in their readiness property), or serving none ('none'). */
  readonly theme?: { readonly kind: 'theme'; readonly id: string } | { readonly kind: 'none' };
  readonly readiness?: 'ready' | 'not-ready' | 'not-applicable';
  /** Issues of this sprint (its id): the scoring grid's filter. */
  readonly sprint?: number;
}

/** Which of the backlog's two lists: scored issues by score, or those without a score by key. */
export type BacklogList = 'ranked' | 'incomplete';

const CATEGORY_NAMES: Readonly<Record<NonNullable<BacklogFilters['statusCategory']>, string>> = { new: 'To Do', indeterminate: 'In Progress' };

function backlogFilterClause(filters: BacklogFilters, readinessPropertyKey: string): JqlPart {
  const parts: JqlPart[] = [];
  if (filters.statusCategory !== undefined) parts.push(jqlPart` AND statusCategory = ${CATEGORY_NAMES[filters.statusCategory]}`);
  if (filters.status !== undefined) parts.push(jqlPart` AND status = ${filters.status}`);
  if (filters.epic !== undefined) parts.push(jqlPart` AND parent = ${issueKey(filters.epic)}`);
  const theme = issueProperty(readinessPropertyKey, 'themeId');
  const verdict = issueProperty(readinessPropertyKey, 'verdict');
  // "No theme" is an absent theme id on a property the app wrote: an issue it has not checked yet is in neither.
  if (filters.theme?.kind === 'theme') parts.push(jqlPart` AND ${theme} = ${filters.theme.id}`);
  if (filters.theme?.kind === 'none') parts.push(jqlPart` AND ${verdict} IS NOT EMPTY AND ${theme} IS EMPTY`);
  if (filters.readiness !== undefined) parts.push(jqlPart` AND ${verdict} = ${filters.readiness}`);
  if (filters.sprint !== undefined) parts.push(jqlPart` AND sprint = ${filters.sprint}`);
  return parts.reduce((all, next) => jqlPart`${all}${next}`, noJql);
}

/**
 * One of the ranked backlog's lists, read a page at a time (Jira's page token): the project's open
 * issues above subtasks (epics are left out of the rows by their level) with the filters, either
 * those with a value in the app's "Priority score" field best first, or those without one in key
 * order. Ties in score go by key, so the order is total and a page never repeats another's rows.
 * Without the score field (`scoreField` undefined) the incomplete list is every open issue.
 */
export function rankedBacklogJql(project: string, list: BacklogList, scoreField: JqlPart | undefined, readinessPropertyKey: string, filters: BacklogFilters = {}): Jql {
  const where = jqlPart`${projectClause(project, { open: true })} AND issuetype in standardIssueTypes()${backlogFilterClause(filters, readinessPropertyKey)}`;
  if (list === 'ranked') {
    if (scoreField === undefined) throw new UnsafeJqlError('The ranked list needs the "Priority score" field.');
    return jql`${where} AND ${scoreField} IS NOT EMPTY ORDER BY ${scoreField} DESC, key ASC`;
  }
  return scoreField === undefined ? jql`${where} ORDER BY key ASC` : jql`${where} AND ${scoreField} IS EMPTY ORDER BY key ASC`;
}

/**
 * The scoring grid's rows: the project's open stories (issues above subtasks, epics left out in
 * JQL, so a project whose keys start with hundreds of epics does not read pages of them) with the
 * filters, either those without a "Priority score" yet or all of them; in key order either way,
 * so rows already shown never move while their inputs are filled.
 */
export function scoringGridJql(project: string, which: 'incomplete' | 'all', scoreField: JqlPart | undefined, readinessPropertyKey: string, filters: BacklogFilters = {}): Jql {
  const where = jqlPart`${projectClause(project, { open: true })} AND issuetype in standardIssueTypes() AND issuetype != Epic${backlogFilterClause(filters, readinessPropertyKey)}`;
  return which === 'incomplete' && scoreField !== undefined ? jql`${where} AND ${scoreField} IS EMPTY ORDER BY key ASC` : jql`${where} ORDER BY key ASC`;
}

/** The project's other open issues scored higher than `score`: the grid's rank of a row just scored (its own stored score left out). */
export function scoredAboveOthersJql(project: string, scoreField: JqlPart, score: number, key: string): Jql {
  return jql`${projectClause(project, { open: true })} AND ${scoreField} > ${score} AND key != ${issueKey(key)}`;
}

/**
 * The project's issues that carry an issue security level: any at all means the app's counts (made
 * as the app, seeing everything) could include issues a viewer may not see.
 */
export function securedIssuesJql(project: string): Jql {
  return jql`project = ${projectId(project)} AND level IS NOT EMPTY`;
}

/** Days of a date field: from `from` (included; absent: from the beginning) to before `before`, both "YYYY-MM-DD". */
export interface DateWindow {
  /** A date field as JQL names it (`dateField` in src/jira/jql.ts). */
  readonly field: JqlPart;
  readonly from?: string;
  readonly before: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isoDate(text: string): string {
  if (!ISO_DATE.test(text)) throw new UnsafeJqlError(`${JSON.stringify(text.slice(0, 40))} is not a date (YYYY-MM-DD).`);
  return text;
}

/**
 * The project's issues with a date in any of the windows, in key order: what the daily recompute
 * reads (services/time-driven.ts). `before` is exclusive so that a datetime field's whole last day
 * is in (`cf[…] <= "2026-03-05"` would stop at its first minute); a bare date is read by Jira in
 * the caller's time zone, which the windows' margins absorb.
 */
export function dateWindowsJql(project: string, windows: NonEmptyList<DateWindow>): Jql {
  const [first, ...rest] = windows.map((window) => {
    const before = jqlPart`${window.field} < ${isoDate(window.before)}`;
    return window.from === undefined ? before : jqlPart`(${window.field} >= ${isoDate(window.from)} AND ${before})`;
  });
  if (first === undefined) throw new UnsafeJqlError('A date window query needs at least one window.');
  const any = rest.reduce((all, next) => jqlPart`${all} OR ${next}`, first);
  return jql`project = ${projectId(project)} AND (${any}) ORDER BY key ASC`;
}
