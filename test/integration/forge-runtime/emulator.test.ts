/**
 * The runtime against the real Jira emulator and its demo dataset: users see what their Jira
 * permissions allow, the app sees everything, and the emulator's changes reach the triggers.
 */
import { join } from 'node:path';
import { WhereConditions, kvs } from '@forge/kvs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForgeRuntime, InvocationResult } from '../../../dev/forge-runtime';
import { startJiraEmulator } from '../../../dev/jira-emulator';
import type { JiraEmulator } from '../../../dev/jira-emulator';
import { REPO_ROOT, fixtureRuntime } from './helpers';

const ADA = { accountId: '5f0c1a2b3c4d5e6f7a8b9c01' };
const NICK_NO_ACCESS = { accountId: '5f0c1a2b3c4d5e6f7a8b9c03' };

function bodyOf(result: InvocationResult): { status: number; body: Record<string, unknown> } {
  if (!result.success) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.body as { status: number; body: Record<string, unknown> };
}

describe('with the Jira emulator', () => {
  let emulator: JiraEmulator;
  let runtime: ForgeRuntime;

  beforeAll(async () => {
    emulator = await startJiraEmulator({ dataset: join(REPO_ROOT, 'dev/demo-data/demo.json'), port: 0 });
    runtime = await fixtureRuntime({ jiraBaseUrl: emulator.url, jiraEvents: emulator.state, limits: { invocationTimeoutMs: 5_000 } });
  });
  afterAll(async () => {
    await runtime.close();
    await emulator.close();
  });

  it('reaches Jira as the invoking user', async () => {
    const reply = bodyOf(await runtime.invokeResolver('test-issue-context', 'myself', {}, ADA));
    expect(reply.status).toBe(200);
    expect(reply.body.accountId).toBe(ADA.accountId);
  });

  it('shows a user only what Jira lets them see; asApp sees everything', async () => {
    expect(bodyOf(await runtime.invokeResolver('test-issue-context', 'issueAsUser', { key: 'TL-1' }, ADA)).status).toBe(200);
    expect(bodyOf(await runtime.invokeResolver('test-issue-context', 'issueAsUser', { key: 'TL-1' }, NICK_NO_ACCESS)).status).toBe(404);
    const search = bodyOf(await runtime.invokeResolver('test-issue-context', 'asAppSearch', {}, NICK_NO_ACCESS));
    expect(search.status).toBe(200);
    expect((search.body.issues as unknown[]).length).toBeGreaterThan(0);
  });

  it('delivers the emulator\'s issue changes to the triggers; ignoreSelf drops the app\'s own edit', async () => {
    expect(bodyOf(await runtime.invokeResolver('test-issue-context', 'editSummary', { key: 'TL-2', summary: 'Edited by Ada' }, ADA)).status).toBe(204);
    expect(bodyOf(await runtime.invokeResolver('test-issue-context', 'editSummary', { key: 'TL-3', summary: 'Edited by the app', asApp: true }, ADA)).status).toBe(204);
    await runtime.whenIdle();
    const keys = await runtime.runAs('app', async () => {
      const triggered = await kvs.query().where('key', WhereConditions.beginsWith('trigger:TL-')).limit(20).getMany<{ event: Record<string, unknown> }>();
      const ignoring = await kvs.query().where('key', WhereConditions.beginsWith('ignore-self:TL-')).limit(20).getMany();
      return { triggered: triggered.results, ignoring: ignoring.results.map((r) => r.key) };
    });
    const byAda = keys.triggered.find((r) => r.key.startsWith('trigger:TL-2:'));
    expect(byAda?.value.event).toMatchObject({
      eventType: 'avi:jira:updated:issue',
      atlassianId: ADA.accountId,
      issue: { key: 'TL-2', fields: { summary: 'Edited by Ada' } },
      changelog: { items: [expect.objectContaining({ toString: 'Edited by Ada' })] },
      context: { cloudId: runtime.site.cloudId, moduleKey: 'issue-trigger' },
    });
    expect(keys.triggered.some((r) => r.key.startsWith('trigger:TL-3:'))).toBe(true);
    expect(keys.ignoring.some((k) => k.startsWith('ignore-self:TL-2:'))).toBe(true);
    expect(keys.ignoring.some((k) => k.startsWith('ignore-self:TL-3:'))).toBe(false);
  });
});
