/**
 * The daily recompute's record: a start is conditional on the record it replaces (two firings at
 * once start one run), a commit on its run and lease (a step delivered twice, or a superseded run,
 * moves nothing), a damaged record never blocks a project, and the record stays within Forge's
 * value limit whatever the errors say.
 */
import { describe, expect, it } from 'vitest';
import { ConditionFailedError, MAX_VALUE_BYTES, byteLengthOf, memoryKvs } from '../../../src/storage';
import { DAILY_RECOMPUTE_ENTITY, MAX_DAILY_ERRORS, createDailyRecomputeStore, dailyRecomputeKey } from '../../../src/storage/daily-recompute-store';
import type { DailyRunRecord } from '../../../src/storage/daily-recompute-store';

const AT = '2026-03-05T06:00:00.000Z';

function run(runId: string, day = '2026-03-05'): Omit<DailyRunRecord, 'lease'> {
  return {
    projectId: '10000',
    day,
    runId,
    status: 'running',
    startedAt: AT,
    since: null,
    currentAsOf: null,
    cursor: { jql: 'project = 10000 AND (duedate < "2026-09-02") ORDER BY key ASC', nextPageToken: null, pages: 0 },
    looksFor: ['duedate'],
    progress: { read: 0, changed: 0, writeCalls: { appFields: 0, properties: 0 }, errors: 0, failedAttempts: 0, recentErrors: [], message: null, updatedAt: AT, finishedAt: null },
  };
}

describe('the daily recompute record', () => {
  it('keys records by project id only', () => {
    expect(dailyRecomputeKey('10000')).toBe('daily:10000');
    for (const forged of ['TL', '10000:x', '', '0', '1e3']) expect(() => dailyRecomputeKey(forged), forged).toThrow();
  });

  it('lets only one of two starts based on the same record win: a trigger fired twice at once starts one run', async () => {
    const store = createDailyRecomputeStore(memoryKvs());
    const first = await store.start(run('r1', '2026-03-04'), undefined);
    await expect(store.start(run('r0', '2026-03-04'), undefined)).rejects.toBeInstanceOf(ConditionFailedError);
    const loaded = await store.load('10000');
    await store.start(run('r2'), loaded);
    await expect(store.start(run('r3'), loaded)).rejects.toBeInstanceOf(ConditionFailedError);
    expect(await store.load('10000')).toMatchObject({ runId: 'r2', day: '2026-03-05', lease: first.lease + 1 });
  });

  it('refuses a commit based on a lease already used, or on a run superseded since', async () => {
    const store = createDailyRecomputeStore(memoryKvs());
    const started = await store.start(run('r1'), undefined);
    const committed = await store.commit(started, { ...started, cursor: { ...started.cursor, nextPageToken: 't1', pages: 1 } });
    await expect(store.commit(started, started)).rejects.toBeInstanceOf(ConditionFailedError);
    await store.start(run('r2', '2026-03-06'), committed);
    await expect(store.commit(committed, committed)).rejects.toBeInstanceOf(ConditionFailedError);
    expect(await store.load('10000')).toMatchObject({ runId: 'r2', cursor: { nextPageToken: null, pages: 0 } });
  });

  it('replaces a damaged record instead of leaving the project stuck behind it', async () => {
    const kvs = memoryKvs();
    const store = createDailyRecomputeStore(kvs);
    await kvs.transact([{ entity: DAILY_RECOMPUTE_ENTITY, key: dailyRecomputeKey('10000'), value: { runId: 'old', lease: 4, day: 'yesterday?' } }]);
    expect(await store.load('10000')).toBeUndefined();
    expect(await store.start(run('r1'), undefined)).toMatchObject({ runId: 'r1', lease: 5 });
    await kvs.transact([{ entity: DAILY_RECOMPUTE_ENTITY, key: dailyRecomputeKey('10000'), value: { garbage: true } }]);
    expect(await store.start(run('r2'), undefined)).toMatchObject({ runId: 'r2' });
  });

  it('keeps the newest errors only, each shortened, within Forge\'s value limit', async () => {
    const store = createDailyRecomputeStore(memoryKvs());
    const started = await store.start(run('r1'), undefined);
    const recentErrors = Array.from({ length: 50 }, (_, i) => ({ at: AT, message: `${String(i)} ${'x'.repeat(100_000)}` }));
    const committed = await store.commit(started, { ...started, progress: { ...started.progress, recentErrors } });
    expect(committed.progress.recentErrors.map((error) => error.message.split(' ')[0])).toEqual(Array.from({ length: MAX_DAILY_ERRORS }, (_, i) => String(50 - MAX_DAILY_ERRORS + i)));
    expect(byteLengthOf(committed)).toBeLessThan(MAX_VALUE_BYTES);
    expect(await store.load('10000')).toEqual(committed);
  });
});
