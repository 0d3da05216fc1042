/**
 * The shared site-fields cache: filled only by app-context reads that know the app id, and an
 * entry is trusted only for that app id, so another app's field with the same key can never be
 * cached for the triggers by a user's request.
 */
import { describe, expect, it } from 'vitest';
import { createJiraClient } from '../../../src/jira/client';
import type { ResponseLike } from '../../../src/jira/client';
import { loadSiteFields, siteFieldsForUser } from '../../../src/services/site-fields';
import { createSiteCache, memoryKvs } from '../../../src/storage';

const OURS = '00000000-0000-4000-8000-000000000000';
const OTHER = '99999999-9999-4999-8999-999999999999';

function appField(id: number, app: string, key: string) {
  return { id: `customfield_${String(id)}`, name: key, custom: true, schema: { type: 'number', custom: `ari:cloud:ecosystem::extension/${app}/env/static/${key}`, customId: id } };
}

/** Another app's "priority-score" is older (lower id) than ours. */
const FIELDS = [appField(10090, OTHER, 'priority-score'), appField(10100, OURS, 'priority-score'), appField(10101, OURS, 'readiness')];

function jira() {
  let calls = 0;
  const client = createJiraClient(() => {
    calls++;
    const answer: ResponseLike = { status: 200, headers: { get: () => null }, text: () => Promise.resolve(JSON.stringify(FIELDS)) };
    return Promise.resolve(answer);
  });
  return { client, calls: () => calls };
}

describe('the site-fields cache', () => {
  it('is never written by a user read, even with the app id', async () => {
    const cache = createSiteCache(memoryKvs());
    expect((await siteFieldsForUser(jira().client, cache, { appId: OURS })).appFields.score).toBe('customfield_10100');
    expect((await siteFieldsForUser(jira().client, cache, { appId: undefined })).appFields.score).toBe('customfield_10090');
    expect(await cache.get()).toBeUndefined();
  });

  it('is written by an app read with the app id, and then serves users and the app without a call', async () => {
    const cache = createSiteCache(memoryKvs());
    await loadSiteFields(jira().client, cache, { appId: OURS });
    const again = jira();
    expect((await siteFieldsForUser(again.client, cache, { appId: OURS })).appFields.score).toBe('customfield_10100');
    expect((await loadSiteFields(again.client, cache, { appId: OURS })).appFields.score).toBe('customfield_10100');
    expect(again.calls()).toBe(0);
  });

  it('is not written by an app read that does not know the app id', async () => {
    const cache = createSiteCache(memoryKvs());
    await loadSiteFields(jira().client, cache, { appId: undefined });
    expect(await cache.get()).toBeUndefined();
  });

  it('does not trust an entry stored without the app id (or for another one)', async () => {
    const cache = createSiteCache(memoryKvs());
    const poisoned = { appFields: { score: 'customfield_10090', readiness: 'customfield_10101' }, storyPoints: null, epicLinkFieldId: null, defaultScoring: { version: 1, model: { type: 'value-effort', inputs: {} } }, notes: [] };
    await cache.set(poisoned);
    const read = jira();
    expect((await loadSiteFields(read.client, cache, { appId: OURS })).appFields.score).toBe('customfield_10100');
    expect(read.calls()).toBe(1);
    await cache.set({ ...poisoned, appId: OTHER });
    expect((await siteFieldsForUser(jira().client, cache, { appId: OURS })).appFields.score).toBe('customfield_10100');
  });
});
