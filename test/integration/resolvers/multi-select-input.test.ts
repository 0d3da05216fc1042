/**
 * A multi-select score input set in the sidebar (getIssueDetails, setIssueInput) through the local
 * Forge runtime against the Jira emulator: the options Jira's edit screen offers the user, the
 * write by option ids as the user, and each bad input: an option deleted since the list was shown,
 * an empty selection, forged payloads, a user who may browse but not edit, Jira 429 and 500.
 * Votes and watchers say where in Jira they change.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createForgeRuntime } from '../../../dev/forge-runtime';
import type { ForgeRuntime, InvocationResult } from '../../../dev/forge-runtime';
import { startJiraEmulator } from '../../../dev/jira-emulator';
import type { DatasetInput, JiraEmulator } from '../../../dev/jira-emulator';
import type { IssueDetailsView, IssueScoreView } from '../../../src/contract';
import { createSettingsRepository } from '../../../src/storage';
import { forgeKvs } from '../../../src/storage/forge-kvs';
import { SEGMENT, SEGMENTS_FIELD, SEGMENTS_SCORING, withCustomerSegments } from '../support/customer-segments';

const ROOT = resolve(import.meta.dirname, '../../..');
const PAT = { accountId: '5f0c1a2b3c4d5e6f7a8b9c02' };
const NICK = { accountId: '5f0c1a2b3c4d5e6f7a8b9c03' };
const TL = { id: '10000', key: 'TL', type: 'software' };
const MOB = { id: '10001', key: 'MOB', type: 'software' };
const view = (key: string) => ({ issue: { key, id: emulator.state.findIssue(key)?.id ?? '', type: 'Story' }, project: key.startsWith('MOB') ? MOB : TL });
const PUT = 'PUT /rest/api/3/issue/{issueIdOrKey}';
const EDIT_META = 'GET /rest/api/3/issue/{issueIdOrKey}/editmeta';

type Ok<T> = { ok: true; value: T };
type Refused = { ok: false; error: { code: string; message: string } };

let emulator: JiraEmulator;
let runtime: ForgeRuntime;

function bodyOf(result: InvocationResult): unknown {
  if (!result.success) throw new Error(`the invocation failed: ${result.error.code} ${result.error.message}`);
  return result.body;
}

const call = (key: string, user: { accountId: string }, issueKey: string, payload: unknown = {}) => runtime.invokeResolver('issue-score', key, payload, user, view(issueKey)).then(bodyOf);
const details = async (issueKey: string, user = PAT) => ((await call('getIssueDetails', user, issueKey)) as Ok<IssueDetailsView>).value;
const editorOf = async (issueKey: string, input: string, user = PAT) => (await details(issueKey, user)).inputs.find((candidate) => candidate.input === input)?.editor;
const setSegments = (issueKey: string, value: unknown, user = PAT) => call('setIssueInput', user, issueKey, { input: 'value', value });

beforeAll(async () => {
  const dataset = withCustomerSegments(JSON.parse(readFileSync(join(ROOT, 'dev/demo-data/demo.json'), 'utf8')) as DatasetInput, ['TL-63', 'MOB-1']);
  emulator = await startJiraEmulator({ dataset });
  runtime = await createForgeRuntime({ manifestPath: join(ROOT, 'manifest.yml'), jiraBaseUrl: emulator.url, memory: true, logger: { warn: () => undefined, error: () => undefined } });
  await runtime.runAs('app', async () => {
    const settings = createSettingsRepository(forgeKvs());
    for (const project of [TL, MOB]) await settings.save(project.id, 'scoring', SEGMENTS_SCORING, { baseRevision: 0, actor: 'app' });
  });
});

afterAll(async () => {
  await runtime.close();
  await emulator.close();
});

beforeEach(() => {
  emulator.setFaults({});
});

describe('a multi-select input in the sidebar', () => {
  it("offers the options Jira's edit screen offers the user, with those the issue holds, in one more call beside the epic", async () => {
    emulator.resetCalls();
    expect(await editorOf('TL-63', 'value')).toEqual({
      kind: 'options',
      fieldId: SEGMENTS_FIELD,
      options: Object.values(SEGMENT),
      selected: [SEGMENT.enterprise, SEGMENT.smallBusiness],
    });
    expect(emulator.callCount(EDIT_META)).toBe(1);
    // Nick cannot see the issue: nothing of it, and Jira is not asked for its options.
    expect(await call('getIssueDetails', NICK, 'TL-63')).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('sets the options by id as the user, and answers the new score', async () => {
    const actors: (string | undefined)[] = [];
    const stop = emulator.state.onChange((change) => actors.push((change as { atlassianId?: string }).atlassianId));
    try {
      const set = (await setSegments('TL-63', [SEGMENT.midMarket.id, SEGMENT.publicSector.id, SEGMENT.midMarket.id])) as Ok<IssueScoreView>;
      // Mid-market 5 + Public sector 5 = 10, over TL-63's 13 story points.
      expect(set.value.breakdown.find((row) => row.input === 'value')).toMatchObject({ rawText: 'Mid-market, Public sector', used: 10, status: 'ok' });
      expect(set.value.score).toBeCloseTo(10 / 13, 10);
      expect(actors).toEqual([PAT.accountId]);
    } finally {
      stop();
    }
    expect(await editorOf('TL-63', 'value')).toMatchObject({ selected: [SEGMENT.midMarket, SEGMENT.publicSector] });
  });

  it('an empty selection clears the field: the score says which input is missing, in words', async () => {
    for (const empty of [[], null]) {
      const cleared = (await setSegments('TL-64', empty)) as Ok<IssueScoreView>;
      expect(cleared.value.outcome).toBe('incomplete');
      expect(cleared.value.missing).toContainEqual(expect.objectContaining({ input: 'value', label: 'Customer value' }));
      expect(cleared.value.breakdown.find((row) => row.input === 'value')?.status).toBe('missing');
    }
  });

  it('an option deleted in Jira since the list was shown: refused in words before any write, and no longer offered', async () => {
    const offered = await editorOf('TL-65', 'value');
    expect(offered).toMatchObject({ kind: 'options', options: expect.arrayContaining([SEGMENT.publicSector]) as unknown });
    emulator.state.removeFieldOption(SEGMENTS_FIELD, SEGMENT.publicSector.id);
    emulator.resetCalls();
    const refused = (await setSegments('TL-65', [SEGMENT.enterprise.id, SEGMENT.publicSector.id])) as Refused;
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(refused.error.message).toBe("An option you chose is no longer one of Customer segments's options in Jira (removed or switched off since the list was shown), so Customer value was not changed. Choose again from the current options.");
    expect(emulator.callCount(PUT)).toBe(0);
    const now = await editorOf('TL-65', 'value');
    expect(now).toMatchObject({ kind: 'options' });
    if (now?.kind === 'options') expect(now.options.map((option) => option.id)).not.toContain(SEGMENT.publicSector.id);
  });

  it('forged payloads: an input the model lacks, another field\'s option, ids that are not ids, a list for a number: refused, nothing written', async () => {
    emulator.resetCalls();
    const refusals = [
      [{ input: 'nope', value: [SEGMENT.enterprise.id] }, /^The score has no input "nope"/],
      [{ input: 'value', value: ['10202'] }, /no longer one of Customer segments's options/],
      [{ input: 'value', value: ['../10300'] }, /was sent something that is not one of its options/],
      [{ input: 'value', value: SEGMENT.enterprise.id }, /takes a list of options/],
      [{ input: 'effort', value: ['8'] }, /takes one value, not a list/],
      [{ input: 'value', value: Array.from({ length: 101 }, (_, i) => String(10300 + i)) }, /./],
      [{ input: 'value', value: [SEGMENT.enterprise.id], fieldId: 'customfield_10052' }, /./],
    ] as const;
    for (const [payload, message] of refusals) {
      const refused = (await call('setIssueInput', PAT, 'TL-66', payload)) as Refused;
      expect(refused, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(refused.error.message, JSON.stringify(payload)).toMatch(message);
    }
    expect(emulator.callCount(PUT)).toBe(0);
  });

  it('a user who may browse but not edit: no options offered, the write refused in words, Jira never asked to write', async () => {
    emulator.resetCalls();
    const mob = await details('MOB-1');
    expect(mob.permissions.canEdit).toBe(false);
    expect(emulator.callCount(EDIT_META)).toBe(0);
    const refused = (await setSegments('MOB-1', [SEGMENT.enterprise.id])) as Refused;
    expect(refused).toEqual({ ok: false, error: { code: 'forbidden', message: 'You may not edit MOB-1, so Customer value was not changed.' } });
    expect(emulator.callCount(PUT)).toBe(0);
  });

  it('Jira answering 429 then 200: the options are set; 500 on the write: words, no stack trace; 500 on editmeta: the details still show, the input says why', async () => {
    emulator.failNext({ endpoint: PUT, count: 1, status: 429, retryAfterSeconds: 0.05 });
    expect(await setSegments('TL-67', [SEGMENT.enterprise.id])).toMatchObject({ ok: true, value: { breakdown: expect.arrayContaining([expect.objectContaining({ input: 'value', used: 8 })]) as unknown } });
    emulator.failNext({ endpoint: PUT, count: 5, status: 500 });
    const failed = (await setSegments('TL-67', [SEGMENT.midMarket.id])) as Refused;
    expect(failed.ok).toBe(false);
    expect(failed.error.code).toBe('jira-error');
    expect(failed.error.message).not.toMatch(/\bat .*\.ts|Error:/);
    emulator.setFaults({});
    emulator.failNext({ endpoint: EDIT_META, count: 5, status: 500 });
    expect(await editorOf('TL-67', 'value')).toEqual({ kind: 'none', reason: expect.stringMatching(/Jira did not list its options just now/) as unknown });
  });
});

describe('votes and watchers', () => {
  it('say where in Jira they change, and cannot be set here', async () => {
    await runtime.runAs('app', () =>
      createSettingsRepository(forgeKvs()).save(TL.id, 'scoring', { model: { type: 'value-effort', inputs: { value: { kind: 'votes' }, effort: { kind: 'watchers' } } } }, { baseRevision: 1, actor: 'app' }),
    );
    expect(await editorOf('TL-63', 'value')).toEqual({ kind: 'in-jira', how: expect.stringMatching(/thumbs-up button at the top right of the issue/) as unknown });
    expect(await editorOf('TL-63', 'effort')).toEqual({ kind: 'in-jira', how: expect.stringMatching(/eye button at the top right of the issue/) as unknown });
    expect(await call('setIssueInput', PAT, 'TL-63', { input: 'value', value: 3 })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/^Value cannot be set here\. Jira counts the votes: vote/) as unknown } });
  });
});
