/**
 * The bulk recompute through the queue (the manifest's consumer, the unmodified @forge/events) on
 * a generated site of 2,000 issues: steps that hand on inside the consumer's time limit, Jira
 * answering 20% of calls with 429 and 5% with 500 (it completes with every value right, read back
 * from the emulator), nothing written when nothing changed, a second recompute superseding the
 * first, duplicate deliveries, and a configuration saved by a newer app version.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { generateScaleDataset } from '../../../dev/demo-data/generate-scale';
import { kvs } from '@forge/kvs';
import type { ForgeRuntimeOptions } from '../../../dev/forge-runtime';
import type { RecomputeProgressView, SaveResultView, SettingsView } from '../../../src/contract';
import { SETTINGS_ENTITY, settingsKey } from '../../../src/storage';
import { ADA, PAT, RICE_CONFIG, SCORE_FIELD, TL, WSJF_CONFIG, callSettings, startSite, valueOf } from '../settings/support';
import type { Site } from '../settings/support';
import { callTotals, checkValues } from './support';

const ISSUES = 2_000;
const dataset = generateScaleDataset({ issues: ISSUES, epics: 40, seed: 11, realTexts: false });
let site: Site | undefined;

async function start(runtime: Partial<ForgeRuntimeOptions> = {}): Promise<Site> {
  site = await startSite({ emulator: { dataset }, runtime });
  return site;
}

afterEach(async () => {
  await site?.close();
  site = undefined;
});

async function progressOf(current: Site): Promise<RecomputeProgressView | null> {
  return valueOf(await callSettings<RecomputeProgressView | null>(current, 'recomputeProgress', {}));
}

describe('bulk recompute', () => {
  it('reads the project page by page in steps that hand on, and writes every value right', async () => {
    // 1.5 s per consumer invocation and 20 ms per Jira call: a step reads for at most 40% of the
    // time (less what writing its pending values will take), so the run takes several steps.
    const current = await start({ limits: { consumerTimeoutMs: 1_500 } });
    current.emulator.setLatency(20);
    expect(valueOf(await callSettings<SaveResultView>(current, 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 })).status).toBe('saved');
    await current.runtime.whenIdle();
    current.emulator.setLatency(0);
    expect(await progressOf(current)).toMatchObject({ status: 'done', total: ISSUES, done: ISSUES, changed: ISSUES, errors: 0 });
    expect(current.runtime.queueStats().pushed).toBeGreaterThan(1);
    expect(current.runtime.queueStats().failed).toBe(0);
    const check = await checkValues(current, TL.id);
    expect(check.issues).toBe(ISSUES);
    expect(check.wrong).toEqual([]);
    expect(check.scored).toBeGreaterThan(ISSUES / 2);
  });

  it('writes nothing when nothing changed', async () => {
    const current = await start();
    await callSettings(current, 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 });
    await current.runtime.whenIdle();
    current.emulator.resetCalls();
    valueOf(await callSettings<RecomputeProgressView>(current, 'recomputeNow', {}));
    await current.runtime.whenIdle();
    expect(await progressOf(current)).toMatchObject({ status: 'done', done: ISSUES, changed: 0 });
    expect(callTotals(current.emulator).writes).toBe(0);
    expect(current.emulator.callCount('POST /rest/api/3/search/jql')).toBe(ISSUES / 100);
  });

  it('completes with every value right while Jira answers 20% of calls with 429 and 5% with 500', async () => {
    const current = await start();
    await callSettings(current, 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 });
    await current.runtime.whenIdle();
    // The client repeats a call that is safe to repeat once on a 500 (src/jira/retry.ts), so a step
    // fails only when the same call meets two in a row; then the queue retries the step. Without that
    // repeat, a step of some 50 calls (20 pages read, their values and readiness properties written)
    // met a 500 nearly every time at 5%, and the first step failed six times in a row.
    current.emulator.setFaults({ seed: 42, rateLimit: { rate: 0.2, retryAfterSeconds: 0 }, serverErrors: { rate: 0.05, status: 500 } });
    // Besides the random ones, one batch write certainly fails (twice: the client repeats it once), so
    // the retry through the queue is certainly exercised.
    current.emulator.failNext({ endpoint: 'POST /rest/api/3/app/field/value', count: 2, status: 500 });
    // The settings page's own calls meet the faults too: the admin tries again, as they would.
    let saved: SaveResultView | undefined;
    for (let attempt = 0; attempt < 30 && saved === undefined; attempt++) {
      const settings = await callSettings<SettingsView>(current, 'getSettings', {});
      if (!settings.ok) continue;
      const answer = await callSettings<SaveResultView>(current, 'saveScoringConfig', { config: RICE_CONFIG, baseRevision: settings.value.scoring.revision });
      if (answer.ok) saved = answer.value;
    }
    expect(saved?.status).toBe('saved');
    await current.runtime.whenIdle();
    current.emulator.setFaults({});
    const progress = await progressOf(current);
    expect(progress).toMatchObject({ status: 'done', done: ISSUES, message: null });
    // Batches failed and were retried through the queue, and the run says so.
    expect(progress?.errors).toBeGreaterThan(0);
    expect(progress?.recentErrors.length).toBeGreaterThan(0);
    expect(current.runtime.queueStats().retries).toBeGreaterThan(0);
    const check = await checkValues(current, TL.id);
    expect(check.wrong).toEqual([]);
    expect(check.issues).toBe(ISSUES);
  });

  it('lets a second recompute supersede the first: the first stops, the second finishes', async () => {
    const current = await start({ limits: { consumerTimeoutMs: 600 } });
    await callSettings(current, 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 });
    await current.runtime.whenIdle();
    current.emulator.setLatency(5);
    const first = valueOf(await callSettings<SaveResultView>(current, 'saveScoringConfig', { config: RICE_CONFIG, baseRevision: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = valueOf(await callSettings<SaveResultView>(current, 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 2 }));
    if (first.status !== 'saved' || second.status !== 'saved') throw new Error('both saves should succeed');
    expect(second.recompute?.runId).not.toBe(first.recompute?.runId);
    await current.runtime.whenIdle();
    current.emulator.setLatency(0);
    expect(await progressOf(current)).toMatchObject({ runId: second.recompute?.runId, status: 'done', done: ISSUES });
    expect((await checkValues(current, TL.id)).wrong).toEqual([]);
  });

  it('stays right when the queue delivers steps twice (at least once)', async () => {
    const current = await start({ limits: { consumerTimeoutMs: 500, delivery: { duplicateDeliveries: true } } });
    await callSettings(current, 'saveScoringConfig', { config: RICE_CONFIG, baseRevision: 0 });
    await current.runtime.whenIdle();
    expect(await progressOf(current)).toMatchObject({ status: 'done', done: ISSUES });
    expect((await checkValues(current, TL.id)).wrong).toEqual([]);
  });

  it('refuses to compute with a configuration saved by a newer version: the run fails in words, triggers write nothing', async () => {
    const current = await start();
    await callSettings(current, 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 });
    await current.runtime.whenIdle();
    await current.runtime.runAs('app', () =>
      kvs.entity(SETTINGS_ENTITY).set(settingsKey(TL.id, 'scoring'), { projectId: TL.id, kind: 'scoring', schemaVersion: 2, revision: 2, savedAt: '2030-01-01T00:00:00.000Z', savedBy: ADA.accountId, document: { version: 2 } }),
    );
    const settings = valueOf(await callSettings<SettingsView>(current, 'getSettings', {}));
    expect(settings.blocked).toBe('This scoring configuration was saved by a newer version of Throughline (schema version 2; this version reads up to 1). Update the app before viewing or changing it; nothing was changed.');
    expect(settings.scoring).toMatchObject({ state: 'unreadable', value: null, revision: 2 });
    expect(await callSettings(current, 'saveScoringConfig', { config: RICE_CONFIG, baseRevision: 2 })).toMatchObject({ ok: false, error: { code: 'bad-request', message: settings.blocked } });

    valueOf(await callSettings<RecomputeProgressView>(current, 'recomputeNow', {}));
    await current.runtime.whenIdle();
    expect(await progressOf(current)).toMatchObject({ status: 'failed', message: settings.blocked });

    const issue = current.emulator.state.findIssue('TL-100');
    const before = issue?.fields[SCORE_FIELD];
    current.emulator.resetCalls();
    current.emulator.state.updateIssue('TL-100', { customfield_10050: 999 }, PAT.accountId);
    await current.runtime.whenIdle();
    expect(callTotals(current.emulator).writes).toBe(0);
    expect(current.emulator.state.findIssue('TL-100')?.fields[SCORE_FIELD]).toBe(before);
  });
});
