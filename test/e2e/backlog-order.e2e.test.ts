/**
 * "Order the backlog by score" in the Jira shell, in Chromium, on the demo site after the app's
 * bulk recompute wrote every "Priority score": Pat (the product owner, Schedule issues on TL)
 * opens the preview from the keyboard, applies it (the board's backlog ends in the previewed
 * order), then undoes it (the order before is back). Screenshots of the preview and the result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { backlogOf } from '../../dev/jira-emulator/rank';
import type { Result } from '../../src/contract';
import { WSJF_CONFIG } from '../integration/settings/support';
import { ADA, PAT, contextAs, launchChromium, pageErrors, screenshot, startStack } from './support';
import type { Stack } from './support';

let browser: Browser;
let stack: Stack;

const TL = { id: '10000', key: 'TL', type: 'software' };

function backlogKeys(): string[] {
  const board = stack.emulator.state.boards.find((b) => b.id === 1);
  if (board === undefined) throw new Error('no board');
  return backlogOf(stack.emulator.state, board, { kind: 'app' }).map((issue) => issue.key);
}

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startStack()]);
  const saved = await stack.runtime.invokeResolver('project-settings', 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 }, { accountId: ADA }, { project: TL });
  if (!saved.success || !(saved.body as Result<unknown>).ok) throw new Error('could not save the scoring configuration');
  await stack.runtime.whenIdle();
}, 60_000);

afterAll(async () => {
  await browser.close();
  await stack.close();
});

describe('order the backlog by score', () => {
  it('previews, applies and undoes, from the keyboard', async () => {
    const before = backlogKeys();
    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${stack.shell.url}/projects/TL/apps/throughline/backlog`);
    const frame = page.frameLocator('iframe[title="Throughline"]');
    const open = frame.getByTestId('order-open');
    await open.waitFor({ timeout: 30_000 });
    await open.focus();
    await page.keyboard.press('Enter');
    const summary = frame.getByTestId('order-summary');
    await summary.waitFor({ timeout: 20_000 });
    expect(await summary.textContent()).toMatch(/issues? of \d+ would move, in \d+ rank calls? \(at most \d+/);
    expect(await frame.getByTestId('order-moves').locator('tbody tr').count()).toBeGreaterThan(0);
    await expect.poll(() => frame.getByTestId('order-incomplete').count()).toBe(1);
    await screenshot(page, 'backlog-order-preview');

    await frame.getByTestId('order-apply').click();
    const result = frame.getByTestId('order-result');
    await result.waitFor({ timeout: 20_000 });
    expect(await result.textContent()).toMatch(/Moved \d+ issues? in \d+ rank calls?\./);
    expect(backlogKeys()).not.toEqual(before);
    await screenshot(page, 'backlog-order-applied');

    await frame.getByTestId('order-undo').focus();
    await page.keyboard.press('Enter');
    const undone = frame.getByTestId('order-undone');
    await undone.waitFor({ timeout: 20_000 });
    expect(await undone.textContent()).toContain('The previous order is back');
    expect(backlogKeys()).toEqual(before);

    await page.keyboard.press('Escape');
    await expect.poll(() => frame.getByTestId('order-dialog').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
