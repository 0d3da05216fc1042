/** Who the caller is and what they may do: myself, my permissions, bulk permission check, project. */
import { z } from 'zod';
import type { DatasetProject } from '../dataset-schema';
import { PROJECT_PERMISSIONS } from '../dataset-schema';
import { ISSUE_NOT_FOUND, jiraError, parseBody } from '../http-types';
import { renderScheme } from '../issue-security';
import type { EmulatorRequest, EmulatorResponse, HandlerContext, Route } from '../http-types';
import type { Caller } from '../model';
import { avatarUrls, renderIssueType, renderUser, uuidFor } from '../render-issue';
import type { EmulatorState } from '../state';

interface PermissionInfo {
  id: string;
  name: string;
  description: string;
  type: 'PROJECT' | 'GLOBAL';
}

const PERMISSIONS: Readonly<Record<string, PermissionInfo>> = {
  BROWSE_PROJECTS: { id: '10', name: 'Browse Projects', description: 'Ability to browse projects and the issues within them.', type: 'PROJECT' },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', description: 'Ability to create issues.', type: 'PROJECT' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', description: 'Ability to edit issues.', type: 'PROJECT' },
  LINK_ISSUES: { id: '21', name: 'Link Issues', description: 'Ability to link issues together and create linked issues.', type: 'PROJECT' },
  SCHEDULE_ISSUES: { id: '28', name: 'Schedule Issues', description: 'Ability to set and edit due dates and to rank issues.', type: 'PROJECT' },
  ADMINISTER_PROJECTS: { id: '23', name: 'Administer Projects', description: 'Ability to administer a project in Jira.', type: 'PROJECT' },
  ADMINISTER: { id: '0', name: 'Administer Jira', description: 'Create and administer projects, issue types, fields, workflows, and schemes for all projects.', type: 'GLOBAL' },
};

export const APP_ACCOUNT_ID = 'emulator-app-throughline';

function isProjectPermission(key: string): key is (typeof PROJECT_PERMISSIONS)[number] {
  return (PROJECT_PERMISSIONS as readonly string[]).includes(key);
}

function projectByIdOrKey(state: EmulatorState, idOrKey: string): DatasetProject | undefined {
  return state.projectsById.get(idOrKey) ?? state.projectsByKey.get(idOrKey.toUpperCase());
}

function myself(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  if (request.caller.kind === 'app') {
    return {
      status: 200,
      body: {
        self: `${state.baseUrl}/rest/api/3/user?accountId=${APP_ACCOUNT_ID}`,
        accountId: APP_ACCOUNT_ID,
        accountType: 'app',
        avatarUrls: avatarUrls(`https://avatar.example/${APP_ACCOUNT_ID}`),
        displayName: 'Throughline',
        active: true,
        timeZone: 'UTC',
        locale: 'en_US',
      },
    };
  }
  const user = renderUser(state, request.caller.accountId);
  return { status: 200, body: { ...user, locale: state.users.get(request.caller.accountId)?.locale ?? 'en_US' } };
}

function has(state: EmulatorState, caller: Caller, permission: string, project: DatasetProject | undefined): boolean {
  if (caller.kind === 'app') return permission !== 'ADMINISTER';
  if (!isProjectPermission(permission)) return false;
  if (project !== undefined) return state.hasPermission(caller, project.id, permission);
  return [...state.projectsById.values()].some((p) => state.hasPermission(caller, p.id, permission));
}

function myPermissions(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const { query, caller } = request;
  const wanted = (query.get('permissions') ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (wanted.length === 0) return jiraError(400, ['The permissions query parameter is required.']);
  const unknown = wanted.filter((key) => PERMISSIONS[key] === undefined);
  if (unknown.length > 0) return jiraError(400, [`The following permission keys are invalid: ${unknown.join(', ')}.`]);
  let project: DatasetProject | undefined;
  const projectRef = query.get('projectKey') ?? query.get('projectId');
  const issueRef = query.get('issueKey') ?? query.get('issueId');
  if (issueRef !== null) {
    const issue = state.visibleIssue(caller, issueRef);
    if (issue === undefined) return jiraError(404, [ISSUE_NOT_FOUND]);
    project = state.projectsById.get(issue.projectId);
  } else if (projectRef !== null) {
    project = projectByIdOrKey(state, projectRef);
    if (project === undefined || !has(state, caller, 'BROWSE_PROJECTS', project)) return jiraError(404, [`No project could be found with key '${projectRef}'.`]);
  }
  const permissions: Record<string, unknown> = {};
  for (const key of wanted) {
    const info = PERMISSIONS[key];
    if (info === undefined) continue;
    permissions[key] = { id: info.id, key, name: info.name, type: info.type, description: info.description, havePermission: has(state, caller, key, project) };
  }
  return { status: 200, body: { permissions } };
}

const checkBody = z.object({
  accountId: z.string().optional(),
  globalPermissions: z.array(z.string()).optional(),
  projectPermissions: z
    .array(z.object({ permissions: z.array(z.string()), projects: z.array(z.number().int()).optional(), issues: z.array(z.number().int()).optional() }))
    .optional(),
});

function checkPermissions(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const parsed = parseBody(checkBody, request.body);
  if (!parsed.ok) return parsed.response;
  const { accountId, globalPermissions = [], projectPermissions = [] } = parsed.value;
  let subject: Caller = request.caller;
  if (accountId !== undefined) {
    if (request.caller.kind === 'user' && request.caller.accountId !== accountId) {
      return jiraError(403, ["You don't have permission to check other users' permissions."]);
    }
    if (!state.users.has(accountId)) return jiraError(400, [], { accountId: `The user with account ID '${accountId}' does not exist.` });
    subject = { kind: 'user', accountId };
  }
  const unknown = [...globalPermissions, ...projectPermissions.flatMap((p) => p.permissions)].filter((key) => PERMISSIONS[key] === undefined);
  if (unknown.length > 0) return jiraError(400, [`The following permission keys are invalid: ${unknown.join(', ')}.`]);

  const grants = new Map<string, { projects: Set<number>; issues: Set<number> }>();
  for (const item of projectPermissions) {
    const projects = item.projects ?? [];
    const issues = item.issues ?? [];
    for (const permission of item.permissions) {
      let grant = grants.get(permission);
      if (grant === undefined) {
        grant = { projects: new Set(), issues: new Set() };
        grants.set(permission, grant);
      }
      const projectIds = projects.length === 0 && issues.length === 0 ? [...state.projectsById.keys()].map(Number) : projects;
      for (const projectId of projectIds) {
        const project = state.projectsById.get(String(projectId));
        if (project !== undefined && has(state, subject, permission, project)) grant.projects.add(projectId);
      }
      for (const issueId of issues) {
        const issue = state.issueById(String(issueId));
        if (issue !== undefined && state.canBrowse(subject, issue) && has(state, subject, permission, state.projectsById.get(issue.projectId))) {
          grant.issues.add(issueId);
        }
      }
    }
  }
  return {
    status: 200,
    body: {
      globalPermissions: globalPermissions.filter((key) => has(state, subject, key, undefined) && PERMISSIONS[key]?.type === 'GLOBAL'),
      projectPermissions: [...grants].map(([permission, grant]) => ({ permission, projects: [...grant.projects], issues: [...grant.issues] })),
    },
  };
}

function getProject(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const ref = request.params.projectIdOrKey ?? '';
  const project = projectByIdOrKey(state, ref);
  if (project === undefined || !has(state, request.caller, 'BROWSE_PROJECTS', project)) {
    return jiraError(404, [`No project could be found with key '${ref}'.`]);
  }
  const issueTypes = [...state.issueTypes.values()]
    .filter((type) => (project.style === 'classic' ? type.projectId === undefined : type.projectId === project.id))
    .map((type) => renderIssueType(state, type));
  const lead = project.leadAccountId === undefined ? undefined : renderUser(state, project.leadAccountId);
  return {
    status: 200,
    body: {
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      self: `${state.baseUrl}/rest/api/3/project/${project.id}`,
      id: project.id,
      key: project.key,
      description: project.description ?? '',
      ...(lead === undefined || lead === null ? {} : { lead }),
      components: [],
      issueTypes,
      assigneeType: 'UNASSIGNED',
      versions: [],
      name: project.name,
      roles: {},
      avatarUrls: avatarUrls(`${state.baseUrl}/rest/api/3/universal_avatar/view/type/project/avatar/${project.id}`),
      projectTypeKey: project.projectTypeKey,
      simplified: project.style === 'next-gen',
      style: project.style,
      isPrivate: false,
      properties: {},
      ...(project.style === 'next-gen' ? { uuid: uuidFor(project.id) } : {}),
    },
  };
}

/**
 * `GET /rest/api/3/project/search`: the projects the caller may browse (Jira's default action,
 * `view`, lists those too), matched on `query` in key or name, by key, paged.
 */
function searchProjects(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const query = (request.query.get('query') ?? '').trim().toLowerCase();
  const startAt = Math.max(0, Number(request.query.get('startAt') ?? '0') || 0);
  const maxResults = Math.min(100, Math.max(1, Number(request.query.get('maxResults') ?? '50') || 50));
  const visible = [...state.projectsById.values()]
    .filter((project) => has(state, request.caller, 'BROWSE_PROJECTS', project))
    .filter((project) => query === '' || project.key.toLowerCase().includes(query) || project.name.toLowerCase().includes(query))
    .sort((a, b) => a.key.localeCompare(b.key));
  const page = visible.slice(startAt, startAt + maxResults);
  return {
    status: 200,
    body: {
      self: `${state.baseUrl}/rest/api/3/project/search?startAt=${startAt}&maxResults=${maxResults}`,
      maxResults,
      startAt,
      total: visible.length,
      isLast: startAt + page.length >= visible.length,
      values: page.map((project) => ({
        expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
        self: `${state.baseUrl}/rest/api/3/project/${project.id}`,
        id: project.id,
        key: project.key,
        name: project.name,
        avatarUrls: avatarUrls(`${state.baseUrl}/rest/api/3/universal_avatar/view/type/project/avatar/${project.id}`),
        projectTypeKey: project.projectTypeKey,
        simplified: project.style === 'next-gen',
        style: project.style,
        isPrivate: false,
        properties: {},
      })),
    },
  };
}

/** The project's issue security scheme and its levels, for project admins (and the app). */
function projectSecurityScheme(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const ref = request.params.projectKeyOrId ?? '';
  const project = projectByIdOrKey(state, ref);
  if (project === undefined || !has(state, request.caller, 'BROWSE_PROJECTS', project)) return jiraError(404, [`No project could be found with key '${ref}'.`]);
  if (!has(state, request.caller, 'ADMINISTER_PROJECTS', project)) return jiraError(403, ['You do not have permission to administer this project.']);
  const scheme = project.issueSecuritySchemeId === undefined ? undefined : state.security.schemes.get(project.issueSecuritySchemeId);
  if (scheme === undefined) return jiraError(404, [`No issue security scheme is associated with project '${project.key}'.`]);
  return { status: 200, body: renderScheme(state.baseUrl, scheme) };
}

export const accessRoutes: Route[] = [
  { method: 'GET', template: '/rest/api/3/myself', handler: myself },
  { method: 'GET', template: '/rest/api/3/mypermissions', handler: myPermissions },
  { method: 'POST', template: '/rest/api/3/permissions/check', handler: checkPermissions },
  // Before the project by id or key, which would take "search" for a key.
  { method: 'GET', template: '/rest/api/3/project/search', handler: searchProjects },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}', handler: getProject },
  // Named as in the spec (`projectKeyOrId`): the trimmed spec is cut by route template.
  { method: 'GET', template: '/rest/api/3/project/{projectKeyOrId}/issuesecuritylevelscheme', handler: projectSecurityScheme },
];
