/**
 * Bad input, each its own test: a resolver that throws, an unknown resolver key, a payload over
 * Forge's 500 KB, a payload nested 10,000 levels deep, forged issue keys and a user without
 * access, a port already in use, a dataset file that does not exist; `npm start` stopping cleanly
 * on Ctrl-C; and the negative proof that a Content Security Policy violation is caught.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { contextAs, launchChromium, NICK, NOT_FOUND_MESSAGE, pageErrors, PAT, REPO_ROOT, screenshot, sidebar, sidebarFrame, startStack, takeCspViolations, assertNoCspViolations, cspViolationsSoFar } from './support';
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

/** `{"a":{"a":…1}}` as JSON text, `levels` deep: Node's JSON.stringify itself overflows past a few thousand. */
function nestedJson(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

async function invokeRaw(stack: Stack, asUser: string, text: string): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${stack.shell.url}/__shell/api/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `tl-shell-user=${asUser}` }, body: text });
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

  it('a payload nested 10,000 levels deep is refused in words (400, not a 500), and the runtime keeps answering', async () => {
    const before = stack.emulator.callCount('GET /rest/api/3/issue/{issueIdOrKey}');
    const deep = await invokeRaw(stack, PAT, `{"moduleKey":"issue-score","functionKey":"getIssueScore","extension":${JSON.stringify(TL_15)},"payload":${nestedJson(10_000)}}`);
    expect(deep.status).toBe(400);
    expect(deep.json).toEqual({
      ok: false,
      error: { code: 'PAYLOAD_TOO_DEEP', message: 'The request payload is nested more than 1,000 levels deep; the function was not called. Send flatter data.' },
    });
    expect(stack.emulator.callCount('GET /rest/api/3/issue/{issueIdOrKey}')).toBe(before);
    // Under the runtime's limit, the app's own envelope refuses it, in words, before its schema.
    const deepForTheApp = await invokeRaw(stack, PAT, `{"moduleKey":"issue-score","functionKey":"getIssueScore","extension":${JSON.stringify(TL_15)},"payload":${nestedJson(500)}}`);
    expect(deepForTheApp.json).toEqual({ ok: true, body: { ok: false, error: { code: 'bad-request', message: 'The request was not understood: it is nested more than 64 levels deep.' } } });
    const next = await invoke(stack, PAT, { moduleKey: 'issue-score', functionKey: 'getIssueScore', payload: {}, extension: TL_15 });
    expect(next.json).toMatchObject({ ok: true, body: { ok: true, value: { issue: { key: 'TL-15' } } } });
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

describe('deep payloads and the Content Security Policy in the browser', () => {
  let stack: Stack;
  let browser: Browser;
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack({ manifestPath: join(REPO_ROOT, 'test/fixtures/shell-app/manifest.yml') }), launchChromium()]);
  });
  afterAll(async () => {
    await browser.close();
    await stack.close();
  });

  it('an invoke nested 10,000 levels deep from an app frame rejects with an error in words; the frame and the runtime stay up', async () => {
    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${stack.shell.url}/browse/TL-15`);
    await sidebar(page).getByRole('alert').waitFor();
    // What @forge/bridge's invoke does, from inside the app's frame: callBridge('invoke', …).
    const outcomes = await sidebarFrame(page).evaluate(async (levels: readonly number[]) => {
      const bridge = (globalThis as unknown as { __bridge: { callBridge: (name: string, args: unknown) => Promise<unknown> } }).__bridge;
      const answers: { levels: number; ok: boolean; name?: string; message?: string }[] = [];
      for (const count of levels) {
        let payload: unknown = 1;
        for (let level = 0; level < count; level++) payload = { a: payload };
        try {
          await bridge.callBridge('invoke', { functionKey: 'ping', payload });
          answers.push({ levels: count, ok: true });
        } catch (error: unknown) {
          answers.push({ levels: count, ok: false, name: (error as Error).name, message: (error as Error).message });
        }
      }
      return answers;
    }, [10_000, 1_500]);
    expect(outcomes).toEqual([
      // 10,000 levels do not even leave the frame: the browser cannot copy them into a message
      // (structured clone recurses too), and the bridge says so.
      { levels: 10_000, ok: false, name: 'Error', message: expect.stringMatching(/^The bridge cannot send invoke: its payload cannot be copied out of the frame \(nested too deeply, or not plain data\): /) as unknown },
      // 1,500 levels cross the frame boundary and reach the runtime, which refuses them.
      {
        levels: 1_500,
        ok: false,
        name: 'Error',
        message: 'There was an error invoking the function - The request payload is nested more than 1,000 levels deep; the function was not called. Send flatter data.',
      },
    ]);
    const ping = await sidebarFrame(page).evaluate(() => (globalThis as unknown as { __bridge: { callBridge: (name: string, args: unknown) => Promise<unknown> } }).__bridge.callBridge('invoke', { functionKey: 'ping', payload: {} }));
    expect(ping).toEqual({ pong: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the CSP check provably works: a page that breaks the policy is caught on every channel, and Forge\'s blocking is reproduced', async () => {
    expect(takeCspViolations()).toEqual([]);
    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    await page.goto(`${stack.shell.url}/projects/TL/apps/throughline`);
    const probe = page.frameLocator('iframe[title="CSP probe"]');
    await probe.locator('body[data-inline-script="ran"]').waitFor();
    const state = await probe.locator('body').evaluate((body) => ({
      inlineScript: body.dataset.inlineScript,
      evaluated: body.dataset.eval,
      handler: body.dataset.handler,
      color: getComputedStyle(body.querySelector('#styled') as Element).color,
    }));
    // As Forge: the page's inline script runs (its hash is in the policy); the rest is blocked.
    expect(state).toEqual({ inlineScript: 'ran', evaluated: 'blocked', handler: undefined, color: 'rgb(0, 0, 0)' });

    // Each kind on the event and report-uri channels; Chromium's console names inline styles and
    // handlers, not eval (which the event channel catches).
    const directives = ['style-src-elem', 'style-src-attr', 'script-src-attr', 'script-src'];
    const wanted: (readonly [string, RegExp])[] = [
      ...directives.flatMap((directive) => ['event', 'report'].map((channel) => [`${channel}: ${directive}`, new RegExp(`^${channel} \\S+ \\S+: ${directive} blocked`)] as const)),
      ['console: inline style', /^console in \S+: Applying inline style violates the following Content Security Policy directive/],
      ['console: inline event handler', /^console in \S+: Executing inline event handler violates the following Content Security Policy directive/],
    ];
    // The report-uri channel is a network request: wait until every channel saw every kind.
    await expect
      .poll(() => wanted.filter(([, pattern]) => !cspViolationsSoFar().some((line) => pattern.test(line))).map(([name]) => name), { timeout: 10_000 })
      .toEqual([]);
    expect(cspViolationsSoFar().filter((line) => line.startsWith('event')).join('\n')).toContain('/__shell/resources/csp-probe/');
    await context.close();
    // And what the shared afterEach (test/e2e/csp-guard.ts) does with them: fail, naming each.
    let failure: unknown;
    try {
      assertNoCspViolations();
    } catch (error: unknown) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/^The Content Security Policy was violated \(Forge blocks the same\):\n/);
    for (const directive of directives) expect((failure as Error).message).toContain(`: ${directive} blocked`);
    expect(takeCspViolations()).toEqual([]);
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
