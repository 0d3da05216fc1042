/**
 * The frictions a new user meets, gone, in the Jira shell with the demo as `npm start` seeds it:
 * done work is not judged (a done story's sidebar says readiness no longer applies); MOB has its
 * own vision and themes, each epic under one of them; a theme's bars never share the target's
 * colour, a grey theme included, in light and dark; counts read as sentences, an epic shows no
 * empty "Score –", a user refused the project page sees no tabs; and a German-speaking user reads
 * numbers the German way ("1,54").
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, FrameLocator, Page } from 'playwright-core';
import { seedDemoConfiguration } from '../../dev/demo-data/seed-configuration';
import { ADA, contextAs, demoDataset, launchChromium, NICK, pageErrors, PAT, REPO_ROOT, screenshot, seriousViolations, sidebar, startStack } from './support';
import type { Stack } from './support';

let browser: Browser;
let stack: Stack;

/** The demo with Pat's Jira profile in German: the shell gives Jira's context locale "de-DE". */
function germanPat(): never {
  const data = demoDataset() as unknown as { users: { accountId: string; locale?: string }[] };
  for (const user of data.users) if (user.accountId === PAT) user.locale = 'de_DE';
  return data as never;
}

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startStack({ dataset: germanPat() })]);
  expect(await seedDemoConfiguration(stack.runtime)).not.toMatch(/not applied|not attached/);
  await stack.runtime.whenIdle();
}, 120_000);

afterAll(async () => {
  await browser.close();
  await stack.close();
});

function app(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Throughline"]');
}

function frameOf(page: Page, resource: string): Frame {
  const frame = page.frames().find((candidate) => candidate.url().includes(`/__shell/resources/${resource}/`));
  if (frame === undefined) throw new Error(`the ${resource} frame is not on the page`);
  return frame;
}

async function open(accountId: string, path: string, theme: 'light' | 'dark' = 'light'): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await contextAs(browser, stack.shell, accountId, theme);
  const page = await context.newPage();
  const errors = pageErrors(page);
  await page.goto(`${stack.shell.url}${path}`);
  return { page, errors, close: () => context.close() };
}

/** A TL story by status category, from the emulator's own records. */
function storyIn(category: 'done' | 'indeterminate' | 'new'): string {
  const state = stack.emulator.state;
  const found = [...state.allIssues()].find((issue) => issue.key.startsWith('TL-') && state.issueTypes.get(issue.issueTypeId)?.hierarchyLevel === 0 && state.statuses.get(issue.statusId)?.statusCategory.key === category);
  if (found === undefined) throw new Error(`no TL story in ${category}`);
  return found.key;
}

/** The computed fill of every bar of the allocation chart, by theme row: target first, then open and done. */
async function barFills(frame: Frame): Promise<{ theme: string; target: string; bars: string[] }[]> {
  return frame.evaluate(() =>
    [...document.querySelectorAll('svg.tl-chart-svg g[data-theme]')].map((group) => {
      const rects = [...group.querySelectorAll('rect')].map((rect) => getComputedStyle(rect).fill);
      return { theme: group.getAttribute('data-theme') ?? '', target: rects[0] ?? '', bars: rects.slice(1) };
    }),
  );
}

describe('the frictions a new user meets, gone', () => {
  it('does not judge done work: a done story says readiness no longer applies; open work is still judged', async () => {
    const { page, errors, close } = await open(ADA, `/browse/${storyIn('done')}`);
    const readiness = sidebar(page).getByTestId('readiness');
    await readiness.waitFor({ timeout: 20_000 });
    await expect(readiness.getAttribute('data-verdict')).resolves.toBe('not-applicable');
    await expect(readiness.textContent()).resolves.toMatch(/The Definition of Ready does not cover this issue: it is done, and readiness applies only to work not yet done\./);
    await expect(readiness.textContent()).resolves.not.toMatch(/not ready/i);
    await page.goto(`${stack.shell.url}/browse/${storyIn('new')}`);
    const judged = sidebar(page).locator('[data-testid="readiness"][data-verdict="ready"], [data-testid="readiness"][data-verdict="not-ready"]');
    await judged.waitFor({ timeout: 20_000 });
    expect(errors).toEqual([]);
    await close();
  });

  it('shows MOB with its own vision and themes, each epic under one, a grey theme\'s bars apart from the target, in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { page, errors, close } = await open(ADA, '/projects/MOB/apps/throughline', theme);
      const frame = app(page);
      await frame.locator('[data-theme-id="theme-mob-reach"] [data-epic="MOB-2"]').waitFor({ timeout: 20_000 });
      await frame.locator('[data-theme-id="theme-mob-everyday"] [data-epic="MOB-1"]').waitFor();
      await expect(frame.getByTestId('vision-statement').textContent()).resolves.toMatch(/Field teams act on their Jira work from the phone/);
      await expect(frame.getByRole('heading', { name: /Fast everyday app/ }).count()).resolves.toBe(1);
      await expect(frame.getByRole('heading', { name: /Timely, quiet alerts/ }).count()).resolves.toBe(1);
      await expect(frame.locator('body').textContent()).resolves.not.toMatch(/no longer exists|unknown theme/i);
      // Every MOB epic serves a theme: the empty Unaligned group says so and is drawn as any group, not as a warning.
      const unaligned = frame.locator('section.tl-group-unaligned');
      await expect(unaligned.locator('.tl-count').textContent()).resolves.toBe('0');
      await expect(unaligned.textContent()).resolves.toMatch(/Every epic serves a theme\./);
      await expect(unaligned.evaluate((section) => section.classList.contains('tl-group-warning'))).resolves.toBe(false);
      const themeBorder = await frame.locator('section.tl-group[data-theme-id="theme-mob-reach"]').evaluate((section) => `${getComputedStyle(section).borderTopWidth} ${getComputedStyle(section).borderTopColor}`);
      await expect(unaligned.evaluate((section) => `${getComputedStyle(section).borderTopWidth} ${getComputedStyle(section).borderTopColor}`), 'the empty group is bordered as a theme is').resolves.toBe(themeBorder);
      const pageFrame = frameOf(page, 'project-page');
      await frame.locator('svg.tl-chart-svg g[data-theme="theme-mob-reach"]').waitFor();
      const rows = await barFills(pageFrame);
      expect(rows.map((row) => row.theme)).toEqual(expect.arrayContaining(['theme-mob-everyday', 'theme-mob-reach']));
      for (const row of rows) {
        expect(row.bars.length, row.theme).toBe(2);
        for (const fill of row.bars) expect(fill, `${theme}: ${row.theme}'s bar against its target`).not.toBe(row.target);
      }
      await expect(frame.locator('figcaption').textContent()).resolves.toMatch(/Dashed outline: target share/);
      await page.waitForTimeout(300);
      const shot = await screenshot(page, `frictions-mob-chart-${theme}`);
      mkdirSync(join(REPO_ROOT, 'docs/screenshots'), { recursive: true });
      copyFileSync(shot, join(REPO_ROOT, `docs/screenshots/project-page-mob-${theme}.png`));
      expect(await seriousViolations(pageFrame)).toEqual([]);
      expect(errors).toEqual([]);
      await close();
    }
  });

  it('reads counts as sentences and shows no empty "Score –" on the epics', async () => {
    const { page, errors, close } = await open(ADA, '/projects/TL/apps/throughline');
    const frame = app(page);
    await frame.locator('section.tl-group-unaligned').waitFor({ timeout: 20_000 });
    await frame.locator('.tl-epic-facts').first().waitFor();
    await frame.getByTestId('counting').waitFor({ state: 'detached', timeout: 20_000 });
    const facts = await frame.locator('.tl-epic-facts').allTextContents();
    expect(facts.length).toBeGreaterThan(0);
    for (const text of facts) {
      expect(text).not.toMatch(/Score\s*[–-]/);
      expect(text).toMatch(/\d+ of \d+ issues? done/);
    }
    await frame.getByRole('button', { name: 'Ranked backlog' }).click();
    const status = frame.getByTestId('backlog-status');
    await expect(status.filter({ hasText: /^Showing / }).textContent({ timeout: 20_000 })).resolves.toMatch(/^Showing (the first \d+ ranked issues; more load as you scroll|all \d+ ranked issues|the only ranked issue)\.$/);
    const footer = frame.getByTestId('incomplete-footer');
    await expect(footer.textContent({ timeout: 20_000 })).resolves.not.toMatch(/All \d+ .* shown/);
    await frame.getByRole('button', { name: 'Sprint readiness' }).click();
    await expect(frame.locator('.tl-summary-main').textContent({ timeout: 20_000 })).resolves.toMatch(/^(\d+ of \d+ issues? (is|are) ready \(.* ready, .* not ready\)\.|No issue here is checked for readiness\.)$/);
    expect(errors).toEqual([]);
    await close();
  });

  it('shows a user refused the project page the refusal alone, without the tabs', async () => {
    const { page, close } = await open(NICK, '/projects/TL/apps/throughline');
    const frame = app(page);
    await frame.getByText(/You don't have access to this project/).waitFor({ timeout: 20_000 });
    await expect(frame.getByRole('navigation', { name: 'Throughline views' }).count()).resolves.toBe(0);
    await expect(frame.getByRole('button', { name: 'Ranked backlog' }).count()).resolves.toBe(0);
    // Opened at a tab's address: the same.
    await page.goto(`${stack.shell.url}/projects/TL/apps/throughline/ranked-backlog`);
    await frame.getByText(/You don't have access to this project/).waitFor({ timeout: 20_000 });
    await expect(frame.getByRole('navigation', { name: 'Throughline views' }).count()).resolves.toBe(0);
    await expect(frame.getByLabel('Readiness').count()).resolves.toBe(0);
    await close();
  });

  it('writes numbers the German way for a user whose Jira speaks German', async () => {
    // A TL story whose score has decimals, as the app computes it for Pat.
    const state = stack.emulator.state;
    let found: { key: string; score: number } | undefined;
    for (const issue of state.allIssues()) {
      if (!issue.key.startsWith('TL-') || state.issueTypes.get(issue.issueTypeId)?.hierarchyLevel !== 0) continue;
      const extension = { type: 'jira:issueContext', issue: { id: issue.id, key: issue.key, type: 'Story' }, project: { id: '10000', key: 'TL', type: 'software' } };
      const answer = await stack.runtime.invokeResolver('issue-score', 'getIssueScore', {}, { accountId: PAT, locale: 'de-DE', timezone: 'Europe/Berlin' }, extension);
      const score = answer.success ? (answer.body as { ok: boolean; value?: { score: number | null } }).value?.score : undefined;
      if (typeof score === 'number' && score > 1 && score < 1000 && Math.round(score * 100) % 100 !== 0) {
        found = { key: issue.key, score };
        break;
      }
    }
    if (found === undefined) throw new Error('no TL story with a fractional score');
    const { page, errors, close } = await open(PAT, `/browse/${found.key}`);
    const shown = sidebar(page).getByTestId('score');
    await shown.waitFor({ timeout: 20_000 });
    const text = (await shown.textContent()) ?? '';
    expect(text).toBe(new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }).format(found.score));
    expect(text).toMatch(/^\d+,\d{1,2}$/);
    await screenshot(page, 'frictions-sidebar-german');
    expect(errors).toEqual([]);
    await close();
  });
});
