/**
 * "Order the backlog by score" in the Jira shell, in Chromium, on the demo site after the app's
 * bulk recompute wrote every "Priority score". Pat (the product owner, Schedule issues on TL) does
 * everything from the keyboard: opens the dialog, picks the "Web and mobile" board (whose filter
 * spans MOB) in the board picker, previews (MOB's issues keep their places, said so), applies (the
 * board's backlog ends in the previewed order), undoes (the order before is back), then previews
 * the top 20 of the other board and closes with Escape. In the dark theme: the boards failing to
 * load (a sentence and a retry), the picker, and no serious accessibility violation.
 * Screenshots of the picker, the preview, the result and the dark picker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, FrameLocator, Page } from 'playwright-core';
import { backlogOf } from '../../dev/jira-emulator/rank';
import type { Result } from '../../src/contract';
import { WSJF_CONFIG } from '../integration/settings/support';
import { ADA, PAT, contextAs, launchChromium, pageErrors, screenshot, seriousViolations, startStack } from './support';
import type { Stack } from './support';

let browser: Browser;
let stack: Stack;

const TL = { id: '10000', key: 'TL', type: 'software' };
const SPANNING_BOARD = 3;

function backlogKeys(boardId: number): string[] {
  const board = stack.emulator.state.boards.find((b) => b.id === boardId);
  if (board === undefined) throw new Error('no board');
  return backlogOf(stack.emulator.state, board, { kind: 'app' }).map((issue) => issue.key);
}

function pageFrame(page: Page): Frame {
  const frame = page.frames().find((candidate) => candidate.url().includes('/__shell/resources/project-page/'));
  if (frame === undefined) throw new Error('the project page frame is not on the page');
  return frame;
}

async function focusedTestId(frame: FrameLocator): Promise<string | null> {
  return frame.locator('body').evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

/** A full-page screenshot with the whole frame painted: Chromium paints a frame only within the viewport, so the viewport becomes the page. */
async function shot(page: Page, name: string): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.min(Math.max(height, 960), 4200) });
  await page.waitForTimeout(200);
  await screenshot(page, name);
}

/** Relative luminance of a CSS rgb() colour, 0 (black) to 1 (white). */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
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
  it('picks a board, previews, applies and undoes, then previews the top 20 of another board: all from the keyboard', async () => {
    const before = backlogKeys(SPANNING_BOARD);
    const mob = before.flatMap((key, at) => (key.startsWith('MOB-') ? [{ key, at }] : []));
    expect(mob.length).toBeGreaterThan(0);
    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${stack.shell.url}/projects/TL/apps/throughline/backlog`);
    const frame = page.frameLocator('iframe[title="Throughline"]');
    const open = frame.getByTestId('order-open');
    await open.waitFor({ timeout: 30_000 });
    await open.focus();
    await page.keyboard.press('Enter');

    // Two boards of TL that Pat can see: the picker waits for a choice, with the focus on it.
    const board = frame.getByTestId('order-board');
    await board.waitFor({ timeout: 20_000 });
    await expect.poll(() => focusedTestId(frame)).toBe('order-board');
    expect(await board.locator('option').allTextContents()).toEqual(['TL board (scrum board of TL)', 'Web and mobile (kanban board of TL)']);
    expect(await frame.getByTestId('order-summary').count()).toBe(0);
    await shot(page, 'backlog-order-picker');
    await page.keyboard.press('ArrowDown');
    expect(await board.inputValue()).toBe(String(SPANNING_BOARD));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusedTestId(frame)).toBe('order-preview');
    await page.keyboard.press('Enter');

    const summary = frame.getByTestId('order-summary');
    await summary.waitFor({ timeout: 20_000 });
    expect(await summary.textContent()).toMatch(/issues? of \d+ would move, in \d+ rank calls? \(at most \d+/);
    await expect(frame.getByRole('heading', { name: 'Order the backlog of Web and mobile by score' }).count()).resolves.toBe(1);
    expect(await frame.getByTestId('order-note').allTextContents()).toContain(`The board "Web and mobile" also holds issues of MOB: only TL's issues are ordered, relative to each other; the ${String(mob.length)} issues of MOB keep their places.`);
    const moved = await frame.getByTestId('order-moves').locator('tbody tr td:first-child').allTextContents();
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.filter((key) => !key.startsWith('TL-'))).toEqual([]);
    await shot(page, 'backlog-order-preview');

    await frame.getByTestId('order-apply').focus();
    await page.keyboard.press('Enter');
    const result = frame.getByTestId('order-result');
    await result.waitFor({ timeout: 20_000 });
    expect(await result.textContent()).toMatch(/Moved \d+ issues? of the backlog of Web and mobile in \d+ rank calls?\./);
    // The outcome has the focus: Tab reaches Undo.
    await expect.poll(() => focusedTestId(frame)).toBe('order-result');
    const after = backlogKeys(SPANNING_BOARD);
    expect(after).not.toEqual(before);
    for (const { key, at } of mob) expect(after[at]).toBe(key);
    await shot(page, 'backlog-order-applied');

    await page.keyboard.press('Tab');
    expect(await focusedTestId(frame)).toBe('order-undo');
    await page.keyboard.press('Enter');
    const undone = frame.getByTestId('order-undone');
    await undone.waitFor({ timeout: 20_000 });
    expect(await undone.textContent()).toContain('The previous order of Web and mobile is back');
    expect(backlogKeys(SPANNING_BOARD)).toEqual(before);

    // The other board, only its top 20: Enter in the number previews.
    await board.focus();
    await page.keyboard.press('ArrowUp');
    expect(await board.inputValue()).toBe('1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('20');
    await page.keyboard.press('Enter');
    await expect(frame.getByRole('heading', { name: 'Order the backlog of TL board by score' }).waitFor({ timeout: 20_000 })).resolves.toBeUndefined();
    expect(await frame.getByTestId('order-summary').textContent()).toMatch(/ of 20 would move|The 20 issues considered/);
    expect(await frame.getByTestId('order-note').count()).toBe(0);

    await page.keyboard.press('Escape');
    await expect.poll(() => frame.getByTestId('order-dialog').count()).toBe(0);
    await expect.poll(() => focusedTestId(frame)).toBe('order-open');
    expect(backlogKeys(SPANNING_BOARD)).toEqual(before);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('dark theme: the boards failing to load say so with a retry; the picker is on dark tokens, with no serious accessibility violation', async () => {
    const context = await contextAs(browser, stack.shell, PAT, 'dark');
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${stack.shell.url}/projects/TL/apps/throughline/backlog`);
    const frame = page.frameLocator('iframe[title="Throughline"]');
    const open = frame.getByTestId('order-open');
    await open.waitFor({ timeout: 30_000 });
    stack.emulator.setFaults({ serverErrors: { rate: 1, status: 500, endpoints: ['GET /rest/agile/1.0/board'] } });
    try {
      await open.focus();
      await page.keyboard.press('Enter');
      const alert = frame.getByTestId('order-dialog').getByRole('alert');
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.textContent()).toMatch(/^Jira could not give the project's boards/);
      expect(await alert.textContent()).not.toMatch(/\bat \S+:\d+|Error:|\.ts\b/);
      stack.emulator.setFaults({});
      await alert.getByRole('button', { name: 'Try again' }).focus();
      await page.keyboard.press('Enter');
    } finally {
      stack.emulator.setFaults({});
    }
    await frame.getByTestId('order-board').waitFor({ timeout: 20_000 });
    // The dialog's own background is a translucent neutral over the page's: the page and the select are what is measured.
    const colours = await frame.getByTestId('order-dialog').evaluate((dialog) => {
      const select = dialog.querySelector('select');
      return { page: getComputedStyle(document.body).backgroundColor, select: select === null ? '' : getComputedStyle(select).backgroundColor, text: getComputedStyle(dialog).color };
    });
    expect(luminance(colours.page)).toBeLessThan(0.2);
    expect(luminance(colours.select)).toBeLessThan(0.2);
    expect(luminance(colours.text)).toBeGreaterThan(0.5);
    await shot(page, 'backlog-order-picker-dark');
    expect(await seriousViolations(pageFrame(page))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
