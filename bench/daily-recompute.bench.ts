/**
 * The daily recompute of a 20,000-issue project (dev/demo-data/generate-scale.ts, 200 epics) of
 * which 500 stories have a due date, WSJF with time criticality from the due date: the manifest's
 * `daily-recompute` scheduled trigger fired through the local Forge runtime (queue, consumer, KVS)
 * at chosen days on the local clock, against the Jira emulator over HTTP at 150 ms per call.
 *
 * Figures and budgets:
 * - nothing known yet (no earlier run, no bulk recompute): every issue with a due date up to the
 *   last step of the table is read, ⌈500 / 100⌉ = 5 searches, not the project's 200;
 * - the next day: only the due dates on the days a step is crossed (a handful of issues), 1 search;
 * - Jira calls of each run (searches, epic lookups, writes) and wall time at 150 ms latency,
 *   printed; one run each (the machine is shared: the time is indicative).
 *
 * Run: npx tsx bench/daily-recompute.bench.ts   (or npm run bench -- daily-recompute)
 */
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createForgeRuntime, localClock } from '../dev/forge-runtime';
import type { ForgeRuntime } from '../dev/forge-runtime';
import { FIELD, USERS } from '../dev/demo-data/catalog';
import { generateScaleDataset } from '../dev/demo-data/generate-scale';
import { startJiraEmulator } from '../dev/jira-emulator';
import type { JiraEmulator } from '../dev/jira-emulator';
import { createSettingsRepository } from '../src/storage';
import { forgeKvs } from '../src/storage/forge-kvs';
import { createDailyRecomputeStore } from '../src/storage/daily-recompute-store';
import type { DailyRunRecord } from '../src/storage/daily-recompute-store';
import { finish, report } from './harness';

const ISSUES = 20_000;
const EPICS = 200;
const DUE_DATES = 500;
const PAGE_SIZE = 100;
const LATENCY_MS = 150;
const ROOT = resolve(import.meta.dirname, '..');
const PROJECT_ID = '10000';
const DAY = 86_400_000;
/** "Today" of the first run: 5 March 2026, 06:00 UTC. */
const T0 = Date.UTC(2026, 2, 5, 6, 0);
const SEARCH = 'POST /rest/api/3/search/jql';
const WRITES = ['POST /rest/api/3/app/field/value', 'POST /rest/api/3/issue/properties', 'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}'];

const WSJF_DUE_DATE = {
  model: {
    type: 'wsjf',
    inputs: {
      businessValue: { kind: 'number', fieldId: FIELD.businessValue },
      timeCriticality: { kind: 'date', fieldId: 'duedate' },
      riskReduction: { kind: 'select', fieldId: FIELD.riskReduction, options: { None: 0, Low: 1, Medium: 3, High: 8, Critical: 13 } },
      jobSize: { kind: 'number', fieldId: FIELD.storyPointEstimate },
    },
  },
};

/** The scale dataset with exactly 500 due dates, on stories spread from 30 days ago to 170 days ahead. */
function datasetWithDueDates() {
  const dataset = generateScaleDataset({ issues: ISSUES, epics: EPICS, seed: 7 });
  const stride = Math.floor((ISSUES - EPICS) / DUE_DATES);
  dataset.issues.forEach((issue, index) => {
    const story = index - EPICS;
    const dated = story >= 0 && story % stride === 0 && story / stride < DUE_DATES;
    const fields = issue.fields as Record<string, unknown>;
    fields.duedate = dated ? new Date(T0 + (((story / stride) * 37) % 200 - 30) * DAY).toISOString().slice(0, 10) : null;
  });
  return dataset;
}

interface RunFigures {
  readonly ms: number;
  readonly searches: number;
  readonly calls: number;
  readonly writes: number;
  readonly record: DailyRunRecord;
}

async function fireAt(emulator: JiraEmulator, runtime: ForgeRuntime, at: number): Promise<RunFigures> {
  await runtime.whenIdle();
  emulator.resetCalls();
  const start = performance.now();
  const result = await runtime.fireScheduledTrigger('daily-recompute', { at });
  if (!result.success) throw new Error(`the trigger failed: ${result.error.message}`);
  await runtime.whenIdle();
  const ms = performance.now() - start;
  const record = await runtime.runAs('app', () => createDailyRecomputeStore(forgeKvs()).load(PROJECT_ID));
  if (record?.status !== 'done') throw new Error(`the daily run did not finish: ${JSON.stringify(record)}`);
  const calls = Object.values(emulator.calls).reduce((sum, count) => sum + count, 0);
  return { ms, searches: emulator.callCount(SEARCH), calls, writes: WRITES.reduce((sum, endpoint) => sum + emulator.callCount(endpoint), 0), record };
}

function reportRun(label: string, run: RunFigures, searchBudget: number, note: string): void {
  report(`${label}: search calls`, run.searches, searchBudget, 'calls', 'lower', `${note}; the whole project would be ${String(Math.ceil(ISSUES / PAGE_SIZE))}`);
  console.log(`      ${label}: ${String(run.record.progress.read)} issues read, ${String(run.record.progress.changed)} changed; ${String(run.calls)} Jira calls (${String(run.searches)} searches, ${String(run.writes)} writes, ${String(run.calls - run.searches - run.writes)} other: epic lookups, the field list); ${run.ms.toFixed(0)} ms at ${String(LATENCY_MS)} ms per call`);
}

const emulator = await startJiraEmulator({ dataset: datasetWithDueDates(), port: 0, latency: 0 });
const runtime = await createForgeRuntime({
  manifestPath: join(ROOT, 'manifest.yml'),
  jiraBaseUrl: emulator.url,
  memory: true,
  jiraEvents: emulator.state,
  logger: {
    warn: () => undefined,
    error: (message) => {
      console.error(message);
    },
  },
});

try {
  await runtime.preload();
  localClock.setTo(T0);
  // The configuration saved straight into storage: no bulk recompute, so the first run knows nothing before it.
  await runtime.runAs('app', () => createSettingsRepository(forgeKvs()).save(PROJECT_ID, 'scoring', WSJF_DUE_DATE, { baseRevision: 0, actor: USERS.ada.accountId }));
  emulator.setLatency(LATENCY_MS);

  const first = await fireAt(emulator, runtime, T0);
  reportRun('first run (nothing known: every due date up to the last step)', first, Math.ceil(DUE_DATES / PAGE_SIZE), `⌈${String(DUE_DATES)} / ${String(PAGE_SIZE)}⌉`);
  report('first run: issues read', first.record.progress.read, DUE_DATES, 'issues', 'lower', 'only issues with a due date');

  const next = await fireAt(emulator, runtime, T0 + DAY);
  reportRun('the next day (only due dates on a crossed step)', next, 1, 'one page');
  report('the next day: issues read', next.record.progress.read, PAGE_SIZE, 'issues', 'lower', next.record.looksFor.join('; '));

  const again = await fireAt(emulator, runtime, T0 + DAY + 3_600_000).catch((error: unknown) => error);
  // Fired twice the same day: the record is the same run, and nothing was called.
  report('fired again the same day: Jira calls', Object.values(emulator.calls).reduce((sum, count) => sum + count, 0), 0, 'calls', 'lower', again instanceof Error ? again.message : `run ${(again as RunFigures).record.runId === next.record.runId ? 'unchanged' : 'CHANGED'}`);
} finally {
  emulator.setLatency(0);
  localClock.reset();
  await runtime.close();
  await emulator.close();
}
finish();
