/**
 * Team scoring rounds, for the project page's "Scoring rounds" tab. Thin: the project comes from
 * `context.extension.project` and the caller from Forge's context, never from the payload; every
 * call first checks Browse projects AS THE USER (project-page.ts's scope), so a participant who
 * lost access to the project loses access to its rounds at once, and a forged round id finds
 * nothing (it must match what the project's slot holds: src/storage/scoring-rounds.ts).
 *
 * Who may do what: opening a round takes Edit issues in the project (the product owner: whoever may
 * set the inputs anyway); giving values takes an invitation; choosing the agreed value, closing and
 * applying are the owner's, and applying writes as the owner through the sidebar's path, which
 * checks Edit issues on each issue again. Names of people are read as the app (settings-people.ts
 * says why), only after the caller's check.
 */
import { z } from 'zod';
import type { PeopleSearchView, RoundApplyView, ScoringRoundView, ScoringRoundsView } from '../contract';
import { MAX_PARTICIPANTS, MAX_ROUNDS_PER_PROJECT, MAX_ROUND_INPUTS, MAX_ROUND_ISSUES, NOT_INVITED_MESSAGE, OWNER_ONLY_MESSAGE, closedRound, withChosen, withVote } from '../domain/rounds';
import type { Round } from '../domain/rounds';
import { createJiraClient } from '../jira';
import { forgeRequestJira } from '../jira/forge-request';
import { MAX_PEOPLE_QUERY_CHARS, peopleDirectory } from '../services/people';
import type { PeopleDirectory } from '../services/people';
import { NO_EDIT_MESSAGE, RoundRefusal, applyRound, inputView, mayOpenRounds, openRound, roundInputsOf, roundViewOf, summaryViewOf } from '../services/scoring-rounds';
import { createScoreHistoryStore, createScoringRoundStore } from '../storage';
import { forgeKvs } from '../storage/forge-kvs';
import { resolverOf } from './envelope';
import { ResolverError } from './failures';
import { storedConfiguration, timeZoneOf } from './issue-context';
import { configurationFor, jiraFailure, scopeOf, siteOf } from './project-page';
import type { Scope } from './project-page';
import { searchPeopleFor } from './settings-people';

export const NO_ROUND_MESSAGE = "There is no such round in this project (it may have been replaced by newer rounds: a project keeps its last 20).";

const rounds = () => createScoringRoundStore(forgeKvs());
/** Jira as the app, for names only: created after the caller's Browse projects check. */
const appPeople = (): PeopleDirectory => peopleDirectory(createJiraClient(forgeRequestJira('app')));

const ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/;
const ACCOUNT_ID = /^[A-Za-z0-9:_-]{1,128}$/;
const roundId = z.string().min(1).max(60);
const value = z.union([z.number(), z.string().max(255), z.null()], { error: 'must be a number, an option of the input, or null' });

/** The round's refusals as they are; Jira's failures as the project page says them. */
function inWords(error: unknown, what: string): never {
  if (error instanceof RoundRefusal) throw new ResolverError(error.code, error.message);
  jiraFailure(error, what);
}

async function loaded(scope: Scope, id: string): Promise<Round> {
  const round = await rounds().load(scope.project.id, id);
  if (round === undefined) throw new ResolverError('not-found', NO_ROUND_MESSAGE);
  return round;
}

const noPayload = z.strictObject({});

export const listScoringRoundsResolver = resolverOf(noPayload, async (_payload, context): Promise<ScoringRoundsView> => {
  const scope = await scopeOf(context);
  try {
    const [all, canOpen, configuration] = await Promise.all([rounds().list(scope.project.id), mayOpenRounds(scope.jira, scope.project.id), siteOf().then((site) => configurationFor(scope.project.id, site))]);
    const described = await appPeople()
      .describe([...new Set(all.map((round) => round.owner))])
      .catch(() => ({ people: [], failure: null }));
    const names = new Map(described.people.map((person) => [person.accountId, person.displayName]));
    return {
      rounds: all.map((round) => summaryViewOf(round, scope.accountId, names.get(round.owner) ?? null)),
      kept: MAX_ROUNDS_PER_PROJECT,
      canOpen,
      inputs: roundInputsOf(configuration.scoring).map(inputView),
      limits: { issues: MAX_ROUND_ISSUES, inputs: MAX_ROUND_INPUTS, participants: MAX_PARTICIPANTS },
    };
  } catch (error: unknown) {
    inWords(error, 'the scoring rounds');
  }
});

const openPayload = z.strictObject({
  name: z.string().max(200),
  issues: z.union([
    z.strictObject({ keys: z.array(z.string().regex(ISSUE_KEY, { error: 'must be an issue key such as TL-12' })).min(1).max(MAX_ROUND_ISSUES) }),
    z.strictObject({ epicKey: z.string().regex(ISSUE_KEY, { error: 'must be an issue key such as TL-12' }) }),
    z.strictObject({ nextSprint: z.literal(true) }),
  ]),
  inputs: z.array(z.string().min(1).max(100)).min(1).max(MAX_ROUND_INPUTS),
  participants: z.array(z.string().regex(ACCOUNT_ID, { error: 'must be an account id' })).min(1).max(MAX_PARTICIPANTS),
});

export const openScoringRoundResolver = resolverOf(openPayload, async (payload, context): Promise<ScoringRoundView> => {
  const scope = await scopeOf(context);
  try {
    if (!(await mayOpenRounds(scope.jira, scope.project.id))) throw new ResolverError('forbidden', NO_EDIT_MESSAGE);
    const configuration = await configurationFor(scope.project.id, await siteOf());
    const kvs = forgeKvs();
    const round = await openRound(scope.jira, createScoringRoundStore(kvs), kvs, { projectId: scope.project.id, owner: scope.accountId, payload, offered: roundInputsOf(configuration.scoring), now: new Date() }, MAX_ROUND_ISSUES);
    return await roundViewOf(scope.jira, appPeople(), round, scope.accountId);
  } catch (error: unknown) {
    inWords(error, 'the issues of the round');
  }
});

const roundPayload = z.strictObject({ roundId });

export const getScoringRoundResolver = resolverOf(roundPayload, async (payload, context): Promise<ScoringRoundView> => {
  const scope = await scopeOf(context);
  try {
    return await roundViewOf(scope.jira, appPeople(), await loaded(scope, payload.roundId), scope.accountId);
  } catch (error: unknown) {
    inWords(error, 'the round');
  }
});

const votePayload = z.strictObject({ roundId, issueId: z.string().regex(/^[1-9][0-9]{0,17}$/, { error: 'must be an issue id' }), input: z.string().min(1).max(100), value });

/** A change to a stored round (refusals thrown by the domain inside `change` come out in words). */
async function changed(scope: Scope, id: string, change: (round: Round) => Round): Promise<ScoringRoundView> {
  const round = await rounds().update(scope.project.id, id, change);
  if (round === undefined) throw new ResolverError('not-found', NO_ROUND_MESSAGE);
  return roundViewOf(scope.jira, appPeople(), round, scope.accountId);
}

export const castRoundVoteResolver = resolverOf(votePayload, async (payload, context): Promise<ScoringRoundView> => {
  const scope = await scopeOf(context);
  try {
    return await changed(scope, payload.roundId, (round) => withVote(round, scope.accountId, payload.issueId, payload.input, payload.value));
  } catch (error: unknown) {
    inWords(error, 'the round');
  }
});

export const setRoundAgreedValueResolver = resolverOf(votePayload, async (payload, context): Promise<ScoringRoundView> => {
  const scope = await scopeOf(context);
  try {
    return await changed(scope, payload.roundId, (round) => withChosen(round, scope.accountId, payload.issueId, payload.input, payload.value));
  } catch (error: unknown) {
    inWords(error, 'the round');
  }
});

export const closeScoringRoundResolver = resolverOf(roundPayload, async (payload, context): Promise<ScoringRoundView> => {
  const scope = await scopeOf(context);
  try {
    return await changed(scope, payload.roundId, (round) => closedRound(round, scope.accountId, new Date()));
  } catch (error: unknown) {
    inWords(error, 'the round');
  }
});

export const applyScoringRoundResolver = resolverOf(roundPayload, async (payload, context): Promise<RoundApplyView> => {
  const scope = await scopeOf(context);
  try {
    const round = await loaded(scope, payload.roundId);
    if (round.owner !== scope.accountId) throw new ResolverError('forbidden', OWNER_ONLY_MESSAGE);
    const kvs = forgeKvs();
    return await applyRound(
      { jira: scope.jira, requestJira: forgeRequestJira('user'), store: createScoringRoundStore(kvs), history: createScoreHistoryStore(kvs), people: appPeople(), options: { timeZone: timeZoneOf(context), configuration: storedConfiguration() } },
      round,
      scope.accountId,
    );
  } catch (error: unknown) {
    inWords(error, 'the round');
  }
});

const peoplePayload = z.strictObject({ query: z.string().trim().min(1).max(MAX_PEOPLE_QUERY_CHARS) });

export const searchRoundPeopleResolver = resolverOf(peoplePayload, async (payload, context): Promise<PeopleSearchView> => {
  const scope = await scopeOf(context);
  let canOpen: boolean;
  try {
    canOpen = await mayOpenRounds(scope.jira, scope.project.id);
  } catch (error: unknown) {
    inWords(error, 'your permissions');
  }
  if (!canOpen) throw new ResolverError('forbidden', NO_EDIT_MESSAGE);
  return searchPeopleFor(appPeople(), payload.query);
});

export { NOT_INVITED_MESSAGE };
