/**
 * Team scoring rounds ("priority poker", async): a product owner asks invited team members for
 * values of some inputs of the project's scoring model on a set of issues; each gives values
 * without seeing the others' until they have voted; the owner sees the spread, may choose the
 * agreed value (the median by default) and applies it to the Jira fields. Plain data, validated
 * with these schemas whenever it is read back from storage (a value of another shape reads as none).
 *
 * Bounded so that a round always fits one stored value (well under Forge's 240 KiB): at most
 * MAX_ROUND_ISSUES issues × MAX_ROUND_INPUTS inputs × MAX_PARTICIPANTS people.
 */
import { z } from 'zod';

/** Issues of one round: a sprint's candidates, an epic's stories. */
export const MAX_ROUND_ISSUES = 50;
/** Inputs asked about in one round (business value, time criticality, risk reduction, …). */
export const MAX_ROUND_INPUTS = 4;
/** People invited to one round, the owner included when they vote. */
export const MAX_PARTICIPANTS = 12;
/** Rounds kept per project, open and closed: opening one more replaces the oldest. */
export const MAX_ROUNDS_PER_PROJECT = 20;
/** A round's name. */
export const MAX_ROUND_NAME = 80;
/** An issue's summary as the round keeps it. */
export const MAX_SUMMARY = 200;
/** The largest number a vote may be (the sidebar refuses larger inputs too). */
export const MAX_VOTE_NUMBER = 1e15;
/** Choices of a select input kept in a round. */
export const MAX_CHOICES = 50;

const ID = z.string().regex(/^[1-9][0-9]{0,17}$/);
const KEY = z.string().regex(/^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/);
const ACCOUNT_ID = z.string().regex(/^[A-Za-z0-9:_-]{1,128}$/);
const INPUT_KEY = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,99}$/);
const ISO_TIME = z.string().max(40);
/** A round's id: its slot in the project's storage (0–19) and a random part, so an old id never names a newer round. */
export const ROUND_ID = /^(1?[0-9])-[a-z0-9]{8,32}$/;

const choiceSchema = z.object({ name: z.string().min(1).max(255), value: z.number() });

export const roundInputSchema = z.discriminatedUnion('kind', [
  z.object({ key: INPUT_KEY, label: z.string().max(100), kind: z.literal('number') }),
  /** A select (or priority) input: one named option, its number as the model reads it. */
  z.object({ key: INPUT_KEY, label: z.string().max(100), kind: z.literal('choice'), choices: z.array(choiceSchema).min(1).max(MAX_CHOICES) }),
]);
/** An input of the model as the round asks for it (what a vote may be). */
export type RoundInput = z.infer<typeof roundInputSchema>;

export const roundIssueSchema = z.object({ id: ID, key: KEY, summary: z.string().max(MAX_SUMMARY + 1) });
export type RoundIssue = z.infer<typeof roundIssueSchema>;

/** A vote: a number, or a choice's name. */
export const voteValueSchema = z.union([z.number(), z.string().min(1).max(255)]);
export type VoteValue = z.infer<typeof voteValueSchema>;

/** Where a vote (or an agreed value) is: `<issueId>:<inputKey>`. */
export function cellKey(issueId: string, input: string): string {
  return `${issueId}:${input}`;
}

const CELL = z.string().regex(/^[1-9][0-9]{0,17}:[A-Za-z][A-Za-z0-9_-]{0,99}$/);

export const roundSchema = z.object({
  id: z.string().regex(ROUND_ID),
  projectId: ID,
  name: z.string().min(1).max(MAX_ROUND_NAME),
  owner: ACCOUNT_ID,
  openedAt: ISO_TIME,
  state: z.enum(['open', 'closed']),
  closedAt: ISO_TIME.nullable(),
  issues: z.array(roundIssueSchema).min(1).max(MAX_ROUND_ISSUES),
  inputs: z.array(roundInputSchema).min(1).max(MAX_ROUND_INPUTS),
  participants: z.array(ACCOUNT_ID).min(1).max(MAX_PARTICIPANTS),
  /** Who voted what: by participant, by cell. The record of the round ("why a priority moved"). */
  votes: z.record(ACCOUNT_ID, z.record(CELL, voteValueSchema)),
  /** Agreed values the owner chose instead of the median, by cell. */
  chosen: z.record(CELL, voteValueSchema),
  /** What was written to Jira, by cell: applying again writes only what differs. */
  applied: z.record(CELL, z.object({ value: voteValueSchema, at: ISO_TIME })),
});
export type Round = z.infer<typeof roundSchema>;
