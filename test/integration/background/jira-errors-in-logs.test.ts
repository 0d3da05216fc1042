/**
 * A Jira error body holding issue text never reaches the logs, end to end: the trigger and the
 * queue consumer run in the local Forge runtime against the emulator, behind a proxy that answers
 * chosen calls with a 400 whose body quotes an issue (as Jira's field errors can). Everything the
 * process writes to the console is captured; the failure's kind, method and path are there, the
 * issue's words are not.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { format } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PAT, TL, startSite } from '../settings/support';
import type { Site } from '../settings/support';
import { createSiteCache } from '../../../src/storage';
import { forgeKvs } from '../../../src/storage/forge-kvs';

const ISSUE_TEXT = 'Acquire Contoso before the board meeting';
const BODY = JSON.stringify({ errorMessages: [`Issue "${ISSUE_TEXT}" cannot be read.`], errors: { summary: `"${ISSUE_TEXT}" is not allowed` } });

/** `METHOD /path` (no query) of the calls the proxy refuses with BODY. */
const refused = new Set<string>();
let proxy: Server;
let site: Site;
let logged: string[];

function startProxy(target: () => string): Promise<string> {
  proxy = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      if (refused.has(`${request.method ?? 'GET'} ${path}`)) {
        response.writeHead(400, { 'content-type': 'application/json' }).end(BODY);
        return;
      }
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name, value]) => typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      void fetch(`${target()}${request.url ?? '/'}`, { method: request.method, headers, body }).then(async (answer) => {
        response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
      });
    });
  });
  return new Promise((resolve) => {
    proxy.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${String((proxy.address() as AddressInfo).port)}`);
    });
  });
}

beforeAll(async () => {
  let emulatorUrl = '';
  const proxyUrl = await startProxy(() => emulatorUrl);
  site = await startSite({ runtime: { jiraBaseUrl: proxyUrl } });
  emulatorUrl = site.emulator.url;
});

afterAll(async () => {
  await site.close();
  await new Promise((resolve) => proxy.close(resolve));
});

beforeEach(() => {
  logged = [];
  for (const level of ['error', 'warn', 'log', 'info', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(format(...args));
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  refused.clear();
});

describe('a Jira error body holding issue text', () => {
  it('is absent from what the issue trigger logs', async () => {
    refused.add('POST /rest/api/3/issue/bulkfetch');
    site.emulator.state.updateIssue('TL-15', { summary: ISSUE_TEXT }, PAT.accountId);
    await site.runtime.whenIdle();
    const text = logged.join('\n');
    expect(text).toContain('recomputing after an issue event failed');
    expect(text).toContain('bad-request');
    expect(text).toContain('POST /rest/api/3/issue/bulkfetch');
    expect(text).not.toContain(ISSUE_TEXT);
  });

  it('is absent from what the recompute consumer logs', async () => {
    // No cached field list: the step reads it first, and that read is refused.
    await site.runtime.runAs('app', () => createSiteCache(forgeKvs()).clear());
    refused.add('GET /rest/api/3/field');
    const result = await site.runtime.invoke('recompute-step', { payload: { body: { kind: 'project-step', projectId: TL.id, runId: 'log-check' } } });
    expect(result.success).toBe(true);
    const text = logged.join('\n');
    expect(text).toContain('a recompute step failed');
    expect(text).toContain('GET /rest/api/3/field');
    expect(text).not.toContain(ISSUE_TEXT);
  });
});
