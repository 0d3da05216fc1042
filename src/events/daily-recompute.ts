/**
 * manifest.yml `scheduledTrigger` `daily-recompute` → `index.dailyRecompute`: the first page of
 * projects (services/daily-recompute.ts); the queue consumer takes the next pages and the steps.
 */
import { createJiraClient, describeForLog } from '../jira';
import { forgeRequestJira } from '../jira/forge-request';
import { startDailyRecomputes } from '../services/daily-recompute';
import type { DailyRepositories } from '../services/daily-recompute';
import { loadSiteFields } from '../services/site-fields';
import type { SiteFields } from '../services/site-fields';
import { createPersonalDataStore } from '../storage';
import { createDailyRecomputeStore } from '../storage/daily-recompute-store';
import { forgeKvs, forgeStorage } from '../storage/forge-kvs';
import { currentAppId, forgeQueue } from './platform';

/** The repositories of a daily run over Forge storage. */
export function dailyRepositories(): DailyRepositories {
  return { ...forgeStorage(), daily: createDailyRecomputeStore(forgeKvs()) };
}

/** The site's fields as the app sees them (cached for hours: usually no Jira call). */
export function siteFieldsAsApp(repositories: DailyRepositories): () => Promise<SiteFields> {
  return () => loadSiteFields(createJiraClient(forgeRequestJira('app')), repositories.siteCache, { appId: currentAppId() });
}

/** Starts today's runs from the first page of projects; `cursor`: a later page (from the queue). */
export async function startDailyRecomputePage(cursor: string | undefined): Promise<{ readonly started: number }> {
  const repositories = dailyRepositories();
  const outcome = await startDailyRecomputes(createPersonalDataStore(forgeKvs()), repositories, forgeQueue(), siteFieldsAsApp(repositories), cursor, new Date());
  return { started: outcome.started.length };
}

export async function dailyRecompute(): Promise<void> {
  try {
    await startDailyRecomputePage(undefined);
  } catch (error: unknown) {
    // Tomorrow's run looks back to when the values were last current: nothing is lost, only late.
    console.error('Throughline: starting the daily recompute failed', describeForLog(error));
  }
}
