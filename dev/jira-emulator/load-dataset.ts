/**
 * Reads and checks a dataset file. A broken dataset is refused with the path of its first error
 * (`issues[3].fields.status: required`) rather than half-loaded: a wrong emulator is worse than none.
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { datasetSchema } from './dataset-schema';
import type { Dataset } from './dataset-schema';
import { checkSecurityReferences } from './issue-security';

export class DatasetError extends Error {
  override readonly name = 'DatasetError';
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) return 'required';
  return issue.message;
}

/** Checks a parsed JSON value as a dataset; `source` names it in errors. */
export function parseDataset(input: unknown, source = 'dataset'): Dataset {
  const result = datasetSchema.safeParse(input);
  if (!result.success) {
    const first = result.error.issues[0];
    const detail = first === undefined ? 'invalid' : `${formatPath(first.path)}: ${describeIssue(first, input)}`;
    throw new DatasetError(`${source}: ${detail}`);
  }
  checkReferences(result.data, source);
  return result.data;
}

export function loadDatasetFile(file: string): Dataset {
  const path = resolve(file);
  if (!existsSync(path)) throw new DatasetError(`dataset file not found: ${path}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DatasetError(`${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return parseDataset(parsed, path);
}

/** What zod cannot see: ids that must point at something else in the file. */
function checkReferences(data: Dataset, source: string): void {
  const fail = (path: string, message: string): never => {
    throw new DatasetError(`${source}: ${path}: ${message}`);
  };
  const unique = <T>(items: readonly T[], keyOf: (item: T) => string, name: string): void => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const key = keyOf(item);
      if (seen.has(key)) fail(`${name}[${index}]`, `duplicate ${key}`);
      seen.add(key);
    });
  };
  unique(data.users, (u) => u.accountId, 'users');
  unique(data.projects, (p) => p.key, 'projects');
  unique(data.projects, (p) => p.id, 'projects');
  unique(data.issueTypes, (t) => t.id, 'issueTypes');
  unique(data.statuses, (s) => s.id, 'statuses');
  unique(data.fields, (f) => f.id, 'fields');
  unique(data.sprints, (s) => String(s.id), 'sprints');
  unique(data.boards, (b) => String(b.id), 'boards');
  unique(data.issues, (i) => i.key, 'issues');
  unique(data.issues, (i) => i.id, 'issues');

  const projectIds = new Set(data.projects.map((p) => p.id));
  const projectKeys = new Set(data.projects.map((p) => p.key));
  const issueTypeIds = new Set(data.issueTypes.map((t) => t.id));
  const statusIds = new Set(data.statuses.map((s) => s.id));
  const boardIds = new Set(data.boards.map((b) => b.id));
  const issueIds = new Set(data.issues.map((i) => i.id));
  const issueKeys = new Set(data.issues.map((i) => i.key));
  const linkTypes = new Set(data.issueLinkTypes.flatMap((t) => [t.id, t.name]));

  data.issueTypes.forEach((t, i) => {
    if (t.projectId !== undefined && !projectIds.has(t.projectId)) fail(`issueTypes[${i}].projectId`, `unknown project ${t.projectId}`);
  });
  data.boards.forEach((b, i) => {
    if (!projectKeys.has(b.projectKey)) fail(`boards[${i}].projectKey`, `unknown project ${b.projectKey}`);
    for (const key of b.filterProjectKeys ?? []) if (!projectKeys.has(key)) fail(`boards[${i}].filterProjectKeys`, `unknown project ${key}`);
  });
  data.sprints.forEach((s, i) => {
    if (!boardIds.has(s.boardId)) fail(`sprints[${i}].boardId`, `unknown board ${s.boardId}`);
  });
  for (const key of Object.keys(data.permissions)) {
    if (!projectKeys.has(key)) fail(`permissions.${key}`, `unknown project ${key}`);
  }
  data.issues.forEach((issue, i) => {
    const at = `issues[${i}].fields`;
    const { project, issuetype, status, parent, issuelinks } = issue.fields;
    const projectKnown = (project.id !== undefined && projectIds.has(project.id)) || (project.key !== undefined && projectKeys.has(project.key));
    if (!projectKnown) fail(`${at}.project`, 'unknown project');
    const projectKey = project.key ?? data.projects.find((p) => p.id === project.id)?.key;
    if (!issue.key.startsWith(`${projectKey ?? ''}-`)) fail(`issues[${i}].key`, `${issue.key} is not a key of project ${projectKey ?? '?'}`);
    if (!issueTypeIds.has(issuetype.id)) fail(`${at}.issuetype.id`, `unknown issue type ${issuetype.id}`);
    if (!statusIds.has(status.id)) fail(`${at}.status.id`, `unknown status ${status.id}`);
    const knownIssue = (ref: { id?: string | undefined; key?: string | undefined }): boolean =>
      (ref.id !== undefined && issueIds.has(ref.id)) || (ref.key !== undefined && issueKeys.has(ref.key));
    if (parent !== undefined && parent !== null && !knownIssue(parent)) fail(`${at}.parent`, 'unknown issue');
    issuelinks?.forEach((link, l) => {
      const other = link.inwardIssue ?? link.outwardIssue;
      if (other !== undefined && !knownIssue(other)) fail(`${at}.issuelinks[${l}]`, 'links to an unknown issue');
      const typeRef = link.type.id ?? link.type.name;
      if (typeRef === undefined || !linkTypes.has(typeRef)) fail(`${at}.issuelinks[${l}].type`, 'unknown link type');
    });
  });  checkSecurityReferences(data, fail);
}
