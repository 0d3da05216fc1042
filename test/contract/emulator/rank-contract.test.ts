/**
 * The emulator's rank, backlog and board projects held to Jira Software's OpenAPI description:
 * 204 when every issue is ranked, 207 with an entry per issue when some are not (a per-issue fault,
 * an issue of a project where the caller may not schedule), 400 for a malformed or oversized body,
 * 403 without the Schedule issues permission; the backlog in rank order, which `ORDER BY rank` keeps.
 */
import { describe, expect, it } from 'vitest';
import { backlogOf, clearRankFailures, failRanking, ranksBetween } from '../../../dev/jira-emulator/rank';
import { ADA, NICK, PAT, searchAll } from '../../integration/emulator/support';
import type { Who } from '../../integration/emulator/support';
import { specCheckedEmulator } from './spec-checked';

describe('Jira emulator: rank and backlog against the OpenAPI spec', () => {
  const contract = specCheckedEmulator();
  const { checked } = contract;

  async function backlogKeys(board: number, as: Who): Promise<string[]> {
    const keys: string[] = [];
    for (let startAt = 0; ; ) {
      const page = (await checked('GET', `/rest/agile/1.0/board/${String(board)}/backlog?startAt=${String(startAt)}&fields=summary`, { as })).body as { issues: { key: string }[]; total: number };
      keys.push(...page.issues.map((issue) => issue.key));
      startAt += page.issues.length;
      if (startAt >= page.total || page.issues.length === 0) return keys;
    }
  }

  it('GET /board/{id}/backlog: open issues in no open sprint, in rank order, paged; 404 for a hidden board', async () => {
    const keys = await backlogKeys(1, PAT);
    expect(keys.length).toBeGreaterThan(3);
    expect(keys).toEqual(backlogOf(contract.emulator.state, contract.emulator.state.boards[0] as never, { kind: 'user', accountId: PAT }).map((issue) => issue.key));
    expect((await checked('GET', '/rest/agile/1.0/board/1/backlog', { as: NICK })).status).toBe(404);
    expect((await checked('GET', '/rest/agile/1.0/board/1/backlog?startAt=-1', { as: PAT })).status).toBe(400);
  });

  it('GET /board/{id}/project: every project the filter spans', async () => {
    const answer = await checked('GET', '/rest/agile/1.0/board/3/project', { as: PAT });
    expect((answer.body as { values: { key: string }[] }).values.map((p) => p.key).sort()).toEqual(['MOB', 'TL']);
    expect((await checked('GET', '/rest/agile/1.0/board/999/project', { as: PAT })).status).toBe(404);
  });

  it('PUT /issue/rank: 204, and the backlog and ORDER BY rank follow', async () => {
    const before = await backlogKeys(1, PAT);
    const [first, second, third] = before as [string, string, string];
    const answer = await checked('PUT', '/rest/agile/1.0/issue/rank', { as: PAT, body: { issues: [third, second], rankBeforeIssue: first } });
    expect(answer.status).toBe(204);
    const after = await backlogKeys(1, PAT);
    expect(after.slice(0, 3)).toEqual([third, second, first]);
    const ranked = await searchAll(contract.emulator, 'project = TL ORDER BY rank ASC', PAT, { fields: ['summary'] });
    const order = ranked.issues.map((issue) => issue.key as string).filter((key) => after.includes(key));
    expect(order).toEqual(after);
    const last = after.at(-1) ?? '';
    expect((await checked('PUT', '/rest/agile/1.0/issue/rank', { as: PAT, body: { issues: [first], rankAfterIssue: last, rankCustomFieldId: 10019 } })).status).toBe(204);
    expect((await backlogKeys(1, PAT)).at(-1)).toBe(first);
  });

  it('PUT /issue/rank: 207 with an entry per issue for a fault and an issue the caller may not schedule; the rest is ranked', async () => {
    const tl = await backlogKeys(1, PAT);
    const mob = backlogOf(contract.emulator.state, { id: 2, name: 'MOB', type: 'simple', projectKey: 'MOB' }, { kind: 'app' }).map((issue) => issue.key);
    const [anchor, failing, fine] = tl as [string, string, string];
    const other = mob[0] ?? '';
    failRanking(contract.emulator.state, [failing]);
    try {
      const answer = await checked('PUT', '/rest/agile/1.0/issue/rank', { as: PAT, body: { issues: [fine, failing, other], rankBeforeIssue: anchor } });
      expect(answer.status).toBe(207);
      const entries = (answer.body as { entries: { issueKey: string; status: number; errors?: string[] }[] }).entries;
      expect(entries.map((entry) => [entry.issueKey, entry.status])).toEqual([
        [fine, 200],
        [failing, 503],
        [other, 403],
      ]);
      expect((await backlogKeys(1, PAT)).slice(0, 2)).toEqual([fine, anchor]);
    } finally {
      clearRankFailures(contract.emulator.state);
    }
  });

  it('PUT /issue/rank: 400 for more than 50 issues, both or neither anchor, an unknown field; 403 without Schedule issues', async () => {
    const tl = await backlogKeys(1, ADA);
    const many = Array.from({ length: 51 }, (_, i) => `TL-${String(i + 1)}`);
    expect((await checked('PUT', '/rest/agile/1.0/issue/rank', { as: PAT, body: { issues: many, rankBeforeIssue: 'TL-60' } })).status).toBe(400);
    expect((await checked('PUT', '/rest/agile/1.0/issue/rank', { as: PAT, body: { issues: [tl[1]], rankBeforeIssue: tl[0], rankAfterIssue: tl[2] } })).status).toBe(400);
    expect((await checked('PUT', '/rest/agile/1.0/issue/rank', { as: PAT, body: { issues: [tl[1]] } })).status).toBe(400);
    expect((await checked('PUT', '/rest/agile/1.0/issue/rank', { as: PAT, body: { issues: [tl[1]], rankBeforeIssue: tl[0], rankCustomFieldId: 1 } })).status).toBe(400);
    expect((await checked('PUT', '/rest/agile/1.0/issue/rank', { as: PAT, body: { issues: [tl[1]], rankBefore: tl[0] }, validRequest: false })).status).toBe(400);
    const mob = backlogOf(contract.emulator.state, { id: 2, name: 'MOB', type: 'simple', projectKey: 'MOB' }, { kind: 'app' }).map((issue) => issue.key);
    expect((await checked('PUT', '/rest/agile/1.0/issue/rank', { as: PAT, body: { issues: [mob[1]], rankBeforeIssue: mob[0] } })).status).toBe(403);
  });

  it('ranksBetween: evenly spaced values strictly between, in text order', () => {
    const values = ranksBetween('i0', 'i1', 60);
    expect([...values].sort()).toEqual(values);
    expect(values[0] && values[0] > 'i0').toBe(true);
    expect((values.at(-1) ?? '') < 'i1').toBe(true);
    expect(new Set(values).size).toBe(60);
    expect(ranksBetween(undefined, undefined, 3)).toHaveLength(3);
  });
});
