/**
 * The scoring grid in the Jira shell, in Chromium: Pat, a product owner, opens the grid of TL's
 * issues whose score is incomplete and fills the missing inputs of 30 of them from the keyboard
 * alone (no mouse: the first cell is focused, then typing, Tab and Enter do the rest); each row's
 * score appears as its inputs are saved, Jira holds every value typed, and axe finds no serious
 * problem. Where the demo has fewer than 30 such issues, the test creates them in the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, FrameLocator } from 'playwright-core';
import type { ScoringGridPageView, ScoringGridRow } from '../../src/contract';
import { WSJF_CONFIG } from '../integration/settings/support';
import { ADA, contextAs, launchChromium, pageErrors, PAT, screenshot, seriousViolations, startStack } from './support';
import type { Stack } from './support';

const TL = { id: '10000', key: 'TL', type: 'software' };
const ROWS = 30;

let browser: Browser;
let stack: Stack;
let first: ScoringGridPageView;

async function gridPage(): Promise<ScoringGridPageView> {
  const result = await stack.runtime.invokeResolver('project-page', 'getScoringGridPage', {}, { accountId: PAT }, { project: TL });
  if (!result.success) throw new Error(result.error.message);
  const body = result.body as { ok: true; value: ScoringGridPageView } | { ok: false; error: { message: string } };
  if (!body.ok) throw new Error(body.error.message);
  return body.value;
}

/** A row the keyboard can complete: everything its score lacks is an input the grid edits. */
function fillable(view: ScoringGridPageView, row: ScoringGridRow): boolean {
  const editable = new Set(view.columns.filter((column) => ['number', 'date', 'choice'].includes(column.editor.kind)).map((column) => column.label));
  return row.outcome === 'incomplete' && row.missing.every((problem) => editable.has(problem.split(':')[0] ?? ''));
}

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startStack()]);
  // Ada, the project admin, chose WSJF over TL's SAFe fields (risk reduction a select); the recompute ran.
  const saved = await stack.runtime.invokeResolver('project-settings', 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 }, { accountId: ADA }, { project: TL });
  if (!saved.success || !(saved.body as { ok: boolean }).ok) throw new Error('the scoring configuration was not saved');
  await stack.runtime.whenIdle();
  first = await gridPage();
  const short = ROWS - first.rows.filter((row) => fillable(first, row)).length;
  // Fewer than 30 issues to fill in the demo: new stories with no inputs at all, as a backlog grows.
  for (let n = 0; n < short; n++) stack.emulator.state.createIssue({ projectKey: 'TL', issueType: 'Story', summary: `Story to score ${String(n + 1)}`, asAccountId: PAT });
  if (short > 0) first = await gridPage();
}, 120_000);

afterAll(async () => {
  await browser.close();
  await stack.close();
});

function gridFrame(frames: readonly Frame[]): Frame {
  const frame = frames.find((candidate) => candidate.url().includes('/__shell/resources/project-page/'));
  if (frame === undefined) throw new Error('the project page frame is not on the page');
  return frame;
}

/** What the focused element of the grid is: its data-cell, tag and value. */
async function focused(frame: FrameLocator): Promise<{ cell: string | null; tag: string; value: string }> {
  return frame.locator(':root').evaluate(() => {
    const element = document.activeElement as HTMLInputElement | HTMLSelectElement | null;
    return { cell: element?.getAttribute('data-cell') ?? null, tag: element?.tagName.toLowerCase() ?? '', value: element?.value ?? '' };
  });
}

describe('the scoring grid, from the keyboard', () => {
  it('is reached from the ranked backlog\'s incomplete scores, by keyboard', async () => {
    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${stack.shell.url}/projects/TL/apps/throughline/ranked-backlog`);
    const frame = page.frameLocator('iframe[title="Throughline"]');
    const link = frame.getByRole('button', { name: 'Fill in the missing inputs in the scoring grid' });
    await link.waitFor({ timeout: 30_000 });
    await link.focus();
    await page.keyboard.press('Enter');
    await frame.getByTestId('scoring-grid').waitFor({ timeout: 30_000 });
    await expect(frame.locator('[aria-current="page"]').textContent()).resolves.toBe('Scoring grid');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a product owner fills the missing inputs of 30 issues without the mouse, and their scores appear', async () => {
    const targets = first.rows.filter((row) => fillable(first, row)).slice(0, ROWS);
    expect(targets).toHaveLength(ROWS);
    const lastTarget = first.rows.indexOf(targets[targets.length - 1] as ScoringGridRow);
    const choices = new Map(first.columns.flatMap((column, index) => (column.editor.kind === 'choice' ? [[index, column.editor.choices[1] ?? column.editor.choices[0] ?? ''] as const] : [])));

    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${stack.shell.url}/projects/TL/apps/throughline/scoring-grid`);
    const frame = page.frameLocator('iframe[title="Throughline"]');
    await frame.getByTestId('scoring-grid').waitFor({ timeout: 30_000 });
    await expect(frame.locator('[aria-current="page"]').textContent()).resolves.toBe('Scoring grid');

    // The first editable cell gets the focus (as a keyboard user reaches it); from there only keys.
    await frame.locator('[data-cell^="0:"]').first().focus();
    const typed: { key: string; column: number; value: string }[] = [];
    for (let guard = 0; guard < 2_000; guard++) {
      const now = await focused(frame);
      if (now.cell === null) throw new Error(`the focus left the grid (on a ${now.tag})`);
      const [row, column] = now.cell.split(':').map(Number) as [number, number];
      if (row > lastTarget) break;
      if (now.value === '') {
        const value = now.tag === 'select' ? (choices.get(column) ?? '') : first.columns[column]?.editor.kind === 'date' ? '2027-01-15' : String((row % 8) + 2);
        // A select takes the typed name (type-ahead), an input the text.
        await page.keyboard.type(value);
        typed.push({ key: first.rows[row]?.key ?? '', column, value });
      }
      await page.keyboard.press('Tab');
    }
    expect(typed.length).toBeGreaterThanOrEqual(ROWS);
    await expect.poll(() => frame.getByTestId('grid-saving').textContent(), { timeout: 60_000 }).toBe('Every change is saved.');

    // Every target row shows its score (the list is windowed: each is scrolled into the window first), and Jira holds what was typed.
    const box = frame.locator('.tl-grid-box');
    for (const target of targets) {
      const index = first.rows.indexOf(target);
      await box.evaluate((element, [at, total]) => {
        element.scrollTop = (element.scrollHeight / total) * at - 100;
        element.dispatchEvent(new Event('scroll'));
      }, [index, first.rows.length] as const);
      const score = frame.locator(`tr[data-issue="${target.key}"] [data-testid="grid-score"]`);
      await expect.poll(() => score.textContent(), { timeout: 10_000 }).toMatch(/^[\d.,\s]+$/);
    }
    for (const { key, column, value } of typed) {
      const editor = first.columns[column]?.editor;
      if (editor === undefined || !('fieldId' in editor)) continue;
      const issue = stack.emulator.state.findIssue(key);
      if (issue === undefined) throw new Error(`no issue ${key}`);
      const held = (stack.emulator.state.render(issue, { kind: 'navigable' }).fields as Record<string, unknown>)[editor.fieldId];
      const text = typeof held === 'object' && held !== null ? (held as { value?: string; name?: string }).value ?? (held as { name?: string }).name : held;
      expect(String(text), `${key} ${editor.fieldId}`).toBe(editor.kind === 'number' ? String(Number(value)) : value);
    }

    // Enter goes down the column, Shift+Enter back up, Escape puts a value back.
    await box.evaluate((element) => {
      element.scrollTop = 0;
      element.dispatchEvent(new Event('scroll'));
    });
    await frame.locator('[data-cell="0:0"]').focus();
    await page.keyboard.press('Enter');
    expect((await focused(frame)).cell).toBe('1:0');
    await page.keyboard.press('Shift+Enter');
    expect((await focused(frame)).cell).toBe('0:0');
    const before = (await focused(frame)).value;
    await page.keyboard.type('999');
    await page.keyboard.press('Escape');
    expect((await focused(frame)).value).toBe(before);

    expect(await seriousViolations(gridFrame(page.frames()))).toEqual([]);
    await screenshot(page, 'scoring-grid');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
