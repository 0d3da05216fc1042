/**
 * The readiness gate in the browser: in the Jira shell's issue view, the status control runs a
 * transition into In Progress through the app's workflow validator (the local Forge runtime, with
 * Forge's payload) before the emulator moves the issue. A story that is not ready is refused with
 * the failing rules and how to fix them, and stays where it was; a ready one moves.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createSettingsRepository } from '../../src/storage';
import { forgeKvs } from '../../src/storage/forge-kvs';
import { POINTS, READY_DESCRIPTION } from '../integration/readiness-gate/harness';
import { ADA, REPO_ROOT, contextAs, launchChromium, pageErrors, screenshot, startStack } from './support';
import type { Stack } from './support';

let browser: Browser;
let stack: Stack;
let readyKey: string;
let notReadyKey: string;
const IN_PROGRESS = '3';

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startStack()]);
  // Throughline configured in TL (the default rules): the gate judges there.
  await stack.runtime.runAs('app', () => createSettingsRepository(forgeKvs()).save('10000', 'readiness', {}, { baseRevision: 0, actor: ADA }));
  const state = stack.emulator.state;
  const epic = [...state.allIssues()].find((issue) => issue.projectId === '10000' && state.issueTypes.get(issue.issueTypeId)?.hierarchyLevel === 1);
  readyKey = state.createIssue({ projectKey: 'TL', issueType: 'Story', summary: 'Order the backlog by score', status: 'Backlog', ...(epic === undefined ? {} : { parentKey: epic.key }), fields: { [POINTS]: 3, description: READY_DESCRIPTION } });
  notReadyKey = state.createIssue({
    projectKey: 'TL',
    issueType: 'Story',
    summary: 'Make it better',
    status: 'Backlog',
    fields: { description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Improve it.' }] }] } },
  });
  await stack.runtime.whenIdle();
}, 120_000);

afterAll(async () => {
  await browser.close();
  await stack.close();
});

describe('the readiness gate in the issue view', () => {
  it('refuses to move a story that is not ready, with the failing rules and their fixes', async () => {
    const context = await contextAs(browser, stack.shell, ADA);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${stack.shell.url}/browse/${notReadyKey}`);
    await page.locator('#status-select').selectOption(IN_PROGRESS);
    await page.getByRole('button', { name: 'Transition' }).click();
    const refusal = page.locator('.transition-refused');
    await refusal.waitFor({ timeout: 20_000 });
    const text = await refusal.innerText();
    expect(text).toContain(`${notReadyKey} is not ready`);
    expect(text).toContain('Estimate present');
    expect(text).toContain('Acceptance criteria');
    expect(text).toContain('Fix:');
    expect(stack.emulator.state.findIssue(notReadyKey)?.statusId).not.toBe(IN_PROGRESS);
    await expect(page.locator('.issue-status').innerText()).resolves.toMatch(/backlog/i);
    await screenshot(page, 'readiness-gate-refused');
    copyFileSync(join(REPO_ROOT, 'test-results/readiness-gate-refused.png'), join(REPO_ROOT, 'docs/screenshots/readiness-gate-refused.png'));
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('keeps the chosen status and says the refusal when the issue view refreshes meanwhile', async () => {
    const context = await contextAs(browser, stack.shell, ADA);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${stack.shell.url}/browse/${notReadyKey}`);
    const fields = page.locator('#issue-fields');
    const refreshed = page.locator('#issue-fields:not([data-before-refresh])');
    await page.locator('#status-select').selectOption(IN_PROGRESS);
    // A change made elsewhere refreshes the issue view, as Jira's does, before Transition is pressed:
    // the status chosen stays chosen (it used to fall back to the first in the list).
    await fields.evaluate((element) => {
      element.setAttribute('data-before-refresh', '');
    });
    stack.emulator.state.updateIssue(notReadyKey, { summary: 'Make it better, soon' }, ADA);
    await refreshed.waitFor({ timeout: 20_000 });
    await expect(page.locator('#status-select').inputValue()).resolves.toBe(IN_PROGRESS);

    // And while the validators judge (slowed by Jira's latency), another change refreshes it again:
    // the refusal is said in the view as it is now, not in the one it replaced.
    stack.emulator.setLatency(300);
    try {
      await page.getByRole('button', { name: 'Transition' }).click();
      await page.locator('#transition-outcome').getByText('Checking…').waitFor({ timeout: 20_000 });
      await fields.evaluate((element) => {
        element.setAttribute('data-before-refresh', '');
      });
      stack.emulator.state.updateIssue(notReadyKey, { summary: 'Make it better, later' }, ADA);
      await refreshed.waitFor({ timeout: 20_000 });
      const refusal = page.locator('.transition-refused');
      await refusal.waitFor({ timeout: 20_000 });
      await expect(refusal.innerText()).resolves.toContain(`${notReadyKey} is not ready`);
    } finally {
      stack.emulator.setLatency(0);
    }
    expect(stack.emulator.state.findIssue(notReadyKey)?.statusId).not.toBe(IN_PROGRESS);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('moves a ready story', async () => {
    const context = await contextAs(browser, stack.shell, ADA);
    const page = await context.newPage();
    await page.goto(`${stack.shell.url}/browse/${readyKey}`);
    await page.locator('#status-select').selectOption(IN_PROGRESS);
    await page.getByRole('button', { name: 'Transition' }).click();
    await page.getByText('Moved to In Progress.').waitFor({ timeout: 20_000 });
    expect(stack.emulator.state.findIssue(readyKey)?.statusId).toBe(IN_PROGRESS);
    await expect(page.locator('.issue-status').innerText()).resolves.toMatch(/in progress/i);
    await screenshot(page, 'readiness-gate-moved');
    await context.close();
  }, 60_000);

  it('gates on warnings too once the project admin chooses it in settings', async () => {
    const context = await contextAs(browser, stack.shell, ADA);
    const page = await context.newPage();
    await page.goto(`${stack.shell.url}/projects/TL/settings`);
    const settings = page.frameLocator('iframe[title="Throughline"]');
    await settings.locator('#readiness-gate').selectOption('blocking-and-warnings');
    await settings.getByRole('button', { name: 'Save readiness rules' }).click();
    await settings.getByText('Saved. Every issue of the project is being recomputed with it.').waitFor({ timeout: 20_000 });
    await stack.runtime.whenIdle();
    // The ready story fails warning rules only (no theme on its epic, no complete score): now refused.
    await page.goto(`${stack.shell.url}/browse/${readyKey}`);
    await page.locator('#status-select').selectOption({ label: 'In Review' });
    await page.getByRole('button', { name: 'Transition' }).click();
    const refusal = page.locator('.transition-refused');
    await refusal.waitFor({ timeout: 20_000 });
    await expect(refusal.innerText()).resolves.toMatch(/Epic has a theme|Score complete/);
    expect(stack.emulator.state.findIssue(readyKey)?.statusId).toBe(IN_PROGRESS);
    await context.close();
  }, 60_000);
});
