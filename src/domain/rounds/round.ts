/**
 * What may be done to a round, and what each person sees of it. Pure: the resolvers check who the
 * caller is in Jira (browse permission, the owner's edit permission) and hand the verified account
 * id here; everything else is decided from the round itself.
 *
 * Who sees what (docs/architecture.md says it for users):
 * - a participant sees their own values, how many have voted on each issue and input, and the
 *   others' values and the spread of an issue and input only once they have voted on it themselves;
 * - the owner runs the discussion: they see every value and the spread as votes come in, and the
 *   agreed value (the median unless they chose another);
 * - once the round is closed, every participant sees everything.
 */
import { MAX_CHOICES, MAX_PARTICIPANTS, MAX_ROUND_INPUTS, MAX_ROUND_ISSUES, MAX_ROUND_NAME, MAX_SUMMARY, MAX_VOTE_NUMBER, ROUND_ID, cellKey } from './model';
import type { Round, RoundInput, RoundIssue, VoteValue } from './model';
import { numberOfVote, spreadOf } from './spread';
import type { Spread } from './spread';

export type RefusalCode = 'bad-request' | 'forbidden' | 'not-found';

/** A change to a round that is refused, in words a Jira user reads. */
export class RoundRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'RoundRefusal';
  }
}

export const NOT_INVITED_MESSAGE = 'You are not invited to this round, so your values were not recorded. Ask its owner to invite you.';
export const ROUND_CLOSED_MESSAGE = 'This round is closed: values can no longer be given or changed.';
export const OWNER_ONLY_MESSAGE = "Only the round's owner can do this.";

export interface NewRound {
  readonly id: string;
  readonly projectId: string;
  readonly name: string;
  readonly owner: string;
  readonly now: Date;
  readonly issues: readonly RoundIssue[];
  readonly inputs: readonly RoundInput[];
  readonly participants: readonly string[];
}

function bounded(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** A new, open round, or a refusal in words (no issue, too many, nobody invited, …). */
export function newRound(draft: NewRound): Round {
  if (!ROUND_ID.test(draft.id)) throw new RangeError(`"${draft.id}" is not a round id.`);
  const name = draft.name.trim().replace(/\s+/g, ' ');
  if (name === '') throw new RoundRefusal('bad-request', 'Give the round a name, such as "Sprint 12 candidates".');
  if (name.length > MAX_ROUND_NAME) throw new RoundRefusal('bad-request', `A round's name has at most ${String(MAX_ROUND_NAME)} characters.`);
  const issues = [...new Map(draft.issues.map((issue) => [issue.id, issue])).values()];
  if (issues.length === 0) throw new RoundRefusal('bad-request', 'Choose at least one issue of the project to score.');
  if (issues.length > MAX_ROUND_ISSUES) throw new RoundRefusal('bad-request', `A round scores at most ${String(MAX_ROUND_ISSUES)} issues; ${String(issues.length)} were chosen.`);
  const inputs = [...new Map(draft.inputs.map((input) => [input.key, input])).values()];
  if (inputs.length === 0) throw new RoundRefusal('bad-request', 'Choose at least one input of the score to ask about.');
  if (inputs.length > MAX_ROUND_INPUTS) throw new RoundRefusal('bad-request', `A round asks about at most ${String(MAX_ROUND_INPUTS)} inputs.`);
  const participants = [...new Set(draft.participants)];
  if (participants.length === 0) throw new RoundRefusal('bad-request', 'Invite at least one person to give values.');
  if (participants.length > MAX_PARTICIPANTS) throw new RoundRefusal('bad-request', `A round invites at most ${String(MAX_PARTICIPANTS)} people.`);
  return {
    id: draft.id,
    projectId: draft.projectId,
    name,
    owner: draft.owner,
    openedAt: draft.now.toISOString(),
    state: 'open',
    closedAt: null,
    issues: issues.map((issue) => ({ ...issue, summary: bounded(issue.summary, MAX_SUMMARY) })),
    inputs: inputs.map((input) => (input.kind === 'choice' ? { ...input, choices: input.choices.slice(0, MAX_CHOICES) } : input)),
    participants,
    votes: {},
    chosen: {},
    applied: {},
  };
}

function issueOf(round: Round, issueId: string): RoundIssue {
  const issue = round.issues.find((candidate) => candidate.id === issueId);
  if (issue === undefined) throw new RoundRefusal('not-found', 'That issue is not part of this round.');
  return issue;
}

function inputOf(round: Round, key: string): RoundInput {
  const input = round.inputs.find((candidate) => candidate.key === key);
  if (input === undefined) throw new RoundRefusal('not-found', 'This round does not ask about that input.');
  return input;
}

/** The value as the input takes it, or a refusal in words (text for a number, an option the input does not have). */
export function checkedValue(input: RoundInput, value: unknown): VoteValue {
  if (input.kind === 'number') {
    if (typeof value !== 'number') {
      const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : 'that';
      throw new RoundRefusal('bad-request', `${input.label} takes a number; ${shown} is not one.`);
    }
    if (!Number.isFinite(value) || Math.abs(value) > MAX_VOTE_NUMBER) throw new RoundRefusal('bad-request', `${input.label} must be a finite number of reasonable size.`);
    return value;
  }
  if (typeof value !== 'string' || numberOfVote(input, value) === undefined) {
    const names = input.choices.map((choice) => choice.name);
    throw new RoundRefusal('bad-request', `${input.label} must be one of: ${names.join(', ')}.`);
  }
  return value;
}

/** The round with the participant's value on one issue and input (null takes the value back). */
export function withVote(round: Round, voter: string, issueId: string, inputKey: string, value: unknown): Round {
  if (!round.participants.includes(voter)) throw new RoundRefusal('forbidden', NOT_INVITED_MESSAGE);
  if (round.state !== 'open') throw new RoundRefusal('bad-request', ROUND_CLOSED_MESSAGE);
  issueOf(round, issueId);
  const input = inputOf(round, inputKey);
  const cell = cellKey(issueId, inputKey);
  const mine = Object.fromEntries(Object.entries(round.votes[voter] ?? {}).filter(([key]) => key !== cell));
  if (value !== null) mine[cell] = checkedValue(input, value);
  return { ...round, votes: { ...round.votes, [voter]: mine } };
}

/** The round with the owner's agreed value on one issue and input (null: back to the median). */
export function withChosen(round: Round, actor: string, issueId: string, inputKey: string, value: unknown): Round {
  if (actor !== round.owner) throw new RoundRefusal('forbidden', OWNER_ONLY_MESSAGE);
  issueOf(round, issueId);
  const input = inputOf(round, inputKey);
  const cell = cellKey(issueId, inputKey);
  const chosen = Object.fromEntries(Object.entries(round.chosen).filter(([key]) => key !== cell));
  if (value !== null) chosen[cell] = checkedValue(input, value);
  return { ...round, chosen };
}

export function closedRound(round: Round, actor: string, now: Date): Round {
  if (actor !== round.owner) throw new RoundRefusal('forbidden', OWNER_ONLY_MESSAGE);
  if (round.state === 'closed') return round;
  return { ...round, state: 'closed', closedAt: now.toISOString() };
}

/** The votes on one cell, by voter (a vote the input no longer takes is left out of the spread, not lost). */
export function votesOn(round: Round, issueId: string, inputKey: string): Map<string, VoteValue> {
  const cell = cellKey(issueId, inputKey);
  const votes = new Map<string, VoteValue>();
  for (const voter of round.participants) {
    const value = round.votes[voter]?.[cell];
    if (value !== undefined) votes.set(voter, value);
  }
  return votes;
}

export interface Agreed {
  readonly value: VoteValue;
  /** 'median' of the votes, or 'chosen' by the owner. */
  readonly how: 'median' | 'chosen';
  /** How many votes it came from. */
  readonly votes: number;
}

export function agreedOf(round: Round, issueId: string, inputKey: string): Agreed | undefined {
  const input = inputOf(round, inputKey);
  const votes = votesOn(round, issueId, inputKey);
  const chosen = round.chosen[cellKey(issueId, inputKey)];
  if (chosen !== undefined) return { value: chosen, how: 'chosen', votes: votes.size };
  const spread = spreadOf(input, votes);
  return spread === undefined ? undefined : { value: spread.median, how: 'median', votes: spread.count };
}

export interface CellView {
  readonly issueId: string;
  readonly input: string;
  /** The viewer's own value; null when they have not given one. */
  readonly mine: VoteValue | null;
  /** How many have voted on it (always shown: it says what is still pending). */
  readonly count: number;
  /** Everyone's values, when the viewer may see them (see the module's comment); null while hidden. */
  readonly values: readonly { readonly by: string; readonly value: VoteValue; readonly outlier: boolean }[] | null;
  readonly spread: Omit<Spread, 'outliers'> | null;
  /** The agreed value, for the owner and once the round is closed; null otherwise or without votes. */
  readonly agreed: Agreed | null;
  readonly applied: { readonly value: VoteValue; readonly at: string } | null;
}

export interface RoundSight {
  readonly isOwner: boolean;
  readonly isParticipant: boolean;
  readonly cells: readonly CellView[];
  /** Cells the viewer, as a participant, has not voted on yet (open rounds only). */
  readonly pending: number;
}

/** The round as `viewer` may see it. */
export function roundSightOf(round: Round, viewer: string): RoundSight {
  const isOwner = viewer === round.owner;
  const isParticipant = round.participants.includes(viewer);
  const cells: CellView[] = [];
  let pending = 0;
  for (const issue of round.issues) {
    for (const input of round.inputs) {
      const cell = cellKey(issue.id, input.key);
      const votes = votesOn(round, issue.id, input.key);
      const mine = isParticipant ? (round.votes[viewer]?.[cell] ?? null) : null;
      if (isParticipant && mine === null && round.state === 'open') pending++;
      const visible = isOwner || round.state === 'closed' || mine !== null;
      const spread = visible ? spreadOf(input, votes) : undefined;
      const outliers = new Set(spread?.outliers ?? []);
      const applied = round.applied[cell];
      cells.push({
        issueId: issue.id,
        input: input.key,
        mine,
        count: votes.size,
        values: visible ? [...votes].map(([by, value]) => ({ by, value, outlier: outliers.has(by) })) : null,
        spread: spread === undefined ? null : { count: spread.count, min: spread.min, max: spread.max, median: spread.median },
        agreed: isOwner || round.state === 'closed' ? (agreedOf(round, issue.id, input.key) ?? null) : null,
        applied: applied === undefined ? null : { value: applied.value, at: applied.at },
      });
    }
  }
  return { isOwner, isParticipant, cells, pending };
}

export interface PlannedWrite {
  readonly issue: RoundIssue;
  readonly input: RoundInput;
  readonly agreed: Agreed;
}

export interface ApplyPlan {
  /** The agreed values not yet in Jira as the round wrote them. */
  readonly writes: readonly PlannedWrite[];
  /** Cells whose agreed value was already applied: nothing is written for them. */
  readonly alreadyApplied: number;
  /** Cells nobody voted on: nothing to apply. */
  readonly noVotes: number;
}

export function applyPlanOf(round: Round): ApplyPlan {
  const writes: PlannedWrite[] = [];
  let alreadyApplied = 0;
  let noVotes = 0;
  for (const issue of round.issues) {
    for (const input of round.inputs) {
      const agreed = agreedOf(round, issue.id, input.key);
      if (agreed === undefined) {
        noVotes++;
        continue;
      }
      const applied = round.applied[cellKey(issue.id, input.key)];
      if (applied !== undefined && applied.value === agreed.value) alreadyApplied++;
      else writes.push({ issue, input, agreed });
    }
  }
  return { writes, alreadyApplied, noVotes };
}

/** The round with what was written to Jira. */
export function withApplied(round: Round, written: readonly { readonly issueId: string; readonly input: string; readonly value: VoteValue }[], now: Date): Round {
  if (written.length === 0) return round;
  const applied = { ...round.applied };
  for (const write of written) applied[cellKey(write.issueId, write.input)] = { value: write.value, at: now.toISOString() };
  return { ...round, applied };
}

/** A participant's account id as the round keeps it, or undefined when it cannot be one. */
export function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9:_-]{1,128}$/.test(value);
}


