/**
 * An issue's life beyond field edits, as Jira does it: created, deleted (with its subtasks, links and
 * properties; an epic's children silently lose their parent), moved to another project (a new key,
 * the old one still finding it) and given another issue type (refused when the hierarchy would break).
 * `EmulatorState` calls these with itself; `LifecycleState` names the little of it they touch.
 */
import type { DatasetIssueType, DatasetProject } from './dataset-schema';
import type { IssueSecurity } from './issue-security';
import { securityItem } from './issue-security';
import type { LinkIndex } from './link-index';
import { editIssueFields } from './edit-issue';
import { IssueEditError, formatJiraDate } from './model';
import type { ChangeItem, EmulatorChange, IssueEditorState, IssueSummary, StoredIssue } from './model';

export interface LifecycleState extends IssueEditorState {
  readonly projectsByKey: ReadonlyMap<string, DatasetProject>;
  readonly issuesById: Map<string, StoredIssue>;
  /** Every key an issue ever had → its id: a moved issue keeps answering to its old key. */
  readonly issueIdsByKey: Map<string, string>;
  readonly links: LinkIndex;
  readonly security: IssueSecurity;
  readonly now: () => Date;
  nextIssueId: number;
  childrenOf(issueId: string): StoredIssue[];
  requireIssue(idOrKey: string): StoredIssue;
  summaryOf(issue: StoredIssue): IssueSummary;
  touch(issue: StoredIssue): void;
  emit(change: EmulatorChange): void;
  emitUpdated(issue: StoredIssue, items: ChangeItem[], asAccountId: string | undefined): void;
}

export interface CreateIssueInput {
  projectKey: string;
  issueType: string;
  summary: string;
  status?: string;
  parentKey?: string;
  fields?: Record<string, unknown>;
  properties?: Record<string, unknown>;
  securityLevelId?: string;
  asAccountId?: string;
}

function actor(asAccountId: string | undefined): { atlassianId?: string } {
  return asAccountId === undefined ? {} : { atlassianId: asAccountId };
}

/** The issue types a project offers: the shared ones in company-managed projects, its own in team-managed ones. */
export function issueTypesOf(state: IssueEditorState, project: DatasetProject): DatasetIssueType[] {
  return [...state.issueTypes.values()].filter((t) => (t.projectId === undefined ? project.style === 'classic' : t.projectId === project.id));
}

function findIssueType(state: IssueEditorState, project: DatasetProject, idOrName: string): DatasetIssueType {
  const type = issueTypesOf(state, project).find((t) => t.id === idOrName || t.name.toLowerCase() === idOrName.toLowerCase());
  if (type === undefined) throw new IssueEditError({ issuetype: `Issue type '${idOrName}' is not in project ${project.key}.` });
  return type;
}

const levelOf = (state: IssueEditorState, issue: StoredIssue): number => state.issueTypes.get(issue.issueTypeId)?.hierarchyLevel ?? 0;

/** Jira never reuses a key, even of a deleted or moved-away issue: numbers go on from the highest ever given. */
const highestKeys = new WeakMap<LifecycleState, Map<string, number>>();

function nextKeyNumber(state: LifecycleState, project: DatasetProject): number {
  const counters = highestKeys.get(state) ?? new Map<string, number>();
  highestKeys.set(state, counters);
  let highest = counters.get(project.id) ?? 0;
  for (const issue of state.issuesById.values()) if (issue.projectId === project.id) highest = Math.max(highest, issue.keyNumber);
  const prefix = `${project.key}-`;
  for (const key of state.issueIdsByKey.keys()) if (key.startsWith(prefix)) highest = Math.max(highest, Number(key.slice(prefix.length)) || 0);
  counters.set(project.id, highest + 1);
  return highest + 1;
}

/** Creates an issue; returns its key. Minimal on purpose: the app itself never creates issues. */
export function createIssue(state: LifecycleState, input: CreateIssueInput): string {
  const project = state.projectsByKey.get(input.projectKey);
  if (project === undefined) throw new IssueEditError({ project: `Project '${input.projectKey}' does not exist.` });
  const issueType = findIssueType(state, project, input.issueType);
  const status =
    [...state.statuses.values()].find((s) => input.status !== undefined && (s.id === input.status || s.name.toLowerCase() === input.status.toLowerCase())) ??
    [...state.statuses.values()].find((s) => s.statusCategory.key === 'new');
  if (status === undefined) throw new IssueEditError({ status: 'No status to create the issue in.' });
  const keyNumber = nextKeyNumber(state, project);
  const id = String(state.nextIssueId++);
  const now = formatJiraDate(state.now());
  const issue: StoredIssue = {
    id,
    key: `${project.key}-${keyNumber}`,
    keyNumber,
    projectId: project.id,
    issueTypeId: issueType.id,
    statusId: status.id,
    parentId: undefined,
    sprintIds: [],
    fields: { summary: input.summary, created: now, updated: now, labels: [], resolution: null, description: null },
    properties: new Map(Object.entries(input.properties ?? {})),
  };
  state.issuesById.set(id, issue);
  state.issueIdsByKey.set(issue.key, id);
  try {
    const edits = { ...(input.fields ?? {}), ...(input.parentKey === undefined ? {} : { parent: { key: input.parentKey } }) };
    editIssueFields(state, issue, edits);
    if (input.securityLevelId !== undefined) state.security.setLevel(project, issue, input.securityLevelId);
  } catch (error) {
    state.issuesById.delete(id);
    state.issueIdsByKey.delete(issue.key);
    throw error;
  }
  state.emit({ eventType: 'avi:jira:created:issue', ...actor(input.asAccountId), issue: state.summaryOf(issue) });
  return issue.key;
}

/**
 * Deletes an issue as `DELETE /rest/api/3/issue/{key}` does: refused while it has subtasks unless
 * `deleteSubtasks` (then each subtask is deleted first, with its own event). Its links and properties
 * go with it; children of a deleted epic lose their parent with no event of their own, as in Jira.
 */
export function deleteIssue(state: LifecycleState, idOrKey: string, asAccountId: string | undefined, deleteSubtasks: boolean): void {
  const issue = state.requireIssue(idOrKey);
  const subtasks = state.childrenOf(issue.id).filter((child) => state.issueTypes.get(child.issueTypeId)?.subtask === true);
  if (subtasks.length > 0 && !deleteSubtasks) {
    throw new IssueEditError({}, [`The issue '${issue.key}' has subtasks. You must specify the 'deleteSubtasks' parameter to delete this issue with all its subtasks.`]);
  }
  for (const subtask of subtasks) removeIssue(state, subtask, asAccountId);
  removeIssue(state, issue, asAccountId);
}

function removeIssue(state: LifecycleState, issue: StoredIssue, asAccountId: string | undefined): void {
  const before = state.summaryOf(issue);
  for (const link of state.links.of(issue.id)) state.links.remove(link.id);
  for (const child of state.childrenOf(issue.id)) child.parentId = undefined;
  state.issuesById.delete(issue.id);
  for (const [key, id] of [...state.issueIdsByKey]) if (id === issue.id) state.issueIdsByKey.delete(key);
  state.parentsChanged();
  state.emit({ eventType: 'avi:jira:deleted:issue', ...actor(asAccountId), issue: before });
}

/** Children that would no longer fit under the issue with `type`: Jira refuses such a type change or move. */
function hierarchyProblem(state: LifecycleState, issue: StoredIssue, type: DatasetIssueType): string | undefined {
  const misfit = state.childrenOf(issue.id).find((child) => levelOf(state, child) + 1 !== type.hierarchyLevel);
  return misfit === undefined ? undefined : `${issue.key} has child issues (${misfit.key}) that a ${type.name} cannot be the parent of.`;
}

function issueTypeItem(state: IssueEditorState, fromId: string, to: DatasetIssueType): ChangeItem {
  const from = state.issueTypes.get(fromId);
  return { field: 'issuetype', fieldId: 'issuetype', fieldtype: 'jira', from: fromId, fromString: from?.name ?? null, to: to.id, toString: to.name };
}

/** Another issue type of the issue's project, refused (IssueEditError) when the parent or children would not fit. */
export function changeIssueType(state: LifecycleState, idOrKey: string, typeName: string, asAccountId: string | undefined): void {
  const issue = state.requireIssue(idOrKey);
  const project = state.projectsById.get(issue.projectId);
  if (project === undefined) throw new IssueEditError({}, [`Project ${issue.projectId} does not exist.`]);
  const type = findIssueType(state, project, typeName);
  if (type.id === issue.issueTypeId) return;
  const parent = issue.parentId === undefined ? undefined : state.issueById(issue.parentId);
  if (parent !== undefined && levelOf(state, parent) !== type.hierarchyLevel + 1) {
    throw new IssueEditError({ issuetype: `A ${type.name} cannot have ${parent.key} as its parent: given parent work item does not belong to appropriate hierarchy.` });
  }
  if (state.issueTypes.get(issue.issueTypeId)?.subtask !== type.subtask) throw new IssueEditError({ issuetype: 'An issue cannot be changed to or from a subtask by changing its type.' });
  const problem = hierarchyProblem(state, issue, type);
  if (problem !== undefined) throw new IssueEditError({ issuetype: problem });
  const item = issueTypeItem(state, issue.issueTypeId, type);
  issue.issueTypeId = type.id;
  state.touch(issue);
  state.emitUpdated(issue, [item], asAccountId);
}

/**
 * Moves an issue (and its subtasks) to another project: the next key there, the old key kept as a
 * redirect, the parent kept where Jira allows it (a parent one level up, in the same project or both
 * company-managed), a security level kept only if the target's scheme has it.
 */
export function moveIssue(state: LifecycleState, idOrKey: string, toProjectKey: string, options: { issueType?: string | undefined; asAccountId?: string | undefined }): string {
  const issue = state.requireIssue(idOrKey);
  const target = state.projectsByKey.get(toProjectKey.toUpperCase());
  if (target === undefined) throw new IssueEditError({ project: `Project '${toProjectKey}' does not exist.` });
  if (target.id === issue.projectId) throw new IssueEditError({ project: `${issue.key} is already in project ${target.key}.` });
  const currentType = state.issueTypes.get(issue.issueTypeId);
  if (currentType?.subtask === true) throw new IssueEditError({}, ['A subtask moves with its parent: move the parent instead.']);
  const type = findIssueType(state, target, options.issueType ?? currentType?.name ?? '');
  if (type.subtask) throw new IssueEditError({ issuetype: `${type.name} is a subtask type: a moved issue keeps its own place in the hierarchy.` });
  const problem = hierarchyProblem(state, issue, type);
  if (problem !== undefined) throw new IssueEditError({ issuetype: problem });
  const subtaskType = issueTypesOf(state, target).find((t) => t.subtask);
  const subtasks = state.childrenOf(issue.id).filter((child) => state.issueTypes.get(child.issueTypeId)?.subtask === true);
  if (subtasks.length > 0 && subtaskType === undefined) throw new IssueEditError({ issuetype: `Project ${target.key} has no subtask type for the subtasks of ${issue.key}.` });
  relocate(state, issue, target, type, options.asAccountId);
  for (const subtask of subtasks) if (subtaskType !== undefined) relocate(state, subtask, target, subtaskType, options.asAccountId);
  return issue.key;
}

function relocate(state: LifecycleState, issue: StoredIssue, target: DatasetProject, type: DatasetIssueType, asAccountId: string | undefined): void {
  const source = state.projectsById.get(issue.projectId);
  const oldKey = issue.key;
  const items: ChangeItem[] = [
    { field: 'project', fieldId: 'project', fieldtype: 'jira', from: issue.projectId, fromString: source?.name ?? null, to: target.id, toString: target.name },
  ];
  const keyNumber = nextKeyNumber(state, target);
  issue.key = `${target.key}-${keyNumber}`;
  issue.keyNumber = keyNumber;
  issue.projectId = target.id;
  state.issueIdsByKey.set(issue.key, issue.id);
  items.push({ field: 'Key', fieldId: 'issuekey', fieldtype: 'jira', from: oldKey, fromString: oldKey, to: issue.key, toString: issue.key });
  if (type.id !== issue.issueTypeId) items.push(issueTypeItem(state, issue.issueTypeId, type));
  issue.issueTypeId = type.id;
  const parent = issue.parentId === undefined ? undefined : state.issueById(issue.parentId);
  const parentProject = parent === undefined ? undefined : state.projectsById.get(parent.projectId);
  const keepsParent =
    parent !== undefined &&
    levelOf(state, parent) === type.hierarchyLevel + 1 &&
    (parent.projectId === target.id || (target.style === 'classic' && parentProject?.style === 'classic'));
  if (parent !== undefined && !keepsParent) {
    issue.parentId = undefined;
    state.parentsChanged();
    items.push({ field: 'IssueParentAssociation', fieldId: 'parent', fieldtype: 'jira', from: parent.id, fromString: parent.key, to: null, toString: null });
  }
  const level = state.security.level(issue.securityLevelId);
  if (level !== undefined && level.schemeId !== target.issueSecuritySchemeId) {
    issue.securityLevelId = undefined;
    items.push(securityItem(level, undefined));
  }
  state.touch(issue);
  state.emitUpdated(issue, items, asAccountId);
}
