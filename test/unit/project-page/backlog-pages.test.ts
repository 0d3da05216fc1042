/**
 * The ranked backlog read a page at a time (static/project-page/src/backlog-pages.ts) over a fake
 * resolver: pages append in order and never re-sort, a key is never shown twice, a failed page
 * keeps the rows shown and is tried again from the same cursor, an answer to an older start is
 * dropped. And the cursor the resolver hands out: its shape, bounds and refusals.
 */
import { describe, expect, it } from 'vitest';
import type { BacklogRowView, RankedBacklogPageView, Result } from '../../../src/contract';
import { backlogCursorText, parseBacklogCursor } from '../../../src/services/project-page/ranked-backlog';
import { BacklogPager, appendPage, filtersPayload } from '../../../static/project-page/src/backlog-pages';


function row(key: string, rank: number | null, score: number | null): BacklogRowView {
  return { key, summary: key, issueType: 'Story', status: 'To Do', statusCategory: 'new', rank, score, outcome: score === null ? 'incomplete' : 'scored', driver: null, missing: [], theme: null, epic: null, readiness: 'ready', failing: [], points: null };
}

function view(rows: BacklogRowView[], next: string | null): RankedBacklogPageView {
  return { project: { id: '10000', key: 'TL' }, model: 'WSJF', list: 'ranked', rows, next, scoreField: true, themes: [], notes: [], reads: { issues: rows.length, searchCalls: 1 } };
}

const UNAVAILABLE = { ok: false, error: { code: 'rate-limited', message: 'Jira asked to slow down; try again in a few seconds.' } } as const satisfies Result<never>;

/** Pages of `size` rows with falling scores; `fail` names cursors that fail once. */
function fakeResolver(total: number, size: number, fail: readonly (string | undefined)[] = []) {
  const failing = new Set(fail.map((cursor) => cursor ?? 'first'));
  const calls: (string | undefined)[] = [];
  const read = (cursor: string | undefined): Promise<Result<RankedBacklogPageView>> => {
    calls.push(cursor);
    if (failing.delete(cursor ?? 'first')) return Promise.resolve(UNAVAILABLE);
    const from = cursor === undefined ? 0 : Number(cursor.split('.')[1]);
    const rows = Array.from({ length: Math.min(size, total - from) }, (_, i) => row(`TL-${String(from + i + 1)}`, from + i + 1, 1000 - from - i));
    const end = from + rows.length;
    return Promise.resolve({ ok: true, value: view(rows, end >= total ? null : `r.${String(end)}.tok${String(end)}`) });
  };
  return { read, calls };
}

describe('the backlog pager', () => {
  it('appends each page after the rows shown, in order, and stops after the last', async () => {
    const { read, calls } = fakeResolver(250, 100);
    const orders: string[][] = [];
    const pager = new BacklogPager(read, (state) => orders.push(state.rows.map((r) => r.key)));
    await pager.restart();
    expect(pager.state.rows).toHaveLength(100);
    await pager.more();
    await pager.more();
    await pager.more();
    expect(calls).toEqual([undefined, 'r.100.tok100', 'r.200.tok200']);
    expect(pager.state.next).toBeNull();
    expect(pager.state.rows.map((r) => r.rank)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    // Every state shown starts with every row shown before it: nothing moved.
    for (let i = 1; i < orders.length; i++) expect(orders[i]?.slice(0, orders[i - 1]?.length)).toEqual(orders[i - 1]);
  });

  it('keeps the rows shown when a page fails, says why, and tries the same page again', async () => {
    const { read, calls } = fakeResolver(250, 100, ['r.100.tok100']);
    const pager = new BacklogPager(read);
    await pager.restart();
    await pager.more();
    expect(pager.state.rows).toHaveLength(100);
    expect(pager.state.error?.message).toMatch(/slow down/);
    expect(pager.state.next).toBe('r.100.tok100');
    await pager.more();
    expect(calls).toEqual([undefined, 'r.100.tok100', 'r.100.tok100']);
    expect(pager.state.error).toBeUndefined();
    expect(pager.state.rows).toHaveLength(200);
  });

  it('asks for one page at a time, however often the list is scrolled', async () => {
    const { read, calls } = fakeResolver(500, 100);
    const pager = new BacklogPager(read);
    await pager.restart();
    await Promise.all([pager.more(), pager.more(), pager.more()]);
    expect(calls).toEqual([undefined, 'r.100.tok100']);
  });

  it('drops an answer to an older start (the filters changed meanwhile)', async () => {
    let release: (() => void) | undefined;
    const slow = (cursor: string | undefined): Promise<Result<RankedBacklogPageView>> =>
      new Promise((resolve) => {
        release = () => {
          resolve({ ok: true, value: view([row('TL-OLD', 1, 5)], cursor === undefined ? null : null) });
        };
      });
    const pager = new BacklogPager(slow);
    const first = pager.restart();
    const releaseOld = release;
    const second = pager.restart();
    const releaseNew = release;
    releaseNew?.();
    await second;
    releaseOld?.();
    await first;
    expect(pager.state.rows).toHaveLength(1);
    expect(pager.state.pages).toBe(1);
  });

  it('shows a key once even when a later page repeats it (a score changed between pages)', () => {
    expect(appendPage([row('TL-1', 1, 9), row('TL-2', 2, 8)], [row('TL-2', 3, 7), row('TL-3', 4, 6)]).map((r) => r.key)).toEqual(['TL-1', 'TL-2', 'TL-3']);
  });
});

describe('the filters the page sends', () => {
  it('writes the choices as the resolver takes them', () => {
    expect(filtersPayload({ theme: '', epic: '', status: '', readiness: '' })).toEqual({});
    expect(filtersPayload({ theme: 'none', epic: 'TL-3', status: 'cat:indeterminate', readiness: 'not-ready' })).toEqual({ theme: null, epic: 'TL-3', statusCategory: 'indeterminate', readiness: 'not-ready' });
    expect(filtersPayload({ theme: 'theme-a', epic: '', status: 'name:In Review', readiness: 'bogus' })).toEqual({ theme: 'theme-a', status: 'In Review' });
  });
});

describe('the backlog cursor', () => {
  it('round-trips the list, the rows before and Jira\'s token', () => {
    const token = 'eyJvIjoxMDAsInEiOiJhYmMifQ';
    expect(parseBacklogCursor(backlogCursorText({ list: 'ranked', offset: 100, token }))).toEqual({ list: 'ranked', offset: 100, token });
    expect(parseBacklogCursor(backlogCursorText({ list: 'incomplete', offset: 0, token: 'a+b/c=' }))).toEqual({ list: 'incomplete', offset: 0, token: 'a+b/c=' });
  });

  it('refuses anything else', () => {
    for (const text of ['', 'r', 'r.1', 'r.1.', 'r..abc', 'r.-1.abc', 'r.1e3.abc', 'r.01.abc', 'q.1.abc', 'r.1.a b', 'r.1.a\u0000b', 'r.1.a"b', `r.1.${'A'.repeat(1025)}`, 'r.10000000.abc', ' r.1.abc', 'r.1.abc\n']) {
      expect(parseBacklogCursor(text), JSON.stringify(text)).toBeUndefined();
    }
  });
});
