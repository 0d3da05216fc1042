/**
 * Whether a score input has a Jira field to read, in a user's words. The default configuration of
 * a project nobody configured leaves an input without a field when the site has none for it (risk
 * reduction has no standard field): such an input is "not set up yet", and a project admin sets it
 * up in Throughline's settings. Nobody is shown the placeholder id it carries, nor any field id.
 */
import { DEFAULT_FIELD_IDS } from '../domain/scoring';
import type { FieldDetails } from '../jira';

export const NOT_SET_UP = 'not set up yet';
export const NOT_SET_UP_REASON = "not set up yet: a project admin chooses its Jira field in the project's Throughline settings";
export const FIELD_REMOVED_REASON = "its Jira field was deleted; a project admin chooses another in the project's Throughline settings";

/** A real Jira field id: a system field ("priority", "duedate") or a numbered custom field. */
const REAL_FIELD_ID = /^(customfield_\d{1,18}|[a-z][a-zA-Z]*)$/;

/** An input mapped to no field: the default's placeholder, or an id no Jira field can have. */
export function isUnmappedField(fieldId: string): boolean {
  return fieldId === DEFAULT_FIELD_IDS.riskReduction || !REAL_FIELD_ID.test(fieldId);
}

/**
 * How the input stands: set up, not set up yet, or its field deleted. A placeholder is not set up
 * unless the site has a field with that id; without the site's field list, the issue tells:
 * `absentFromIssue` (Jira sent no such field with an issue read with all its fields).
 */
export function inputSetupOf(fieldId: string | null, fields: ReadonlyMap<string, FieldDetails>, absentFromIssue = true): 'set-up' | 'not-set-up' | 'field-removed' {
  if (fieldId === null || fields.has(fieldId)) return 'set-up';
  if (isUnmappedField(fieldId)) return fields.size > 0 || absentFromIssue ? 'not-set-up' : 'set-up';
  return fields.size > 0 ? 'field-removed' : 'set-up';
}

/** A field's name where it is unknown: never its id ("a custom field" for a numbered one). */
export function unknownFieldName(fieldId: string): string {
  if (isUnmappedField(fieldId)) return NOT_SET_UP;
  return fieldId.startsWith('customfield_') ? 'a custom field' : fieldId;
}
