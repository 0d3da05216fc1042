/**
 * Which project and which issues an action may speak of, decided from what Rovo sends:
 *
 * - The inputs (`issueKey`, `otherIssueKey`, `projectKey`) are what the model extracted from the
 *   conversation: it can be wrong, and an issue's own text can ask it to name another issue. They
 *   are checked for shape here and then read from Jira AS THE USER, never trusted.
 * - Rovo's `context.jira` (the issue or project the user has open) sets the project the
 *   conversation is about: an issue of another project is refused in words, with nothing of it.
 *   It comes the way a UI module's context does, so it is re-checked as the user (Browse
 *   projects), like `context.extension` in the resolvers.
 *
 * Every Jira call goes through the user's client: what an action reads is what the user may see.
 */
import { z } from 'zod';
import { getMyPermissions, getProject, isJiraError } from '../jira';
import type { JiraClient } from '../jira';
import { ResolverError } from '../resolvers/failures';

export interface ActionProject {
  readonly id: string;
  readonly key: string;
}

/** What Rovo says the user has open; every field optional and only ever a hint to check. */
export interface RovoContext {
  readonly projectId?: string;
  readonly projectKey?: string;
  readonly issueKey?: string;
}

const ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/;
const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,254}$/;
const PROJECT_ID = /^[1-9][0-9]{0,17}$/;

const idText = z.union([z.string().max(30), z.number().int().positive()]).transform(String);
const contextSchema = z.looseObject({
  jira: z.looseObject({
    projectId: idText.optional().catch(undefined),
    projectKey: z.string().max(300).optional().catch(undefined),
    issueKey: z.string().max(300).optional().catch(undefined),
  }),
});

export const NO_ISSUE_MESSAGE = 'Say which issue, by its key (such as TL-12), or ask from the issue itself.';
export const NO_PROJECT_MESSAGE = 'Say which project, by its key (such as TL), or ask from the project or one of its issues.';
export const HIDDEN_PROJECT_MESSAGE = "You can't see this project, or it doesn't exist. Ask a project admin for the Browse projects permission.";

export function hiddenIssueMessage(key: string): string {
  return `You can't see ${key}, or it doesn't exist.`;
}

export function otherProjectMessage(key: string, project: ActionProject): string {
  return `${key} is not in ${project.key === '' ? 'the project this conversation is about' : `project ${project.key}`}, which this conversation is about: Throughline answers about that project's issues only. Ask from ${key}'s own project.`;
}

/** Rovo's context, in shape: values that cannot be a project or an issue are dropped, not used. */
export function rovoContextOf(payload: Readonly<Record<string, unknown>>): RovoContext {
  const parsed = contextSchema.safeParse(payload.context);
  if (!parsed.success) return {};
  const { projectId, projectKey, issueKey } = parsed.data.jira;
  return {
    ...(projectId !== undefined && PROJECT_ID.test(projectId) ? { projectId } : {}),
    ...(projectKey !== undefined && PROJECT_KEY.test(projectKey) ? { projectKey } : {}),
    ...(issueKey !== undefined && ISSUE_KEY.test(issueKey) ? { issueKey } : {}),
  };
}

/** A text input as given (trimmed), or undefined when absent or empty. */
export function textInput(payload: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = payload[name];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The issue key an input names (upper-cased: people type "tl-12"), else the issue the user has
 * open when `fallBackToContext`; a refusal in words when there is none or it is not a key.
 */
export function issueKeyOf(payload: Readonly<Record<string, unknown>>, input: string, context: RovoContext, fallBackToContext = true): string {
  const given = textInput(payload, input);
  if (given === undefined) {
    if (fallBackToContext && context.issueKey !== undefined) return context.issueKey;
    throw new ResolverError('bad-request', NO_ISSUE_MESSAGE);
  }
  const key = given.toUpperCase();
  if (given.length > 60 || !ISSUE_KEY.test(key)) throw new ResolverError('bad-request', `"${given.slice(0, 40)}" is not an issue key: an issue key looks like TL-12.`);
  return key;
}

/**
 * The project the conversation is about, checked as the user: Rovo's context when it has one
 * (the `projectKey` input may not move the conversation to another project), else the
 * `projectKey` input; undefined when there is neither (an issue action then speaks of the issue's
 * own project). A project the user may not browse is refused the way a missing one is.
 */
export async function projectInScope(jira: JiraClient, payload: Readonly<Record<string, unknown>>, context: RovoContext): Promise<ActionProject | undefined> {
  const given = textInput(payload, 'projectKey')?.toUpperCase();
  if (given !== undefined && (given.length > 60 || !PROJECT_KEY.test(given))) throw new ResolverError('bad-request', `"${given.slice(0, 40)}" is not a project key: a project key looks like TL.`);
  const idOrKey = context.projectId ?? context.projectKey ?? given;
  if (idOrKey === undefined) return undefined;
  const scope = context.projectId !== undefined ? { projectId: context.projectId } : { projectKey: idOrKey };
  try {
    const [granted, project] = await Promise.all([getMyPermissions(jira, ['BROWSE_PROJECTS'], scope), getProject(jira, idOrKey)]);
    if (granted.BROWSE_PROJECTS !== true) throw new ResolverError('not-found', HIDDEN_PROJECT_MESSAGE);
    if (given !== undefined && given !== project.key) {
      throw new ResolverError('bad-request', `This conversation is about project ${project.key}: Throughline answers about that project only. Ask from project ${given} to talk about it.`);
    }
    return { id: project.id, key: project.key };
  } catch (error: unknown) {
    // Jira answers 400 or 404 for a project it does not know or hides: both read the same.
    if (isJiraError(error) && (error.kind === 'not-found' || error.kind === 'bad-request' || error.kind === 'forbidden')) throw new ResolverError('not-found', HIDDEN_PROJECT_MESSAGE);
    throw error;
  }
}

/** The project an action about a whole project speaks of: a refusal in words without one. */
export async function requiredProject(jira: JiraClient, payload: Readonly<Record<string, unknown>>, context: RovoContext): Promise<ActionProject> {
  const project = await projectInScope(jira, payload, context);
  if (project === undefined) throw new ResolverError('bad-request', NO_PROJECT_MESSAGE);
  return project;
}

/** Refuses an issue (read as the user) that is not in the conversation's project. */
export function requireInProject(issueKey: string, issueProject: ActionProject, scope: ActionProject | undefined): void {
  if (scope !== undefined && scope.id !== issueProject.id) throw new ResolverError('forbidden', otherProjectMessage(issueKey, scope));
}
