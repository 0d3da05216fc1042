/**
 * The app's built Custom UI resources, as Forge serves them to a frame: the files of the resource
 * folder manifest.yml names, each HTML page with the bridge injected before the app's scripts and
 * under the Content Security Policy Forge computes for it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { ShellCall, ShellContext, ShellRoute } from '../context';
import { customUiCsp } from '../csp';
import { HttpError, sendText } from '../http';

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

function serveResource({ response, params }: ShellCall, shell: ShellContext): void {
  const resourceKey = params[0] ?? '';
  const rest = params[1] ?? '';
  const root = shell.manifest.resources.get(resourceKey);
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
    sendText(response, 200, type, injected, { ...headers, 'content-security-policy': customUiCsp({ html: injected, permissions: shell.manifest.permissions, hostname: shell.origin() }) });
    return;
  }
  const body = readFileSync(file);
  response.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-cache', ...headers });
  response.end(body);
}

export const resourceRoutes: readonly ShellRoute[] = [{ method: 'GET', path: /^\/__shell\/resources\/([^/]+)\/(.*)$/, handle: serveResource }];
