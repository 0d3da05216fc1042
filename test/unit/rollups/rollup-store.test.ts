/**
 * The rollups in storage (src/storage/rollups.ts) over the in-memory KVS: conditional writes that
 * never lose a concurrent writer's change, late reads that never overwrite newer ones, removals,
 * the index, groups too large to keep, and the keys.
 */
import { describe, expect, it } from 'vitest';
import type { RollupMember } from '../../../src/domain/strategy/rollup';
import { summaryOf } from '../../../src/domain/strategy/rollup';
import { keepRollups } from '../../../src/services/rollups';
import { ConditionFailedError, createRollupStore, indexPageOf, isGroupId, memoryKvs } from '../../../src/storage';
import type { EntityWrite, KvsPort, RollupStore } from '../../../src/storage';
import { rollupGroupKey, rollupIndexKey, rollupStateKey } from '../../../src/storage/rollups';

const PROJECT = '10000';
const NOW = new Date('2026-12-02T12:00:00.000Z');

function member(k: string, u: number, overrides: Partial<RollupMember> = {}): RollupMember {
  return { k, u, d: 0, p: 3, r: 'r', s: 5, ...overrides };
}

/** A port whose next transactions run `before` first: another writer getting there in between. */
function interleaved(port: KvsPort): KvsPort & { inner: KvsPort; before: (() => Promise<void>)[]; transactions: number; conflicts: number } {
  const wrapper = {
    inner: port,
    before: [] as (() => Promise<void>)[],
    transactions: 0,
    conflicts: 0,
    getEntity: <T>(entity: string, key: string) => port.getEntity<T>(entity, key),
    transact: async (writes: readonly EntityWrite[]) => {
      const hook = wrapper.before.shift();
      if (hook !== undefined) await hook();
      wrapper.transactions++;
      try {
        await port.transact(writes);
      } catch (error: unknown) {
        if (error instanceof ConditionFailedError) wrapper.conflicts++;
        throw error;
      }
    },
    get: <T>(key: string) => port.get<T>(key),
    set: (key: string, value: unknown) => port.set(key, value),
    delete: (key: string) => port.delete(key),
    getMany: (keys: readonly string[]) => port.getMany(keys),
    listPrefix: (prefix: string, cursor?: string) => port.listPrefix(prefix, cursor),
  };
  return wrapper;
}

/** Group ids that share an index page with `groupId` (so that they race on it). */
function samePage(groupId: string, count: number): string[] {
  const page = indexPageOf(groupId);
  const found: string[] = [];
  for (let n = 1; found.length < count; n++) {
    const candidate = `epic:TL-${String(n)}`;
    if (candidate !== groupId && indexPageOf(candidate) === page) found.push(candidate);
  }
  return found;
}

async function membersOf(store: RollupStore, group: string): Promise<Record<string, RollupMember>> {
  return { ...((await store.loadGroup(PROJECT, group))?.members ?? {}) };
}

describe('a group change', () => {
  it('writes the group and its index entry, and writes nothing for the same read again or an older one', async () => {
    const port = interleaved(memoryKvs());
    const store = createRollupStore(port);
    expect(await store.change(PROJECT, 'epic:TL-1', { upsert: { '10001': member('TL-11', 100) } }, NOW)).toBe('written');
    const group = await store.loadGroup(PROJECT, 'epic:TL-1');
    expect(group).toMatchObject({ projectId: PROJECT, group: 'epic:TL-1', version: 1, updatedAt: NOW.toISOString() });
    expect(group?.summary).toEqual(summaryOf('TL-1', { '10001': member('TL-11', 100) }));
    expect((await store.readIndex(PROJECT)).get('epic:TL-1')).toEqual({ summary: group?.summary, updatedAt: NOW.toISOString() });

    const transactions = port.transactions;
    expect(await store.change(PROJECT, 'epic:TL-1', { upsert: { '10001': member('TL-11', 100) } }, NOW)).toBe('unchanged');
    expect(await store.change(PROJECT, 'epic:TL-1', { upsert: { '10001': member('TL-11', 99, { p: 40 }) } }, NOW)).toBe('unchanged');
    expect(port.transactions).toBe(transactions);
    expect((await store.loadGroup(PROJECT, 'epic:TL-1'))?.version).toBe(1);

    expect(await store.change(PROJECT, 'epic:TL-1', { upsert: { '10001': member('TL-11', 101, { p: 8 }) } }, NOW)).toBe('written');
    expect(await membersOf(store, 'epic:TL-1')).toEqual({ '10001': member('TL-11', 101, { p: 8 }) });
  });

  it.each([
    ['a removal by a read older than what is stored keeps the member', { issueId: '10001', readAt: 99 }, true],
    ['a removal by a read as new as what is stored removes it', { issueId: '10001', readAt: 100 }, false],
    ['a removal by a newer read removes it', { issueId: '10001', readAt: 500 }, false],
    ['a removal of an issue that is gone (no read) removes it', { issueId: '10001' }, false],
  ])('%s', async (_name, removal, kept) => {
    const store = createRollupStore(memoryKvs());
    await store.change(PROJECT, 'epic:TL-1', { upsert: { '10001': member('TL-11', 100), '10002': member('TL-12', 100) } }, NOW);
    expect(await store.change(PROJECT, 'epic:TL-1', { remove: [removal] }, NOW)).toBe(kept ? 'unchanged' : 'written');
    expect(Object.keys(await membersOf(store, 'epic:TL-1')).sort()).toEqual(kept ? ['10001', '10002'] : ['10002']);
  });

  it('takes an emptied group out of the index, and a removal of what is not there writes nothing', async () => {
    const store = createRollupStore(memoryKvs());
    await store.change(PROJECT, 'none:3', { upsert: { '10003': member('TL-13', 100) } }, NOW);
    expect((await store.readIndex(PROJECT)).has('none:3')).toBe(true);
    expect(await store.change(PROJECT, 'none:3', { remove: [{ issueId: '10003' }] }, NOW)).toBe('written');
    expect((await store.readIndex(PROJECT)).has('none:3')).toBe(false);
    expect(await store.change(PROJECT, 'none:3', { remove: [{ issueId: '10003' }] }, NOW)).toBe('unchanged');
    expect(await store.change(PROJECT, 'none:4', { remove: [{ issueId: '10003' }] }, NOW)).toBe('unchanged');
  });
});

describe('conditional writes under a concurrent writer', () => {
  it('a writer that got there first between the read and the write is not lost: the change is read again and reapplied', async () => {
    const port = interleaved(memoryKvs());
    const store = createRollupStore(port);
    const other = createRollupStore(port.inner);
    await store.change(PROJECT, 'epic:TL-1', { upsert: { '10001': member('TL-11', 100) } }, NOW);
    // Just before our transaction: someone else adds a story to the same group.
    port.before.push(() => other.change(PROJECT, 'epic:TL-1', { upsert: { '10002': member('TL-12', 100) } }, NOW).then(() => undefined));
    expect(await store.change(PROJECT, 'epic:TL-1', { upsert: { '10003': member('TL-13', 100) } }, NOW)).toBe('written');
    expect(port.conflicts).toBe(1);
    expect(Object.keys(await membersOf(store, 'epic:TL-1')).sort()).toEqual(['10001', '10002', '10003']);
    const group = await store.loadGroup(PROJECT, 'epic:TL-1');
    expect(group?.version).toBe(3);
    expect((await store.readIndex(PROJECT)).get('epic:TL-1')?.summary.count.total).toBe(3);
  });

  it('a concurrent writer of another group on the same index page is not lost either (the index page is checked too)', async () => {
    const [neighbour] = samePage('epic:TL-1', 1);
    if (neighbour === undefined) throw new Error('no neighbour');
    const port = interleaved(memoryKvs());
    const store = createRollupStore(port);
    const other = createRollupStore(port.inner);
    port.before.push(() => other.change(PROJECT, neighbour, { upsert: { '10009': member('TL-19', 100) } }, NOW).then(() => undefined));
    await store.change(PROJECT, 'epic:TL-1', { upsert: { '10001': member('TL-11', 100) } }, NOW);
    expect(port.conflicts).toBe(1);
    const index = await store.readIndex(PROJECT);
    expect(index.get('epic:TL-1')?.summary.count.total).toBe(1);
    expect(index.get(neighbour)?.summary.count.total).toBe(1);
  });

  it('a late read racing a newer one never wins, whichever transaction goes first', async () => {
    const port = interleaved(memoryKvs());
    const store = createRollupStore(port);
    const other = createRollupStore(port.inner);
    port.before.push(() => other.change(PROJECT, 'epic:TL-1', { upsert: { '10001': member('TL-11', 200, { d: 1 }) } }, NOW).then(() => undefined));
    expect(await store.change(PROJECT, 'epic:TL-1', { upsert: { '10001': member('TL-11', 100) } }, NOW)).toBe('unchanged');
    expect(await membersOf(store, 'epic:TL-1')).toEqual({ '10001': member('TL-11', 200, { d: 1 }) });
  });

  it('many writers of one group and its page at once: every member is kept, the summary counts them all', async () => {
    const kvs = memoryKvs();
    const groups = ['epic:TL-1', ...samePage('epic:TL-1', 2)];
    const writers = Array.from({ length: 8 }, (_, i) => createRollupStore(kvs).change(PROJECT, groups[i % groups.length] ?? 'epic:TL-1', { upsert: { [String(10_100 + i)]: member(`TL-${String(100 + i)}`, 100 + i) } }, NOW));
    const outcomes = await Promise.all(writers);
    expect(outcomes.every((outcome) => outcome === 'written')).toBe(true);
    const store = createRollupStore(kvs);
    const index = await store.readIndex(PROJECT);
    let total = 0;
    for (const group of groups) {
      const members = await membersOf(store, group);
      total += Object.keys(members).length;
      expect(index.get(group)?.summary).toEqual(summaryOf(group.slice('epic:'.length), members));
    }
    expect(total).toBe(8);
  });
});

describe('many groups at once (the recount)', () => {
  it('writes only the groups that change, more groups on one page than one transaction holds', async () => {
    const port = interleaved(memoryKvs());
    const store = createRollupStore(port);
    const crowd = ['epic:TL-1', ...samePage('epic:TL-1', 29)];
    const changes = new Map(crowd.map((group, i) => [group, { upsert: { [String(20_000 + i)]: member(`TL-${String(2000 + i)}`, 100) } }]));
    expect(await store.changeMany(PROJECT, changes, NOW)).toEqual({ written: 30, overflow: [] });
    // 30 groups of one page: two transactions (24 + 6 groups, each with the page).
    expect(port.transactions).toBe(2);
    expect((await store.readIndex(PROJECT)).size).toBe(30);
    expect(await store.changeMany(PROJECT, changes, NOW)).toEqual({ written: 0, overflow: [] });
    expect(port.transactions).toBe(2);
  });
});

describe('a group too large to keep', () => {
  it('is not written and is named as overflow; keepRollups remembers it in the state so that the page counts live', async () => {
    const store = createRollupStore(memoryKvs());
    const upsert = Object.fromEntries(Array.from({ length: 4000 }, (_, i) => [String(1_000_000 + i), member(`TL-${String(100_000 + i)}`, 1_796_213_423_272, { r: 'n', f: ['acceptance-criteria', 'estimate-present'] })]));
    expect(await store.change(PROJECT, 'epic:TL-1', { upsert }, NOW)).toBe('overflow');
    expect(await store.loadGroup(PROJECT, 'epic:TL-1')).toBeUndefined();
    const placed = Object.entries(upsert).map(([issueId, m]) => ({ projectId: PROJECT, groupId: 'epic:TL-1', issueId, member: m }));
    const kept = await keepRollups(store, { placed }, NOW);
    expect(kept).toEqual({ writes: 0, overflow: [{ projectId: PROJECT, groupId: 'epic:TL-1' }] });
    expect(await store.loadState(PROJECT)).toEqual({ reconciledAt: null, reconcileRunId: null, overflow: ['epic:TL-1'] });
    // Noted once.
    await keepRollups(store, { placed }, NOW);
    expect((await store.loadState(PROJECT))?.overflow).toEqual(['epic:TL-1']);
    // A smaller group on the same page is still kept.
    expect(await store.change(PROJECT, 'epic:TL-2', { upsert: { '10001': member('TL-11', 1) } }, NOW)).toBe('written');
  });
});

describe('keys and state', () => {
  it.each([
    ['epic:TL-1', true],
    ['epic:AB_2-123', true],
    ['none:0', true],
    ['none:31', true],
    ['none:1000', false],
    ['epic:tl-1', false],
    ['epic:TL-0', false],
    ['epic:TL-1:x', false],
    ['none:-1', false],
    ['rollup:10000', false],
    ['', false],
  ])('isGroupId(%j) is %s', (group, valid) => {
    expect(isGroupId(group)).toBe(valid);
    if (valid) expect(rollupGroupKey(PROJECT, group)).toBe(`rollup:${PROJECT}:${group}`);
    else expect(() => rollupGroupKey(PROJECT, group)).toThrow();
  });

  it('refuses a project that is not a Jira project id, and pages the index by a fixed hash', () => {
    expect(() => rollupGroupKey('TL', 'epic:TL-1')).toThrow(/project id/);
    expect(() => rollupStateKey('10000 OR 1=1')).toThrow(/project id/);
    expect(rollupIndexKey(PROJECT, 3)).toBe(`rollup-index:${PROJECT}:3`);
    expect(indexPageOf('epic:TL-1')).toBe(indexPageOf('epic:TL-1'));
    expect(new Set(Array.from({ length: 500 }, (_, i) => indexPageOf(`epic:TL-${String(i + 1)}`))).size).toBe(32);
  });

  it('reads an unreadable state as none, and a saved one back', async () => {
    const kvs = memoryKvs();
    const store = createRollupStore(kvs);
    expect(await store.loadState(PROJECT)).toBeUndefined();
    await kvs.set(rollupStateKey(PROJECT), { reconciledAt: 42 });
    expect(await store.loadState(PROJECT)).toBeUndefined();
    const state = { reconciledAt: NOW.toISOString(), reconcileRunId: 'run-1', overflow: [] };
    await store.saveState(PROJECT, state);
    expect(await store.loadState(PROJECT)).toEqual(state);
  });
});
