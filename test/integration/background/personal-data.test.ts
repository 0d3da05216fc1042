/**
 * Personal data, end to end in the local Forge runtime: the weekly scheduled trigger reports every
 * account id the app holds through @forge/api's privacy.reportPersonalData (the runtime answers
 * /app/report-accounts), in batches of at most 90, one page of projects a step through the queue;
 * an account Atlassian says is closed disappears from the settings, and nothing else is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaveResultView, SettingsView } from '../../../src/contract';
import { DOCUMENT_KINDS, RECOMPUTE_ENTITY, SETTINGS_ENTITY, createRecomputeStore, createSettingsRepository, recomputeKey, settingsKey } from '../../../src/storage';
import type { RecomputeProgress } from '../../../src/storage';
import { forgeKvs } from '../../../src/storage/forge-kvs';
import { ADA, MOB, PAT, TL, WSJF_CONFIG, callSettings, startSite, valueOf } from '../settings/support';
import type { Site } from '../settings/support';

/** A product manager whose Atlassian account is closed. */
const CLOSED = '5f0c1a2b3c4d5e6f7a8b9c99';
const TRIGGER = 'weekly-privacy-report';

let site: Site;

const settingsOf = async (project: typeof TL = TL): Promise<SettingsView> => valueOf(await callSettings<SettingsView>(site, 'getSettings', {}, ADA, project));

/** Every record the app keeps for the projects, as stored. */
async function rawRecords(projectIds: readonly string[]): Promise<string> {
  return site.runtime.runAs('app', async () => {
    const kvs = forgeKvs();
    const records: unknown[] = [];
    for (const projectId of projectIds) {
      for (const kind of DOCUMENT_KINDS) records.push(await kvs.getEntity(SETTINGS_ENTITY, settingsKey(projectId, kind)));
      records.push(await kvs.getEntity(RECOMPUTE_ENTITY, recomputeKey(projectId)));
    }
    return JSON.stringify(records);
  });
}

function finishedRun(projectId: string, requestedBy: string) {
  const progress: RecomputeProgress = {
    runId: 'run-by-closed',
    status: 'done',
    reason: 'recompute requested',
    requestedBy,
    startedAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:05:00.000Z',
    finishedAt: '2026-03-01T10:05:00.000Z',
    total: 10,
    done: 10,
    changed: 2,
    writeCalls: { appFields: 1, properties: 1 },
    errors: 0,
    recentErrors: [],
    failedAttempts: 0,
    message: null,
  };
  return { projectId, runId: 'run-by-closed', status: 'done' as const, progress, cursor: { nextPageToken: null, pages: 1, epics: {} } };
}

async function fireWeekly(): Promise<void> {
  const result = await site.runtime.fireScheduledTrigger(TRIGGER);
  expect(result.success).toBe(true);
  await site.runtime.whenIdle();
}

beforeAll(async () => {
  site = await startSite();
  // TL: Ada saved the scoring (and started its recompute), Pat and the closed account are its
  // product managers, and the closed account saved the readiness rules.
  expect(valueOf(await callSettings<SaveResultView>(site, 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 })).status).toBe('saved');
  expect(valueOf(await callSettings<SaveResultView>(site, 'saveProductManagers', { accountIds: [PAT.accountId, CLOSED], baseRevision: 0 })).status).toBe('saved');
  await site.runtime.whenIdle();
  await site.runtime.runAs('app', async () => {
    const settings = createSettingsRepository(forgeKvs());
    await settings.save(TL.id, 'readiness', { rules: { 'estimate-small': { maxPoints: 13 } } }, { baseRevision: 0, actor: CLOSED });
    // MOB: the closed account is its only product manager, and started its last recompute.
    await settings.save(MOB.id, 'product-managers', { accountIds: [CLOSED] }, { baseRevision: 0, actor: ADA.accountId });
    await createRecomputeStore(forgeKvs()).start(finishedRun(MOB.id, CLOSED));
  });
});

afterAll(async () => {
  await site.close();
});

describe('the weekly personal data report', () => {
  it('is declared as a weekly scheduled trigger', () => {
    expect(site.runtime.manifest.scheduledTriggers.filter((trigger) => trigger.key === TRIGGER)).toEqual([{ key: TRIGGER, functionKey: 'privacy-report', interval: 'week' }]);
  });

  it('reports every account id held, and erases nothing while none is closed', async () => {
    const before = await rawRecords([TL.id, MOB.id]);
    await fireWeekly();
    const reported = site.runtime.privacy.reports.flat().map((account) => account.accountId);
    expect(new Set(reported)).toEqual(new Set([ADA.accountId, PAT.accountId, CLOSED]));
    for (const report of site.runtime.privacy.reports) expect(report.length).toBeLessThanOrEqual(90);
    expect(await rawRecords([TL.id, MOB.id])).toBe(before);
  });

  it('erases a closed product manager from the settings; nothing else is lost', async () => {
    const [tlBefore, mobBefore] = [await settingsOf(TL), await settingsOf(MOB)];
    site.runtime.privacy.close(CLOSED);
    site.runtime.privacy.update(PAT.accountId);
    await fireWeekly();

    const [tl, mob] = [await settingsOf(TL), await settingsOf(MOB)];
    expect(tl.productManagers.value).toEqual([PAT.accountId]);
    expect(mob.productManagers.value).toEqual([]);
    expect(tl.readiness.savedBy).toBe('former-user');
    // Everything else as it was: the configuration, who saved it, when, the revisions.
    expect(tl.readiness.value).toEqual(tlBefore.readiness.value);
    expect(tl.scoring).toEqual(tlBefore.scoring);
    expect(tl.strategy).toEqual(tlBefore.strategy);
    expect({ ...tl.productManagers, value: null }).toEqual({ ...tlBefore.productManagers, value: null });
    expect({ ...tl.readiness, savedBy: null }).toEqual({ ...tlBefore.readiness, savedBy: null });
    expect(mob.productManagers.revision).toBe(mobBefore.productManagers.revision);
    expect(mob.productManagers.savedBy).toBe(ADA.accountId);

    const stored = await rawRecords([TL.id, MOB.id]);
    expect(stored).not.toContain(CLOSED);
    expect(stored).toContain(PAT.accountId);
    expect(stored).toContain(ADA.accountId);
  });

  it('is idempotent: firing again (a scheduled trigger may fire twice) changes nothing', async () => {
    const before = await rawRecords([TL.id, MOB.id]);
    const reports = site.runtime.privacy.reports.length;
    await fireWeekly();
    await fireWeekly();
    expect(await rawRecords([TL.id, MOB.id])).toBe(before);
    // The closed account is no longer held, so no longer reported.
    expect(site.runtime.privacy.reports.slice(reports).flat().map((account) => account.accountId)).not.toContain(CLOSED);
  });

  it('goes through many projects a page at a time, in batches of at most 90 accounts', async () => {
    const projects = Array.from({ length: 45 }, (_, index) => String(30001 + index));
    const manyManagers = Array.from({ length: 100 }, (_, index) => `5f0c1a2b3c4d5e6f7a8b${String(1000 + index)}`);
    await site.runtime.runAs('app', async () => {
      const settings = createSettingsRepository(forgeKvs());
      await settings.save(projects[0] ?? '', 'product-managers', { accountIds: manyManagers }, { baseRevision: 0, actor: ADA.accountId });
      for (const projectId of projects.slice(1)) {
        await settings.save(projectId, 'product-managers', { accountIds: [PAT.accountId, `closed-${projectId}`] }, { baseRevision: 0, actor: ADA.accountId });
      }
    });
    for (const projectId of projects.slice(1)) site.runtime.privacy.close(`closed-${projectId}`);
    site.runtime.privacy.close(manyManagers[95] ?? '');
    const reports = site.runtime.privacy.reports.length;
    const pushed = site.runtime.queueStats().pushed;
    await fireWeekly();

    const sent = site.runtime.privacy.reports.slice(reports);
    for (const report of sent) expect(report.length).toBeLessThanOrEqual(90);
    expect(sent.some((report) => report.length === 90)).toBe(true);
    // 47 projects (TL, MOB and these) in pages of 20: the first by the trigger, two more through the queue.
    expect(site.runtime.queueStats().pushed - pushed).toBe(2);
    const stored = await rawRecords(projects);
    for (const projectId of projects.slice(1)) expect(stored).not.toContain(`closed-${projectId}`);
    expect(stored).not.toContain(manyManagers[95]);
    expect(stored).toContain(manyManagers[94]);
    const first = await site.runtime.runAs('app', () => createSettingsRepository(forgeKvs()).load(projects[0] ?? '', 'product-managers', () => ({ accountIds: [] })));
    expect(first.status === 'stored' ? first.value.accountIds.length : 0).toBe(99);
  });
});
