/**
 * Another Forge app on the site has a field with the same module key ("priority-score"), older
 * (lower id) than the app's own. A user's request (the issue sidebar) comes first, then the
 * trigger: the trigger must write the app's own field, never the other app's. The shared
 * site-fields cache is filled only by app-context reads that know the app id, so nothing a
 * resolver read can make the trigger pick the other field.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaveResultView } from '../../../src/contract';
import { createSiteCache } from '../../../src/storage';
import { forgeKvs } from '../../../src/storage/forge-kvs';
import { DEMO, PAT, SCORE_FIELD, TL, WSJF_CONFIG, callSettings, startSite, valueOf } from '../settings/support';
import type { Site } from '../settings/support';
import { checkValues, issueByKey } from './support';

const OTHER_APP_FIELD = 'customfield_10090';
const OTHER_APP = '99999999-9999-4999-8999-999999999999';

function demoWithOtherAppField(): unknown {
  const dataset = JSON.parse(readFileSync(DEMO, 'utf8')) as { fields: unknown[] };
  dataset.fields.push({
    id: OTHER_APP_FIELD,
    key: `${OTHER_APP}__PRODUCTION__priority-score`,
    name: 'Priority score',
    untranslatedName: 'Priority score',
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: ['cf[10090]', 'Priority score'],
    schema: { type: 'number', custom: `ari:cloud:ecosystem::extension/${OTHER_APP}/22222222-2222-4222-8222-222222222222/static/priority-score`, customId: 10090 },
  });
  return dataset;
}

let site: Site;

/** Open stories of TL with every WSJF input set: the trigger gives them a score. */
function scoredStory(): string {
  const story = [...site.emulator.state.allIssues()].find(
    (issue) =>
      issue.projectId === TL.id &&
      issue.issueTypeId === '10001' &&
      site.emulator.state.statuses.get(issue.statusId)?.statusCategory.key !== 'done' &&
      ['customfield_10016', 'customfield_10050', 'customfield_10051', 'customfield_10052'].every((field) => issue.fields[field] !== null && issue.fields[field] !== undefined),
  );
  if (story === undefined) throw new Error('the demo has no open scored story');
  return story.key;
}

beforeAll(async () => {
  site = await startSite({ emulator: { dataset: demoWithOtherAppField() as never } });
  expect(valueOf(await callSettings<SaveResultView>(site, 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 })).status).toBe('saved');
  await site.runtime.whenIdle();
});

afterAll(async () => {
  await site.close();
});

describe("another app's field with the same key", () => {
  it('is never written: a resolver call first, then the trigger writes the app\'s own field', async () => {
    // As after six hours: nothing cached, so the next read of the field list decides.
    await site.runtime.runAs('app', () => createSiteCache(forgeKvs()).clear());
    const key = scoredStory();
    const sidebar = await site.runtime.invokeResolver('issue-score', 'getIssueScore', {}, PAT, { issue: { id: issueByKey(site.emulator, key).id, key, type: 'story' }, project: { ...TL } });
    expect(sidebar.success).toBe(true);

    const before = issueByKey(site.emulator, key).fields.customfield_10050 as number;
    site.emulator.state.updateIssue(key, { customfield_10050: before === 13 ? 8 : 13 }, PAT.accountId);
    await site.runtime.whenIdle();

    const other = [...site.emulator.state.allIssues()].filter((issue) => issue.fields[OTHER_APP_FIELD] !== undefined && issue.fields[OTHER_APP_FIELD] !== null);
    expect(other.map((issue) => issue.key)).toEqual([]);
    expect(typeof issueByKey(site.emulator, key).fields[SCORE_FIELD]).toBe('number');
    expect((await checkValues(site, TL.id)).wrong).toEqual([]);
  });
});
