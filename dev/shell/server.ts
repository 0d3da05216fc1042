/**
 * The Jira shell: a web server that plays Jira's front end for the app. It renders the places
 * Jira puts the app (the issue view's sidebar now; the project page and settings as "not built
 * yet"), serves the built Custom UI resources with the bridge injected before the app's scripts,
 * and answers the bridge: `invoke` through the local Forge runtime, `requestJira` to the Jira
 * emulator as the current user, JIRA_ISSUE_CHANGED from the emulator's changes.
 *
 * Everything runs on one port; the emulator itself listens on its own loopback port, which only
 * the runtime and the shell call.
 *
 * Over 400 lines because startJiraShell is still one closure; issue 12 turns it into a route table with handler modules (under way with the CSP work).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import type { ForgeRuntime } from '../forge-runtime';
import { IssueEditError } from '../jira-emulator';
import type { EmulatorChange, FaultConfig, JiraEmulator, StoredIssue } from '../jira-emulator';
import { readAppManifest } from './app-manifest';
import type { AppManifest, ShellModule } from './app-manifest';
import { descriptionHtml } from './adf-html';
import { clientScripts } from './client-scripts';
import { CSP_REPORT_PATH, customUiCsp, parseCspReport } from './csp';
import type { CspReport } from './csp';
import type { ColorMode, FrameSpec, ShellPageData } from './client/protocol';
import { html } from './html';
import type { Html } from './html';
import { appPanel, issueFieldsFragment, issueViewContent, noAccess, placeholderContent, projectAppContent, projectIssuesContent, renderPage, statusLozenge } from './pages';
import type { Chrome, DetailRow, EditChoice, IssueRow, NavItem, ProjectRef, UserChoice } from './pages';
import { DATA_THEME, THEME_FILES, isThemeFile, themeCss } from './theme-css';

export const SHELL_HOST = '127.0.0.1';
/** Bodies the shell accepts; larger invoke payloads still reach the runtime's own 500 KB check. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;
const USER_COOKIE = 'tl-shell-user';
const THEME_COOKIE = 'tl-shell-theme';
const STORY_POINTS_TYPE = 'com.pyxis.greenhopper.jira:jsw-story-points';

export const LATENCIES: readonly (readonly [string, string])[] = [
  ['0', 'None'],
  ['200', '200 ms'],
  ['1000', '1 s'],
  ['3000', '3 s'],
];

const FAULTS: Readonly<Record<string, { readonly label: string; readonly config: FaultConfig }>> = {
  none: { label: 'None', config: {} },
  'rate-limit': { label: '429 on every call (Retry-After 1 s)', config: { rateLimit: { rate: 1, retryAfterSeconds: 1, reason: 'jira-burst-based' } } },
  'rate-limit-some': { label: '429 on 1 in 3 calls', config: { rateLimit: { rate: 0.33, retryAfterSeconds: 1, reason: 'jira-burst-based' } } },
  'server-error': { label: '500 on every call', config: { serverErrors: { rate: 1, status: 500 } } },
  'unavailable-some': { label: '503 on 1 in 3 calls', config: { serverErrors: { rate: 0.33, status: 503, retryAfterSeconds: 1 } } },
  'slow-body': { label: 'Slow bodies (5 × 300 ms)', config: { slowBody: { chunks: 5, chunkDelayMs: 300 } } },
};

export interface JiraShellOptions {
  readonly runtime: ForgeRuntime;
  readonly emulator: JiraEmulator;
  /** The app's manifest: its UI modules and resources (default: the runtime's app, manifest.yml). */
  readonly manifestPath: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** A server already listening (npm start binds the port first, to fail fast when it is taken). */
  readonly server?: Server;
  /** Who the shell shows the page as until someone switches; default: the first project's lead. */
  readonly defaultUser?: string;
  readonly siteName?: string;
  /**
   * Each Content Security Policy violation an app frame reports (its `report-uri`). Default: a
   * warning on the console, once per page and directive, as `forge tunnel` prints them.
   */
  readonly onCspViolation?: (report: CspReport) => void;
}

export interface JiraShell {
  readonly url: string;
  readonly port: number;
  readonly manifest: AppManifest;
  close(): Promise<void>;
}

/** A port already taken, in words. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  constructor(readonly port: number) {
    super(`Port ${port} is already in use on ${SHELL_HOST}. Stop whatever uses it, or start on another port: npm start -- --port ${port === 8080 ? 8081 : 8080}`);
  }
}

/** Listens on the loopback address; a taken port becomes a PortInUseError. */
export function listenOnLoopback(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error);
    };
    server.once('error', onError);
    server.listen(port, SHELL_HOST, () => {
      server.off('error', onError);
      resolvePort((server.address() as AddressInfo).port);
    });
  });
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

function cookiesOf(request: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    try {
      cookies.set(part.slice(0, index).trim(), decodeURIComponent(part.slice(index + 1).trim()));
    } catch {
      // A cookie that does not decode is ignored.
    }
  }
  return cookies;
}

function cookie(name: string, value: string): string {
  return `${name}=${encodeURIComponent(value)}; Path=/; SameSite=Strict; HttpOnly; Max-Age=31536000`;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `The request body is over ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(request);
  let value: unknown;
  try {
    value = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The request body is not JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'The request body must be a JSON object.');
  return value as Record<string, unknown>;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  response.end(text);
}

function sendText(response: ServerResponse, status: number, type: string, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  response.end(text);
}

const SHELL_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

const INVOCATION_STATUS: Readonly<Record<string, number>> = {
  PAYLOAD_TOO_LARGE: 413,
  PAYLOAD_TOO_DEEP: 400,
  RESPONSE_TOO_LARGE: 502,
  FUNCTION_NOT_FOUND: 404,
  MODULE_NOT_FOUND: 404,
  HANDLER_NOT_FOUND: 500,
  FUNCTION_TIME_OUT: 504,
  FUNCTION_ERR: 500,
  RUNTIME_CLOSED: 503,
};

const FETCH_HEADERS_DROPPED = new Set(['cookie', 'authorization', 'host', 'content-length', 'connection']);

export async function startJiraShell(options: JiraShellOptions): Promise<JiraShell> {
  const { runtime, emulator } = options;
  const state = emulator.state;
  const manifest = readAppManifest(options.manifestPath);
  const scripts = clientScripts();
  const shellCss = readFileSync(join(import.meta.dirname, 'shell.css'), 'utf8');
  const siteName = options.siteName ?? 'throughline-demo.atlassian.net';
  const firstProject = state.projectsById.values().next().value;
  const defaultUser = options.defaultUser ?? firstProject?.leadAccountId ?? state.users.keys().next().value ?? '';
  let latency = '0';
  let fault = 'none';
  // Known once the server listens; requests only arrive after that.
  let listeningPort = 0;
  const origin = (): string => `http://${SHELL_HOST}:${listeningPort}`;
  const warned = new Set<string>();
  const onCspViolation =
    options.onCspViolation ??
    ((report: CspReport): void => {
      const key = `${report.documentUri}#${report.directive}`;
      if (warned.has(key)) return;
      warned.add(key);
      console.warn(`jira-shell: the app broke its Content Security Policy in ${report.documentUri}: ${report.directive} blocked ${report.blockedUri || 'inline content'}${report.sourceFile === undefined ? '' : ` (${report.sourceFile}:${String(report.lineNumber ?? '?')})`}. Forge blocks this too.`);
    });
  const streams = new Set<{ readonly response: ServerResponse; readonly issueId: string }>();

  // ---- who is looking ----
  const userOf = (request: IncomingMessage): string => {
    const chosen = cookiesOf(request).get(USER_COOKIE);
    return chosen !== undefined && state.users.get(chosen)?.active === true ? chosen : defaultUser;
  };
  const colorModeOf = (request: IncomingMessage): ColorMode => (cookiesOf(request).get(THEME_COOKIE) === 'dark' ? 'dark' : 'light');
  const caller = (accountId: string) => ({ kind: 'user', accountId }) as const;

  const roleIn = (accountId: string, project: ProjectRef | undefined): string => {
    if (project === undefined) return 'user';
    const who = caller(accountId);
    if (state.hasPermission(who, project.id, 'ADMINISTER_PROJECTS')) return 'project admin';
    if (state.hasPermission(who, project.id, 'EDIT_ISSUES')) return 'can edit';
    if (state.hasPermission(who, project.id, 'BROWSE_PROJECTS')) return 'can view';
    return 'no access';
  };

  const projectRef = (key: string): ProjectRef | undefined => {
    const project = state.projectsByKey.get(key);
    return project === undefined ? undefined : { id: project.id, key: project.key, name: project.name, typeKey: project.projectTypeKey };
  };

  const pageData = (request: IncomingMessage, issue?: { id: string; key: string }): ShellPageData => {
    const accountId = userOf(request);
    const user = state.users.get(accountId);
    return {
      user: { accountId, locale: 'en-US', timezone: user?.timeZone ?? 'UTC' },
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
  };

  const chromeOf = (request: IncomingMessage, title: string, project: ProjectRef | undefined, nav: NavItem | undefined, data: ShellPageData): Chrome => {
    const users: UserChoice[] = [...state.users.values()]
      .filter((user) => user.active && user.accountType === 'atlassian')
      .map((user) => ({ accountId: user.accountId, displayName: user.displayName, role: roleIn(user.accountId, project ?? (firstProject === undefined ? undefined : projectRef(firstProject.key))) }));
    return {
      title,
      siteName,
      path: new URL(request.url ?? '/', 'http://shell.invalid').pathname,
      users,
      currentUser: data.user.accountId,
      latency,
      fault,
      latencies: LATENCIES,
      faults: Object.entries(FAULTS).map(([value, { label }]) => [value, label] as const),
      project,
      nav,
      data,
    };
  };

  const sendPage = (response: ServerResponse, status: number, chrome: Chrome, content: Html): void => {
    sendText(response, status, 'text/html; charset=utf-8', renderPage(chrome, content), { 'content-security-policy': SHELL_CSP });
  };

  // ---- the app's frames ----
  const frameSpecs = (type: ShellModule['type'], extension: Record<string, unknown>): { spec: FrameSpec; label: string | undefined }[] =>
    manifest.modules
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

  // ---- the issue view ----
  const fieldName = (id: string): string => state.fieldsById.get(id)?.name ?? id;
  const nameOf = (value: unknown): string | undefined => {
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as Record<string, unknown>;
    for (const key of ['displayName', 'name', 'value']) if (typeof record[key] === 'string') return record[key];
    return undefined;
  };

  const issueFields = (issue: StoredIssue, accountId: string): Html => {
    const fields = state.render(issue, { kind: 'navigable' }, [], caller(accountId)) as { fields?: Record<string, unknown> };
    const f = fields.fields ?? {};
    const status = f.status as { name?: string; statusCategory?: { key?: string } } | undefined;
    const storyPoints = state.fields.find((field) => field.schema?.custom === STORY_POINTS_TYPE);
    const parent = f.parent as { key?: string; fields?: { summary?: string } } | undefined;
    const sprints = Array.isArray(state.sprintFieldId === undefined ? undefined : f[state.sprintFieldId]) ? (f[state.sprintFieldId ?? ''] as unknown[]) : [];
    const rows: DetailRow[] = [
      { label: 'Assignee', value: nameOf(f.assignee) ?? 'Unassigned' },
      { label: 'Reporter', value: nameOf(f.reporter) ?? 'None' },
      { label: 'Priority', value: nameOf(f.priority) ?? 'None' },
      ...(storyPoints === undefined ? [] : [{ label: storyPoints.name, value: typeof f[storyPoints.id] === 'number' ? String(f[storyPoints.id]) : 'None' }]),
      { label: 'Due date', value: typeof f.duedate === 'string' ? f.duedate : 'None' },
      { label: 'Labels', value: Array.isArray(f.labels) && f.labels.length > 0 ? (f.labels as string[]).join(', ') : 'None' },
      { label: 'Parent', value: parent?.key === undefined ? 'None' : html`<a href="/browse/${parent.key}">${parent.key}</a> ${parent.fields?.summary ?? ''}` },
      { label: 'Sprint', value: sprints.map(nameOf).filter((name) => name !== undefined).join(', ') || 'None' },
    ];
    const canEdit = state.hasPermission(caller(accountId), issue.projectId, 'EDIT_ISSUES');
    const priority = f.priority as { id?: string } | undefined;
    const edit: EditChoice | undefined = canEdit
      ? {
          storyPoints: storyPoints === undefined ? undefined : { fieldId: storyPoints.id, name: storyPoints.name, value: typeof f[storyPoints.id] === 'number' ? String(f[storyPoints.id]) : '' },
          priorities: state.priorities.map((p) => [p.id, p.name] as const),
          priorityId: priority?.id ?? '',
          dueDate: typeof f.duedate === 'string' ? f.duedate : '',
        }
      : undefined;
    return issueFieldsFragment(statusLozenge(status?.name ?? 'Unknown', status?.statusCategory?.key ?? 'new'), rows, edit);
  };

  const issueView = (request: IncomingMessage, response: ServerResponse, key: string, fragment: boolean): void => {
    const accountId = userOf(request);
    const issue = state.findIssue(key);
    const project = issue === undefined ? undefined : state.projectsById.get(issue.projectId);
    if (issue === undefined || project === undefined) {
      const data = pageData(request);
      sendPage(response, 404, chromeOf(request, 'Issue not found', undefined, undefined, data), noAccess("You can't view this issue", "It may have been deleted or you don't have permission to view it."));
      return;
    }
    const visible = state.canBrowse(caller(accountId), issue);
    if (fragment) {
      if (!visible) throw new HttpError(404, "You can't view this issue.");
      sendText(response, 200, 'text/html; charset=utf-8', issueFields(issue, accountId).text);
      return;
    }
    const ref = projectRef(project.key) as ProjectRef;
    const type = state.issueTypes.get(issue.issueTypeId);
    // What Jira puts in the context of an issue view module: the issue and project in view.
    const extension = {
      issue: { id: issue.id, key: issue.key, type: type?.name ?? 'Issue', typeId: issue.issueTypeId },
      project: { id: project.id, key: project.key, type: project.projectTypeKey },
    };
    const apps = frameSpecs('jira:issueContext', extension).map(({ spec, label }) => appPanel(spec, label));
    const rendered = visible ? (state.render(issue, { kind: 'navigable' }, [], caller(accountId)) as { fields?: Record<string, unknown> }) : undefined;
    const summary = visible ? (typeof rendered?.fields?.summary === 'string' ? rendered.fields.summary : issue.key) : undefined;
    const data = pageData(request, { id: issue.id, key: issue.key });
    sendPage(
      response,
      200,
      chromeOf(request, visible ? `[${issue.key}] ${summary ?? ''}` : issue.key, ref, 'issues', data),
      issueViewContent({
        project: ref,
        issueKey: issue.key,
        summary,
        description: descriptionHtml(rendered?.fields?.description),
        fields: visible ? issueFields(issue, accountId) : undefined,
        apps,
      }),
    );
  };

  const projectPage = (request: IncomingMessage, response: ServerResponse, key: string, nav: NavItem, subPath = ''): void => {
    const project = projectRef(key);
    if (project === undefined) throw new HttpError(404, `There is no project ${key}.`);
    const data = pageData(request);
    const who = caller(data.user.accountId);
    if (nav === 'app-page') {
      // What Jira puts in a project page's context: the project in view. The app re-checks it.
      const page = frameSpecs('jira:projectPage', { project: { id: project.id, key: project.key, type: project.typeKey } })[0];
      const content = page === undefined
        ? placeholderContent(project, 'Throughline', "The app's project page (jira:projectPage: the vision map, the ranked backlog and sprint readiness) is not in manifest.yml.")
        : projectAppContent(project, { ...page.spec, routeBase: `/projects/${encodeURIComponent(project.key)}/apps/throughline`, initialPath: subPath === '' ? '/' : subPath });
      sendPage(response, 200, chromeOf(request, page?.spec.title ?? 'Throughline', project, nav, data), content);
      return;
    }
    if (nav === 'settings') {
      // What Jira puts in a project settings page's context: the project in view. The app re-checks it.
      const page = frameSpecs('jira:projectSettingsPage', { project: { id: project.id, key: project.key, type: project.typeKey } })[0];
      const content = page === undefined
        ? placeholderContent(project, 'Project settings › Throughline', "The app's settings page (jira:projectSettingsPage: the scoring model, field mapping and readiness rules) is not in manifest.yml.")
        : projectAppContent(project, page.spec);
      sendPage(response, 200, chromeOf(request, 'Project settings', project, nav, data), content);
      return;
    }
    let rows: IssueRow[] | undefined;
    if (state.hasPermission(who, project.id, 'BROWSE_PROJECTS')) {
      rows = [];
      // The app's own "Priority score" field, as JQL and the issue navigator would show it.
      const scoreField = state.fields.find((field) => field.name === 'Priority score' && field.schema?.type === 'number')?.id;
      const scoreText = (value: unknown): string => (typeof value === 'number' ? new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(value) : '');
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
        if (rows.length >= 500) break;
      }
    }
    sendPage(response, 200, chromeOf(request, `${project.name} issues`, project, 'issues', data), projectIssuesContent(project, rows));
  };

  // ---- resources: the built Custom UI, with the bridge before the app's scripts ----
  const serveResource = (response: ServerResponse, resourceKey: string, rest: string): void => {
    const root = manifest.resources.get(resourceKey);
    if (root === undefined) throw new HttpError(404, `manifest.yml has no resource "${resourceKey}".`);
    const relative = rest === '' || rest.endsWith('/') ? `${rest}index.html` : rest;
    const file = resolve(root, relative);
    if (file !== root && !file.startsWith(root + sep)) throw new HttpError(404, 'No such file.');
    if (!existsSync(file) || !statSync(file).isFile()) {
      if (!existsSync(join(root, 'index.html'))) throw new HttpError(404, `The resource "${resourceKey}" is not built: run npm run build (it looks for ${root}).`);
      throw new HttpError(404, `The resource "${resourceKey}" has no file ${relative}.`);
    }
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    // The frame's origin is opaque (sandboxed): its module scripts are CORS requests from "null".
    const headers = { 'access-control-allow-origin': '*' };
    if (extname(file) === '.html') {
      const page = readFileSync(file, 'utf8');
      const bridge = '<script src="/__shell/assets/bridge-client.js"></script>';
      const injected = /<head[^>]*>/i.test(page) ? page.replace(/<head[^>]*>/i, (head) => `${head}\n${bridge}`) : `${bridge}\n${page}`;
      // Forge's own policy for this page (dev/shell/csp.ts): computed from the page as served, as
      // Forge hashes the inline scripts of the HTML it serves.
      sendText(response, 200, type, injected, { ...headers, 'content-security-policy': customUiCsp({ html: injected, permissions: manifest.permissions, hostname: origin() }) });
      return;
    }
    const body = readFileSync(file);
    response.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-cache', ...headers });
    response.end(body);
  };

  // ---- the bridge's server side ----
  const invoke = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readJson(request);
    const { moduleKey, functionKey, payload, extension } = body;
    if (typeof moduleKey !== 'string' || typeof functionKey !== 'string') throw new HttpError(400, 'invoke needs a moduleKey and a functionKey.');
    if (extension !== undefined && (typeof extension !== 'object' || extension === null || Array.isArray(extension))) throw new HttpError(400, 'extension must be an object.');
    const accountId = userOf(request);
    const user = state.users.get(accountId);
    const result = await runtime.invokeResolver(moduleKey, functionKey, payload, { accountId, locale: 'en-US', timezone: user?.timeZone ?? 'UTC' }, (extension ?? {}) as Record<string, unknown>);
    if (result.success) sendJson(response, 200, { ok: true, body: result.body });
    else sendJson(response, INVOCATION_STATUS[result.error.code] ?? 500, { ok: false, error: result.error });
  };

  const fetchProduct = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readJson(request);
    if (body.product !== 'jira') throw new HttpError(404, `The shell emulates Jira only, not ${String(body.product)}.`);
    const restPath = body.restPath;
    if (typeof restPath !== 'string' || !restPath.startsWith('/') || restPath.startsWith('//')) throw new HttpError(400, 'requestJira needs a path that starts with /.');
    const target = new URL(restPath, emulator.url);
    if (target.origin !== new URL(emulator.url).origin) throw new HttpError(400, 'requestJira reaches Jira only.');
    const init = (body.fetchRequestInit ?? {}) as { method?: unknown; headers?: unknown; body?: unknown };
    const headers = new Headers();
    if (Array.isArray(init.headers)) {
      for (const pair of init.headers as unknown[]) {
        if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') continue;
        const name = pair[0].toLowerCase();
        // The app cannot choose who it is: identity is the shell's to set, as Jira's session is.
        if (name.startsWith('x-emulator-') || FETCH_HEADERS_DROPPED.has(name)) continue;
        headers.set(name, pair[1]);
      }
    }
    headers.set('x-emulator-account-id', userOf(request));
    const method = typeof init.method === 'string' ? init.method.toUpperCase() : 'GET';
    const answer = await fetch(target, { method, headers, ...(typeof init.body === 'string' && method !== 'GET' && method !== 'HEAD' ? { body: init.body } : {}) });
    const text = await answer.text();
    sendJson(response, 200, { ok: true, response: { status: answer.status, statusText: answer.statusText, headers: Object.fromEntries(answer.headers.entries()), body: text } });
  };

  const editFields = async (request: IncomingMessage, response: ServerResponse, key: string): Promise<void> => {
    const accountId = userOf(request);
    const issue = state.visibleIssue(caller(accountId), key);
    if (issue === undefined) throw new HttpError(404, "You can't view this issue.");
    if (!state.hasPermission(caller(accountId), issue.projectId, 'EDIT_ISSUES')) throw new HttpError(403, "You don't have permission to edit this issue.");
    const body = await readJson(request);
    const fields: Record<string, unknown> = {};
    for (const [fieldId, raw] of Object.entries(body)) {
      const value = typeof raw === 'string' ? raw.trim() : raw;
      if (fieldId === 'priority') fields.priority = typeof value === 'string' && value !== '' ? { id: value } : null;
      else if (fieldId === 'duedate') fields.duedate = value === '' ? null : value;
      else if (state.fieldsById.get(fieldId)?.schema?.type === 'number') {
        const number = value === '' || value === null ? null : Number(value);
        if (number !== null && !Number.isFinite(number)) throw new HttpError(400, `${fieldName(fieldId)} must be a number.`);
        fields[fieldId] = number;
      } else throw new HttpError(400, `The shell does not edit ${fieldName(fieldId)}.`);
    }
    try {
      const items = state.updateIssue(issue.key, fields, accountId);
      sendJson(response, 200, { ok: true, changed: items.map((item) => item.field) });
    } catch (error: unknown) {
      if (error instanceof IssueEditError) throw new HttpError(400, error.message);
      throw error;
    }
  };

  const setSession = async (request: IncomingMessage, response: ServerResponse, form: boolean): Promise<void> => {
    const values: Record<string, unknown> = form ? Object.fromEntries(new URLSearchParams(await readBody(request))) : await readJson(request);
    const cookies: string[] = [];
    if (typeof values.user === 'string') {
      if (state.users.get(values.user)?.active !== true) throw new HttpError(400, 'No such user in the dataset.');
      cookies.push(cookie(USER_COOKIE, values.user));
    }
    if (values.theme === 'light' || values.theme === 'dark') cookies.push(cookie(THEME_COOKIE, values.theme));
    if (form) {
      const back = typeof values.return === 'string' && values.return.startsWith('/') && !values.return.startsWith('//') ? values.return : '/';
      response.writeHead(303, { location: back, 'set-cookie': cookies });
      response.end();
      return;
    }
    response.writeHead(204, { 'set-cookie': cookies });
    response.end();
  };

  const setEmulator = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readJson(request);
    const nextLatency = typeof body.latency === 'string' ? body.latency : latency;
    const nextFault = typeof body.fault === 'string' ? body.fault : fault;
    const preset = FAULTS[nextFault];
    if (!LATENCIES.some(([value]) => value === nextLatency) || preset === undefined) throw new HttpError(400, 'Unknown latency or fault preset.');
    latency = nextLatency;
    fault = nextFault;
    emulator.setLatency(Number(latency));
    emulator.setFaults(preset.config);
    const latencyLabel = LATENCIES.find(([value]) => value === latency)?.[1] ?? latency;
    sendJson(response, 200, { ok: true, description: `latency ${latencyLabel}, faults: ${preset.label}` });
  };

  const openStream = (request: IncomingMessage, response: ServerResponse, issueId: string): void => {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write(': connected\n\n');
    const stream = { response, issueId };
    streams.add(stream);
    request.on('close', () => streams.delete(stream));
  };

  // JIRA_ISSUE_CHANGED, as Jira sends it to issue view modules: {issueId, projectId, changes}.
  const detach = state.onChange((change: EmulatorChange) => {
    if (change.eventType !== 'avi:jira:updated:issue') return;
    const issue = state.issueById(change.issue.id);
    const payload = { issueId: change.issue.id, projectId: issue?.projectId, changes: [{ changeType: 'updated', ...(change.atlassianId === undefined ? {} : { atlassianId: change.atlassianId }) }] };
    for (const stream of streams) {
      if (stream.issueId === change.issue.id) stream.response.write(`event: issue-changed\ndata: ${JSON.stringify(payload)}\n\n`);
    }
  });
  const keepAlive = setInterval(() => {
    for (const stream of streams) stream.response.write(': keep-alive\n\n');
  }, 20_000);
  keepAlive.unref();

  // ---- routing ----
  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://shell.invalid');
    const path = url.pathname;
    let match: RegExpExecArray | null;

    if (method === 'GET' && path === '/') {
      const accountId = userOf(request);
      const projects = [...state.projectsById.values()];
      const home = projects.find((project) => state.hasPermission(caller(accountId), project.id, 'BROWSE_PROJECTS')) ?? projects[0];
      response.writeHead(302, { location: home === undefined ? '/__shell/health' : `/projects/${home.key}` });
      response.end();
      return;
    }
    if (method === 'GET' && (match = /^\/browse\/([^/]+)$/.exec(path)) !== null) { issueView(request, response, decodeURIComponent(match[1] ?? ''), url.searchParams.get('fragment') === 'fields'); return; }
    if (method === 'GET' && (match = /^\/projects\/([^/]+)(\/apps\/throughline(?:\/[a-z0-9-]{1,40})?|\/settings(?:\/apps\/throughline)?)?$/.exec(path)) !== null) {
      const nav: NavItem = match[2] === undefined ? 'issues' : match[2].startsWith('/apps') ? 'app-page' : 'settings';
      projectPage(request, response, decodeURIComponent(match[1] ?? ''), nav, nav === 'app-page' ? (match[2] ?? '').slice('/apps/throughline'.length) : '');
      return;
    }
    if (method === 'GET' && (match = /^\/__shell\/resources\/([^/]+)\/(.*)$/.exec(path)) !== null) { serveResource(response, decodeURIComponent(match[1] ?? ''), decodeURIComponent(match[2] ?? '')); return; }
    if (method === 'GET' && (match = /^\/__shell\/tokens\/([a-z]+)\.css$/.exec(path)) !== null) {
      const theme = match[1] ?? '';
      if (!isThemeFile(theme)) throw new HttpError(404, 'No such theme.');
      sendText(response, 200, 'text/css; charset=utf-8', themeCss(theme), { 'access-control-allow-origin': '*', 'cache-control': 'max-age=3600' });
      return;
    }
    if (method === 'GET' && path === '/__shell/assets/bridge-client.js') { sendText(response, 200, 'text/javascript; charset=utf-8', scripts.bridgeClient, { 'access-control-allow-origin': '*' }); return; }
    if (method === 'GET' && path === '/__shell/assets/shell-host.js') { sendText(response, 200, 'text/javascript; charset=utf-8', scripts.shellHost); return; }
    if (method === 'GET' && path === '/__shell/assets/shell.css') { sendText(response, 200, 'text/css; charset=utf-8', shellCss); return; }
    if (method === 'GET' && path === '/__shell/health') { sendJson(response, 200, { ok: true, issues: state.issueCount }); return; }
    if (method === 'GET' && path === '/__shell/api/events') { openStream(request, response, url.searchParams.get('issueId') ?? ''); return; }
    if (method === 'POST' && path === '/__shell/api/invoke') return invoke(request, response);
    if (method === 'POST' && path === CSP_REPORT_PATH) {
      const report = parseCspReport(await readBody(request));
      if (report !== undefined) onCspViolation(report);
      response.writeHead(204);
      response.end();
      return;
    }
    if (method === 'POST' && path === '/__shell/api/fetch-product') return fetchProduct(request, response);
    if (method === 'POST' && path === '/__shell/api/session') return setSession(request, response, false);
    if (method === 'POST' && path === '/__shell/session') return setSession(request, response, true);
    if (method === 'POST' && path === '/__shell/api/emulator') return setEmulator(request, response);
    if (method === 'POST' && (match = /^\/__shell\/api\/issue\/([^/]+)\/fields$/.exec(path)) !== null) return editFields(request, response, decodeURIComponent(match[1] ?? ''));
    if (method === 'GET' && path === '/favicon.ico') {
      response.writeHead(204);
      response.end();
      return;
    }
    throw new HttpError(404, `Nothing here: ${method} ${path}`);
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    route(request, response).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) console.error('jira-shell: request failed', error);
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const message = error instanceof HttpError ? error.message : 'The shell failed on this request; see its console.';
      const wantsJson = (request.url ?? '').startsWith('/__shell/api/') || (request.headers.accept ?? '').includes('application/json');
      if (wantsJson) sendJson(response, status, { ok: false, error: { code: `HTTP_${status}`, message } });
      else sendText(response, status, 'text/plain; charset=utf-8', message);
    });
  };

  const server = options.server ?? createServer();
  server.removeAllListeners('request');
  server.on('request', handle);
  const port = server.listening ? (server.address() as AddressInfo).port : await listenOnLoopback(server, options.port ?? 0);
  listeningPort = port;

  return {
    url: `http://${SHELL_HOST}:${port}`,
    port,
    manifest,
    close: async () => {
      detach();
      clearInterval(keepAlive);
      for (const stream of streams) stream.response.end();
      streams.clear();
      await new Promise<void>((resolveClose) => {
        server.close(() => {
          resolveClose();
        });
        server.closeAllConnections();
      });
    },
  };
}
