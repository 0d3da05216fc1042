/**
 * getIssueScore through the local Forge runtime against the Jira emulator, as different users:
 * the issue comes from the context, is read as the user, and every failure comes back in words.
 */
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForgeRuntime } from '../../../dev/forge-runtime';
import type { ForgeRuntime, InvocationResult } from '../../../dev/forge-runtime';
import { startJiraEmulator } from '../../../dev/jira-emulator';
import type { JiraEmulator } from '../../../dev/jira-emulator';
import { rawTextOf } from '../../../src/services/issue-score';

const ROOT = resolve(import.meta.dirname, '../../..');
const PAT = { accountId: '5f0c1a2b3c4d5e6f7a8b9c02', timezone: 'Europe/Berlin' };
const NICK = { accountId: '5f0c1a2b3c4d5e6f7a8b9c03' };
const TL_15 = { issue: { id: '10015', key: 'TL-15', type: 'Story' }, project: { id: '10000', key: 'TL', type: 'software' } };
const NOT_FOUND = { ok: false, error: { code: 'not-found', message: "You can't see this issue, or it doesn't exist." } };

let emulator: JiraEmulator;
let runtime: ForgeRuntime;

beforeAll(async () => {
  emulator = await startJiraEmulator({ dataset: join(ROOT, 'dev/demo-data/demo.json') });
  runtime = await createForgeRuntime({ manifestPath: join(ROOT, 'manifest.yml'), jiraBaseUrl: emulator.url, memory: true, logger: { warn: () => undefined, error: () => undefined } });
});

afterAll(async () => {
  await runtime.close();
  await emulator.close();
});

function bodyOf(result: InvocationResult): unknown {
  if (!result.success) throw new Error(`the invocation failed: ${result.error.code} ${result.error.message}`);
  return result.body;
}

const score = (user: typeof PAT | typeof NICK, extension: Record<string, unknown>, payload: unknown = {}) =>
  runtime.invokeResolver('issue-score', 'getIssueScore', payload, user, extension).then(bodyOf);

describe('getIssueScore', () => {
  it('scores the issue in view with the default configuration, read as the user', async () => {
    const answer = (await score(PAT, TL_15)) as { ok: true; value: Record<string, unknown> };
    expect(answer.ok).toBe(true);
    expect(answer.value).toMatchObject({
      issue: { id: '10015', key: 'TL-15' },
      model: { name: 'Value / effort' },
      outcome: 'scored',
      configuration: 'default',
    });
    // The project's default, from the fields TL's issues carry: business value ÷ story points (no
    // numeric risk reduction on them, so not WSJF, which would leave every issue incomplete).
    expect(answer.value.missing).toEqual([]);
    const rows = answer.value.breakdown as { input: string; field: { id: string; name: string } | null; rawText: string | null; used: number | null }[];
    expect(rows.find((row) => row.input === 'effort')).toMatchObject({ field: { name: 'Story point estimate' }, rawText: '3', used: 3 });
    expect(rows.find((row) => row.input === 'value')).toMatchObject({ field: { id: 'customfield_10050', name: 'Business Value' } });
  });

  it('answers "not found" to a user who cannot browse the issue, and to forged keys', async () => {
    expect(await score(NICK, TL_15)).toEqual(NOT_FOUND);
    for (const key of ['TL-99999', 'ZZ-1', '../myself', 'TL-1/properties', '']) {
      expect(await score(PAT, { ...TL_15, issue: { key } }), key).toEqual(NOT_FOUND);
    }
  });

  it('takes nothing from the payload and needs an issue in view', async () => {
    expect(await score(PAT, TL_15, { issueKey: 'TL-1' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await score(PAT, { project: TL_15.project })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('puts Jira failures in words: a server error, a rate limit', async () => {
    // The app's own background work (the first view queues the project's recompute) must not meet
    // the faults meant for this read, nor use them up: it finishes first, and the 429s are the issue read's.
    await runtime.whenIdle();
    emulator.setFaults({ serverErrors: { rate: 1, status: 500 } });
    try {
      const failed = (await score(PAT, TL_15)) as { ok: false; error: { code: string; message: string } };
      expect(failed.ok).toBe(false);
      expect(failed.error.code).toBe('jira-error');
      expect(failed.error.message).toMatch(/^Jira could not give the issue: /);
    } finally {
      emulator.setFaults({});
    }
    await runtime.whenIdle();
    emulator.failNext({ endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}', count: 10, status: 429, retryAfterSeconds: 0.01 });
    try {
      const limited = (await score(PAT, TL_15)) as { ok: false; error: { code: string; message: string } };
      expect(limited.error.code).toBe('rate-limited');
      expect(limited.error.message).toContain('Jira is busy');
    } finally {
      emulator.setFaults({});
    }
  });
});

describe('rawTextOf', () => {
  it.each([
    [null, null],
    ['', null],
    [8, '8'],
    [{ id: '3', name: 'Medium' }, 'Medium'],
    [{ id: '10', value: 'High risk' }, 'High risk'],
    [[{ value: 'A' }, { value: 'B' }], 'A, B'],
    [{ votes: 4, hasVoted: false }, '4'],
  ] as const)('%j → %j', (raw, text) => {
    expect(rawTextOf(raw)).toBe(text);
  });
});
