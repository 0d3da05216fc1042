/**
 * The ranked backlog in the Jira shell, in Chromium, on a scale project (2,000 issues) whose
 * "Priority score" values are set as the app's background writes them: the first 100 rows come
 * from one call, scrolling the list brings the next pages, appended, and no row that appeared ever
 * moves: every rank shown is the rank of that issue in the whole backlog, before and after. "Load
 * more" does the same from the keyboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, FrameLocator } from 'playwright-core';
import { generateScaleDataset, SCALE_PROJECT_ID } from '../../dev/demo-data/generate-scale';
import type { RankedBacklogView } from '../../src/contract';
import { scoreScaleProject } from '../integration/support/scale-scores';
import { contextAs, launchChromium, pageErrors, screenshot, startStack } from './support';
import type { Stack } from './support';

const dataset = generateScaleDataset({ issues: 2_000, epics: 60, realTexts: false });
const project = dataset.projects.find((candidate) => candidate.id === SCALE_PROJECT_ID) ?? dataset.projects[0];
const user = Object.entries(dataset.permissions[project?.key ?? ''] ?? {}).find(([, granted]) => granted.includes('BROWSE_PROJECTS'))?.[0] ?? '';

let browser: Browser;
let stack: Stack;
let oracle: RankedBacklogView;

beforeAll(async () => {
  if (project === undefined || user === '') throw new Error('the scale dataset has no project or user');
  [browser, stack] = await Promise.all([launchChromium(), startStack({ dataset })]);
  oracle = await scoreScaleProject(stack.runtime, stack.emulator, { accountId: user }, { id: project.id, key: project.key });
});

afterAll(async () => {
  await browser.close();
  await stack.close();
});

/** The rows in the DOM (the list is windowed): each issue key with the rank shown for it. */
async function shownRows(frame: FrameLocator): Promise<[string, string][]> {
  return frame.locator('table.tl-table tbody tr[data-issue]').evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-issue') ?? '', row.querySelector('td')?.textContent ?? '']));
}

async function rowsShownCount(frame: FrameLocator): Promise<number> {
  const text = (await frame.getByTestId('backlog-status').textContent()) ?? '';
  // "Showing the first 100 ranked issues; more load as you scroll." / "Showing all 312 ranked issues."
  return Number(/([\d,]+) ranked issue/.exec(text)?.[1]?.replace(/,/g, '') ?? '0');
}

describe('the ranked backlog, scrolled', () => {
  it('appends pages as the list scrolls and never moves a row that appeared', async () => {
    expect(oracle.ranked.length).toBeGreaterThan(300);
    const rankOf = new Map(oracle.ranked.map((row) => [row.key, String(row.rank)]));
    const context = await contextAs(browser, stack.shell, user);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${stack.shell.url}/projects/${project?.key ?? ''}/apps/throughline/backlog`);
    const frame = page.frameLocator('iframe[title="Throughline"]');
    await frame.locator('table.tl-table tbody tr[data-issue]').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => rowsShownCount(frame), { timeout: 20_000 }).toBeGreaterThanOrEqual(90);
    const first = await rowsShownCount(frame);
    expect(first).toBeLessThanOrEqual(100);
    const before = await shownRows(frame);
    expect(before.length).toBeGreaterThan(0);
    for (const [key, rank] of before) expect(rank, key).toBe(rankOf.get(key));

    // Scrolling the list's box to its end asks for the next page; its rows come after the others.
    const box = frame.locator('.tl-window').first();
    for (let n = 0; n < 2; n++) {
      const count = await rowsShownCount(frame);
      await box.evaluate((element) => {
        element.scrollTop = element.scrollHeight;
        element.dispatchEvent(new Event('scroll'));
      });
      await expect.poll(() => rowsShownCount(frame), { timeout: 20_000 }).toBeGreaterThan(count);
      for (const [key, rank] of await shownRows(frame)) expect(rank, key).toBe(rankOf.get(key));
    }
    // Back at the top: the first rows are where they were.
    await box.evaluate((element) => {
      element.scrollTop = 0;
      element.dispatchEvent(new Event('scroll'));
    });
    await expect.poll(async () => (await shownRows(frame)).slice(0, 10)).toEqual(before.slice(0, 10));

    // "Load more" from the keyboard.
    const count = await rowsShownCount(frame);
    const more = frame.getByRole('button', { name: 'Load more ranked issues' });
    await more.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rowsShownCount(frame), { timeout: 20_000 }).toBeGreaterThan(count);
    for (const [key, rank] of await shownRows(frame)) expect(rank, key).toBe(rankOf.get(key));
    await screenshot(page, 'project-page-backlog-scrolled');
    expect(errors).toEqual([]);
    await context.close();
  });
});
