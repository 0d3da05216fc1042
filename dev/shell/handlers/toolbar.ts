/**
 * The toolbar's settings: who the pages are shown as and the colour mode (cookies, as Jira's
 * session; from the toolbar's form without scripts, or as JSON from the host script and tests),
 * Jira's latency and faults (the emulator's, for everyone), and "Next day" (the local clock and the
 * app's daily scheduled triggers, for everyone).
 */
import { localClock } from '../../forge-runtime';
import { THEME_COOKIE, USER_COOKIE } from '../context';
import type { ShellCall, ShellContext, ShellRoute } from '../context';
import { HttpError, cookie, readBody, readJson, sendJson } from '../http';
import { FAULTS, LATENCIES } from '../toolbar-presets';

async function setSession({ request, response }: ShellCall, shell: ShellContext, form: boolean): Promise<void> {
  const values: Record<string, unknown> = form ? Object.fromEntries(new URLSearchParams(await readBody(request))) : await readJson(request);
  const cookies: string[] = [];
  if (typeof values.user === 'string') {
    if (shell.state.users.get(values.user)?.active !== true) throw new HttpError(400, 'No such user in the dataset.');
    cookies.push(cookie(USER_COOKIE, values.user));
  }
  if (values.theme === 'light' || values.theme === 'dark') cookies.push(cookie(THEME_COOKIE, values.theme));
  if (form) {
    // Back to the page the form was on; only a path on the shell, never another site.
    const back = typeof values.return === 'string' && values.return.startsWith('/') && !values.return.startsWith('//') ? values.return : '/';
    response.writeHead(303, { location: back, 'set-cookie': cookies });
    response.end();
    return;
  }
  response.writeHead(204, { 'set-cookie': cookies });
  response.end();
}

async function setJiraBehaviour({ request, response }: ShellCall, shell: ShellContext): Promise<void> {
  const { toolbar, emulator } = shell;
  const body = await readJson(request);
  const nextLatency = typeof body.latency === 'string' ? body.latency : toolbar.latency;
  const nextFault = typeof body.fault === 'string' ? body.fault : toolbar.fault;
  const preset = FAULTS[nextFault];
  if (!LATENCIES.some(([value]) => value === nextLatency) || preset === undefined) throw new HttpError(400, 'Unknown latency or fault preset.');
  toolbar.latency = nextLatency;
  toolbar.fault = nextFault;
  emulator.setLatency(Number(toolbar.latency));
  emulator.setFaults(preset.config);
  const latencyLabel = LATENCIES.find(([value]) => value === toolbar.latency)?.[1] ?? toolbar.latency;
  sendJson(response, 200, { ok: true, description: `latency ${latencyLabel}, faults: ${preset.label}` });
}

const DAY_MS = 86_400_000;

/**
 * "Next day": once what runs has finished, the local clock (the app's, the emulator's, the KVS's)
 * moves a day ahead and every daily scheduled trigger of the manifest runs, in the manifest's
 * order, each to the end of what it queued, as Forge would fire them overnight. Then back to the
 * page, which shows what time alone changed.
 */
async function nextDay({ request, response }: ShellCall, shell: ShellContext): Promise<void> {
  const values = Object.fromEntries(new URLSearchParams(await readBody(request)));
  const { runtime } = shell;
  await runtime.whenIdle();
  localClock.advance(DAY_MS);
  for (const trigger of runtime.manifest.scheduledTriggers.filter((candidate) => candidate.interval === 'day')) {
    const result = await runtime.fireScheduledTrigger(trigger.key);
    if (!result.success) throw new HttpError(500, `The scheduled trigger ${trigger.key} failed: ${result.error.message}`);
    await runtime.whenIdle();
  }
  const back = typeof values.return === 'string' && values.return.startsWith('/') && !values.return.startsWith('//') ? values.return : '/';
  response.writeHead(303, { location: back });
  response.end();
}

export const toolbarRoutes: readonly ShellRoute[] = [
  { method: 'POST', path: '/__shell/api/session', handle: (call, shell) => setSession(call, shell, false) },
  { method: 'POST', path: '/__shell/session', handle: (call, shell) => setSession(call, shell, true) },
  { method: 'POST', path: '/__shell/api/emulator', handle: setJiraBehaviour },
  { method: 'POST', path: '/__shell/clock', handle: nextDay },
];
