/**
 * Rounds in storage (memoryKvs, the same rules as Forge's): a project keeps its last 20, opening one
 * more replaces the oldest; a forged or replaced round id finds nothing; two voters writing at once
 * both land; and a team round's cause waits in the issue's history for the change it explains.
 */
import { describe, expect, it } from 'vitest';
import { MAX_ROUNDS_PER_PROJECT, newRound, withVote } from '../../../src/domain/rounds';
import type { Round } from '../../../src/domain/rounds';
import { ATTRIBUTION_TTL_MS, attributedCauses, causeInWords, withAttribution } from '../../../src/domain/history';
import type { Attribution } from '../../../src/domain/history';
import { FORMER_USER, createPersonalDataStore, createScoringRoundStore, memoryKvs, registerProject, slotOfRoundId } from '../../../src/storage';

const PROJECT = '10000';

function make(name: string, at: number): (id: string) => Round {
  return (id) =>
    newRound({
      id,
      projectId: PROJECT,
      name,
      owner: 'owner',
      now: new Date(Date.UTC(2026, 2, 1) + at * 60_000),
      issues: [{ id: '101', key: 'TL-1', summary: 'One' }],
      inputs: [{ key: 'businessValue', label: 'Business value', kind: 'number' }],
      participants: ['ann', 'bob'],
    });
}

describe('the rounds of a project', () => {
  it('keeps the last 20, newest first; the 21st replaces the oldest, whose id then finds nothing', async () => {
    const store = createScoringRoundStore(memoryKvs());
    const ids: string[] = [];
    for (let i = 0; i < MAX_ROUNDS_PER_PROJECT + 1; i++) ids.push((await store.open(PROJECT, make(`Round ${String(i)}`, i))).round.id);
    const listed = await store.list(PROJECT);
    expect(listed).toHaveLength(MAX_ROUNDS_PER_PROJECT);
    expect(listed[0]?.name).toBe('Round 20');
    expect(listed.at(-1)?.name).toBe('Round 1');
    expect(await store.load(PROJECT, ids[0]!)).toBeUndefined();
    expect(slotOfRoundId(ids[20]!)).toBe(slotOfRoundId(ids[0]!));
    expect((await store.load(PROJECT, ids[20]!))?.name).toBe('Round 20');
  });

  it('finds nothing for forged ids, another project, or a slot out of range', async () => {
    const store = createScoringRoundStore(memoryKvs());
    const { round } = await store.open(PROJECT, make('Sprint 12', 0));
    for (const forged of ['0-zzzzzzzz', `${round.id}x`, '99-abcdefgh', '../1-abcdefgh', '', 'project:10000:0']) expect(await store.load(PROJECT, forged)).toBeUndefined();
    expect(await store.load('10001', round.id)).toBeUndefined();
    expect(await store.load('not-a-project', round.id)).toBeUndefined();
    expect(await store.update(PROJECT, '0-zzzzzzzz', (r) => r)).toBeUndefined();
  });

  it('keeps both of two votes written at once (the one who lost reads again)', async () => {
    const store = createScoringRoundStore(memoryKvs());
    const { round } = await store.open(PROJECT, make('Sprint 12', 0));
    await Promise.all([store.update(PROJECT, round.id, (r) => withVote(r, 'ann', '101', 'businessValue', 3)), store.update(PROJECT, round.id, (r) => withVote(r, 'bob', '101', 'businessValue', 8))]);
    const stored = await store.load(PROJECT, round.id);
    expect(stored?.votes).toEqual({ ann: { '101:businessValue': 3 }, bob: { '101:businessValue': 8 } });
  });
});

describe('a team round as a cause of why a priority moved', () => {
  const attribution: Attribution = { input: 'businessValue', text: '5', at: '2026-03-10T10:00:00.000Z', cause: { kind: 'round', name: 'Sprint 12 candidates', label: 'Business value', how: 'median', votes: 5 } };

  it('follows the input change it explains, in words, and is used once', () => {
    const input = { kind: 'input' as const, input: 'businessValue', label: 'Business value', from: '3', to: '5' };
    const now = Date.parse('2026-03-10T10:00:05Z');
    const { causes, pending } = attributedCauses([input], [attribution], now);
    expect(causes.map((cause) => causeInWords(cause))).toEqual(['Business value changed from "3" to "5"', 'Team round "Sprint 12 candidates": median of 5 votes']);
    expect(pending).toEqual([]);
  });

  it('explains nothing else: another value, another input, or after it expired', () => {
    const other = { kind: 'input' as const, input: 'businessValue', label: 'Business value', from: '3', to: '8' };
    const now = Date.parse('2026-03-10T10:00:05Z');
    expect(attributedCauses([other], [attribution], now)).toEqual({ causes: [other], pending: [attribution] });
    expect(attributedCauses([other], [attribution], Date.parse(attribution.at) + ATTRIBUTION_TTL_MS + 1).pending).toEqual([]);
  });

  it('keeps the newest per input in the issue’s history', () => {
    const twice = withAttribution(withAttribution(undefined, '101', attribution), '101', { ...attribution, text: '8' });
    expect(twice.pending).toEqual([{ ...attribution, text: '8' }]);
    expect(causeInWords({ kind: 'round', name: 'Sprint 12', label: 'Business value', how: 'chosen', votes: 1 })).toBe('Team round "Sprint 12": the value its owner agreed, from 1 vote');
  });
});

describe('the people a round keeps, in the personal data report', () => {
  it('reports owners and participants, and erases a closed account, keeping each erased voter’s values apart', async () => {
    const kvs = memoryKvs();
    const store = createScoringRoundStore(kvs);
    const { round } = await store.open(PROJECT, make('Sprint 12', 0));
    await store.update(PROJECT, round.id, (r) => withVote(withVote(r, 'ann', '101', 'businessValue', 3), 'bob', '101', 'businessValue', 8));
    await registerProject(kvs, PROJECT);
    const personal = createPersonalDataStore(kvs);
    expect((await personal.accountsIn(PROJECT)).map((held) => held.accountId).sort()).toEqual(['ann', 'bob', 'owner']);
    const erased = await personal.erase(PROJECT, new Set(['ann', 'bob']));
    expect(erased.records).toBe(1);
    const after = await store.load(PROJECT, round.id);
    expect(after?.participants).toEqual([`${FORMER_USER}-1`, `${FORMER_USER}-2`]);
    expect(after?.votes).toEqual({ [`${FORMER_USER}-1`]: { '101:businessValue': 3 }, [`${FORMER_USER}-2`]: { '101:businessValue': 8 } });
    expect((await personal.accountsIn(PROJECT)).map((held) => held.accountId)).toEqual(['owner']);
    expect((await personal.erase(PROJECT, new Set(['ann']))).records).toBe(0);
  });
});
