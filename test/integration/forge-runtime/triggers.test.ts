/**
 * Product events → triggers. The source is a fake with the Jira emulator's `onChange` interface,
 * so each test chooses its payload; emulator.test.ts drives the triggers from the real emulator.
 */
import { WhereConditions, kvs } from '@forge/kvs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ForgeRuntime, JiraChange, JiraChangeSource } from '../../../dev/forge-runtime';
import { capturingLogger, fixtureRuntime } from './helpers';
import type { CapturingLogger } from './helpers';

class FakeJira implements JiraChangeSource {
  private readonly listeners = new Set<(change: JiraChange) => void>();

  onChange(listener: (change: JiraChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Like the emulator: listeners are called synchronously, inside the write that changed Jira. */
  emit(change: JiraChange): void {
    for (const listener of this.listeners) listener(change);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}

const issue = (key: string, summary: string) => ({ id: `1${key.replace(/\D/g, '')}`, key, fields: { summary, issuetype: { id: '10001', name: 'Story' } } });

const updated = (key: string, summary: string, atlassianId?: string): JiraChange => ({
  eventType: 'avi:jira:updated:issue',
  ...(atlassianId === undefined ? {} : { atlassianId }),
  issue: issue(key, summary),
  changelog: { id: '100001', items: [{ field: 'summary', fieldId: 'summary', fieldtype: 'jira', from: null, fromString: 'old', to: null, toString: summary }] },
});

interface Recorded {
  key: string;
  value: { event: Record<string, unknown> & { retryContext?: { retryCount: number; retryReason: string; retryData?: unknown } }; context: Record<string, unknown> };
}

describe('product events → triggers', () => {
  let runtime: ForgeRuntime;
  let jira: FakeJira;
  let logger: CapturingLogger;

  const recorded = (prefix: string): Promise<Recorded[]> =>
    runtime.runAs('app', async () => {
      const page = await kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(20).getMany<Recorded['value']>();
      return page.results;
    });

  beforeEach(async () => {
    jira = new FakeJira();
    logger = capturingLogger();
    runtime = await fixtureRuntime({ jiraEvents: jira, logger });
  });
  afterEach(async () => {
    await runtime.close();
  });

  it('delivers an issue update with Forge\'s event shape and context', async () => {
    jira.emit(updated('TL-7', 'New summary', 'alice-0001'));
    await runtime.whenIdle();
    const [record] = await recorded('trigger:TL-7:');
    expect(record?.value.event).toEqual({
      eventType: 'avi:jira:updated:issue',
      atlassianId: 'alice-0001',
      issue: issue('TL-7', 'New summary'),
      changelog: updated('TL-7', 'New summary').changelog,
      context: { cloudId: runtime.site.cloudId, moduleKey: 'issue-trigger' },
      contextToken: 'local-forge-runtime',
    });
    expect(record?.value.context).toMatchObject({ installContext: `ari:cloud:jira::site/${runtime.site.cloudId}` });
    expect(record?.value.context).not.toHaveProperty('principal');
    // The ignoreSelf trigger also gets a user's edit.
    expect(await recorded('ignore-self:TL-7:')).toHaveLength(1);
  });

  it('flattens issue link events to Forge\'s payload', async () => {
    jira.emit({
      eventType: 'avi:jira:created:issuelink',
      atlassianId: 'bob-0002',
      issueLink: { id: '10500', sourceIssueId: '10001', destinationIssueId: '10002', issueLinkType: { id: '1', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' } },
    });
    await runtime.whenIdle();
    const [record] = await recorded('trigger:link:');
    expect(record?.value.event).toEqual({
      eventType: 'avi:jira:created:issuelink',
      atlassianId: 'bob-0002',
      id: '10500',
      sourceIssueId: '10001',
      destinationIssueId: '10002',
      issueLinkType: { id: '1', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
      context: { cloudId: runtime.site.cloudId, moduleKey: 'issue-trigger' },
      contextToken: 'local-forge-runtime',
    });
  });

  it('drops the app\'s own edits for a trigger with filter.ignoreSelf', async () => {
    jira.emit(updated('TL-8', 'Edited by the app'));
    await runtime.whenIdle();
    expect(await recorded('trigger:TL-8:')).toHaveLength(1);
    expect(await recorded('ignore-self:TL-8:')).toEqual([]);
  });

  it('ignores events no trigger subscribes to', async () => {
    const deliveries = await runtime.fireTrigger({ eventType: 'avi:jira:deleted:issue', issue: issue('TL-9', 'gone') });
    expect(deliveries).toEqual([]);
  });

  it('retries when the trigger returns an InvocationError, with retryContext', async () => {
    const [delivery] = await runtime.fireTrigger(updated('TL-10', 'please retry twice', 'alice-0001'));
    expect(delivery).toMatchObject({ triggerKey: 'issue-trigger', status: 'succeeded' });
    expect(delivery?.attempts).toHaveLength(3);
    const attempts = (await recorded('trigger:TL-10:')).map((r) => r.value.event.retryContext);
    expect(attempts).toContainEqual(undefined);
    expect(attempts).toContainEqual(expect.objectContaining({ retryCount: 1, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { attempt: 0 } }));
    expect(attempts).toContainEqual(expect.objectContaining({ retryCount: 2, retryData: { attempt: 1 } }));
  });

  it('stops after Forge\'s four retries', async () => {
    const [delivery] = await runtime.fireTrigger(updated('TL-11', 'always retry', 'alice-0001'));
    expect(delivery).toMatchObject({ status: 'failed' });
    expect(delivery?.attempts).toHaveLength(5);
  });

  it('retries a trigger that timed out (a platform error), but not one that threw', async () => {
    const [slow] = await runtime.fireTrigger(updated('TL-12', 'too slow', 'alice-0001'));
    expect(slow?.status).toBe('succeeded');
    expect(slow?.attempts[0]).toMatchObject({ success: false, error: { code: 'FUNCTION_TIME_OUT' } });
    expect((await recorded('trigger:TL-12:1:'))[0]?.value.event.retryContext?.retryReason).toBe('FUNCTION_TIME_OUT');

    const [thrown] = await runtime.fireTrigger(updated('TL-13', 'throws', 'alice-0001'));
    expect(thrown).toMatchObject({ status: 'failed', attempts: [{ success: false, error: { code: 'FUNCTION_ERR', message: 'The trigger failed on purpose.' } }] });
    expect(logger.lines.some((line) => line.includes('The trigger failed on purpose.'))).toBe(true);
  });

  it('unsubscribes from the source on close', async () => {
    expect(jira.listenerCount).toBe(1);
    await runtime.close();
    expect(jira.listenerCount).toBe(0);
  });
});
