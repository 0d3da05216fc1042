/**
 * The daily recompute end to end: the manifest's `daily-recompute` scheduled trigger fired through
 * the local Forge runtime at chosen times (the local clock moves the app, the emulator and the KVS
 * together), the queue and its consumer, against the Jira emulator on the demo site.
 *
 * The scoring of these tests is the days-remaining table alone (due date → 20 overdue, 13 within 7
 * days, 8 within 30, 5 within 90, 3 within 180, 1 later), so a score is what the calendar says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClock } from '../../../dev/forge-runtime';
import { createDailyRecomputeStore } from '../../../src/storage/daily-recompute-store';
import type { DailyRunRecord } from '../../../src/storage/daily-recompute-store';
import { createScoreHistoryStore, registerProject } from '../../../src/storage';
import { forgeKvs } from '../../../src/storage/forge-kvs';
import { MAX_RETRIES } from '../../../src/jira';
import type { SaveResultView } from '../../../src/contract';
import { ADA, MOB, READINESS_PROPERTY, RICE_CONFIG, SCORE_FIELD, TL, callSettings, startSite, valueOf } from '../settings/support';
import type { Site } from '../settings/support';
import { callTotals, checkValues, issueByKey } from './support';

const TRIGGER = 'daily-recompute';
const DAY = 86_400_000;
/** Thursday 5 March 2026, 06:00 UTC: "today" when the tests start. */
const T0 = Date.UTC(2026, 2, 5, 6, 0);
const at = (days: number, hours = 0): Date => new Date(T0 + days * DAY + hours * 3_600_000);
const SEARCH = 'POST /rest/api/3/search/jql';
const APP_FIELDS = 'POST /rest/api/3/app/field/value';

/** The score is the due date's days-remaining value. */
const DUE_DATE_CONFIG = { version: 1, model: { type: 'formula', formula: 'urgency', inputs: { urgency: { kind: 'date', fieldId: 'duedate' } } }, multiplyByStrategicWeight: false };

/** Issues of TL (TL-1 … TL-218) and their due dates (as ISO days) for the main story. */
const A = 'TL-101'; // 13 Mar: 8 days at T0 (8), 7 days on day 1 (13)
const B = 'TL-102'; // 14 Mar: crosses into "within 7 days" on day 2
const C = 'TL-103'; // 15 Mar: crosses on day 3
const D = 'TL-104'; // 5 Mar: due today (13), overdue on day 1 (20)
const F = 'TL-106'; // 15 Mar, removed on day 1: never read again
const G = 'TL-107'; // 15 Mar, removed on day 1 with its event lost: left to the recount
const H = 'TL-108'; // 18 Mar: crosses on day 6
/** 150 issues due 17 March (crossing on day 5): two pages of a search. */
const BULK = Array.from({ length: 150 }, (_, i) => `TL-${String(i < 100 ? i + 1 : i + 9)}`);
const DUE: Readonly<Record<string, string>> = { [A]: '2026-03-13', [B]: '2026-03-14', [C]: '2026-03-15', [D]: '2026-03-05', [F]: '2026-03-15', [G]: '2026-03-15', [H]: '2026-03-18', ...Object.fromEntries(BULK.map((key) => [key, '2026-03-17'])) };

function scoreOf(site: Site, key: string): unknown {
  return issueByKey(site.emulator, key).fields[SCORE_FIELD];
}

async function dailyRecord(site: Site, projectId = TL.id): Promise<DailyRunRecord | undefined> {
  return site.runtime.runAs('app', () => createDailyRecomputeStore(forgeKvs()).load(projectId));
}

/** An ISO time a few seconds at most after `when` (a run starts when the trigger has fired at `when`). */
function justAfter(when: Date): unknown {
  return expect.toSatisfy((value: unknown) => typeof value === 'string' && Date.parse(value) >= when.getTime() && Date.parse(value) - when.getTime() < 30_000);
}

/** Fires the daily trigger at `when` and waits until every step it queued has finished. */
async function fireAt(site: Site, when: Date): Promise<void> {
  const result = await site.runtime.fireScheduledTrigger(TRIGGER, { at: when });
  expect(result.success, JSON.stringify(result)).toBe(true);
  await site.runtime.whenIdle();
}

afterAll(() => {
  localClock.reset();
});

describe('the daily recompute: what time alone changes', () => {
  let site: Site;

  beforeAll(async () => {
    site = await startSite();
    localClock.setTo(at(0));
    for (const [key, duedate] of Object.entries(DUE)) site.emulator.state.updateIssue(key, { duedate }, ADA.accountId);
    await site.runtime.whenIdle();
    // The configuration's bulk recompute evaluates every issue "today": the first daily run looks from its start.
    expect(valueOf(await callSettings<SaveResultView>(site, 'saveScoringConfig', { config: DUE_DATE_CONFIG, baseRevision: 0 })).status).toBe('saved');
    await site.runtime.whenIdle();
    expect((await checkValues(site, TL.id)).wrong).toEqual([]);
    expect([scoreOf(site, A), scoreOf(site, D), scoreOf(site, BULK[0] ?? '')]).toEqual([8, 13, 8]);
  }, 120_000);

  afterAll(async () => {
    await site.close();
  });

  it('is declared as a daily scheduled trigger with a function of its own', () => {
    expect(site.runtime.manifest.scheduledTriggers.filter((trigger) => trigger.key === TRIGGER)).toEqual([{ key: TRIGGER, functionKey: 'daily-recompute-start', interval: 'day' }]);
  });

  it('raises the score of a due date that comes closer the next day, without anyone editing it, reading one page and writing only what changed', async () => {
    site.emulator.resetCalls();
    await fireAt(site, at(1));
    expect(scoreOf(site, A)).toBe(13);
    expect(scoreOf(site, D)).toBe(20);
    expect(scoreOf(site, B)).toBe(8);
    expect(site.emulator.callCount(SEARCH)).toBe(1);
    expect(site.emulator.callCount(APP_FIELDS)).toBe(1);
    // Not a write of anything else: the readiness property of no issue changes with the due date.
    expect(callTotals(site.emulator).writes).toBe(1);
    const record = await dailyRecord(site);
    expect(record).toMatchObject({ day: '2026-03-06', status: 'done', since: justAfter(at(0)), currentAsOf: justAfter(at(1)), progress: { read: 2, changed: 2, errors: 0 } });
    expect(record?.cursor.jql).toContain('(duedate >= "2026-03-13" AND duedate < "2026-03-14")');
    expect((await checkValues(site, TL.id)).wrong).toEqual([]);
    // Written through the path every writer shares, so the issue's history says why: time passed.
    const history = await site.runtime.runAs('app', () => createScoreHistoryStore(forgeKvs()).load(issueByKey(site.emulator, A).id));
    expect(history?.entries.at(-1)).toMatchObject({ from: { score: 8 }, to: { score: 13 }, causes: [{ kind: 'time', daysRemaining: 7 }] });
  });

  it('does nothing when Forge fires it a second time the same day: no Jira call, no write, the record as it was', async () => {
    const before = await dailyRecord(site);
    site.emulator.resetCalls();
    await fireAt(site, at(1, 5));
    expect(callTotals(site.emulator).all).toBe(0);
    expect(await dailyRecord(site)).toEqual(before);
  });

  it('after two missed days still writes every change of the days it missed, and never reads an issue whose due date was removed', async () => {
    site.emulator.state.updateIssue(F, { duedate: null }, ADA.accountId);
    await site.runtime.whenIdle();
    // The edit itself made the score incomplete (the trigger).
    expect(scoreOf(site, F)).toBeNull();
    // G's due date goes too, but its event never reaches the app (as when a delivery is lost).
    issueByKey(site.emulator, G).fields.duedate = null;
    site.emulator.state.emit({ eventType: 'emulator:lost-event' } as never);
    site.emulator.resetCalls();
    await fireAt(site, at(4));
    expect([scoreOf(site, B), scoreOf(site, C), scoreOf(site, F)]).toEqual([13, 13, null]);
    // B and C only: F and G (due on C's day before it was removed) are not among the issues read.
    expect(await dailyRecord(site)).toMatchObject({ day: '2026-03-09', status: 'done', since: justAfter(at(1)), progress: { read: 2, changed: 2 } });
    expect(site.emulator.callCount(SEARCH)).toBe(1);
    // G still carries the score of a due date it no longer has: the daily recount reads every issue and puts it right.
    expect((await checkValues(site, TL.id)).wrong).toEqual([G]);
    expect((await site.runtime.fireScheduledTrigger('daily-recount')).success).toBe(true);
    await site.runtime.whenIdle();
    expect(scoreOf(site, G)).toBeNull();
    expect((await checkValues(site, TL.id)).wrong).toEqual([]);
  });

  it('resumes through the queue when Jira answers 429 and 500 mid-run, from the first page not written, with every value right', async () => {
    // Searches answer 429 five times in a row (more than the client retries), and the write of
    // the second page fails once the first page's values are in.
    site.emulator.setFaults({ next: [{ endpoint: SEARCH, count: 5, status: 429, retryAfterSeconds: 0 }] });
    let armed = false;
    const stop = site.emulator.state.onChange((change) => {
      if (armed || change.eventType !== 'avi:jira:updated:issue' || change.atlassianId !== undefined) return;
      armed = true;
      // Twice: the client repeats the write once on a 500 (src/jira/retry.ts).
      site.emulator.failNext({ endpoint: APP_FIELDS, count: 2, status: 500 });
    });
    site.emulator.resetCalls();
    try {
      await fireAt(site, at(5));
    } finally {
      stop();
      site.emulator.setFaults({});
    }
    expect(armed).toBe(true);
    expect(BULK.map((key) => scoreOf(site, key))).toEqual(BULK.map(() => 13));
    const record = await dailyRecord(site);
    expect(record).toMatchObject({ day: '2026-03-10', status: 'done', currentAsOf: justAfter(at(5)), cursor: { pages: 2 }, progress: { changed: 150, message: null } });
    expect(record?.progress.errors).toBeGreaterThanOrEqual(2);
    // Searches: the first, refused 1 + MAX_RETRIES times; page 1; page 2, whose write failed; page 2
    // again. Resumed where the written pages end, not from the first page.
    expect(record?.progress.read).toBe(150);
    // Writes: page 1; page 2, failed and repeated once; page 2 again.
    expect(site.emulator.callCount(APP_FIELDS)).toBe(4);
    expect(site.emulator.callCount(SEARCH)).toBe(1 + MAX_RETRIES + 3);
    expect(site.runtime.queueStats().retries).toBeGreaterThan(0);
    expect((await checkValues(site, TL.id)).wrong).toEqual([]);
  });

  it('when Jira keeps failing, stops without saying the values are current, and the next day writes what that day could not', async () => {
    site.emulator.setFaults({ serverErrors: { rate: 1, status: 500, endpoints: [APP_FIELDS] } });
    await fireAt(site, at(6));
    site.emulator.setFaults({});
    const failed = await dailyRecord(site);
    expect(failed).toMatchObject({ day: '2026-03-11', status: 'failed', currentAsOf: justAfter(at(5)) });
    expect(failed?.progress.message).toMatch(/^Stopped after \d+ failed attempts in a row/);
    // H should be 13 from today on: still 8, and no record says otherwise.
    expect(scoreOf(site, H)).toBe(8);
    await fireAt(site, at(7));
    expect(scoreOf(site, H)).toBe(13);
    expect(await dailyRecord(site)).toMatchObject({ day: '2026-03-12', status: 'done', since: justAfter(at(5)), currentAsOf: justAfter(at(7)) });
    expect((await checkValues(site, TL.id)).wrong).toEqual([]);
  });
});

describe('the daily recompute: projects it leaves alone, and "refined recently"', () => {
  let site: Site;

  beforeAll(async () => {
    site = await startSite();
    localClock.setTo(at(0));
  }, 120_000);

  afterAll(async () => {
    await site.close();
  });

  it('makes no Jira call at all for a project the app knows but nobody configured', async () => {
    await site.runtime.runAs('app', () => registerProject(forgeKvs(), MOB.id));
    site.emulator.resetCalls();
    await fireAt(site, at(1));
    expect(callTotals(site.emulator).all).toBe(0);
    expect(await dailyRecord(site, MOB.id)).toBeUndefined();
  });

  it('reads no issue of a project whose configuration has nothing that depends on time', async () => {
    expect(valueOf(await callSettings<SaveResultView>(site, 'saveScoringConfig', { config: RICE_CONFIG, baseRevision: 0 })).status).toBe('saved');
    await site.runtime.whenIdle();
    site.emulator.resetCalls();
    await fireAt(site, at(2));
    expect(site.emulator.callCount(SEARCH)).toBe(0);
    expect(callTotals(site.emulator).writes).toBe(0);
    // At most the site's field list, to read the configuration (cached for hours).
    expect(callTotals(site.emulator).all).toBeLessThanOrEqual(1);
    expect(await dailyRecord(site)).toBeUndefined();
  });

  it('turns a story "not ready" the day it was last updated more than maxDays ago, when the rule blocks', async () => {
    const key = 'TL-120';
    // Last updated 29 days and 22 hours before day 3.
    localClock.setTo(new Date(at(3).getTime() - 30 * DAY + 2 * 3_600_000));
    site.emulator.state.updateIssue(key, { labels: ['refined'] }, ADA.accountId);
    await site.runtime.whenIdle();
    localClock.setTo(at(3));
    expect(valueOf(await callSettings<SaveResultView>(site, 'saveReadinessConfig', { config: { rules: { 'refined-recently': { enabled: true, severity: 'blocking', maxDays: 30 } } }, baseRevision: 0 })).status).toBe('saved');
    await site.runtime.whenIdle();
    const failing = (): unknown => (issueByKey(site.emulator, key).properties.get(READINESS_PROPERTY) as { failingRules?: string[] } | undefined)?.failingRules;
    expect(failing()).not.toContain('refined-recently');
    // 30 days and 22 hours: still within 30 whole days.
    await fireAt(site, at(4));
    expect(failing()).not.toContain('refined-recently');
    site.emulator.resetCalls();
    await fireAt(site, at(5));
    expect(failing()).toContain('refined-recently');
    expect(site.emulator.callCount(SEARCH)).toBe(1);
    expect((await dailyRecord(site))?.cursor.jql).toMatch(/updated >= "2026-02-0\d" AND updated < "2026-02-0\d"/);
    expect((await checkValues(site, TL.id)).wrong).toEqual([]);
  });
});
