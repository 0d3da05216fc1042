/**
 * What the calling user may set on one issue: `GET /rest/api/3/issue/{key}/editmeta`, the fields of
 * the issue's edit screen that they may edit, with the values each field allows (a select's
 * options, by id). Called as the user: a field missing here is one Jira would refuse them; a user
 * without Edit issues gets no fields at all.
 */
import { z } from 'zod';
import type { JiraClient } from './client';
import { jiraPath } from './paths';

/** One value a field allows: a select's option (`{id, value}`), a priority (`{id, name}`), … */
export interface AllowedValue {
  readonly id: string;
  /** The option's text (`value`) or the item's `name`. */
  readonly name: string;
  /** A disabled option stays on the issues that hold it but cannot be chosen again. */
  readonly disabled: boolean;
}

export interface EditableField {
  readonly id: string;
  readonly name: string;
  /** `{type: 'array', items: 'option'}` for a multi-select. */
  readonly schema: { readonly type: string; readonly items?: string; readonly custom?: string } | undefined;
  readonly operations: readonly string[];
  /** Undefined when Jira lists none (a number, a date, a free text). */
  readonly allowedValues: readonly AllowedValue[] | undefined;
}

const allowedValueSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  value: z.string().optional(),
  name: z.string().optional(),
  disabled: z.boolean().optional(),
});

const editMetaSchema = z.looseObject({
  fields: z.record(
    z.string(),
    z.looseObject({
      key: z.string().optional(),
      name: z.string(),
      operations: z.array(z.string()).optional(),
      schema: z.looseObject({ type: z.string(), items: z.string().optional(), custom: z.string().optional() }).optional(),
      allowedValues: z.array(z.unknown()).optional(),
    }),
  ),
});

function allowedValuesOf(values: readonly unknown[] | undefined): AllowedValue[] | undefined {
  if (values === undefined) return undefined;
  const allowed: AllowedValue[] = [];
  for (const value of values) {
    // Jira lists other shapes too (strings for some system fields): only values with an id can be sent back by id.
    const parsed = allowedValueSchema.safeParse(value);
    if (!parsed.success || parsed.data.id === undefined) continue;
    allowed.push({ id: String(parsed.data.id), name: parsed.data.value ?? parsed.data.name ?? String(parsed.data.id), disabled: parsed.data.disabled === true });
  }
  return allowed;
}

/** The fields the calling user may edit on the issue, by field id. A missing or hidden issue is a 'not-found' JiraError. */
export async function getEditableFields(jira: JiraClient, issueIdOrKey: string): Promise<ReadonlyMap<string, EditableField>> {
  const meta = await jira.json({
    operation: { name: 'edit-meta', idempotent: true },
    method: 'GET',
    path: jiraPath`/rest/api/3/issue/${issueIdOrKey}/editmeta`,
    schema: editMetaSchema,
    subject: `the fields you may edit on ${issueIdOrKey}`,
  });
  const fields = new Map<string, EditableField>();
  for (const [id, field] of Object.entries(meta.fields)) {
    fields.set(id, { id, name: field.name, schema: field.schema, operations: field.operations ?? [], allowedValues: allowedValuesOf(field.allowedValues) });
  }
  return fields;
}
