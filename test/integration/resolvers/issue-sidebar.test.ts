/**
 * The issue sidebar's resolvers (getIssueScore, getIssueDetails, getIssueRank, setIssueInput)
 * through the local Forge runtime against the Jira emulator, as Ada Admin, Pat Owner and Nick
 * NoAccess: call counts, the trace and readiness with a stored strategy, the rank from the
 * "Priority score" field, writes as the user, and bad input.
 */
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createForgeRuntime } from '../../../dev/forge-runtime';
import type { ForgeRuntime, InvocationResult } from '../../../dev/forge-runtime';
import { startJiraEmulator } from '../../../dev/jira-emulator';
import type { JiraEmulator } from '../../../dev/jira-emulator';
import { fieldValueOf } from '../../../src/services/issue-input';
import { jqlNumber } from '../../../src/jira/jql';
import type { IssueDetailsView, IssueRankView, IssueScoreView } from '../../../src/contract';
import { isUnmappedField, unknownFieldName } from '../../../src/services/input-setup';
import { rankViewOf } from '../../../src/services/issue-rank';
import { createSettingsRepository } from '../../../src/storage';
import { defaultScoringConfig } from '../../../src/domain/scoring';
import { checkInputText } from '../../../static/issue-sidebar/src/input-editor';
import { notSetUpText, rankText } from '../../../static/issue-sidebar/src/score-panel';
import { forgeKvs } from '../../../src/storage/forge-kvs';
import { adoptDemoThemes, attachInStorage } from '../support/epic-themes';

const ROOT = resolve(import.meta.dirname, '../../..');
const ADA = { accountId: '5f0c1a2b3c4d5e6f7a8b9c01' };
const PAT = { accountId: '5f0c1a2b3c4d5e6f7a8b9c02', timezone: 'Europe/Berlin' };
const NICK = { accountId: '5f0c1a2b3c4d5e6f7a8b9c03' };
const PROJECT = { id: '10000', key: 'TL', type: 'software' };
const view = (key: string, id?: string) => ({ issue: { key, ...(id === undefined ? {} : { id }), type: 'Story' }, project: PROJECT });
const NOT_FOUND = { ok: false, error: { code: 'not-found', message: "You can't see this issue, or it doesn't exist." } };
const SCORE_FIELD = 'customfield_10100';

let emulator: JiraEmulator;
let runtime: ForgeRuntime;

type User = { accountId: string; timezone?: string };
type Ok<T> = { ok: true; value: T };

function bodyOf(result: InvocationResult): unknown {
  if (!result.success) throw new Error(`the invocation failed: ${result.error.code} ${result.error.message}`);
  return result.body;
}

const call = (key: string, user: User, extension: Record<string, unknown>, payload: unknown = {}) => runtime.invokeResolver('issue-score', key, payload, user, extension).then(bodyOf);

/** Jira calls made while `run` runs, by endpoint. */
async function jiraCalls(run: () => Promise<unknown>): Promise<Record<string, number>> {
  // The background's calls are not the resolver's: a recompute a first view queued finishes first.
  await runtime.whenIdle();
  emulator.resetCalls();
  await run();
  return { ...emulator.calls };
}
const total = (calls: Record<string, number>) => Object.values(calls).reduce((sum, count) => sum + count, 0);

beforeAll(async () => {
  emulator = await startJiraEmulator({ dataset: join(ROOT, 'dev/demo-data/demo.json') });
  // Queue retries at a thousandth of their delay: the first views queue TL's first recompute, which Jira's faults below may retry.
  runtime = await createForgeRuntime({ manifestPath: join(ROOT, 'manifest.yml'), jiraBaseUrl: emulator.url, memory: true, logger: { warn: () => undefined, error: () => undefined }, limits: { delivery: { timeScale: 0.001 } } });
  await runtime.runAs('app', () =>
    createSettingsRepository(forgeKvs()).save(
      PROJECT.id,
      'strategy',
      {
        schemaVersion: 1,
        revision: 0,
        vision: { statement: 'Every team ships what matters most.', targetCustomers: '', goals: [] },
        themes: [
          { id: 'theme-onboarding', name: 'Effortless onboarding', horizon: 'now' },
          { id: 'theme-insights', name: 'Decisions from data', horizon: 'now' },
          { id: 'theme-collaboration', name: 'Work together', horizon: 'next', archived: true },
        ],
      },
      { baseRevision: 0, actor: 'app' },
    ),
  );
  // The demo's epics carry their themes as properties, as before the app stored them: adopted once, as on an upgraded site.
  await adoptDemoThemes(runtime, emulator, PROJECT.id);
});

afterAll(async () => {
  await runtime.close();
  await emulator.close();
});

beforeEach(() => {
  emulator.setFaults({});
  emulator.setLatency(0);
});

describe('getIssueScore', () => {
  it('paints the score after at most two Jira calls (site fields and what the project\'s issues carry cached in storage), with the project\'s default configuration', async () => {
    // The first sidebar on a site reads the field list and the project's issues once (3 calls) and keeps what it learned.
    const cold = await jiraCalls(() => call('getIssueScore', PAT, view('TL-60')));
    expect(total(cold)).toBeLessThanOrEqual(3);
    let answer: unknown;
    const calls = await jiraCalls(async () => {
      answer = await call('getIssueScore', PAT, view('TL-15'));
    });
    expect(total(calls)).toBeLessThanOrEqual(2);
    // TL's issues carry business value and story points, but no numeric risk reduction: value ÷ effort over those.
    expect(answer).toMatchObject({ ok: true, value: { issue: { key: 'TL-15' }, model: { name: 'Value / effort' }, project: { id: '10000', key: 'TL' }, configuration: 'default' } });
    const rows = (answer as Ok<{ breakdown: { input: string; field: { name: string } | null }[] }>).value.breakdown;
    expect(rows.find((row) => row.input === 'effort')).toMatchObject({ field: { name: 'Story point estimate' } });
    expect(rows.find((row) => row.input === 'value')).toMatchObject({ field: { name: 'Business Value' } });
  });

  it('answers "not found" to Nick, and to forged keys and ids, for every sidebar resolver', async () => {
    for (const key of ['getIssueScore', 'getIssueDetails', 'getIssueRank']) {
      expect(await call(key, NICK, view('TL-15')), key).toEqual(NOT_FOUND);
      for (const forged of ['TL-99999', 'ZZ-1', '../myself', 'TL-1/properties', '']) expect(await call(key, PAT, view(forged)), `${key} ${forged}`).toEqual(NOT_FOUND);
    }
    expect(await call('setIssueInput', NICK, view('TL-15'), { input: 'jobSize', value: 3 })).toEqual(NOT_FOUND);
    // A forged project id in the context changes nothing: the project comes from the issue as Jira sends it.
    const forgedProject = (await call('getIssueScore', PAT, { ...view('TL-15'), project: { id: '99999', key: 'MOB' } })) as Ok<{ project: { key: string } }>;
    expect(forgedProject.value.project.key).toBe('TL');
  });

  it('Jira answering 429 then 200: the score arrives, a little later; 500: words, no stack trace', async () => {
    emulator.failNext({ endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}', count: 1, status: 429, retryAfterSeconds: 0.05 });
    expect(await call('getIssueScore', PAT, view('TL-15'))).toMatchObject({ ok: true, value: { issue: { key: 'TL-15' } } });
    emulator.setFaults({ serverErrors: { rate: 1, status: 500 } });
    const failed = (await call('getIssueScore', PAT, view('TL-15'))) as { ok: false; error: { code: string; message: string } };
    expect(failed.error.code).toBe('jira-error');
    expect(failed.error.message).not.toMatch(/\bat .*\.ts|Error:/);
  });
});

describe('getIssueDetails', () => {
  it('gives readiness, the trace Vision › Theme › Epic › issue, the permissions and the input editors in four calls', async () => {
    let answer: unknown;
    const calls = await jiraCalls(async () => {
      answer = await call('getIssueDetails', PAT, view('TL-69'));
    });
    // The issue, the field list and the permissions in parallel, then the epic.
    expect(total(calls)).toBeLessThanOrEqual(4);
    expect(answer).toMatchObject({
      ok: true,
      value: {
        trace: { vision: 'Every team ships what matters most.', theme: { kind: 'theme', id: 'theme-onboarding', name: 'Effortless onboarding' }, epic: { key: 'TL-1', exists: true }, issue: { key: 'TL-69' } },
        permissions: { canEdit: true, isAdmin: false },
      },
    });
    const readiness = (answer as Ok<{ readiness: { verdict: string; notChecked: { ruleId: string }[] } }>).value.readiness;
    expect(['ready', 'not-ready']).toContain(readiness.verdict);
    expect(readiness.notChecked.map((rule) => rule.ruleId)).not.toContain('epic-has-theme');
    const inputs = (answer as Ok<{ inputs: { input: string; field: { name: string } | null; editor: { kind: string } }[] }>).value.inputs;
    expect(inputs.find((row) => row.input === 'effort')).toMatchObject({ field: { name: 'Story point estimate' }, editor: { kind: 'number' } });
    expect(inputs.find((row) => row.input === 'value')).toMatchObject({ field: { name: 'Business Value' }, editor: { kind: 'number' } });
    expect(await call('getIssueDetails', ADA, view('TL-69'))).toMatchObject({ value: { permissions: { canEdit: true, isAdmin: true } } });
    // Pat may browse MOB but not edit there: no edit buttons.
    expect(await call('getIssueDetails', PAT, view('MOB-1'))).toMatchObject({ value: { permissions: { canEdit: false, isAdmin: false } } });
  });

  it('an archived theme is shown as archived; an epic without a theme and a story without an epic are said so', async () => {
    expect(await call('getIssueDetails', PAT, view('TL-61'))).toMatchObject({ value: { trace: { theme: { kind: 'theme', id: 'theme-collaboration', archived: true } } } });
    expect(await call('getIssueDetails', PAT, view('TL-55'))).toMatchObject({ value: { trace: { theme: { kind: 'none' }, epic: { key: 'TL-10', exists: true } } } });
    expect(await call('getIssueDetails', PAT, view('TL-59'))).toMatchObject({ value: { trace: { epic: null, theme: { kind: 'none' } } } });
  });

  it('a theme id the strategy does not know is an unknown theme; an epic that is gone is said so', async () => {
    // The epic's theme is what the app stored (its property is only an index): a theme removed from the strategy since.
    await attachInStorage(runtime, emulator, 'TL-4', 'theme-removed');
    expect(await call('getIssueDetails', PAT, view('TL-66'))).toMatchObject({ value: { trace: { theme: { kind: 'unknown', id: 'theme-removed' } } } });
    await attachInStorage(runtime, emulator, 'TL-4', 'theme-insights');
    // The epic was deleted: the story still names it, the epic's bulk fetch leaves it out.
    deleteFromJira('TL-12');
    const gone = (await call('getIssueDetails', PAT, view('TL-57'))) as Ok<{ trace: { epic: { key: string; exists: boolean } | null }; readiness: { failures: { ruleId: string }[]; warnings: { ruleId: string; message: string }[] } }>;
    expect(gone.value.trace.epic).toMatchObject({ key: 'TL-12', exists: false });
    expect(gone.value.readiness.warnings.find((rule) => rule.ruleId === 'has-epic')?.message).toMatch(/no longer exists/);
    expect(await call('getIssueScore', PAT, view('TL-57'))).toMatchObject({ ok: true });
  });

  it('epics are not covered by the readiness rules: not applicable, with why', async () => {
    expect(await call('getIssueDetails', PAT, view('TL-1'))).toMatchObject({ value: { readiness: { verdict: 'not-applicable' }, trace: { issue: { isEpic: true }, epic: null } } });
  });
});

describe('getIssueRank', () => {
  beforeAll(async () => {
    // The first views queued TL's first recompute: let it finish, then leave the field as each test sets it.
    await runtime.whenIdle();
    for (const issue of emulator.state.allIssues()) if (issue.projectId === PROJECT.id) emulator.state.setAppFieldValue(SCORE_FIELD, issue.id, null);
  });

  it('says honestly that there is no rank before the background wrote any score', async () => {
    expect(await call('getIssueRank', PAT, view('TL-60'))).toMatchObject({ ok: true, value: { status: 'unavailable', message: expect.stringContaining('Rank appears once scores are computed') as unknown } });
  });

  it('ranks among open scored issues with three count calls in parallel, and says a tie', async () => {
    // TL-15 is done: its score does not count.
    const scores: Record<string, number> = { 'TL-60': 9, 'TL-61': 4, 'TL-62': 6.5, 'TL-63': 12, 'TL-64': 6.5, 'TL-65': 1, 'TL-15': 50 };
    for (const [key, value] of Object.entries(scores)) emulator.state.setAppFieldValue(SCORE_FIELD, key, value);
    let answer: unknown;
    const calls = await jiraCalls(async () => {
      answer = await call('getIssueRank', PAT, view('TL-62'));
    });
    expect(calls['POST /rest/api/3/search/approximate-count']).toBe(3);
    expect(total(calls)).toBeLessThanOrEqual(4);
    // TL-64 has the same 6.5: both are #3, and the words say so.
    expect(answer).toMatchObject({ ok: true, value: { status: 'ranked', rank: 3, total: 6, tied: 2, score: 6.5 } });
    expect(rankText((answer as Ok<IssueRankView>).value)).toBe('#3 of 6 · tied with 1 other · top 50%');
    const last = (await call('getIssueRank', PAT, view('TL-65'))) as Ok<IssueRankView>;
    expect(rankText(last.value)).toBe('#6 of 6 · bottom of the backlog');
    expect(await call('getIssueRank', PAT, view('TL-15'))).toMatchObject({ value: { status: 'unavailable', message: expect.stringContaining('Done issues') as unknown } });
    expect(await call('getIssueRank', PAT, view('TL-66'))).toMatchObject({ value: { status: 'unavailable', message: expect.stringContaining('this issue has no computed score') as unknown } });
  });
});

describe('setIssueInput', () => {
  it('writes the input as the user and answers the new score', async () => {
    const actors: (string | undefined)[] = [];
    const stop = emulator.state.onChange((change) => {
      actors.push((change as { atlassianId?: string }).atlassianId);
    });
    try {
      const before = (await call('getIssueScore', PAT, view('TL-64'))) as Ok<{ missing: { input: string }[] }>;
      expect(before.value.missing.map((problem) => problem.input)).toContain('effort');
      const after = (await call('setIssueInput', PAT, view('TL-64'), { input: 'effort', value: '5' })) as Ok<{ breakdown: { input: string; used: number | null }[]; missing: { input: string }[] }>;
      expect(after.value.breakdown.find((row) => row.input === 'effort')?.used).toBe(5);
      expect(after.value.missing.map((problem) => problem.input)).not.toContain('effort');
      expect(actors).toContain(PAT.accountId);
    } finally {
      stop();
    }
  });

  it('refuses a letter in a number before any write, and a user without EDIT_ISSUES', async () => {
    const calls = await jiraCalls(async () => {
      expect(await call('setIssueInput', PAT, view('TL-15'), { input: 'effort', value: '5a' })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('must be a number') as unknown } });
    });
    expect(calls['PUT /rest/api/3/issue/{issueIdOrKey}'] ?? 0).toBe(0);
    expect(await call('setIssueInput', PAT, view('MOB-1'), { input: 'effort', value: 3 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('setIssueInput', PAT, view('TL-15'), { input: 'nope', value: 3 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('setIssueInput', PAT, view('TL-15'), { input: 'effort', value: 3, issueKey: 'TL-1' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});

/**
 * The emulator cannot delete issues: the key stops resolving (GET answers 404, bulk fetch leaves it
 * out), as after a deletion, while stories that pointed at it keep their stale parent reference.
 */
function deleteFromJira(key: string): void {
  const internals = emulator.state as unknown as { issueIdsByKey: Map<string, string> };
  expect(internals.issueIdsByKey.delete(key)).toBe(true);
}

describe('pure helpers', () => {
  it('fieldValueOf refuses what is not the input kind', () => {
    expect(fieldValueOf({ kind: 'number', fieldId: 'customfield_1' }, 'Job size', '8')).toBe(8);
    expect(fieldValueOf({ kind: 'number', fieldId: 'customfield_1' }, 'Job size', null)).toBeNull();
    for (const bad of ['8x', 'eight', '1e400', 'NaN', 'Infinity', '--1']) expect(() => fieldValueOf({ kind: 'number', fieldId: 'customfield_1' }, 'Job size', bad), bad).toThrow(/number/);
    expect(fieldValueOf({ kind: 'date', fieldId: 'duedate' }, 'Due', '2026-12-01')).toBe('2026-12-01');
    expect(() => fieldValueOf({ kind: 'date', fieldId: 'duedate' }, 'Due', '2026-02-30')).toThrow(/date/);
    expect(fieldValueOf({ kind: 'choice', fieldId: 'priority', choices: ['High', 'Low'] }, 'Value', 'High')).toEqual({ name: 'High' });
    expect(() => fieldValueOf({ kind: 'choice', fieldId: 'priority', choices: ['High'] }, 'Value', 'Urgent')).toThrow(/one of/);
    expect(() => fieldValueOf({ kind: 'none', reason: 'counted by Jira' }, 'Votes', 3)).toThrow(/cannot be set/);
  });

  it('the sidebar refuses a letter in a number before anything is sent', () => {
    const number = { kind: 'number', fieldId: 'customfield_10016' } as const;
    expect(checkInputText(number, 'Job size', '5a')).toEqual({ ok: false, message: 'Job size must be a number: "5a" is not one.' });
    expect(checkInputText(number, 'Job size', ' 8 ')).toEqual({ ok: true, value: 8 });
    expect(checkInputText(number, 'Job size', '')).toEqual({ ok: true, value: null });
    expect(checkInputText({ kind: 'date', fieldId: 'duedate' }, 'Due', 'soon')).toMatchObject({ ok: false });
  });

  it('rank and JQL numbers', () => {
    expect(rankText({ status: 'ranked', rank: 4, total: 212, topPercent: 2, tied: 1, score: 9 })).toBe('#4 of 212 · top 2%');
    expect(rankText({ status: 'ranked', rank: 7, total: 7, topPercent: 100, tied: 1, score: 9 })).toBe('#7 of 7 · bottom of the backlog');
    expect(rankText({ status: 'ranked', rank: 1234, total: 5000, topPercent: 25, tied: 1, score: 9 }, 'en-US')).toBe('#1,234 of 5,000 · top 25%');
    expect(rankViewOf(3, 212, 9)).toEqual({ status: 'ranked', rank: 4, total: 212, topPercent: 2, tied: 1, score: 9 });
    expect(rankViewOf(5, 4, 1)).toMatchObject({ rank: 6, total: 6 });
    expect(rankViewOf(4, 6, 1, 3)).toMatchObject({ rank: 5, total: 7, tied: 3 });
    expect(rankViewOf(0, 3, 1, 0)).toMatchObject({ tied: 1 });
    expect(jqlNumber(6.5)).toBe('6.5');
    // Every digit the score has: rounded to 6 places, an issue scored 1/3 counted itself as above it.
    expect(jqlNumber(1 / 3)).toBe('0.3333333333333333');
    expect(jqlNumber(12)).toBe('12');
  });
});

describe('bad input from Jira and from the configuration', () => {
  it('inputs of every wrong type, as real Jira values on a real issue: named, never a number made up', async () => {
    const wrong: unknown[] = ['5', 'five', { value: '5' }, [5], true, {}, 7];
    for (const value of wrong) {
      const data = (emulator.state as unknown as { findIssue(key: string): { fields: Record<string, unknown> } | undefined }).findIssue('TL-60');
      if (data === undefined) throw new Error('no TL-60');
      // Written straight into the stored issue, as Jira would send a field of another type (a changed field type, an import).
      data.fields.customfield_10050 = value;
      const answer = (await call('getIssueScore', PAT, view('TL-60'))) as Ok<{ outcome: string; score: number | null; breakdown: { input: string; status: string; used: number | null }[] }>;
      expect(answer.ok, JSON.stringify(value)).toBe(true);
      const row = answer.value.breakdown.find((line) => line.input === 'value');
      if (typeof value === 'number') {
        expect(row?.status).toBe('ok');
      } else {
        expect(row?.status, JSON.stringify(value)).not.toBe('ok');
        expect(answer.value.score, JSON.stringify(value)).toBeNull();
      }
    }
  });

  it('a field removed from the site after configuration: the input is missing by name, and cannot be set here', async () => {
    const saved = await runtime.runAs('app', () =>
      createSettingsRepository(forgeKvs()).save(
        PROJECT.id,
        'scoring',
        { model: { type: 'value-effort', inputs: { value: { kind: 'number', fieldId: 'customfield_10050' }, effort: { kind: 'number', fieldId: 'customfield_19999' } } } },
        { baseRevision: 0, actor: 'app' },
      ),
    );
    expect(saved.revision).toBe(1);
    const score = (await call('getIssueScore', PAT, view('TL-63'))) as Ok<{ configuration: string; model: { name: string }; outcome: string; missing: { input: string }[] }>;
    expect(score.value).toMatchObject({ configuration: 'stored', outcome: 'incomplete' });
    expect(score.value.missing.map((problem) => problem.input)).toEqual(['effort']);
    const details = (await call('getIssueDetails', PAT, view('TL-63'))) as Ok<{ inputs: { input: string; editor: { kind: string; reason?: string } }[] }>;
    expect(details.value.inputs.find((input) => input.input === 'effort')?.editor).toEqual({ kind: 'none', reason: expect.stringMatching(/^its Jira field was deleted; a project admin chooses another/) as unknown });
    expect(await call('setIssueInput', PAT, view('TL-63'), { input: 'effort', value: 3 })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('its Jira field was deleted') as unknown } });
  });
});

describe("Jira's refusal, in words", () => {
  it('an option the configuration names but Jira does not have: Jira refuses the write, the user reads why', async () => {
    await runtime.runAs('app', () =>
      createSettingsRepository(forgeKvs()).save(
        PROJECT.id,
        'scoring',
        {
          model: {
            type: 'value-effort',
            inputs: { value: { kind: 'select', fieldId: 'customfield_10052', options: { Low: 1, Medium: 2, Bogus: 9 } }, effort: { kind: 'number', fieldId: 'customfield_10016' } },
          },
        },
        { baseRevision: 1, actor: 'app' },
      ),
    );
    const details = (await call('getIssueDetails', PAT, view('TL-63'))) as Ok<{ inputs: { input: string; editor: { kind: string; choices?: string[] } }[] }>;
    expect(details.value.inputs.find((input) => input.input === 'value')?.editor).toEqual({ kind: 'choice', fieldId: 'customfield_10052', choices: ['Low', 'Medium', 'Bogus'] });
    const refused = (await call('setIssueInput', PAT, view('TL-63'), { input: 'value', value: 'Bogus' })) as { ok: false; error: { code: string; message: string } };
    expect(refused.ok).toBe(false);
    expect(refused.error.message).toMatch(/^Jira refused to set Value: .*Bogus/);
    expect(refused.error.code).toBe('bad-request');
    const set = (await call('setIssueInput', PAT, view('TL-63'), { input: 'value', value: 'Medium' })) as Ok<{ breakdown: { input: string; rawText: string | null; used: number | null }[] }>;
    expect(set.value.breakdown.find((row) => row.input === 'value')).toMatchObject({ rawText: 'Medium', used: 2 });
    expect(await call('setIssueInput', PAT, view('TL-63'), { input: 'value', value: 'Huge' })).toMatchObject({ ok: false, error: { code: 'bad-request', message: 'Value must be one of: Low, Medium, Bogus.' } });
  });
});

describe('the first minute in a project nobody configured (MOB, team-managed)', () => {
  const MOB = { id: '10001', key: 'MOB', type: 'software' };
  const mob = (key: string) => ({ issue: { key, type: 'Story' }, project: MOB });
  const RAW_ID = /customfield_/;

  it('scores at once from the fields its issues carry, named, with no input left unset', async () => {
    const score = (await call('getIssueScore', PAT, mob('MOB-5'))) as Ok<IssueScoreView>;
    expect(score.value).toMatchObject({ configuration: 'default', outcome: 'scored', missing: [] });
    for (const row of score.value.breakdown) expect(row.field?.name ?? '').not.toMatch(RAW_ID);
  });

  it('says an input without a field is not set up yet, and who sets it up; never a field id', async () => {
    // The site's former default, saved as it was: risk reduction has no Jira field in it.
    await runtime.runAs('app', () => createSettingsRepository(forgeKvs()).save(MOB.id, 'scoring', defaultScoringConfig(), { baseRevision: 0, actor: 'app' }));
    const score = (await call('getIssueScore', PAT, mob('MOB-5'))) as Ok<IssueScoreView>;
    expect(score.value.configuration).toBe('stored');
    const risk = score.value.missing.find((problem) => problem.input === 'riskReduction');
    expect(risk).toMatchObject({ notSetUp: true, reason: expect.stringMatching(/^not set up yet: a project admin chooses its Jira field/) as unknown });
    // What the issue lacks is said as a person would: not set on this issue, not "not requested".
    for (const problem of score.value.missing) expect(problem.reason).not.toMatch(/not requested|issue’s fields/);
    for (const row of score.value.breakdown) {
      expect(row.field?.name ?? '').not.toMatch(RAW_ID);
      expect(row.note ?? '').not.toMatch(RAW_ID);
    }
    const details = (await call('getIssueDetails', PAT, mob('MOB-5'))) as Ok<IssueDetailsView>;
    for (const input of details.value.inputs) {
      expect(input.field?.name ?? '').not.toMatch(RAW_ID);
      if (input.editor.kind === 'none') expect(input.editor.reason).not.toMatch(RAW_ID);
    }
    expect(details.value.inputs.find((input) => input.input === 'riskReduction')?.editor).toEqual({ kind: 'none', reason: expect.stringMatching(/^not set up yet/) as unknown });
    expect(notSetUpText(['Risk reduction'])).toBe("Risk reduction is not set up yet: a project admin chooses its Jira field in the project's Throughline settings.");
    expect(notSetUpText(['Time criticality', 'Risk reduction'])).toMatch(/^Time criticality and Risk reduction are not set up yet: a project admin chooses their Jira fields/);
  });

  it('tells a field the issue does not have from one it leaves empty, in words', () => {
    expect(isUnmappedField('customfield_risk_reduction')).toBe(true);
    expect(isUnmappedField('customfield_10050')).toBe(false);
    expect(isUnmappedField('duedate')).toBe(false);
    expect(unknownFieldName('customfield_10050')).toBe('a custom field');
    expect(unknownFieldName('customfield_risk_reduction')).toBe('not set up yet');
  });
});
