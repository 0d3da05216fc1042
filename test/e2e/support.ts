/**
 * The browser tests' harness: the Jira emulator, the local Forge runtime and the Jira shell in
 * this process (the shell on a free port), and Debian's Chromium driven by playwright-core.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { createForgeRuntime } from '../../dev/forge-runtime';
import type { ForgeRuntime } from '../../dev/forge-runtime';
import { startJiraEmulator } from '../../dev/jira-emulator';
import type { DatasetInput, JiraEmulator } from '../../dev/jira-emulator';
import { startJiraShell } from '../../dev/shell';
import type { JiraShell } from '../../dev/shell';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const RESULTS = join(REPO_ROOT, 'test-results');
export const DEMO_DATASET = join(REPO_ROOT, 'dev/demo-data/demo.json');
export const ADA = '5f0c1a2b3c4d5e6f7a8b9c01';
export const PAT = '5f0c1a2b3c4d5e6f7a8b9c02';
export const NICK = '5f0c1a2b3c4d5e6f7a8b9c03';
export const NOT_FOUND_MESSAGE = "You can't see this issue, or it doesn't exist.";

/** The flags that work on these machines (see the machine notes): no network chatter, no sandbox as root. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// ---- Forge's Content Security Policy holds: every violation, in any frame, fails the test ----

/**
 * Violations seen since the last take, from three channels that see the same event differently:
 * the `securitypolicyviolation` event in every frame (an init script), the browser's own console
 * message ("Applying inline style violates the following Content Security Policy directive …";
 * Chromium logs inline styles and handlers there, not eval),
 * and the reports the frames send to the shell's `report-uri` (dev/shell/csp.ts).
 */
const cspViolations: string[] = [];

/** The violations seen since the last take, without forgetting them. */
export function cspViolationsSoFar(): readonly string[] {
  return [...cspViolations];
}

/** Returns the violations seen so far and forgets them: a test that provokes some on purpose takes them. */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

/** Throws, naming each violation, when any frame broke the policy since the last take (test/e2e/csp-guard.ts calls it after each test). */
export function assertNoCspViolations(): void {
  const found = takeCspViolations();
  if (found.length > 0) throw new Error(`The Content Security Policy was violated (Forge blocks the same):\n${found.join('\n')}`);
}

interface ViolationEvent {
  readonly directive: string;
  readonly blocked: string;
  readonly source: string;
  readonly line: number;
  readonly sample: string;
  readonly document: string;
}

/** Runs in every frame before its own scripts; reports through the binding the context exposes. */
function listenForViolations(): void {
  addEventListener(
    'securitypolicyviolation',
    (event: SecurityPolicyViolationEvent) => {
      const report = (globalThis as unknown as { __throughlineCspViolation?: (violation: ViolationEvent) => Promise<void> }).__throughlineCspViolation;
      void report?.({ directive: event.effectiveDirective, blocked: event.blockedURI, source: event.sourceFile, line: event.lineNumber, sample: event.sample, document: event.documentURI });
    },
    true,
  );
}

const CSP_CONSOLE_MESSAGE = /Content[ -]Security[ -]Policy/i;

/** Collects every CSP violation of the context's pages and frames (contextAs does this for every test). */
export async function watchContentSecurityPolicy(context: BrowserContext): Promise<void> {
  await context.exposeBinding('__throughlineCspViolation', (_source, violation: ViolationEvent) => {
    cspViolations.push(`event in ${violation.document}: ${violation.directive} blocked ${violation.blocked || 'inline'}${violation.source === '' ? '' : ` at ${violation.source}:${violation.line}`}${violation.sample === '' ? '' : ` (${violation.sample})`}`);
  });
  await context.addInitScript(listenForViolations);
  context.on('console', (message) => {
    if (CSP_CONSOLE_MESSAGE.test(message.text())) cspViolations.push(`console in ${message.location().url || message.page()?.url() || '?'}: ${message.text()}`);
  });
}

export interface Stack {
  readonly emulator: JiraEmulator;
  readonly runtime: ForgeRuntime;
  readonly shell: JiraShell;
  close(): Promise<void>;
}

export function demoDataset(): DatasetInput {
  return JSON.parse(readFileSync(DEMO_DATASET, 'utf8')) as DatasetInput;
}

/**
 * The emulator, the local runtime and the shell, started together. `bundleDir`: run the backend
 * from the deploy bundle (test/deploy-bundle.ts) instead of src/. `jiraBaseUrl`: the runtime calls
 * another Jira (a bench's emulator in its own thread); the emulator started here then serves the
 * shell's pages only.
 */
export async function startStack(options: { dataset?: DatasetInput; manifestPath?: string; bundleDir?: string; jiraBaseUrl?: string } = {}): Promise<Stack> {
  const manifestPath = options.manifestPath ?? join(REPO_ROOT, 'manifest.yml');
  const emulator = await startJiraEmulator({ dataset: options.dataset ?? DEMO_DATASET });
  const runtime = await createForgeRuntime({
    manifestPath,
    jiraBaseUrl: options.jiraBaseUrl ?? emulator.url,
    memory: true,
    jiraEvents: emulator.state,
    logger: { warn: () => undefined, error: () => undefined },
    ...(options.bundleDir === undefined ? {} : { bundleDir: options.bundleDir }),
  });
  // Load the app once before the first page asks for it: a cold, uncached import on a fresh clone
  // must not eat into the first test's wait.
  await runtime.preload();
  const shell = await startJiraShell({
    runtime,
    emulator,
    manifestPath,
    port: 0,
    onCspViolation: (report) => cspViolations.push(`report from ${report.documentUri}: ${report.directive} blocked ${report.blockedUri || 'inline'}`),
  });
  return {
    emulator,
    runtime,
    shell,
    close: async () => {
      await shell.close();
      await runtime.close();
      await emulator.close();
    },
  };
}

export function launchChromium(): Promise<Browser> {
  // playwright-core gives every launch a new, empty profile (the fresh --user-data-dir).
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** A browser context that starts as `accountId` (the shell's session cookie) in the given theme. */
export async function contextAs(browser: Browser, shell: JiraShell, accountId: string, theme: 'light' | 'dark' = 'light'): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 960 } });
  await watchContentSecurityPolicy(context);
  await context.addCookies([
    { name: 'tl-shell-user', value: accountId, url: shell.url },
    { name: 'tl-shell-theme', value: theme, url: shell.url },
  ]);
  return context;
}

/** The issue sidebar's frame, by the title the manifest gives the module. */
export function sidebar(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Throughline"]');
}

export function sidebarFrame(page: Page): Frame {
  const frame = page.frames().find((candidate) => candidate.url().includes('/__shell/resources/issue-sidebar/'));
  if (frame === undefined) throw new Error('the issue sidebar frame is not on the page');
  return frame;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Collects what the page and its frames print as errors, to fail on a crash. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** The serious and critical accessibility violations axe-core finds in a frame. */
export async function seriousViolations(frame: Frame): Promise<string[]> {
  const source = readFileSync(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, as a test tool, not by the app (the app never evaluates code).
  await frame.evaluate(source);
  const violations = await frame.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: Document, options: { preload: boolean }) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    // No preload: axe would copy each stylesheet into a <style> element, which Forge's policy
    // (no inline styles) blocks, and the CSP check would fail the test on the tool, not the app.
    // Only the CSSOM rule (css-orientation-lock) goes without it.
    const result = await axe.run(document, { preload: false });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.map((node) => JSON.stringify(node.target)) }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id} (${String(violation.impact)}): ${violation.targets.join(', ')}`);
}
