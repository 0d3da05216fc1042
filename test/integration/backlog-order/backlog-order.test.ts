/**
 * "Order the backlog by score" through the local Forge runtime against the emulator, on the demo
 * data after the app's bulk recompute wrote every "Priority score": the board picker's list, the
 * preview, apply (as the user, fewest rank calls), undo, pins, and each bad input of the issue: a
 * board whose filter spans projects (only this project's issues move, the others keep their
 * places), an issue the user may not rank (no Schedule issues in the project; a 403 entry when the
 * permission went meanwhile), a 207 with mixed results, undo after someone else reordered; and
 * forged or stale payloads refused in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backlogOf, clearRankFailures, failRanking, rankIssues } from '../../../dev/jira-emulator/rank';
import type { BacklogBoardsView, BacklogOrderPreview, BacklogOrderResult, BacklogPinView, BacklogRowView, RankedBacklogPageView, Result, UndoBacklogOrderResult } from '../../../src/contract';
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
}, 60_000);
afterAll(async () => {
  await site.close();
});

describe('order the backlog by score', () => {
  it('the picker lists the boards of the project that the user can see, and whether the user may rank', async () => {
    const listed = valueOf(await invoke<BacklogBoardsView>('listBacklogBoards', {}));
    expect(listed).toEqual({
      boards: [
        { id: 1, name: 'TL board', type: 'scrum', projectKey: 'TL' },
        { id: 3, name: 'Web and mobile', type: 'kanban', projectKey: 'TL' },
      ],
      canRank: true,
      refusal: null,
    });
    // A board that lives in MOB but whose filter names TL is one of TL's boards too (Jira's "relevant to a project").
    site.emulator.state.boards.push({ id: 4, name: 'MOB releases', type: 'kanban', projectKey: 'MOB', filterProjectKeys: ['TL'] });
    try {
      expect(valueOf(await invoke<BacklogBoardsView>('listBacklogBoards', {})).boards.map((b) => [b.id, b.projectKey])).toEqual([[1, 'TL'], [3, 'TL'], [4, 'MOB']]);
      expect(valueOf(await preview({ boardId: 4 })).otherProjects?.keys).toEqual(['MOB']);
    } finally {
      site.emulator.state.boards.splice(site.emulator.state.boards.findIndex((b) => b.id === 4), 1);
    }
    // Nick sees MOB's board only (board 3 lives in TL, which he cannot browse), and may not rank there.
    const nick = valueOf(await invoke<BacklogBoardsView>('listBacklogBoards', {}, NICK, MOB));
    expect(nick).toEqual({ boards: [{ id: 2, name: 'MOB board', type: 'simple', projectKey: 'MOB' }], canRank: false, refusal: expect.stringMatching(/^You may not rank the issues of MOB: ordering a backlog needs the Schedule issues permission/) });
    expect(refusal(await preview({ boardId: 3 }, NICK, MOB))).toEqual({ code: 'not-found', message: expect.stringContaining("not one of this project's boards") });
    expect(refusal(await invoke('listBacklogBoards', { boardId: 1 })).code).toBe('bad-request');
  });

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

  it('207 with mixed results: each refused issue in words (a fault, a permission gone since the check), the rest applied, and undo still restores', async () => {
    const before = backlogKeys();
    const view = valueOf(await preview());
    const failing = view.moves[0]?.key ?? '';
    // The Schedule issues permission taken away between the check and the rank call: Jira's 403 entry.
    const refused = view.moves.at(-1)?.key ?? '';
    expect(refused).not.toBe(failing);
    failRanking(site.emulator.state, [failing]);
    failRanking(site.emulator.state, [refused], 'You do not have permission to rank this issue (Schedule issues).', 403);
    try {
      site.emulator.resetCalls();
      const result = valueOf(await apply({ boardId: 1, basedOn: view.basedOn }));
      expect(site.emulator.callCount('PUT /rest/agile/1.0/issue/rank')).toBe(view.rankCalls);
      expect([...result.failed].sort((a, b) => (a.key === failing ? -1 : b.key === failing ? 1 : 0))).toEqual([
        { key: failing, reason: expect.stringMatching(/^Jira could not rank it: JIRA Agile cannot execute the rank operation/) },
        { key: refused, reason: 'You may not rank this issue (the Schedule issues permission on its project).' },
      ]);
      expect(result.moved).toBe(view.moves.length - 2);
      expect(result.notes.join(' ')).toMatch(/2 of \d+ issues could not be moved; the others were/);
      const after = backlogKeys();
      // The ones that moved are where the preview put them relative to each other (the two left behind shift the places).
      const moved = view.moves.filter((move) => move.key !== failing && move.key !== refused);
      expect(after.filter((key) => moved.some((move) => move.key === key))).toEqual([...moved].sort((a, b) => a.to - b.to).map((move) => move.key));
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
    expect(pins).toEqual([{ key: moving.key, by: PAT.accountId, byName: 'Pat Owner', at: expect.any(String), reason: 'Promised to the beta customers for December.' }]);
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

  it('a board whose filter spans projects: only this project\'s issues are ordered, relative to each other; the other project\'s keep their places, and the preview says so', async () => {
    // MOB's issues among TL's, as a team working on both would have ranked them.
    const tl = backlogKeys(3).filter((key) => key.startsWith('TL-'));
    rankIssues(site.emulator.state, ['MOB-1'], { before: tl[0] ?? '' });
    rankIssues(site.emulator.state, ['MOB-2', 'MOB-7'], { before: tl[10] ?? '' });
    await site.runtime.whenIdle();
    const before = backlogKeys(3);
    const mob = before.flatMap((key, at) => (key.startsWith('MOB-') ? [{ key, at }] : []));
    expect(mob.slice(0, 3).map((m) => m.at)).toEqual([0, 11, 12]);
    const message = `The board "Web and mobile" also holds issues of MOB: only TL's issues are ordered, relative to each other; the ${String(mob.length)} issues of MOB keep their places.`;
    // Ada may rank MOB too; what moves is the page's project's issues, not whatever she may rank.
    for (const user of [PAT, ADA]) {
      const view = valueOf(await preview({ boardId: 3 }, user));
      expect(view).toMatchObject({ board: { id: 3, name: 'Web and mobile' }, canApply: true, refusal: null, otherProjects: { keys: ['MOB'], issues: mob.length } });
      expect(view.notes).toContain(message);
      expect(view.moves.length).toBeGreaterThan(0);
      expect([...view.moves, ...view.incomplete, ...view.pinned].filter((issue) => !issue.key.startsWith('TL-'))).toEqual([]);
    }
    const view = valueOf(await preview({ boardId: 3 }));
    // Pat may not rank MOB's issues: any of them sent would come back refused.
    const result = valueOf(await apply({ boardId: 3, basedOn: view.basedOn }));
    expect(result).toMatchObject({ moved: view.moves.length, failed: [] });
    const after = backlogKeys(3);
    for (const { key, at } of mob) expect(after[at]).toBe(key);
    for (const move of view.moves) expect(after.indexOf(move.key) + 1).toBe(move.to);
    await site.runtime.whenIdle();
    expect(valueOf(await preview({ boardId: 3 })).moves).toEqual([]);
    expect(valueOf(await undo({ boardId: 3 }))).toMatchObject({ exact: true, failed: [] });
    expect(backlogKeys(3)).toEqual(before);
    await site.runtime.whenIdle();
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
