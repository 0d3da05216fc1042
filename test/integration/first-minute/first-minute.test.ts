/**
 * The first minute in a project nobody configured, through the local Forge runtime and the Jira
 * emulator (the demo's team-managed project MOB, whose issues do not carry the site's WSJF fields):
 * the sidebar's first view scores with a default over the fields MOB's issues carry, stores what
 * they carry for the background, and queues the project's first recompute, so the rank appears and
 * JQL on "Priority score" finds MOB's issues without an admin pressing Recompute. Also: one run for
 * many views at once, a restart of Jira from its dataset while the app's storage remembers the
 * project as computed, and bad input (a project with no issues, values of the wrong type, Jira
 * failing the field read, a user who may not browse the project).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IssueRankView, IssueScoreView, Result } from '../../../src/contract';
import { approximateCount, createJiraClient, jql } from '../../../src/jira';
import { forgeRequestJira } from '../../../src/jira/forge-request';
import { FIRST_VIEW_REASON, LOST_VALUES_REASON } from '../../../src/services/first-recompute';
import { EMPTY_PROJECT_MAX_AGE_MS, refreshProjectFields, storedSample } from '../../../src/services/project-fields';
import { loadSiteFields } from '../../../src/services/site-fields';
import type { RunRecord } from '../../../src/storage';
import { forgeStorage } from '../../../src/storage/forge-kvs';
import { fetchRequestJira } from '../../../dev/jira-emulator/request-jira';
import type { ResolverExtension } from '../../../dev/forge-runtime';
import { DATASET_RECORD, datasetFingerprint, keepAppDataInStep } from '../../../dev/app-data-in-step';
import { APP_ID, checkValues } from '../background/support';
import { ADA, DEMO, MOB, NICK, PAT, SCORE_FIELD, TL, WSJF_CONFIG, bodyOf, callSettings, startSite, valueOf } from '../settings/support';
import type { Site, User } from '../settings/support';

const NOT_FOUND = { ok: false, error: { code: 'not-found', message: "You can't see this issue, or it doesn't exist." } };

let site: Site | undefined;
const dirs: string[] = [];

afterEach(async () => {
  await site?.close();
  site = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The issue view's context: the key is all the sidebar trusts (the id is Jira's to say). */
function view(key: string, project: { id: string; key: string; type: string } = MOB): ResolverExtension {
  return { issue: { id: '', key, type: 'Story' }, project };
}

async function score(current: Site, key: string, user: User = PAT, project = MOB): Promise<Result<IssueScoreView>> {
  return bodyOf(await current.runtime.invokeResolver('issue-score', 'getIssueScore', {}, user, view(key, project))) as Result<IssueScoreView>;
}

async function rank(current: Site, key: string, user: User = PAT, project = MOB): Promise<Result<IssueRankView>> {
  return bodyOf(await current.runtime.invokeResolver('issue-score', 'getIssueRank', {}, user, view(key, project))) as Result<IssueRankView>;
}

const runOf = (current: Site, projectId: string): Promise<RunRecord | undefined> => current.runtime.runAs('app', () => forgeStorage().recompute.load(projectId));
const cachedFieldsOf = (current: Site, projectId: string) => current.runtime.runAs('app', () => forgeStorage().projectFields.get(projectId));

/** The open issues of a project the field holds a score on, by JQL on the field (as the app). */
function scoredByJql(current: Site, projectKey: string): Promise<number> {
  const jira = createJiraClient(fetchRequestJira({ baseUrl: current.emulator.url, headers: { 'x-emulator-as-app': 'true' } }));
  return approximateCount(jira, jql`project = ${projectKey} AND statusCategory != Done AND cf[10100] IS NOT EMPTY`);
}

/** MOB's open work items whose Business Value and story points are both numbers: what value ÷ effort can score. */
function scoreableOpenMob(current: Site): string[] {
  const keys: string[] = [];
  for (const issue of current.emulator.state.allIssues()) {
    if (issue.projectId !== MOB.id || current.emulator.state.statuses.get(issue.statusId)?.statusCategory.key === 'done') continue;
    if ((current.emulator.state.issueTypes.get(issue.issueTypeId)?.hierarchyLevel ?? 0) !== 0) continue;
    if (typeof issue.fields.customfield_10050 === 'number' && typeof issue.fields.customfield_10016 === 'number') keys.push(issue.key);
  }
  return keys;
}

function scored(answer: Result<IssueScoreView>): IssueScoreView {
  const value = valueOf(answer);
  expect(value.outcome, JSON.stringify(value.missing)).toBe('scored');
  return value;
}

describe('the first view of a project nobody configured', () => {
  it('scores MOB at once from the fields its issues carry, names every field, and queues the first recompute', async () => {
    site = await startSite();
    const [first] = scoreableOpenMob(site);
    if (first === undefined) throw new Error('the demo has no open MOB story with business value and story points');
    const answer = scored(await score(site, first));
    expect(answer.configuration).toBe('default');
    expect(answer.model.name).toBe('Value / effort');
    // Every input is a field the issue carries, named as Jira names it: no id, no placeholder.
    expect(answer.breakdown.filter((row) => row.field !== null).map((row) => row.field?.name)).toEqual(['Business Value', 'Story point estimate']);
    expect(JSON.stringify(answer)).not.toMatch(/customfield_[a-z]|"name":"customfield_|a custom field|not requested/);
    const run = await runOf(site, MOB.id);
    expect(run?.progress).toMatchObject({ reason: FIRST_VIEW_REASON, requestedBy: 'app' });
    await site.runtime.whenIdle();
    expect((await runOf(site, MOB.id))?.status).toBe('done');
    // The field holds what the sidebar showed; the rank appears; JQL on the field finds the issues.
    expect(site.emulator.state.findIssue(first)?.fields[SCORE_FIELD]).toBe(Math.round(answer.score! * 100) / 100);
    expect(valueOf(await rank(site, first))).toMatchObject({ status: 'ranked' });
    expect(await scoredByJql(site, 'MOB')).toBe(scoreableOpenMob(site).length);
    // The background computed with the same default as the sidebar: every value is right.
    expect((await checkValues(site, MOB.id)).wrong).toEqual([]);
  });

  it('shares one read of the project\'s fields between the sidebar and the background, and forgets it when settings are saved', async () => {
    site = await startSite();
    const [first, second] = scoreableOpenMob(site);
    await score(site, first!);
    const stored = await cachedFieldsOf(site, MOB.id);
    expect(stored).toBeDefined();
    await site.runtime.whenIdle();
    // The recompute's first step found the sample fresh: it did not read the project's issues again.
    expect((await cachedFieldsOf(site, MOB.id))?.storedAt).toBe(stored?.storedAt);
    site.emulator.resetCalls();
    scored(await score(site, second!));
    expect(site.emulator.callCount('POST /rest/api/3/search/jql')).toBe(0);
    // A project admin saves MOB's scoring: what its issues carry is read again by the next reader.
    valueOf(await callSettings(site, 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 }, ADA, MOB));
    const afterSave = await cachedFieldsOf(site, MOB.id);
    expect(afterSave === undefined || afterSave.storedAt !== stored?.storedAt).toBe(true);
  });

  it('starts one run for many views at once, and none while it runs', async () => {
    site = await startSite();
    const keys = scoreableOpenMob(site);
    const answers = await Promise.all([...keys, ...keys].map((key) => score(site!, key)));
    for (const answer of answers) scored(answer);
    const run = await runOf(site, MOB.id);
    await site.runtime.whenIdle();
    expect((await runOf(site, MOB.id))?.runId).toBe(run?.runId);
    await score(site, keys[0]!);
    expect((await runOf(site, MOB.id))?.runId).toBe(run?.runId);
  });
});

describe('restarting Jira from its dataset while the app keeps its storage', () => {
  it('the first view after the restart finds the field empty and the project computed before, and computes it again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'throughline-first-minute-'));
    dirs.push(dataDir);
    site = await startSite({ runtime: { memory: false, dataDir } });
    const [first] = scoreableOpenMob(site);
    await score(site, first!);
    await site.runtime.whenIdle();
    const before = await runOf(site, MOB.id);
    expect(before?.progress.scored).toBeGreaterThan(0);
    await site.close();

    // The emulator starts again from the dataset: the values the app wrote are gone, its storage is not.
    site = await startSite({ runtime: { memory: false, dataDir } });
    expect(site.emulator.state.findIssue(first!)?.fields[SCORE_FIELD] ?? null).toBeNull();
    expect(valueOf(await rank(site, first!))).toMatchObject({ status: 'unavailable' });
    scored(await score(site, first!));
    expect((await runOf(site, MOB.id))?.progress.reason).toBe(LOST_VALUES_REASON);
    await site.runtime.whenIdle();
    expect(valueOf(await rank(site, first!))).toMatchObject({ status: 'ranked' });
    // In step now: another view starts nothing.
    const after = await runOf(site, MOB.id);
    await score(site, first!);
    expect((await runOf(site, MOB.id))?.runId).toBe(after?.runId);
  });
});

describe('npm start without --reset', () => {
  it('fires the daily recount as it starts, so the projects the app computed are written again without a view; another dataset is said', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'throughline-first-minute-'));
    dirs.push(dataDir);
    site = await startSite({ runtime: { memory: false, dataDir } });
    expect((await keepAppDataInStep(site.runtime, { dataDir, datasetPath: DEMO, storageKept: false })).recounted).toBe(false);
    const [first] = scoreableOpenMob(site);
    await score(site, first!);
    await site.runtime.whenIdle();
    await site.close();

    site = await startSite({ runtime: { memory: false, dataDir } });
    writeFileSync(join(dataDir, DATASET_RECORD), JSON.stringify({ dataset: DEMO, fingerprint: 'an earlier one' }));
    const report = await keepAppDataInStep(site.runtime, { dataDir, datasetPath: DEMO, storageKept: true });
    expect(report.recounted).toBe(true);
    expect(report.lines.join('\n')).toMatch(/earlier version of this dataset[\s\S]*daily recount is recomputing/);
    await site.runtime.whenIdle();
    // Nobody opened anything: the recount wrote MOB's scores again.
    expect(await scoredByJql(site, 'MOB')).toBe(scoreableOpenMob(site).length);
    expect(JSON.parse(readFileSync(join(dataDir, DATASET_RECORD), 'utf8'))).toEqual({ dataset: DEMO, fingerprint: datasetFingerprint(DEMO) });
  });
});

describe('bad input', () => {
  it('a project with no issues: nothing carried, the site default stands, and the project is read again within minutes', async () => {
    site = await startSite();
    for (const issue of [...site.emulator.state.allIssues()].filter((candidate) => candidate.projectId === MOB.id).reverse()) site.emulator.state.deleteIssue(issue.key);
    const now = new Date();
    const outcome = await site.runtime.runAs('app', async () => {
      const jira = createJiraClient(forgeRequestJira('app'));
      const siteFields = await loadSiteFields(jira, forgeStorage().siteCache, { appId: APP_ID });
      const refreshed = await refreshProjectFields(jira, forgeStorage().projectFields, MOB.id, siteFields, now);
      const stored = await storedSample(forgeStorage().projectFields, MOB.id, siteFields, now);
      const later = await storedSample(forgeStorage().projectFields, MOB.id, siteFields, new Date(now.getTime() + EMPTY_PROJECT_MAX_AGE_MS));
      return { refreshed, stored, later, defaultScoring: siteFields.defaultScoring };
    });
    expect(outcome.refreshed).toEqual({ kind: 'read', defaultChanged: false });
    expect(outcome.stored).toMatchObject({ sample: { sampled: 0, carried: {} }, fresh: true });
    expect(outcome.later?.fresh).toBe(false);
  });

  it('values of the wrong type are not carried: a Business Value written as text does not make it the default', async () => {
    site = await startSite();
    for (const issue of site.emulator.state.allIssues()) {
      if (issue.projectId === MOB.id && typeof issue.fields.customfield_10050 === 'number') issue.fields.customfield_10050 = String(issue.fields.customfield_10050);
    }
    const [first] = [...site.emulator.state.allIssues()].filter((issue) => issue.projectId === MOB.id && issue.key !== 'MOB-1' && typeof issue.fields.customfield_10016 === 'number');
    const answer = valueOf(await score(site, first!.key));
    // Value comes from Jira's priority, which every issue has; the text is never read as a number.
    expect(answer.breakdown.find((row) => row.field?.id === 'customfield_10050')).toBeUndefined();
    expect(answer.breakdown.map((row) => row.field?.name ?? null)).toContain('Priority');
  });

  it('Jira failing the field read (500, then 429 past the retries): the score still answers with the site default, nothing is stored, the next view reads again', async () => {
    site = await startSite();
    const [first] = scoreableOpenMob(site);
    site.emulator.failNext({ endpoint: 'POST /rest/api/3/search/jql', count: 10, status: 500 });
    const failed = valueOf(await score(site, first!));
    expect(failed.model.name).toBe('WSJF');
    expect(await cachedFieldsOf(site, MOB.id)).toBeUndefined();
    site.emulator.failNext({ endpoint: 'POST /rest/api/3/search/jql', count: 10, status: 429, retryAfterSeconds: 0.01 });
    expect(valueOf(await score(site, first!)).model.name).toBe('WSJF');
    expect(await cachedFieldsOf(site, MOB.id)).toBeUndefined();
    site.emulator.setFaults({});
    await site.runtime.whenIdle();
    expect(scored(await score(site, first!)).model.name).toBe('Value / effort');
    expect(await cachedFieldsOf(site, MOB.id)).toBeDefined();
  });

  it('a user who may not browse the project: not found, and nothing is read or queued as the app', async () => {
    site = await startSite();
    site.emulator.resetCalls();
    expect(await score(site, 'TL-15', NICK, TL)).toEqual(NOT_FOUND);
    // A forged project in the view changes nothing either.
    expect(await score(site, 'TL-15', NICK, MOB)).toEqual(NOT_FOUND);
    expect(site.emulator.callCount('POST /rest/api/3/search/jql')).toBe(0);
    expect(await cachedFieldsOf(site, TL.id)).toBeUndefined();
    expect(await runOf(site, TL.id)).toBeUndefined();
    expect(await runOf(site, MOB.id)).toBeUndefined();
  });
});


