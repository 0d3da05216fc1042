/**
 * Team scoring rounds, pure: the median and spread of the votes (numbers and choices), outliers,
 * who sees what (a participant sees the others' values of an issue and input only once they voted on
 * it; the owner as votes come in; everyone once closed), the bounds, values of the wrong type, and
 * the apply plan (what was applied is not planned again).
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_PARTICIPANTS,
  MAX_ROUND_INPUTS,
  MAX_ROUND_ISSUES,
  NOT_INVITED_MESSAGE,
  ROUND_CLOSED_MESSAGE,
  RoundRefusal,
  agreedOf,
  applyPlanOf,
  closedRound,
  medianOf,
  newRound,
  outliersOf,
  roundSchema,
  roundSightOf,
  spreadOf,
  withApplied,
  withChosen,
  withVote,
} from '../../../src/domain/rounds';
import type { Round, RoundInput } from '../../../src/domain/rounds';

const OWNER = 'owner-1';
const ANN = 'ann-2';
const BOB = 'bob-3';
const CAT = 'cat-4';
const BV: RoundInput = { key: 'businessValue', label: 'Business value', kind: 'number' };
const RISK: RoundInput = { key: 'riskReduction', label: 'Risk reduction', kind: 'choice', choices: [{ name: 'None', value: 0 }, { name: 'Low', value: 1 }, { name: 'Medium', value: 3 }, { name: 'High', value: 8 }] };

function round(overrides: Partial<Parameters<typeof newRound>[0]> = {}): Round {
  return newRound({
    id: '3-abcdefgh12',
    projectId: '10000',
    name: '  Sprint 12   candidates ',
    owner: OWNER,
    now: new Date('2026-03-10T10:00:00Z'),
    issues: [
      { id: '101', key: 'TL-1', summary: 'One' },
      { id: '102', key: 'TL-2', summary: 'Two' },
    ],
    inputs: [BV, RISK],
    participants: [ANN, BOB, CAT],
    ...overrides,
  });
}

function refusal(run: () => unknown): RoundRefusal {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof RoundRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the median and the spread', () => {
  it('takes the middle number, or halfway between the two middle ones', () => {
    expect(medianOf([8, 1, 3])).toBe(3);
    expect(medianOf([5, 8, 1, 3])).toBe(4);
    expect(medianOf([13])).toBe(13);
    expect(() => medianOf([])).toThrow(RangeError);
  });

  it('marks the votes far from the median (more than twice the median absolute deviation) as outliers', () => {
    expect(outliersOf([{ by: 'a', number: 3 }, { by: 'b', number: 3 }, { by: 'c', number: 3 }, { by: 'd', number: 13 }])).toEqual(['d']);
    expect(outliersOf([{ by: 'a', number: 1 }, { by: 'b', number: 2 }, { by: 'c', number: 3 }, { by: 'd', number: 5 }, { by: 'e', number: 8 }])).toEqual(['e']);
    expect(outliersOf([{ by: 'a', number: 3 }, { by: 'b', number: 5 }, { by: 'c', number: 8 }])).toEqual([]);
    // Two votes: neither stands out from the other.
    expect(outliersOf([{ by: 'a', number: 1 }, { by: 'b', number: 100 }])).toEqual([]);
  });

  it('says lowest, highest and median of numbers', () => {
    const spread = spreadOf(BV, new Map<string, number | string>([[ANN, 8], [BOB, 3], [CAT, 21]]));
    // Deviations 5, 0, 13: MAD 5, and 21 is 13 away (more than 10): the one to talk about.
    expect(spread).toEqual({ count: 3, min: 3, max: 21, median: 8, outliers: [CAT] });
  });

  it('compares choices by the number the model reads for them, and answers an option as their median', () => {
    const spread = spreadOf(RISK, new Map<string, number | string>([[ANN, 'Low'], [BOB, 'High'], [CAT, 'Medium'], ['dan', 'Low']]));
    // Numbers 1, 1, 3, 8: median 2, nearest option Low (1) and Medium (3) as near: the higher.
    expect(spread).toMatchObject({ count: 4, min: 'Low', max: 'High', median: 'Medium' });
  });

  it('leaves out a vote the input no longer takes (an option removed), and answers nothing without votes', () => {
    expect(spreadOf(RISK, new Map<string, number | string>([[ANN, 'Gone'], [BOB, 'High']]))).toMatchObject({ count: 1, median: 'High' });
    expect(spreadOf(BV, new Map())).toBeUndefined();
  });
});

describe('opening a round', () => {
  it('keeps the name tidy, the issues, inputs and people once each, and starts open and empty', () => {
    const opened = round({ participants: [ANN, ANN, BOB], issues: [{ id: '101', key: 'TL-1', summary: 'One' }, { id: '101', key: 'TL-1', summary: 'One' }] });
    expect(opened).toMatchObject({ name: 'Sprint 12 candidates', state: 'open', closedAt: null, participants: [ANN, BOB], votes: {}, chosen: {}, applied: {} });
    expect(opened.issues).toHaveLength(1);
    expect(roundSchema.safeParse(opened).success).toBe(true);
  });

  it('is bounded: issues, inputs, people, a name', () => {
    const many = Array.from({ length: MAX_ROUND_ISSUES + 1 }, (_, i) => ({ id: String(200 + i), key: `TL-${String(200 + i)}`, summary: 'x' }));
    expect(refusal(() => round({ issues: many })).message).toBe(`A round scores at most ${String(MAX_ROUND_ISSUES)} issues; ${String(MAX_ROUND_ISSUES + 1)} were chosen.`);
    const inputs = Array.from({ length: MAX_ROUND_INPUTS + 1 }, (_, i): RoundInput => ({ key: `input${String(i)}`, label: `Input ${String(i)}`, kind: 'number' }));
    expect(refusal(() => round({ inputs })).message).toMatch(/at most 4 inputs/);
    const people = Array.from({ length: MAX_PARTICIPANTS + 1 }, (_, i) => `person-${String(i)}`);
    expect(refusal(() => round({ participants: people })).message).toMatch(/at most 12 people/);
    expect(refusal(() => round({ issues: [] })).message).toMatch(/at least one issue/);
    expect(refusal(() => round({ participants: [] })).message).toMatch(/Invite at least one person/);
    expect(refusal(() => round({ name: '   ' })).message).toMatch(/Give the round a name/);
    expect(refusal(() => round({ name: 'x'.repeat(81) })).message).toMatch(/at most 80 characters/);
  });

  it('stays within one stored value at its largest', () => {
    const issues = Array.from({ length: MAX_ROUND_ISSUES }, (_, i) => ({ id: String(100_000 + i), key: `TLONGKEY-${String(100_000 + i)}`, summary: 's'.repeat(200) }));
    const inputs = Array.from({ length: MAX_ROUND_INPUTS }, (_, i): RoundInput => ({ key: `input${String(i)}`, label: 'An input label', kind: 'number' }));
    const people = Array.from({ length: MAX_PARTICIPANTS }, (_, i) => `557058:0000000-0000-0000-0000-00000000000${String(i)}`);
    let full = round({ issues, inputs, participants: people });
    for (const person of people) for (const issue of issues) for (const input of inputs) full = withVote(full, person, issue.id, input.key, 123456.789);
    expect(new TextEncoder().encode(JSON.stringify(full)).length).toBeLessThan(240 * 1024);
  });
});

describe('giving values', () => {
  it('refuses a vote from someone not invited, and the owner who did not invite themselves', () => {
    expect(refusal(() => withVote(round(), 'stranger', '101', 'businessValue', 5))).toMatchObject({ code: 'forbidden', message: NOT_INVITED_MESSAGE });
    expect(refusal(() => withVote(round(), OWNER, '101', 'businessValue', 5)).code).toBe('forbidden');
  });

  it('refuses values of the wrong type, in words', () => {
    expect(refusal(() => withVote(round(), ANN, '101', 'businessValue', 'eight')).message).toBe('Business value takes a number; "eight" is not one.');
    expect(refusal(() => withVote(round(), ANN, '101', 'businessValue', Number.POSITIVE_INFINITY)).message).toMatch(/finite number/);
    expect(refusal(() => withVote(round(), ANN, '101', 'riskReduction', 3)).message).toBe('Risk reduction must be one of: None, Low, Medium, High.');
    expect(refusal(() => withVote(round(), ANN, '101', 'riskReduction', 'Huge')).message).toMatch(/must be one of/);
  });

  it('refuses an issue or an input the round does not have, and a closed round', () => {
    expect(refusal(() => withVote(round(), ANN, '999', 'businessValue', 5)).code).toBe('not-found');
    expect(refusal(() => withVote(round(), ANN, '101', 'jobSize', 5)).code).toBe('not-found');
    const closed = closedRound(round(), OWNER, new Date());
    expect(refusal(() => withVote(closed, ANN, '101', 'businessValue', 5)).message).toBe(ROUND_CLOSED_MESSAGE);
  });

  it('changes and takes back a value, and records who voted what', () => {
    let r = withVote(round(), ANN, '101', 'businessValue', 5);
    r = withVote(r, ANN, '101', 'businessValue', 8);
    r = withVote(r, ANN, '102', 'riskReduction', 'High');
    expect(r.votes[ANN]).toEqual({ '101:businessValue': 8, '102:riskReduction': 'High' });
    r = withVote(r, ANN, '102', 'riskReduction', null);
    expect(r.votes[ANN]).toEqual({ '101:businessValue': 8 });
  });
});

describe('who sees what', () => {
  const voted = (): Round => {
    let r = withVote(round(), ANN, '101', 'businessValue', 3);
    r = withVote(r, BOB, '101', 'businessValue', 3);
    r = withVote(r, CAT, '101', 'businessValue', 13);
    return r;
  };

  it('hides the others’ values of an issue and input from a participant until they have voted on it', () => {
    const r = withVote(round(), ANN, '101', 'businessValue', 5);
    const bob = roundSightOf(r, BOB).cells.find((cell) => cell.issueId === '101' && cell.input === 'businessValue');
    expect(bob).toMatchObject({ mine: null, count: 1, values: null, spread: null, agreed: null });
    expect(roundSightOf(r, BOB).pending).toBe(4);
    const after = withVote(r, BOB, '101', 'businessValue', 8);
    const seen = roundSightOf(after, BOB).cells.find((cell) => cell.issueId === '101' && cell.input === 'businessValue');
    expect(seen?.values).toEqual([
      { by: ANN, value: 5, outlier: false },
      { by: BOB, value: 8, outlier: false },
    ]);
    // Only that issue and input: the others stay hidden.
    expect(roundSightOf(after, BOB).cells.find((cell) => cell.issueId === '102' && cell.input === 'businessValue')?.values).toBeNull();
    // A participant sees no agreed value while the round is open.
    expect(seen?.agreed).toBeNull();
  });

  it('shows the owner the spread with outliers marked, and the median as the agreed value, as votes come in', () => {
    const cell = roundSightOf(voted(), OWNER).cells.find((candidate) => candidate.issueId === '101' && candidate.input === 'businessValue');
    expect(cell?.spread).toEqual({ count: 3, min: 3, max: 13, median: 3 });
    expect(cell?.values?.filter((value) => value.outlier).map((value) => value.by)).toEqual([CAT]);
    expect(cell?.agreed).toEqual({ value: 3, how: 'median', votes: 3 });
    expect(roundSightOf(voted(), OWNER)).toMatchObject({ isOwner: true, isParticipant: false, pending: 0 });
  });

  it('shows everyone everything once the round is closed', () => {
    const closed = closedRound(voted(), OWNER, new Date('2026-03-11T00:00:00Z'));
    expect(closed.closedAt).toBe('2026-03-11T00:00:00.000Z');
    const ann = roundSightOf(closed, ANN).cells.find((cell) => cell.issueId === '101' && cell.input === 'businessValue');
    expect(ann?.values).toHaveLength(3);
    expect(ann?.agreed?.value).toBe(3);
    expect(roundSightOf(closed, ANN).pending).toBe(0);
  });

  it('lets only the owner choose the agreed value, close, and go back to the median', () => {
    expect(refusal(() => withChosen(voted(), ANN, '101', 'businessValue', 5)).code).toBe('forbidden');
    expect(refusal(() => closedRound(voted(), ANN, new Date())).code).toBe('forbidden');
    const chosen = withChosen(voted(), OWNER, '101', 'businessValue', 5);
    expect(agreedOf(chosen, '101', 'businessValue')).toEqual({ value: 5, how: 'chosen', votes: 3 });
    expect(refusal(() => withChosen(voted(), OWNER, '101', 'businessValue', 'five')).code).toBe('bad-request');
    expect(agreedOf(withChosen(chosen, OWNER, '101', 'businessValue', null), '101', 'businessValue')).toEqual({ value: 3, how: 'median', votes: 3 });
  });
});

describe('the apply plan', () => {
  it('plans the agreed values with votes, and nothing again once applied', () => {
    let r = withVote(round(), ANN, '101', 'businessValue', 3);
    r = withVote(r, BOB, '101', 'businessValue', 5);
    r = withVote(r, ANN, '102', 'riskReduction', 'High');
    const plan = applyPlanOf(r);
    expect(plan.writes.map((write) => [write.issue.key, write.input.key, write.agreed.value])).toEqual([
      ['TL-1', 'businessValue', 4],
      ['TL-2', 'riskReduction', 'High'],
    ]);
    expect(plan.noVotes).toBe(2);
    const applied = withApplied(r, plan.writes.map((write) => ({ issueId: write.issue.id, input: write.input.key, value: write.agreed.value })), new Date());
    expect(applyPlanOf(applied)).toMatchObject({ writes: [], alreadyApplied: 2 });
    // A later vote that changes the median is planned again.
    const moved = withVote(applied, CAT, '101', 'businessValue', 13);
    expect(applyPlanOf(moved).writes.map((write) => write.agreed.value)).toEqual([5]);
  });
});
