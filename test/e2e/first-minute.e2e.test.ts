/**
 * The first minute in a project nobody configured, in the browser: Pat opens a story of the demo's
 * team-managed project MOB on a site where nobody set Throughline up. The sidebar shows a score at
 * once, over the fields MOB's issues carry (no "Incomplete", no field id), and the rank appears once
 * the recompute that first view queued has filled "Priority score": no admin pressed Recompute.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { contextAs, launchChromium, pageErrors, PAT, screenshot, seriousViolations, sidebar, sidebarFrame, startStack } from './support';
import type { Stack } from './support';

let browser: Browser;
let stack: Stack;

const SCORE_FIELD = 'customfield_10100';

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startStack()]);
});

afterAll(async () => {
  await browser.close();
  await stack.close();
});

/** An open MOB story whose business value and story points are numbers: one the project's default can score. */
function scoreableMobStory(): string {
  for (const issue of stack.emulator.state.allIssues()) {
    if (issue.projectId !== '10001' || stack.emulator.state.statuses.get(issue.statusId)?.statusCategory.key === 'done') continue;
    if ((stack.emulator.state.issueTypes.get(issue.issueTypeId)?.hierarchyLevel ?? 0) !== 0) continue;
    if (typeof issue.fields.customfield_10050 === 'number' && typeof issue.fields.customfield_10016 === 'number') return issue.key;
  }
  throw new Error('the demo has no open MOB story with business value and story points');
}

describe('a project nobody configured, from its first view', () => {
  it('shows a score at once and the rank without anyone pressing Recompute', async () => {
    const key = scoreableMobStory();
    expect(stack.emulator.state.findIssue(key)?.fields[SCORE_FIELD] ?? null).toBeNull();
    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${stack.shell.url}/browse/${key}`);
    const panel = sidebar(page);
    await panel.getByTestId('breakdown').waitFor();
    const shown = (await panel.locator('body').textContent()) ?? '';
    expect(shown).not.toMatch(/Incomplete|customfield_|not set up yet|a custom field/);
    await expect(panel.getByTestId('model').textContent()).resolves.toMatch(/Value \/ effort/);
    await expect(panel.locator('[data-testid="breakdown"]').textContent()).resolves.toMatch(/Business Value[\s\S]*Story point estimate/);

    // The first view queued the project's recompute: once it has run, the field holds the score and the rank reads.
    await stack.runtime.whenIdle();
    expect(typeof stack.emulator.state.findIssue(key)?.fields[SCORE_FIELD]).toBe('number');
    await page.reload();
    await panel.getByTestId('rank').filter({ hasText: /#\d+ of \d+/ }).waitFor({ timeout: 30_000 });
    await expect(panel.getByTestId('rank').textContent()).resolves.not.toMatch(/Rank appears once/);
    expect(await seriousViolations(sidebarFrame(page))).toEqual([]);
    await screenshot(page, 'first-minute-mob');
    expect(errors).toEqual([]);
    await context.close();
  });
});
