/**
 * The bridge's `requestJira` (`/__shell/api/fetch-product`): a frame's call to Jira's REST API,
 * sent to the emulator as the user looking at the page, as Jira answers a Custom UI's calls with
 * the user's session. Only Jira, only paths on the emulator.
 */
import { userOf } from '../context';
import type { ShellCall, ShellContext, ShellRoute } from '../context';
import { HttpError, readJson, sendJson } from '../http';

const FETCH_HEADERS_DROPPED = new Set(['cookie', 'authorization', 'host', 'content-length', 'connection']);

async function requestJira({ request, response }: ShellCall, shell: ShellContext): Promise<void> {
  const { emulator } = shell;
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
  headers.set('x-emulator-account-id', userOf(shell, request));
  const method = typeof init.method === 'string' ? init.method.toUpperCase() : 'GET';
  const answer = await fetch(target, { method, headers, ...(typeof init.body === 'string' && method !== 'GET' && method !== 'HEAD' ? { body: init.body } : {}) });
  const text = await answer.text();
  sendJson(response, 200, { ok: true, response: { status: answer.status, statusText: answer.statusText, headers: Object.fromEntries(answer.headers.entries()), body: text } });
}

export const requestJiraRoutes: readonly ShellRoute[] = [{ method: 'POST', path: '/__shell/api/fetch-product', handle: requestJira }];
