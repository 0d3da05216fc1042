/**
 * Storage keys (Forge's rules, project ids only) and the recompute run record: a new run
 * supersedes the old one, and a commit based on a stale lease or run id changes nothing.
 */
import { describe, expect, it } from 'vitest';
import {
  ConditionFailedError,
  MAX_REMEMBERED_EPICS,
  RECOMPUTE_ENTITY,
  StorageKeyError,
  assertValidKey,
  createRecomputeStore,
  memoryKvs,
  recomputeKey,
  settingsKey,
} from '../../../src/storage';
import type { RecomputeProgress } from '../../../src/storage';
import { initialProgress } from '../../../src/services/recompute';

describe('storage keys', () => {
  it('builds keys from project ids only, within Forge limits', () => {
    expect(settingsKey('10000', 'scoring')).toBe('project:10000:scoring');
    expect(settingsKey('10000', 'product-managers')).toBe('project:10000:product-managers');
    expect(recomputeKey('10000')).toBe('project:10000');
    for (const forged of ['TL', '10000:scoring', '../10001', '', ' ', '0', '1e5', '10000 ']) {
      expect(() => settingsKey(forged, 'scoring'), forged).toThrow(StorageKeyError);
    }
  });

  it('refuses keys Forge refuses: too long, forbidden characters, only spaces', () => {
    expect(assertValidKey(`a${'b'.repeat(499)}`)).toHaveLength(500);
    expect(() => assertValidKey('a'.repeat(501))).toThrow(StorageKeyError);
    expect(() => assertValidKey('a/b')).toThrow(StorageKeyError);
    expect(() => assertValidKey('   ')).toThrow(StorageKeyError);
    expect(assertValidKey('site:fields#1 x.y_z-w')).toBe('site:fields#1 x.y_z-w');
  });
});

function progress(runId: string): RecomputeProgress {
  return initialProgress(runId, { reason: 'test', requestedBy: 'ada' }, '2026-03-01T10:00:00.000Z');
}

describe('recompute runs', () => {
  it('supersedes a run with a new one and refuses the old run\'s commits', async () => {
    const store = createRecomputeStore(memoryKvs());
    const first = await store.start({ projectId: '10000', runId: 'run-1', status: 'running', progress: progress('run-1'), cursor: { nextPageToken: null, pages: 0, epics: {} } });
    const committed = await store.commit(first, { status: 'running', progress: { ...first.progress, done: 100 }, cursor: { nextPageToken: 't1', pages: 1, epics: {} } });
    expect(committed.lease).toBe(1);
    // The same step delivered twice: the second commit is based on the lease already used.
    await expect(store.commit(first, { status: 'running', progress: first.progress, cursor: first.cursor })).rejects.toBeInstanceOf(ConditionFailedError);
    await store.start({ projectId: '10000', runId: 'run-2', status: 'running', progress: progress('run-2'), cursor: { nextPageToken: null, pages: 0, epics: {} } });
    await expect(store.commit(committed, { status: 'running', progress: committed.progress, cursor: committed.cursor })).rejects.toBeInstanceOf(ConditionFailedError);
    expect(await store.load('10000')).toMatchObject({ runId: 'run-2', lease: 0, progress: { done: 0 } });
  });

  it('keeps the record under Forge\'s value limit by forgetting the oldest epics', async () => {
    const kvs = memoryKvs();
    const store = createRecomputeStore(kvs);
    const epics = Object.fromEntries(Array.from({ length: MAX_REMEMBERED_EPICS + 500 }, (_, i) => [`TL-${i + 1}`, i % 3 === 0 ? null : `theme-${i % 7}`]));
    const run = await store.start({ projectId: '10000', runId: 'r', status: 'running', progress: progress('r'), cursor: { nextPageToken: null, pages: 0, epics } });
    expect(Object.keys(run.cursor.epics)).toHaveLength(MAX_REMEMBERED_EPICS);
    expect(run.cursor.epics).not.toHaveProperty('TL-1');
    expect(run.cursor.epics).toHaveProperty(`TL-${MAX_REMEMBERED_EPICS + 500}`);
    expect(await kvs.getEntity(RECOMPUTE_ENTITY, recomputeKey('10000'))).toMatchObject({ runId: 'r', lease: 0 });
  });

  it('reads a damaged record as no run', async () => {
    const kvs = memoryKvs();
    await kvs.transact([{ entity: RECOMPUTE_ENTITY, key: recomputeKey('10000'), value: { runId: 3 } }]);
    expect(await createRecomputeStore(kvs).load('10000')).toBeUndefined();
  });
});
