/**
 * Team scoring rounds end to end, in the Jira shell: Pat (who edits TL) opens a round on five
 * stories for business value and risk reduction from the project page's "Scoring rounds" tab,
 * inviting Ada and Nick with the people picker; each of the three gives values in their own browser
 * session, at their own time, without seeing the others' until they have given theirs; Pat sees the
 * spread with the outliers marked and applies the round in one action; the Jira fields then hold
 * the medians. With an axe check of the round as the owner sees it, in light and dark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, FrameLocator, Page } from 'playwright-core';
import { WSJF_CONFIG } from '../integration/settings/support';
import { ADA, NICK, PAT, contextAs, launchChromium, pageErrors, screenshot, seriousViolations, startStack } from './support';
import type { Stack } from './support';

const TL = { id: '10000', key: 'TL', type: 'software' };
const BUSINESS_VALUE = 'customfield_10050';
const RISK = 'customfield_10052';

let browser: Browser;
let stack: Stack;
let keys: string[] = [];

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startStack()]);
  const saved = await stack.runtime.invokeResolver('project-settings', 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 }, { accountId: ADA }, { project: TL });
  expect(saved).toMatchObject({ success: true, body: { ok: true } });
  await stack.runtime.whenIdle();
  // Nick joins the TL team: he may browse the project (not edit it).
  stack.emulator.state.setProjectPermissions('TL', NICK, ['BROWSE_PROJECTS']);
  keys = [...stack.emulator.state.allIssues()]
    .filter((issue) => issue.projectId === TL.id && issue.issueTypeId === '10001' && stack.emulator.state.statuses.get(issue.statusId)?.statusCategory.key !== 'done')
    .map((issue) => issue.key)
    .slice(0, 5);
  expect(keys).toHaveLength(5);
}, 120_000);

afterAll(async () => {
  await browser.close();
  await stack.close();
});

function app(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Throughline"]');
}

function pageFrame(page: Page): Frame {
  const frame = page.frames().find((candidate) => candidate.url().includes('/__shell/resources/project-page/'));
  if (frame === undefined) throw new Error('the project page frame is not on the page');
  return frame;
}

async function openTab(accountId: string, theme: 'light' | 'dark' = 'light'): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await contextAs(browser, stack.shell, accountId, theme);
  const page = await context.newPage();
  const errors = pageErrors(page);
  await page.goto(`${stack.shell.url}/projects/TL/apps/throughline/scoring-rounds`);
  return { page, errors, close: () => context.close() };
}

/** Values by story: Pat, Ada, Nick. Medians 5…9; Nick's business values are the outliers. */
const VALUES = (i: number): { pat: number; ada: number; nick: number } => ({ pat: 3 + i, ada: 5 + i, nick: 40 + i });

/** Gives business value (typed, Enter) and risk reduction (chosen) for each story, from the keyboard, as the signed-in participant. */
async function giveValues(frame: FrameLocator, value: (i: number) => number, risk: string): Promise<void> {
  for (const [i, key] of keys.entries()) {
    const field = frame.getByTestId(`vote-${key}-businessValue`);
    await field.focus();
    await field.fill(String(value(i)));
    await field.press('Enter');
    await expect.poll(() => frame.getByTestId(`round-cell-${key}-businessValue`).locator('ul[aria-label="Values given"]').count(), { timeout: 10_000 }).toBe(1);
    await frame.getByTestId(`vote-${key}-riskReduction`).selectOption(risk);
    await expect.poll(() => frame.getByTestId(`round-cell-${key}-riskReduction`).locator('ul[aria-label="Values given"]').count(), { timeout: 10_000 }).toBe(1);
  }
  await expect.poll(() => frame.getByTestId('round-pending').textContent(), { timeout: 10_000 }).toBe('You have given all your values.');
}

describe('a team scores five issues asynchronously and the owner applies the result', () => {
  it('runs from opening to applying in the Jira shell', async () => {
    // ---- Pat opens the round ----
    const pat = await openTab(PAT);
    const patFrame = app(pat.page);
    await expect.poll(() => patFrame.getByTestId('rounds-empty').textContent(), { timeout: 20_000 }).toBe('No scoring rounds yet. Open one to score issues with your team.');
    await patFrame.getByRole('button', { name: 'Open a round' }).click();
    await patFrame.getByLabel('Name').fill('Sprint 12 candidates');
    await patFrame.getByLabel('Issue keys').fill(keys.join(', '));
    await patFrame.getByLabel('Time criticality').uncheck();
    for (const name of ['Ada', 'Nick']) {
      const picker = patFrame.getByRole('combobox', { name: 'Invite someone' });
      await picker.fill(name);
      await expect.poll(() => patFrame.getByRole('option').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await picker.press('Enter');
    }
    await expect.poll(() => patFrame.getByRole('list', { name: 'Invited' }).textContent()).toContain('Nick NoAccess');
    await patFrame.getByRole('button', { name: 'Open the round' }).click();
    await expect.poll(() => patFrame.getByTestId('round-title').textContent(), { timeout: 20_000 }).toBe('Sprint 12 candidates');
    expect(await patFrame.getByTestId('round-pending').textContent()).toBe('You have 10 values to give. Type a value and press Enter; Tab moves to the next.');
    await giveValues(patFrame, (i) => VALUES(i).pat, 'High');
    await pat.close();

    // ---- Ada, later: Pat's values stay hidden from her until she has given hers ----
    const ada = await openTab(ADA);
    const adaFrame = app(ada.page);
    await adaFrame.getByRole('button', { name: 'Sprint 12 candidates' }).click({ timeout: 20_000 });
    await expect.poll(() => adaFrame.getByTestId(`round-cell-${keys[0]!}-businessValue`).textContent(), { timeout: 20_000 }).toContain('1 of 3 gave values; theirs show once you give yours');
    expect(await adaFrame.getByTestId(`round-cell-${keys[0]!}-businessValue`).textContent()).not.toContain('Pat Owner');
    await giveValues(adaFrame, (i) => VALUES(i).ada, 'High');
    expect(await adaFrame.getByTestId(`round-cell-${keys[0]!}-businessValue`).textContent()).toContain('Pat Owner: 3');
    expect(ada.errors).toEqual([]);
    await ada.close();

    // ---- Nick, later still ----
    const nick = await openTab(NICK);
    const nickFrame = app(nick.page);
    await nickFrame.getByRole('button', { name: 'Sprint 12 candidates' }).click({ timeout: 20_000 });
    await expect.poll(() => nickFrame.getByTestId('round-pending').textContent(), { timeout: 20_000 }).toContain('You have 10 values to give');
    await giveValues(nickFrame, (i) => VALUES(i).nick, 'Low');
    await nick.close();

    // ---- Pat sees the spread, outliers marked, and applies ----
    const owner = await openTab(PAT);
    const ownerFrame = app(owner.page);
    await ownerFrame.getByRole('button', { name: 'Sprint 12 candidates' }).click({ timeout: 20_000 });
    const first = ownerFrame.getByTestId(`round-cell-${keys[0]!}-businessValue`);
    await expect.poll(() => first.getByTestId('round-spread').textContent(), { timeout: 20_000 }).toBe('From 3 to 40, median 5');
    expect(await first.locator('.tl-rounds-outlier').textContent()).toBe('Nick NoAccess: 40 (outlier: talk about it)');
    expect(await ownerFrame.getByTestId(`agreed-${keys[0]!}-businessValue`).inputValue()).toBe('5');
    expect(await seriousViolations(pageFrame(owner.page))).toEqual([]);
    await screenshot(owner.page, 'scoring-round-owner');
    await ownerFrame.getByRole('button', { name: 'Apply the agreed values to Jira' }).click();
    await expect.poll(() => ownerFrame.getByTestId('round-applied').textContent(), { timeout: 30_000 }).toContain('Wrote 10 of 10 agreed values.');
    for (const [i, key] of keys.entries()) {
      const issue = stack.emulator.state.findIssue(key)!;
      expect(issue.fields[BUSINESS_VALUE], key).toBe(VALUES(i).ada);
      expect((issue.fields[RISK] as { id: string }).id, key).toBe(stack.emulator.state.fieldOptions[RISK]?.find((option) => option.value === 'High')?.id);
    }
    // Applied again: nothing is written, and the page says so.
    await ownerFrame.getByRole('button', { name: 'Apply the agreed values to Jira' }).click();
    await expect.poll(() => ownerFrame.getByTestId('round-applied').textContent(), { timeout: 20_000 }).toContain('Already applied: nothing was written');
    expect(owner.errors).toEqual([]);
    await owner.close();

    // ---- The round in dark mode, as the owner sees it: accessible too ----
    const dark = await openTab(PAT, 'dark');
    const darkFrame = app(dark.page);
    await darkFrame.getByRole('button', { name: 'Sprint 12 candidates' }).click({ timeout: 20_000 });
    await expect.poll(() => darkFrame.getByTestId(`round-cell-${keys[0]!}-businessValue`).getByTestId('round-spread').count(), { timeout: 20_000 }).toBe(1);
    expect(await seriousViolations(pageFrame(dark.page))).toEqual([]);
    await dark.close();
  }, 240_000);
});
