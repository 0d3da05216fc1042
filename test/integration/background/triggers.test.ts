/**
 * Keeping the app's fields current from Jira events, through the local runtime's trigger delivery
 * (product events from the emulator, `ignoreSelf` honoured): a story edited, the same event twice
 * and out of order, an event for an issue that is gone or that moved project, blockers linked and
 * resolved, an epic's theme reaching its stories. Each time every value of the project is checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JiraChange } from '../../../dev/forge-runtime';
import type { SaveResultView, SettingsView } from '../../../src/contract';
import { ADA, PAT, READINESS_PROPERTY, SCORE_FIELD, TL, WSJF_CONFIG, callSettings, startSite, valueOf } from '../settings/support';
import type { Site } from '../settings/support';
import { createJiraClient, fetchFields } from '../../../src/jira';
import { fetchRequestJira } from '../../../dev/jira-emulator/request-jira';
import { evaluateIssue } from '../../../src/services/issue-evaluation';
import { siteFieldsOf } from '../../../src/services/site-fields';
import { forgeStorage } from '../../../src/storage/forge-kvs';
import { APP_ID, callTotals, checkValues, issueByKey } from './support';

let site: Site;
const changes: JiraChange[] = [];

/** Open stories of TL with a parent epic, every WSJF input set, and no links (they block nothing). */
function openScoredStories(): string[] {
  return [...site.emulator.state.allIssues()]
    .filter((issue) => issue.projectId === TL.id && issue.issueTypeId === '10001' && issue.parentId !== undefined && site.emulator.state.linksOf(issue.id).length === 0)
    .filter((issue) => site.emulator.state.statuses.get(issue.statusId)?.statusCategory.key !== 'done')
    .filter((issue) => ['customfield_10016', 'customfield_10050', 'customfield_10051', 'customfield_10052'].every((field) => issue.fields[field] !== null && issue.fields[field] !== undefined))
    .map((issue) => issue.key);
}

function wsjf(key: string, weight = 1): number {
  const fields = issueByKey(site.emulator, key).fields;
  // The emulator keeps options by id: None, Low, Medium, High, Critical.
  const risk = { '10200': 0, '10201': 1, '10202': 3, '10203': 8, '10204': 13 }[(fields.customfield_10052 as { id: '10200' }).id];
  return Math.round((((fields.customfield_10050 as number) + (fields.customfield_10051 as number) + risk) / (fields.customfield_10016 as number)) * weight * 100) / 100;
}

async function expectAllValuesRight(): Promise<void> {
  const check = await checkValues(site, TL.id);
  expect(check.wrong).toEqual([]);
  expect(check.issues).toBe(218);
}

beforeAll(async () => {
  site = await startSite();
  site.emulator.state.onChange((change) => changes.push(JSON.parse(JSON.stringify(change)) as JiraChange));
  expect(valueOf(await callSettings<SaveResultView>(site, 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 })).status).toBe('saved');
  await site.runtime.whenIdle();
});

afterAll(async () => {
  await site.close();
});

describe('an issue changed in Jira', () => {
  it('is recomputed from Jira and only what changed is written: at most 3 Jira calls', async () => {
    const [key] = openScoredStories();
    if (key === undefined) throw new Error('the demo has no open scored story');
    const before = issueByKey(site.emulator, key).fields.customfield_10016 as number;
    site.emulator.resetCalls();
    site.emulator.state.updateIssue(key, { customfield_10016: before === 5 ? 8 : 5 }, PAT.accountId);
    await site.runtime.whenIdle();
    const calls = callTotals(site.emulator);
    // One bulk fetch (the story and its epic), one app field write; the readiness did not change.
    expect(calls.all).toBeLessThanOrEqual(3);
    expect(calls.reads).toBe(1);
    expect(site.emulator.calls['POST /rest/api/3/app/field/value']).toBe(1);
    expect(issueByKey(site.emulator, key).fields[SCORE_FIELD]).toBe(wsjf(key));
    await expectAllValuesRight();
  });

  it('writes nothing when the same event arrives again, or an older one arrives late', async () => {
    const [, key] = openScoredStories();
    if (key === undefined) throw new Error('the demo has too few open scored stories');
    changes.length = 0;
    site.emulator.state.updateIssue(key, { customfield_10050: 1 }, PAT.accountId);
    site.emulator.state.updateIssue(key, { customfield_10050: 20 }, PAT.accountId);
    await site.runtime.whenIdle();
    const [older, newer] = changes.filter((change) => change.eventType === 'avi:jira:updated:issue' && change.atlassianId === PAT.accountId);
    expect(issueByKey(site.emulator, key).fields[SCORE_FIELD]).toBe(wsjf(key));
    site.emulator.resetCalls();
    // At least once: the newer event again. Out of order: the older one, after it.
    const deliveries = [...(await site.runtime.fireTrigger(newer!)), ...(await site.runtime.fireTrigger(older!))];
    expect(deliveries.map((delivery) => delivery.status)).toEqual(['succeeded', 'succeeded']);
    expect(callTotals(site.emulator)).toMatchObject({ writes: 0, reads: 2 });
    expect(issueByKey(site.emulator, key).fields[SCORE_FIELD]).toBe(wsjf(key));
  });

  it('ignores the app\'s own writes (ignoreSelf): no trigger runs for them', async () => {
    site.emulator.resetCalls();
    changes.length = 0;
    site.emulator.state.setAppFieldValue(SCORE_FIELD, 'TL-40', 0.5);
    await site.runtime.whenIdle();
    expect(changes.map((change) => change.eventType)).toEqual(['avi:jira:updated:issue']);
    expect(site.emulator.calls).toEqual({});
    // Put it right for the checks after.
    site.emulator.state.updateIssue('TL-40', { summary: 'Touched so the trigger recomputes it' }, PAT.accountId);
    await site.runtime.whenIdle();
    await expectAllValuesRight();
  });

  it('survives an event for an issue that was deleted: nothing written, no retry', async () => {
    site.emulator.resetCalls();
    const deliveries = await site.runtime.fireTrigger({
      eventType: 'avi:jira:updated:issue',
      atlassianId: PAT.accountId,
      issue: { id: '99999', key: 'TL-99999', fields: { project: { id: TL.id }, parent: { key: 'TL-1' } } },
      changelog: { id: '1', items: [] },
    });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ status: 'succeeded', attempts: [{ success: true }] });
    expect(deliveries[0]?.attempts).toHaveLength(1);
    expect(callTotals(site.emulator)).toMatchObject({ writes: 0, reads: 1 });
  });

  it('uses the project the issue is in now, not the one an old event names', async () => {
    const [key] = openScoredStories();
    if (key === undefined) throw new Error('the demo has no open scored story');
    const issue = issueByKey(site.emulator, key);
    // A wrong value the app did not write through a trigger (its own writes are ignored).
    site.emulator.state.setAppFieldValue(SCORE_FIELD, key, 999);
    await site.runtime.whenIdle();
    const deliveries = await site.runtime.fireTrigger({
      eventType: 'avi:jira:updated:issue',
      atlassianId: PAT.accountId,
      // The event says MOB (whose configuration is the defaults); the issue is in TL.
      issue: { id: issue.id, key, fields: { project: { id: '10001' } } },
      changelog: { id: '2', items: [] },
    });
    expect(deliveries[0]?.status).toBe('succeeded');
    expect(issueByKey(site.emulator, key).fields[SCORE_FIELD]).toBe(wsjf(key));
    await expectAllValuesRight();
  });
});

describe('blockers', () => {
  it('a blocker linked makes the story not ready; resolved, it is ready again; the property says which rule', async () => {
    const [story, blocker] = openScoredStories();
    if (story === undefined || blocker === undefined) throw new Error('the demo has too few open stories');
    const property = () => issueByKey(site.emulator, story).properties.get(READINESS_PROPERTY) as { verdict: string; failingRules: string[] };
    expect(property().failingRules).not.toContain('no-open-blocker');
    const linkId = site.emulator.state.addBlocker(story, blocker, PAT.accountId);
    await site.runtime.whenIdle();
    expect(property()).toMatchObject({ verdict: 'not-ready', failingRules: expect.arrayContaining(['no-open-blocker']) as unknown });
    expect(issueByKey(site.emulator, story).fields.customfield_10101).toMatch(/^Not ready: \d+ rules?$/);
    await expectAllValuesRight();

    // The blocker is resolved: its own update event recomputes the stories it blocks.
    site.emulator.state.transitionIssue(blocker, 'Done', PAT.accountId);
    await site.runtime.whenIdle();
    expect(property().failingRules).not.toContain('no-open-blocker');
    await expectAllValuesRight();

    site.emulator.state.transitionIssue(blocker, 'To Do', PAT.accountId);
    await site.runtime.whenIdle();
    expect(property().failingRules).toContain('no-open-blocker');
    site.emulator.state.unlinkIssues(linkId, PAT.accountId);
    await site.runtime.whenIdle();
    expect(property().failingRules).not.toContain('no-open-blocker');
    await expectAllValuesRight();
  });
});

describe('an epic', () => {
  it("passes its theme's strategic weight to its stories when it changes", async () => {
    // A strategy with a theme of weight 2, through an import of the project's own file.
    const exported = valueOf(await callSettings<{ file: Record<string, unknown> }>(site, 'exportConfig', {}));
    const strategy = { schemaVersion: 1, revision: 0, vision: { statement: 'One line from the vision to every story' }, themes: [{ id: 'growth', name: 'Growth', horizon: 'now', strategicWeight: 2 }] };
    expect(valueOf(await callSettings<{ status: string }>(site, 'importConfig', { file: JSON.stringify({ ...exported.file, strategy }) })).status).toBe('imported');
    await site.runtime.whenIdle();
    const settings = valueOf(await callSettings<SettingsView>(site, 'getSettings', {}, ADA));
    expect(settings.strategy).toMatchObject({ themes: 1 });

    // TL-10 has no theme; TL-38 is its story: (8 + 3 + Low 1) ÷ 2.
    expect(issueByKey(site.emulator, 'TL-38').fields[SCORE_FIELD]).toBe(wsjf('TL-38'));
    // Attached by Ada on the project page (the app's storage is the truth; the property only its index).
    const attached = await site.runtime.invokeResolver('project-page', 'setEpicTheme', { epicKey: 'TL-10', themeId: 'growth' }, ADA, { project: TL });
    expect(attached).toMatchObject({ success: true, body: { ok: true } });
    site.emulator.state.updateIssue('TL-10', { summary: 'Self-serve onboarding (now a Growth epic)' }, PAT.accountId);
    await site.runtime.whenIdle();
    expect(issueByKey(site.emulator, 'TL-38').fields[SCORE_FIELD]).toBe(wsjf('TL-38', 2));
    await expectAllValuesRight();
  });
});

describe('a new issue, and one issue evaluated on its own', () => {
  it('computes the values of an issue as it is created', async () => {
    const key = site.emulator.state.createIssue({
      projectKey: 'TL',
      issueType: 'Story',
      summary: 'As an admin, I want a new story, so that the trigger scores it',
      parentKey: 'TL-10',
      fields: { customfield_10016: 3, customfield_10050: 13, customfield_10051: 8, customfield_10052: { id: '10203' } },
      asAccountId: PAT.accountId,
    });
    await site.runtime.whenIdle();
    // Its epic TL-10 carries the Growth theme (weight 2) since the test before: (13 + 8 + High 8) ÷ 3 × 2.
    expect(issueByKey(site.emulator, key).fields[SCORE_FIELD]).toBe(wsjf(key, 2));
    expect(issueByKey(site.emulator, key).properties.get(READINESS_PROPERTY)).toMatchObject({ verdict: expect.any(String) as unknown });
    expect((await checkValues(site, TL.id)).wrong).toEqual([]);
  });

  it('evaluateIssue gives the score, readiness and theme of one issue, reading the fields its configuration needs', async () => {
    const jira = createJiraClient(fetchRequestJira({ baseUrl: site.emulator.url, headers: { 'x-emulator-account-id': PAT.accountId } }));
    const siteFields = siteFieldsOf(await fetchFields(jira), APP_ID);
    const evaluated = await site.runtime.runAs(PAT, () => evaluateIssue(jira, forgeStorage(), siteFields, 'TL-38'));
    expect(evaluated.issue.key).toBe('TL-38');
    expect(evaluated.evaluation.theme).toMatchObject({ kind: 'theme', theme: { id: 'growth', strategicWeight: 2 }, via: 'parent' });
    expect(evaluated.evaluation.score).toMatchObject({ status: 'scored' });
    expect(evaluated.evaluation.values.score).toBe(wsjf('TL-38', 2));
    expect(evaluated.evaluation.changed).toEqual({ score: false, readiness: false, property: false });
    expect(evaluated.configuration.scoring.model.type).toBe('wsjf');
    await expect(site.runtime.runAs(PAT, () => evaluateIssue(jira, forgeStorage(), siteFields, 'TL-99999'))).rejects.toMatchObject({ kind: 'not-found' });
  });
});
