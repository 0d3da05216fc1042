/**
 * The score history in storage (memoryKvs, the same rules as Forge's): bounded per issue and per
 * project, a change written twice recorded once, two writers at once both kept, a damaged record
 * replaced, who saved a revision reported and erased by the personal data store; and what a user
 * sees of an issue moved from a project they cannot browse.
 */
import { describe, expect, it } from 'vitest';
import { MAX_ENTRIES_PER_ISSUE, MAX_MOVERS_PER_PROJECT, movedMost, snapshotOf, visibleHistory, withMovers } from '../../../src/domain/history';
import type { ChangeDraft, IssueHistory, ScoreSnapshot } from '../../../src/domain/history';
import { ISSUE_HISTORY_ENTITY, createPersonalDataStore, createScoreHistoryStore, memoryKvs } from '../../../src/storage';
import type { EntityWrite, KvsPort } from '../../../src/storage';

function snapshot(projectId: string, jobSize: number, score: number | null): ScoreSnapshot {
  return snapshotOf({
    projectId,
    day: '2026-03-10',
    revisions: { scoring: 2, readiness: 0 },
    inputs: [{ key: 'jobSize', label: 'Job size', text: String(jobSize), used: jobSize, isDate: false }],
    theme: null,
    weighted: false,
    score,
    readiness: 'Ready',
    failing: [],
  });
}

function change(issueId: string, n: number, projectId = '10000'): ChangeDraft {
  return {
    issueId,
    projectId,
    at: new Date(Date.UTC(2026, 2, 10, 0, 0, n)).toISOString(),
    from: { score: n === 0 ? null : n, readiness: 'Ready' },
    to: { score: n + 1, readiness: 'Ready' },
    snapshot: snapshot(projectId, n + 1, n + 1),
  };
}

const SAVER = { projectId: '10000', document: 'scoring' as const, revision: 2, saver: { by: 'acc-ada', at: '2026-03-09T10:00:00.000Z' } };

describe('the score history store', () => {
  it(`keeps the last ${String(MAX_ENTRIES_PER_ISSUE)} of 1,000 changes to one issue, and the project's last ${String(MAX_MOVERS_PER_PROJECT)}`, async () => {
    const kvs = memoryKvs();
    const store = createScoreHistoryStore(kvs);
    for (let n = 0; n < 1000; n++) await store.record([change('10042', n)]);
    const history = await store.load('10042');
    expect(history?.entries).toHaveLength(MAX_ENTRIES_PER_ISSUE);
    expect(history?.entries.at(-1)?.to.score).toBe(1000);
    expect(history?.entries.at(-1)?.causes).toEqual([{ kind: 'input', input: 'jobSize', label: 'Job size', from: '999', to: '1000' }]);
    const project = await store.loadProject('10000');
    expect(project?.movers).toHaveLength(MAX_MOVERS_PER_PROJECT);
    expect(project?.movers.at(-1)?.to.score).toBe(1000);
    // Two records in all, whatever the number of changes.
    expect(kvs.size()).toBe(2);
  });

  it('records a change delivered twice once', async () => {
    const store = createScoreHistoryStore(memoryKvs());
    expect((await store.record([change('10001', 0)])).recorded).toBe(1);
    expect((await store.record([change('10001', 1)])).recorded).toBe(1);
    expect((await store.record([change('10001', 1)])).recorded).toBe(0);
    expect((await store.load('10001'))?.entries).toHaveLength(2);
    // The first record is the app's first value, not a move: only the second is in the project's index.
    expect((await store.loadProject('10000'))?.movers.map((mover) => mover.to.score)).toEqual([2]);
  });

  it('records many issues in transactions of at most 25, and each issue once per call', async () => {
    const kvs = memoryKvs();
    let transactions = 0;
    const counting: KvsPort = { ...kvs, transact: (writes) => { transactions++; return kvs.transact(writes); } };
    const store = createScoreHistoryStore(counting);
    const changes = Array.from({ length: 60 }, (_, i) => change(String(20000 + i), 1));
    const outcome = await store.record([...changes, change('20000', 1)]);
    expect(outcome.recorded).toBe(60);
    // ⌈60 / 25⌉ issue transactions; first records are no moves, so the project's index is not written.
    expect(transactions).toBe(3);
    transactions = 0;
    expect((await store.record(Array.from({ length: 60 }, (_, i) => change(String(20000 + i), 2)))).recorded).toBe(60);
    // And with moves: one transaction more, for the project's index.
    expect(transactions).toBe(4);
  });

  it('keeps both changes when two writers record the same issue at once', async () => {
    const kvs = memoryKvs();
    // The first transaction waits until the second writer has read: it then finds its condition broken.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let first = true;
    const racing: KvsPort = {
      ...kvs,
      transact: async (writes: readonly EntityWrite[]) => {
        if (first && writes.some((write) => write.entity === ISSUE_HISTORY_ENTITY)) {
          first = false;
          await gate;
        }
        return kvs.transact(writes);
      },
    };
    const a = createScoreHistoryStore(racing);
    const b = createScoreHistoryStore(kvs);
    const one = a.record([change('10007', 0)]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await b.record([change('10007', 1)]);
    release();
    await one;
    const history = await b.load('10007');
    expect(history?.entries.map((entry) => entry.to.score).sort()).toEqual([1, 2]);
  });

  it('reads a damaged record as none and replaces it on the next change', async () => {
    const kvs = memoryKvs();
    await kvs.transact([{ entity: ISSUE_HISTORY_ENTITY, key: 'score-history:10009', value: { issueId: '10009', version: 3, entries: 'not a list', snapshot: { evil: true } } }]);
    const store = createScoreHistoryStore(kvs);
    expect(await store.load('10009')).toBeUndefined();
    await store.record([change('10009', 4)]);
    expect((await store.load('10009'))?.entries[0]?.causes).toEqual([{ kind: 'first' }]);
  });

  it('refuses ids that are not Jira ids instead of building a key from them', async () => {
    const store = createScoreHistoryStore(memoryKvs());
    await expect(store.load('../10000')).rejects.toThrow(/not a Jira issue id/);
    expect((await store.record([{ ...change('10001', 0), issueId: 'x:1' }])).recorded).toBe(0);
    expect((await store.loadMany(['1', 'nope', '2'])).size).toBe(0);
  });

  it('empties the history of a deleted issue', async () => {
    const store = createScoreHistoryStore(memoryKvs());
    await store.record([change('10011', 0)]);
    await store.forget('10011');
    expect((await store.load('10011'))?.entries).toEqual([]);
    await store.forget('10012');
    expect(await store.load('10012')).toBeUndefined();
  });

  it('keeps who saved a revision per project only, where the personal data report finds and erases it', async () => {
    const kvs = memoryKvs();
    const store = createScoreHistoryStore(kvs);
    await store.record([change('10013', 0)], [SAVER, { ...SAVER, document: 'readiness', revision: 1, saver: { by: 'app', at: '2026-03-01T00:00:00.000Z' } }]);
    expect(JSON.stringify(await store.load('10013'))).not.toContain('acc-ada');
    expect((await store.loadProject('10000'))?.savers['scoring:2']?.by).toBe('acc-ada');
    const privacy = createPersonalDataStore(kvs);
    expect((await privacy.projects()).projectIds).toEqual(['10000']);
    expect(await privacy.accountsIn('10000')).toEqual([{ accountId: 'acc-ada', updatedAt: '2026-03-09T10:00:00.000Z' }]);
    expect(await privacy.erase('10000', new Set(['acc-ada']))).toEqual({ records: 1, deferred: 0 });
    expect((await store.loadProject('10000'))?.savers['scoring:2']?.by).toBe('former-user');
    expect(await privacy.accountsIn('10000')).toEqual([]);
  });
});

describe('what moved most since a date', () => {
  it('ranks issues by how far their score moved since the date, net of every change', () => {
    let project = withMovers(undefined, '10000', []);
    const at = (day: number) => new Date(Date.UTC(2026, 2, day)).toISOString();
    project = withMovers(project, '10000', [
      { issueId: '1', at: at(1), from: { score: 1, readiness: 'Ready' }, to: { score: 9, readiness: 'Ready' } },
      { issueId: '2', at: at(5), from: { score: 4, readiness: 'Ready' }, to: { score: 6, readiness: 'Ready' } },
      { issueId: '2', at: at(6), from: { score: 6, readiness: 'Ready' }, to: { score: 10, readiness: 'Ready' } },
      { issueId: '3', at: at(6), from: { score: 3, readiness: 'Ready' }, to: { score: 2, readiness: 'Ready' } },
      { issueId: '3', at: at(7), from: { score: 2, readiness: 'Ready' }, to: { score: 3, readiness: 'Ready' } },
      { issueId: '4', at: at(7), from: { score: null, readiness: null }, to: { score: 2.5, readiness: 'Not ready: 1 rule' } },
      { issueId: '5', at: at(8), from: { score: 5, readiness: 'Ready' }, to: { score: 5, readiness: 'Not ready: 1 rule' } },
    ]);
    const moved = movedMost(project, at(4), 10);
    // 1 moved before the date; 3 is back where it was.
    expect(moved.issues.map((issue) => [issue.issueId, issue.moved, issue.changes])).toEqual([['2', 6, 2], ['4', 2.5, 1], ['5', 0, 1]]);
    expect(moved.issues[0]).toMatchObject({ from: { score: 4 }, to: { score: 10 } });
    expect(moved.keptSince).toBeNull();
    expect(movedMost(project, at(4), 1).issues).toHaveLength(1);
  });

  it('says from when the changes are complete once the index is full', () => {
    const movers = Array.from({ length: MAX_MOVERS_PER_PROJECT + 10 }, (_, i) => ({ issueId: String(i + 1), at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), from: { score: 1, readiness: null }, to: { score: 2, readiness: null } }));
    const project = withMovers(undefined, '10000', movers);
    expect(project.movers).toHaveLength(MAX_MOVERS_PER_PROJECT);
    expect(movedMost(project, '2025-01-01', 5).keptSince).toBe(movers[10]?.at);
  });
});

describe('an issue moved to another project', () => {
  const entry = (projectId: string, n: number, causes: IssueHistory['entries'][number]['causes']) => ({ at: `2026-03-0${String(n)}T00:00:00.000Z`, projectId, from: { score: n, readiness: null }, to: { score: n + 1, readiness: null }, causes });
  const history: IssueHistory = {
    issueId: '10050',
    entries: [entry('10001', 1, [{ kind: 'first' }]), entry('10001', 2, [{ kind: 'input', input: 'reach', label: 'Reach', from: '10', to: '20' }]), entry('10000', 3, [{ kind: 'moved', fromProjectId: '10001' }])],
    snapshot: null,
  };

  it("shows a viewer who cannot browse the old project none of its entries, and no 'from' on the move", () => {
    const seen = visibleHistory(history, '10000', () => false);
    expect(seen.hidden).toBe(2);
    expect(seen.entries).toHaveLength(1);
    expect(seen.entries[0]).toMatchObject({ projectId: '10000', fromHidden: true, from: { score: null, readiness: null } });
    expect(JSON.stringify(seen)).not.toContain('Reach');
  });

  it('shows a viewer who may browse both projects everything, newest first', () => {
    const seen = visibleHistory(history, '10000', (projectId) => projectId === '10001');
    expect(seen.hidden).toBe(0);
    expect(seen.entries.map((shown) => shown.at.slice(0, 10))).toEqual(['2026-03-03', '2026-03-02', '2026-03-01']);
    expect(seen.entries[0]).toMatchObject({ fromHidden: false, from: { score: 3 } });
  });
});
