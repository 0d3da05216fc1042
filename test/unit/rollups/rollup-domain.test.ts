/**
 * The rollup of an epic's stories (src/domain/strategy/rollup.ts), table by table: where a story is
 * counted, what it contributes, which read may replace which, and the summaries.
 */
import { describe, expect, it } from 'vitest';
import type { JiraIssue } from '../../../src/domain/jira-issue';
import type { ReadinessResult } from '../../../src/domain/readiness/types';
import { UNPARENTED_GROUPS, combineSummaries, groupId, groupOf, mayReplace, memberOf, readAtOf, sameMember, summaryOf, unparentedGroupOf } from '../../../src/domain/strategy/rollup';
import type { RollupMember } from '../../../src/domain/strategy/rollup';

const POINTS = 'customfield_10016';
const EPIC_LINK = 'customfield_10014';

const TYPES = {
  story: { id: '10001', name: 'Story', hierarchyLevel: 0 },
  bug: { id: '10004', name: 'Bug', hierarchyLevel: 0 },
  epic: { id: '10000', name: 'Epic', hierarchyLevel: 1 },
  subtask: { id: '10003', name: 'Sub-task', hierarchyLevel: -1, subtask: true },
  untypedLevel: { id: '1', name: 'Whatever' },
};

function issue(fields: Record<string, unknown>, id = '10042', key = 'TL-42'): JiraIssue {
  return { id, key, fields: { issuetype: TYPES.story, ...fields } };
}

function readiness(verdict: ReadinessResult['verdict'], failing: string[] = []): ReadinessResult {
  return { key: 'TL-42', verdict, failures: failing.map((ruleId) => ({ ruleId })), warnings: [], passed: [], notChecked: [], points: undefined } as unknown as ReadinessResult;
}

function member(overrides: Partial<RollupMember> = {}): RollupMember {
  return { k: 'TL-1', u: 1000, d: 0, p: 3, r: 'r', s: 10, ...overrides };
}

describe('groupOf: where a story is counted', () => {
  it.each([
    ['a story under an epic (parent with level 1)', issue({ parent: { id: '10001', key: 'TL-1', fields: { issuetype: TYPES.epic } } }), { kind: 'epic', epicKey: 'TL-1' }],
    ['a story whose parent says no level (trusted as an epic)', issue({ parent: { id: '10001', key: 'TL-1' } }), { kind: 'epic', epicKey: 'TL-1' }],
    ['a bug under an epic', issue({ issuetype: TYPES.bug, parent: { key: 'TL-1', fields: { issuetype: TYPES.epic } } }), { kind: 'epic', epicKey: 'TL-1' }],
    ['a story under a level-0 parent (not an epic)', issue({ parent: { key: 'TL-7', fields: { issuetype: TYPES.story } } }), { kind: 'unparented', shard: 10_042 % UNPARENTED_GROUPS }],
    ['a story without a parent', issue({}), { kind: 'unparented', shard: 10_042 % UNPARENTED_GROUPS }],
    ['a story with an empty parent key', issue({ parent: { key: '' } }), { kind: 'unparented', shard: 10_042 % UNPARENTED_GROUPS }],
    ['an issue type with no level and a story name counts as a story', issue({ issuetype: TYPES.untypedLevel }), { kind: 'unparented', shard: 10_042 % UNPARENTED_GROUPS }],
  ])('%s', (_name, input, expected) => {
    expect(groupOf(input)).toEqual(expected);
  });

  it.each([
    ['an epic', issue({ issuetype: TYPES.epic })],
    ['a subtask', issue({ issuetype: TYPES.subtask, parent: { key: 'TL-42' } })],
  ])('%s is not counted', (_name, input) => {
    expect(groupOf(input)).toBeUndefined();
  });

  it('falls back to the Epic Link field only when there is no parent, and only when the field is named', () => {
    expect(groupOf(issue({ [EPIC_LINK]: 'TL-3' }), EPIC_LINK)).toEqual({ kind: 'epic', epicKey: 'TL-3' });
    expect(groupOf(issue({ [EPIC_LINK]: 'TL-3' }))).toEqual({ kind: 'unparented', shard: 10_042 % UNPARENTED_GROUPS });
    expect(groupOf(issue({ [EPIC_LINK]: 'TL-3', parent: { key: 'TL-9' } }), EPIC_LINK)).toEqual({ kind: 'epic', epicKey: 'TL-9' });
    expect(groupOf(issue({ [EPIC_LINK]: '' }), EPIC_LINK)).toEqual({ kind: 'unparented', shard: 10_042 % UNPARENTED_GROUPS });
  });

  it('spreads stories without an epic by the last digits of their id, and names groups as stored', () => {
    expect(unparentedGroupOf('10000')).toEqual({ kind: 'unparented', shard: 10000 % 32 });
    expect(unparentedGroupOf('1234567890')).toEqual({ kind: 'unparented', shard: 567890 % 32 });
    expect(unparentedGroupOf('abc')).toEqual({ kind: 'unparented', shard: 0 });
    const shards = new Set(Array.from({ length: 320 }, (_, i) => unparentedGroupOf(String(10_000 + i)).kind === 'unparented' && (unparentedGroupOf(String(10_000 + i)) as { shard: number }).shard));
    expect(shards.size).toBe(UNPARENTED_GROUPS);
    expect(groupId({ kind: 'epic', epicKey: 'TL-1' })).toBe('epic:TL-1');
    expect(groupId({ kind: 'unparented', shard: 7 })).toBe('none:7');
  });
});

describe('memberOf and readAtOf: what a story contributes', () => {
  it.each([
    ['ready, open, estimated, scored', { status: { statusCategory: { key: 'indeterminate' } }, [POINTS]: 5 }, readiness('ready'), 12.5, { d: 0, p: 5, r: 'r', s: 12.5 }],
    ['not ready with its failing rules', { status: { statusCategory: { key: 'new' } }, [POINTS]: 3 }, readiness('not-ready', ['estimate-small', 'acceptance-criteria']), null, { d: 0, p: 3, r: 'n', f: ['estimate-small', 'acceptance-criteria'], s: null }],
    ['done, unestimated, not checked', { status: { statusCategory: { key: 'done' } } }, readiness('not-applicable'), 4, { d: 1, p: null, r: '-', s: 4 }],
    ['negative points are no estimate', { [POINTS]: -2 }, readiness('ready'), 1, { d: 0, p: null, r: 'r', s: 1 }],
    ['zero points are an estimate of 0', { [POINTS]: 0 }, readiness('ready'), 1, { d: 0, p: 0, r: 'r', s: 1 }],
    ['an infinite score is no score', { [POINTS]: 1 }, readiness('ready'), Number.POSITIVE_INFINITY, { d: 0, p: 1, r: 'r', s: null }],
    ['a NaN score is no score', { [POINTS]: 1 }, readiness('ready'), Number.NaN, { d: 0, p: 1, r: 'r', s: null }],
  ])('%s', (_name, fields, verdict, score, expected) => {
    const read = issue({ ...fields, updated: '2026-12-02T11:40:16.250+0000' });
    expect(memberOf(read, verdict, score, POINTS)).toEqual({ k: 'TL-42', u: Date.parse('2026-12-02T11:40:16.250Z'), ...expected });
  });

  it('keeps no rule list for a not-ready story without named failures, nor for a ready one', () => {
    expect(memberOf(issue({}), readiness('not-ready'), 1, POINTS)).not.toHaveProperty('f');
    expect(memberOf(issue({}), readiness('ready'), 1, POINTS)).not.toHaveProperty('f');
  });

  it('has no points without a story points field', () => {
    expect(memberOf(issue({ [POINTS]: 8 }), readiness('ready'), 1, null).p).toBeNull();
  });

  it.each([
    ['2026-12-02T11:40:16.000+0000', Date.parse('2026-12-02T11:40:16.000Z')],
    ['2026-12-02T12:40:16.000+0100', Date.parse('2026-12-02T11:40:16.000Z')],
    ['2026-12-02T11:40:16.000-0530', Date.parse('2026-12-02T17:10:16.000Z')],
    ['2026-12-02T11:40:16.000Z', Date.parse('2026-12-02T11:40:16.000Z')],
    ['not a date', 0],
    [undefined, 0],
    [1_700_000_000_000, 0],
  ])('readAtOf(%s)', (updated, expected) => {
    expect(readAtOf(issue(updated === undefined ? {} : { updated }))).toBe(expected);
  });
});

describe('mayReplace and sameMember: a late read never overwrites a newer one', () => {
  it.each([
    ['nothing stored', undefined, member({ u: 5 }), true],
    ['a newer read', member({ u: 5 }), member({ u: 6 }), true],
    ['the same read again (duplicate event)', member({ u: 5 }), member({ u: 5 }), true],
    ['an older read (late event)', member({ u: 6 }), member({ u: 5, p: 99 }), false],
    ['an unknown time over a known one', member({ u: 6 }), member({ u: 0 }), false],
  ])('%s', (_name, stored, fresh, expected) => {
    expect(mayReplace(stored, fresh)).toBe(expected);
  });

  it.each([
    [member(), member(), true],
    [member(), member({ u: 2 }), false],
    [member(), member({ d: 1 }), false],
    [member(), member({ p: null }), false],
    [member(), member({ r: 'n' }), false],
    [member(), member({ s: null }), false],
    [member({ r: 'n', f: ['a', 'b'] }), member({ r: 'n', f: ['a', 'b'] }), true],
    [member({ r: 'n', f: ['a', 'b'] }), member({ r: 'n', f: ['b', 'a'] }), false],
    [member({ r: 'n' }), member({ r: 'n', f: [] }), true],
    [undefined, undefined, true],
    [member(), undefined, false],
  ])('sameMember #%#', (a, b, expected) => {
    expect(sameMember(a, b)).toBe(expected);
  });
});

describe('summaryOf and combineSummaries', () => {
  const members: Record<string, RollupMember> = {
    '10001': member({ k: 'TL-1', d: 1, p: 5, r: 'r', s: 20 }),
    '10002': member({ k: 'TL-2', d: 0, p: 3, r: 'n', f: ['estimate-small', 'acceptance-criteria'], s: null }),
    '10003': member({ k: 'TL-3', d: 0, p: null, r: 'n', f: ['acceptance-criteria'], s: 7.5 }),
    '10004': member({ k: 'TL-4', d: 1, p: null, r: '-', s: null }),
    '9': member({ k: 'TL-9', d: 0, p: 0.5, r: 'r', s: -3 }),
  };

  it('counts, sums points by done and open, readiness of open work, failing rules (most first), incomplete scores and the top score', () => {
    expect(summaryOf('TL-100', members)).toEqual({
      epicKey: 'TL-100',
      count: { done: 2, total: 5 },
      points: { done: 5, open: 3.5, unestimated: 2 },
      // TL-1 is done: readiness applies to work not yet done.
      readiness: { ready: 1, notReady: 2, checked: 3 },
      failing: [
        ['acceptance-criteria', 2],
        ['estimate-small', 1],
      ],
      incomplete: 2,
      topScore: 20,
    });
  });

  it.each([
    ['no members', {}, { count: { done: 0, total: 0 }, points: { done: 0, open: 0, unestimated: 0 }, readiness: { ready: 0, notReady: 0, checked: 0 }, failing: [], incomplete: 0, topScore: null }],
    ['only negative scores', { '1': member({ s: -5 }), '2': member({ s: -1 }) }, { topScore: -1 }],
    ['ties of failing rules are by rule id', { '1': member({ r: 'n', f: ['b'] }), '2': member({ r: 'n', f: ['a'] }) }, { failing: [['a', 1], ['b', 1]] }],
    ['a ready story with a stray rule list is not failing', { '1': member({ r: 'r', f: ['a'] }) }, { failing: [], readiness: { ready: 1, notReady: 0, checked: 1 } }],
    ['a done story judged not ready by an earlier version counts neither way', { '1': member({ d: 1, r: 'n', f: ['a'] }), '2': member({ d: 0, r: 'n', f: ['b'] }) }, { failing: [['b', 1]], readiness: { ready: 0, notReady: 1, checked: 1 } }],
  ])('%s', (_name, input, expected) => {
    expect(summaryOf(null, input as Record<string, RollupMember>)).toMatchObject(expected);
  });

  it('gives the same sums whatever order the members were written in (floating point included)', () => {
    const many: [string, RollupMember][] = Array.from({ length: 200 }, (_, i) => [String(10_000 + i), member({ k: `TL-${String(i)}`, p: 0.1 * ((i % 7) + 1), d: i % 3 === 0 ? 1 : 0 })]);
    const forwards = summaryOf('TL-1', Object.fromEntries(many));
    const backwards = summaryOf('TL-1', Object.fromEntries([...many].reverse()));
    expect(backwards).toEqual(forwards);
  });

  it('combines parts as one summary of all their members', () => {
    const ids = Object.keys(members);
    const parts = [summaryOf('TL-100', Object.fromEntries(ids.slice(0, 2).map((id) => [id, members[id] as RollupMember]))), summaryOf('TL-100', Object.fromEntries(ids.slice(2).map((id) => [id, members[id] as RollupMember])))];
    expect(combineSummaries('TL-100', parts)).toEqual(summaryOf('TL-100', members));
    expect(combineSummaries(null, [])).toEqual(summaryOf(null, {}));
    expect(combineSummaries('TL-100', [summaryOf('TL-100', {}), summaryOf('TL-100', members)])).toEqual(summaryOf('TL-100', members));
  });
});
