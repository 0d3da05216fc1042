/**
 * The Jira shell: a web server that plays Jira's front end for the app. It renders the places
 * Jira puts the app (the issue view with the app's issue context panel, the project's issues,
 * the app's project page and its project settings page, each in Jira's project navigation, with a
 * toolbar to switch user, colour mode and Jira's latency and faults), serves the built Custom UI
 * resources with the bridge injected and Forge's Content Security Policy, and answers the bridge:
 * `invoke` through the local Forge runtime, `requestJira` to the Jira emulator as the current
 * user, JIRA_ISSUE_CHANGED from the emulator's changes, and the frames' CSP reports.
 *
 * This file starts the server and routes each request through one table; what each route serves
 * is in `handlers/`, one module per kind of thing served (as the emulator's `handlers/`). Everything
 * runs on one port; the emulator itself listens on its own loopback port, which only the runtime
 * and the shell call.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ForgeRuntime } from '../forge-runtime';
import type { JiraEmulator } from '../jira-emulator';
import { readAppManifest } from './app-manifest';
import type { AppManifest } from './app-manifest';
import { clientScripts } from './client-scripts';
import type { ShellCall, ShellContext, ShellRoute } from './context';
import type { CspReport } from './csp';
import { cspReportRoutes, warnOncePerDirective } from './handlers/csp-reports';
import { dashboardRoutes } from './handlers/dashboard';
import { issueSearchRoutes } from './handlers/issue-search';
import { invokeRoutes } from './handlers/invoke';
import { issueEventRoutes, watchIssueChanges } from './handlers/issue-events';
import { issueFieldRoutes } from './handlers/issue-fields';
import { issueViewRoutes } from './handlers/issue-view';
import { projectPageRoutes } from './handlers/project-pages';
import { requestJiraRoutes } from './handlers/request-jira';
import { resourceRoutes } from './handlers/resources';
import { shellAssetRoutes } from './handlers/shell-assets';
import { toolbarRoutes } from './handlers/toolbar';
import { transitionRoutes } from './handlers/transitions';
import { HttpError, sendJson, sendText } from './http';

export { LATENCIES } from './toolbar-presets';

export const SHELL_HOST = '127.0.0.1';

/** Every route of the shell: Jira's pages, the app's resources, the shell's files, the bridge's APIs, the toolbar. */
const ROUTES: readonly ShellRoute[] = [
  ...projectPageRoutes,
  ...dashboardRoutes,
  ...issueSearchRoutes,
  ...issueViewRoutes,
  ...resourceRoutes,
  ...shellAssetRoutes,
  ...invokeRoutes,
  ...requestJiraRoutes,
  ...issueEventRoutes,
  ...issueFieldRoutes,
  ...cspReportRoutes,
  ...toolbarRoutes,
  ...transitionRoutes,
];

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

/** The first route for the request's method whose path is the request's, with the pattern's groups decoded. */
function routeFor(method: string, path: string): { route: ShellRoute; params: (string | undefined)[] } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    if (typeof route.path === 'string') {
      if (route.path === path) return { route, params: [] };
      continue;
    }
    const match = route.path.exec(path);
    if (match === null) continue;
    // An optional group that did not take part is undefined at run time, whatever the array's type says.
    const groups: readonly (string | undefined)[] = match.slice(1);
    return { route, params: groups.map((group) => (group === undefined ? undefined : decodeURIComponent(group))) };
  }
  return undefined;
}

async function dispatch(shell: ShellContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const method = request.method ?? 'GET';
  const url = new URL(request.url ?? '/', 'http://shell.invalid');
  const found = routeFor(method, url.pathname);
  if (found === undefined) throw new HttpError(404, `Nothing here: ${method} ${url.pathname}`);
  const call: ShellCall = { request, response, url, params: found.params };
  await found.route.handle(call, shell);
}

/** A refused or failed request in words: JSON for the bridge's APIs and JSON clients, text for pages. */
function answerFailure(request: IncomingMessage, response: ServerResponse, error: unknown): void {
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
}

export async function startJiraShell(options: JiraShellOptions): Promise<JiraShell> {
  const { runtime, emulator } = options;
  const state = emulator.state;
  const firstProject = state.projectsById.values().next().value;
  // Known once the server listens; requests only arrive after that.
  let listeningPort = 0;
  const shell: ShellContext = {
    runtime,
    emulator,
    state,
    manifest: readAppManifest(options.manifestPath),
    scripts: clientScripts(),
    shellCss: readFileSync(join(import.meta.dirname, 'shell.css'), 'utf8'),
    siteName: options.siteName ?? 'throughline-demo.atlassian.net',
    defaultUser: options.defaultUser ?? firstProject?.leadAccountId ?? state.users.keys().next().value ?? '',
    origin: () => `http://${SHELL_HOST}:${listeningPort}`,
    toolbar: { latency: '0', fault: 'none' },
    onCspViolation: options.onCspViolation ?? warnOncePerDirective(),
    issueEvents: watchIssueChanges(state),
  };

  const server = options.server ?? createServer();
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    dispatch(shell, request, response).catch((error: unknown) => {
      answerFailure(request, response, error);
    });
  });
  const port = server.listening ? (server.address() as AddressInfo).port : await listenOnLoopback(server, options.port ?? 0);
  listeningPort = port;

  return {
    url: `http://${SHELL_HOST}:${port}`,
    port,
    manifest: shell.manifest,
    close: async () => {
      shell.issueEvents.close();
      await new Promise<void>((resolveClose) => {
        server.close(() => {
          resolveClose();
        });
        server.closeAllConnections();
      });
    },
  };
}
