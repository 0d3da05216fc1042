/**
 * The issue sidebar's harder inputs, in the Jira shell with real Chromium: a multi-select score
 * input set by keyboard as the user (and an option an admin deletes while the editor is open,
 * refused in words), extreme values that stay readable without pushing the breakdown's columns
 * out, the trace's separators and the strategic weight's source in words; dark theme and axe-core.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createSettingsRepository } from '../../src/storage';
import { forgeKvs } from '../../src/storage/forge-kvs';
import { adoptDemoThemes } from '../integration/support/epic-themes';
import { SEGMENT, SEGMENTS_FIELD, SEGMENTS_SCORING, withCustomerSegments } from '../integration/support/customer-segments';
import { contextAs, demoDataset, launchChromium, pageErrors, PAT, REPO_ROOT, screenshot, seriousViolations, sidebar, sidebarFrame, startStack } from './support';
import type { Stack } from './support';

let browser: Browser;
let stack: Stack;

const STORY_POINTS = 'customfield_10016';
const PUT = 'PUT /rest/api/3/issue/{issueIdOrKey}';

/** The demo with "Customer segments" on TL-63, and two issues whose story points are extreme. */
function dataset(): never {
  const data = withCustomerSegments(demoDataset(), ['TL-63', 'TL-66', 'TL-67']) as unknown as { issues: { key: string; fields: Record<string, unknown> }[] };
  for (const issue of data.issues) {
    if (issue.key === 'TL-66') issue.fields[STORY_POINTS] = 0.00000001;
    if (issue.key === 'TL-67') issue.fields[STORY_POINTS] = 1e12;
  }
  return data as never;
}

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startStack({ dataset: dataset() })]);
  await stack.runtime.runAs('app', async () => {
    const settings = createSettingsRepository(forgeKvs());
    await settings.save('10000', 'scoring', SEGMENTS_SCORING, { baseRevision: 0, actor: 'app' });
    await settings.save(
      '10000',
      'strategy',
      {
        schemaVersion: 1,
        revision: 0,
        vision: { statement: 'Every team ships what matters most, and knows why: a vision long enough that the trace wraps in a narrow sidebar.', targetCustomers: '', goals: [] },
        themes: [
          { id: 'theme-onboarding', name: 'Effortless onboarding for every new team', horizon: 'now', strategicWeight: 1 },
          { id: 'theme-insights', name: 'Decisions from data', horizon: 'now', strategicWeight: 1 },
          { id: 'theme-collaboration', name: 'Work together', horizon: 'next', archived: true },
        ],
      },
      { baseRevision: 0, actor: 'app' },
    );
  });
  await adoptDemoThemes(stack.runtime, stack.emulator, '10000');
});

afterAll(async () => {
  await browser.close();
  await stack.close();
});

describe('the issue sidebar: multi-selects, extreme values, words', () => {
  it('Pat sets a multi-select input by keyboard; an option deleted meanwhile is refused in words and leaves the list', async () => {
    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${stack.shell.url}/browse/TL-63`);
    const panel = sidebar(page);
    const row = panel.locator('[data-testid="breakdown"] tbody tr[data-input="value"]');
    // The first page of a fresh stack loads the app cold.
    await row.waitFor({ timeout: 60_000 });
    await expect(row.textContent()).resolves.toMatch(/Customer value\s*Customer segments\s*Enterprise, Small business/);

    // Keyboard only: the row's Edit button, then Tab and Space through the checkboxes, Tab to Save, Enter.
    await panel.getByTestId('edit-value').focus();
    await page.keyboard.press('Enter');
    const editor = panel.getByTestId('input-editor');
    await editor.waitFor();
    await expect(editor.getByRole('checkbox', { name: 'Enterprise' }).evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    expect(await editor.getByRole('checkbox', { checked: true }).allTextContents()).toHaveLength(2);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(editor.getByTestId('options-hint').textContent()).resolves.toBe('4 of 4 chosen.');
    copyFileSync(await screenshot(page, 'issue-sidebar-multi-select'), join(REPO_ROOT, 'docs/screenshots/issue-sidebar-multi-select.png'));
    const puts = stack.emulator.callCount(PUT);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await editor.waitFor({ state: 'detached' });
    await expect(row.textContent()).resolves.toContain('Enterprise, Mid-market, Small business, Public sector');
    expect(stack.emulator.callCount(PUT)).toBe(puts + 1);
    // 8 + 5 + 3 + 5 = 21 over TL-63's 13 story points.
    await expect(panel.getByTestId('score').textContent()).resolves.toBe('1.62');

    // An admin deletes "Public sector" while Pat's editor is open: Pat's save is refused in words, nothing is written, the list is read again.
    await panel.getByTestId('edit-value').click();
    await editor.waitFor();
    await editor.getByRole('checkbox', { name: 'Small business' }).uncheck();
    stack.emulator.state.removeFieldOption(SEGMENTS_FIELD, SEGMENT.publicSector.id);
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(editor.getByRole('alert').textContent()).resolves.toMatch(/^An option you chose is no longer one of Customer segments's options in Jira/);
    expect(stack.emulator.callCount(PUT)).toBe(puts + 1);
    await editor.getByRole('checkbox', { name: 'Public sector' }).waitFor({ state: 'detached' });
    // Jira took the deleted option off the issues too: Enterprise and Mid-market stay chosen of the three left.
    await expect(editor.getByTestId('options-hint').textContent()).resolves.toBe('2 of 3 chosen.');
    await screenshot(page, 'issue-sidebar-multi-select-refused');
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a story point estimate of 0.00000001 and one of 1e12: scores readable, never 0, and every column inside the panel', async () => {
    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    for (const [key, used, score] of [
      ['TL-66', '1E-8', /^\d+(\.\d+)?[MBT]$/],
      ['TL-67', '1T', /^\d+(\.\d+)?E-\d+$/],
    ] as const) {
      await page.goto(`${stack.shell.url}/browse/${key}`);
      const panel = sidebar(page);
      await panel.getByTestId('trace').waitFor();
      const shown = (await panel.getByTestId('score').textContent()) ?? '';
      expect(shown, key).toMatch(score);
      await expect(panel.getByTestId('score').getAttribute('title')).resolves.toMatch(/\d/);
      const effort = panel.locator('[data-testid="breakdown"] tbody tr[data-input="effort"] td');
      // The raw value, then the Edit button.
      await expect(effort.nth(0).textContent()).resolves.toBe(`${used}Edit Effort`);
      await expect(effort.nth(1).textContent()).resolves.toBe(used);
      const frame = sidebarFrame(page);
      const overflow = await frame.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const cells = [...document.querySelectorAll('[data-testid="breakdown"] th, [data-testid="breakdown"] td, [data-testid="score"]')];
        return { scroll: document.documentElement.scrollWidth - width, outside: cells.filter((cell) => cell.getBoundingClientRect().right > width + 0.5).map((cell) => cell.textContent) };
      });
      expect(overflow, key).toEqual({ scroll: 0, outside: [] });
      await screenshot(page, `issue-sidebar-extreme-${key}`);
    }
    await context.close();
  });

  it("the trace never starts a line with '›'; the strategic weight says where it comes from, not as a Jira value; dark theme and axe-core", async () => {
    const context = await contextAs(browser, stack.shell, PAT, 'dark');
    const page = await context.newPage();
    await page.goto(`${stack.shell.url}/browse/TL-69`);
    const panel = sidebar(page);
    await panel.getByTestId('trace').waitFor();
    const frame = sidebarFrame(page);
    await frame.waitForFunction(() => document.documentElement.getAttribute('data-color-mode') === 'dark');
    const separators = await frame.evaluate(() =>
      [...document.querySelectorAll('[data-testid="trace"] li')].map((item) => ({ before: getComputedStyle(item, '::before').content, after: getComputedStyle(item, '::after').content })),
    );
    expect(separators.length).toBeGreaterThanOrEqual(3);
    // Each separator ends the item before it (glued by a no-break space); none opens an item, so none can open a line.
    for (const separator of separators.slice(0, -1)) expect(separator).toEqual({ before: 'none', after: expect.stringContaining('\u00a0›') as unknown });
    expect(separators.at(-1)?.after).toBe('none');
    const weight = panel.locator('[data-testid="breakdown"] tbody tr[data-input="strategicWeight"]');
    await expect(weight.locator('td').first().textContent()).resolves.toBe('from the theme “Effortless onboarding for every new team” on the project page');
    await expect(weight.locator('.tl-input-field').textContent()).resolves.toBe('not a Jira field');
    await screenshot(page, 'issue-sidebar-inputs-dark');
    expect(await seriousViolations(frame)).toEqual([]);
    // The source's link opens the project page through Jira's router.
    await Promise.all([page.waitForURL(/\/projects\/TL\/apps\/throughline/), weight.getByRole('button', { name: 'project page' }).click()]);
    await context.close();
  });
});
