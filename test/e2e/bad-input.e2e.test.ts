/**
 * Bad input, each its own test: a resolver that throws, an unknown resolver key, a payload over
 * Forge's 500 KB, forged issue keys and a user without access, a port already in use, a dataset
 * file that does not exist; and `npm start` stopping cleanly on Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { contextAs, launchChromium, NICK, NOT_FOUND_MESSAGE, PAT, REPO_ROOT, screenshot, sidebar, startStack } from './support';
import type { Stack } from './support';

// The answers are checked field by field, as unknown JSON.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function invoke(stack: Stack, asUser: string, body: unknown): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${stack.shell.url}/__shell/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `tl-shell-user=${asUser}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Json };
}

const TL_15 = { issue: { id: '10015', key: 'TL-15', type: 'Story' }, project: { id: '10000', key: 'TL', type: 'software' } };

describe('bad input through the shell and the runtime', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('an unknown resolver key: Forge\'s error in words, and the runtime stays up', async () => {
    const unknown = await invoke(stack, PAT, { moduleKey: 'issue-score', functionKey: 'noSuchKey', payload: {}, extension: TL_15 });
    expect(unknown.status).toBe(500);
    expect(unknown.json).toMatchObject({ ok: false, error: { code: 'FUNCTION_ERR', message: "Resolver has no definition for 'noSuchKey'." } });
    const next = await invoke(stack, PAT, { moduleKey: 'issue-score', functionKey: 'getIssueScore', payload: {}, extension: TL_15 });
    expect(next.json).toMatchObject({ ok: true, body: { ok: true, value: { issue: { key: 'TL-15' } } } });
  });

  it('a payload over 500 KB is refused before the function runs, with the limit named', async () => {
    const before = stack.emulator.callCount('GET /rest/api/3/issue/{issueIdOrKey}');
    const big = await invoke(stack, PAT, { moduleKey: 'issue-score', functionKey: 'getIssueScore', payload: { filler: 'x'.repeat(600 * 1024) }, extension: TL_15 });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(big.json.error.message).toContain('500 KB');
    expect(stack.emulator.callCount('GET /rest/api/3/issue/{issueIdOrKey}')).toBe(before);
  });

  it('the user without access, and forged keys, get "not found" and no data', async () => {
    const noAccess = await invoke(stack, NICK, { moduleKey: 'issue-score', functionKey: 'getIssueScore', extension: TL_15 });
    expect(noAccess.json).toEqual({ ok: true, body: { ok: false, error: { code: 'not-found', message: NOT_FOUND_MESSAGE } } });
    for (const key of ['TL-99999', '../../rest/api/3/myself', 'TL-1?fields=*all', '']) {
      const forged = await invoke(stack, PAT, { moduleKey: 'issue-score', functionKey: 'getIssueScore', extension: { ...TL_15, issue: { id: '', key, type: 'Story' } } });
      expect(forged.json.body, key).toEqual({ ok: false, error: { code: 'not-found', message: NOT_FOUND_MESSAGE } });
    }
    // The payload is not where the issue comes from: naming one there is refused.
    const fromPayload = await invoke(stack, PAT, { moduleKey: 'issue-score', functionKey: 'getIssueScore', payload: { issueKey: 'TL-1' }, extension: TL_15 });
    expect(fromPayload.json.body).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('requestJira from the app goes to Jira as the current user, who cannot pick another identity', async () => {
    const response = await fetch(`${stack.shell.url}/__shell/api/fetch-product`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `tl-shell-user=${NICK}` },
      body: JSON.stringify({ product: 'jira', restPath: '/rest/api/3/myself', fetchRequestInit: { method: 'GET', headers: [['x-emulator-account-id', PAT]] } }),
    });
    const json = (await response.json()) as { response: { status: number; body: string } };
    expect(json.response.status).toBe(200);
    expect(JSON.parse(json.response.body)).toMatchObject({ accountId: NICK });
  });
});

describe('a resolver that throws', () => {
  let stack: Stack;
  let browser: Browser;
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack({ manifestPath: join(REPO_ROOT, 'test/fixtures/shell-app/manifest.yml') }), launchChromium()]);
  });
  afterAll(async () => {
    await browser.close();
    await stack.close();
  });

  it('the sidebar shows the error in words, and the runtime keeps answering', async () => {
    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    await page.goto(`${stack.shell.url}/browse/TL-15`);
    const alert = sidebar(page).getByRole('alert');
    await expect(alert.textContent()).resolves.toContain("Throughline's backend did not answer.");
    await expect(alert.textContent()).resolves.toContain('The fixture resolver fails on purpose.');
    await screenshot(page, 'issue-sidebar-resolver-throws');
    // Still up: another call answers, and the page reloads as before.
    const ping = await invoke(stack, PAT, { moduleKey: 'issue-score', functionKey: 'ping', extension: TL_15 });
    expect(ping.json).toEqual({ ok: true, body: { pong: true } });
    await page.reload();
    await sidebar(page).getByRole('alert').waitFor();
    await context.close();
  });
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `npm start`'s script (dev/start.ts) with arguments; `until` decides when to send Ctrl-C. */
function runStart(args: readonly string[], until?: (stdout: string) => boolean): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'dev/start.ts', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dev/start.ts did not finish: ${stdout}\n${stderr}`));
    }, 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (until !== undefined && !interrupted && until(stdout)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr });
    });
  });
}

describe('npm start', () => {
  it('a port already in use: a clear message and a failing exit code', async () => {
    const blocker = createServer();
    await new Promise<void>((resolveListen) => blocker.listen(0, '127.0.0.1', resolveListen));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const run = await runStart(['--port', String(port)]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('a dataset file that does not exist: a clear message and a failing exit code', async () => {
    const run = await runStart(['--port', '0', '--data', 'no/such/dataset.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the dataset file .*no\/such\/dataset\.json does not exist/);
  });

  it('starts on a free port, prints the address, and stops cleanly on Ctrl-C', async () => {
    const run = await runStart(['--port', '0'], (stdout) => stdout.includes('Ctrl-C stops.'));
    expect(run.stdout).toMatch(/Throughline in a local Jira: http:\/\/127\.0\.0\.1:\d+/);
    expect(run.stdout).toContain('Stopped.');
    expect(run.code).toBe(0);
  });
});
