/**
 * Async events through the unmodified @forge/events: push from a resolver, delivery to the
 * manifest's consumer, retries (InvocationError, thrown errors, time-outs), delays, Forge's limits,
 * job stats and cancel.
 */
import { __requestAtlassianAsApp } from '@forge/api';
import { WhereConditions, kvs } from '@forge/kvs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ForgeRuntime, ForgeRuntimeOptions, InvocationResult } from '../../../dev/forge-runtime';
import { ALICE, capturingLogger, fixtureRuntime } from './helpers';

interface ConsumedRecord {
  event: { body: Record<string, unknown>; queueName: string; jobId: string; eventId: string; delayInSeconds?: number; retryContext?: { retryCount: number; retryReason: string; retryData?: unknown } };
  context: Record<string, unknown>;
  at: number;
}

function bodyOf(result: InvocationResult): Record<string, unknown> {
  if (!result.success) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.body as Record<string, unknown>;
}

let runtime: ForgeRuntime;

async function start(overrides: Partial<ForgeRuntimeOptions> = {}): Promise<ForgeRuntime> {
  runtime = await fixtureRuntime(overrides);
  return runtime;
}

async function push(events: unknown, queue?: string): Promise<Record<string, unknown>> {
  return bodyOf(await runtime.invokeResolver('test-issue-context', 'push', queue === undefined ? { events } : { events, queue }, ALICE));
}

/** Every consumer invocation for the event with this id, in the order they ran. */
async function consumed(id: string): Promise<ConsumedRecord[]> {
  const records = await runtime.runAs('app', async () => {
    const found: ConsumedRecord[] = [];
    let cursor: string | undefined;
    do {
      const query = kvs.query().where('key', WhereConditions.beginsWith(`consumer:${id}:`)).limit(20);
      const page = await (cursor === undefined ? query : query.cursor(cursor)).getMany<ConsumedRecord>();
      found.push(...page.results.map((r) => r.value));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return found;
  });
  return records.sort((a, b) => (a.event.retryContext?.retryCount ?? 0) - (b.event.retryContext?.retryCount ?? 0) || a.at - b.at);
}

afterEach(async () => {
  await runtime.close();
});

describe('Queue.push → consumer', () => {
  it('delivers each pushed event to the consumer as an AsyncEvent, as the app', async () => {
    await start();
    const { jobId } = await push([{ body: { id: 'e1', mode: 'ok' } }, { body: { id: 'e2', mode: 'ok' } }]);
    expect(jobId).toBeTypeOf('string');
    await runtime.whenIdle();
    const [first] = await consumed('e1');
    expect(first?.event).toMatchObject({ body: { id: 'e1', mode: 'ok' }, queueName: 'work', jobId });
    expect(first?.event.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first?.event).not.toHaveProperty('retryContext');
    expect(first?.context).toMatchObject({ installContext: `ari:cloud:jira::site/${runtime.site.cloudId}` });
    expect(first?.context).not.toHaveProperty('principal');
    expect(await consumed('e2')).toHaveLength(1);
    expect(runtime.queueStats()).toEqual({ pushed: 2, inProgress: 0, succeeded: 2, failed: 0, cancelled: 0, retries: 0 });
    expect(bodyOf(await runtime.invokeResolver('test-issue-context', 'jobStats', { jobId }, ALICE))).toEqual({ success: 2, inProgress: 0, failed: 0 });
  });

  it('retries when the consumer returns an InvocationError, after retryAfter, with a retryContext', async () => {
    await start({ limits: { delivery: { timeScale: 0.01 } } });
    await push({ body: { id: 'r1', mode: 'retry', retries: 2 } });
    await runtime.whenIdle();
    const attempts = await consumed('r1');
    expect(attempts.map((a) => a.event.retryContext?.retryCount ?? 0)).toEqual([0, 1, 2]);
    expect(attempts[1]?.event.retryContext).toMatchObject({ retryCount: 1, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { seen: 0 } });
    expect(attempts[2]?.event.retryContext).toMatchObject({ retryCount: 2, retryData: { seen: 1 } });
    // retryAfter: 5 s, scaled by 0.01 → 50 ms between attempts.
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(45);
    expect(runtime.queueStats()).toMatchObject({ succeeded: 1, failed: 0, retries: 2 });
  });

  it('retries a consumer that throws, up to the retry limit, then counts the event failed', async () => {
    const logger = capturingLogger();
    await start({ logger, limits: { delivery: { maxRetries: 2 } } });
    const { jobId } = await push({ body: { id: 't1', mode: 'throw' } });
    await runtime.whenIdle();
    const attempts = await consumed('t1');
    expect(attempts.map((a) => a.event.retryContext?.retryReason ?? 'first')).toEqual(['first', 'FUNCTION_ERR', 'FUNCTION_ERR']);
    expect(runtime.queueStats()).toMatchObject({ succeeded: 0, failed: 1, retries: 2 });
    expect(bodyOf(await runtime.invokeResolver('test-issue-context', 'jobStats', { jobId }, ALICE))).toEqual({ success: 0, inProgress: 0, failed: 1 });
    expect(logger.lines.some((line) => line.includes('The consumer failed on purpose for t1.'))).toBe(true);
  });

  it('retries a consumer that runs past its time limit (FUNCTION_TIME_OUT)', async () => {
    await start();
    await push({ body: { id: 's1', mode: 'slow' } });
    await runtime.whenIdle();
    const attempts = await consumed('s1');
    expect(attempts.map((a) => a.event.retryContext?.retryReason ?? 'first')).toEqual(['first', 'FUNCTION_TIME_OUT']);
    expect(runtime.queueStats()).toMatchObject({ succeeded: 1, retries: 1 });
  });

  it('holds an event back for its delayInSeconds', async () => {
    await start({ limits: { delivery: { timeScale: 0.001 } } });
    const pushedAt = Date.now();
    await push([{ body: { id: 'd1', mode: 'ok' }, delayInSeconds: 150 }, { body: { id: 'd0', mode: 'ok' } }]);
    await runtime.whenIdle();
    const [delayed] = await consumed('d1');
    const [immediate] = await consumed('d0');
    expect(delayed?.event.delayInSeconds).toBe(150);
    expect((delayed?.at ?? 0) - pushedAt).toBeGreaterThanOrEqual(145);
    expect(immediate?.at ?? Infinity).toBeLessThan(delayed?.at ?? 0);
  });

  it('delivers a succeeded event again when duplicate deliveries are on (at least once)', async () => {
    await start({ limits: { delivery: { duplicateDeliveries: true } } });
    await push({ body: { id: 'dup', mode: 'ok' } });
    await runtime.whenIdle();
    const deliveries = await consumed('dup');
    expect(deliveries).toHaveLength(2);
    expect(deliveries[0]?.event.eventId).toBe(deliveries[1]?.event.eventId);
  });

  it('does not deliver the waiting events of a cancelled job', async () => {
    await start({ limits: { delivery: { timeScale: 0.001 } } });
    const { jobId } = await push([{ body: { id: 'c1', mode: 'ok' }, delayInSeconds: 200 }]);
    expect(bodyOf(await runtime.invokeResolver('test-issue-context', 'cancelJob', { jobId }, ALICE))).toEqual({ cancelled: true });
    await runtime.whenIdle();
    expect(await consumed('c1')).toEqual([]);
    expect(runtime.queueStats()).toMatchObject({ cancelled: 1, succeeded: 0 });
  });

  it('drops, with a warning, events for a queue no consumer reads', async () => {
    const logger = capturingLogger();
    await start({ logger });
    await push({ body: { id: 'n1' } }, 'nobody-listens');
    await runtime.whenIdle();
    expect(runtime.queueStats()).toMatchObject({ failed: 1 });
    expect(logger.lines).toContainEqual(expect.stringContaining('no consumer in the manifest for queue "nobody-listens"'));
  });
});

describe('push limits', () => {
  it('refuses more than 50 events or more than 200 KB per push (@forge/events errors)', async () => {
    await start();
    const fifty = Array.from({ length: 51 }, (_, i) => ({ body: { id: `x${i}` } }));
    expect(await push(fifty)).toMatchObject({ error: { name: 'TooManyEventsError' } });
    expect(await push({ body: { id: 'big', blob: 'x'.repeat(201 * 1024) } })).toMatchObject({ error: { name: 'PayloadTooBigError' } });
    expect(await push({ body: { id: 'late' }, delayInSeconds: 901 })).toMatchObject({ error: { name: 'InvalidPushSettingsError' } });
    expect(runtime.queueStats().pushed).toBe(0);
  });

  it('checks the limits again on the platform side, as Forge does', async () => {
    await start();
    const publish = (payload: unknown) =>
      runtime.runAs('app', async () => {
        const response = await __requestAtlassianAsApp('/webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ queueName: 'work', jobId: 'j-1', type: 'avi:forge:app:event', payload, time: new Date().toISOString() }),
        });
        return response.status;
      });
    expect(await publish(Array.from({ length: 51 }, () => ({ body: {} })))).toBe(400);
    expect(await publish([{ body: { blob: 'x'.repeat(201 * 1024) } }])).toBe(413);
    expect(await publish([{ body: 'not an object' }])).toBe(400);
    expect(await publish([{ body: { id: 'ok-direct' } }])).toBe(201);
    await runtime.whenIdle();
  });
});
