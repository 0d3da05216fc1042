/**
 * "Order the backlog by score" through the local Forge runtime against the emulator, on the demo
 * data after the app's bulk recompute wrote every "Priority score": the preview, apply (as the
 * user, fewest rank calls), undo, pins, and each bad input of the issue: a board whose filter spans
 * projects, an issue the user may not rank, a 207 with mixed results, undo after someone else
 * reordered; and forged or stale payloads refused in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backlogOf, clearRankFailures, failRanking, rankIssues } from '../../../dev/jira-emulator/rank';
import type { BacklogOrderPreview, BacklogOrderResult, BacklogPinView, BacklogRowView, RankedBacklogPageView, Result, UndoBacklogOrderResult } from '../../../src/contract';
import { ADA, MOB, NICK, PAT, TL, WSJF_CONFIG, bodyOf, callSettings, startSite, valueOf } from '../settings/support';
import type { Site, User } from '../settings/support';

let site: Site;

async function invoke<T>(key: string, payload: unknown, user: User = PAT, project: typeof TL = TL): Promise<Result<T>> {
  return bodyOf(await site.runtime.invokeResolver('project-page', key, payload, user, { project })) as Result<T>;
}
const preview = (payload: unknown = { boardId: 1 }, user: User = PAT, project: typeof TL = TL) => invoke<BacklogOrderPreview>('previewBacklogOrder', payload, user, project);
const apply = (payload: unknown, user: User = PAT, project: typeof TL = TL) => invoke<BacklogOrderResult>('applyBacklogOrder', payload, user, project);
const undo = (payload: unknown = { boardId: 1 }, user: User = PAT) => invoke<UndoBacklogOrderResult>('undoBacklogOrder', payload, user);

function backlogKeys(boardId = 1): string[] {
  const board = site.emulator.state.boards.find((b) => b.id === boardId);
  if (board === undefined) throw new Error('no board');
  return backlogOf(site.emulator.state, board, { kind: 'app' }).map((issue) => issue.key);
}

function refusal(result: Result<unknown>): { code: string; message: string } {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

beforeAll(async () => {
  site = await startSite();
  valueOf(await callSettings(site, 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 }));
  await site.runtime.whenIdle();
  site.emulator.state.boards.push({ id: 3, name: 'TL and MOB', type: 'kanban', projectKey: 'TL', filterProjectKeys: ['MOB'] });
}, 60_000);
afterAll(async () => {
  await site.close();
});

describe('order the backlog by score', () => {
  it('previews the moves, applies them in the fewest calls as the user, and undoes them exactly', async () => {
    const before = backlogKeys();
    const view = valueOf(await preview());
    expect(view.board).toEqual({ id: 1, name: 'TL board' });
    expect(view.issues).toBe(before.length);
    expect(view.canApply).toBe(true);
    expect(view.moves.length).toBeGreaterThan(0);
    expect(view.rankCalls).toBeLessThanOrEqual(view.callBound);
    expect(view.incomplete.length).toBeGreaterThan(0);
    // Nothing is written by a preview.
    expect(backlogKeys()).toEqual(before);

    site.emulator.resetCalls();
    const result = valueOf(await apply({ boardId: 1, basedOn: view.basedOn }));
    expect(result).toMatchObject({ moved: view.moves.length, failed: [], rankCalls: view.rankCalls, canUndo: true });
    expect(site.emulator.callCount('PUT /rest/agile/1.0/issue/rank')).toBe(view.rankCalls);
    const after = backlogKeys();
    for (const move of view.moves) expect(after.indexOf(move.key) + 1).toBe(move.to);
    // Incomplete issues kept their places.
    for (const apart of view.incomplete) expect(after[apart.place - 1]).toBe(apart.key);
    await site.runtime.whenIdle();
    const again = valueOf(await preview());
    expect(again.moves).toEqual([]);
    expect(again.canUndo).toBe(true);

    const undone = valueOf(await undo());
    expect(undone).toMatchObject({ exact: true, movedByOthers: [], gone: [], failed: [] });
    expect(backlogKeys()).toEqual(before);
    expect(refusal(await undo()).code).toBe('not-found');
    await site.runtime.whenIdle();
  });

  it('the top N only orders the first N issues', async () => {
    const before = backlogKeys();
    const top = Math.ceil(before.length / 2);
    const view = valueOf(await preview({ boardId: 1, top }));
    expect(view.issues).toBe(top);
    for (const move of view.moves) expect(move.to).toBeLessThanOrEqual(top);
    expect(view.moves.length).toBeGreaterThan(0);
    valueOf(await apply({ boardId: 1, top, basedOn: view.basedOn }));
    await site.runtime.whenIdle();
    expect(backlogKeys().slice(top)).toEqual(before.slice(top));
    valueOf(await undo());
    expect(backlogKeys()).toEqual(before);
  });

  it('207 with mixed results: each refused issue in words, the rest applied, and undo still restores', async () => {
    const before = backlogKeys();
    const view = valueOf(await preview());
    const failing = view.moves[0]?.key ?? '';
    failRanking(site.emulator.state, [failing]);
    try {
      const result = valueOf(await apply({ boardId: 1, basedOn: view.basedOn }));
      expect(result.failed).toEqual([{ key: failing, reason: expect.stringMatching(/^Jira could not rank it: JIRA Agile cannot execute the rank operation/) }]);
      expect(result.moved).toBe(view.moves.length - 1);
      expect(result.notes.join(' ')).toMatch(/1 of \d+ issues could not be moved/);
      const after = backlogKeys();
      for (const move of view.moves.slice(1)) expect(after.includes(move.key)).toBe(true);
      expect(after.indexOf(failing)).toBeGreaterThanOrEqual(0);
    } finally {
      clearRankFailures(site.emulator.state);
    }
    await site.runtime.whenIdle();
    const undone = valueOf(await undo());
    expect(undone.exact).toBe(true);
    expect(backlogKeys()).toEqual(before);
    await site.runtime.whenIdle();
  });

  it('undo after someone else reordered: says what changed, leaves their moves, restores the rest', async () => {
    const before = backlogKeys();
    const view = valueOf(await preview());
    valueOf(await apply({ boardId: 1, basedOn: view.basedOn }));
    await site.runtime.whenIdle();
    const ordered = backlogKeys();
    // Ada drags the last issue of the backlog to the top by hand.
    const dragged = ordered.at(-1) ?? '';
    rankIssues(site.emulator.state, [dragged], { before: ordered[0] ?? '' }, ADA.accountId);
    const undone = valueOf(await undo());
    expect(undone.exact).toBe(false);
    expect(undone.movedByOthers).toEqual([dragged]);
    expect(undone.notes.join(' ')).toContain(`moved by someone else since the ordering (${dragged})`);
    const now = backlogKeys();
    expect(now[0]).toBe(dragged);
    expect(now.filter((key) => key !== dragged)).toEqual(before.filter((key) => key !== dragged));
    await site.runtime.whenIdle();
  });

  it('pinned issues keep their place, and the preview says who pinned them and why', async () => {
    const view = valueOf(await preview());
    const moving = view.moves[0];
    if (moving === undefined) throw new Error('nothing moves');
    const pins = valueOf(await invoke<readonly BacklogPinView[]>('pinIssue', { issueKey: moving.key, reason: 'Promised to the beta customers for December.' }));
    expect(pins).toEqual([{ key: moving.key, by: PAT.accountId, at: expect.any(String), reason: 'Promised to the beta customers for December.' }]);
    const pinned = valueOf(await preview());
    expect(pinned.moves.map((m) => m.key)).not.toContain(moving.key);
    expect(pinned.pinned).toEqual([{ key: moving.key, summary: expect.any(String), place: moving.from, pin: pins[0] }]);
    expect(pinned.rankCalls).toBeLessThanOrEqual(pinned.callBound);
    // The ranked backlog's row says so too.
    let row: BacklogRowView | undefined;
    let cursor: string | null | undefined;
    for (let n = 0; n < 10 && row === undefined && cursor !== null; n++) {
      const page = valueOf(await invoke<RankedBacklogPageView>('getRankedBacklogPage', { list: 'ranked', ...(cursor === undefined ? {} : { cursor }) }));
      row = page.rows.find((candidate) => candidate.key === moving.key);
      cursor = page.next;
    }
    expect(row?.pinned).toEqual({ by: PAT.accountId, at: pins[0]?.at, reason: 'Promised to the beta customers for December.' });
    expect(valueOf(await invoke<readonly BacklogPinView[]>('unpinIssue', { issueKey: moving.key }))).toEqual([]);
  });

  it('a board whose filter spans projects: refused in words when the user may not rank one of them', async () => {
    const view = valueOf(await preview({ boardId: 3 }));
    expect(view.canApply).toBe(false);
    expect(view.refusal).toMatch(/spans 2 projects, and you may not rank issues of MOB \(the Schedule issues permission\)/);
    const refused = refusal(await apply({ boardId: 3, basedOn: view.basedOn }));
    expect(refused).toEqual({ code: 'forbidden', message: view.refusal });
    // Ada may rank both: the same board is hers to order.
    expect(valueOf(await preview({ boardId: 3 }, ADA)).canApply).toBe(true);
  });

  it('an issue the user may not rank: no Schedule issues, so no apply, no undo, no pin', async () => {
    const view = valueOf(await preview({ boardId: 2 }, NICK, MOB));
    expect(view.canApply).toBe(false);
    expect(view.refusal).toMatch(/You may not rank the issues of MOB: ordering a backlog needs the Schedule issues permission/);
    expect(refusal(await apply({ boardId: 2, basedOn: view.basedOn }, NICK, MOB)).code).toBe('forbidden');
    expect(refusal(await invoke('pinIssue', { issueKey: 'MOB-1', reason: 'x' }, NICK, MOB)).code).toBe('forbidden');
  });

  it('forged and stale payloads are refused in words', async () => {
    const view = valueOf(await preview());
    expect(refusal(await apply({ boardId: 1, basedOn: 'not-the-preview' }))).toEqual({ code: 'stale', message: expect.stringContaining('changed since the preview') });
    // Board 2 is MOB's: not a board of TL, whatever the payload says.
    expect(refusal(await preview({ boardId: 2 }))).toEqual({ code: 'not-found', message: expect.stringContaining("not one of this project's boards") });
    expect(refusal(await preview({ boardId: -1 })).code).toBe('bad-request');
    expect(refusal(await preview({ boardId: 1, top: 0 })).code).toBe('bad-request');
    expect(refusal(await apply({ boardId: 1, basedOn: view.basedOn, extra: 1 })).code).toBe('bad-request');
    expect(refusal(await invoke('pinIssue', { issueKey: 'MOB-1', reason: 'other project' })).code).toBe('bad-request');
    expect(refusal(await invoke('pinIssue', { issueKey: 'TL-1', reason: '   ' })).code).toBe('bad-request');
    expect(refusal(await invoke('pinIssue', { issueKey: 'TL-1', reason: 'x'.repeat(301) })).code).toBe('bad-request');
    expect(refusal(await invoke('pinIssue', { issueKey: 'TL-99999', reason: 'gone' })).code).toBe('not-found');
    expect(backlogKeys()).toEqual(backlogKeys());
  });
});
