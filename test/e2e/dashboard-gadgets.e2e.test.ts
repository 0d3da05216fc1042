/**
 * The Vision alignment gadget on a dashboard of the Jira shell: a product owner configures it by
 * keyboard in its edit view (a project picked from those she may browse, a refresh interval), sees
 * the vision and each theme's target against its share of open and done work, and after the vision
 * changes, Refresh (Jira's gadget refresh event) shows the new one. A viewer who may not browse the
 * project is told so and sees nothing of it. The Top of the backlog gadget lists the best-scored
 * open issues. axe-core finds no serious or critical violation, in light and dark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, FrameLocator, Page } from 'playwright-core';
import { seedDemoConfiguration } from '../../dev/demo-data/seed-configuration';
import { ADA, contextAs, launchChromium, NICK, pageErrors, PAT, screenshot, seriousViolations, startStack } from './support';
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

function gadgetFrame(page: Page): Frame {
  const frame = page.frames().find((candidate) => candidate.name().startsWith('frame-vision-alignment'));
  if (frame === undefined) throw new Error('the gadget frame is not on the page');
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
    const sprintSaved = await page.request.post(`${stack.shell.url}/__shell/api/gadget-configuration`, { data: { gadgetId: 'gadget-sprint-readiness', configuration: { projectId: TL.id, refresh: 0 } } });
    expect(sprintSaved.ok()).toBe(true);
    await page.reload();
    const sprint = page.frameLocator('iframe[title="Throughline sprint readiness"]').getByTestId('sprint-readiness');
    await sprint.waitFor({ timeout: 30_000 });
    await expect(sprint.textContent()).resolves.toMatch(/Ready.*points? in .*Not ready/);
    const sprintFrame = page.frames().find((candidate) => candidate.name().startsWith('frame-sprint-readiness'));
    if (sprintFrame === undefined) throw new Error('the Sprint readiness frame is not on the page');
    expect(await seriousViolations(sprintFrame)).toEqual([]);
    await screenshot(page, 'dashboard-gadgets');
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
