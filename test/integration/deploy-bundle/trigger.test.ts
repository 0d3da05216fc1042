/**
 * What ships is what is tested: the local Forge runtime runs the handlers from the bundle that
 * `forge deploy` would upload (webpack + ts-loader by Atlassian's @forge/bundler, with its own
 * copies of @forge/api, @forge/kvs, @forge/events and @forge/resolver inside), not from src/. The
 * settings resolver saves a configuration, the queue consumer recomputes the project, and the
 * issue trigger keeps a story's score current, all inside the bundle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaveResultView } from '../../../src/contract';
import { bundleWasLoaded, deployBundleDir } from '../../deploy-bundle';
import { checkValues, issueByKey } from '../background/support';
import { PAT, SCORE_FIELD, TL, WSJF_CONFIG, callSettings, startSite, valueOf } from '../settings/support';
import type { Site } from '../settings/support';

let site: Site;

beforeAll(async () => {
  const bundleDir = deployBundleDir();
  site = await startSite({ runtime: { bundleDir } });
}, 300_000);

afterAll(async () => {
  await site.close();
});

describe('the deploy bundle in the local runtime', () => {
  it('saves a configuration through the bundled resolver and recomputes the project in the bundled consumer', async () => {
    expect(valueOf(await callSettings<SaveResultView>(site, 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 })).status).toBe('saved');
    await site.runtime.whenIdle();
    expect(bundleWasLoaded()).toBe(true);
    const check = await checkValues(site, TL.id);
    expect(check.wrong).toEqual([]);
    expect(check.issues).toBeGreaterThan(100);
  });

  it('keeps a story current from a Jira event through the bundled trigger', async () => {
    const story = [...site.emulator.state.allIssues()].find(
      (issue) => issue.projectId === TL.id && issue.issueTypeId === '10001' && typeof issue.fields.customfield_10016 === 'number' && typeof issue.fields[SCORE_FIELD] === 'number',
    );
    if (story === undefined) throw new Error('the demo has no scored story');
    const before = issueByKey(site.emulator, story.key).fields[SCORE_FIELD];
    const points = story.fields.customfield_10016 as number;
    site.emulator.state.updateIssue(story.key, { customfield_10016: points * 2 }, PAT.accountId);
    await site.runtime.whenIdle();
    const after = issueByKey(site.emulator, story.key).fields[SCORE_FIELD];
    expect(typeof after).toBe('number');
    expect(after).not.toBe(before);
    const check = await checkValues(site, TL.id);
    expect(check.wrong).toEqual([]);
  });
});
