/**
 * The issue sidebar in Chromium, in the Jira shell, with 150 ms emulated Jira latency: the time
 * from the iframe's navigation start to the score on screen (median of 10 loads, after one warm-up
 * load that fills the site-field cache), and the size of the sidebar's JavaScript, gzipped.
 *
 *   npm run bench -- sidebar
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { contextAs, launchChromium, PAT, REPO_ROOT, startStack } from '../test/e2e/support';
import { finish, report, summarize } from './harness';

const LATENCY_MS = 150;
const LOADS = 10;
const ISSUE = 'TL-69';

const assets = join(REPO_ROOT, 'static/issue-sidebar/dist/assets');
const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
const gzipped = scripts.reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name)), { level: 9 }).length, 0);
report('issue sidebar JavaScript, gzipped', gzipped / 1024, 150, 'KB', 'lower', scripts.join(', '));

/** Ms from the sidebar frame's navigation start to the score (or its incomplete state) in the DOM. */
async function timeToScore(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const frame = page.frames().find((candidate) => candidate.url().includes('/__shell/resources/issue-sidebar/'));
    if (frame !== undefined) {
      try {
        const handle = await frame.waitForFunction(() => (document.querySelector('[data-testid="score"], [data-testid="score-state"]') === null ? false : performance.now()), undefined, { polling: 'raf', timeout: 15_000 });
        return (await handle.jsonValue()) as number;
      } catch (error: unknown) {
        // The frame navigated (about:blank → the resource) while we waited: look again.
        if (Date.now() > deadline) throw error;
      }
    }
    if (Date.now() > deadline) throw new Error('the sidebar never showed a score');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const [browser, stack] = await Promise.all([launchChromium(), startStack()]);
try {
  stack.emulator.setLatency(LATENCY_MS);
  const context = await contextAs(browser, stack.shell, PAT);
  const page = await context.newPage();
  const url = `${stack.shell.url}/browse/${ISSUE}`;
  await timeToScore(page, url);
  const samples: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    stack.emulator.resetCalls();
    samples.push(await timeToScore(page, url));
  }
  const timing = summarize('score visible', samples);
  report(
    `score visible after the iframe starts loading (${String(LATENCY_MS)} ms Jira latency)`,
    timing.medianMs,
    600,
    'ms',
    'lower',
    `median of ${String(timing.runs)} (min ${timing.minMs.toFixed(0)}, max ${timing.maxMs.toFixed(0)}, noise ±${(timing.noise * 100).toFixed(1)}%)`,
  );
  await context.close();
} finally {
  await browser.close();
  await stack.close();
}
finish();
