/**
 * The shell's own files: the bridge script injected into app frames, the host script and
 * stylesheet of its pages, the design tokens' theme CSS (which app frames load too, hence CORS),
 * and a health check that `npm start` and the tests wait on.
 */
import type { ShellCall, ShellContext, ShellRoute } from '../context';
import { HttpError, sendJson, sendNoContent, sendText } from '../http';
import { isThemeFile, themeCss } from '../theme-css';

function tokens({ response, params }: ShellCall): void {
  const theme = params[0] ?? '';
  if (!isThemeFile(theme)) throw new HttpError(404, 'No such theme.');
  sendText(response, 200, 'text/css; charset=utf-8', themeCss(theme), { 'access-control-allow-origin': '*', 'cache-control': 'max-age=3600' });
}

export const shellAssetRoutes: readonly ShellRoute[] = [
  { method: 'GET', path: /^\/__shell\/tokens\/([a-z]+)\.css$/, handle: tokens },
  {
    method: 'GET',
    path: '/__shell/assets/bridge-client.js',
    handle: ({ response }: ShellCall, shell: ShellContext) => {
      sendText(response, 200, 'text/javascript; charset=utf-8', shell.scripts.bridgeClient, { 'access-control-allow-origin': '*' });
    },
  },
  {
    method: 'GET',
    path: '/__shell/assets/shell-host.js',
    handle: ({ response }: ShellCall, shell: ShellContext) => {
      sendText(response, 200, 'text/javascript; charset=utf-8', shell.scripts.shellHost);
    },
  },
  {
    method: 'GET',
    path: '/__shell/assets/shell.css',
    handle: ({ response }: ShellCall, shell: ShellContext) => {
      sendText(response, 200, 'text/css; charset=utf-8', shell.shellCss);
    },
  },
  {
    method: 'GET',
    path: '/__shell/health',
    handle: ({ response }: ShellCall, shell: ShellContext) => {
      sendJson(response, 200, { ok: true, issues: shell.state.issueCount });
    },
  },
  // Browsers ask for it on every page; the shell has none, and a 404 would clutter the console.
  { method: 'GET', path: '/favicon.ico', handle: ({ response }: ShellCall) => { sendNoContent(response); } },
];
