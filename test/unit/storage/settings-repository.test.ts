/**
 * The settings repository over in-memory storage with Forge's rules: defaults, validation on the
 * way in and out, schema versions, revisions, and two saves at once.
 */
import { describe, expect, it } from 'vitest';
import { defaultReadinessConfig } from '../../../src/domain/readiness';
import { defaultScoringConfig } from '../../../src/domain/scoring';
import { emptyStrategy } from '../../../src/domain/strategy';
import {
  SETTINGS_ENTITY,
  STORAGE_SCHEMA_VERSION,
  StorageError,
  createSettingsRepository,
  memoryKvs,
  settingsKey,
} from '../../../src/storage';
import type { DocumentDefaults, KvsPort } from '../../../src/storage';

const PROJECT = '10000';
const defaults: DocumentDefaults = {
  scoring: () => defaultScoringConfig(),
  readiness: () => defaultReadinessConfig(),
  strategy: () => emptyStrategy(),
  'product-managers': () => ({ accountIds: [] }),
};
const RICE = {
  model: {
    type: 'rice',
    inputs: {
      reach: { kind: 'number', fieldId: 'customfield_10053' },
      impact: { kind: 'number', fieldId: 'customfield_10054' },
      confidence: { kind: 'number', fieldId: 'customfield_10055' },
      effort: { kind: 'number', fieldId: 'customfield_10056' },
    },
  },
};

async function rejection(promise: Promise<unknown>): Promise<StorageError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StorageError);
    return error as StorageError;
  }
  throw new Error('expected a StorageError');
}

async function storeRaw(kvs: KvsPort, kind: 'scoring' | 'strategy', value: Record<string, unknown>): Promise<void> {
  await kvs.transact([{ entity: SETTINGS_ENTITY, key: settingsKey(PROJECT, kind), value }]);
}

describe('settings repository', () => {
  it('gives the defaults, revision 0, for a project never configured', async () => {
    const repository = createSettingsRepository(memoryKvs());
    const all = await repository.loadAll(PROJECT, defaults);
    expect(all.scoring).toEqual({ status: 'default', value: defaultScoringConfig(), revision: 0 });
    expect(all.readiness.status).toBe('default');
    expect(all.strategy).toMatchObject({ status: 'default', revision: 0, value: { themes: [] } });
    expect(all['product-managers']).toEqual({ status: 'default', value: { accountIds: [] }, revision: 0 });
  });

  it('saves a validated document with revision 1, then 2, and reads it back validated', async () => {
    const repository = createSettingsRepository(memoryKvs());
    const now = new Date('2026-03-01T10:00:00Z');
    const first = await repository.save(PROJECT, 'scoring', RICE, { baseRevision: 0, actor: 'ada', now });
    expect(first).toMatchObject({ revision: 1, savedAt: '2026-03-01T10:00:00.000Z', value: { version: 1, model: { type: 'rice' }, multiplyByStrategicWeight: true } });
    const second = await repository.save(PROJECT, 'scoring', { ...RICE, multiplyByStrategicWeight: false }, { baseRevision: 1, actor: 'pat', now });
    expect(second.revision).toBe(2);
    expect(await repository.load(PROJECT, 'scoring', defaults.scoring)).toMatchObject({ status: 'stored', revision: 2, savedBy: 'pat', value: { multiplyByStrategicWeight: false } });
  });

  it('refuses an invalid document with every problem and its path, and stores nothing', async () => {
    const repository = createSettingsRepository(memoryKvs());
    const error = await rejection(repository.save(PROJECT, 'readiness', { rules: { 'estimate-small': { maxPoints: -3 } }, issueTypes: [] }, { baseRevision: 0, actor: 'ada' }));
    expect(error.code).toBe('invalid');
    expect(error.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['rules.estimate-small.maxPoints', 'issueTypes']));
    expect(error.message).toMatch(/^The set of readiness rules was not saved: /);
    expect((await repository.load(PROJECT, 'readiness', defaults.readiness)).status).toBe('default');
  });

  it('refuses a save based on an older revision: changed by someone else since you opened it', async () => {
    const repository = createSettingsRepository(memoryKvs());
    await repository.save(PROJECT, 'scoring', RICE, { baseRevision: 0, actor: 'ada' });
    await repository.save(PROJECT, 'scoring', RICE, { baseRevision: 1, actor: 'ada' });
    const error = await rejection(repository.save(PROJECT, 'scoring', RICE, { baseRevision: 1, actor: 'pat' }));
    expect(error.code).toBe('stale');
    expect(error.message).toBe(
      'The scoring configuration was changed by someone else since you opened it (you started from revision 1; it is now at revision 2). Reload to see their changes, then make yours again; nothing was saved.',
    );
    // A first save when someone saved already is stale too.
    expect((await rejection(repository.save(PROJECT, 'scoring', RICE, { baseRevision: 0, actor: 'pat' }))).code).toBe('stale');
  });

  it('lets exactly one of two saves at once win, through the condition on the write', async () => {
    const kvs = memoryKvs();
    const repository = createSettingsRepository(kvs);
    // Both read revision 0 before either writes: only the transaction's condition can tell them apart.
    const results = await Promise.allSettled([
      repository.save(PROJECT, 'scoring', RICE, { baseRevision: 0, actor: 'ada' }),
      repository.save(PROJECT, 'scoring', { ...RICE, multiplyByStrategicWeight: false }, { baseRevision: 0, actor: 'pat' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = results.find((r) => r.status === 'rejected');
    expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: 'stale', message: expect.stringContaining('changed by someone else since you opened it') });
    const stored = await repository.load(PROJECT, 'scoring', defaults.scoring);
    const won = results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ value: unknown }>;
    expect(stored).toMatchObject({ status: 'stored', revision: 1, value: won.value.value });
  });

  it('reads an older envelope through its migration and refuses a newer one in words', async () => {
    const kvs = memoryKvs();
    const repository = createSettingsRepository(kvs);
    // v0: the bare document beside its revision.
    await storeRaw(kvs, 'scoring', { projectId: PROJECT, kind: 'scoring', revision: 4, value: RICE });
    expect(await repository.load(PROJECT, 'scoring', defaults.scoring)).toMatchObject({ status: 'stored', revision: 4, migratedFrom: 0, value: { model: { type: 'rice' } } });
    // The next save writes the current envelope.
    await repository.save(PROJECT, 'scoring', RICE, { baseRevision: 4, actor: 'ada' });
    expect(await kvs.getEntity(SETTINGS_ENTITY, settingsKey(PROJECT, 'scoring'))).toMatchObject({ schemaVersion: STORAGE_SCHEMA_VERSION, revision: 5, document: { model: { type: 'rice' } } });

    await storeRaw(kvs, 'scoring', { projectId: PROJECT, kind: 'scoring', schemaVersion: 7, revision: 9, savedAt: '', savedBy: 'x', document: {} });
    const newer = await repository.load(PROJECT, 'scoring', defaults.scoring);
    expect(newer).toEqual({
      status: 'unreadable',
      revision: 9,
      newer: true,
      message: 'This scoring configuration was saved by a newer version of Throughline (schema version 7; this version reads up to 1). Update the app before viewing or changing it; nothing was changed.',
    });
    // Saving over a newer document would lose what the newer version wrote.
    expect((await rejection(repository.save(PROJECT, 'scoring', RICE, { baseRevision: 9, actor: 'ada' }))).code).toBe('newer');
  });

  it('migrates an older strategy document inside the envelope and keeps its revision in step', async () => {
    const kvs = memoryKvs();
    const repository = createSettingsRepository(kvs);
    await storeRaw(kvs, 'strategy', {
      projectId: PROJECT,
      kind: 'strategy',
      schemaVersion: 1,
      revision: 3,
      savedAt: '2026-01-01T00:00:00.000Z',
      savedBy: 'ada',
      // Strategy v0: no schemaVersion, weight instead of strategicWeight.
      document: { vision: { statement: 'One line' }, themes: [{ id: 'growth', name: 'Growth', horizon: 'now', weight: 2 }] },
    });
    const loaded = await repository.load(PROJECT, 'strategy', defaults.strategy);
    expect(loaded).toMatchObject({ status: 'stored', revision: 3, migratedFrom: 0, value: { schemaVersion: 1, revision: 3, themes: [{ id: 'growth', strategicWeight: 2 }] } });
  });

  it('says a damaged document is damaged, and lets an admin save over it', async () => {
    const kvs = memoryKvs();
    const repository = createSettingsRepository(kvs);
    await storeRaw(kvs, 'scoring', { projectId: PROJECT, kind: 'scoring', schemaVersion: 1, revision: 2, savedAt: '', savedBy: 'x', document: { model: { type: 'nonsense' } } });
    const damaged = await repository.load(PROJECT, 'scoring', defaults.scoring);
    expect(damaged).toMatchObject({ status: 'unreadable', newer: false, revision: 2, message: expect.stringMatching(/^The stored scoring configuration is not valid: /) });
    expect((await repository.save(PROJECT, 'scoring', RICE, { baseRevision: 2, actor: 'ada' })).revision).toBe(3);
  });

  it('refuses a document larger than Forge keeps in one value', async () => {
    const repository = createSettingsRepository(memoryKvs());
    const huge = { accountIds: Array.from({ length: 100 }, (_, i) => `${'a'.repeat(120)}${i}`) };
    // 100 ids of ~123 characters fit; the limit is about bytes, so check it with a strategy of long texts.
    expect((await repository.save(PROJECT, 'product-managers', huge, { baseRevision: 0, actor: 'ada' })).revision).toBe(1);
    const themes = Array.from({ length: 50 }, (_, i) => ({ id: `t${i}`, name: `Theme ${i}`, horizon: 'now', description: 'x'.repeat(2000), claimLabels: Array.from({ length: 20 }, (_, j) => `${'l'.repeat(240)}-${i}-${j}`) }));
    const error = await rejection(repository.save(PROJECT, 'strategy', { schemaVersion: 1, revision: 0, vision: {}, themes }, { baseRevision: 0, actor: 'ada' }));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/240 KiB/);
  });

  it('replaces all four documents at once (an import), each validated first, none written on a problem', async () => {
    const repository = createSettingsRepository(memoryKvs());
    await repository.save(PROJECT, 'scoring', RICE, { baseRevision: 0, actor: 'ada' });
    const good = { scoring: RICE, readiness: {}, strategy: { schemaVersion: 1, revision: 0, vision: {}, themes: [] }, 'product-managers': { accountIds: ['ada'] } };
    const bad = { ...good, readiness: { rules: { nope: {} } } };
    const error = await rejection(repository.replaceAll(PROJECT, bad, { actor: 'ada' }));
    expect(error.code).toBe('invalid');
    expect((await repository.load(PROJECT, 'product-managers', defaults['product-managers'])).status).toBe('default');
    expect(await repository.replaceAll(PROJECT, good, { actor: 'ada' })).toEqual({ scoring: 2, readiness: 1, strategy: 1, 'product-managers': 1 });
    expect(await repository.load(PROJECT, 'strategy', defaults.strategy)).toMatchObject({ revision: 1, value: { revision: 1 } });
  });
});
