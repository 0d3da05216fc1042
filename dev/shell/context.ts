/**
 * What every handler of the shell works with: the shell's context (the runtime, the emulator, the
 * app's manifest, the toolbar's settings) and the shape of a route, and who is looking at a page
 * (the user and colour mode the toolbar chose, kept in cookies as Jira keeps its session).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ForgeRuntime } from '../forge-runtime';
import type { EmulatorState, JiraEmulator } from '../jira-emulator';
import type { AppManifest } from './app-manifest';
import type { ClientScripts } from './client-scripts';
import type { ColorMode } from './client/protocol';
import type { CspReport } from './csp';
import { cookiesOf } from './http';

export const USER_COOKIE = 'tl-shell-user';
export const THEME_COOKIE = 'tl-shell-theme';

/** The issue views listening for JIRA_ISSUE_CHANGED (handlers/issue-events.ts). */
export interface IssueEventStreams {
  open(request: IncomingMessage, response: ServerResponse, issueId: string): void;
  close(): void;
}

export interface ShellContext {
  readonly runtime: ForgeRuntime;
  readonly emulator: JiraEmulator;
  readonly state: EmulatorState;
  readonly manifest: AppManifest;
  readonly scripts: ClientScripts;
  readonly shellCss: string;
  readonly siteName: string;
  /** Who a page shows until someone switches: the first project's lead unless told otherwise. */
  readonly defaultUser: string;
  /** The shell's own origin, known once it listens: Forge's CSP for a page names it. */
  origin(): string;
  /** What the toolbar last set, as preset names (toolbar-presets.ts). */
  readonly toolbar: { latency: string; fault: string };
  readonly onCspViolation: (report: CspReport) => void;
  readonly issueEvents: IssueEventStreams;
}

/** One request as a handler sees it: `params` are the route pattern's groups, URI-decoded. */
export interface ShellCall {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly url: URL;
  readonly params: readonly (string | undefined)[];
}

/** One entry of the shell's route table: a method, and an exact path or a pattern over it. */
export interface ShellRoute {
  readonly method: 'GET' | 'POST';
  readonly path: string | RegExp;
  readonly handle: (call: ShellCall, shell: ShellContext) => void | Promise<void>;
}

/** The user a request is made as: the toolbar's choice while that user is active, else the default. */
export function userOf(shell: ShellContext, request: IncomingMessage): string {
  const chosen = cookiesOf(request).get(USER_COOKIE);
  return chosen !== undefined && shell.state.users.get(chosen)?.active === true ? chosen : shell.defaultUser;
}

/**
 * The user as Forge's context names them: account id, locale and time zone from the user's Jira
 * profile. Jira keeps the locale as "de_DE"; Forge's context (`view.getContext().locale`) gives
 * the same language as a BCP 47 tag, "de-DE", which is what Intl takes.
 */
export function contextUserOf(shell: ShellContext, request: IncomingMessage): { readonly accountId: string; readonly locale: string; readonly timezone: string } {
  const accountId = userOf(shell, request);
  const user = shell.state.users.get(accountId);
  return { accountId, locale: (user?.locale ?? 'en_US').replace('_', '-'), timezone: user?.timeZone ?? 'UTC' };
}

export function colorModeOf(request: IncomingMessage): ColorMode {
  return cookiesOf(request).get(THEME_COOKIE) === 'dark' ? 'dark' : 'light';
}

/** The emulator's caller for a user: what its permission checks and renders take. */
export function asUser(accountId: string): { readonly kind: 'user'; readonly accountId: string } {
  return { kind: 'user', accountId };
}
