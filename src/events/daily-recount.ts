/**
 * manifest.yml `scheduledTrigger` `daily-recount` → `index.dailyRecount`: the first page of
 * projects (services/daily-recount.ts); the queue consumer takes the next pages.
 */
import { describeForLog } from '../jira';
import { startDailyRecounts } from '../services/daily-recount';
import { createPersonalDataStore } from '../storage';
import { forgeKvs, forgeStorage } from '../storage/forge-kvs';
import { forgeQueue } from './platform';

export async function dailyRecount(): Promise<void> {
  try {
    await startDailyRecounts(createPersonalDataStore(forgeKvs()), forgeStorage(), forgeQueue(), undefined, new Date());
  } catch (error: unknown) {
    // Tomorrow's run starts them again; a run that did start carries on through the queue.
    console.error('Throughline: starting the daily recount failed', describeForLog(error));
  }
}
