/**
 * Why a priority moved, end to end: a product owner edits a story's estimate in the Jira shell's
 * issue view; the trigger recomputes the score as the app and records why; the sidebar's "How it
 * moved" says it in words (the date, from → to, "Job size changed from … to …"); the ranked
 * backlog's "What moved most since" lists the story with the same cause. Dark theme and axe-core
 * on the panel; a user who cannot browse the project sees no history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADA, contextAs, launchChromium, NICK, NOT_FOUND_MESSAGE, pageErrors, PAT, screenshot, seriousViolations, sidebar, sidebarFrame, startStack } from './support';
import type { Stack } from './support';

let browser: Browser;
let stack: Stack;

const TL = { id: '10000', key: 'TL', type: 'software' };
const SCORE_FIELD = 'customfield_10100';
const JOB_SIZE = 'customfield_10016';
const WSJF = {
  version: 1,
  model: {
    type: 'wsjf',
    inputs: {
      businessValue: { kind: 'number', fieldId: 'customfield_10050' },
      timeCriticality: { kind: 'number', fieldId: 'customfield_10051' },
      riskReduction: { kind: 'select', fieldId: 'customfield_10052', options: { None: 0, Low: 1, Medium: 3, High: 8, Critical: 13 } },
      jobSize: { kind: 'number', fieldId: JOB_SIZE },
    },
  },
};

/** An open TL story every WSJF input of which is set, and the estimate it has. */
function scoredStory(): { key: string; points: number } {
  for (const issue of stack.emulator.state.allIssues()) {
    if (issue.projectId !== TL.id || issue.issueTypeId !== '10001') continue;
    if (stack.emulator.state.statuses.get(issue.statusId)?.statusCategory.key === 'done') continue;
    if (typeof issue.fields[SCORE_FIELD] !== 'number' || typeof issue.fields[JOB_SIZE] !== 'number') continue;
    return { key: issue.key, points: issue.fields[JOB_SIZE] };
  }
  throw new Error('the demo has no scored open story');
}

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startStack()]);
  // Ada chooses WSJF in the settings: the background recompute scores TL and records each first value.
  const saved = await stack.runtime.invokeResolver('project-settings', 'saveScoringConfig', { config: WSJF, baseRevision: 0 }, { accountId: ADA }, { project: TL });
  expect(saved).toMatchObject({ success: true, body: { ok: true } });
  await stack.runtime.whenIdle();
});

afterAll(async () => {
  await browser.close();
  await stack.close();
});

describe('why a priority moved, in the Jira shell', () => {
  it('shows "How it moved" with the cause in words after the product owner edits the estimate in the issue view', async () => {
    const { key } = scoredStory();
    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${stack.shell.url}/browse/${key}`);
    const panel = sidebar(page);
    const history = panel.getByTestId('history');
    // Before: at least the first value the recompute wrote.
    await history.getByTestId('history-entry').first().waitFor({ timeout: 30_000 });
    const points = stack.emulator.state.findIssue(key)?.fields[JOB_SIZE] as number;
    const next = points === 13 ? 8 : 13;

    // The estimate, edited in the shell's issue view (as Pat, like any edit in Jira).
    await page.locator('#edit-points').fill(String(next));
    await page.locator('#edit-points').press('Enter');
    const cause = `Job size changed from "${String(points)}" to "${String(next)}"`;
    const newest = history.getByTestId('history-entry').first();
    await newest.filter({ hasText: cause }).waitFor({ timeout: 30_000 });
    const text = (await newest.textContent()) ?? '';
    // When (a date for people, not an ISO string), from → to, and why.
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(text).toMatch(/Score .+ → .+/);
    await expect(newest.locator('time').getAttribute('datetime')).resolves.toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await history.getByTestId('history-entry').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'issue-sidebar-how-it-moved');

    // Dark theme: live, the panel still readable, and axe-core finds no serious violation.
    await page.locator('#theme-toggle').click();
    await sidebarFrame(page).waitForFunction(() => document.documentElement.getAttribute('data-color-mode') === 'dark');
    await screenshot(page, 'issue-sidebar-how-it-moved-dark');
    expect(await seriousViolations(sidebarFrame(page))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();

    // The ranked backlog: what moved most since a week ago names the story and why.
    const owner = await contextAs(browser, stack.shell, PAT);
    const backlog = await owner.newPage();
    await backlog.goto(`${stack.shell.url}/projects/TL/apps/throughline/backlog`);
    const frame = backlog.frameLocator('iframe[title="Throughline"]');
    const moved = frame.getByTestId('moved-most');
    await moved.locator('summary').click();
    const row = moved.locator(`tr[data-issue="${key}"]`);
    await row.waitFor({ timeout: 30_000 });
    await expect(row.textContent()).resolves.toContain(cause);
    await screenshot(backlog, 'ranked-backlog-moved-most');
    await owner.close();
  });

  it("shows a user who cannot browse the project nothing of the issue's history", async () => {
    const { key } = scoredStory();
    const context = await contextAs(browser, stack.shell, NICK);
    const page = await context.newPage();
    await page.goto(`${stack.shell.url}/browse/${key}`);
    const panel = sidebar(page);
    await expect(panel.getByRole('alert').first().textContent()).resolves.toContain(NOT_FOUND_MESSAGE);
    expect(await panel.getByTestId('history').count()).toBe(0);
    await expect(page.locator('body').textContent()).resolves.not.toContain('How it moved');
    await context.close();
  });
});
