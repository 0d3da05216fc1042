/**
 * The emulator's own model: who calls, how issues and links are stored, and the helpers every
 * module shares. Kept apart from `state` so that the modules `state` uses can import it too.
 */
import type { ChangeItem } from './edit-issue';
import type { DatasetField } from './dataset-schema';

export type Caller = { kind: 'app' } | { kind: 'user'; accountId: string };

export const APP_CALLER: Caller = { kind: 'app' };

export interface StoredIssue {
  readonly id: string;
  readonly key: string;
  readonly keyNumber: number;
  readonly projectId: string;
  issueTypeId: string;
  statusId: string;
  parentId: string | undefined;
  sprintIds: number[];
  /** Every other field, normalised: references as `{id}` / `{accountId}`, values as Jira sends them. */
  fields: Record<string, unknown>;
  properties: Map<string, unknown>;
}

/** "from <type.outward> to", e.g. from blocks to; `from` is Jira's source (outward) issue. */
export interface StoredLink {
  readonly id: string;
  readonly typeId: string;
  readonly fromId: string;
  readonly toId: string;
}

export class IssueEditError extends Error {
  override readonly name = 'IssueEditError';
  constructor(readonly errors: Record<string, string>, readonly errorMessages: string[] = []) {
    super([...errorMessages, ...Object.entries(errors).map(([field, message]) => `${field}: ${message}`)].join('; '));
  }
}

export const APP_FIELD_PREFIX = 'ari:cloud:ecosystem::extension/';
export const SPRINT_FIELD_TYPE = 'com.pyxis.greenhopper.jira:gh-sprint';
export const RANK_FIELD_TYPE = 'com.pyxis.greenhopper.jira:gh-lexo-rank';
export const PROPERTY_MAX_BYTES = 32_768;

export function isAppField(field: DatasetField): boolean {
  return field.schema?.custom?.startsWith(APP_FIELD_PREFIX) ?? false;
}

export function appValueProblem(field: DatasetField, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  switch (field.schema?.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'Value must be a number.';
    case 'string':
      return typeof value === 'string' ? (value.length <= 255 ? undefined : 'Value is longer than 255 characters.') : 'Value must be a string.';
    case 'datetime':
    case 'date':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? undefined : 'Value must be a date.';
    default:
      return undefined;
  }
}

export function changeItem(field: DatasetField, from: unknown, to: unknown): ChangeItem {
  const text = (value: unknown): string | null => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return JSON.stringify(value);
  };
  return { field: field.name, fieldId: field.id, fieldtype: field.custom ? 'custom' : 'jira', from: text(from), fromString: text(from), to: text(to), toString: text(to) };
}

/** Jira's own timestamp format: `2024-05-01T09:30:00.000+0000`. */
export function formatJiraDate(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}
