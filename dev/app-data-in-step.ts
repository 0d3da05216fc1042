/**
 * `npm start` without `--reset` keeps the app's storage (.data/) but starts the Jira emulator from
 * its dataset again: whatever the app wrote into Jira last time ("Priority score", "Readiness", the
 * readiness and theme properties) is gone, while its storage remembers the projects as computed.
 * As on a Jira site restored from a backup, the app has to write them again; here, at once:
 *
 * - the daily recount (manifest.yml `daily-recount`) is fired as Forge would fire it overnight:
 *   every project the app keeps data for is recomputed from Jira as it now is (its rollups too);
 * - and a project's first view does the same on its own (src/services/first-recompute.ts).
 *
 * The dataset's fingerprint (SHA-256 of its file) is kept beside the storage, so a start on another
 * dataset, or a dataset changed since, says that the stored configuration was made for other data.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ForgeRuntime } from './forge-runtime';

export const DATASET_RECORD = 'jira-dataset.json';

const recordSchema = z.object({ dataset: z.string(), fingerprint: z.string() });

export function datasetFingerprint(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** What the last start recorded, or undefined (none, or not readable as one). */
function recorded(dataDir: string): z.infer<typeof recordSchema> | undefined {
  const path = join(dataDir, DATASET_RECORD);
  if (!existsSync(path)) return undefined;
  try {
    const parsed = recordSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface InStepReport {
  /** Lines for the console. */
  readonly lines: readonly string[];
  /** Whether the daily recount was fired. */
  readonly recounted: boolean;
}

/**
 * Called once the runtime runs, with whether the app's storage was kept from an earlier start.
 * Records the dataset's fingerprint for the next start.
 */
export async function keepAppDataInStep(runtime: ForgeRuntime, options: { readonly dataDir: string; readonly datasetPath: string; readonly storageKept: boolean }): Promise<InStepReport> {
  const fingerprint = datasetFingerprint(options.datasetPath);
  const before = recorded(options.dataDir);
  writeFileSync(join(options.dataDir, DATASET_RECORD), `${JSON.stringify({ dataset: options.datasetPath, fingerprint }, null, 2)}\n`);
  if (!options.storageKept) return { lines: [], recounted: false };
  const lines: string[] = [];
  if (before !== undefined && before.fingerprint !== fingerprint) {
    lines.push(`The app's data in .data/ was made with ${before.dataset === options.datasetPath ? 'an earlier version of this dataset' : before.dataset}: its configuration may name projects, fields or epics this one lacks (npm start -- --reset starts over).`);
  }
  const result = await runtime.fireScheduledTrigger('daily-recount');
  lines.push(
    result.success
      ? 'Jira started again from the dataset, so what the app wrote there last time is gone: the daily recount is recomputing every project the app keeps data for (as Forge would overnight).'
      : `Jira started again from the dataset, but the daily recount could not start (${result.error.message}): open an issue of a project to have it recomputed.`,
  );
  return { lines, recounted: result.success };
}
