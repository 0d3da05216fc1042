/**
 * The boundary of every settings resolver, in this order:
 *
 * 1. the project in view (`context.extension.project`), else 'bad-request';
 * 2. the user administers it, checked as the user in Jira, else 'forbidden' — before the payload
 *    is even looked at, so a non-admin's forged payload gets the same "forbidden" as any other;
 * 3. the payload against its schema, else 'bad-request' naming what is wrong;
 * 4. the service, with Jira as the user and the repositories over Forge storage.
 *
 * Failures come back as the typed Result, in words: a stale save is 'stale' with whose change it
 * met, a configuration from a newer app version or too large is 'bad-request', Jira's own
 * failures are said as Jira's.
 */
import type { z } from 'zod';
import type { Result } from '../contract';
import { createJiraClient, describeForLog, isJiraError } from '../jira';
import { forgeRequestJira } from '../jira/forge-request';
import { currentAppId, forgeQueue } from '../events/platform';
import { SettingsRefusal } from '../services/settings';
import type { SettingsContext } from '../services/settings';
import { isStorageError } from '../storage';
import { forgeStorage } from '../storage/forge-kvs';
import { ResolverError, fail, ok } from './envelope';
import type { ResolverRequest } from './envelope';
import { callerOf, projectInView, requireProjectAdmin } from './permissions';

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'payload';
  return `${where}: ${issue.message}`;
}

function jiraInWords(error: unknown): Result<never> | undefined {
  if (!isJiraError(error)) return undefined;
  switch (error.kind) {
    case 'rate-limited':
      return fail('rate-limited', error.message);
    case 'unauthorized':
    case 'forbidden':
      return fail('forbidden', `Jira refused: ${error.message}`);
    case 'not-found':
      return fail('not-found', error.message);
    default:
      return fail('jira-error', `Jira could not answer: ${error.message}`);
  }
}

export function settingsResolverOf<S extends z.ZodType, T>(
  schema: S,
  run: (payload: z.output<S>, context: SettingsContext, projectId: string) => Promise<T>,
): (request: ResolverRequest) => Promise<Result<T>> {
  return async ({ payload, context }) => {
    try {
      const projectId = projectInView(context);
      const accountId = callerOf(context);
      const jira = createJiraClient(forgeRequestJira('user'));
      await requireProjectAdmin(jira, projectId);
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        return fail('bad-request', `The request was not understood: ${parsed.error.issues.slice(0, 3).map(describeIssue).join('; ')}.`);
      }
      const settings: SettingsContext = { jira, repositories: forgeStorage(), queue: forgeQueue(), accountId, appId: currentAppId() };
      return ok(await run(parsed.data, settings, projectId));
    } catch (error: unknown) {
      if (error instanceof ResolverError) return fail(error.code, error.message);
      if (isStorageError(error)) return fail(error.code === 'stale' ? 'stale' : 'bad-request', error.message);
      if (error instanceof SettingsRefusal) return fail('bad-request', error.message);
      const jira = jiraInWords(error);
      if (jira !== undefined) return jira;
      console.error('Settings resolver failed', describeForLog(error));
      return fail('internal', 'Something went wrong in Throughline. Try again; if it keeps failing, tell your Jira admin.');
    }
  };
}
