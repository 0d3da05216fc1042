/**
 * The projects the calling user may browse: `GET /rest/api/3/project/search` (Jira lists only
 * those), matched on key or name, one page. Called as the user: what it lists is what they see.
 */
import { z } from 'zod';
import type { JiraClient } from './client';
import { jiraPath, jiraQuery } from './paths';

export interface ProjectChoice {
  readonly id: string;
  readonly key: string;
  readonly name: string;
}

const projectPageSchema = z.looseObject({
  total: z.number().optional(),
  isLast: z.boolean().optional(),
  values: z.array(z.looseObject({ id: z.union([z.string(), z.number()]), key: z.string(), name: z.string() })),
});

/** At most `maxResults` (≤ 50) of the user's browsable projects whose key or name contains `query`. */
export async function searchProjects(jira: JiraClient, options: { readonly query?: string; readonly maxResults?: number } = {}): Promise<{ readonly projects: readonly ProjectChoice[]; readonly more: boolean }> {
  const maxResults = Math.min(50, Math.max(1, options.maxResults ?? 50));
  const query = jiraQuery({ action: 'browse', orderBy: 'key', maxResults, ...(options.query === undefined || options.query === '' ? {} : { query: options.query }) });
  const page = await jira.json({
    operation: 'project-search',
    method: 'GET',
    path: jiraPath`/rest/api/3/project/search?${query}`,
    schema: projectPageSchema,
    subject: 'your projects',
  });
  return { projects: page.values.map((project) => ({ id: String(project.id), key: project.key, name: project.name })), more: page.isLast === false };
}

const projectSchema = z.looseObject({ id: z.union([z.string(), z.number()]), key: z.string(), name: z.string() });

/** One project's id, key and name, as the caller sees it (Jira answers 404 to a user who may not browse it). */
export async function getProject(jira: JiraClient, projectId: string): Promise<ProjectChoice> {
  const project = await jira.json({
    operation: 'get-project',
    method: 'GET',
    path: jiraPath`/rest/api/3/project/${projectId}`,
    schema: projectSchema,
    subject: 'the project',
  });
  return { id: String(project.id), key: project.key, name: project.name };
}
