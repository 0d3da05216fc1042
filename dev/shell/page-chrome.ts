/**
 * What every page of the shell has around its content: the toolbar (users with their role in the
 * project, theme, Jira's latency and faults, the local day and "Next day"), the data the host script and the bridge read, the
 * shell's own Content Security Policy, and the app's frames for a module type.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { localClock } from '../forge-runtime';
import type { ShellModule } from './app-manifest';
import type { FrameSpec, ShellPageData } from './client/protocol';
import { asUser, colorModeOf, contextUserOf } from './context';
import type { ShellContext } from './context';
import type { Html } from './html';
import { sendText } from './http';
import { renderPage } from './pages';
import type { Chrome, NavItem, ProjectRef, UserChoice } from './pages';
import { DATA_THEME, THEME_FILES } from './theme-css';
import { FAULTS, LATENCIES } from './toolbar-presets';

/** The shell's pages (not the app's frames, which get Forge's policy): its own scripts and styles only. */
const SHELL_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

export function projectRef(shell: ShellContext, key: string): ProjectRef | undefined {
  const project = shell.state.projectsByKey.get(key);
  return project === undefined ? undefined : { id: project.id, key: project.key, name: project.name, typeKey: project.projectTypeKey };
}

/** The user's role in the project, as the toolbar's user menu shows it. */
function roleIn(shell: ShellContext, accountId: string, project: ProjectRef | undefined): string {
  if (project === undefined) return 'user';
  const who = asUser(accountId);
  if (shell.state.hasPermission(who, project.id, 'ADMINISTER_PROJECTS')) return 'project admin';
  if (shell.state.hasPermission(who, project.id, 'EDIT_ISSUES')) return 'can edit';
  if (shell.state.hasPermission(who, project.id, 'BROWSE_PROJECTS')) return 'can view';
  return 'no access';
}

/** A reference's name as Jira renders users, priorities and options: displayName, name or value. */
export function nameOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  for (const key of ['displayName', 'name', 'value']) if (typeof record[key] === 'string') return record[key];
  return undefined;
}

export function pageData(shell: ShellContext, request: IncomingMessage, issue?: { id: string; key: string }): ShellPageData {
  const { runtime } = shell;
  return {
    user: contextUserOf(shell, request),
    site: {
      cloudId: runtime.site.cloudId,
      siteUrl: runtime.site.siteUrl,
      environmentId: runtime.site.environmentId,
      environmentType: runtime.site.environmentType,
      appId: runtime.manifest.appId,
    },
    scopes: runtime.manifest.scopes,
    theme: { colorMode: colorModeOf(request), dataTheme: DATA_THEME, cssUrls: THEME_FILES.map((theme) => `/__shell/tokens/${theme}.css`) },
    ...(issue === undefined ? {} : { issue }),
  };
}

export function chromeOf(shell: ShellContext, request: IncomingMessage, title: string, project: ProjectRef | undefined, nav: NavItem | undefined, data: ShellPageData): Chrome {
  const { state } = shell;
  const firstProject = state.projectsById.values().next().value;
  // Off a project's pages the menu shows each user's role in the first project.
  const roleProject = project ?? (firstProject === undefined ? undefined : projectRef(shell, firstProject.key));
  const users: UserChoice[] = [...state.users.values()]
    .filter((user) => user.active && user.accountType === 'atlassian')
    .map((user) => ({ accountId: user.accountId, displayName: user.displayName, role: roleIn(shell, user.accountId, roleProject) }));
  return {
    title,
    siteName: shell.siteName,
    path: new URL(request.url ?? '/', 'http://shell.invalid').pathname,
    users,
    currentUser: data.user.accountId,
    latency: shell.toolbar.latency,
    fault: shell.toolbar.fault,
    latencies: LATENCIES,
    faults: Object.entries(FAULTS).map(([value, { label }]) => [value, label] as const),
    today: localClock.now().toISOString().slice(0, 10),
    project,
    nav,
    data,
  };
}

export function sendPage(response: ServerResponse, status: number, chrome: Chrome, content: Html): void {
  sendText(response, status, 'text/html; charset=utf-8', renderPage(chrome, content), { 'content-security-policy': SHELL_CSP });
}

/** The app's frames for every module of `type`, each with the context Jira gives that module. */
export function frameSpecs(shell: ShellContext, type: ShellModule['type'], extension: Record<string, unknown>): { spec: FrameSpec; label: string | undefined }[] {
  return shell.manifest.modules
    .filter((module) => module.type === type)
    .map((module) => ({
      spec: {
        frameId: `frame-${module.key}-${randomBytes(4).toString('hex')}`,
        moduleKey: module.key,
        moduleType: module.type,
        title: module.title,
        resourceUrl: `/__shell/resources/${encodeURIComponent(module.resourceKey)}/`,
        extension,
      },
      label: module.label,
    }));
}
