/**
 * The project settings page end to end, in the Jira shell: the built resource in the settings
 * page's frame, the resolvers checking the project admin as the user. An admin changes the model,
 * saves, the recompute runs to done, and Jira's search ordered by the score field agrees; a
 * formula error shows its position; a non-admin gets words; a stale save is refused.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, FrameLocator, Page } from 'playwright-core';
import { ADA, contextAs, launchChromium, NICK, pageErrors, PAT, REPO_ROOT, screenshot, seriousViolations, startStack } from './support';
import type { Stack } from './support';

let browser: Browser;
let stack: Stack;

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startStack()]);
});

afterAll(async () => {
  await browser.close();
  await stack.close();
});

function app(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Throughline"]');
}

function settingsFrame(page: Page): Frame {
  const frame = page.frames().find((candidate) => candidate.url().includes('/__shell/resources/settings/'));
  if (frame === undefined) throw new Error('the settings frame is not on the page');
  return frame;
}

async function open(accountId: string, project = 'TL', theme: 'light' | 'dark' = 'light'): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await contextAs(browser, stack.shell, accountId, theme);
  const page = await context.newPage();
  const errors = pageErrors(page);
  await page.goto(`${stack.shell.url}/projects/${project}/settings`);
  return { page, errors, close: () => context.close() };
}

/** Makes the viewport as tall as the page: Chromium paints a frame only within it. */
async function settled(page: Page): Promise<void> {
  await page.waitForTimeout(300);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.min(Math.max(height, 960), 8000) });
  await page.waitForTimeout(300);
}

/** Jira's search as the app, ordered by the app's score field. */
async function searchByScore(fieldId: string): Promise<{ key: string; score: unknown }[]> {
  const number = /^customfield_(\d+)$/.exec(fieldId)?.[1];
  if (number === undefined) throw new Error(`the score field id ${fieldId} is not a custom field id`);
  const found: { key: string; score: unknown }[] = [];
  let nextPageToken: string | undefined;
  do {
    const response = await fetch(`${stack.emulator.url}/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-emulator-as-app': 'true' },
      body: JSON.stringify({ jql: `project = TL AND cf[${number}] IS NOT EMPTY ORDER BY cf[${number}] DESC`, fields: [fieldId], maxResults: 100, nextPageToken }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { issues: { key: string; fields: Record<string, unknown> }[]; nextPageToken?: string };
    found.push(...body.issues.map((issue) => ({ key: issue.key, score: issue.fields[fieldId] })));
    nextPageToken = body.nextPageToken;
  } while (nextPageToken !== undefined);
  return found;
}

function parseShown(text: string): number {
  return Number(text.replace(/,/g, ''));
}

describe('the project settings page in the Jira shell (demo data)', () => {
  it('shows a custom formula error at its position as one types', async () => {
    const { page, errors, close } = await open(ADA);
    const frame = app(page);
    // The defaults read a risk-reduction field this site does not have: shown as broken, by path.
    await frame.getByText('scoring.model.inputs.riskReduction.fieldId').waitFor({ timeout: 20_000 });
    // Map it to the site's select field: its options get numbers, 1 to 5, editable; issues then score.
    await frame.locator('#input-riskReduction').selectOption('customfield_10052');
    const options = frame.locator('.tl-option-table input[type="number"]');
    await expect(options.count()).resolves.toBe(5);
    await expect(options.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).resolves.toEqual(['1', '2', '3', '4', '5']);
    await options.first().fill('8');
    await frame.locator('[data-testid="score-preview"] tbody td.tl-num .tl-score-cell').first().waitFor({ timeout: 20_000 });
    await frame.locator('#model').selectOption('formula');
    const formula = frame.locator('#formula');
    // The inputs of WSJF carry over: businessValue, timeCriticality, riskReduction, jobSize.
    await formula.fill('businessValue / (jobSize');
    const error = frame.getByTestId('formula-error');
    await error.waitFor({ timeout: 20_000 });
    await expect(error.textContent()).resolves.toMatch(/never closed.*column 17/);
    await expect(frame.locator('.tl-formula-caret').textContent()).resolves.toBe(`businessValue / (jobSize\n${' '.repeat(16)}^`);
    await screenshot(page, 'settings-formula-error');
    await formula.fill('businessValue / jobSize');
    await frame.getByTestId('formula-ok').waitFor({ timeout: 20_000 });
    await frame.getByText('On screen: Business value ÷ Job size', { exact: false }).waitFor({ timeout: 20_000 });
    // Every model previews (or says what to fix) without a crash.
    for (const model of ['rice', 'ice', 'weighted', 'value-effort', 'wsjf']) {
      await frame.locator('#model').selectOption(model);
      await page.waitForTimeout(500);
      await frame.locator('[data-testid="score-preview"]:not(.tl-stale *), [data-testid="preview-invalid"]').first().waitFor({ timeout: 20_000 });
    }
    expect(errors).toEqual([]);
    await close();
  });

  it('saves a new model, recomputes every issue, and Jira search by the score field shows the new scores', async () => {
    const { page, errors, close } = await open(ADA);
    const frame = app(page);
    await frame.locator('#model').selectOption('value-effort');
    const preview = frame.getByTestId('score-preview');
    await preview.waitFor({ timeout: 20_000 });
    await frame.getByText('On screen: Value ÷ Effort', { exact: false }).waitFor({ timeout: 20_000 });
    // The preview's "with your changes" column, by issue.
    const rows = await preview.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('.tl-issue-key')?.textContent ?? '', tr.querySelectorAll('td')[1]?.textContent ?? '']));
    expect(rows.length).toBe(10);
    await frame.getByRole('button', { name: 'Save scoring' }).click();
    await frame.getByText('Saved. Every issue of the project is being recomputed with it.').waitFor({ timeout: 20_000 });
    await frame.locator('[data-status="done"]').waitFor({ timeout: 60_000 });
    await expect(frame.getByTestId('recompute-status').textContent()).resolves.toMatch(/^Done: [\d,]+ issues recomputed, [\d,]+ changed/);
    await expect(frame.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('100');
    await settled(page);
    await screenshot(page, 'settings-light');
    mkdirSync(join(REPO_ROOT, 'docs/screenshots'), { recursive: true });
    copyFileSync(join(REPO_ROOT, 'test-results/settings-light.png'), join(REPO_ROOT, 'docs/screenshots/settings.png'));

    const scoreField = stack.emulator.state.fields.find((field) => field.name === 'Priority score')?.id;
    expect(scoreField).toBeDefined();
    const found = await searchByScore(scoreField ?? '');
    expect(found.length).toBeGreaterThan(0);
    const scores = found.map((issue) => issue.score as number);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // Every issue the preview scored shows that score in Jira now.
    const byKey = new Map(found.map((issue) => [issue.key, issue.score as number]));
    let compared = 0;
    for (const [key, shown] of rows) {
      const value = parseShown(shown ?? '');
      if (Number.isNaN(value) || key === undefined) continue;
      expect(byKey.get(key)).toBeCloseTo(value, 1);
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
    // The shell's issue list shows the same values in its "Priority score" column.
    await page.goto(`${stack.shell.url}/projects/TL`);
    for (const [key, shown] of rows) {
      if (key === undefined || Number.isNaN(parseShown(shown ?? ''))) continue;
      await expect(page.locator(`[data-score-of="${key}"]`).textContent()).resolves.toBe(shown);
    }
    expect(errors).toEqual([]);
    await close();
  });

  it('saves readiness rules with their preview counts, exports and imports the configuration, in the dark theme, without serious accessibility violations', async () => {
    const { page, errors, close } = await open(ADA, 'TL', 'dark');
    const frame = app(page);
    const rules = frame.getByTestId('readiness-rules');
    await rules.waitFor({ timeout: 20_000 });
    await frame.getByText(/^Of [\d,]+ open issues/).waitFor({ timeout: 20_000 });
    // Turn "Written as a user story" off with the keyboard; its count says "off".
    const checkbox = frame.getByRole('checkbox', { name: 'Written as a user story' });
    await checkbox.focus();
    await page.keyboard.press('Space');
    await expect(checkbox.isChecked()).resolves.toBe(false);
    await frame.getByLabel('At most (points)').fill('5');
    await frame.getByRole('button', { name: 'Save readiness rules' }).click();
    await frame.getByText('Saved. Every issue of the project is being recomputed with it.').waitFor({ timeout: 20_000 });
    await frame.locator('[data-status="done"]').waitFor({ timeout: 60_000 });

    const download = page.waitForEvent('download');
    await frame.getByRole('button', { name: 'Export configuration' }).click();
    const file = await download;
    const path = await file.path();
    const exported = JSON.parse(readFileSync(path, 'utf8')) as { format: string; readiness: { rules: Record<string, { enabled: boolean; maxPoints?: number }> } };
    expect(exported.format).toBe('throughline-configuration');
    expect(exported.readiness.rules['user-story-form']?.enabled).toBe(false);
    expect(exported.readiness.rules['estimate-small']?.maxPoints).toBe(5);

    // Garbage is refused in words; the exported file imports.
    await frame.getByTestId('import-file').setInputFiles({ name: 'garbage.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "nope"') });
    await frame.getByText(/^Nothing was imported: /).waitFor({ timeout: 20_000 });
    await frame.getByTestId('import-file').setInputFiles(path);
    await frame.getByText(/^Imported/).waitFor({ timeout: 20_000 });
    await frame.locator('[data-status="done"]').waitFor({ timeout: 60_000 });
    await settled(page);
    await screenshot(page, 'settings-dark');
    expect(await seriousViolations(settingsFrame(page))).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('tells users who are not project admins that only project admins may change the settings', async () => {
    for (const user of [PAT, NICK]) {
      const { page, close } = await open(user);
      const frame = app(page);
      const message = frame.getByTestId('not-admin');
      await message.waitFor({ timeout: 20_000 });
      await expect(message.textContent()).resolves.toMatch(/only project admins/i);
      await expect(frame.locator('#model').count()).resolves.toBe(0);
      if (user === PAT) await screenshot(page, 'settings-not-admin');
      await close();
    }
  });

  it('runs "Recompute now" with a progress bar that reaches done, with Jira answering slowly', async () => {
    stack.emulator.setLatency(150);
    try {
      const { page, errors, close } = await open(ADA);
      const frame = app(page);
      const button = frame.getByRole('button', { name: 'Recompute now' });
      await button.click();
      await frame.locator('[data-status="running"]').waitFor({ timeout: 20_000 });
      await expect(button.isDisabled()).resolves.toBe(true);
      await frame.locator('[data-status="done"]').waitFor({ timeout: 90_000 });
      await expect(frame.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('100');
      await expect(frame.getByTestId('recompute-status').textContent()).resolves.toMatch(/^Done: 218 issues recomputed, 0 changed\.$/);
      expect(errors).toEqual([]);
      await close();
    } finally {
      stack.emulator.setLatency(0);
    }
  });

  it('refuses a save based on an older revision, and reloads the other admin\'s version', async () => {
    const first = await open(ADA);
    const second = await open(ADA);
    const one = app(first.page);
    const two = app(second.page);
    await Promise.all([one.locator('#model').waitFor({ timeout: 20_000 }), two.locator('#model').waitFor({ timeout: 20_000 })]);
    await one.locator('#model').selectOption('rice');
    await one.getByRole('button', { name: 'Save scoring' }).click();
    await one.getByText('Saved. Every issue of the project is being recomputed with it.').waitFor({ timeout: 20_000 });
    await two.locator('#model').selectOption('ice');
    await two.getByRole('button', { name: 'Save scoring' }).click();
    const refusal = two.locator('[data-error-code="stale"]');
    await refusal.waitFor({ timeout: 20_000 });
    await expect(refusal.textContent()).resolves.toMatch(/changed by someone else since you opened it/);
    await two.getByRole('button', { name: 'Reload their version' }).click();
    await two.locator('#model').waitFor({ timeout: 20_000 });
    await expect(two.locator('#model').inputValue()).resolves.toBe('rice');
    await first.close();
    await second.close();
  });
});
