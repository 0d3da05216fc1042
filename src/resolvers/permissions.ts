/**
 * Who may use the settings: administrators of the project in view, checked in the resolver AS
 * THE USER (`GET /rest/api/3/mypermissions?permissions=ADMINISTER_PROJECTS&projectId=…`) on every
 * call. The project comes from `context.extension.project` (the browser's word, so it is checked,
 * never trusted), never from the payload; a project the user cannot see answers the same
 * "forbidden" as one they do not administer, so nothing is learned by guessing ids.
 */
import { z } from 'zod';
import { getMyPermissions, isJiraError } from '../jira';
import type { JiraClient } from '../jira';
import { NO_CALLER_MESSAGE, ResolverError, failureInWords } from './failures';

export const NOT_ADMIN_MESSAGE =
  "Only administrators of this project can see or change Throughline's settings. Ask a project administrator if something should change.";
const NOT_ADMIN = { code: 'forbidden', message: NOT_ADMIN_MESSAGE } as const;
export const NO_PROJECT_MESSAGE = "Throughline's settings belong to a project: no project is in view here.";

const PROJECT_ID = /^[1-9][0-9]{0,17}$/;

const extensionSchema = z.looseObject({
  project: z.looseObject({ id: z.union([z.string().max(30), z.number().int().positive()]) }),
});

/** The id of the project in view, or a refusal in words. */
export function projectInView(context: Readonly<Record<string, unknown>>): string {
  const parsed = extensionSchema.safeParse(context.extension);
  if (!parsed.success) throw new ResolverError('bad-request', NO_PROJECT_MESSAGE);
  const id = String(parsed.data.project.id);
  // An id that cannot be a project's is refused the way a project the user may not administer is.
  if (!PROJECT_ID.test(id)) throw new ResolverError('forbidden', NOT_ADMIN_MESSAGE);
  return id;
}

/** The calling user's account id, which Forge sets (the browser cannot). */
export function callerOf(context: Readonly<Record<string, unknown>>): string {
  const accountId = context.accountId;
  if (typeof accountId !== 'string' || accountId === '') throw new ResolverError('forbidden', NO_CALLER_MESSAGE);
  return accountId;
}

/** Throws `forbidden` unless the user (whom `jira` acts for) administers the project. */
export async function requireProjectAdmin(jira: JiraClient, projectId: string): Promise<void> {
  let granted: Record<string, boolean>;
  try {
    granted = await getMyPermissions(jira, ['ADMINISTER_PROJECTS'], { projectId });
  } catch (error: unknown) {
    // Jira answers 400 for a project id it does not know: said like every project one may not administer.
    if (isJiraError(error) && error.kind === 'bad-request') throw new ResolverError('forbidden', NOT_ADMIN_MESSAGE);
    throw failureInWords(error, { what: 'your permissions on this project', notFound: NOT_ADMIN, forbidden: NOT_ADMIN });
  }
  if (granted.ADMINISTER_PROJECTS !== true) throw new ResolverError('forbidden', NOT_ADMIN_MESSAGE);
}
