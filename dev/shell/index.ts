// The Jira shell's public API (see server.ts).
export { startJiraShell, listenOnLoopback, PortInUseError, SHELL_HOST, LATENCIES } from './server';
export type { JiraShell, JiraShellOptions } from './server';
