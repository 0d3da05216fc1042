/**
 * What ships is what is tested, in the browser: the Jira shell with the backend run from the bundle
 * `forge deploy` would upload (Atlassian's @forge/bundler, dev/forge-checks/package-app.ts), not
 * from src/. The demo configuration is applied through the bundled settings resolvers, the bundled
 * queue consumer fills the "Priority score" field, and the issue sidebar loads a story's score
 * through the bundled resolver.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { seedDemoConfiguration } from '../../dev/demo-data/seed-configuration';
import { bundleWasLoaded, deployBundleDir } from '../deploy-bundle';
import { contextAs, launchChromium, pageErrors, PAT, screenshot, sidebar, startStack } from './support';
import type { Stack } from './support';

const SCORE_FIELD = 'customfield_10100';

let browser: Browser;
let stack: Stack;

beforeAll(async () => {
  const bundleDir = deployBundleDir();
  [browser, stack] = await Promise.all([launchChromium(), startStack({ bundleDir })]);
  expect(await seedDemoConfiguration(stack.runtime)).not.toMatch(/not applied/);
  await stack.runtime.whenIdle();
}, 300_000);

afterAll(async () => {
  await browser.close();
  await stack.close();
});

describe('the issue sidebar on the deploy bundle', () => {
  it('shows a story\'s score, computed and served by the bundled backend', async () => {
    const scored = [...stack.emulator.state.allIssues()].find((issue) => issue.issueTypeId === '10001' && typeof issue.fields[SCORE_FIELD] === 'number');
    if (scored === undefined) throw new Error('the bundled recompute scored no story of the demo');
    expect(bundleWasLoaded()).toBe(true);
    const context = await contextAs(browser, stack.shell, PAT);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${stack.shell.url}/browse/${scored.key}`);
    const panel = sidebar(page);
    const shown = Number(await panel.getByTestId('score').textContent());
    expect(shown).toBeCloseTo(scored.fields[SCORE_FIELD] as number, 1);
    await expect(panel.getByTestId('model').textContent()).resolves.toBe('WSJF');
    await screenshot(page, 'deploy-bundle-issue-sidebar');
    expect(errors).toEqual([]);
    await context.close();
  });
});
