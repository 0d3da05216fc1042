/**
 * Why a priority moved, through the local Forge runtime against the Jira emulator: the trigger,
 * the bulk recompute and a recompute a day later each record why the values they write moved (an
 * input, a configuration revision and who saved it, a theme's strategic weight, time passing), at
 * no extra Jira call; the sidebar's getIssueHistory and the ranked backlog's getMovedMost say it in
 * words, as the user. Bad input: an issue moved to a project the viewer cannot browse, 1,000
 * changes to one issue, a user without browse permission, forged payloads and contexts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolverExtension } from '../../../dev/forge-runtime';
import type { IssueHistoryView, MovedMostView, Result } from '../../../src/contract';
import { fetchRequestJira } from '../../../dev/jira-emulator/request-jira';
import { createJiraClient, fetchFields } from '../../../src/jira';
import { EvaluatorCache, recomputeIssues } from '../../../src/services/issue-evaluation';
import { siteFieldsOf } from '../../../src/services/site-fields';
import { createSettingsRepository } from '../../../src/storage';
import { forgeKvs, forgeStorage } from '../../../src/storage/forge-kvs';
import { APP_ID, callTotals, issueByKey } from '../background/support';
import { ADA, MOB, NICK, PAT, SCORE_FIELD, TL, WSJF_CONFIG, bodyOf, callSettings, startSite, valueOf } from '../settings/support';
import type { Site, User } from '../settings/support';

let site: Site;

const NOT_FOUND_ISSUE = { ok: false, error: { code: 'not-found', message: "You can't see this issue, or it doesn't exist." } };
const JOB_SIZE = 'customfield_10016';
const RISK = 'customfield_10052';

/** WSJF with time criticality from the due date (days remaining), so that time alone moves a score. */
const DATED_CONFIG = {
  ...WSJF_CONFIG,
  model: {
    ...WSJF_CONFIG.model,
    inputs: {
      ...WSJF_CONFIG.model.inputs,
      timeCriticality: { kind: 'date', fieldId: 'duedate', table: { overdue: 20, steps: [{ withinDays: 7, value: 13 }, { withinDays: 30, value: 5 }], later: 1 } },
    },
  },
};

async function history(key: string, user: User = PAT, extension: Record<string, unknown> = { issue: { key, type: 'Story' }, project: TL }, payload: unknown = {}): Promise<Result<IssueHistoryView>> {
  return bodyOf(await site.runtime.invokeResolver('issue-score', 'getIssueHistory', payload, user, extension)) as Result<IssueHistoryView>;
}

async function movedMost(payload: unknown, user: User = PAT, project: Record<string, unknown> = TL): Promise<Result<MovedMostView>> {
  return bodyOf(await site.runtime.invokeResolver('project-page', 'getMovedMost', payload, user, { project } as unknown as ResolverExtension)) as Result<MovedMostView>;
}

const today = (): string => new Date().toISOString().slice(0, 10);
const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Open TL stories with every WSJF input set and no links, with their epic. */
function openScoredStories(): string[] {
  return [...site.emulator.state.allIssues()]
    .filter((issue) => issue.projectId === TL.id && issue.issueTypeId === '10001' && issue.parentId !== undefined && site.emulator.state.linksOf(issue.id).length === 0)
    .filter((issue) => site.emulator.state.statuses.get(issue.statusId)?.statusCategory.key !== 'done')
    .filter((issue) => [JOB_SIZE, 'customfield_10050', 'customfield_10051', RISK].every((field) => issue.fields[field] !== null && issue.fields[field] !== undefined))
    .map((issue) => issue.key);
}

/** Recomputes issues as the app's trigger would, on another day (what the daily recompute does when time passes). */
async function recomputeOn(keys: readonly string[], now: Date): Promise<void> {
  const jira = createJiraClient(fetchRequestJira({ baseUrl: site.emulator.url, headers: { 'x-emulator-as-app': 'true' } }), { timeBudgetMs: 60_000 });
  await site.runtime.runAs('app', async () => {
    const storage = forgeStorage();
    const fields = siteFieldsOf(await fetchFields(jira), APP_ID);
    await recomputeIssues(jira, new EvaluatorCache(storage, fields, { repairThemeIndex: true }), fields, keys, {}, now);
  });
}

let stories: string[] = [];

beforeAll(async () => {
  site = await startSite();
  // A strategy with one theme (weight 2), saved as Ada; TL-10 attached to it on the project page.
  await site.runtime.runAs('app', () =>
    createSettingsRepository(forgeKvs()).save(TL.id, 'strategy', { schemaVersion: 1, revision: 0, vision: { statement: 'One line from the vision to every story' }, themes: [{ id: 'growth', name: 'Growth', horizon: 'now', strategicWeight: 2 }] }, { baseRevision: 0, actor: ADA.accountId }),
  );
  // The stories the tests change, with a due date two months away (time criticality 1), and TL-10's.
  stories = openScoredStories().slice(0, 5);
  expect(stories).toHaveLength(5);
  const epic = issueByKey(site.emulator, 'TL-10').id;
  for (const issue of site.emulator.state.allIssues()) {
    if (stories.includes(issue.key) || issue.parentId === epic) site.emulator.state.updateIssue(issue.key, { duedate: inDays(60) }, PAT.accountId);
  }
  await site.runtime.whenIdle();
  expect(valueOf(await callSettings<{ status: string }>(site, 'saveScoringConfig', { config: DATED_CONFIG, baseRevision: 0 })).status).toBe('saved');
  await site.runtime.whenIdle();
  expect(bodyOf(await site.runtime.invokeResolver('project-page', 'setEpicTheme', { epicKey: 'TL-10', themeId: 'growth' }, ADA, { project: TL }))).toMatchObject({ ok: true });
  await site.runtime.whenIdle();
  for (const key of stories) expect(issueByKey(site.emulator, key).fields[SCORE_FIELD], key).toEqual(expect.any(Number));
}, 120_000);

afterAll(async () => {
  await site.close();
});

describe('the first values, from the first recompute', () => {
  it('records every score the recompute wrote, each as a first record with the configuration it came from', async () => {
    const key = stories[0]!;
    const seen = valueOf(await history(key));
    expect(seen.issue.key).toBe(key);
    expect(seen.kept).toBe(20);
    expect(seen.entries.length).toBeGreaterThanOrEqual(1);
    const first = seen.entries.at(-1)!;
    expect(first.causes).toEqual([{ kind: 'first', text: 'First recorded: no earlier change to compare with' }]);
    expect(seen.entries[0]!.to.score).toBe(issueByKey(site.emulator, key).fields[SCORE_FIELD] ?? null);
  });
});

describe('an input edited in Jira', () => {
  it('is recorded by the trigger with the input from → to, at no extra Jira call, and said in words', async () => {
    const key = stories[1]!;
    const before = issueByKey(site.emulator, key).fields[JOB_SIZE] as number;
    const after = before === 5 ? 8 : 5;
    const scoreBefore = issueByKey(site.emulator, key).fields[SCORE_FIELD];
    site.emulator.resetCalls();
    site.emulator.state.updateIssue(key, { [JOB_SIZE]: after }, PAT.accountId);
    await site.runtime.whenIdle();
    // The trigger's Jira calls are what they were: one read, one app field write (no more for the history).
    expect(callTotals(site.emulator).all).toBeLessThanOrEqual(3);
    const newest = valueOf(await history(key)).entries[0]!;
    expect(newest.causes).toEqual([{ kind: 'input', text: `Job size changed from "${String(before)}" to "${String(after)}"` }]);
    expect(newest.from.score).toBe(scoreBefore);
    expect(newest.to.score).toBe(issueByKey(site.emulator, key).fields[SCORE_FIELD]);
    expect(newest.fromHidden).toBe(false);
    expect(Date.parse(newest.at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('records nothing when the same event is delivered again', async () => {
    const key = stories[1]!;
    const count = valueOf(await history(key)).entries.length;
    site.emulator.state.updateIssue(key, { summary: 'Touched: nothing the score reads changed' }, PAT.accountId);
    await site.runtime.whenIdle();
    expect(valueOf(await history(key)).entries).toHaveLength(count);
  });
});

describe('a configuration change', () => {
  it('is recorded by the bulk recompute with its revision and who saved it', async () => {
    const key = stories.find((candidate) => (issueByKey(site.emulator, candidate).fields[RISK] as { id: string }).id !== '10200')!;
    const settings = valueOf(await callSettings<{ scoring: { revision: number } }>(site, 'getSettings', {}));
    const options = { None: 0, Low: 2, Medium: 4, High: 9, Critical: 14 };
    const changed = { ...DATED_CONFIG, model: { ...DATED_CONFIG.model, inputs: { ...DATED_CONFIG.model.inputs, riskReduction: { kind: 'select', fieldId: RISK, options } } } };
    expect(valueOf(await callSettings<{ status: string }>(site, 'saveScoringConfig', { config: changed, baseRevision: settings.scoring.revision })).status).toBe('saved');
    await site.runtime.whenIdle();
    const newest = valueOf(await history(key)).entries[0]!;
    expect(newest.causes.map((cause) => cause.text)).toEqual([`Scoring configuration revision ${String(settings.scoring.revision + 1)} saved by Ada Admin`]);

    // Who saved it is looked up at each read: an account removed from the site since says so, and
    // when Jira cannot say, the id is shown rather than the history failing.
    const ada = site.emulator.state.users.get(ADA.accountId)!;
    site.emulator.state.removeUser(ADA.accountId, 'removed');
    try {
      expect(valueOf(await history(key)).entries[0]?.causes.map((cause) => cause.text)).toEqual([`Scoring configuration revision ${String(settings.scoring.revision + 1)} saved by a user who no longer exists`]);
    } finally {
      site.emulator.state.users.set(ADA.accountId, ada);
    }
    // Twice: the client repeats a read once on a 500 (src/jira/retry.ts).
    site.emulator.failNext({ endpoint: 'GET /rest/api/3/user/bulk', count: 2, status: 500 });
    expect(valueOf(await history(key)).entries[0]?.causes.map((cause) => cause.text)).toEqual([`Scoring configuration revision ${String(settings.scoring.revision + 1)} saved by ${ADA.accountId}`]);
  });
});

describe("a theme's strategic weight", () => {
  it("is recorded when a product manager changes the weight of the story's theme", async () => {
    const key = [...site.emulator.state.allIssues()].find((issue) => issue.parentId === issueByKey(site.emulator, 'TL-10').id && issue.fields[SCORE_FIELD] !== undefined && issue.fields[SCORE_FIELD] !== null)!.key;
    const view = bodyOf(await site.runtime.invokeResolver('project-page', 'getVisionOutline', {}, ADA, { project: TL })) as Result<{ strategy: { revision: number } }>;
    const edited = bodyOf(await site.runtime.invokeResolver('project-page', 'editStrategy', { baseRevision: valueOf(view).strategy.revision, edit: { kind: 'update-theme', themeId: 'growth', changes: { strategicWeight: 3 } } }, ADA, { project: TL }));
    expect(edited).toMatchObject({ ok: true });
    await site.runtime.whenIdle();
    const newest = valueOf(await history(key)).entries[0]!;
    expect(newest.causes.map((cause) => cause.text)).toEqual(['The theme "Growth": strategic weight from 2 to 3']);
  });
});

describe('time passing', () => {
  it('is recorded when a due date comes closer and nobody edited the issue (days remaining)', async () => {
    const key = stories[2]!;
    site.emulator.state.updateIssue(key, { duedate: inDays(100) }, PAT.accountId);
    await site.runtime.whenIdle();
    site.emulator.state.updateIssue(key, { duedate: inDays(10) }, PAT.accountId);
    await site.runtime.whenIdle();
    expect(valueOf(await history(key)).entries[0]!.causes.map((cause) => cause.kind)).toEqual(['input']);
    // Four days later, the same due date is 6 days away: 13 instead of 5 for time criticality.
    await recomputeOn([key], new Date(Date.now() + 4 * 86_400_000));
    const newest = valueOf(await history(key)).entries[0]!;
    expect(newest.causes).toEqual([{ kind: 'time', text: 'Time passed: Time criticality 6 days remaining' }]);
    expect(newest.to.score).toBeGreaterThan(newest.from.score ?? 0);
  });
});

describe('1,000 changes to one issue', () => {
  it('keeps the last 20, the newest first', async () => {
    const key = stories[3]!;
    const issueId = issueByKey(site.emulator, key).id;
    // Each change through the trigger, one after the other: 1,000 edits of its job size.
    for (let n = 0; n < 1000; n++) {
      site.emulator.state.updateIssue(key, { [JOB_SIZE]: n % 2 === 0 ? 3 : 13 }, PAT.accountId);
      await site.runtime.whenIdle();
    }
    const seen = valueOf(await history(key));
    expect(seen.entries).toHaveLength(20);
    expect(seen.entries[0]!.causes[0]!.text).toBe('Job size changed from "3" to "13"');
    const stored = await site.runtime.runAs('app', () => forgeStorage().history.load(issueId));
    expect(stored?.entries).toHaveLength(20);
    const project = await site.runtime.runAs('app', () => forgeStorage().history.loadProject(TL.id));
    expect(project?.movers.length).toBeLessThanOrEqual(500);
  }, 300_000);
});

describe('what moved most since a date', () => {
  it('lists the issues whose score moved most since the date, read as the user, with the causes of their last change', async () => {
    const moved = valueOf(await movedMost({ since: today() }));
    expect(moved.kept).toBe(500);
    expect(moved.issues.length).toBeGreaterThan(0);
    const scores = moved.issues.map((issue) => issue.moved);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const timed = moved.issues.find((issue) => issue.key === stories[2]);
    expect(timed?.summary).toBe(issueByKey(site.emulator, stories[2]!).fields.summary);
    expect(moved.issues.every((issue) => issue.key.startsWith('TL-'))).toBe(true);
    expect(valueOf(await movedMost({ since: today(), limit: 2 })).issues).toHaveLength(2);
  });
});

describe('an issue later moved to another project', () => {
  it("shows the new project's viewer only what was written there; a viewer of both projects sees everything", async () => {
    const key = stories[4]!;
    site.emulator.state.updateIssue(key, { [JOB_SIZE]: 21 }, PAT.accountId);
    await site.runtime.whenIdle();
    const inTl = valueOf(await history(key));
    expect(inTl.entries.length).toBeGreaterThanOrEqual(2);
    const newKey = site.emulator.state.moveIssue(key, 'MOB', { asAccountId: ADA.accountId });
    await site.runtime.whenIdle();
    const extension = { issue: { key: newKey, type: 'Story' }, project: MOB };

    // Nick browses MOB only: the move, without the score it had in TL; TL's entries counted, not shown.
    const nick = valueOf(await history(newKey, NICK, extension));
    expect(nick.entries).toHaveLength(1);
    expect(nick.entries[0]).toMatchObject({ fromHidden: true, from: { score: null, readiness: null } });
    expect(nick.entries[0]!.causes.map((cause) => cause.kind)).toEqual(['moved']);
    expect(nick.hidden).toBe(inTl.entries.length);
    const text = JSON.stringify(nick);
    expect(text).not.toContain('Job size');
    expect(text).not.toContain(ADA.accountId);
    expect(text).not.toContain(TL.id);

    // Pat browses both: every entry, the move first.
    const pat = valueOf(await history(newKey, PAT, extension));
    expect(pat.hidden).toBe(0);
    expect(pat.entries).toHaveLength(inTl.entries.length + 1);
    expect(pat.entries[0]).toMatchObject({ fromHidden: false, from: { score: inTl.entries[0]!.to.score } });

    // TL's "moved most" no longer lists it: it is not TL's issue now.
    const moved = valueOf(await movedMost({ since: today(), limit: 50 }));
    expect(moved.issues.map((issue) => issue.key)).not.toContain(key);
    expect(moved.issues.map((issue) => issue.key)).not.toContain(newKey);
  });
});

describe('a user without browse permission', () => {
  it("gets 'not found' for an issue's history and a project's moves, and nothing of either", async () => {
    const key = stories[1]!;
    expect(await history(key, NICK)).toEqual(NOT_FOUND_ISSUE);
    const moved = await movedMost({ since: today() }, NICK);
    expect(moved).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(JSON.stringify(moved)).not.toContain('TL-');
  });
});

describe('forged payloads and contexts', () => {
  it('refuses anything in the sidebar payload, and reads the issue from the context as the user', async () => {
    const key = stories[1]!;
    const issueId = issueByKey(site.emulator, key).id;
    expect(await history(key, PAT, { issue: { key, type: 'Story' }, project: TL }, { issueId })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    // A forged issue in the context: the key Nick cannot see, with the id of one he could.
    expect(await history(key, NICK, { issue: { key, id: issueId, type: 'Story' }, project: MOB })).toEqual(NOT_FOUND_ISSUE);
    // A key of no issue, with the id of a real one: not found, and no history of that id.
    expect(await history('TL-99999', PAT, { issue: { key: 'TL-99999', id: issueId, type: 'Story' }, project: TL })).toEqual(NOT_FOUND_ISSUE);
    expect(await history('not a key', PAT, { issue: { key: 'not a key', id: '../1' }, project: TL })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await history('x', PAT, {})).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('refuses a date that is not one, in the future, or long ago, a limit out of range and unknown fields', async () => {
    for (const payload of [{}, { since: 'yesterday' }, { since: '2026-02-30' }, { since: inDays(10) }, { since: '1999-12-31' }, { since: today(), limit: 0 }, { since: today(), limit: 1000 }, { since: today(), projectId: MOB.id }, { since: 20260301 }, { since: [today()] }]) {
      const answer = await movedMost(payload);
      expect(answer, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    // A forged project in the context: one Pat cannot browse does not exist for her.
    expect(await movedMost({ since: today() }, PAT, { id: '10099', key: 'NOPE' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await movedMost({ since: today() }, PAT, { id: '../10000', key: 'TL' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
