/**
 * The daily recompute in the Jira shell: a product owner looks at a story due in eight days; the
 * toolbar's "Next day" moves the local clock a day ahead and runs the app's daily scheduled
 * triggers, as Forge would overnight; nobody edits the story, and its sidebar shows the higher
 * score (seven days left: within a week) and, under "How it moved", why: time passed. Screenshots
 * of both days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { localClock } from '../../dev/forge-runtime';
import type { Result, SaveResultView } from '../../src/contract';
import { ADA, PAT, contextAs, launchChromium, pageErrors, screenshot, sidebar, startStack } from './support';
import type { Stack } from './support';

let browser: Browser;
let stack: Stack;

const STORY = 'TL-60';
/** Thursday 5 March 2026, 06:00 UTC. */
const T0 = Date.UTC(2026, 2, 5, 6, 0);
/** The score is the due date's days-remaining value (13 within 7 days, 8 within 30). */
const DUE_DATE_CONFIG = { version: 1, model: { type: 'formula', formula: 'urgency', inputs: { urgency: { kind: 'date', fieldId: 'duedate' } } }, multiplyByStrategicWeight: false };

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startStack()]);
  localClock.setTo(T0);
  const saved = await stack.runtime.invokeResolver('project-settings', 'saveScoringConfig', { config: DUE_DATE_CONFIG, baseRevision: 0 }, { accountId: ADA }, { project: { id: '10000', key: 'TL', type: 'software' } });
  expect(saved.success && (saved.body as Result<SaveResultView>).ok).toBe(true);
  // Due in eight days (13 March), set the day before the test's "today" is over.
  stack.emulator.state.updateIssue(STORY, { duedate: '2026-03-13' }, ADA);
  await stack.runtime.whenIdle();
});

afterAll(async () => {
  localClock.reset();
  await browser.close();
  await stack.close();
});

describe('the daily recompute in the Jira shell', () => {
  it('raises the score of a story whose due date comes closer the next day, without anyone editing it', async () => {
    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${stack.shell.url}/browse/${STORY}`);
    await expect(page.locator('#clock-today').textContent()).resolves.toBe('Today (UTC): 2026-03-05');
    await expect(sidebar(page).getByTestId('score').textContent()).resolves.toBe('8');
    await screenshot(page, 'daily-recompute-before');

    await page.getByRole('button', { name: 'Next day' }).click();
    await page.waitForURL(`${stack.shell.url}/browse/${STORY}`);
    await expect(page.locator('#clock-today').textContent()).resolves.toBe('Today (UTC): 2026-03-06');
    await expect(sidebar(page).getByTestId('score').textContent()).resolves.toBe('13');
    // And the sidebar says why: time passed, nobody's edit.
    const newest = sidebar(page).getByTestId('history').getByTestId('history-entry').first();
    await newest.filter({ hasText: 'Time passed' }).waitFor({ timeout: 30_000 });
    await expect(newest.textContent()).resolves.toMatch(/Score 8 → 13/);
    await expect(newest.textContent()).resolves.toMatch(/Time passed: urgency 7 days remaining/);
    await screenshot(page, 'daily-recompute-next-day');
    // Nobody edited it: the story's last update is still the due date set the day before.
    expect(String(stack.emulator.state.findIssue(STORY)?.fields.updated)).toMatch(/^2026-03-05T/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
