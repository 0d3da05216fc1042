/**
 * JIRA_ISSUE_CHANGED for the issue view: each open issue view listens on an event stream
 * (`/__shell/api/events?issueId=`), and every update of that issue in the emulator (an edit in
 * the view, the app's own field writes, a test's change) is sent to it as Jira sends the event to
 * issue view modules: `{issueId, projectId, changes}`.
 */
import type { ServerResponse } from 'node:http';
import type { EmulatorChange, EmulatorState } from '../../jira-emulator';
import type { IssueEventStreams, ShellCall, ShellContext, ShellRoute } from '../context';

/** Proxies and browsers drop a silent stream; a comment line this often keeps it open. */
const KEEP_ALIVE_MS = 20_000;

/** Starts listening to the emulator's changes; `close` ends every stream and stops listening. */
export function watchIssueChanges(state: EmulatorState): IssueEventStreams {
  const streams = new Set<{ readonly response: ServerResponse; readonly issueId: string }>();
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
  }, KEEP_ALIVE_MS);
  keepAlive.unref();
  return {
    open: (request, response, issueId) => {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      const stream = { response, issueId };
      streams.add(stream);
      request.on('close', () => streams.delete(stream));
    },
    close: () => {
      detach();
      clearInterval(keepAlive);
      for (const stream of streams) stream.response.end();
      streams.clear();
    },
  };
}

function openStream({ request, response, url }: ShellCall, shell: ShellContext): void {
  shell.issueEvents.open(request, response, url.searchParams.get('issueId') ?? '');
}

export const issueEventRoutes: readonly ShellRoute[] = [{ method: 'GET', path: '/__shell/api/events', handle: openStream }];
