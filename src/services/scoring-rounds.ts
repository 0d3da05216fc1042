/**
 * Team scoring rounds (async "priority poker"): opening a round on issues read as the owner, what
 * each person sees of it, and applying its agreed values to the Jira fields AS THE OWNER through the
 * sidebar's write path (issue-input.ts: the value checked against the input, the Edit issues
 * permission checked, Jira's refusal in words). The rules of the round itself are the domain's
 * (src/domain/rounds); the resolvers check Browse projects as the user before anything here runs.
 *
 * Applying is idempotent: the round records what it wrote, and an agreed value already written is
 * not written again. An issue moved to another project since the round opened is said to have
 * moved, and nothing is written to it (the other project's model and people are not this round's).
 * Before each write the round's cause is left in the issue's history, so the record of the change
 * says "Team round 'Sprint 12 candidates': median of 5 votes" (src/domain/history).
 */
import type { OpenScoringRoundPayload, RoundApplyResultView, RoundApplyView, RoundInputView, RoundIssueView, ScoringRoundSummaryView, ScoringRoundView } from '../contract';
import { applyPlanOf, newRound, roundSightOf, RoundRefusal, withApplied, MAX_CHOICES } from '../domain/rounds';
import type { Round, RoundInput, RoundIssue, VoteValue } from '../domain/rounds';
import type { ScoringConfig } from '../domain/scoring';
import { compileScoring } from '../domain/scoring';
import { isRecord } from '../domain/jira-issue';
import { bulkFetchIssues, collectIssues, getMyPermissions, isJiraError, listBoards, listSprints } from '../jira';
import type { JiraClient, Jql, RequestJira } from '../jira';
import { registerProject } from '../storage';
import type { KvsPort, ScoreHistoryStore, ScoringRoundStore } from '../storage';
import { InputRefusal } from './input-refusal';
import { childrenJql, projectSprintJql } from './queries';
import { nextSprintOf } from './project-page/sprint-readiness';
import { setIssueInput } from './issue-input';
import type { ScoreIssueOptions } from './issue-score';
import { inputSourceOf } from './issue-score';
import type { PeopleDirectory } from './people';

export { RoundRefusal };

export const NO_EDIT_MESSAGE = 'Only people who may edit issues in this project can open a scoring round. Ask a project admin for the Edit issues permission.';
/** Time after which an apply starts no new write (a Forge invocation has 25 s); what is left is said, and applying again continues. */
export const APPLY_BUDGET_MS = 15_000;

/** The inputs of the model a round can ask about: numbers, and selects or priorities (one named option). */
export function roundInputsOf(config: ScoringConfig): RoundInput[] {
  const inputs: RoundInput[] = [];
  for (const info of compileScoring(config).inputs) {
    const source = inputSourceOf(config, info.key);
    if (source === undefined) continue;
    if (source.kind === 'number') inputs.push({ key: info.key, label: info.label, kind: 'number' });
    if (source.kind === 'select' || source.kind === 'priority') {
      const table = source.kind === 'select' ? source.options : source.table;
      if (!isRecord(table)) continue;
      const choices = Object.entries(table)
        .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
        .map(([name, value]) => ({ name, value }))
        .sort((a, b) => a.value - b.value)
        .slice(0, MAX_CHOICES);
      if (choices.length > 0) inputs.push({ key: info.key, label: info.label, kind: 'choice', choices });
    }
  }
  return inputs;
}

export function inputView(input: RoundInput): RoundInputView {
  return input.kind === 'number' ? { key: input.key, label: input.label, kind: 'number' } : { key: input.key, label: input.label, kind: 'choice', choices: input.choices.map((choice) => ({ ...choice })) };
}

export async function mayOpenRounds(jira: JiraClient, projectId: string): Promise<boolean> {
  const granted = await getMyPermissions(jira, ['EDIT_ISSUES'], { projectId });
  return granted.EDIT_ISSUES === true;
}

/** An epic's children (or a sprint's issues) read to find the open ones (a round takes at most 50 of them). */
const MAX_SET_ISSUES = 500;

function isDone(fields: Readonly<Record<string, unknown>>): boolean {
  const status = fields.status;
  const category = isRecord(status) ? status.statusCategory : undefined;
  return isRecord(category) && category.key === 'done';
}

function summaryOf(fields: Readonly<Record<string, unknown>>): string {
  return typeof fields.summary === 'string' ? fields.summary : '';
}

function projectIdOf(fields: Readonly<Record<string, unknown>>): string | undefined {
  const project = fields.project;
  return isRecord(project) && typeof project.id === 'string' ? project.id : undefined;
}

/** The issues a round is opened on, read AS THE OWNER in the project in view; keys of other projects or hidden issues are refused by name. */
export async function roundIssuesOf(jira: JiraClient, projectId: string, chosen: OpenScoringRoundPayload['issues'], maxIssues: number): Promise<RoundIssue[]> {
  if ('keys' in chosen) {
    const keys = [...new Set(chosen.keys)];
    if (keys.length === 0) throw new RoundRefusal('bad-request', 'Choose at least one issue of the project to score.');
    if (keys.length > maxIssues) throw new RoundRefusal('bad-request', `A round scores at most ${String(maxIssues)} issues; ${String(keys.length)} were chosen.`);
    const { issues } = await bulkFetchIssues(jira, keys, { fields: ['summary', 'project'] });
    const here = issues.filter((issue) => projectIdOf(issue.fields) === projectId);
    const found = new Set(here.map((issue) => issue.key));
    const missing = keys.filter((key) => !found.has(key));
    if (missing.length > 0) {
      const named = missing.slice(0, 5).join(', ') + (missing.length > 5 ? ` and ${String(missing.length - 5)} more` : '');
      throw new RoundRefusal('not-found', `${named}: not ${missing.length === 1 ? 'an issue' : 'issues'} of this project that you can see. Nothing was opened.`);
    }
    const order = new Map(keys.map((key, i) => [key, i]));
    return here.sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0)).map((issue) => ({ id: issue.id, key: issue.key, summary: summaryOf(issue.fields) }));
  }
  if ('nextSprint' in chosen) return nextSprintIssuesOf(jira, projectId, maxIssues);
  const [epic] = (await bulkFetchIssues(jira, [chosen.epicKey], { fields: ['summary', 'project'] })).issues;
  if (epic === undefined || projectIdOf(epic.fields) !== projectId) throw new RoundRefusal('not-found', `${chosen.epicKey}: not an epic of this project that you can see. Nothing was opened.`);
  return openIssuesOf(jira, childrenJql(epic.key, projectId), epic.key, maxIssues);
}

/** The open issues of a set (an epic's children, a sprint's candidates), at most `maxIssues`; `name` says which set in a refusal. */
async function openIssuesOf(jira: JiraClient, jql: Jql, name: string, maxIssues: number): Promise<RoundIssue[]> {
  const all = await collectIssues(jira, { jql, fields: ['summary', 'status'], maxIssues: MAX_SET_ISSUES });
  const open = all.issues.filter((issue) => !isDone(issue.fields));
  if (open.length === 0) throw new RoundRefusal('bad-request', `${name} has no open issues to score.`);
  if (open.length > maxIssues) throw new RoundRefusal('bad-request', `${name} has more than ${String(maxIssues)} open issues: choose them by key instead.`);
  return open.map((issue) => ({ id: issue.id, key: issue.key, summary: summaryOf(issue.fields) }));
}

/** The sprint candidates: the open issues, in this project, of the next future sprint of the project's first Scrum board (as the project page's sprint readiness finds it). */
async function nextSprintIssuesOf(jira: JiraClient, projectId: string, maxIssues: number): Promise<RoundIssue[]> {
  const board = (await listBoards(jira, { projectKeyOrId: projectId })).find((candidate) => candidate.type === 'scrum');
  if (board === undefined) throw new RoundRefusal('bad-request', 'This project has no Scrum board, so it has no next sprint: choose the issues by key or by epic.');
  const next = nextSprintOf(await listSprints(jira, board.id, ['future']));
  if (next === undefined) throw new RoundRefusal('bad-request', `${board.name} has no future sprint yet: choose the issues by key or by epic.`);
  return openIssuesOf(jira, projectSprintJql(projectId, next.id), next.name, maxIssues);
}

export interface OpenDraft {
  readonly projectId: string;
  readonly owner: string;
  readonly payload: OpenScoringRoundPayload;
  readonly offered: readonly RoundInput[];
  readonly now: Date;
}

/** Opens the round (the caller checked the owner may: mayOpenRounds). */
export async function openRound(jira: JiraClient, store: ScoringRoundStore, kvs: KvsPort, draft: OpenDraft, maxIssues: number): Promise<Round> {
  const inputs = draft.payload.inputs.map((key) => {
    const input = draft.offered.find((candidate) => candidate.key === key);
    if (input === undefined) throw new RoundRefusal('bad-request', `The score has no input "${key.slice(0, 60)}" a round can ask about.`);
    return input;
  });
  const issues = await roundIssuesOf(jira, draft.projectId, draft.payload.issues, maxIssues);
  // Checked before storage is touched: a refused round leaves no trace.
  const make = (id: string): Round => newRound({ id, projectId: draft.projectId, name: draft.payload.name, owner: draft.owner, now: draft.now, issues, inputs, participants: draft.payload.participants });
  make('0-checkonly');
  // Account ids are about to be kept: the project is registered for the weekly personal data report first.
  await registerProject(kvs, draft.projectId);
  return (await store.open(draft.projectId, make)).round;
}

/** Where each issue of the round is now, read AS THE VIEWER: here, moved to another project, or gone (deleted or hidden). */
export async function whereaboutsOf(jira: JiraClient, round: Round): Promise<Map<string, { where: RoundIssueView['where']; keyNow: string | null }>> {
  const { issues } = await bulkFetchIssues(jira, round.issues.map((issue) => issue.id), { fields: ['project'] });
  const byId = new Map(issues.map((issue) => [issue.id, issue]));
  const where = new Map<string, { where: RoundIssueView['where']; keyNow: string | null }>();
  for (const issue of round.issues) {
    const now = byId.get(issue.id);
    if (now === undefined) where.set(issue.id, { where: 'gone', keyNow: null });
    else if (projectIdOf(now.fields) !== round.projectId) where.set(issue.id, { where: 'moved', keyNow: now.key });
    else where.set(issue.id, { where: 'here', keyNow: now.key === issue.key ? null : now.key });
  }
  return where;
}

/** The round as `viewer` may see it, with names (asked as the app: the caller checked the viewer browses the project). */
export async function roundViewOf(jira: JiraClient, people: PeopleDirectory, round: Round, viewer: string): Promise<ScoringRoundView> {
  const sight = roundSightOf(round, viewer);
  const [where, described] = await Promise.all([whereaboutsOf(jira, round), people.describe([round.owner, ...round.participants]).catch(() => ({ people: [], failure: null }))]);
  const names = new Map(described.people.map((person) => [person.accountId, person.displayName]));
  return {
    id: round.id,
    name: round.name,
    state: round.state,
    openedAt: round.openedAt,
    closedAt: round.closedAt,
    owner: { accountId: round.owner, name: names.get(round.owner) ?? null },
    isOwner: sight.isOwner,
    isParticipant: sight.isParticipant,
    issues: round.issues.map((issue) => ({ ...issue, ...(where.get(issue.id) ?? { where: 'gone' as const, keyNow: null }) })),
    inputs: round.inputs.map(inputView),
    participants: round.participants.map((accountId) => ({ accountId, name: names.get(accountId) ?? null, voted: Object.keys(round.votes[accountId] ?? {}).length })),
    cells: sight.cells.map((cell) => ({ ...cell, values: cell.values === null ? null : cell.values.map((value) => ({ ...value })), spread: cell.spread === null ? null : { ...cell.spread }, agreed: cell.agreed === null ? null : { ...cell.agreed }, applied: cell.applied })),
    pending: sight.pending,
  };
}

export function summaryViewOf(round: Round, viewer: string, ownerName: string | null): ScoringRoundSummaryView {
  const sight = roundSightOf(round, viewer);
  return { id: round.id, name: round.name, state: round.state, openedAt: round.openedAt, ownerName, issues: round.issues.length, isOwner: sight.isOwner, isParticipant: sight.isParticipant, pending: sight.pending };
}

/** The text Jira will hold for the value, as the history reads an input (rawTextOf): a number as JavaScript writes it, an option by name. */
function textOf(value: VoteValue): string {
  return typeof value === 'number' ? String(value) : value;
}

export interface ApplyDeps {
  readonly jira: JiraClient;
  readonly requestJira: RequestJira;
  readonly store: ScoringRoundStore;
  readonly history: ScoreHistoryStore;
  readonly people: PeopleDirectory;
  readonly options: ScoreIssueOptions;
  readonly clock?: () => number;
}

/** Writes the round's agreed values not yet applied, AS THE OWNER (the caller checked the caller is the owner). */
export async function applyRound(deps: ApplyDeps, round: Round, owner: string): Promise<RoundApplyView> {
  const clock = deps.clock ?? Date.now;
  const started = clock();
  const plan = applyPlanOf(round);
  const where = plan.writes.length === 0 ? new Map<string, { where: RoundIssueView['where']; keyNow: string | null }>() : await whereaboutsOf(deps.jira, round);
  const results: RoundApplyResultView[] = [];
  const written: { issueId: string; input: string; value: VoteValue }[] = [];
  for (const write of plan.writes) {
    const base = { issueKey: write.issue.key, input: write.input.key, label: write.input.label, value: write.agreed.value };
    const place = where.get(write.issue.id);
    if (place?.where === 'moved') {
      results.push({ ...base, outcome: 'moved', message: `${write.issue.key} moved to another project${place.keyNow === null ? '' : ` (now ${place.keyNow})`}: the round does not apply to it.` });
      continue;
    }
    if (place?.where !== 'here') {
      results.push({ ...base, outcome: 'refused', message: `${write.issue.key} no longer exists, or you can no longer see it: nothing was written.` });
      continue;
    }
    if (clock() - started > APPLY_BUDGET_MS) {
      results.push({ ...base, outcome: 'later', message: 'Not written yet: apply again to continue.' });
      continue;
    }
    try {
      await deps.history.attribute(write.issue.id, {
        input: write.input.key,
        text: textOf(write.agreed.value),
        at: new Date(clock()).toISOString(),
        cause: { kind: 'round', name: round.name.slice(0, 120), label: write.input.label.slice(0, 120), how: write.agreed.how, votes: write.agreed.votes },
      });
      await setIssueInput(deps.requestJira, write.issue.id, { input: write.input.key, value: write.agreed.value }, deps.options);
      written.push({ issueId: write.issue.id, input: write.input.key, value: write.agreed.value });
      results.push({ ...base, outcome: 'written', message: `${write.input.label} of ${write.issue.key} set to ${textOf(write.agreed.value)}.` });
    } catch (error: unknown) {
      if (error instanceof InputRefusal) results.push({ ...base, outcome: 'refused', message: error.message });
      else if (isJiraError(error) && error.kind !== 'rate-limited' && error.kind !== 'unauthorized') results.push({ ...base, outcome: 'refused', message: `Jira refused to set ${write.input.label} of ${write.issue.key}: ${error.message}` });
      else throw error;
    }
  }
  const now = new Date(clock());
  const stored = (await deps.store.update(round.projectId, round.id, (current) => withApplied(current, written, now))) ?? round;
  const refused = results.filter((result) => result.outcome !== 'written').length;
  let summary: string;
  if (plan.writes.length === 0) summary = plan.alreadyApplied > 0 ? `Already applied: nothing was written (the ${String(plan.alreadyApplied)} agreed values are the ones the round wrote).` : 'Nothing to apply yet: no values were given.';
  else summary = `Wrote ${String(written.length)} of ${String(plan.writes.length)} agreed values${refused > 0 ? `; ${String(refused)} not written (see each issue)` : ''}${plan.alreadyApplied > 0 ? `; ${String(plan.alreadyApplied)} were already applied` : ''}.`;
  return { round: await roundViewOf(deps.jira, deps.people, stored, owner), results, written: written.length, alreadyApplied: plan.alreadyApplied, summary };
}
