/** Team scoring rounds (async "priority poker"): the round, its votes, the spread and the agreed values. Pure. */
export { MAX_CHOICES, MAX_PARTICIPANTS, MAX_ROUNDS_PER_PROJECT, MAX_ROUND_INPUTS, MAX_ROUND_ISSUES, MAX_ROUND_NAME, MAX_SUMMARY, MAX_VOTE_NUMBER, ROUND_ID, cellKey, roundInputSchema, roundIssueSchema, roundSchema, voteValueSchema } from './model';
export type { Round, RoundInput, RoundIssue, VoteValue } from './model';
export { medianOf, numberOfVote, outliersOf, spreadOf } from './spread';
export type { Spread } from './spread';
export { NOT_INVITED_MESSAGE, OWNER_ONLY_MESSAGE, ROUND_CLOSED_MESSAGE, RoundRefusal, agreedOf, applyPlanOf, checkedValue, closedRound, isAccountId, newRound, roundSightOf, votesOn, withApplied, withChosen, withVote } from './round';
export type { Agreed, ApplyPlan, CellView, NewRound, PlannedWrite, RefusalCode, RoundSight } from './round';
