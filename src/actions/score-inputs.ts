/**
 * The two actions that fill a score's inputs, split so that nothing is written without the user:
 *
 * - `propose-score-inputs` (GET) proposes values for what an issue's score lacks (or for every
 *   input it can set): for a number, the median of the project's scored open issues; for a named
 *   choice, the one they choose most; what the score would become. It writes nothing.
 * - `set-score-input` (UPDATE) writes one value the user confirmed, through the sidebar's own
 *   setIssueInput: the value checked against the input's kind, the user's Edit issues permission
 *   checked, the field written AS THE USER (Jira's rules and history apply), the issue scored again.
 *   Rovo treats an UPDATE action as a change (agents run by automation never call it) and the
 *   agent's prompt asks for the user's yes to the exact value first.
 */
import type { InputEditor } from '../contract';
import { customField, searchPages } from '../jira';
import type { JiraClient } from '../jira';
import type { CompiledScoring } from '../domain/scoring';
import { ResolverError } from '../resolvers/failures';
import { storedConfiguration } from '../resolvers/issue-context';
import { InputRefusal, fieldValueOf, setIssueInput } from '../services/issue-input';
import { editorOf, fieldNameOf, rawTextOf } from '../services/issue-score';
import type { JsonValue } from '../domain/scoring';
import { scoredJql } from '../services/queries';
import { QUOTED_TEXT_NOTE, actionOf, quotedText, refusal } from './action-answer';
import type { ActionAnswer } from './action-answer';
import { issueKeyOf, projectInScope, rovoContextOf, textInput } from './action-scope';
import { explainIssue, issueOf, problemsOf, userJira } from './issue-explanation';
import type { IssueExplanation } from './issue-explanation';
import { forgeRequestJira } from '../jira/forge-request';

/** How many of the project's scored issues a proposal looks at: one search page. */
export const PROPOSAL_SAMPLE = 100;

export const NOTHING_WRITTEN = 'Nothing has been written. Show each proposed value to the user; only after they confirm a value, call set-score-input with the issue key, the input and that value.';

interface Proposal {
  readonly input: string;
  readonly label: string;
  readonly field: string | null;
  readonly kind: InputEditor['kind'];
  readonly choices?: readonly string[];
  readonly current: string | null;
  readonly proposed: string | null;
  readonly basis: string;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** The project's scored open issues (one search as the user), with the fields the inputs read. */
async function scoredSample(jira: JiraClient, explanation: IssueExplanation, fieldIds: readonly string[]): Promise<readonly Readonly<Record<string, unknown>>[]> {
  const scoreField = explanation.read.site.appFields.score;
  const jqlField = scoreField === null ? undefined : customField(scoreField);
  if (jqlField === undefined || fieldIds.length === 0) return [];
  for await (const page of searchPages(jira, { jql: scoredJql(explanation.read.project.id, jqlField), fields: [...fieldIds], pageSize: PROPOSAL_SAMPLE })) {
    return page.issues.filter((issue) => issue.key !== explanation.read.issue.key).map((issue) => issue.fields);
  }
  return [];
}

function proposalOf(editor: InputEditor, sample: readonly Readonly<Record<string, unknown>>[], projectKey: string): { proposed: string | null; basis: string } {
  if (editor.kind === 'date') return { proposed: null, basis: 'A date: ask the user for the real deadline; none is proposed.' };
  if (editor.kind !== 'number' && editor.kind !== 'choice') return { proposed: null, basis: `Not set here: ${'reason' in editor ? editor.reason : 'set it in Jira'}.` };
  const values = sample.map((fields) => fields[editor.fieldId]);
  if (editor.kind === 'number') {
    const numbers = values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
    if (numbers.length === 0) return { proposed: null, basis: `No scored issue of ${projectKey} has this input yet: ask the team.` };
    return { proposed: String(Math.round(median(numbers) * 100) / 100), basis: `The median of ${String(numbers.length)} scored open issues of ${projectKey}.` };
  }
  const counts = new Map<string, number>();
  for (const value of values) {
    const text = rawTextOf((value ?? null) as JsonValue);
    if (text !== null && editor.choices.includes(text)) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || editor.choices.indexOf(a[0]) - editor.choices.indexOf(b[0]))[0];
  if (best === undefined) return { proposed: null, basis: `No scored issue of ${projectKey} has this input yet: ask the team.` };
  return { proposed: best[0], basis: `The most common choice among ${String([...counts.values()].reduce((sum, count) => sum + count, 0))} scored open issues of ${projectKey}.` };
}

/** The input a name means: its key, or its label in any case ("business value"). */
function inputNamed(scoring: CompiledScoring, name: string) {
  const wanted = name.trim().toLowerCase();
  return scoring.inputs.find((input) => input.key.toLowerCase() === wanted) ?? scoring.inputs.find((input) => input.label.toLowerCase() === wanted);
}

function unknownInput(name: string, scoring: CompiledScoring): ResolverError {
  return new ResolverError('bad-request', `The score has no input "${name.slice(0, 60)}". Its inputs are: ${scoring.inputs.map((input) => input.label).join(', ')}.`);
}

export async function proposeScoreInputs(payload: Readonly<Record<string, unknown>>): Promise<ActionAnswer> {
  const context = rovoContextOf(payload);
  const key = issueKeyOf(payload, 'issueKey', context);
  const jira = userJira();
  const scope = projectInScope(jira, payload, context);
  scope.catch(() => undefined);
  const explanation = await explainIssue(jira, key, scope);
  const { view, scoring, read } = explanation;
  if (scoring.config === null) return refusal(`The scoring configuration of ${read.project.key} is invalid: a project admin fixes it in Throughline's settings.`);
  const config = scoring.config;
  const named = textInput(payload, 'input');
  const lacking = new Set([...view.missing, ...view.invalid].map((problem) => problem.input));
  let targets = scoring.inputs.filter((input) => lacking.has(input.key));
  if (named !== undefined) {
    const input = inputNamed(scoring, named);
    if (input === undefined) throw unknownInput(named, scoring);
    targets = [input];
  } else if (targets.length === 0) {
    targets = [...scoring.inputs];
  }
  const fieldList = new Map(read.fields.map((field) => [field.id, field]));
  const editors = new Map(targets.map((input) => [input.key, editorOf(config, input.key, fieldList)]));
  const fieldIds = [...new Set([...editors.values()].flatMap((editor) => (editor.kind === 'number' || editor.kind === 'choice' ? [editor.fieldId] : [])))];
  const sample = await scoredSample(jira, explanation, fieldIds);
  const shown = new Map(view.breakdown.map((row) => [row.input, row.rawText]));
  const proposals: Proposal[] = targets.map((input) => {
    const editor = editors.get(input.key) ?? { kind: 'none', reason: 'not a field' };
    const { proposed, basis } = proposalOf(editor, sample, read.project.key);
    return {
      input: input.key,
      label: input.label,
      field: input.fieldId === null ? null : fieldNameOf(input.fieldId, fieldList, read.site),
      kind: editor.kind,
      ...(editor.kind === 'choice' ? { choices: editor.choices.slice(0, 20).map((choice) => quotedText(choice, 60) ?? '') } : {}),
      current: quotedText(shown.get(input.key) ?? null, 60),
      proposed,
      basis,
    };
  });
  // What the score would be with every proposed value, scored as the sidebar scores it.
  let fields = read.issue.fields;
  for (const proposal of proposals) {
    const editor = editors.get(proposal.input);
    if (proposal.proposed === null || editor === undefined || (editor.kind !== 'number' && editor.kind !== 'choice' && editor.kind !== 'date')) continue;
    fields = { ...fields, [editor.fieldId]: fieldValueOf(editor, proposal.label, proposal.proposed) };
  }
  const after = scoring.score(fields, { strategicWeight: explanation.strategicWeight, today: explanation.today });
  return {
    status: 'ok',
    issue: issueOf(view),
    project: read.project.key,
    model: view.model.name,
    scoreNow: view.score,
    lacking: problemsOf(view),
    proposals,
    scoreIfAccepted: after.status === 'scored' ? Math.round(after.score * 100) / 100 : null,
    written: false,
    nextStep: NOTHING_WRITTEN,
    note: QUOTED_TEXT_NOTE,
  };
}

export async function setScoreInput(payload: Readonly<Record<string, unknown>>): Promise<ActionAnswer> {
  const context = rovoContextOf(payload);
  const key = issueKeyOf(payload, 'issueKey', context);
  const named = textInput(payload, 'input');
  const value = textInput(payload, 'value');
  if (named === undefined) throw new ResolverError('bad-request', 'Say which input to set (such as Business value).');
  if (value === undefined) throw new ResolverError('bad-request', `Say the value to set ${named.slice(0, 60)} to; nothing was written.`);
  const jira = userJira();
  const scope = projectInScope(jira, payload, context);
  scope.catch(() => undefined);
  // The issue read as the user and checked to be in the conversation's project before anything is written.
  const { scoring } = await explainIssue(jira, key, scope);
  const input = inputNamed(scoring, named);
  if (input === undefined) throw unknownInput(named, scoring);
  try {
    const view = await setIssueInput(forgeRequestJira('user'), key, { input: input.key, value: value.slice(0, 200) }, { configuration: storedConfiguration() });
    return {
      status: 'ok',
      written: true,
      issue: issueOf(view),
      set: { input: input.label, value: quotedText(value, 60) },
      outcome: view.outcome,
      score: view.score,
      lacking: problemsOf(view),
      note: QUOTED_TEXT_NOTE,
    };
  } catch (error: unknown) {
    if (error instanceof InputRefusal) return refusal(`${error.message} Nothing was written.`);
    throw error;
  }
}

export const proposeScoreInputsAction = actionOf('the issue', proposeScoreInputs);
export const setScoreInputAction = actionOf('the issue', setScoreInput);
