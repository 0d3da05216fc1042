/**
 * What the Sprint readiness gadget remembers of a board (storage/board-sprints.ts): ids only,
 * checked on the way out, written only when they changed, under a key only a board id can make.
 */
import { describe, expect, it } from 'vitest';
import { createBoardSprintsMemory, memoryKvs, StorageKeyError } from '../../../src/storage';
import type { KvsPort } from '../../../src/storage';

const SEEN = { projectId: '10000', nextSprintId: 7, closedSprintIds: [5, 4, 3], parentEpicKeys: ['TL-1', 'TL-10'] };

function countingSets(kvs: KvsPort): { kvs: KvsPort; sets: () => number } {
  let sets = 0;
  return {
    kvs: { ...kvs, set: async (key, value) => { sets++; await kvs.set(key, value); } },
    sets: () => sets,
  };
}

describe('the board sprints memory', () => {
  it('recalls what it was told, and writes again only when it changed', async () => {
    const { kvs, sets } = countingSets(memoryKvs());
    const memory = createBoardSprintsMemory(kvs);
    expect(await memory.recall('1')).toBeUndefined();
    await memory.remember('1', SEEN, undefined);
    expect(await memory.recall('1')).toEqual(SEEN);
    await memory.remember('1', SEEN, await memory.recall('1'));
    expect(sets()).toBe(1);
    const started = { ...SEEN, nextSprintId: 8, closedSprintIds: [7, 5, 4] };
    await memory.remember('1', started, SEEN);
    expect(await memory.recall('1')).toEqual(started);
    expect(sets()).toBe(2);
    // The same epics in another order, twice over: the same memory.
    await memory.remember('1', { ...started, parentEpicKeys: ['TL-10', 'TL-1', 'TL-10'] }, started);
    expect(sets()).toBe(2);
    await memory.remember('1', { ...started, parentEpicKeys: ['TL-10'] }, started);
    expect(await memory.recall('1')).toEqual({ ...started, parentEpicKeys: ['TL-10'] });
    expect(sets()).toBe(3);
  });

  it('reads anything else stored there as nothing remembered', async () => {
    const kvs = memoryKvs();
    const memory = createBoardSprintsMemory(kvs);
    for (const stored of ['text', null, { ...SEEN, projectId: '10000 OR 1=1' }, { ...SEEN, parentEpicKeys: ['TL-1 OR 1=1'] }, { ...SEEN, parentEpicKeys: Array.from({ length: 501 }, (_, i) => `TL-${String(i + 1)}`) }, { projectId: '10000', nextSprintId: 7, closedSprintIds: [] }, { ...SEEN, nextSprintId: -1 }, { ...SEEN, closedSprintIds: Array.from({ length: 11 }, (_, i) => i + 1) }, { ...SEEN, extra: true }]) {
      await kvs.set('board-sprints:1', stored);
      expect(await memory.recall('1')).toBeUndefined();
    }
  });

  it('refuses a key from anything but a board id, and a value it could not read back', async () => {
    const memory = createBoardSprintsMemory(memoryKvs());
    await expect(memory.recall('1 OR 1=1')).rejects.toThrow(StorageKeyError);
    await expect(memory.recall('../settings')).rejects.toThrow(StorageKeyError);
    await expect(memory.remember('1', { ...SEEN, projectId: 'TL' }, undefined)).rejects.toThrow();
  });
});
