/**
 * Score inputs beyond one value typed in: a multi-select, set in place to the options Jira's edit
 * screen offers the user (read as the user from editmeta, sent back by option id), and the counts
 * Jira keeps itself (votes, watchers, links), which the sidebar cannot set but can say where in
 * Jira the user changes them.
 */
import type { InputEditor, InputOption } from '../contract';
import { isRecord } from '../domain/jira-issue';
import type { FieldDetails } from '../jira';
import type { EditableField } from '../jira/edit-meta';
import { InputRefusal } from './input-refusal';

/** Where in Jira a user changes what Jira counts, said in place of an editor. */
export const COUNTED_BY_JIRA = {
  votes: 'Jira counts the votes: vote, or take your vote back, with the thumbs-up button at the top right of the issue.',
  watchers: 'Jira counts the watchers: watch or stop watching with the eye button at the top right of the issue, which also lists and adds watchers.',
  'linked-issues': "Jira counts the links: link an issue with the link button under the issue's summary, and remove one in its linked issues.",
} as const;

/** Jira's option ids are numbers written as text; anything else cannot be one of a field's options. */
const OPTION_ID = /^[1-9]\d{0,17}$/;
const MAX_OPTIONS = 100;

/** The multi-select field an input's source (`inputSourceOf`) reads, when it reads one: a select over a field Jira types as a list. */
export function multiSelectFieldOf(source: Readonly<Record<string, unknown>> | undefined, fields: ReadonlyMap<string, FieldDetails>): string | undefined {
  if (source?.kind !== 'select' || typeof source.fieldId !== 'string') return undefined;
  return fields.get(source.fieldId)?.schema?.type === 'array' ? source.fieldId : undefined;
}

/** The options an issue holds in a multi-select, as Jira sends them (`[{id, value}]`). */
export function heldOptionsOf(raw: unknown): InputOption[] {
  if (!Array.isArray(raw)) return [];
  return (raw as unknown[]).filter(isRecord).flatMap((option) => (typeof option.id === 'string' ? [{ id: option.id, value: typeof option.value === 'string' ? option.value : option.id }] : []));
}

/**
 * The editor of a multi-select input: the options the edit screen offers (a disabled option is
 * not offered), and those the issue holds. Without editmeta (Jira did not answer), or when the
 * field is not on the issue's edit screen for this user, it cannot be set here, and says why.
 */
export function optionsEditorOf(fieldId: string, editable: ReadonlyMap<string, EditableField> | undefined, held: unknown): InputEditor {
  if (editable === undefined) return { kind: 'none', reason: 'Jira did not list its options just now; reload to try again' };
  const field = editable.get(fieldId);
  if (field?.allowedValues === undefined) return { kind: 'none', reason: "it is not on this issue's edit screen in Jira, so only a Jira admin can make it editable" };
  const options = field.allowedValues.filter((option) => !option.disabled).map((option) => ({ id: option.id, value: option.name }));
  return { kind: 'options', fieldId, options, selected: heldOptionsOf(held) };
}

/** The option ids a payload asks for, checked for shape only (membership needs Jira's list): null and [] clear. */
export function optionIdsOf(label: string, value: unknown): string[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw new InputRefusal('bad-request', `${label} takes a list of options, not a single value.`);
  const ids = (value as unknown[]).map((id) => (typeof id === 'string' ? id.trim() : ''));
  if (ids.length > MAX_OPTIONS) throw new InputRefusal('bad-request', `${label} takes at most ${String(MAX_OPTIONS)} options.`);
  if (ids.some((id) => !OPTION_ID.test(id))) throw new InputRefusal('bad-request', `${label} was sent something that is not one of its options.`);
  return [...new Set(ids)];
}

/**
 * The option ids checked against what Jira's edit screen offers the user now: an option of
 * another field, or one deleted or disabled since the sidebar listed them, is refused in words.
 */
export function checkChosenOptions(label: string, fieldId: string, ids: readonly string[], editable: ReadonlyMap<string, EditableField>, issueKey: string): { readonly id: string }[] {
  const field = editable.get(fieldId);
  if (field?.allowedValues === undefined) throw new InputRefusal('bad-request', `${label} is not on the screen where ${issueKey} is edited in Jira, so it cannot be set here.`);
  const offered = new Set(field.allowedValues.filter((option) => !option.disabled).map((option) => option.id));
  const gone = ids.filter((id) => !offered.has(id));
  if (gone.length > 0) {
    const count = gone.length === 1 ? 'An option you chose is' : `${String(gone.length)} options you chose are`;
    throw new InputRefusal('bad-request', `${count} no longer one of ${field.name}'s options in Jira (removed or switched off since the list was shown), so ${label} was not changed. Choose again from the current options.`);
  }
  return ids.map((id) => ({ id }));
}
