/**
 * What a user may do: `GET /rest/api/3/mypermissions` (the calling user, in one project or issue)
 * and `POST /rest/api/3/permissions/check` (any user, many projects and issues at once). Check
 * before acting `asApp()` on ids that came from the browser.
 */
import type { JiraClient } from './client';
import { JiraError } from './errors';
import { jiraPath, jiraQuery } from './paths';
import { bulkPermissionGrantsSchema, myPermissionsSchema } from './schemas';

export type PermissionScope =
  | { readonly issueKey: string }
  | { readonly issueId: string | number }
  | { readonly projectKey: string }
  | { readonly projectId: string | number }
  | Readonly<Record<string, never>>;

function invalid(message: string): JiraError {
  return new JiraError({ kind: 'bad-request', reason: 'invalid-input', message });
}

/** Which of `permissions` (e.g. ["BROWSE_PROJECTS", "EDIT_ISSUES"]) the calling user has here. */
export async function getMyPermissions(jira: JiraClient, permissions: readonly string[], scope: PermissionScope = {}): Promise<Record<string, boolean>> {
  const keys = [...new Set(permissions.map((p) => p.trim()))];
  if (keys.length === 0 || keys.some((key) => key === '')) throw invalid('Say which permissions to check.');
  const query = jiraQuery({ permissions: keys, ...scope });
  const result = await jira.json({
    operation: 'my-permissions',
    method: 'GET',
    path: jiraPath`/rest/api/3/mypermissions?${query}`,
    schema: myPermissionsSchema,
    subject: 'your permissions',
  });
  const answer: Record<string, boolean> = {};
  for (const key of keys) answer[key] = result.permissions[key]?.havePermission === true;
  return answer;
}

export interface ProjectPermissionQuery {
  readonly permissions: readonly string[];
  readonly projects?: readonly (string | number)[];
  readonly issues?: readonly (string | number)[];
}

export interface PermissionCheckRequestBody {
  accountId?: string;
  globalPermissions?: string[];
  projectPermissions?: { permissions: string[]; projects?: number[]; issues?: number[] }[];
}

export interface PermissionGrants {
  readonly globalPermissions: readonly string[];
  /** permission → the issue and project ids it is granted on. */
  readonly projectPermissions: Readonly<Record<string, { readonly issues: ReadonlySet<number>; readonly projects: ReadonlySet<number> }>>;
}

function numericIds(ids: readonly (string | number)[] | undefined, what: string): number[] | undefined {
  if (ids === undefined) return undefined;
  return [
    ...new Set(
      ids.map((id) => {
        const text = String(id).trim();
        if (!/^\d+$/.test(text)) throw invalid(`Permission checks take numeric ${what} ids; "${text}" is not one.`);
        return Number(text);
      }),
    ),
  ];
}

/** `POST /rest/api/3/permissions/check` for a user (accountId) or, without one, the caller. */
export async function checkPermissions(
  jira: JiraClient,
  request: { readonly accountId?: string; readonly globalPermissions?: readonly string[]; readonly projectPermissions?: readonly ProjectPermissionQuery[] },
): Promise<PermissionGrants> {
  const body: PermissionCheckRequestBody = {};
  if (request.accountId !== undefined) body.accountId = request.accountId;
  if (request.globalPermissions !== undefined) body.globalPermissions = [...new Set(request.globalPermissions)];
  if (request.projectPermissions !== undefined) {
    body.projectPermissions = request.projectPermissions.map((query) => {
      if (query.permissions.length === 0) throw invalid('Each project permission check needs at least one permission.');
      const entry: { permissions: string[]; projects?: number[]; issues?: number[] } = { permissions: [...new Set(query.permissions)] };
      const projects = numericIds(query.projects, 'project');
      const issues = numericIds(query.issues, 'issue');
      if (projects !== undefined) entry.projects = projects;
      if (issues !== undefined) entry.issues = issues;
      return entry;
    });
  }
  if (body.globalPermissions === undefined && body.projectPermissions === undefined) throw invalid('Say which permissions to check.');
  const result = await jira.json({
    operation: 'permissions-check',
    method: 'POST',
    path: jiraPath`/rest/api/3/permissions/check`,
    body,
    schema: bulkPermissionGrantsSchema,
    subject: 'the permission check',
  });
  const projectPermissions: Record<string, { issues: Set<number>; projects: Set<number> }> = {};
  for (const grant of result.projectPermissions) {
    const entry = (projectPermissions[grant.permission] ??= { issues: new Set(), projects: new Set() });
    for (const id of grant.issues) entry.issues.add(id);
    for (const id of grant.projects) entry.projects.add(id);
  }
  return { globalPermissions: result.globalPermissions, projectPermissions };
}

/** The subset of `issueIds` on which `permission` was granted. */
export function issuesGranted(grants: PermissionGrants, permission: string, issueIds: readonly (string | number)[]): string[] {
  const granted = grants.projectPermissions[permission]?.issues;
  if (granted === undefined) return [];
  return issueIds.map(String).filter((id) => granted.has(Number(id)));
}
