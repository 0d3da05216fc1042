/**
 * Issues as Jira's v3 REST API sends them: references expanded from the catalogs at render time, so a
 * linked issue's status or a parent's summary is always current, and unset fields are `null`.
 */
import type { DatasetField, DatasetIssueType, DatasetProject, DatasetStatus } from './dataset-schema';
import type { Caller, IssueReader, SiteCatalog, StoredIssue } from './model';

export interface FieldSelection {
  /** Nothing but ids (the `/search/jql` default): issues render as `{id}`. */
  idOnly: boolean;
  fieldIds: ReadonlySet<string>;
}

export const ISSUE_EXPAND = 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations';

/**
 * Resolves a `fields` list as Jira reads it: `*all`, `*navigable`, ids (or keys), `-id` to exclude.
 * Unknown fields are ignored, as Jira does; `fallback` applies when nothing was asked for.
 */
export function selectFields(state: SiteCatalog, requested: readonly string[] | undefined, fallback: '*all' | '*navigable' | 'id', byKeys = false): FieldSelection {
  const items = (requested ?? []).flatMap((item) => item.split(',')).map((item) => item.trim()).filter((item) => item !== '');
  const effective = items.length === 0 ? [fallback] : items;
  const include = new Set<string>();
  const exclude = new Set<string>();
  let onlyIdOrKey = true;
  const resolve = (name: string): string | undefined => (byKeys ? state.fieldsByKey.get(name)?.id : undefined) ?? state.fieldsById.get(name)?.id ?? state.fieldsByKey.get(name)?.id;
  for (const item of effective) {
    if (item === '*all') {
      for (const field of state.fields) include.add(field.id);
      onlyIdOrKey = false;
    } else if (item === '*navigable') {
      for (const field of state.fields) if (field.navigable) include.add(field.id);
      onlyIdOrKey = false;
    } else if (item.startsWith('-')) {
      const id = resolve(item.slice(1));
      if (id !== undefined) exclude.add(id);
    } else if (item === 'id') {
      continue;
    } else {
      onlyIdOrKey = false;
      const id = resolve(item);
      if (id !== undefined) include.add(id);
    }
  }
  if (include.size === 0 && exclude.size > 0) for (const field of state.fields) if (field.navigable) include.add(field.id);
  for (const id of exclude) include.delete(id);
  return { idOnly: onlyIdOrKey && include.size === 0, fieldIds: include };
}

/** `viewer` decides which linked issues and subtasks show: Jira hides the ones they may not browse. */
export function renderIssue(
  state: IssueReader,
  issue: StoredIssue,
  selection: FieldSelection | { kind: 'navigable' },
  properties: readonly string[],
  viewer: Caller,
): Record<string, unknown> {
  const chosen = 'kind' in selection ? selectFields(state, ['*navigable'], '*navigable') : selection;
  const props = renderProperties(issue, properties);
  if (chosen.idOnly && props === undefined) return { id: issue.id };
  const fields: Record<string, unknown> = {};
  for (const fieldId of chosen.fieldIds) {
    const value = renderField(state, issue, fieldId, viewer);
    if (value !== OMIT) fields[fieldId] = value;
  }
  return {
    expand: ISSUE_EXPAND,
    id: issue.id,
    self: `${state.baseUrl}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields,
    ...(props === undefined ? {} : { properties: props }),
  };
}

function renderProperties(issue: StoredIssue, keys: readonly string[]): Record<string, unknown> | undefined {
  if (keys.length === 0) return undefined;
  const wanted = keys.flatMap((key) => key.split(',')).map((key) => key.trim()).filter((key) => key !== '');
  const all = wanted.includes('*all');
  const out: Record<string, unknown> = {};
  for (const [key, value] of issue.properties) {
    if ((all || wanted.includes(key)) && !wanted.includes(`-${key}`)) out[key] = structuredClone(value);
  }
  return out;
}

const OMIT = Symbol('omit');

function renderField(state: IssueReader, issue: StoredIssue, fieldId: string, viewer: Caller): unknown {
  switch (fieldId) {
    case 'project':
      return renderProjectRef(state, state.projectsById.get(issue.projectId));
    case 'issuetype':
      return renderIssueType(state, state.issueTypes.get(issue.issueTypeId));
    case 'status':
      return renderStatus(state, state.statuses.get(issue.statusId));
    case 'parent': {
      // Jira leaves `parent` out entirely when there is none.
      // A parent the viewer may not browse is left out too, as Jira hides issues behind a security level.
      const parent = issue.parentId === undefined ? undefined : state.issueById(issue.parentId);
      return parent === undefined || !state.canBrowse(viewer, parent) ? OMIT : renderIssueRef(state, parent);
    }
    case 'security':
      return state.security.render(state.baseUrl, issue);
    case 'issuelinks':
      return renderLinks(state, issue, viewer);
    case 'subtasks':
      return state
        .childrenOf(issue.id)
        .filter((child) => state.issueTypes.get(child.issueTypeId)?.subtask === true && state.canBrowse(viewer, child))
        .map((child) => renderIssueRef(state, child));
    case 'priority':
      return renderPriority(state, issue.fields.priority);
    case 'resolution':
      return renderResolution(state, issue.fields.resolution);
    case 'votes': {
      const votes = (issue.fields.votes ?? { votes: 0, hasVoted: false }) as Record<string, unknown>;
      return { self: `${state.baseUrl}/rest/api/3/issue/${issue.key}/votes`, votes: votes.votes ?? 0, hasVoted: votes.hasVoted ?? false };
    }
    case 'watches': {
      const watches = (issue.fields.watches ?? { watchCount: 0, isWatching: false }) as Record<string, unknown>;
      return { self: `${state.baseUrl}/rest/api/3/issue/${issue.key}/watchers`, watchCount: watches.watchCount ?? 0, isWatching: watches.isWatching ?? false };
    }
    case 'labels':
      return issue.fields.labels ?? [];
    default:
      break;
  }
  if (fieldId === state.sprintFieldId) {
    if (issue.sprintIds.length === 0) return null;
    return issue.sprintIds.map((id) => state.sprints.get(id)).filter((s) => s !== undefined).map((s) => ({ ...s }));
  }
  const field = state.fieldsById.get(fieldId);
  const value = issue.fields[fieldId];
  if (value === undefined || value === null) return null;
  return renderValue(state, field, value);
}

function renderValue(state: SiteCatalog, field: DatasetField | undefined, value: unknown): unknown {
  const type = field?.schema?.type;
  if (type === 'user') return renderUser(state, (value as { accountId?: string }).accountId);
  if (type === 'option' && field !== undefined) return renderOption(state, field, value);
  if (type === 'array' && field?.schema?.items === 'option' && Array.isArray(value)) return value.map((item) => renderOption(state, field, item));
  return structuredClone(value);
}

function renderOption(state: SiteCatalog, field: DatasetField, value: unknown): unknown {
  const id = (value as { id?: string }).id;
  const option = (state.fieldOptions[field.id] ?? []).find((o) => o.id === id);
  if (option === undefined) return structuredClone(value);
  return { self: `${state.baseUrl}/rest/api/3/customFieldOption/${option.id}`, value: option.value, id: option.id };
}

export function renderUser(state: SiteCatalog, accountId: string | undefined): Record<string, unknown> | null {
  const user = accountId === undefined ? undefined : state.users.get(accountId);
  if (user === undefined) return null;
  return {
    self: `${state.baseUrl}/rest/api/3/user?accountId=${user.accountId}`,
    accountId: user.accountId,
    ...(user.emailAddress === undefined ? {} : { emailAddress: user.emailAddress }),
    avatarUrls: avatarUrls(initialsAvatar(user.displayName)),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
    accountType: user.accountType,
  };
}

/**
 * Where Jira keeps the avatar of a user with no picture: Atlassian's avatar service, by initials
 * (the host Forge's content security policy lets a Custom UI frame load images from).
 */
export function initialsAvatar(displayName: string): string {
  const initials = displayName.split(/\s+/).filter((word) => word !== '').slice(0, 2).map((word) => word[0]?.toUpperCase() ?? '').join('');
  return `https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/initials/${encodeURIComponent(initials === '' ? 'U' : initials)}-5.png`;
}

export function avatarUrls(base: string): Record<string, string> {
  return { '48x48': `${base}?s=48`, '24x24': `${base}?s=24`, '16x16': `${base}?s=16`, '32x32': `${base}?s=32` };
}

export function renderProjectRef(state: SiteCatalog, project: DatasetProject | undefined): Record<string, unknown> | null {
  if (project === undefined) return null;
  return {
    self: `${state.baseUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: project.projectTypeKey,
    simplified: project.style === 'next-gen',
    avatarUrls: avatarUrls(`${state.baseUrl}/rest/api/3/universal_avatar/view/type/project/avatar/${project.id}`),
  };
}

export function renderIssueType(state: SiteCatalog, type: DatasetIssueType | undefined): Record<string, unknown> | null {
  if (type === undefined) return null;
  return {
    self: `${state.baseUrl}/rest/api/3/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: `${state.baseUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${type.id}?size=medium`,
    name: type.name,
    subtask: type.subtask,
    avatarId: Number(type.id),
    hierarchyLevel: type.hierarchyLevel,
    ...(type.projectId === undefined ? {} : { entityId: uuidFor(type.id), scope: { type: 'PROJECT', project: { id: type.projectId } } }),
  };
}

export function renderStatus(state: SiteCatalog, status: DatasetStatus | undefined): Record<string, unknown> | null {
  if (status === undefined) return null;
  const category = status.statusCategory;
  return {
    self: `${state.baseUrl}/rest/api/3/status/${status.id}`,
    description: status.description ?? '',
    iconUrl: `${state.baseUrl}/`,
    name: status.name,
    id: status.id,
    statusCategory: {
      self: `${state.baseUrl}/rest/api/3/statuscategory/${category.id}`,
      id: category.id,
      key: category.key,
      colorName: category.colorName ?? 'blue-gray',
      name: category.name,
    },
  };
}

function renderPriority(state: SiteCatalog, value: unknown): Record<string, unknown> | null {
  const id = (value as { id?: string } | null | undefined)?.id;
  const priority = state.priorities.find((p) => p.id === id);
  if (priority === undefined) return null;
  return { self: `${state.baseUrl}/rest/api/3/priority/${priority.id}`, iconUrl: `${state.baseUrl}/images/icons/priorities/${priority.name.toLowerCase()}.svg`, name: priority.name, id: priority.id };
}

function renderResolution(state: SiteCatalog, value: unknown): Record<string, unknown> | null {
  const id = (value as { id?: string } | null | undefined)?.id;
  const resolution = state.resolutions.find((r) => r.id === id);
  if (resolution === undefined) return null;
  return { self: `${state.baseUrl}/rest/api/3/resolution/${resolution.id}`, id: resolution.id, description: resolution.description ?? '', name: resolution.name };
}

/** The small issue objects Jira nests in `parent`, `subtasks` and links. */
function renderIssueRef(state: SiteCatalog, issue: StoredIssue): Record<string, unknown> {
  return {
    id: issue.id,
    key: issue.key,
    self: `${state.baseUrl}/rest/api/3/issue/${issue.id}`,
    fields: {
      summary: issue.fields.summary,
      status: renderStatus(state, state.statuses.get(issue.statusId)),
      priority: renderPriority(state, issue.fields.priority),
      issuetype: renderIssueType(state, state.issueTypes.get(issue.issueTypeId)),
    },
  };
}

function renderLinks(state: IssueReader, issue: StoredIssue, viewer: Caller): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const link of state.linksOf(issue.id)) {
    const type = state.linkTypes.get(link.typeId);
    if (type === undefined) continue;
    const outward = link.fromId === issue.id;
    const other = state.issueById(outward ? link.toId : link.fromId);
    if (other === undefined || !state.canBrowse(viewer, other)) continue;
    out.push({
      id: link.id,
      self: `${state.baseUrl}/rest/api/3/issueLink/${link.id}`,
      type: { id: type.id, name: type.name, inward: type.inward, outward: type.outward, self: `${state.baseUrl}/rest/api/3/issueLinkType/${type.id}` },
      [outward ? 'outwardIssue' : 'inwardIssue']: renderIssueRef(state, other),
    });
  }
  return out;
}

/** A stable uuid-shaped id for team-managed entities (`entityId`, project `uuid`). */
export function uuidFor(id: string): string {
  return `00000000-0000-4000-8000-${id.replace(/\D/g, '').padStart(12, '0').slice(-12)}`;
}
