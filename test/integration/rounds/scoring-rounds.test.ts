/**
 * Team scoring rounds through the local Forge runtime against the Jira emulator (the app's real
 * manifest, storage in memory): Pat, who edits TL, opens a round on five stories for business
 * value and risk reduction, invites Ada, Nick and himself; each gives values without seeing the
 * others' until they have voted; Pat sees the spread and applies the medians, written as Pat to the
 * Jira fields, and the issue's history names the round.
 *
 * Bad input, each its own test: a vote from someone not invited; a round on an issue later moved to
 * another project; a round applied twice; a participant who lost browse permission; forged round ids
 * and issue keys; values of the wrong type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolverExtension } from '../../../dev/forge-runtime';
import type { IssueHistoryView, Result, RoundApplyView, ScoringRoundView, ScoringRoundsView } from '../../../src/contract';
import { NOT_INVITED_MESSAGE, ROUND_CLOSED_MESSAGE } from '../../../src/domain/rounds';
import { NO_PROJECT_MESSAGE } from '../../../src/resolvers/project-page';
import { NO_ROUND_MESSAGE } from '../../../src/resolvers/scoring-rounds';
import { NO_EDIT_MESSAGE } from '../../../src/services/scoring-rounds';
import { issueByKey } from '../background/support';
import { ADA, MOB, NICK, PAT, TL, WSJF_CONFIG, bodyOf, callSettings, startSite, valueOf } from '../settings/support';
import type { Site, User } from '../settings/support';

const BUSINESS_VALUE = 'customfield_10050';
const RISK = 'customfield_10052';

let site: Site;
let stories: string[] = [];

async function call<T>(key: string, payload: unknown, user: User, project: Record<string, unknown> = TL): Promise<Result<T>> {
  return bodyOf(await site.runtime.invokeResolver('project-page', key, payload, user, { project } as unknown as ResolverExtension)) as Result<T>;
}

function refusedWith(result: Result<unknown>): { code: string; message: string } {
  if (result.ok) throw new Error('expected a refusal, got ok');
  return result.error;
}

async function open(keys: readonly string[], participants: readonly string[], name = 'Sprint 12 candidates'): Promise<ScoringRoundView> {
  return valueOf(await call<ScoringRoundView>('openScoringRound', { name, issues: { keys }, inputs: ['businessValue', 'riskReduction'], participants }, PAT));
}

const idOf = (round: ScoringRoundView, key: string): string => round.issues.find((issue) => issue.key === key)!.id;
const cellOf = (round: ScoringRoundView, key: string, input: string) => round.cells.find((cell) => cell.issueId === idOf(round, key) && cell.input === input)!;

async function vote(round: ScoringRoundView, user: User, key: string, input: string, value: unknown): Promise<Result<ScoringRoundView>> {
  return call<ScoringRoundView>('castRoundVote', { roundId: round.id, issueId: idOf(round, key), input, value }, user);
}

beforeAll(async () => {
  site = await startSite();
  expect(valueOf(await callSettings<{ status: string }>(site, 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 })).status).toBe('saved');
  await site.runtime.whenIdle();
  // Nick joins the TL team for the round: he may browse TL (not edit it).
  site.emulator.state.setProjectPermissions('TL', NICK.accountId, ['BROWSE_PROJECTS']);
  stories = [...site.emulator.state.allIssues()]
    .filter((issue) => issue.projectId === TL.id && issue.issueTypeId === '10001' && site.emulator.state.statuses.get(issue.statusId)?.statusCategory.key !== 'done')
    .map((issue) => issue.key)
    .slice(0, 7);
  expect(stories).toHaveLength(7);
}, 120_000);

afterAll(async () => {
  await site.close();
});

describe('a round from opening to applying', () => {
  let round: ScoringRoundView;

  it('is opened by someone who may edit the project’s issues, on issues read as them', async () => {
    const listed = valueOf(await call<ScoringRoundsView>('listScoringRounds', {}, PAT));
    expect(listed).toMatchObject({ canOpen: true, rounds: [], kept: 20 });
    expect(listed.inputs.map((input) => input.key)).toEqual(['businessValue', 'timeCriticality', 'riskReduction', 'jobSize']);
    round = await open(stories.slice(0, 5), [ADA.accountId, NICK.accountId, PAT.accountId]);
    expect(round).toMatchObject({ name: 'Sprint 12 candidates', state: 'open', isOwner: true, isParticipant: true, pending: 10 });
    expect(round.issues.map((issue) => [issue.key, issue.where])).toEqual(stories.slice(0, 5).map((key) => [key, 'here']));
    expect(round.participants.map((person) => person.name)).toEqual(['Ada Admin', 'Nick NoAccess', 'Pat Owner']);
    expect(valueOf(await call<ScoringRoundsView>('listScoringRounds', {}, NICK)).rounds).toEqual([expect.objectContaining({ id: round.id, isParticipant: true, pending: 10, ownerName: 'Pat Owner' })]);
  });

  it('refuses to be opened by someone who may only browse the project', async () => {
    expect(valueOf(await call<ScoringRoundsView>('listScoringRounds', {}, NICK)).canOpen).toBe(false);
    const refused = refusedWith(await call('openScoringRound', { name: 'Mine', issues: { keys: [stories[0]] }, inputs: ['businessValue'], participants: [NICK.accountId] }, NICK));
    expect(refused).toEqual({ code: 'forbidden', message: NO_EDIT_MESSAGE });
  });

  it('hides the others’ values of an issue and input until the participant has voted on it', async () => {
    const first = stories[0]!;
    valueOf(await vote(round, ADA, first, 'businessValue', 3));
    const nickBefore = valueOf(await call<ScoringRoundView>('getScoringRound', { roundId: round.id }, NICK));
    expect(cellOf(nickBefore, first, 'businessValue')).toMatchObject({ mine: null, count: 1, values: null, spread: null, agreed: null });
    const nickAfter = valueOf(await vote(round, NICK, first, 'businessValue', 13));
    expect(cellOf(nickAfter, first, 'businessValue').values).toEqual([
      { by: ADA.accountId, value: 3, outlier: false },
      { by: NICK.accountId, value: 13, outlier: false },
    ]);
    expect(cellOf(nickAfter, first, 'riskReduction').values).toBeNull();
  });

  it('records every vote, the owner sees the spread with outliers marked and the median as agreed', async () => {
    const values: Record<string, [number, number, number]> = {};
    for (const [i, key] of stories.slice(0, 5).entries()) values[key] = [3 + i, 5 + i, 8 + i];
    values[stories[0]!] = [3, 13, 3];
    for (const key of stories.slice(0, 5)) {
      const [ada, nick, pat] = values[key]!;
      valueOf(await vote(round, ADA, key, 'businessValue', ada));
      valueOf(await vote(round, NICK, key, 'businessValue', nick));
      valueOf(await vote(round, PAT, key, 'businessValue', pat));
      valueOf(await vote(round, ADA, key, 'riskReduction', 'High'));
      valueOf(await vote(round, NICK, key, 'riskReduction', 'Low'));
      valueOf(await vote(round, PAT, key, 'riskReduction', 'High'));
    }
    const owner = valueOf(await call<ScoringRoundView>('getScoringRound', { roundId: round.id }, PAT));
    expect(owner.pending).toBe(0);
    expect(owner.participants.map((person) => person.voted)).toEqual([10, 10, 10]);
    const first = cellOf(owner, stories[0]!, 'businessValue');
    expect(first.spread).toEqual({ count: 3, min: 3, max: 13, median: 3 });
    expect(first.values?.find((value) => value.outlier)?.by).toBe(NICK.accountId);
    expect(first.agreed).toEqual({ value: 3, how: 'median', votes: 3 });
    expect(cellOf(owner, stories[1]!, 'riskReduction').agreed).toEqual({ value: 'High', how: 'median', votes: 3 });
    // The owner agrees on 6 for the second story instead of the median 6 → stays; for the third, 9 instead of 7.
    const chosen = valueOf(await call<ScoringRoundView>('setRoundAgreedValue', { roundId: round.id, issueId: idOf(round, stories[2]!), input: 'businessValue', value: 9 }, PAT));
    expect(cellOf(chosen, stories[2]!, 'businessValue').agreed).toEqual({ value: 9, how: 'chosen', votes: 3 });
    expect(refusedWith(await call('setRoundAgreedValue', { roundId: round.id, issueId: idOf(round, stories[2]!), input: 'businessValue', value: 9 }, ADA)).code).toBe('forbidden');
  });

  it('is applied by its owner as the owner: the Jira fields hold the agreed values, and the history names the round', async () => {
    expect(refusedWith(await call('applyScoringRound', { roundId: round.id }, ADA)).code).toBe('forbidden');
    const authors: string[] = [];
    const stop = site.emulator.state.onChange((event) => {
      if (event.eventType === 'avi:jira:updated:issue' && event.changelog.items.some((item) => item.fieldId === BUSINESS_VALUE || item.fieldId === RISK)) authors.push(event.atlassianId ?? 'nobody');
    });
    const applied = valueOf(await call<RoundApplyView>('applyScoringRound', { roundId: round.id }, PAT));
    stop();
    // Written as Pat, the owner: Jira's events name him for each field that changed (a field that held the agreed value already raises none).
    expect(authors.length).toBeGreaterThan(5);
    expect(new Set(authors)).toEqual(new Set([PAT.accountId]));
    expect(applied.written).toBe(10);
    expect(applied.results.every((result) => result.outcome === 'written')).toBe(true);
    expect(applied.summary).toBe('Wrote 10 of 10 agreed values.');
    const expected = [3, 6, 9, 8, 9];
    for (const [i, key] of stories.slice(0, 5).entries()) {
      const fields = issueByKey(site.emulator, key).fields;
      expect(fields[BUSINESS_VALUE], key).toBe(expected[i]);
      // Jira keeps the option by id: High's.
      expect((fields[RISK] as { id: string }).id, key).toBe(site.emulator.state.fieldOptions[RISK]?.find((option) => option.value === 'High')?.id);
    }
    await site.runtime.whenIdle();
    const history = valueOf(bodyOf(await site.runtime.invokeResolver('issue-score', 'getIssueHistory', {}, PAT, { issue: { key: stories[2]!, type: 'Story' }, project: TL } as unknown as ResolverExtension)) as Result<IssueHistoryView>);
    // One change per field written (the trigger records each), each followed by the round's cause.
    const texts = history.entries.slice(0, 2).flatMap((entry) => entry.causes.map((cause) => cause.text));
    expect(texts).toContain('Team round "Sprint 12 candidates": the value its owner agreed, from 3 votes');
    expect(texts).toContain('Team round "Sprint 12 candidates": median of 3 votes');
  });

  it('applied twice, writes nothing the second time and says so', async () => {
    site.emulator.resetCalls();
    const again = valueOf(await call<RoundApplyView>('applyScoringRound', { roundId: round.id }, PAT));
    expect(again).toMatchObject({ written: 0, alreadyApplied: 10, results: [] });
    expect(again.summary).toBe('Already applied: nothing was written (the 10 agreed values are the ones the round wrote).');
    const writes = Object.entries(site.emulator.calls).filter(([endpoint, count]) => count > 0 && (endpoint.startsWith('PUT ') || endpoint.startsWith('DELETE ')));
    expect(writes).toEqual([]);
  });

  it('once closed, takes no more values and shows everyone everything', async () => {
    valueOf(await call<ScoringRoundView>('closeScoringRound', { roundId: round.id }, PAT));
    expect(refusedWith(await vote(round, ADA, stories[0]!, 'businessValue', 5))).toEqual({ code: 'bad-request', message: ROUND_CLOSED_MESSAGE });
    const ada = valueOf(await call<ScoringRoundView>('getScoringRound', { roundId: round.id }, ADA));
    expect(ada.state).toBe('closed');
    expect(cellOf(ada, stories[1]!, 'businessValue').values).toHaveLength(3);
  });
});

describe('bad input', () => {
  it('refuses a vote from someone not invited, and records nothing', async () => {
    const round = await open([stories[5]!], [PAT.accountId], 'Pat alone');
    expect(refusedWith(await vote(round, ADA, stories[5]!, 'businessValue', 5))).toEqual({ code: 'forbidden', message: NOT_INVITED_MESSAGE });
    const seen = valueOf(await call<ScoringRoundView>('getScoringRound', { roundId: round.id }, PAT));
    expect(cellOf(seen, stories[5]!, 'businessValue').count).toBe(0);
  });

  it('says a round’s issue moved to another project, and does not apply to it', async () => {
    const [here, leaving] = [stories[5]!, stories[6]!];
    const round = await open([here, leaving], [PAT.accountId], 'Before the move');
    valueOf(await vote(round, PAT, here, 'businessValue', 21));
    valueOf(await vote(round, PAT, leaving, 'businessValue', 34));
    const before = issueByKey(site.emulator, leaving).fields[BUSINESS_VALUE];
    const newKey = site.emulator.state.moveIssue(leaving, 'MOB', { asAccountId: ADA.accountId });
    await site.runtime.whenIdle();
    const seen = valueOf(await call<ScoringRoundView>('getScoringRound', { roundId: round.id }, PAT));
    expect(seen.issues.find((issue) => issue.key === leaving)).toMatchObject({ where: 'moved', keyNow: newKey });
    const applied = valueOf(await call<RoundApplyView>('applyScoringRound', { roundId: round.id }, PAT));
    expect(applied.results.map((result) => [result.issueKey, result.outcome])).toEqual([
      [here, 'written'],
      [leaving, 'moved'],
    ]);
    expect(applied.results[1]!.message).toBe(`${leaving} moved to another project (now ${newKey}): the round does not apply to it.`);
    expect(issueByKey(site.emulator, newKey).fields[BUSINESS_VALUE]).toEqual(before);
    expect(issueByKey(site.emulator, here).fields[BUSINESS_VALUE]).toBe(21);
    // Applied again: the moved issue is said again, nothing is written.
    expect(valueOf(await call<RoundApplyView>('applyScoringRound', { roundId: round.id }, PAT))).toMatchObject({ written: 0, alreadyApplied: 1 });
  });

  it('is refused, issue by issue and in words, when the owner may no longer edit the issues', async () => {
    const round = await open([stories[0]!], [PAT.accountId], 'Pat may not edit');
    valueOf(await vote(round, PAT, stories[0]!, 'businessValue', 40));
    const before = issueByKey(site.emulator, stories[0]!).fields[BUSINESS_VALUE];
    site.emulator.state.setProjectPermissions('TL', PAT.accountId, ['BROWSE_PROJECTS']);
    try {
      const applied = valueOf(await call<RoundApplyView>('applyScoringRound', { roundId: round.id }, PAT));
      expect(applied.results).toEqual([expect.objectContaining({ outcome: 'refused', message: `You may not edit ${stories[0]!}, so Business value was not changed.` })]);
      expect(applied.written).toBe(0);
    } finally {
      site.emulator.state.setProjectPermissions('TL', PAT.accountId, ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'LINK_ISSUES', 'SCHEDULE_ISSUES']);
    }
    expect(issueByKey(site.emulator, stories[0]!).fields[BUSINESS_VALUE]).toEqual(before);
  });

  it('takes the round away from a participant who lost browse permission', async () => {
    const round = await open([stories[0]!], [NICK.accountId, PAT.accountId], 'Nick leaves');
    valueOf(await vote(round, NICK, stories[0]!, 'businessValue', 5));
    site.emulator.state.setProjectPermissions('TL', NICK.accountId, []);
    try {
      expect(refusedWith(await call('getScoringRound', { roundId: round.id }, NICK))).toEqual({ code: 'not-found', message: NO_PROJECT_MESSAGE });
      expect(refusedWith(await vote(round, NICK, stories[0]!, 'businessValue', 8))).toEqual({ code: 'not-found', message: NO_PROJECT_MESSAGE });
      expect(refusedWith(await call('listScoringRounds', {}, NICK))).toEqual({ code: 'not-found', message: NO_PROJECT_MESSAGE });
      // Nor through a project he browses: the round is TL's.
      expect(refusedWith(await call('getScoringRound', { roundId: round.id }, NICK, MOB))).toEqual({ code: 'not-found', message: NO_ROUND_MESSAGE });
    } finally {
      site.emulator.state.setProjectPermissions('TL', NICK.accountId, ['BROWSE_PROJECTS']);
    }
  });

  it('finds nothing for forged round ids, and opens nothing on forged or foreign issue keys', async () => {
    for (const roundId of ['0-zzzzzzzz', '19-abcdefghij', 'project:10000:0', '../../1-aaaaaaaa', '']) {
      const refused = refusedWith(await call('getScoringRound', { roundId }, PAT));
      expect(refused.code, roundId).toMatch(/not-found|bad-request/);
    }
    expect(refusedWith(await call('getScoringRound', { roundId: '0-zzzzzzzz' }, PAT))).toEqual({ code: 'not-found', message: NO_ROUND_MESSAGE });
    const mob = [...site.emulator.state.allIssues()].find((issue) => issue.projectId === MOB.id)!.key;
    const foreign = refusedWith(await call('openScoringRound', { name: 'Foreign', issues: { keys: [stories[0], mob, 'TL-99999'] }, inputs: ['businessValue'], participants: [PAT.accountId] }, PAT));
    expect(foreign).toEqual({ code: 'not-found', message: `${mob}, TL-99999: not issues of this project that you can see. Nothing was opened.` });
    expect(refusedWith(await call('openScoringRound', { name: 'Forged', issues: { keys: ['TL-1 OR project = MOB'] }, inputs: ['businessValue'], participants: [PAT.accountId] }, PAT)).code).toBe('bad-request');
    expect(refusedWith(await call('openScoringRound', { name: 'Epic', issues: { epicKey: mob }, inputs: ['businessValue'], participants: [PAT.accountId] }, PAT)).code).toBe('not-found');
    const round = await open([stories[0]!], [PAT.accountId], 'Forged issue');
    expect(refusedWith(await call('castRoundVote', { roundId: round.id, issueId: issueByKey(site.emulator, mob).id, input: 'businessValue', value: 5 }, PAT))).toEqual({ code: 'not-found', message: 'That issue is not part of this round.' });
    expect(refusedWith(await call('castRoundVote', { roundId: round.id, issueId: round.issues[0]!.id, input: 'jobSize', value: 5 }, PAT)).code).toBe('not-found');
  });

  it('opens on an epic’s open issues, read as the owner', async () => {
    const epic = issueByKey(site.emulator, 'TL-10');
    const open = [...site.emulator.state.allIssues()].filter((issue) => issue.parentId === epic.id && site.emulator.state.statuses.get(issue.statusId)?.statusCategory.key !== 'done').map((issue) => issue.key);
    expect(open.length).toBeGreaterThan(0);
    const round = valueOf(await call<ScoringRoundView>('openScoringRound', { name: 'Epic TL-10', issues: { epicKey: 'TL-10' }, inputs: ['businessValue'], participants: [PAT.accountId] }, PAT));
    expect(round.issues.map((issue) => issue.key).sort()).toEqual(open.sort());
  });

  it('opens on the next sprint’s candidates (the open issues of its Scrum board’s next future sprint), and says why not where there is none', async () => {
    // TL's board 1: its future sprint, TL Sprint 7.
    const candidates = [...site.emulator.state.allIssues()].filter((issue) => issue.projectId === TL.id && issue.sprintIds.includes(7) && site.emulator.state.statuses.get(issue.statusId)?.statusCategory.key !== 'done').map((issue) => issue.key);
    expect(candidates.length).toBeGreaterThan(0);
    const round = valueOf(await call<ScoringRoundView>('openScoringRound', { name: 'Sprint 7 candidates', issues: { nextSprint: true }, inputs: ['businessValue'], participants: [PAT.accountId] }, PAT));
    expect(round.issues.map((issue) => issue.key).sort()).toEqual(candidates.sort());
    // MOB has no Scrum board: said, nothing opened.
    const before = valueOf(await call<ScoringRoundsView>('listScoringRounds', {}, ADA, MOB)).rounds.length;
    expect(refusedWith(await call('openScoringRound', { name: 'MOB sprint', issues: { nextSprint: true }, inputs: ['businessValue'], participants: [ADA.accountId] }, ADA, MOB))).toEqual({ code: 'bad-request', message: 'This project has no Scrum board, so it has no next sprint: choose the issues by key or by epic.' });
    expect(valueOf(await call<ScoringRoundsView>('listScoringRounds', {}, ADA, MOB)).rounds).toHaveLength(before);
    // Anything but `true` is refused by shape.
    expect(refusedWith(await call('openScoringRound', { name: 'Forged', issues: { nextSprint: 'TL Sprint 7' }, inputs: ['businessValue'], participants: [PAT.accountId] }, PAT)).code).toBe('bad-request');
  });

  it('refuses values of the wrong type, in words, and keeps what was given', async () => {
    const round = await open([stories[0]!], [PAT.accountId], 'Types');
    valueOf(await vote(round, PAT, stories[0]!, 'businessValue', 8));
    expect(refusedWith(await vote(round, PAT, stories[0]!, 'businessValue', 'eight'))).toEqual({ code: 'bad-request', message: 'Business value takes a number; "eight" is not one.' });
    expect(refusedWith(await vote(round, PAT, stories[0]!, 'riskReduction', 3))).toEqual({ code: 'bad-request', message: 'Risk reduction must be one of: None, Low, Medium, High, Critical.' });
    expect(refusedWith(await vote(round, PAT, stories[0]!, 'businessValue', true)).code).toBe('bad-request');
    expect(refusedWith(await vote(round, PAT, stories[0]!, 'businessValue', { value: 8 })).code).toBe('bad-request');
    expect(refusedWith(await call('openScoringRound', { name: 'Bad input', issues: { keys: [stories[0]] }, inputs: ['timeCriticality2'], participants: [PAT.accountId] }, PAT)).code).toBe('bad-request');
    const seen = valueOf(await call<ScoringRoundView>('getScoringRound', { roundId: round.id }, PAT));
    expect(cellOf(seen, stories[0]!, 'businessValue').mine).toBe(8);
  });
});
