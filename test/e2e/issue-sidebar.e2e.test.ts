/**
 * The issue sidebar end to end: the shell loads the built resource in a frame, the unmodified
 * @forge/bridge reaches the resolver through the local Forge runtime, the resolver reads Jira (the
 * emulator) as the user, and the page shows the demo project's live data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { compileScoring, defaultScoringConfig } from '../../src/domain/scoring';
import { todayIn } from '../../src/services/issue-score';
import { contextAs, demoDataset, launchChromium, NICK, NOT_FOUND_MESSAGE, PAT, pageErrors, screenshot, sidebar, sidebarFrame, startStack } from './support';
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

describe('the issue sidebar in the Jira shell (demo data)', () => {
  it('loads the built resource, invokes the resolver, and shows the issue read from Jira as the user', async () => {
    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    const errors = pageErrors(page);
    const issueCalls = stack.emulator.callCount('GET /rest/api/3/issue/{issueIdOrKey}');
    await page.goto(`${stack.shell.url}/browse/TL-15`);

    const panel = sidebar(page);
    await expect(panel.getByTestId('model').textContent()).resolves.toBe('WSJF');
    // The built resource, served from the manifest's folder, with the bridge injected first.
    const frame = sidebarFrame(page);
    expect(frame.url()).toBe(`${stack.shell.url}/__shell/resources/issue-sidebar/`);
    expect(await frame.evaluate(() => typeof (globalThis as { __bridge?: { callBridge?: unknown } }).__bridge?.callBridge)).toBe('function');

    // The demo's default configuration has no risk-reduction field: incomplete, by name.
    await expect(panel.getByTestId('score-state').textContent()).resolves.toBe('Incomplete');
    await expect(panel.getByTestId('problems').textContent()).resolves.toContain('Incomplete: missing Risk reduction');
    const rows = await panel.locator('[data-testid="breakdown"] tbody tr').allTextContents();
    // Live values of TL-15 in the emulator: priority Low, due 2026-01-22, 3 story points.
    expect(rows.join(' | ')).toMatch(/Business value.*Priority.*Low/);
    expect(rows.join(' | ')).toMatch(/Time criticality.*Due date.*2026-01-22/);
    expect(rows.join(' | ')).toMatch(/Job size.*Story point estimate.*3/);
    expect(stack.emulator.callCount('GET /rest/api/3/issue/{issueIdOrKey}')).toBeGreaterThan(issueCalls);
    await screenshot(page, 'issue-sidebar-light');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refreshes on JIRA_ISSUE_CHANGED when the issue is edited in the issue view, with the keyboard', async () => {
    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    await page.goto(`${stack.shell.url}/browse/TL-16`);
    const panel = sidebar(page);
    await panel.getByTestId('breakdown').waitFor();
    const jobSize = panel.locator('[data-testid="breakdown"] tbody tr', { hasText: 'Job size' });
    await expect(jobSize.textContent()).resolves.toMatch(/Story point estimate\s*3/);

    // Jira's own edit, as Pat: type and press Enter; Jira tells the app the issue changed.
    await page.locator('#edit-points').fill('13');
    await page.locator('#edit-points').press('Enter');
    await jobSize.filter({ hasText: '13' }).waitFor({ timeout: 10_000 });
    await expect(page.locator('#issue-fields').textContent()).resolves.toContain('13');

    // A change made elsewhere (another user, an automation) reaches the sidebar the same way.
    stack.emulator.state.updateIssue('TL-16', { customfield_10016: 5 }, NICK);
    await jobSize.filter({ hasText: /Story point estimate\s*5/ }).waitFor({ timeout: 10_000 });
    await context.close();
  });

  it('shows the user without access a clear "you can\'t see this issue", not data and not a crash', async () => {
    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${stack.shell.url}/browse/TL-15`);
    // Switch the user in the shell's toolbar, with the keyboard.
    await page.locator('#user-select').selectOption(NICK);
    await page.locator('#user-select').press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${stack.shell.url}/browse/TL-15`);
    await expect(page.locator('#user-select').inputValue()).resolves.toBe(NICK);

    await expect(page.locator('main .empty-state').textContent()).resolves.toContain("You can't view this issue");
    const panel = sidebar(page);
    const alert = panel.getByRole('alert');
    await expect(alert.textContent()).resolves.toContain(NOT_FOUND_MESSAGE);
    expect(await panel.getByTestId('breakdown').count()).toBe(0);
    expect(await panel.getByTestId('score-state').count()).toBe(0);
    await expect(page.locator('body').textContent()).resolves.not.toContain('Story point estimate');
    await screenshot(page, 'issue-sidebar-no-access');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches to the dark theme, in the shell and in the app, live and by keyboard', async () => {
    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    await page.goto(`${stack.shell.url}/browse/TL-15`);
    const panel = sidebar(page);
    await panel.getByTestId('breakdown').waitFor();
    const frame = sidebarFrame(page);
    const lightBackground = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);

    await page.locator('#theme-toggle').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('html').getAttribute('data-color-mode')).resolves.toBe('dark');
    await expect(page.locator('#theme-toggle').getAttribute('aria-pressed')).resolves.toBe('true');
    await frame.waitForFunction(() => document.documentElement.getAttribute('data-color-mode') === 'dark');
    const darkBackground = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(darkBackground).not.toBe(lightBackground);
    expect(luminance(darkBackground)).toBeLessThan(0.2);
    expect(luminance(lightBackground)).toBeGreaterThan(0.8);
    await screenshot(page, 'issue-sidebar-dark');

    // The choice is kept: the next page opens dark.
    await page.reload();
    await expect(page.locator('html').getAttribute('data-color-mode')).resolves.toBe('dark');
    await context.close();
  });

  it('is reachable by keyboard: a skip link first, to the main content', async () => {
    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    await page.goto(`${stack.shell.url}/browse/TL-15`);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to main content');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    await context.close();
  });

  it('answers the rest of the bridge as Jira does: getContext, requestJira, showFlag, router', async () => {
    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    await page.goto(`${stack.shell.url}/browse/TL-15`);
    await sidebar(page).getByTestId('breakdown').waitFor();
    const frame = sidebarFrame(page);
    // The same entry point the unmodified @forge/bridge calls.
    const call = (name: string, args?: unknown): Promise<unknown> =>
      frame.evaluate(
        async ([bridgeName, bridgeArgs]) => (globalThis as unknown as { __bridge: { callBridge: (n: string, a?: unknown) => Promise<unknown> } }).__bridge.callBridge(bridgeName, bridgeArgs),
        [name, args] as const,
      );

    expect(await call('getContext')).toMatchObject({
      accountId: PAT,
      moduleKey: 'issue-score',
      locale: 'en-US',
      timezone: 'Europe/Berlin',
      extension: { type: 'jira:issueContext', issue: { key: 'TL-15', id: '10015' }, project: { key: 'TL', id: '10000' } },
      theme: { colorMode: 'light' },
    });
    const myself = (await call('fetchProduct', { product: 'jira', restPath: '/rest/api/3/myself', fetchRequestInit: { method: 'GET', headers: [] } })) as { status: number; body: string };
    expect(myself.status).toBe(200);
    expect(JSON.parse(myself.body)).toMatchObject({ accountId: PAT });
    expect(await call('refresh')).toBe(true);

    await call('showFlag', { id: 'saved', title: 'Score saved', description: 'Shown by the shell, as Jira shows flags.', type: 'success' });
    await expect(page.locator('#flags [data-flag-id="saved"]').textContent()).resolves.toContain('Score saved');

    await Promise.all([page.waitForURL(`${stack.shell.url}/browse/TL-1`), call('navigate', { target: 'issue', issueKey: 'TL-1', type: 'same-tab' }).catch(() => undefined)]);
    await context.close();
  });

  it('shows the project page and project settings as "not built yet", honestly', async () => {
    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    await page.goto(`${stack.shell.url}/projects/TL`);
    await page.getByRole('link', { name: /Throughline/ }).click();
    await expect(page.getByTestId('not-built').textContent()).resolves.toContain('Not built yet');
    await page.getByRole('link', { name: 'Project settings' }).click();
    await expect(page.getByTestId('not-built').textContent()).resolves.toContain('Not built yet');
    await context.close();
  });
});

describe('a scored issue', () => {
  let scored: Stack;

  beforeAll(async () => {
    // The demo dataset plus a number field at the id the default configuration reads for risk reduction.
    const dataset = demoDataset() as { fields: unknown[]; issues: { key: string; fields: Record<string, unknown> }[] };
    dataset.fields.push({
      id: 'customfield_risk_reduction',
      key: 'customfield_risk_reduction',
      name: 'Risk reduction',
      custom: true,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: ['Risk reduction'],
      schema: { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float' },
    });
    const issue = dataset.issues.find((candidate) => candidate.key === 'TL-15');
    if (issue === undefined) throw new Error('the demo dataset has no TL-15');
    issue.fields.customfield_risk_reduction = 5;
    scored = await startStack({ dataset: dataset as never });
  });

  afterAll(async () => {
    await scored.close();
  });

  it('shows the score large, with the model name, equal to the engine on the same Jira data', async () => {
    const state = scored.emulator.state;
    const stored = state.findIssue('TL-15');
    if (stored === undefined) throw new Error('no TL-15');
    const fields = (state.render(stored, { kind: 'navigable' }, [], { kind: 'user', accountId: PAT }) as { fields: Record<string, unknown> }).fields;
    const expected = compileScoring(defaultScoringConfig()).score(fields, { today: todayIn(state.users.get(PAT)?.timeZone) });
    if (expected.status !== 'scored') throw new Error(`expected a score, got ${expected.status}`);

    const context = await contextAs(browser, scored.shell, PAT);
    const page = await context.newPage();
    await page.goto(`${scored.shell.url}/browse/TL-15`);
    const panel = sidebar(page);
    await expect(panel.getByTestId('score').textContent()).resolves.toBe(new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(expected.score));
    await expect(panel.getByTestId('model').textContent()).resolves.toBe('WSJF');
    expect(await panel.getByTestId('problems').count()).toBe(0);
    const fontSize = await sidebarFrame(page).evaluate(() => parseFloat(getComputedStyle(document.querySelector('[data-testid="score"]') as Element).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(32);
    await screenshot(page, 'issue-sidebar-scored');
    await context.close();
  });
});

/** Relative luminance of an `rgb(r, g, b)` colour, 0 (black) to 1 (white). */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
