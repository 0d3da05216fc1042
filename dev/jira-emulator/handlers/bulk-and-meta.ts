/**
 * Bulk issue properties (an asynchronous task, as in Jira) and the create-screen metadata a
 * project admin can read (the options of select fields):
 *
 * - `POST /rest/api/3/issue/properties`: one list of properties on up to 10,000 issues. Jira
 *   answers 303 See Other to a task; here the task is done before the answer (all or nothing, as
 *   the spec says), so following the 303 finds it COMPLETE. Issues that do not exist, or that the
 *   caller may not edit, are not eligible and are left out.
 * - `GET /rest/api/3/task/{taskId}`: the task, for its creator.
 * - `GET /rest/api/3/issue/createmeta/{project}/issuetypes[/{issueTypeId}]`: the project's issue
 *   types, and the fields of one with their allowed values (select options, priorities), for
 *   callers who may create issues in the project.
 */
import { z } from 'zod';
import type { DatasetField, DatasetProject } from '../dataset-schema';
import { jiraError, parseBody } from '../http-types';
import type { EmulatorRequest, EmulatorResponse, HandlerContext, Route } from '../http-types';
import { IssueEditError, PROPERTY_MAX_BYTES, isAppField } from '../model';
import type { Caller } from '../model';
import { renderIssueType } from '../render-issue';
import type { EmulatorState } from '../state';

const MAX_ISSUES = 10_000;
const MAX_PROPERTIES = 10;

interface Task {
  readonly id: string;
  readonly submittedBy: Caller;
  readonly body: Record<string, unknown>;
}

const tasksByState = new WeakMap<EmulatorState, { next: number; tasks: Map<string, Task> }>();

function taskStore(state: EmulatorState): { next: number; tasks: Map<string, Task> } {
  let store = tasksByState.get(state);
  if (store === undefined) {
    store = { next: 10_000, tasks: new Map() };
    tasksByState.set(state, store);
  }
  return store;
}

const bulkPropertiesBody = z.object({
  entitiesIds: z.array(z.number().int().positive()),
  properties: z.record(z.string(), z.unknown()),
});

function bulkSetProperties(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const parsed = parseBody(bulkPropertiesBody, request.body);
  if (!parsed.ok) return parsed.response;
  const { entitiesIds, properties } = parsed.value;
  const keys = Object.keys(properties);
  if (entitiesIds.length === 0 || entitiesIds.length > MAX_ISSUES) return jiraError(400, [`Provide between 1 and ${MAX_ISSUES} issue ids.`]);
  if (new Set(entitiesIds).size !== entitiesIds.length) return jiraError(400, ['The issue ids must be unique.']);
  if (keys.length === 0 || keys.length > MAX_PROPERTIES) return jiraError(400, [`Provide between 1 and ${MAX_PROPERTIES} properties.`]);
  for (const [key, value] of Object.entries(properties)) {
    if (key === '' || key.length > 255) return jiraError(400, ['A property key must be 1 to 255 characters.']);
    if (value === undefined || Buffer.byteLength(JSON.stringify(value), 'utf8') > PROPERTY_MAX_BYTES) {
      return jiraError(400, [`The property '${key}' exceeds the property size limit of ${PROPERTY_MAX_BYTES} bytes.`]);
    }
  }
  const eligible = entitiesIds
    .map((id) => state.issueById(String(id)))
    .filter((issue) => issue !== undefined)
    .filter((issue) => state.canBrowse(request.caller, issue) && state.hasPermission(request.caller, issue.projectId, 'EDIT_ISSUES'));
  const accountId = request.caller.kind === 'user' ? request.caller.accountId : undefined;
  try {
    for (const issue of eligible) for (const [key, value] of Object.entries(properties)) state.setIssueProperty(issue.key, key, value, accountId);
  } catch (error) {
    if (error instanceof IssueEditError) return jiraError(400, error.errorMessages, error.errors);
    throw error;
  }
  const store = taskStore(state);
  const id = String(store.next++);
  const at = state.now().getTime();
  store.tasks.set(id, {
    id,
    submittedBy: request.caller,
    body: {
      self: `${state.baseUrl}/rest/api/3/task/${id}`,
      id,
      description: 'Bulk set issue properties',
      status: 'COMPLETE',
      result: { updated: eligible.length },
      submittedBy: 0,
      progress: 100,
      elapsedRuntime: 0,
      submitted: at,
      started: at,
      finished: at,
      lastUpdate: at,
    },
  });
  return { status: 303, headers: { Location: `${state.baseUrl}/rest/api/3/task/${id}` } };
}

function sameCaller(a: Caller, b: Caller): boolean {
  return a.kind === 'app' ? b.kind === 'app' : b.kind === 'user' && a.accountId === b.accountId;
}

function getTask(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const task = taskStore(state).tasks.get(request.params.taskId ?? '');
  if (task === undefined || !sameCaller(task.submittedBy, request.caller)) return jiraError(404, [`The task with id '${request.params.taskId ?? ''}' was not found.`]);
  return { status: 200, body: task.body };
}

function projectFor(request: EmulatorRequest, state: EmulatorState): DatasetProject | EmulatorResponse {
  const ref = request.params.projectIdOrKey ?? '';
  const project = state.projectsById.get(ref) ?? state.projectsByKey.get(ref.toUpperCase());
  if (project === undefined || !state.hasPermission(request.caller, project.id, 'BROWSE_PROJECTS')) return jiraError(404, [`No project could be found with key '${ref}'.`]);
  if (!state.hasPermission(request.caller, project.id, 'CREATE_ISSUES')) return jiraError(400, ['You do not have permission to create issues in this project.']);
  return project;
}

function issueTypesOf(state: EmulatorState, project: DatasetProject) {
  return [...state.issueTypes.values()].filter((type) => (project.style === 'classic' ? type.projectId === undefined : type.projectId === project.id));
}

function page<T>(items: readonly T[], query: URLSearchParams): { values: T[]; startAt: number; maxResults: number; total: number } {
  const startAt = Math.max(0, Number(query.get('startAt') ?? 0) || 0);
  const maxResults = Math.min(200, Math.max(1, Number(query.get('maxResults') ?? 50) || 50));
  return { values: items.slice(startAt, startAt + maxResults), startAt, maxResults, total: items.length };
}

function createMetaIssueTypes(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const project = projectFor(request, state);
  if ('status' in project) return project;
  const { values, startAt, maxResults, total } = page(issueTypesOf(state, project), request.query);
  return { status: 200, body: { issueTypes: values.map((type) => renderIssueType(state, type)), startAt, maxResults, total } };
}

/** What the create and edit screens list as a field's `allowedValues`: priorities, a select's options. */
export function allowedValuesOf(state: EmulatorState, field: DatasetField): unknown[] | undefined {
  if (field.id === 'priority') return state.priorities.map((priority) => ({ self: `${state.baseUrl}/rest/api/3/priority/${priority.id}`, id: priority.id, name: priority.name }));
  const options = state.fieldOptions[field.id];
  if (options === undefined) return undefined;
  return options.map((option) => ({ self: `${state.baseUrl}/rest/api/3/customFieldOption/${option.id}`, value: option.value, id: option.id }));
}

function createMetaFields(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const project = projectFor(request, state);
  if ('status' in project) return project;
  const type = issueTypesOf(state, project).find((candidate) => candidate.id === request.params.issueTypeId);
  if (type === undefined) return jiraError(404, [`Issue type with id '${request.params.issueTypeId ?? ''}' was not found in project ${project.key}.`]);
  const fields = state.fields
    .filter((field) => field.orderable && field.schema !== undefined && !isAppField(field))
    .map((field) => {
      const allowedValues = allowedValuesOf(state, field);
      return {
        fieldId: field.id,
        key: field.key,
        name: field.name,
        required: field.id === 'summary',
        schema: field.schema,
        operations: ['set'],
        hasDefaultValue: false,
        ...(allowedValues === undefined ? {} : { allowedValues }),
      };
    });
  const { values, startAt, maxResults, total } = page(fields, request.query);
  return { status: 200, body: { fields: values, startAt, maxResults, total } };
}

export const bulkAndMetaRoutes: Route[] = [
  { method: 'POST', template: '/rest/api/3/issue/properties', handler: bulkSetProperties },
  { method: 'GET', template: '/rest/api/3/task/{taskId}', handler: getTask },
  { method: 'GET', template: '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes', handler: createMetaIssueTypes },
  { method: 'GET', template: '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}', handler: createMetaFields },
];
