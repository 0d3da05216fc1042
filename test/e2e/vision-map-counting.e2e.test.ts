/**
 * The vision map's two ways of counting, in the Jira shell: an outline read from the app's rollups
 * (`complete: true`) is the whole map, shown at once with no chunk read, saying how its counts were
 * made, with each epic's rollup extras; an outline counted live says why, while the chunks follow.
 *
 * First as the backend answers: live before the project's first count (which that visit starts),
 * then from the rollups. Then with the outline answered here, to show what the demo does not have
 * (a recount under way, an epic counted days ago, failing rules, issue security): the whole map is
 * the real outline and chunks, read as the user through the local runtime (not by the page),
 * merged, and given a `counting` and epics' rollups.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import type { CountingView, VisionMapChunkView, VisionMapView } from '../../src/contract';
import { createSettingsRepository } from '../../src/storage';
import { forgeKvs } from '../../src/storage/forge-kvs';
import { mergeVisionMap } from '../../static/project-page/src/vision-merge';
import { adoptDemoThemes } from '../integration/support/epic-themes';
import { ADA, contextAs, launchChromium, pageErrors, screenshot, seriousViolations, startStack } from './support';
import type { Stack } from './support';

const THEMES = [
  { id: 'theme-onboarding', name: 'Effortless onboarding', horizon: 'now', targetPercent: 30, colour: 'blue' },
  { id: 'theme-insights', name: 'Decisions from data', horizon: 'next', targetPercent: 25, colour: 'teal' },
  { id: 'theme-platform', name: 'Trustworthy platform', horizon: 'now', targetPercent: 15, colour: 'purple' },
];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let browser: Browser;
let stack: Stack;

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startStack()]);
  await stack.runtime.runAs('app', async () => {
    await createSettingsRepository(forgeKvs()).save('10000', 'strategy', { schemaVersion: 1, revision: 0, vision: { statement: 'Every story traces to the product vision.', targetCustomers: '', goals: [] }, themes: THEMES }, { baseRevision: 0, actor: 'app' });
  });
  await adoptDemoThemes(stack.runtime, stack.emulator, '10000');
});

afterAll(async () => {
  await browser.close();
  await stack.close();
});

interface InvokeBody {
  readonly moduleKey: string;
  readonly functionKey: string;
  readonly extension?: Record<string, unknown>;
}

type Envelope = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/** A resolver called as Ada straight through the local runtime (not a call the page makes). */
async function callAsAda(body: InvokeBody, functionKey: string, payload: unknown): Promise<unknown> {
  const result = await stack.runtime.invokeResolver(body.moduleKey, functionKey, payload, { accountId: ADA, locale: 'en-US', timezone: 'UTC' }, body.extension ?? {});
  if (!result.success) throw new Error(`${functionKey} failed: ${result.error.code}`);
  const answer = result.body as Envelope;
  if (!answer.ok) throw new Error(`${functionKey} answered an error`);
  return answer.value;
}

/** The whole map as the backend builds it from rollups: counts of every story, how they were made, each epic's rollup. */
async function wholeMap(outline: VisionMapView, body: InvokeBody): Promise<VisionMapView> {
  const chunks: VisionMapChunkView[] = [];
  let after: string | undefined;
  do {
    const chunk = (await callAsAda(body, 'getVisionMapChunk', after === undefined ? {} : { after })) as VisionMapChunkView;
    chunks.push(chunk);
    after = chunk.next ?? undefined;
  } while (after !== undefined);
  const now = Date.now();
  const counting: CountingView = { mode: 'rollups', reconciledAt: new Date(now - 2 * HOUR).toISOString(), oldestAt: new Date(now - 3 * DAY).toISOString(), recount: { status: 'running', done: 4200, total: 10_000, message: null } };
  const merged = mergeVisionMap(outline, chunks, true);
  return {
    ...merged,
    counting,
    epics: merged.epics.map((epic) => ({
      ...epic,
      countedAt: new Date(now - (epic.key === 'TL-11' ? 3 * DAY : 5 * 60_000)).toISOString(),
      rollup: epic.key === 'TL-10' ? { notReady: 3, failingRules: [{ ruleId: 'acceptance-criteria', stories: 3 }, { ruleId: 'estimate-present', stories: 1 }], incompleteScores: 2, topScore: 42 } : { notReady: 0, failingRules: [], incompleteScores: 0, topScore: epic.score },
    })),
  };
}

/** The whole map with 240 more epics (copies of the demo's first, under new keys), 60 per theme and 60 unaligned. */
async function manyEpics(outline: VisionMapView, body: InvokeBody): Promise<VisionMapView> {
  const map = await wholeMap(outline, body);
  const model = map.epics[0];
  if (model === undefined) throw new Error('the demo has no epic');
  const homes = [null, ...THEMES.map((theme) => theme.id)];
  const copies = Array.from({ length: 240 }, (_, i) => {
    const themeId = homes[i % homes.length] ?? null;
    return { ...model, key: `TL-${String(5000 + i)}`, summary: `Copy ${String(i + 1)} of ${model.summary}`, themeId, themeState: themeId === null ? ('none' as const) : ('theme' as const) };
  });
  return { ...map, epics: [...map.epics, ...copies] };
}

const LIVE: CountingView = { mode: 'live', reason: 'issue-security', message: 'Counting live: this project uses issue security, so Throughline counts only what you can see.' };

/**
 * Opens TL's project page as Ada with the outline answered as `mode` says, and records every
 * resolver the page calls, by key.
 */
async function open(mode: 'as-is' | 'rollups' | 'live' | 'many', theme: 'light' | 'dark' = 'light'): Promise<{ page: Page; context: BrowserContext; calls: string[]; errors: string[] }> {
  const context = await contextAs(browser, stack.shell, ADA, theme);
  const calls: string[] = [];
  await context.route('**/__shell/api/invoke', async (route: Route) => {
    const body = route.request().postDataJSON() as InvokeBody;
    // Counted here, where every call of the page passes (a request event would also see route.fetch's).
    calls.push(body.functionKey);
    if (mode === 'as-is' || body.functionKey !== 'getVisionOutline') {
      await route.fallback();
      return;
    }
    const response = await route.fetch();
    const json = (await response.json()) as { ok: boolean; body?: Envelope };
    if (json.body?.ok !== true) {
      await route.fulfill({ response });
      return;
    }
    const outline = json.body.value as VisionMapView;
    // Live: as the backend answers for a project with issue security (whatever it answers today).
    const value = mode === 'rollups' ? await wholeMap(outline, body) : mode === 'many' ? await manyEpics(outline, body) : { ...outline, complete: false, counting: LIVE };
    await route.fulfill({ response, json: { ...json, body: { ok: true, value } } });
  });
  const page = await context.newPage();
  const errors = pageErrors(page);
  await page.goto(`${stack.shell.url}/projects/TL/apps/throughline`);
  return { page, context, calls, errors };
}

/** The frame sized to its content and the viewport to the page, so that a full-page screenshot paints the frame. */
async function settled(page: Page): Promise<void> {
  const frame = page.frames().find((candidate) => candidate.url().includes('/__shell/resources/project-page/'));
  for (let attempt = 0; frame !== undefined && attempt < 50; attempt++) {
    const inner = await frame.evaluate(() => Math.ceil(document.getElementById('root')?.getBoundingClientRect().bottom ?? 0));
    const outer = await page.locator('iframe[title="Throughline"]').evaluate((element) => Math.ceil(element.getBoundingClientRect().height));
    if (Math.abs(Math.min(inner, 4000) - outer) <= 2) break;
    await page.waitForTimeout(100);
  }
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.min(Math.max(height, 960), 8000) });
  await page.waitForTimeout(200);
}

describe('the vision map, counted from rollups or live', () => {
  it('counts live on the first visit, which starts the first count; the next visit opens at once from the rollups', async () => {
    const first = await open('as-is');
    let frame = first.page.frameLocator('iframe[title="Throughline"]');
    await frame.getByTestId('counting-mode').filter({ hasText: 'Counting live: Throughline has not finished its first count' }).waitFor({ timeout: 20_000 });
    await frame.getByTestId('counting').waitFor({ state: 'detached', timeout: 20_000 });
    expect(first.calls).toContain('getVisionMapChunk');
    expect(first.errors).toEqual([]);
    await first.context.close();
    await stack.runtime.whenIdle();

    const next = await open('as-is');
    frame = next.page.frameLocator('iframe[title="Throughline"]');
    const note = frame.getByTestId('counting-mode');
    await note.waitFor({ timeout: 20_000 });
    expect(await note.getAttribute('data-mode')).toBe('rollups');
    await expect(note.locator('p').first().textContent()).resolves.toMatch(/^Counts kept current by Throughline · last full recount (just now|\d+ minutes? ago)$/);
    await expect(frame.locator('[data-epic="TL-1"] .tl-epic-facts').textContent()).resolves.toMatch(/[1-9]\d* of \d+ issues done/);
    await expect(frame.getByTestId('counting').count()).resolves.toBe(0);
    expect(next.calls).not.toContain('getVisionMapChunk');
    expect(next.errors).toEqual([]);
    await next.context.close();
  });

  it('shows the whole map from a complete outline at once, with no chunk read, and says how it was counted', async () => {
    const { page, context, calls, errors } = await open('rollups');
    const frame = page.frameLocator('iframe[title="Throughline"]');
    const note = frame.getByTestId('counting-mode');
    await note.waitFor({ timeout: 20_000 });
    expect(await note.getAttribute('data-mode')).toBe('rollups');
    await expect(note.locator('p').first().textContent()).resolves.toBe('Counts kept current by Throughline · last full recount 2 hours ago');
    await expect(note.locator('p').first().getAttribute('title')).resolves.toMatch(/^Last full recount: /);
    await expect(frame.getByTestId('recount').textContent()).resolves.toBe('Recounting: 4,200 of 10,000 issues');
    // The counts are there from the first view: no "Counting…" banner, no chunk asked for.
    await expect(frame.getByTestId('counting').count()).resolves.toBe(0);
    await expect(frame.locator('[data-epic="TL-10"] .tl-epic-facts').textContent()).resolves.toMatch(/\d+ of \d+ issues done/);
    await expect(frame.locator('svg.tl-chart-svg [data-theme="unaligned"]').count()).resolves.toBe(1);

    // An epic counted three days ago says so, subtly; a current one says nothing.
    await expect(frame.locator('[data-epic="TL-11"] .tl-epic-asof').textContent()).resolves.toBe('as of 3 days ago');
    await expect(frame.locator('[data-epic="TL-10"] .tl-epic-asof').count()).resolves.toBe(0);

    // The rollup extras: a line, and the failing rules behind a disclosure opened by keyboard.
    const summary = frame.locator('[data-epic="TL-10"] .tl-epic-rollup summary');
    await expect(summary.textContent()).resolves.toBe('3 stories not ready · 2 incomplete scores · top story score 42');
    const rules = frame.getByRole('list', { name: 'Rules that fail most in TL-10' });
    expect(await rules.isVisible()).toBe(false);
    await summary.focus();
    await summary.press('Enter');
    await rules.waitFor();
    await expect(rules.locator('li').allTextContents()).resolves.toEqual(['Acceptance criteria: 3 stories', 'Estimate present: 1 story']);
    // One outline per mount (a development build's StrictMode mounts twice: the first is dropped).
    const outlines = calls.filter((key) => key === 'getVisionOutline').length;
    expect(outlines).toBeGreaterThanOrEqual(1);
    expect(calls.filter((key) => key === 'getVisionMapChunk')).toEqual([]);
    await settled(page);
    await screenshot(page, 'vision-map-rollups-light');
    const frameOfPage = page.frames().find((candidate) => candidate.url().includes('/__shell/resources/project-page/'));
    if (frameOfPage === undefined) throw new Error('the project page frame is not on the page');
    expect(await seriousViolations(frameOfPage)).toEqual([]);

    // An edit re-reads the outline, once, and still no chunk.
    await frame.getByLabel('Theme of TL-12').selectOption({ label: 'Trustworthy platform' });
    await frame.locator('[data-epic="TL-12"] button[type="submit"]').click();
    await frame.locator('[data-theme-id="theme-platform"] [data-epic="TL-12"]').waitFor({ timeout: 20_000 });
    expect(calls.filter((key) => key === 'getVisionOutline')).toHaveLength(outlines + 1);
    expect(calls.filter((key) => key === 'getVisionMapChunk')).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws a long epic list when it first comes into view (scrolled to, or tabbed to), not before', async () => {
    const { page, context, errors } = await open('many');
    const frame = page.frameLocator('iframe[title="Throughline"]');
    await frame.locator('svg.tl-chart-svg').waitFor({ timeout: 20_000 });
    const lists = frame.locator('.tl-window');
    await expect(lists.count()).resolves.toBe(4);
    // Every list has been placed: the browser said whether it is in view.
    await expect.poll(() => frame.locator('.tl-window[data-rows="unknown"]').count(), { timeout: 10_000 }).toBe(0);
    const last = lists.last();
    expect(await last.getAttribute('data-rows')).toBe('unseen');
    await expect(last.locator('[data-epic]').count()).resolves.toBe(0);
    // Its heading still counts every epic of the theme.
    await expect(frame.locator('[data-theme-id="theme-platform"] h2 .tl-count').textContent()).resolves.toMatch(/^6\d$/);

    // Scrolled to: its first rows come, and only a window of them.
    await last.scrollIntoViewIfNeeded();
    await expect.poll(() => last.getAttribute('data-rows'), { timeout: 10_000 }).toBe('seen');
    await last.locator('[data-epic]').first().waitFor({ timeout: 10_000 });
    const drawn = await last.locator('[data-epic]').count();
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(60);

    // By keyboard: the list before it, focused (as Tab does), comes into view and draws its rows.
    const before = lists.nth(2);
    await page.evaluate(() => { window.scrollTo(0, 0); });
    if ((await before.getAttribute('data-rows')) !== 'seen') {
      await before.focus();
      await before.locator('[data-epic]').first().waitFor({ timeout: 10_000 });
    }
    await before.press('End');
    await expect.poll(() => before.locator('[data-epic]').last().getAttribute('data-epic'), { timeout: 10_000 }).toMatch(/^TL-52\d\d$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says why it counts live, in dark mode too, while the chunks are read as before', async () => {
    const { page, context, calls, errors } = await open('live', 'dark');
    const frame = page.frameLocator('iframe[title="Throughline"]');
    const note = frame.getByTestId('counting-mode');
    await note.waitFor({ timeout: 20_000 });
    expect(await note.getAttribute('data-mode')).toBe('live');
    await expect(note.textContent()).resolves.toBe(LIVE.message);
    await frame.getByTestId('counting').waitFor({ state: 'detached', timeout: 20_000 });
    await frame.locator('svg.tl-chart-svg [data-theme="unaligned"]').waitFor();
    // Still said once the counts are in.
    await expect(note.textContent()).resolves.toBe(LIVE.message);
    expect(calls.filter((key) => key === 'getVisionMapChunk').length).toBeGreaterThan(0);
    await expect(frame.locator('.tl-epic-rollup').count()).resolves.toBe(0);
    await settled(page);
    await screenshot(page, 'vision-map-live-dark');
    expect(errors).toEqual([]);
    await context.close();
  });
});
