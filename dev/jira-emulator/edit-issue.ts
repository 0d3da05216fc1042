/**
 * Field edits as `PUT /rest/api/3/issue/{key}` checks them: every field is checked first and nothing
 * changes unless all pass, with Jira's per-field error messages.
 */
import type { DatasetField } from './dataset-schema';
import { IssueEditError, isAppField, RANK_FIELD_TYPE, SPRINT_FIELD_TYPE } from './model';
import type { ChangeItem, IssueEditorState, StoredIssue } from './model';

type Converted = { ok: true; value: unknown; display: string | null } | { ok: false; error: string };

const EDITABLE_SYSTEM = new Set(['summary', 'description', 'labels', 'priority', 'duedate', 'assignee', 'parent', 'environment']);
const NOT_EDITABLE_CUSTOM = new Set([RANK_FIELD_TYPE, 'com.pyxis.greenhopper.jira:gh-epic-link', 'com.pyxis.greenhopper.jira:gh-epic-status']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function notSettable(fieldId: string): string {
  return `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAdfDoc(value: unknown): boolean {
  return isRecord(value) && value.type === 'doc' && value.version === 1 && Array.isArray(value.content);
}

function ok(value: unknown, display: string | null): Converted {
  return { ok: true, value, display };
}

function bad(error: string): Converted {
  return { ok: false, error };
}

/** Whether the edit screen offers the field at all (editmeta lists exactly these to a user who may edit). */
export function isEditable(field: DatasetField): boolean {
  if (!field.custom) return EDITABLE_SYSTEM.has(field.id);
  if (isAppField(field)) return false; // Forge app fields are read-only in the UI and REST edit; apps use /app/field.
  return !NOT_EDITABLE_CUSTOM.has(field.schema?.custom ?? '');
}

export function editIssueFields(state: IssueEditorState, issue: StoredIssue, edits: Record<string, unknown>): ChangeItem[] {
  const errors: Record<string, string> = {};
  const planned: { field: DatasetField; value: unknown; display: string | null }[] = [];
  for (const [idOrKey, value] of Object.entries(edits)) {
    const field = state.fieldsById.get(idOrKey) ?? state.fieldsByKey.get(idOrKey);
    if (field === undefined || !isEditable(field)) {
      errors[idOrKey] = notSettable(idOrKey);
      continue;
    }
    const converted = convert(state, issue, field, value);
    if (converted.ok) planned.push({ field, value: converted.value, display: converted.display });
    else errors[field.id] = converted.error;
  }
  if (Object.keys(errors).length > 0) throw new IssueEditError(errors);

  const items: ChangeItem[] = [];
  for (const { field, value, display } of planned) {
    const before = currentValue(state, issue, field);
    if (JSON.stringify(before.value) === JSON.stringify(value)) continue;
    if (field.id === 'parent') {
      issue.parentId = value === null ? undefined : (value as string);
      state.parentsChanged();
    }
    else if (field.id === state.sprintFieldId) issue.sprintIds = value as number[];
    else issue.fields[field.id] = value;
    const from = before.value === null || before.value === undefined ? null : JSON.stringify(before.value);
    items.push({
      // Jira names a parent change "IssueParentAssociation" (ids in from/to, keys in the strings).
      field: field.id === 'parent' ? 'IssueParentAssociation' : field.name,
      fieldId: field.id,
      fieldtype: field.custom ? 'custom' : 'jira',
      from: typeof before.value === 'string' ? before.value : from,
      fromString: before.display,
      to: value === null ? null : typeof value === 'string' ? value : JSON.stringify(value),
      toString: display,
    });
  }
  return items;
}

function currentValue(state: IssueEditorState, issue: StoredIssue, field: DatasetField): { value: unknown; display: string | null } {
  if (field.id === 'parent') {
    const parent = issue.parentId === undefined ? undefined : state.issueById(issue.parentId);
    return { value: issue.parentId ?? null, display: parent?.key ?? null };
  }
  if (field.id === state.sprintFieldId) {
    return { value: issue.sprintIds, display: issue.sprintIds.map((id) => state.sprints.get(id)?.name ?? String(id)).join(', ') || null };
  }
  const value = issue.fields[field.id] ?? null;
  return { value, display: typeof value === 'string' || typeof value === 'number' ? String(value) : value === null ? null : JSON.stringify(value) };
}

function convert(state: IssueEditorState, issue: StoredIssue, field: DatasetField, value: unknown): Converted {
  switch (field.id) {
    case 'summary':
      if (typeof value !== 'string' || value.trim() === '') return bad('You must specify a summary of the issue.');
      if (value.length > 255) return bad('Summary must be less than 255 characters.');
      return ok(value, value);
    case 'description':
    case 'environment':
      if (value === null || isAdfDoc(value)) return ok(value, null);
      return bad('Operation value must be an Atlassian Document (see the Atlassian Document Format)');
    case 'labels':
      return convertLabels(value);
    case 'priority': {
      if (!isRecord(value)) return bad('Specify the Priority (name or id) as an object');
      const priority = state.priorities.find((p) => p.id === value.id || p.name === value.name);
      return priority === undefined ? bad(`Priority ${JSON.stringify(value.id ?? value.name)} is not valid`) : ok({ id: priority.id }, priority.name);
    }
    case 'duedate':
      return dateValue(value, (text) => DATE.test(text));
    case 'assignee':
      return convertUser(state, value);
    case 'parent':
      return convertParent(state, issue, value);
    default:
      break;
  }
  if (field.id === state.sprintFieldId || field.schema?.custom === SPRINT_FIELD_TYPE) return convertSprint(state, issue, value);
  const schema = field.schema;
  switch (schema?.type) {
    case 'number':
      if (value === null) return ok(null, null);
      return typeof value === 'number' && Number.isFinite(value) ? ok(value, String(value)) : bad('Operation value must be a number');
    case 'string':
      if (value === null) return ok(null, null);
      if (schema.custom?.endsWith(':textarea')) return isAdfDoc(value) ? ok(value, null) : bad('Operation value must be an Atlassian Document (see the Atlassian Document Format)');
      if (typeof value !== 'string') return bad('Operation value must be a string');
      return value.length > 255 ? bad('The entered text is too long. It exceeds the allowed limit of 255 characters.') : ok(value, value);
    case 'option':
      return value === null ? ok(null, null) : convertOption(state, field, value);
    case 'date':
      return dateValue(value, (text) => DATE.test(text));
    case 'datetime':
      return dateValue(value, (text) => !Number.isNaN(Date.parse(text)));
    case 'user':
      return convertUser(state, value);
    case 'array':
      if (value === null) return ok(null, null);
      if (schema.items === 'option') {
        if (!Array.isArray(value)) return bad('Operation value must be an array of options');
        const converted = value.map((item) => convertOption(state, field, item));
        const failed = converted.find((c) => !c.ok);
        if (failed !== undefined) return failed;
        return ok(converted.map((c) => (c.ok ? c.value : null)), converted.map((c) => (c.ok ? c.display : '')).join(', '));
      }
      if (schema.items === 'string') return convertLabels(value);
      return bad(notSettable(field.id));
    default:
      return bad(notSettable(field.id));
  }
}

function dateValue(value: unknown, valid: (text: string) => boolean): Converted {
  if (value === null) return ok(null, null);
  if (typeof value === 'string' && valid(value)) return ok(value, value);
  return bad(`Error parsing date string: ${JSON.stringify(value)}`);
}

function convertLabels(value: unknown): Converted {
  if (value === null) return ok([], null);
  if (!Array.isArray(value) || value.some((label) => typeof label !== 'string')) return bad('Operation value must be an array of strings');
  const labels = value as string[];
  const spaced = labels.find((label) => /\s/.test(label) || label === '');
  if (spaced !== undefined) return bad(`The label '${spaced}' contains spaces which is invalid.`);
  return ok(labels, labels.join(' '));
}

function convertUser(state: IssueEditorState, value: unknown): Converted {
  if (value === null) return ok(null, null);
  if (!isRecord(value) || typeof value.accountId !== 'string') return bad("Specify the user's accountId");
  const user = state.users.get(value.accountId);
  return user === undefined ? bad(`User '${value.accountId}' cannot be assigned issues.`) : ok({ accountId: user.accountId }, user.displayName);
}

function convertOption(state: IssueEditorState, field: DatasetField, value: unknown): Converted {
  if (!isRecord(value)) return bad(`Specify a valid 'id' or 'name' for ${field.name}`);
  const options = state.fieldOptions[field.id] ?? [];
  const option = options.find((o) => (value.id !== undefined && o.id === value.id) || (value.value !== undefined && o.value === value.value));
  if (option !== undefined) return ok({ id: option.id }, option.value);
  // Jira's words, with the id or value as it was sent (an option of another field, or one removed since).
  const shown = (sent: unknown) => (typeof sent === 'string' || typeof sent === 'number' ? String(sent) : JSON.stringify(sent));
  return value.id !== undefined ? bad(`Option id '${shown(value.id)}' is not valid`) : bad(`Option value '${shown(value.value)}' is not valid`);
}

function convertParent(state: IssueEditorState, issue: StoredIssue, value: unknown): Converted {
  if (value === null) return ok(null, null);
  if (!isRecord(value) || (typeof value.key !== 'string' && typeof value.id !== 'string')) return bad("Specify the parent's key or id");
  const parent = state.findIssue(typeof value.key === 'string' ? value.key : (value.id as string));
  if (parent === undefined) return bad('Could not find issue by id or key.');
  const childLevel = state.issueTypes.get(issue.issueTypeId)?.hierarchyLevel ?? 0;
  const parentLevel = state.issueTypes.get(parent.issueTypeId)?.hierarchyLevel ?? 0;
  if (parent.id === issue.id || parentLevel !== childLevel + 1) return bad('Given parent work item does not belong to appropriate hierarchy.');
  return ok(parent.id, parent.key);
}

function convertSprint(state: IssueEditorState, issue: StoredIssue, value: unknown): Converted {
  const closed = issue.sprintIds.filter((id) => state.sprints.get(id)?.state === 'closed');
  if (value === null) return ok(closed, null);
  if (typeof value !== 'number' || !Number.isInteger(value)) return bad('Number value expected as the Sprint id.');
  const sprint = state.sprints.get(value);
  if (sprint === undefined) return bad(`Sprint with id ${value} does not exist.`);
  if (sprint.state === 'closed') return bad('Issue can be assigned only active or future sprints.');
  // Like Jira: the issue keeps its closed-sprint history and has at most one open sprint.
  return ok([...closed, sprint.id], sprint.name);
}
