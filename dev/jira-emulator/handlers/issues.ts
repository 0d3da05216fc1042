/** Issues, fields, issue properties and app field values. */
import { z } from 'zod';
import { INVALID_PAYLOAD, issueNotFound, jiraError, listParam, parseBody } from '../http-types';
import type { EmulatorRequest, EmulatorResponse, HandlerContext, Route } from '../http-types';
import { isEditable } from '../edit-issue';
import { IssueEditError, isAppField, PROPERTY_MAX_BYTES } from '../model';
import { allowedValuesOf } from './bulk-and-meta';
import { selectFields } from '../render-issue';
import { MAX_SEARCH_PROPERTIES } from '../search';

const MAX_BULK_FETCH = 100;
const MAX_PROPERTY_KEY = 255;

function editError(error: unknown): EmulatorResponse {
  if (error instanceof IssueEditError) return jiraError(400, error.errorMessages, error.errors);
  throw error;
}

function getIssue(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const issue = state.visibleIssue(request.caller, request.params.issueIdOrKey ?? '');
  if (issue === undefined) return issueNotFound();
  const byKeys = request.query.get('fieldsByKeys') === 'true';
  const selection = selectFields(state, listParam(request.query, 'fields'), '*all', byKeys);
  return { status: 200, body: state.render(issue, selection, listParam(request.query, 'properties') ?? [], request.caller) };
}

const editBody = z.object({
  fields: z.record(z.string(), z.unknown()).optional(),
  update: z.record(z.string(), z.array(z.unknown())).optional(),
  properties: z.array(z.object({ key: z.string(), value: z.unknown() })).optional(),
  historyMetadata: z.unknown().optional(),
  transition: z.unknown().optional(),
});

function editIssue(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const issue = state.visibleIssue(request.caller, request.params.issueIdOrKey ?? '');
  if (issue === undefined) return issueNotFound();
  const parsed = parseBody(editBody, request.body);
  if (!parsed.ok) return parsed.response;
  if (!state.hasPermission(request.caller, issue.projectId, 'EDIT_ISSUES')) {
    return jiraError(403, ['You do not have permission to edit issues in this project.']);
  }
  const { fields = {}, update, transition } = parsed.value;
  if (transition !== undefined) return jiraError(400, ['The Jira emulator does not support transitions through issue edit.']);
  if (update !== undefined && Object.keys(update).length > 0) {
    // Only `set` operations, which mean the same as `fields`.
    for (const [fieldId, operations] of Object.entries(update)) {
      const [only] = operations;
      if (operations.length !== 1 || typeof only !== 'object' || only === null || Object.keys(only).join() !== 'set') {
        return jiraError(400, [], { [fieldId]: 'The Jira emulator supports only a single "set" operation in "update".' });
      }
      if (fieldId in fields) return jiraError(400, [], { [fieldId]: `Field '${fieldId}' cannot be set in both "fields" and "update".` });
      fields[fieldId] = (only as { set: unknown }).set;
    }
  }
  const accountId = request.caller.kind === 'user' ? request.caller.accountId : undefined;
  try {
    state.updateIssue(issue.key, fields, accountId);
    for (const property of parsed.value.properties ?? []) state.setIssueProperty(issue.key, property.key, property.value, accountId);
  } catch (error) {
    return editError(error);
  }
  return { status: 204 };
}

/**
 * `GET /rest/api/3/issue/{key}/editmeta`: the fields of the edit screen the caller may edit, with
 * their allowed values (a select's options, by id). As in Jira, a caller without Edit issues gets
 * `{fields: {}}`, not an error; the override flags are for Jira admins and apps, refused to others
 * with 403. The emulator has no screens: every editable field is on every issue's screen.
 */
function editMeta(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const issue = state.visibleIssue(request.caller, request.params.issueIdOrKey ?? '');
  if (issue === undefined) return issueNotFound();
  const overrides = ['overrideScreenSecurity', 'overrideEditableFlag'].some((flag) => request.query.get(flag) === 'true');
  if (overrides && request.caller.kind === 'user') return jiraError(403, ['You need the Administer Jira global permission to use override parameters.']);
  if (!state.hasPermission(request.caller, issue.projectId, 'EDIT_ISSUES')) return { status: 200, body: { fields: {} } };
  const fields: Record<string, unknown> = {};
  for (const field of state.fields) {
    if (field.schema === undefined || !isEditable(field)) continue;
    const allowedValues = allowedValuesOf(state, field);
    fields[field.id] = {
      required: field.id === 'summary',
      schema: field.schema,
      name: field.name,
      key: field.key,
      // Lists can be added to and taken from; everything else is set whole.
      operations: field.schema.type === 'array' ? ['add', 'set', 'remove'] : ['set'],
      ...(allowedValues === undefined ? {} : { allowedValues }),
    };
  }
  return { status: 200, body: { fields } };
}

/**
 * `DELETE /rest/api/3/issue/{key}`: Jira asks for Browse and Delete issues; the emulator has no
 * Delete issues permission, so Edit issues stands in for it.
 */
function deleteIssue(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const issue = state.visibleIssue(request.caller, request.params.issueIdOrKey ?? '');
  if (issue === undefined) return issueNotFound();
  const deleteSubtasks = request.query.get('deleteSubtasks') ?? 'false';
  if (deleteSubtasks !== 'true' && deleteSubtasks !== 'false') return jiraError(400, [`The value '${deleteSubtasks}' for deleteSubtasks is invalid: use true or false.`]);
  if (!state.hasPermission(request.caller, issue.projectId, 'EDIT_ISSUES')) {
    return jiraError(403, ['You do not have permission to delete issues in this project.']);
  }
  try {
    state.deleteIssue(issue.id, request.caller.kind === 'user' ? request.caller.accountId : undefined, { deleteSubtasks: deleteSubtasks === 'true' });
  } catch (error) {
    return editError(error);
  }
  return { status: 204 };
}

const bulkFetchBody = z.object({
  issueIdsOrKeys: z.array(z.string()),
  fields: z.array(z.string()).optional(),
  fieldsByKeys: z.boolean().optional(),
  properties: z.array(z.string()).optional(),
  expand: z.array(z.string()).optional(),
});

function bulkFetch(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const parsed = parseBody(bulkFetchBody, request.body);
  if (!parsed.ok) return parsed.response;
  const { issueIdsOrKeys, fields, fieldsByKeys, properties = [] } = parsed.value;
  if (issueIdsOrKeys.length === 0) return jiraError(400, [], { issueIdsOrKeys: 'At least one issue ID or key is required.' });
  if (issueIdsOrKeys.length > MAX_BULK_FETCH) {
    return jiraError(400, [`The number of issues requested (${issueIdsOrKeys.length}) exceeds the maximum of ${MAX_BULK_FETCH}.`]);
  }
  if (properties.length > MAX_SEARCH_PROPERTIES) return jiraError(400, [`At most ${MAX_SEARCH_PROPERTIES} issue properties can be requested.`]);
  const selection = selectFields(state, fields, '*navigable', fieldsByKeys ?? false);
  const seen = new Set<string>();
  const issues: Record<string, unknown>[] = [];
  for (const idOrKey of issueIdsOrKeys) {
    // Issues that do not exist or may not be browsed are left out, not reported (Jira's documented behaviour).
    const issue = state.visibleIssue(request.caller, idOrKey);
    if (issue === undefined || seen.has(issue.id)) continue;
    seen.add(issue.id);
    issues.push(state.render(issue, selection, properties, request.caller));
  }
  return { status: 200, body: { issues, issueErrors: [] } };
}

/**
 * Real Jira also sends `untranslatedName`, but the spec's FieldDetails forbids any property it does
 * not list; the emulator follows the spec so the contract test holds it to one standard.
 */
function getFields(_request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  return {
    status: 200,
    body: state.fields.map((field) => {
      const details: Partial<typeof field> = structuredClone(field);
      delete details.untranslatedName;
      return details;
    }),
  };
}

function listProperties(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const issue = state.visibleIssue(request.caller, request.params.issueIdOrKey ?? '');
  if (issue === undefined) return issueNotFound();
  const keys = [...issue.properties.keys()].map((key) => ({ self: `${state.baseUrl}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}`, key }));
  return { status: 200, body: { keys } };
}

function getProperty(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const issue = state.visibleIssue(request.caller, request.params.issueIdOrKey ?? '');
  if (issue === undefined) return issueNotFound();
  const key = request.params.propertyKey ?? '';
  if (!issue.properties.has(key)) return jiraError(404, [`The property with key '${key}' does not exist.`]);
  return { status: 200, body: { key, value: structuredClone(issue.properties.get(key)) } };
}

function putProperty(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const issue = state.visibleIssue(request.caller, request.params.issueIdOrKey ?? '');
  if (issue === undefined) return issueNotFound();
  const key = request.params.propertyKey ?? '';
  if (key.length > MAX_PROPERTY_KEY) return jiraError(400, [`The property key '${key.slice(0, 20)}…' is longer than ${MAX_PROPERTY_KEY} characters.`]);
  if (request.body === undefined) return jiraError(400, ['The property value must be valid JSON and cannot be empty.']);
  if (!state.hasPermission(request.caller, issue.projectId, 'EDIT_ISSUES')) {
    return jiraError(403, ['You do not have permission to edit issues in this project.']);
  }
  if (Buffer.byteLength(JSON.stringify(request.body), 'utf8') > PROPERTY_MAX_BYTES) {
    return jiraError(400, [`The property '${key}' exceeds the property size limit of ${PROPERTY_MAX_BYTES} bytes.`]);
  }
  try {
    const created = state.setIssueProperty(issue.key, key, request.body, request.caller.kind === 'user' ? request.caller.accountId : undefined);
    return { status: created ? 201 : 200 };
  } catch (error) {
    return editError(error);
  }
}

function deleteProperty(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const issue = state.visibleIssue(request.caller, request.params.issueIdOrKey ?? '');
  if (issue === undefined) return issueNotFound();
  const key = request.params.propertyKey ?? '';
  if (!issue.properties.has(key)) return jiraError(404, [`The property with key '${key}' does not exist.`]);
  if (!state.hasPermission(request.caller, issue.projectId, 'EDIT_ISSUES')) {
    return jiraError(403, ['You do not have permission to edit issues in this project.']);
  }
  state.deleteIssueProperty(issue.key, key, request.caller.kind === 'user' ? request.caller.accountId : undefined);
  return { status: 204 };
}

const appFieldValueBody = z.object({ updates: z.array(z.object({ issueIds: z.array(z.number().int()), value: z.unknown() })) });
const appFieldValuesBody = z.object({
  updates: z.array(z.object({ customField: z.string(), issueIds: z.array(z.number().int()), value: z.unknown() })),
});

interface AppFieldUpdate {
  customField: string;
  issueIds: number[];
  value: unknown;
}

/** All updates are checked before any is applied, so a bad request changes nothing. */
function applyAppFieldUpdates(request: EmulatorRequest, { state }: HandlerContext, updates: AppFieldUpdate[]): EmulatorResponse {
  if (request.caller.kind !== 'app') return jiraError(403, ['Only the app that provides a custom field can set its values.']);
  for (const update of updates) {
    const field = state.fieldsById.get(update.customField) ?? state.fieldsByKey.get(update.customField);
    if (field === undefined) return jiraError(404, [`The custom field '${update.customField}' was not found.`]);
    if (!isAppField(field)) return jiraError(403, [`The custom field '${update.customField}' is not provided by this app.`]);
    for (const issueId of update.issueIds) {
      if (state.issueById(String(issueId)) === undefined) return jiraError(404, [`Issue with id ${issueId} was not found.`]);
    }
  }
  try {
    for (const update of updates) for (const issueId of update.issueIds) state.setAppFieldValue(update.customField, String(issueId), update.value);
  } catch (error) {
    return editError(error);
  }
  return { status: 204 };
}

function putAppFieldValue(request: EmulatorRequest, context: HandlerContext): EmulatorResponse {
  const parsed = parseBody(appFieldValueBody, request.body);
  if (!parsed.ok) return parsed.response;
  const customField = request.params.fieldIdOrKey ?? '';
  return applyAppFieldUpdates(request, context, parsed.value.updates.map((u) => ({ customField, issueIds: u.issueIds, value: u.value })));
}

function postAppFieldValues(request: EmulatorRequest, context: HandlerContext): EmulatorResponse {
  const parsed = parseBody(appFieldValuesBody, request.body);
  if (!parsed.ok) return parsed.response;
  if (parsed.value.updates.length === 0) return jiraError(400, [INVALID_PAYLOAD]);
  return applyAppFieldUpdates(request, context, parsed.value.updates);
}

export const issueRoutes: Route[] = [
  { method: 'POST', template: '/rest/api/3/issue/bulkfetch', handler: bulkFetch },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}', handler: getIssue },
  { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}', handler: editIssue },
  { method: 'DELETE', template: '/rest/api/3/issue/{issueIdOrKey}', handler: deleteIssue },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/editmeta', handler: editMeta },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/properties', handler: listProperties },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', handler: getProperty },
  { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', handler: putProperty },
  { method: 'DELETE', template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', handler: deleteProperty },
  { method: 'GET', template: '/rest/api/3/field', handler: getFields },
  { method: 'PUT', template: '/rest/api/3/app/field/{fieldIdOrKey}/value', handler: putAppFieldValue },
  { method: 'POST', template: '/rest/api/3/app/field/value', handler: postAppFieldValues },
];
