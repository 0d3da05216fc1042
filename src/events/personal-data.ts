/**
 * The weekly personal data report: manifest.yml's `scheduledTrigger` (interval: week) runs the
 * first page of projects, and the `personal-data` queue carries the cursor to the next page until
 * every project was seen. Atlassian's API is reached through @forge/api's
 * `privacy.reportPersonalData` (POST /app/report-accounts, at most 90 accounts a request).
 */
import { privacy } from '@forge/api';
import type { AsyncEvent } from '@forge/events';
import { InvocationError, InvocationErrorCode, Queue } from '@forge/events';
import { z } from 'zod';
import { describeForLog } from '../jira';
import { REPORT_BATCH, reportPersonalDataPage } from '../services/personal-data';
import type { AccountStatus, PersonalDataPage, PersonalDataReporter } from '../services/personal-data';
import { createPersonalDataStore } from '../storage';
import { forgeKvs } from '../storage/forge-kvs';

/** The queue of manifest.yml's `personal-data` consumer. */
export const PERSONAL_DATA_QUEUE = 'throughline-personal-data';
/** Deliveries of one page before it is left to next week's run. */
const MAX_RETRIES = 3;

const answerSchema = z.array(z.looseObject({ accountId: z.string(), status: z.enum(['closed', 'updated']) }));

/** The port over @forge/api: one request per call (the caller batches by REPORT_BATCH). */
export function forgePersonalDataReporter(): PersonalDataReporter {
  return {
    async report(accounts) {
      if (accounts.length > REPORT_BATCH) throw new Error(`At most ${String(REPORT_BATCH)} accounts go in one report (got ${String(accounts.length)}).`);
      let answer: unknown;
      try {
        answer = await privacy.reportPersonalData(accounts.map(({ accountId, updatedAt }) => ({ accountId, updatedAt })));
      } catch (error: unknown) {
        // The SDK rejects with the Response itself on a status other than 200 and 204.
        if (error instanceof Error) throw error;
        const status = typeof error === 'object' && error !== null && 'status' in error ? String(error.status) : 'unknown';
        throw new Error(`Atlassian's personal data reporting answered HTTP ${status}.`);
      }
      const parsed = answerSchema.safeParse(answer ?? []);
      if (!parsed.success) throw new Error("Atlassian's personal data reporting answered in a shape Throughline does not understand.");
      return parsed.data.map(({ accountId, status }): AccountStatus => ({ accountId, status }));
    },
  };
}

async function runPage(cursor: string | undefined): Promise<PersonalDataPage> {
  const outcome = await reportPersonalDataPage(createPersonalDataStore(forgeKvs()), forgePersonalDataReporter(), cursor);
  if (outcome.next !== undefined) await new Queue({ key: PERSONAL_DATA_QUEUE }).push({ body: { cursor: outcome.next } });
  return outcome;
}

/** manifest.yml `scheduledTrigger` `weekly-privacy-report` → `index.reportPersonalData`: the first page. */
export async function reportPersonalData(): Promise<void> {
  try {
    await runPage(undefined);
  } catch (error: unknown) {
    // Next week's run reports everything again; nothing is half-erased (each record is one conditional write).
    console.error('Throughline: the personal data report failed', describeForLog(error));
  }
}

const stepSchema = z.object({ cursor: z.string().min(1).max(1000) });

/** manifest.yml consumer `personal-data` → `index.reportPersonalDataStep`: the next page. */
export async function reportPersonalDataStep(event: AsyncEvent): Promise<InvocationError | undefined> {
  const parsed = stepSchema.safeParse(event.body);
  if (!parsed.success) return undefined;
  try {
    await runPage(parsed.data.cursor);
    return undefined;
  } catch (error: unknown) {
    const retryCount = event.retryContext?.retryCount ?? 0;
    console.error('Throughline: a personal data report step failed', describeForLog(error));
    if (retryCount >= MAX_RETRIES) return undefined;
    return new InvocationError({ retryAfter: 60 * (retryCount + 1), retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
  }
}
