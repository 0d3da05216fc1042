/**
 * The Vision alignment gadget on a dashboard of the Jira shell: a product owner configures it by
 * keyboard in its edit view (a project picked from those she may browse, a refresh interval), sees
 * the vision and each theme's target against its share of open and done work, and after the vision
 * changes, Refresh (Jira's gadget refresh event) shows the new one. A viewer who may not browse the
 * project is told so and sees nothing of it. The Top of the backlog gadget lists the best-scored
 * open issues, narrowed to a theme chosen by keyboard. Sprint readiness is configured with a board
 * picked by keyboard; its verdict is a sentence, and a failing rule's link opens Jira's issue search
 * on the JQL that finds the issues failing it. axe-core finds no serious or critical violation, in
 * light and dark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { seedDemoConfiguration } from '../../dev/demo-data/seed-configuration';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADA, contextAs, launchChromium, NICK, pageErrors, PAT, REPO_ROOT, screenshot, seriousViolations, startStack } from './support';
import type { Stack } from './support';

let browser: Browser;
let stack: Stack;

const TL = { id: '10000', key: 'TL', type: 'software' };
const TITLE = 'Throughline vision alignment';

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startStack()]);
  expect(await seedDemoConfiguration(stack.runtime)).not.toMatch(/not applied/);
  await stack.runtime.whenIdle();
}, 120_000);

afterAll(async () => {
  await browser.close();
  await stack.close();
});

const gadget = (page: Page): FrameLocator => page.frameLocator(`iframe[title="${TITLE}"]`);

function gadgetFrame(page: Page, moduleKey = 'vision-alignment'): Frame {
  const frame = page.frames().find((candidate) => candidate.name().startsWith(`frame-${moduleKey}`));
  if (frame === undefined) throw new Error(`the ${moduleKey} frame is not on the page`);
  return frame;
}

async function openDashboard(accountId: string, theme: 'light' | 'dark' = 'light'): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await contextAs(browser, stack.shell, accountId, theme);
  const page = await context.newPage();
  const errors = pageErrors(page);
  await page.goto(`${stack.shell.url}/dashboard`);
  return { page, errors, close: () => context.close() };
}

describe('the Vision alignment gadget on a dashboard', () => {
  it('is configured by keyboard in its edit view, then shows the vision and the themes, and refreshes on Refresh', async () => {
    const { page, errors, close } = await openDashboard(PAT);
    await gadget(page).getByText('Choose a project for this gadget').waitFor({ timeout: 30_000 });

    // Edit, by keyboard: the dashboard's Edit, then the picker, the interval and Save inside the gadget.
    await page.getByRole('link', { name: `Edit ${TITLE}` }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/dashboard\?edit=/);
    const edit = gadget(page);
    const project = edit.getByLabel('Project', { exact: true });
    await project.locator('option', { hasText: '(TL)' }).waitFor({ state: 'attached', timeout: 30_000 });
    await edit.getByLabel('Find a project').focus();
    await page.keyboard.type('TL');
    await expect.poll(() => project.locator('option').allTextContents(), { timeout: 10_000 }).toEqual(['Choose a project', expect.stringContaining('(TL)') as string]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await expect(project.inputValue()).resolves.toBe(TL.id);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await expect(edit.getByLabel('Refresh').inputValue()).resolves.toBe('120');
    expect(await seriousViolations(gadgetFrame(page))).toEqual([]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    // Saved by view.submit: the dashboard shows the gadget's view with the project's numbers.
    await page.waitForURL(/\/dashboard$/);
    const view = gadget(page).getByTestId('vision-alignment');
    await view.waitFor({ timeout: 30_000 });
    await expect(view.textContent()).resolves.toContain('Every product team sees, in Jira itself');
    const rows = view.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    await expect(rows.last().locator('th').textContent()).resolves.toBe('Unaligned');
    await expect(view.textContent()).resolves.toMatch(/Numbers brought up to date [A-Z][a-z]{2} \d{1,2}/);
    expect(await seriousViolations(gadgetFrame(page))).toEqual([]);
    await screenshot(page, 'dashboard-vision-alignment');

    // The vision changes elsewhere; Refresh (JIRA_DASHBOARD_GADGET_REFRESH) shows the new one.
    const outline = await stack.runtime.invokeResolver('project-page', 'getVisionOutline', {}, { accountId: ADA }, { project: TL });
    const revision = ((outline as { body: { value: { strategy: { revision: number } } } }).body.value.strategy.revision);
    const edited = await stack.runtime.invokeResolver('project-page', 'editStrategy', { baseRevision: revision, edit: { kind: 'set-vision', vision: { statement: 'Trace every story to the vision.' } } }, { accountId: ADA }, { project: TL });
    expect(edited).toMatchObject({ success: true, body: { ok: true } });
    await page.getByRole('button', { name: `Refresh ${TITLE}` }).focus();
    await page.keyboard.press('Enter');
    await view.getByText('Trace every story to the vision.').waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
    await close();
  });

  it('reads in dark mode with no serious accessibility violation', async () => {
    const { page, errors, close } = await openDashboard(PAT, 'dark');
    await gadget(page).getByTestId('vision-alignment').waitFor({ timeout: 30_000 });
    await expect(gadgetFrame(page).evaluate(() => document.documentElement.getAttribute('data-color-mode'))).resolves.toBe('dark');
    expect(await seriousViolations(gadgetFrame(page))).toEqual([]);
    await screenshot(page, 'dashboard-vision-alignment-dark');
    expect(errors).toEqual([]);
    await close();
  });

  it('shows the Top of the backlog (the best-scored open issues with their driver and readiness) and Sprint readiness', async () => {
    const { page, errors, close } = await openDashboard(PAT);
    // Configured as a dashboard editor can through Jira's REST API (the edit view is the one tested above).
    const saved = await page.request.post(`${stack.shell.url}/__shell/api/gadget-configuration`, { data: { gadgetId: 'gadget-top-of-backlog', configuration: { projectId: TL.id, refresh: 0, top: 5 } } });
    expect(saved.ok()).toBe(true);
    await page.reload();
    const table = page.frameLocator('iframe[title="Throughline top of the backlog"]').getByTestId('top-of-backlog');
    await table.waitFor({ timeout: 30_000 });
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.count()).toBeLessThanOrEqual(5);
    await expect(rows.first().textContent()).resolves.toMatch(/^#1TL-\d+/);
    await expect(rows.first().textContent()).resolves.toMatch(/Ready|Not ready|Not checked/);
    const frame = page.frames().find((candidate) => candidate.name().startsWith('frame-top-of-backlog'));
    if (frame === undefined) throw new Error('the Top of the backlog frame is not on the page');
    expect(await seriousViolations(frame)).toEqual([]);
    // Sprint readiness, configured the same way: the next sprint's ready and not-ready work.
    const sprintSaved = await page.request.post(`${stack.shell.url}/__shell/api/gadget-configuration`, { data: { gadgetId: 'gadget-sprint-readiness', configuration: { boardId: '1', refresh: 0 } } });
    expect(sprintSaved.ok()).toBe(true);
    await page.reload();
    const sprint = page.frameLocator('iframe[title="Throughline sprint readiness"]').getByTestId('sprint-readiness');
    await sprint.waitFor({ timeout: 30_000 });
    await expect(sprint.textContent()).resolves.toMatch(/Ready.*points? in .*Not ready/);
    const sprintFrame = page.frames().find((candidate) => candidate.name().startsWith('frame-sprint-readiness'));
    if (sprintFrame === undefined) throw new Error('the Sprint readiness frame is not on the page');
    expect(await seriousViolations(sprintFrame)).toEqual([]);
    // The README's picture of the dashboard.
    copyFileSync(await screenshot(page, 'dashboard-gadgets'), join(REPO_ROOT, 'docs/screenshots/dashboard-gadgets.png'));
    expect(errors).toEqual([]);
    await close();
  });

  it('tells a viewer who may not browse the project so, and shows nothing of it', async () => {
    const { page, close } = await openDashboard(NICK);
    const refusal = gadget(page).getByRole('alert');
    await refusal.waitFor({ timeout: 30_000 });
    await expect(refusal.textContent()).resolves.toContain("You don't have access to the project this gadget shows");
    const text = (await gadget(page).locator('body').textContent()) ?? '';
    expect(text).not.toMatch(/Trace every story|Unaligned|TL/);
    expect(await seriousViolations(gadgetFrame(page))).toEqual([]);
    await close();
  });
});

describe('the Sprint readiness and Top of the backlog gadgets\' choices', () => {
  const SPRINT = 'Throughline sprint readiness';
  const TOP = 'Throughline top of the backlog';

  /** Opens a gadget's edit view from the dashboard by keyboard. */
  async function editByKeyboard(page: Page, title: string): Promise<FrameLocator> {
    await page.getByRole('link', { name: `Edit ${title}` }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/dashboard\?edit=/);
    return page.frameLocator(`iframe[title="${title}"]`);
  }

  it('picks a board by keyboard; the verdict is a sentence; a rule opens Jira\'s issue search on the issues failing it', async () => {
    const { page, errors, close } = await openDashboard(PAT);
    const edit = await editByKeyboard(page, SPRINT);
    const board = edit.getByLabel('Board', { exact: true });
    await board.locator('option', { hasText: 'TL board' }).waitFor({ state: 'attached', timeout: 30_000 });
    await edit.getByLabel('Find a board').focus();
    await page.keyboard.type('TL b');
    await expect.poll(() => board.locator('option').allTextContents(), { timeout: 10_000 }).toEqual(['Choose a board', 'TL board (TL)']);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await expect(board.inputValue()).resolves.toBe('1');
    expect(await seriousViolations(gadgetFrame(page, 'sprint-readiness'))).toEqual([]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/dashboard$/);

    const sprint = page.frameLocator(`iframe[title="${SPRINT}"]`);
    await sprint.getByTestId('sprint-readiness').waitFor({ timeout: 30_000 });
    await expect(sprint.getByTestId('sprint-verdict').textContent()).resolves.toMatch(/^(Ready work covers \d+% of velocity|\d+ of \d+ issues? ready)/);
    await expect(sprint.locator('body').textContent()).resolves.toContain('TL board');
    expect(await seriousViolations(gadgetFrame(page, 'sprint-readiness'))).toEqual([]);
    await screenshot(page, 'dashboard-sprint-readiness');

    // The first rule's link, by keyboard: Jira's issue search with the JQL over the readiness property.
    const link = sprint.getByTestId('failing-rules').getByRole('button').first();
    const count = Number(/\d+/.exec((await link.textContent()) ?? '')?.[0]);
    await link.focus();
    // router.open: Jira opens the search in a new tab, the dashboard stays.
    const opened = page.context().waitForEvent('page', { timeout: 30_000 });
    await page.keyboard.press('Enter');
    const search = await opened;
    await search.waitForURL(/\/issues\/\?jql=/, { timeout: 30_000 });
    const jql = new URL(search.url()).searchParams.get('jql') ?? '';
    expect(jql).toMatch(/^sprint = \d+ AND issue\.property\[throughline\.readiness\]\.(failingRules|warningRules) = "[a-z-]+" ORDER BY key ASC$/);
    await expect(search.getByLabel('JQL').inputValue()).resolves.toBe(jql);
    await expect(search.getByTestId('search-count').textContent()).resolves.toBe(`${String(count)} ${count === 1 ? 'issue' : 'issues'}`);
    expect(await search.getByTestId('search-results').locator('tbody tr').count()).toBe(count);
    expect(await seriousViolations(search.mainFrame())).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('reads in dark mode with no serious accessibility violation, the board chosen', async () => {
    const { page, errors, close } = await openDashboard(PAT, 'dark');
    await page.frameLocator(`iframe[title="${SPRINT}"]`).getByTestId('sprint-readiness').waitFor({ timeout: 30_000 });
    const frame = gadgetFrame(page, 'sprint-readiness');
    await expect(frame.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).resolves.toBe('dark');
    expect(await seriousViolations(frame)).toEqual([]);
    copyFileSync(await screenshot(page, 'dashboard-sprint-readiness-dark'), join(REPO_ROOT, 'docs/screenshots/dashboard-sprint-readiness-dark.png'));
    expect(errors).toEqual([]);
    await close();
  });

  it('narrows the top of the backlog to a theme chosen by keyboard', async () => {
    const { page, errors, close } = await openDashboard(PAT);
    const edit = await editByKeyboard(page, TOP);
    const project = edit.getByLabel('Project', { exact: true });
    await project.locator('option', { hasText: '(TL)' }).waitFor({ state: 'attached', timeout: 30_000 });
    await project.selectOption(TL.id);
    const theme = edit.getByLabel('Theme', { exact: true });
    await theme.locator('option').nth(1).waitFor({ state: 'attached', timeout: 30_000 });
    await theme.focus();
    await page.keyboard.press('ArrowDown');
    const chosen = (await theme.locator('option:checked').textContent()) ?? '';
    expect(chosen).not.toBe('Every theme');
    expect(await seriousViolations(gadgetFrame(page, 'top-of-backlog'))).toEqual([]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/dashboard$/);
    const top = page.frameLocator(`iframe[title="${TOP}"]`);
    await top.getByText(`stories serving ${chosen}`).waitFor({ timeout: 30_000 });
    const table = top.getByTestId('top-of-backlog');
    const empty = top.getByText(`No open story serving ${chosen} has a complete score yet.`);
    await expect.poll(async () => (await table.count()) + (await empty.count()), { timeout: 30_000 }).toBe(1);
    expect(await seriousViolations(gadgetFrame(page, 'top-of-backlog'))).toEqual([]);
    await screenshot(page, 'dashboard-top-of-backlog-theme');
    expect(errors).toEqual([]);
    await close();
  });
});

describe('the three gadgets beside the project page', () => {
  /** The first number in a text ("3 points in 1 issue" → 3; "19% (12.5 points)" → 19). */
  const numberIn = (text: string | null): number => Number(/-?\d+(?:\.\d+)?/.exec((text ?? '').replace(/,/g, ''))?.[0] ?? Number.NaN);
  const rowsOf = (table: Locator): Promise<string[][]> => table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent.trim())));

  it('show the same numbers as the project page: allocation, top of the ranked backlog, sprint readiness', async () => {
    for (const [gadgetId, configuration] of [['gadget-vision-alignment', { projectId: TL.id, refresh: 0 }], ['gadget-top-of-backlog', { projectId: TL.id, refresh: 0, top: 5 }], ['gadget-sprint-readiness', { boardId: '1', refresh: 0 }]] as const) {
      const saved = await fetch(`${stack.shell.url}/__shell/api/gadget-configuration`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ gadgetId, configuration }) });
      expect(saved.ok).toBe(true);
    }
    const { page, errors, close } = await openDashboard(PAT);
    const frameOf = (title: string): FrameLocator => page.frameLocator(`iframe[title="${title}"]`);
    const alignment = frameOf(TITLE).getByTestId('vision-alignment');
    const top = frameOf('Throughline top of the backlog').getByTestId('top-of-backlog');
    const sprint = frameOf('Throughline sprint readiness').getByTestId('sprint-readiness');
    await Promise.all([alignment, top, sprint].map((locator) => locator.waitFor({ timeout: 30_000 })));
    // Its visible table (the chart's own, for screen readers, gives the same figures).
    const gadgetThemes = await rowsOf(alignment.locator('table', { has: frameOf(TITLE).locator('caption', { hasText: 'Target and actual share' }) }));
    const gadgetTop = await rowsOf(top);
    const gadgetSprint = await sprint.locator('dd').allTextContents();

    // The project page, as the same user: the vision map's allocation (its chart's table), the
    // ranked backlog's first rows, and the sprint readiness summary.
    const base = `${stack.shell.url}/projects/TL/apps/throughline`;
    const app = page.frameLocator('iframe[title="Throughline"]');
    await page.goto(base);
    const allocation = app.locator('table', { has: page.locator('caption', { hasText: 'Allocation per theme' }) });
    await allocation.locator('tbody tr').first().waitFor({ state: 'attached', timeout: 30_000 });
    const pageThemes = await rowsOf(allocation);
    expect(gadgetThemes.map((row) => row[0])).toEqual(pageThemes.map((row) => row[0]));
    gadgetThemes.forEach((row, index) => {
      const other = pageThemes[index] ?? [];
      expect({ theme: row[0], open: numberIn(row[2] ?? ''), done: numberIn(row[3] ?? '') }).toEqual({ theme: other[0], open: numberIn(other[2] ?? ''), done: numberIn(other[3] ?? '') });
      if (row[0] !== 'Unaligned') expect(numberIn(row[1] ?? '')).toBe(numberIn(other[1] ?? ''));
    });

    await page.goto(`${base}/ranked-backlog`);
    const ranked = app.locator('tr[data-issue]');
    await ranked.first().waitFor({ timeout: 30_000 });
    const pageKeys = (await ranked.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-issue') ?? ''))).slice(0, gadgetTop.length);
    expect(gadgetTop.map((row) => /[A-Z]+-\d+/.exec(row[1] ?? '')?.[0])).toEqual(pageKeys);
    expect(gadgetTop.map((row) => numberIn(row[0] ?? ''))).toEqual(pageKeys.map((_, index) => index + 1));

    await page.goto(`${base}/sprint-readiness`);
    const summary = app.locator('.tl-summary');
    await summary.waitFor({ timeout: 30_000 });
    // "1 of 10 issues is ready (3 points ready, 28 points not ready)." and "… average velocity of 64.3 points …".
    const said = (await summary.textContent()) ?? '';
    const sentence = /(\d+) of (\d+) issues? (?:is|are) ready \(([\d.,]+) points? ready, ([\d.,]+) points? not ready\)/.exec(said.replace(/,(?=\d{3})/g, ''));
    if (sentence === null) throw new Error(`the sprint summary reads: ${said}`);
    const [, readyIssues, allIssues, readyPoints, notReadyPoints] = sentence.map(Number);
    expect({ readyPoints: numberIn(gadgetSprint[0] ?? ''), readyIssues: numberIn((gadgetSprint[0] ?? '').split(' in ')[1] ?? ''), notReadyPoints: numberIn(gadgetSprint[1] ?? ''), issues: numberIn((gadgetSprint[0] ?? '').split(' in ')[1] ?? '') + numberIn((gadgetSprint[1] ?? '').split(' in ')[1] ?? '') }).toEqual({ readyPoints, readyIssues, notReadyPoints, issues: allIssues });
    expect(said).toContain(`average velocity of ${String(numberIn(gadgetSprint[2] ?? ''))} points`);
    expect(errors).toEqual([]);
    await close();
  });
});
