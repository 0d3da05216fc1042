/**
 * A project's pages: its issues (with the app's "Priority score" column, as the issue navigator
 * shows the field), the app's project page and the app's project settings page, each in Jira's
 * project navigation; and `/`, which opens the first project the user may browse.
 */
import { asUser, userOf } from '../context';
import type { ShellCall, ShellContext, ShellRoute } from '../context';
import { HttpError } from '../http';
import { chromeOf, frameSpecs, nameOf, pageData, projectRef, sendPage } from '../page-chrome';
import { placeholderContent, projectAppContent, projectIssuesContent } from '../pages';
import type { IssueRow, NavItem, ProjectRef } from '../pages';
import type { ShellPageData } from '../client/protocol';

/** The issue list stops here: enough to browse the demo, bounded for generated datasets. */
const MAX_ROWS = 500;

function home({ request, response }: ShellCall, shell: ShellContext): void {
  const { state } = shell;
  const accountId = userOf(shell, request);
  const projects = [...state.projectsById.values()];
  const home = projects.find((project) => state.hasPermission(asUser(accountId), project.id, 'BROWSE_PROJECTS')) ?? projects[0];
  response.writeHead(302, { location: home === undefined ? '/__shell/health' : `/projects/${home.key}` });
  response.end();
}

function projectPage({ request, response, params }: ShellCall, shell: ShellContext): void {
  const key = params[0] ?? '';
  const section = params[1];
  const nav: NavItem = section === undefined ? 'issues' : section.startsWith('/apps') ? 'app-page' : 'settings';
  const project = projectRef(shell, key);
  if (project === undefined) throw new HttpError(404, `There is no project ${key}.`);
  const data = pageData(shell, request);
  if (nav === 'app-page') {
    appPage(shell, { request, response, data, project, subPath: (section ?? '').slice('/apps/throughline'.length) });
    return;
  }
  if (nav === 'settings') {
    // What Jira puts in a project settings page's context: the project in view. The app re-checks it.
    const page = frameSpecs(shell, 'jira:projectSettingsPage', { project: { id: project.id, key: project.key, type: project.typeKey } })[0];
    const content = page === undefined
      ? placeholderContent(project, 'Project settings › Throughline', "The app's settings page (jira:projectSettingsPage: the scoring model, field mapping and readiness rules) is not in manifest.yml.")
      : projectAppContent(project, page.spec);
    sendPage(response, 200, chromeOf(shell, request, 'Project settings', project, nav, data), content);
    return;
  }
  sendPage(response, 200, chromeOf(shell, request, `${project.name} issues`, project, 'issues', data), projectIssuesContent(project, issueRows(shell, project, data)));
}

function appPage(shell: ShellContext, page: Pick<ShellCall, 'request' | 'response'> & { data: ShellPageData; project: ProjectRef; subPath: string }): void {
  const { request, response, data, project, subPath } = page;
  // What Jira puts in a project page's context: the project in view. The app re-checks it.
  const frame = frameSpecs(shell, 'jira:projectPage', { project: { id: project.id, key: project.key, type: project.typeKey } })[0];
  const content = frame === undefined
    ? placeholderContent(project, 'Throughline', "The app's project page (jira:projectPage: the vision map, the ranked backlog and sprint readiness) is not in manifest.yml.")
    : projectAppContent(project, { ...frame.spec, routeBase: `/projects/${encodeURIComponent(project.key)}/apps/throughline`, initialPath: subPath === '' ? '/' : subPath });
  sendPage(response, 200, chromeOf(shell, request, frame?.spec.title ?? 'Throughline', project, 'app-page', data), content);
}

/** The project's issues as the user sees them; undefined when they may not browse the project. */
function issueRows(shell: ShellContext, project: ProjectRef, data: ShellPageData): IssueRow[] | undefined {
  const { state } = shell;
  const who = asUser(data.user.accountId);
  if (!state.hasPermission(who, project.id, 'BROWSE_PROJECTS')) return undefined;
  const rows: IssueRow[] = [];
  // The app's own "Priority score" field, as JQL and the issue navigator would show it (in the user's locale).
  const scoreField = state.fields.find((field) => field.name === 'Priority score' && field.schema?.type === 'number')?.id;
  const scoreText = (value: unknown): string => (typeof value === 'number' ? new Intl.NumberFormat(data.user.locale, { maximumFractionDigits: 2 }).format(value) : '');
  for (const issue of state.allIssues()) {
    if (issue.projectId !== project.id) continue;
    const rendered = state.render(issue, { kind: 'navigable' }, [], who) as { fields?: Record<string, unknown> };
    const f = rendered.fields ?? {};
    const status = f.status as { name?: string; statusCategory?: { key?: string } } | undefined;
    rows.push({
      key: issue.key,
      summary: typeof f.summary === 'string' ? f.summary : '',
      type: nameOf(f.issuetype) ?? '',
      status: status?.name ?? '',
      statusCategory: status?.statusCategory?.key ?? 'new',
      priority: nameOf(f.priority) ?? '',
      ...(scoreField === undefined ? {} : { score: scoreText(f[scoreField]) }),
    });
    if (rows.length >= MAX_ROWS) break;
  }
  return rows;
}

export const projectPageRoutes: readonly ShellRoute[] = [
  { method: 'GET', path: '/', handle: home },
  { method: 'GET', path: /^\/projects\/([^/]+)(\/apps\/throughline(?:\/[a-z0-9-]{1,40})?|\/settings(?:\/apps\/throughline)?)?$/, handle: projectPage },
];
