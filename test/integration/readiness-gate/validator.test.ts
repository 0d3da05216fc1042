/**
 * The readiness gate (`jira:workflowValidator` readiness-gate) through the local Forge runtime,
 * with Forge's payload, against the emulator: ready → allowed, not ready → refused with the rules
 * by name, an unconfigured project → allowed (and said in the log), Jira failing during the read →
 * allowed (fail open, decided in src/events/readiness-gate.ts), forged payloads → a clear answer.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { validatorPayload } from '../../../dev/forge-runtime';
import { checkTransition } from '../../../src/events/readiness-gate';
import type { GateOutcome } from '../../../src/events/readiness-gate';
import { ADA, TL, callSettings, valueOf } from '../settings/support';
import { POINTS, READY_DESCRIPTION, startGateSite } from './harness';
import type { GateSite } from './harness';

let site: GateSite;

beforeAll(async () => {
  site = await startGateSite();
}, 60_000);

afterAll(async () => {
  await site.close();
});

function outcomeOf(issueKey: string): Promise<GateOutcome> {
  return site.runtime.runAs('app', () => checkTransition(validatorPayload({ issueKey, fromStatusId: '10003', toStatusId: '3', accountId: ADA.accountId })));
}

describe('the readiness gate', () => {
  it('lets a ready story move, in at most 3 Jira calls', async () => {
    site.emulator.resetCalls();
    const verdict = await site.transition(site.readyKey);
    expect(verdict).toMatchObject({ allowed: true, answeredBy: 'app' });
    const outcome = await outcomeOf(site.readyKey);
    expect(outcome).toMatchObject({ kind: 'decided', decision: { result: true, reason: expect.stringMatching(/^(ready|no-gating-failure)$/) as unknown } });
    if (outcome.kind === 'decided') expect(outcome.jiraCalls).toBeLessThanOrEqual(3);
  });

  it('refuses a story that is not ready, naming each failing blocking rule and its fix', async () => {
    const verdict = await site.transition(site.notReadyKey);
    expect(verdict.allowed).toBe(false);
    expect(verdict.answeredBy).toBe('app');
    const message = verdict.errorMessage ?? '';
    expect(message).toContain(`${site.notReadyKey} is not ready`);
    expect(message).toContain('Estimate present');
    expect(message).toContain('Acceptance criteria');
    expect(message).toContain('Fix:');
    // Warning rules do not gate by default.
    expect(message).not.toContain('User story form');
    expect(message.length).toBeLessThanOrEqual(1_500);
  });

  it('judges from Jira now, not from the stored readiness property', async () => {
    const issue = site.emulator.state.findIssue(site.notReadyKey);
    if (issue === undefined) throw new Error('no issue');
    issue.properties.set('throughline.readiness', { verdict: 'ready', failingRules: [] });
    expect((await site.transition(site.notReadyKey)).allowed).toBe(false);
    // Fixed in Jira: the very next transition passes, whatever the property says.
    issue.fields[POINTS] = 2;
    issue.fields.description = READY_DESCRIPTION;
    issue.properties.set('throughline.readiness', { verdict: 'not-ready', failingRules: ['estimate-present'] });
    expect((await site.transition(site.notReadyKey)).allowed).toBe(true);
    issue.fields[POINTS] = null;
    issue.fields.description = { type: 'doc', version: 1, content: [] };
  });

  it('judges the issue as the transition leaves it: fields set on the transition screen count', async () => {
    const payload = { ...validatorPayload({ issueKey: site.notReadyKey, fromStatusId: '10003', toStatusId: '3', accountId: ADA.accountId }) };
    const withScreen = { ...payload, transition: { from: { id: '10003' }, to: { id: '3' }, modifiedFields: { [POINTS]: 5, description: READY_DESCRIPTION, labels: null } } };
    expect(await site.runtime.invoke(site.validator.functionKey, { payload: withScreen, moduleKey: site.validator.key })).toEqual({ success: true, body: { result: true } });
    // Only the points: acceptance criteria still missing, and only that rule is named.
    const pointsOnly = { ...payload, transition: { from: { id: '10003' }, to: { id: '3' }, modifiedFields: { [POINTS]: 5 } } };
    const refused = await site.runtime.invoke(site.validator.functionKey, { payload: pointsOnly, moduleKey: site.validator.key });
    expect(refused).toMatchObject({ success: true, body: { result: false } });
    const message = refused.success ? String((refused.body as { errorMessage?: string }).errorMessage) : '';
    expect(message).toContain('Acceptance criteria');
    expect(message).not.toContain('Estimate present');
    // A modifiedFields of the wrong shape is ignored, not a crash.
    const odd = { ...payload, transition: { modifiedFields: ['x'] } };
    expect(await site.runtime.invoke(site.validator.functionKey, { payload: odd, moduleKey: site.validator.key })).toMatchObject({ success: true, body: { result: false } });
  });

  it('judges a done story that is reopened: it comes back into work, so the Definition of Ready applies again', async () => {
    const state = site.emulator.state;
    const reopened = state.createIssue({ projectKey: TL.key, issueType: 'Story', summary: 'Shipped without an estimate', status: 'Done', fields: { description: { type: 'doc', version: 1, content: [] } } });
    await site.runtime.whenIdle();
    const verdict = await site.transition(reopened);
    expect(verdict.allowed).toBe(false);
    expect(verdict.errorMessage ?? '').toContain('Estimate present');
  });

  it('allows issue types that are not checked (an epic)', async () => {
    const state = site.emulator.state;
    const epic = [...state.allIssues()].find((entry) => entry.projectId === TL.id && state.issueTypes.get(entry.issueTypeId)?.hierarchyLevel === 1);
    if (epic === undefined) throw new Error('no epic');
    expect((await site.transition(epic.key)).allowed).toBe(true);
    expect(await outcomeOf(epic.key)).toMatchObject({ kind: 'decided', decision: { result: true, reason: 'not-applicable' } });
  });

  it('allows every issue of a project where nobody configured Throughline, and says so in the log', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    try {
      expect(await site.transition(site.unconfiguredKey)).toMatchObject({ allowed: true, answeredBy: 'app' });
      expect(info.mock.calls.flat().join('\n')).toMatch(/unconfigured.*not configured in project/);
    } finally {
      info.mockRestore();
    }
    const outcome = await outcomeOf(site.unconfiguredKey);
    expect(outcome).toMatchObject({ kind: 'decided', decision: { result: true, reason: 'unconfigured' }, jiraCalls: 1 });
  });

  it('allows an issue Jira no longer has (deleted between the click and the check)', async () => {
    expect(await outcomeOf('TL-99999')).toMatchObject({ kind: 'failed-open', why: 'not-found' });
    expect((await site.transition('TL-99999')).allowed).toBe(true);
  });

  it.each([
    ['500', { status: 500 as const }],
    ['503 with Retry-After', { status: 503 as const, retryAfterSeconds: 1 }],
    ['429 with a long Retry-After', { status: 429 as const, retryAfterSeconds: 60 }],
  ])('fails open when Jira answers %s during the read, quickly, and logs why', async (_name, fault) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      site.emulator.failNext({ endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}', count: 5, ...fault });
      const started = performance.now();
      const verdict = await site.transition(site.notReadyKey);
      const ms = performance.now() - started;
      expect(verdict).toMatchObject({ allowed: true, answeredBy: 'app' });
      expect(ms).toBeLessThan(6_000);
      expect(warn.mock.calls.flat().join('\n')).toMatch(/fail open, jira-unavailable/);
    } finally {
      site.emulator.setFaults({});
      warn.mockRestore();
    }
    // Jira well again: the same story is refused again.
    expect((await site.transition(site.notReadyKey)).allowed).toBe(false);
  }, 20_000);

  it.each([
    ['null', null],
    ['a string', 'TL-1'],
    ['no issue', { transition: {} }],
    ['an issue without key', { issue: {} }],
    ['a key with a path', { issue: { key: 'TL-1/../../myself' } }],
    ['a key of the wrong type', { issue: { key: 12 } }],
    ['a list', [{ issue: { key: 'TL-1' } }]],
    ['a huge key', { issue: { key: `TL-${'9'.repeat(5_000)}` } }],
    ['a lower-case key', { issue: { key: 'tl-1' } }],
  ])('answers a forged payload (%s) with a clear allow, never a crash', async (_name, payload) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const validator = site.validator;
      const result = await site.runtime.invoke(validator.functionKey, { payload, moduleKey: validator.key });
      expect(result).toEqual({ success: true, body: { result: true } });
      expect(warn.mock.calls.flat().join('\n')).toMatch(/fail open, bad-payload/);
    } finally {
      warn.mockRestore();
    }
  });

  it('takes an issue id where Jira sends one instead of a key', async () => {
    const issue = site.emulator.state.findIssue(site.notReadyKey);
    const result = await site.runtime.invoke(site.validator.functionKey, { payload: { issue: { id: issue?.id }, transition: { from: { id: '10003' }, to: { id: '3' } } }, moduleKey: site.validator.key });
    expect(result).toMatchObject({ success: true, body: { result: false } });
  });

  it('gates on warnings too when the project chooses it', async () => {
    const issue = site.emulator.state.findIssue(site.readyKey);
    if (issue === undefined) throw new Error('no issue');
    const before = issue.fields.description;
    issue.fields.description = {
      type: 'doc',
      version: 1,
      content: [{ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Acceptance criteria' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'Given a backlog, when ordered, then by score.' }] }],
    };
    expect((await site.transition(site.readyKey)).allowed).toBe(true);
    const settings = valueOf(await callSettings<{ readiness: { revision: number } }>(site, 'getSettings', {}, ADA, TL));
    valueOf(await callSettings(site, 'saveReadinessConfig', { config: { gate: 'blocking-and-warnings' }, baseRevision: settings.readiness.revision }, ADA, TL));
    const verdict = await site.transition(site.readyKey);
    expect(verdict.allowed).toBe(false);
    expect(verdict.errorMessage).toMatch(/Description long enough|User story form/);
    issue.fields.description = before;
  });
});
