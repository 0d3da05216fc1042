/**
 * Starting the daily recompute, over storage in memory and a recording queue (no Jira): once a day
 * per project even when two firings start at the same moment, nothing asked of Jira for a project
 * nobody configured, and one project's failure holding back no other.
 */
import { describe, expect, it } from 'vitest';
import { NO_CANDIDATES } from '../../../src/services/default-configuration';
import { defaultScoringConfig } from '../../../src/domain/scoring';
import { startDailyRecompute, startDailyRecomputes } from '../../../src/services/daily-recompute';
import type { DailyRepositories } from '../../../src/services/daily-recompute';
import type { RecomputeEvent } from '../../../src/services/recompute';
import type { SiteFields } from '../../../src/services/site-fields';
import { createEpicThemeStore, createRecomputeStore, createSettingsRepository, createSiteCache, memoryKvs } from '../../../src/storage';
import type { SettingsRepository } from '../../../src/storage';
import { createDailyRecomputeStore } from '../../../src/storage/daily-recompute-store';

const NOW = new Date(Date.UTC(2026, 2, 5, 6, 0));
const SITE: SiteFields = { appFields: { score: 'customfield_10100', readiness: 'customfield_10101' }, storyPoints: null, epicLinkFieldId: null, defaultScoring: defaultScoringConfig(), scoringCandidates: NO_CANDIDATES, notes: [] };
const DUE_DATE = { model: { type: 'formula', formula: 'urgency', inputs: { urgency: { kind: 'date', fieldId: 'duedate' } } }, multiplyByStrategicWeight: false };
const NO_DATE = { model: { type: 'value-effort', inputs: { value: { kind: 'number', fieldId: 'customfield_10050' }, effort: { kind: 'number', fieldId: 'customfield_10016' } } } };

function setUp(settings?: (real: SettingsRepository) => SettingsRepository) {
  const kvs = memoryKvs();
  const real = createSettingsRepository(kvs);
  const repositories: DailyRepositories = {
    settings: settings === undefined ? real : settings(real),
    recompute: createRecomputeStore(kvs),
    siteCache: createSiteCache(kvs),
    epicThemes: createEpicThemeStore(kvs),
    daily: createDailyRecomputeStore(kvs),
  };
  const pushed: RecomputeEvent[] = [];
  const queue = { push: (event: RecomputeEvent) => Promise.resolve(void pushed.push(event)) };
  let siteCalls = 0;
  const site = (): Promise<SiteFields> => {
    siteCalls++;
    return Promise.resolve(SITE);
  };
  return { real, repositories, queue, pushed, site, siteCalls: () => siteCalls };
}

describe('starting the daily recompute', () => {
  it('starts a project once when Forge fires twice at the same moment, and not again that day', async () => {
    const { real, repositories, queue, pushed, site } = setUp();
    await real.save('10000', 'scoring', DUE_DATE, { baseRevision: 0, actor: 'ada' });
    const [one, two] = await Promise.all([startDailyRecompute(repositories, queue, site, '10000', NOW), startDailyRecompute(repositories, queue, site, '10000', NOW)]);
    expect([one.started, two.started].filter(Boolean)).toHaveLength(1);
    expect(pushed.filter((event) => event.kind === 'daily-step')).toHaveLength(1);
    expect(await startDailyRecompute(repositories, queue, site, '10000', new Date(NOW.getTime() + 3_600_000))).toEqual({ started: false, reason: 'ran-today' });
    expect(pushed).toHaveLength(1);
  });

  it('asks nothing of Jira for a project nobody configured, and reads nothing for one without a time-dependent input', async () => {
    const { real, repositories, queue, pushed, site, siteCalls } = setUp();
    expect(await startDailyRecompute(repositories, queue, site, '10000', NOW)).toEqual({ started: false, reason: 'not-configured' });
    expect(siteCalls()).toBe(0);
    await real.save('10000', 'scoring', NO_DATE, { baseRevision: 0, actor: 'ada' });
    expect(await startDailyRecompute(repositories, queue, site, '10000', NOW)).toEqual({ started: false, reason: 'nothing-depends-on-time' });
    expect(pushed).toEqual([]);
    expect(await repositories.daily.load('10000')).toBeUndefined();
  });

  it('starts the other projects of a page when one fails, and queues the next page', async () => {
    const { real, repositories, queue, pushed, site } = setUp((settings) => ({
      ...settings,
      loadAll: (projectId, defaults) => (projectId === '10001' ? Promise.reject(new Error('storage is down')) : settings.loadAll(projectId, defaults)),
    }));
    for (const projectId of ['10000', '10001', '10002']) await real.save(projectId, 'scoring', DUE_DATE, { baseRevision: 0, actor: 'ada' });
    const pages = { projects: () => Promise.resolve({ projectIds: ['10000', '10001', '10002'], cursor: 'page-2' }) };
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const outcome = await startDailyRecomputes(pages, repositories, queue, site, undefined, NOW);
      expect(outcome).toEqual({ started: ['10000', '10002'], skipped: [{ projectId: '10001', reason: 'failed' }], next: 'page-2' });
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
    expect(pushed.map((event) => event.kind)).toEqual(['daily-step', 'daily-step', 'daily-recompute']);
  });
});
