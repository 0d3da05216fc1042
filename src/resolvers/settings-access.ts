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
import { createJiraClient } from '../jira';
import { forgeRequestJira } from '../jira/forge-request';
import { currentAppId, forgeQueue } from '../events/platform';
import { SettingsRefusal } from '../services/settings';
import type { SettingsContext } from '../services/settings';
import { forgeStorage } from '../storage/forge-kvs';
import { checkedPayload, fail, failureAnswer, ok } from './envelope';
import type { ResolverRequest } from './envelope';
import { callerOf, projectInView, requireProjectAdmin } from './permissions';

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
      const checked = checkedPayload(schema, payload);
      if (!checked.ok) return checked.refusal;
      const settings: SettingsContext = { jira, repositories: forgeStorage(), queue: forgeQueue(), accountId, appId: currentAppId() };
      return ok(await run(checked.value, settings, projectId));
    } catch (error: unknown) {
      if (error instanceof SettingsRefusal) return fail('bad-request', error.message);
      return failureAnswer(error, 'Settings resolver failed', { what: 'the settings' });
    }
  };
}
