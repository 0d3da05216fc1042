/**
 * Where an event says a story was counted before it changed (formerPlacesOf, on the changelog
 * shapes Jira sends: IssueParentAssociation, Epic Link, parent, project), and keepRollups applying
 * a trigger's update: one write per group that changes, nothing for a repeated or late one.
 */
import { describe, expect, it } from 'vitest';
import type { RollupMember } from '../../../src/domain/strategy/rollup';
import { formerPlacesOf, keepRollups } from '../../../src/services/rollups';
import type { Placement } from '../../../src/services/rollups';
import { createRollupStore, memoryKvs } from '../../../src/storage';

const TL = '10000';
const MOB = '10001';
const NOW = new Date('2026-12-02T12:00:00.000Z');
const STORY = { id: '10042', projectId: TL, groupId: 'epic:TL-2' };
const SHARD = `none:${String(10_042 % 32)}`;

const parentItem = (fromString: string | null, toString: string | null, field = 'IssueParentAssociation') => ({ field, fieldtype: 'jira', from: fromString === null ? null : '10001', fromString, to: toString === null ? null : '10002', toString });
const event = (...items: unknown[]) => ({ eventType: 'avi:jira:updated:issue', changelog: { id: '1', items } });

describe('formerPlacesOf', () => {
  it.each([
    ['re-parented (IssueParentAssociation, keys in the strings)', event(parentItem('TL-1', 'TL-2')), STORY, [{ projectId: TL, groupId: 'epic:TL-1' }]],
    ['re-parented (Epic Link, an older site)', event(parentItem('TL-1', 'TL-2', 'Epic Link')), STORY, [{ projectId: TL, groupId: 'epic:TL-1' }]],
    ['re-parented ("parent", any case)', event(parentItem('TL-1', 'TL-2', 'PARENT')), STORY, [{ projectId: TL, groupId: 'epic:TL-1' }]],
    ['given an epic (from none)', event(parentItem(null, 'TL-2')), STORY, [{ projectId: TL, groupId: SHARD }]],
    ['given an epic (from an empty string)', event(parentItem('', 'TL-2')), STORY, [{ projectId: TL, groupId: SHARD }]],
    ['un-parented', event(parentItem('TL-1', null)), { ...STORY, groupId: SHARD }, [{ projectId: TL, groupId: 'epic:TL-1' }]],
    ['a parent string that is not a key counts as none', event(parentItem('Some epic name', 'TL-2')), STORY, [{ projectId: TL, groupId: SHARD }]],
    ['moved from another project, parent kept (the same group there)', event({ field: 'project', from: MOB, fromString: 'Mobile', to: TL, toString: 'Throughline' }, { field: 'Key', from: 'MOB-3', fromString: 'MOB-3', to: 'TL-300', toString: 'TL-300' }), STORY, [{ projectId: MOB, groupId: 'epic:TL-2' }]],
    ['moved with its parent cleared', event({ field: 'project', from: TL, fromString: 'Throughline', to: MOB, toString: 'Mobile' }, parentItem('TL-1', null)), { id: '10042', projectId: MOB, groupId: SHARD }, [{ projectId: TL, groupId: 'epic:TL-1' }]],
    ['moved from a project named by something that is not an id: the project is not trusted', event({ field: 'project', from: 'MOB', fromString: 'Mobile', to: TL, toString: 'Throughline' }), STORY, []],
    ['the last of two parent items wins', event(parentItem('TL-1', 'TL-5'), parentItem('TL-5', 'TL-2')), STORY, [{ projectId: TL, groupId: 'epic:TL-5' }]],
    ['a former epic key that is no group id is left out', event(parentItem('TL-0', 'TL-2')), STORY, [{ projectId: TL, groupId: SHARD }]],
    ['an edit that moves nothing (points, status)', event({ field: 'Story Points', from: '3', fromString: '3', to: '5', toString: '5' }, { field: 'status', from: '1', fromString: 'To Do', to: '3', toString: 'Done' }), STORY, []],
    ['an issue type change (not a place change)', event({ field: 'issuetype', from: '10001', fromString: 'Story', to: '10000', toString: 'Epic' }), STORY, []],
    ['a story in no project now, moved from nowhere', event(parentItem('TL-1', null)), { id: '10042', projectId: undefined, groupId: undefined }, []],
  ])('%s', (_name, input, issue, expected) => {
    expect(formerPlacesOf(input, issue)).toEqual(expected);
  });

  it.each([
    ['no changelog (a created issue)', { eventType: 'avi:jira:created:issue' }],
    ['a changelog without items', { changelog: {} }],
    ['items that are not a list', { changelog: { items: 'IssueParentAssociation' } }],
    ['items that are not records', { changelog: { items: [null, 3, 'parent'] } }],
    ['an item without a field name', { changelog: { items: [{ fromString: 'TL-1' }] } }],
    ['not an object', 'avi:jira:updated:issue'],
    ['nothing', undefined],
  ])('nothing for %s', (_name, input) => {
    expect(formerPlacesOf(input, STORY)).toEqual([]);
  });

  it('is bounded by the keys and group ids it accepts: an injected key names no group', () => {
    expect(formerPlacesOf(event(parentItem('TL-1 OR project = MOB', 'TL-2')), STORY)).toEqual([{ projectId: TL, groupId: SHARD }]);
    expect(formerPlacesOf(event(parentItem('  TL-7  ', 'TL-2')), STORY)).toEqual([{ projectId: TL, groupId: 'epic:TL-7' }]);
  });
});

describe('keepRollups: a trigger update applied', () => {
  const member = (u: number, overrides: Partial<RollupMember> = {}): RollupMember => ({ k: 'TL-42', u, d: 0, p: 3, r: 'r', s: 5, ...overrides });
  const placed = (groupId: string, m: RollupMember, projectId = TL): Placement => ({ projectId, groupId, issueId: '10042', member: m });

  it('places the story, takes it out of its former group, and writes nothing for the same update again or an older one', async () => {
    const store = createRollupStore(memoryKvs());
    await keepRollups(store, { placed: [placed('epic:TL-1', member(100))] }, NOW);
    const moved = { placed: [placed('epic:TL-2', member(200))], former: new Map([['10042', [{ projectId: TL, groupId: 'epic:TL-1' }]]]) };
    expect(await keepRollups(store, moved, NOW)).toEqual({ writes: 2, overflow: [] });
    expect((await store.loadGroup(TL, 'epic:TL-1'))?.members).toEqual({});
    expect((await store.loadGroup(TL, 'epic:TL-2'))?.members).toEqual({ '10042': member(200) });
    // The same event delivered again.
    expect(await keepRollups(store, moved, NOW)).toEqual({ writes: 0, overflow: [] });
    // A late event that reads after the move (as a trigger does: Jira's current state) changes nothing.
    expect(await keepRollups(store, moved, NOW)).toEqual({ writes: 0, overflow: [] });
    // An older read into the group the story still is in: not written over the newer one.
    expect(await keepRollups(store, { placed: [placed('epic:TL-2', member(150, { p: 99 }))] }, NOW)).toEqual({ writes: 0, overflow: [] });
    expect((await store.loadGroup(TL, 'epic:TL-2'))?.members).toEqual({ '10042': member(200) });
  });

  // Known gap, kept visible: a removal leaves no trace in the group, so a writer whose read is
  // older than the move but whose write lands after the newer trigger's puts the story back in the
  // group it left; it is then counted twice until the recount finds the group's count wrong. On the
  // demo site: setEpicTheme queues a recompute of the epic's children; it reads them, a story is
  // re-parented meanwhile and its event removes it from the epic's group, then the job writes the
  // old read back (property.test.ts, seed 99, without its wait for the queue after a theme change).
  // Fixing it needs the group to remember removals (issue id and the time of the read that removed
  // it): the group does.
  it('a read older than the removal that took the story out of a group does not put it back (two triggers racing)', async () => {
    const store = createRollupStore(memoryKvs());
    await keepRollups(store, { placed: [placed('epic:TL-1', member(100))] }, NOW);
    await keepRollups(store, { placed: [placed('epic:TL-2', member(200))], former: new Map([['10042', [{ projectId: TL, groupId: 'epic:TL-1' }]]]) }, NOW);
    // The slower trigger read the story at 150, still in TL-1, and writes now.
    expect(await keepRollups(store, { placed: [placed('epic:TL-1', member(150))] }, NOW)).toEqual({ writes: 0, overflow: [] });
    expect((await store.loadGroup(TL, 'epic:TL-1'))?.members).toEqual({});
  });

  it('does not take the story out of the group it is placed in now, even when the changelog names it', async () => {
    const store = createRollupStore(memoryKvs());
    const update = { placed: [placed('epic:TL-1', member(100))], former: new Map([['10042', [{ projectId: TL, groupId: 'epic:TL-1' }]]]) };
    expect(await keepRollups(store, update, NOW)).toEqual({ writes: 1, overflow: [] });
    expect((await store.loadGroup(TL, 'epic:TL-1'))?.members).toEqual({ '10042': member(100) });
  });

  it('takes an issue that is no longer counted (now an epic) out of its former place, by the time of its read', async () => {
    const store = createRollupStore(memoryKvs());
    await keepRollups(store, { placed: [placed(SHARD, member(100))] }, NOW);
    const older = { placed: [], uncounted: [{ issueId: '10042', readAt: 50 }], former: new Map([['10042', [{ projectId: TL, groupId: SHARD }]]]) };
    expect((await keepRollups(store, older, NOW)).writes).toBe(0);
    const newer = { placed: [], uncounted: [{ issueId: '10042', readAt: 300 }], former: new Map([['10042', [{ projectId: TL, groupId: SHARD }]]]) };
    expect((await keepRollups(store, newer, NOW)).writes).toBe(1);
    expect((await store.loadGroup(TL, SHARD))?.members).toEqual({});
  });

  it('ignores a former place for an issue it did not read now (nothing to date the removal by)', async () => {
    const store = createRollupStore(memoryKvs());
    await keepRollups(store, { placed: [placed('epic:TL-1', member(100))] }, NOW);
    expect((await keepRollups(store, { placed: [], former: new Map([['10042', [{ projectId: TL, groupId: 'epic:TL-1' }]]]) }, NOW)).writes).toBe(0);
    expect((await store.loadGroup(TL, 'epic:TL-1'))?.members).toEqual({ '10042': member(100) });
  });

  it('takes an issue that is gone out of every place named, whatever its stored time; in another project too', async () => {
    const store = createRollupStore(memoryKvs());
    await keepRollups(store, { placed: [placed('epic:TL-1', member(9e15)), placed('epic:MOB-1', member(9e15), MOB)] }, NOW);
    const gone = { placed: [], gone: [{ issueId: '10042', places: [{ projectId: TL, groupId: 'epic:TL-1' }, { projectId: MOB, groupId: 'epic:MOB-1' }, { projectId: TL, groupId: 'epic:TL-9' }] }] };
    expect(await keepRollups(store, gone, NOW)).toEqual({ writes: 2, overflow: [] });
    expect(await keepRollups(store, gone, NOW)).toEqual({ writes: 0, overflow: [] });
  });
});
