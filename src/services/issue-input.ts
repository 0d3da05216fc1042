/**
 * Setting one score input of an issue in place, from the sidebar: the value is checked against the
 * input's kind before anything is written (a letter in a number is refused here, not by Jira), the
 * user's EDIT_ISSUES permission on the issue is checked, and the field is written AS THE USER, so
 * Jira applies its own rules and the history names them. A multi-select takes option ids, each
 * checked against the options Jira's edit screen offers the user. Then the issue is scored again.
 */
import type { InputEditor, IssueScoreView, SetIssueInputPayload } from '../contract';
import { compileScoring } from '../domain/scoring';
import { createJiraClient, editIssueFields, getMyPermissions, isJiraError } from '../jira';
import type { JiraClient, RequestJira } from '../jira';
import { getEditableFields } from '../jira/edit-meta';
import { checkChosenOptions, multiSelectFieldOf, optionIdsOf } from './input-editors';
import { InputRefusal } from './input-refusal';
import { defaultConfigurationSource, editorOf, inputSourceOf, readIssueForSidebar, scoreIssue } from './issue-score';
import type { IssueRead, ScoreIssueOptions } from './issue-score';

export { InputRefusal } from './input-refusal';

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The JSON Jira's edit takes for this input, or a refusal in words. Pure. */
export function fieldValueOf(editor: InputEditor, label: string, value: SetIssueInputPayload['value']): unknown {
  if (editor.kind === 'none') throw new InputRefusal('bad-request', `${label} cannot be set here: ${editor.reason}.`);
  if (editor.kind === 'in-jira') throw new InputRefusal('bad-request', `${label} cannot be set here. ${editor.how}`);
  if (value === null || value === '') return null;
  if ((typeof value !== 'string' && typeof value !== 'number') || editor.kind === 'options') throw new InputRefusal('bad-request', `${label} takes one value, not a list.`);
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

export interface SetIssueInputOptions extends ScoreIssueOptions {
  /**
   * Runs once the issue is read (as the user), before the input is looked up, the permission check
   * and the write; it throws to write nothing (the scoring grid checks the issue's project and that
   * nobody changed the value since the grid read it).
   */
  readonly beforeWrite?: (read: IssueRead) => void;
}

export async function setIssueInput(requestJira: RequestJira, issueIdOrKey: string, payload: SetIssueInputPayload, options: SetIssueInputOptions = {}): Promise<IssueScoreView> {
  const jira = createJiraClient(requestJira);
  const source = options.configuration ?? defaultConfigurationSource;
  const read = await readIssueForSidebar(jira, issueIdOrKey, source);
  options.beforeWrite?.(read);
  const scoring = compileScoring(read.configuration.scoring);
  const input = scoring.inputs.find((candidate) => candidate.key === payload.input);
  if (input === undefined) throw new InputRefusal('bad-request', `The score has no input "${payload.input.slice(0, 60)}".`);
  const fields = new Map(read.fields.map((field) => [field.id, field]));
  const multiSelect = multiSelectFieldOf(inputSourceOf(read.configuration.scoring, input.key), fields);
  let write: Record<string, unknown>;
  if (multiSelect === undefined) {
    const editor = editorOf(read.configuration.scoring, input.key, fields);
    write = await singleValueWrite(jira, read.issue.key, fieldValueOf(editor, input.label, payload.value), editor, input.label);
  } else {
    write = await optionsWrite(jira, read.issue.key, multiSelect, optionIdsOf(input.label, payload.value), input.label);
  }
  try {
    await editIssueFields(jira, read.issue.key, write);
  } catch (error: unknown) {
    if (isJiraError(error) && (error.kind === 'bad-request' || error.kind === 'forbidden')) {
      throw new InputRefusal(error.kind, `Jira refused to set ${input.label}: ${error.message}`);
    }
    throw error;
  }
  return scoreIssue(requestJira, read.issue.key, { ...options, configuration: source });
}

async function mayEdit(jira: JiraClient, issueKey: string, label: string): Promise<void> {
  const granted = await getMyPermissions(jira, ['EDIT_ISSUES'], { issueKey });
  if (granted.EDIT_ISSUES !== true) throw new InputRefusal('forbidden', `You may not edit ${issueKey}, so ${label} was not changed.`);
}

/** A number, a date or a choice, after the user's Edit issues permission is checked. */
async function singleValueWrite(jira: JiraClient, issueKey: string, value: unknown, editor: InputEditor, label: string): Promise<Record<string, unknown>> {
  if (editor.kind !== 'number' && editor.kind !== 'date' && editor.kind !== 'choice') throw new InputRefusal('bad-request', `${label} cannot be set here.`);
  await mayEdit(jira, issueKey, label);
  return { [editor.fieldId]: value };
}

/**
 * A multi-select's options by id, after the same permission check; the ids are checked against
 * what Jira's edit screen offers the user now (read as the user, in parallel), never trusted.
 */
async function optionsWrite(jira: JiraClient, issueKey: string, fieldId: string, ids: readonly string[], label: string): Promise<Record<string, unknown>> {
  const [, editable] = await Promise.all([mayEdit(jira, issueKey, label), getEditableFields(jira, issueKey)]);
  return { [fieldId]: checkChosenOptions(label, fieldId, ids, editable, issueKey) };
}
