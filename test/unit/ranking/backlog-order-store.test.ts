/**
 * The backlog order's storage: pins per project (bounded, who pinned them reported and erased with
 * the app's other personal data), the saved order per board (bounded, read back only in shape).
 */
import { describe, expect, it } from 'vitest';
import { MAX_PINS, MAX_SAVED_ORDER, createBacklogOrderStore, createPersonalDataStore, memoryKvs } from '../../../src/storage';

const AT = '2026-12-02T12:00:00.000Z';

describe('backlog order store', () => {
  it('keeps pins per project and refuses more than the bound', async () => {
    const store = createBacklogOrderStore(memoryKvs());
    await store.savePins('10000', { '10001': { key: 'TL-1', by: 'acc-1', at: AT, reason: 'Promised' } });
    expect(await store.pins('10000')).toEqual({ '10001': { key: 'TL-1', by: 'acc-1', at: AT, reason: 'Promised' } });
    expect(await store.pins('10001')).toEqual({});
    const many = Object.fromEntries(Array.from({ length: MAX_PINS + 1 }, (_, i) => [String(20_000 + i), { key: `TL-${String(i + 1)}`, by: 'a', at: AT, reason: 'r' }]));
    await expect(store.savePins('10000', many)).rejects.toThrow(RangeError);
    await expect(store.pins('not-a-project')).rejects.toThrow();
  });

  it('saves one order per board, bounded, and reads a foreign value as none', async () => {
    const kvs = memoryKvs();
    const store = createBacklogOrderStore(kvs);
    await store.save({ boardId: '1', at: AT, before: ['TL-1', 'TL-2'], after: ['TL-2', 'TL-1'] });
    expect(await store.saved('1')).toEqual({ boardId: '1', at: AT, before: ['TL-1', 'TL-2'], after: ['TL-2', 'TL-1'] });
    await expect(store.save({ boardId: '2', at: AT, before: Array.from({ length: MAX_SAVED_ORDER + 1 }, (_, i) => `TL-${String(i + 1)}`), after: [] })).rejects.toThrow();
    await kvs.set('backlog-undo:3', { boardId: '1', at: AT, before: [], after: [] });
    expect(await store.saved('3')).toBeUndefined();
    await store.forget('1');
    expect(await store.saved('1')).toBeUndefined();
    await expect(store.saved('../1')).rejects.toThrow();
  });

  it('reports who pinned issues as personal data, and erases them as a former user', async () => {
    const kvs = memoryKvs();
    const store = createBacklogOrderStore(kvs);
    await store.savePins('10000', { '10001': { key: 'TL-1', by: 'acc-1', at: AT, reason: 'Promised' }, '10002': { key: 'TL-2', by: 'acc-2', at: AT, reason: 'Blocks the release' } });
    const personal = createPersonalDataStore(kvs);
    expect((await personal.projects()).projectIds).toEqual(['10000']);
    expect(await personal.accountsIn('10000')).toEqual(expect.arrayContaining([{ accountId: 'acc-1', updatedAt: AT }, { accountId: 'acc-2', updatedAt: AT }]));
    expect(await personal.erase('10000', new Set(['acc-1']))).toEqual({ records: 1, deferred: 0 });
    expect(await store.pins('10000')).toEqual({ '10001': { key: 'TL-1', by: 'former-user', at: AT, reason: 'Promised' }, '10002': { key: 'TL-2', by: 'acc-2', at: AT, reason: 'Blocks the release' } });
    expect(await personal.erase('10000', new Set(['acc-1']))).toEqual({ records: 0, deferred: 0 });
  });
});
