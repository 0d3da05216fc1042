/**
 * Setting one score input of an issue in place, from the sidebar: the value is checked against the
 * input's kind before anything is written (a letter in a number is refused here, not by Jira), the
 * user's EDIT_ISSUES permission on the issue is checked, and the field is written AS THE USER, so
 * Jira applies its own rules and the history names them. Then the issue is scored again from Jira.
 */
import type { InputEditor, IssueScoreView, SetIssueInputPayload } from '../contract';
import { compileScoring } from '../domain/scoring';
import { createJiraClient, editIssueFields, getMyPermissions, isJiraError } from '../jira';
import type { RequestJira } from '../jira';
import { defaultConfigurationSource, editorOf, readIssueForSidebar, scoreIssue } from './issue-score';
import type { ScoreIssueOptions } from './issue-score';

/** Why an input was not set, in words; `code` tells the resolver which answer it is. */
export class InputRefusal extends Error {
  constructor(
    readonly code: 'bad-request' | 'forbidden',
    message: string,
  ) {
    super(message);
    this.name = 'InputRefusal';
  }
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The JSON Jira's edit takes for this input, or a refusal in words. Pure. */
export function fieldValueOf(editor: InputEditor, label: string, value: string | number | null): unknown {
  if (editor.kind === 'none') throw new InputRefusal('bad-request', `${label} cannot be set here: ${editor.reason}.`);
  if (value === null || value === '') return null;
  switch (editor.kind) {
    case 'number': {
      const text = typeof value === 'number' ? String(value) : value.trim();
      if (typeof value === 'string' && !NUMBER_TEXT.test(text)) throw new InputRefusal('bad-request', `${label} must be a number; "${text.slice(0, 40)}" is not one.`);
      const number = Number(text);
      if (!Number.isFinite(number) || Math.abs(number) > 1e15) throw new InputRefusal('bad-request', `${label} must be a finite number of reasonable size.`);
      return number;
    }
    case 'date': {
      const match = typeof value === 'string' ? ISO_DATE.exec(value.trim()) : null;
      const date = match === null ? undefined : new Date(`${value as string}T00:00:00Z`);
      if (match === null || date === undefined || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== (value as string).trim()) {
        throw new InputRefusal('bad-request', `${label} must be a date (YYYY-MM-DD).`);
      }
      return (value as string).trim();
    }
    case 'choice': {
      const choice = typeof value === 'string' ? editor.choices.find((candidate) => candidate === value) : undefined;
      if (choice === undefined) throw new InputRefusal('bad-request', `${label} must be one of: ${editor.choices.join(', ')}.`);
      return editor.fieldId === 'priority' ? { name: choice } : { value: choice };
    }
  }
}

export async function setIssueInput(requestJira: RequestJira, issueIdOrKey: string, payload: SetIssueInputPayload, options: ScoreIssueOptions = {}): Promise<IssueScoreView> {
  const jira = createJiraClient(requestJira);
  const source = options.configuration ?? defaultConfigurationSource;
  const read = await readIssueForSidebar(jira, issueIdOrKey, source);
  const scoring = compileScoring(read.configuration.scoring);
  const input = scoring.inputs.find((candidate) => candidate.key === payload.input);
  if (input === undefined) throw new InputRefusal('bad-request', `The score has no input "${payload.input.slice(0, 60)}".`);
  const editor = editorOf(read.configuration.scoring, input.key, new Map(read.fields.map((field) => [field.id, field])));
  const value = fieldValueOf(editor, input.label, payload.value);
  if (editor.kind === 'none') throw new InputRefusal('bad-request', `${input.label} cannot be set here.`);
  const granted = await getMyPermissions(jira, ['EDIT_ISSUES'], { issueKey: read.issue.key });
  if (granted.EDIT_ISSUES !== true) throw new InputRefusal('forbidden', `You may not edit ${read.issue.key}, so ${input.label} was not changed.`);
  try {
    await editIssueFields(jira, read.issue.key, { [editor.fieldId]: value });
  } catch (error: unknown) {
    if (isJiraError(error) && (error.kind === 'bad-request' || error.kind === 'forbidden')) {
      throw new InputRefusal(error.kind, `Jira refused to set ${input.label}: ${error.message}`);
    }
    throw error;
  }
  return scoreIssue(requestJira, read.issue.key, { ...options, configuration: source });
}
