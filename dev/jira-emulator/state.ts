/**
 * The emulated Jira site in memory: catalogs, issues, links, properties, sprints and who may see what.
 * REST handlers and in-process callers (tests, the local runtime) change it through the same methods,
 * so both fire the same Jira-event-like changes.
 *
 * Over 400 lines because every change to the site passes through this one class, so that REST and
 * in-process callers fire the same events; the larger pieces live beside it (issue-lifecycle.ts, edit-issue.ts).
 */
import type {
  Dataset,
  DatasetBoard,
  DatasetField,
  DatasetIssueType,
  DatasetLinkType,
  DatasetProject,
  DatasetSprint,
  DatasetStatus,
  DatasetUser,
  ProjectPermission,
} from './dataset-schema';
import { editIssueFields } from './edit-issue';
import { changeIssueType, createIssue, deleteIssue, moveIssue } from './issue-lifecycle';
import type { CreateIssueInput, LifecycleState } from './issue-lifecycle';
import { fieldsWithSecurity, IssueSecurity } from './issue-security';
import { LinkIndex } from './link-index';
import { loadStoredIssues } from './load-issues';
import { APP_CALLER, IssueEditError, PROPERTY_MAX_BYTES, RANK_FIELD_TYPE, SPRINT_FIELD_TYPE, appValueProblem, changeItem, formatJiraDate } from './model';
import type { Caller, ChangeItem, ChangeListener, EmulatorChange, IssueEditorState, IssueReader, IssueSummary, StoredIssue, StoredLink } from './model';
import { renderIssue } from './render-issue';
import type { FieldSelection } from './render-issue';

export interface StateOptions {
  /** Clock for `updated`, `created` and sprint dates; fixed in tests for stable output. */
  now?: () => Date;
}

export class EmulatorState implements IssueReader, IssueEditorState, LifecycleState {
  baseUrl = 'http://127.0.0.1';
  readonly users: Map<string, DatasetUser>;
  readonly projectsById: Map<string, DatasetProject>;
  readonly projectsByKey: Map<string, DatasetProject>;
  readonly issueTypes: Map<string, DatasetIssueType>;
  readonly statuses: Map<string, DatasetStatus>;
  readonly priorities: Dataset['priorities'];
  readonly resolutions: Dataset['resolutions'];
  readonly fields: DatasetField[];
  readonly fieldsById: Map<string, DatasetField>;
  readonly fieldsByKey: Map<string, DatasetField>;
  readonly fieldOptions: Dataset['fieldOptions'];
  readonly linkTypes: Map<string, DatasetLinkType>;
  readonly boards: DatasetBoard[];
  readonly sprints: Map<number, DatasetSprint>;
  readonly sprintFieldId: string | undefined;
  readonly rankFieldId: string | undefined;
  readonly security: IssueSecurity;
  private readonly permissions: Dataset['permissions'];
  // Not private: issue-lifecycle.ts creates, deletes and moves issues in them (LifecycleState).
  readonly issuesById = new Map<string, StoredIssue>();
  readonly issueIdsByKey = new Map<string, string>();
  readonly links = new LinkIndex();
  private readonly listeners = new Set<ChangeListener>();
  private childIndex: Map<string, StoredIssue[]> | undefined;
  nextIssueId: number;
  private nextChangelogId = 100_000;
  private changeCount = 0;
  readonly now: () => Date;

  constructor(dataset: Dataset, options: StateOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.users = new Map(dataset.users.map((u) => [u.accountId, u]));
    this.projectsById = new Map(dataset.projects.map((p) => [p.id, p]));
    this.projectsByKey = new Map(dataset.projects.map((p) => [p.key, p]));
    this.issueTypes = new Map(dataset.issueTypes.map((t) => [t.id, t]));
    this.statuses = new Map(dataset.statuses.map((s) => [s.id, s]));
    this.priorities = dataset.priorities;
    this.resolutions = dataset.resolutions;
    this.fields = fieldsWithSecurity(dataset);
    this.fieldsById = new Map(this.fields.map((f) => [f.id, f]));
    this.fieldsByKey = new Map(this.fields.map((f) => [f.key, f]));
    const subtaskParent = (issue: StoredIssue): StoredIssue | undefined =>
      this.issueTypes.get(issue.issueTypeId)?.subtask === true && issue.parentId !== undefined ? this.issuesById.get(issue.parentId) : undefined;
    this.security = new IssueSecurity(dataset.issueSecuritySchemes, subtaskParent);
    this.fieldOptions = dataset.fieldOptions;
    this.linkTypes = new Map(dataset.issueLinkTypes.map((t) => [t.id, t]));
    this.boards = dataset.boards;
    this.sprints = new Map(dataset.sprints.map((s) => [s.id, { ...s }]));
    this.permissions = dataset.permissions;
    this.sprintFieldId = dataset.fields.find((f) => f.schema?.custom === SPRINT_FIELD_TYPE)?.id;
    this.rankFieldId = dataset.fields.find((f) => f.schema?.custom === RANK_FIELD_TYPE)?.id;
    const { issues, links } = loadStoredIssues(dataset, this);
    let maxId = 10_000;
    for (const issue of issues) {
      this.issuesById.set(issue.id, issue);
      this.issueIdsByKey.set(issue.key, issue.id);
      maxId = Math.max(maxId, Number(issue.id));
    }
    this.nextIssueId = maxId + 1;
    for (const link of links) this.links.add(link);
  }

  // ---- reading ----

  allIssues(): IterableIterator<StoredIssue> {
    return this.issuesById.values();
  }

  get issueCount(): number {
    return this.issuesById.size;
  }

  /** By key (also one it had before a move) or numeric id, regardless of who asks. */
  findIssue(idOrKey: string): StoredIssue | undefined {
    const byId = this.issuesById.get(idOrKey);
    if (byId !== undefined) return byId;
    const id = this.issueIdsByKey.get(idOrKey.toUpperCase());
    return id === undefined ? undefined : this.issuesById.get(id);
  }

  issueById(id: string): StoredIssue | undefined {
    return this.issuesById.get(id);
  }

  linksOf(issueId: string): StoredLink[] {
    return this.links.of(issueId);
  }

  childrenOf(issueId: string): StoredIssue[] {
    if (this.childIndex === undefined) {
      const index = new Map<string, StoredIssue[]>();
      for (const issue of this.issuesById.values()) {
        if (issue.parentId === undefined) continue;
        const siblings = index.get(issue.parentId);
        if (siblings === undefined) index.set(issue.parentId, [issue]);
        else siblings.push(issue);
      }
      this.childIndex = index;
    }
    return this.childIndex.get(issueId) ?? [];
  }

  /** Called whenever a parent changes, so `childrenOf` is rebuilt on next use. */
  parentsChanged(): void {
    this.childIndex = undefined;
  }

  hasPermission(caller: Caller, projectId: string, permission: ProjectPermission): boolean {
    if (caller.kind === 'app') return true;
    const project = this.projectsById.get(projectId);
    if (project === undefined) return false;
    return this.permissions[project.key]?.[caller.accountId]?.includes(permission) ?? false;
  }

  /** An admin changes what a user may do in a project (Browse projects taken away, say): the user's permissions there are replaced. */
  setProjectPermissions(projectKey: string, accountId: string, permissions: readonly ProjectPermission[]): void {
    if (!this.projectsByKey.has(projectKey)) throw new Error(`No project ${projectKey} on the emulated site.`);
    this.permissions[projectKey] = { ...this.permissions[projectKey], [accountId]: [...permissions] };
  }

  /** An admin deletes a project: it, its boards and their sprints are gone for everyone, and so are its issues for every user. */
  deleteProject(projectKey: string): void {
    const project = this.projectsByKey.get(projectKey);
    if (project === undefined) throw new Error(`No project ${projectKey} on the emulated site.`);
    this.projectsByKey.delete(projectKey);
    this.projectsById.delete(project.id);
    const gone = new Set(this.boards.filter((board) => board.projectKey === projectKey).map((board) => board.id));
    this.boards.splice(0, this.boards.length, ...this.boards.filter((board) => !gone.has(board.id)));
    for (const [id, sprint] of this.sprints) if (gone.has(sprint.boardId)) this.sprints.delete(id);
  }

  /**
   * A user leaves the site: deactivated (`active: false`: no longer signs in or turns up in user
   * searches, still answered by id) or, with `removed`, gone (by id a 404, left out of bulk answers).
   */
  removeUser(accountId: string, how: 'deactivated' | 'removed' = 'removed'): void {
    const user = this.users.get(accountId);
    if (user === undefined) throw new Error(`No user ${accountId} on the emulated site.`);
    if (how === 'removed') this.users.delete(accountId);
    else this.users.set(accountId, { ...user, active: false });
  }

  /** An admin deletes a select's option: it is no longer offered or accepted, and issues that held it lose it (no event, as in Jira). */
  removeFieldOption(fieldId: string, optionId: string): void {
    const options = this.fieldOptions[fieldId];
    if (options?.some((option) => option.id === optionId) !== true) throw new Error(`Field ${fieldId} has no option ${optionId}.`);
    this.fieldOptions[fieldId] = options.filter((option) => option.id !== optionId);
    const held = (value: unknown) => typeof value === 'object' && value !== null && (value as { id?: unknown }).id === optionId;
    for (const { fields } of this.issuesById.values()) {
      if (Array.isArray(fields[fieldId])) fields[fieldId] = (fields[fieldId] as unknown[]).filter((item) => !held(item));
      else if (held(fields[fieldId])) fields[fieldId] = null;
    }
  }

  /** Browse the project and, when the issue has a security level, be one of its members. */
  canBrowse(caller: Caller, issue: StoredIssue): boolean {
    return this.hasPermission(caller, issue.projectId, 'BROWSE_PROJECTS') && this.security.mayView(caller, issue);
  }

  /** The issue as `caller` sees it: undefined when it does not exist or may not be browsed (Jira's 404). */
  visibleIssue(caller: Caller, idOrKey: string): StoredIssue | undefined {
    const issue = this.findIssue(idOrKey);
    return issue !== undefined && this.canBrowse(caller, issue) ? issue : undefined;
  }

  /** The issue in REST shape as `viewer` sees it (links and subtasks they may not browse are left out). */
  render(issue: StoredIssue, selection: FieldSelection | { kind: 'navigable' }, properties: readonly string[] = [], viewer: Caller = APP_CALLER): Record<string, unknown> {
    return renderIssue(this, issue, selection, properties, viewer);
  }

  // ---- changing (REST handlers and in-process callers) ----

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Bumped on every change, so cached search results know they are stale. */
  get version(): number {
    return this.changeCount;
  }

  emit(change: EmulatorChange): void {
    this.changeCount += 1;
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        // A failing listener must not turn a successful Jira write into a 500.
        console.error('jira-emulator: change listener failed', error);
      }
    }
  }

  summaryOf(issue: StoredIssue): IssueSummary {
    const rendered = this.render(issue, { kind: 'navigable' });
    return { id: issue.id, key: issue.key, fields: (rendered.fields ?? {}) as Record<string, unknown> };
  }

  requireIssue(idOrKey: string): StoredIssue {
    const issue = this.findIssue(idOrKey);
    if (issue === undefined) throw new IssueEditError({}, [`Issue does not exist or you do not have permission to see it.`]);
    return issue;
  }

  touch(issue: StoredIssue): void {
    issue.fields.updated = formatJiraDate(this.now());
  }

  /**
   * Edits fields as Jira's `PUT /rest/api/3/issue/{key}` does (same checks, same errors), without
   * the permission check: callers check `EDIT_ISSUES` first. `asAccountId` is who appears in the event.
   */
  updateIssue(idOrKey: string, fields: Record<string, unknown>, asAccountId?: string): ChangeItem[] {
    const issue = this.requireIssue(idOrKey);
    const items = editIssueFields(this, issue, fields);
    if (items.length > 0) {
      this.touch(issue);
      this.emitUpdated(issue, items, asAccountId);
    }
    return items;
  }

  emitUpdated(issue: StoredIssue, items: ChangeItem[], asAccountId: string | undefined): void {
    this.emit({
      eventType: 'avi:jira:updated:issue',
      ...(asAccountId === undefined ? {} : { atlassianId: asAccountId }),
      issue: this.summaryOf(issue),
      changelog: { id: String(this.nextChangelogId++), items },
    });
  }

  /** Moves an issue to a status (by id or name), setting or clearing the resolution as a workflow would. */
  transitionIssue(idOrKey: string, statusIdOrName: string, asAccountId?: string): void {
    const issue = this.requireIssue(idOrKey);
    const status =
      this.statuses.get(statusIdOrName) ?? [...this.statuses.values()].find((s) => s.name.toLowerCase() === statusIdOrName.toLowerCase());
    if (status === undefined) throw new IssueEditError({ status: `Unknown status '${statusIdOrName}'.` });
    const before = this.statuses.get(issue.statusId);
    if (before?.id === status.id) return;
    issue.statusId = status.id;
    const now = formatJiraDate(this.now());
    issue.fields.statuscategorychangedate = now;
    const items: ChangeItem[] = [
      { field: 'status', fieldId: 'status', fieldtype: 'jira', from: before?.id ?? null, fromString: before?.name ?? null, to: status.id, toString: status.name },
    ];
    const done = status.statusCategory.key === 'done';
    const hadResolution = issue.fields.resolution !== null && issue.fields.resolution !== undefined;
    if (done && !hadResolution) {
      const resolution = this.resolutions[0];
      if (resolution !== undefined) {
        issue.fields.resolution = { id: resolution.id };
        issue.fields.resolutiondate = now;
        items.push({ field: 'resolution', fieldId: 'resolution', fieldtype: 'jira', from: null, fromString: null, to: resolution.id, toString: resolution.name });
      }
    } else if (!done && hadResolution) {
      issue.fields.resolution = null;
      issue.fields.resolutiondate = null;
      items.push({ field: 'resolution', fieldId: 'resolution', fieldtype: 'jira', from: null, fromString: null, to: null, toString: null });
    }
    this.touch(issue);
    this.emitUpdated(issue, items, asAccountId);
  }

  /** Creates an issue; returns its key. Minimal on purpose: the app itself never creates issues. */
  createIssue(input: CreateIssueInput): string {
    return createIssue(this, input);
  }

  /** Deletes an issue (and, when asked, its subtasks); emits `avi:jira:deleted:issue`. See issue-lifecycle.ts. */
  deleteIssue(idOrKey: string, asAccountId?: string, options: { deleteSubtasks?: boolean } = {}): void {
    deleteIssue(this, idOrKey, asAccountId, options.deleteSubtasks ?? false);
  }

  /** Moves an issue to another project; returns its new key (the old one still finds it). */
  moveIssue(idOrKey: string, toProjectKey: string, options: { issueType?: string; asAccountId?: string } = {}): string {
    return moveIssue(this, idOrKey, toProjectKey, options);
  }

  changeIssueType(idOrKey: string, typeName: string, asAccountId?: string): void {
    changeIssueType(this, idOrKey, typeName, asAccountId);
  }

  /** Sets (level id or name) or clears (null) the issue's security level; emits an update with a `security` item. */
  setIssueSecurityLevel(idOrKey: string, levelId: string | null, asAccountId?: string): void {
    const issue = this.requireIssue(idOrKey);
    const item = this.security.setLevel(this.projectsById.get(issue.projectId), issue, levelId);
    if (item !== undefined) this.touch(issue);
    if (item !== undefined) this.emitUpdated(issue, [item], asAccountId);
  }

  /** Links two issues: "`from` <type.outward> `to`", e.g. `linkIssues('Blocks', 'TL-5', 'TL-9')`: TL-5 blocks TL-9. */
  linkIssues(typeName: string, fromKey: string, toKey: string, asAccountId?: string): string {
    const type = [...this.linkTypes.values()].find((t) => t.name.toLowerCase() === typeName.toLowerCase() || t.id === typeName);
    if (type === undefined) throw new IssueEditError({ issueLinkType: `No issue link type with name '${typeName}' found.` });
    const from = this.requireIssue(fromKey);
    const to = this.requireIssue(toKey);
    const link: StoredLink = { id: this.links.newId(), typeId: type.id, fromId: from.id, toId: to.id };
    this.links.add(link);
    this.emitLink('avi:jira:created:issuelink', link, type, asAccountId);
    return link.id;
  }

  /** Shorthand for the blocker links readiness cares about: `blockerKey` blocks `blockedKey`. */
  addBlocker(blockedKey: string, blockerKey: string, asAccountId?: string): string {
    return this.linkIssues('Blocks', blockerKey, blockedKey, asAccountId);
  }

  unlinkIssues(linkId: string, asAccountId?: string): void {
    const link = this.links.remove(linkId);
    if (link === undefined) throw new IssueEditError({}, [`No issue link with id '${linkId}' exists.`]);
    const type = this.linkTypes.get(link.typeId);
    if (type !== undefined) this.emitLink('avi:jira:deleted:issuelink', link, type, asAccountId);
  }

  private emitLink(eventType: 'avi:jira:created:issuelink' | 'avi:jira:deleted:issuelink', link: StoredLink, type: DatasetLinkType, asAccountId?: string): void {
    this.emit({
      eventType,
      ...(asAccountId === undefined ? {} : { atlassianId: asAccountId }),
      issueLink: { id: link.id, sourceIssueId: link.fromId, destinationIssueId: link.toId, issueLinkType: type },
    });
  }

  /** Returns whether the property was created (Jira answers 201) rather than updated (200). */
  setIssueProperty(idOrKey: string, propertyKey: string, value: unknown, asAccountId?: string): boolean {
    const issue = this.requireIssue(idOrKey);
    const size = Buffer.byteLength(JSON.stringify(value), 'utf8');
    if (size > PROPERTY_MAX_BYTES) {
      throw new IssueEditError({}, [`The property '${propertyKey}' exceeds the property size limit of ${PROPERTY_MAX_BYTES} bytes.`]);
    }
    const created = !issue.properties.has(propertyKey);
    issue.properties.set(propertyKey, structuredClone(value));
    this.emit({
      eventType: 'emulator:set:issue-property',
      ...(asAccountId === undefined ? {} : { atlassianId: asAccountId }),
      issue: { id: issue.id, key: issue.key },
      propertyKey,
      value,
    });
    return created;
  }

  /** Returns false when there was no such property. */
  deleteIssueProperty(idOrKey: string, propertyKey: string, asAccountId?: string): boolean {
    const issue = this.requireIssue(idOrKey);
    if (!issue.properties.delete(propertyKey)) return false;
    this.emit({
      eventType: 'emulator:deleted:issue-property',
      ...(asAccountId === undefined ? {} : { atlassianId: asAccountId }),
      issue: { id: issue.id, key: issue.key },
      propertyKey,
    });
    return true;
  }

  /** Sets a Forge app field's value as the app does (no screen checks, type checked). */
  setAppFieldValue(fieldIdOrKey: string, issueIdOrKey: string, value: unknown): void {
    const field = this.fieldsById.get(fieldIdOrKey) ?? this.fieldsByKey.get(fieldIdOrKey);
    if (field === undefined) throw new IssueEditError({}, [`The custom field '${fieldIdOrKey}' was not found.`]);
    const issue = this.requireIssue(issueIdOrKey);
    const problem = appValueProblem(field, value);
    if (problem !== undefined) throw new IssueEditError({ [field.id]: problem });
    const before = issue.fields[field.id] ?? null;
    issue.fields[field.id] = value ?? null;
    if (JSON.stringify(before) !== JSON.stringify(value ?? null)) {
      this.emitUpdated(issue, [changeItem(field, before, value ?? null)], undefined);
    }
  }

  setSprintState(sprintId: number, state: DatasetSprint['state']): void {
    const sprint = this.sprints.get(sprintId);
    if (sprint === undefined) throw new IssueEditError({}, [`Sprint with id ${sprintId} does not exist.`]);
    if (sprint.state === state) return;
    sprint.state = state;
    const now = this.now().toISOString();
    if (state === 'active') sprint.startDate ??= now;
    if (state === 'closed') sprint.completeDate = now;
    const eventType = state === 'active' ? 'avi:jira-software:started:sprint' : state === 'closed' ? 'avi:jira-software:closed:sprint' : 'avi:jira-software:updated:sprint';
    this.emit({ eventType, sprint: { ...sprint } });
  }
}

