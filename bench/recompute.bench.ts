/**
 * The background recompute of 20,000 issues (dev/demo-data/generate-scale.ts, 200 epics, real
 * Deep-SE texts when ../shared has them) through the app's real manifest in the local Forge
 * runtime (queue, consumer, KVS) against the Jira emulator over HTTP, and one trigger.
 *
 * Figures and budgets:
 * - search calls for a recompute = ⌈N / page size⌉ exactly (the run never reads a page twice);
 * - app field write calls ≤ ⌈changed / 500⌉ (1,000 (field, issue) pairs a call, two fields);
 *   readiness property calls (one per distinct verdict, ≤ 10,000 issues a call) are reported;
 * - zero write calls when nothing changed;
 * - wall time at 0 ms and at 150 ms emulated latency, printed (the 150 ms run once: it is long);
 * - a trigger for one story: at most 3 Jira calls.
 *
 * Each timed run switches the model (WSJF ↔ value ÷ effort), so every score changes: the timing
 * covers reading, scoring and writing everything.
 *
 * Run: npx tsx bench/recompute.bench.ts   (or npm run bench -- recompute)
 */
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createForgeRuntime } from '../dev/forge-runtime';
import type { ForgeRuntime } from '../dev/forge-runtime';
import { FIELD, USERS } from '../dev/demo-data/catalog';
import { generateScaleDataset } from '../dev/demo-data/generate-scale';
import { startJiraEmulator } from '../dev/jira-emulator';
import type { JiraEmulator } from '../dev/jira-emulator';
import type { RecomputeProgressView, Result, SaveResultView, SettingsView } from '../src/contract';
import { finish, formatTiming, report, summarize } from './harness';

const ISSUES = 20_000;
const PAGE_SIZE = 100;
const LATENCY_MS = 150;
const ROOT = resolve(import.meta.dirname, '..');
const PROJECT = { id: '10000', key: 'TL', type: 'software' };
const ADA = { accountId: USERS.ada.accountId };
const PAT = { accountId: USERS.pat.accountId };
const SEARCH = 'POST /rest/api/3/search/jql';
const APP_FIELDS = 'POST /rest/api/3/app/field/value';
const PROPERTY_ENDPOINTS = ['POST /rest/api/3/issue/properties', 'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}'];

const WSJF = {
  model: {
    type: 'wsjf',
    inputs: {
      businessValue: { kind: 'number', fieldId: FIELD.businessValue },
      timeCriticality: { kind: 'number', fieldId: FIELD.timeCriticality },
      riskReduction: { kind: 'select', fieldId: FIELD.riskReduction, options: { None: 0, Low: 1, Medium: 3, High: 8, Critical: 13 } },
      jobSize: { kind: 'number', fieldId: FIELD.storyPointEstimate },
    },
  },
};
/** The other model of the switch: value ÷ effort over the same fields, so every scored issue's score changes. */
const VALUE_EFFORT = {
  model: {
    type: 'value-effort',
    inputs: {
      value: { kind: 'number', fieldId: FIELD.businessValue },
      effort: { kind: 'number', fieldId: FIELD.storyPointEstimate },
    },
  },
};

async function settings<T>(runtime: ForgeRuntime, key: string, payload: unknown): Promise<T> {
  const result = await runtime.invokeResolver('project-page', key, payload, ADA, { project: PROJECT });
  if (!result.success) throw new Error(`invocation failed: ${result.error.message}`);
  const answer = result.body as Result<T>;
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

interface RunFigures {
  readonly ms: number;
  readonly searches: number;
  readonly appFieldWrites: number;
  readonly propertyWrites: number;
  readonly progress: RecomputeProgressView;
}

/** Saves `config` (a new revision) and waits for the recompute it queues to finish. */
async function recomputeWith(emulator: JiraEmulator, runtime: ForgeRuntime, config: unknown): Promise<RunFigures> {
  const current = await settings<SettingsView>(runtime, 'getSettings', {});
  emulator.resetCalls();
  const start = performance.now();
  const saved = await settings<SaveResultView>(runtime, 'saveScoringConfig', { config, baseRevision: current.scoring.revision });
  if (saved.status !== 'saved') throw new Error('the configuration was not saved');
  await runtime.whenIdle();
  const ms = performance.now() - start;
  return figures(emulator, runtime, ms);
}

async function figures(emulator: JiraEmulator, runtime: ForgeRuntime, ms: number): Promise<RunFigures> {
  const calls = emulator.calls;
  const progress = await settings<RecomputeProgressView | null>(runtime, 'recomputeProgress', {});
  if (progress?.status !== 'done') throw new Error(`the recompute did not finish: ${JSON.stringify(progress)}`);
  return {
    ms,
    searches: calls[SEARCH] ?? 0,
    appFieldWrites: calls[APP_FIELDS] ?? 0,
    propertyWrites: PROPERTY_ENDPOINTS.reduce((sum, endpoint) => sum + (calls[endpoint] ?? 0), 0),
    progress,
  };
}

function reportRun(label: string, run: RunFigures): void {
  const searchBudget = Math.ceil(ISSUES / PAGE_SIZE);
  report(`${label}: issues done`, run.progress.done, ISSUES, 'issues', 'higher');
  report(`${label}: search calls`, run.searches, searchBudget, 'calls', 'lower', `(must equal ⌈N / page⌉ = ${searchBudget})`);
  report(`${label}: search calls differing from ⌈N / page⌉`, Math.abs(run.searches - searchBudget), 0, 'calls');
  const writeBudget = Math.ceil(run.progress.changed / 500);
  report(`${label}: app field write calls for ${run.progress.changed.toLocaleString('en-US')} changed`, run.appFieldWrites, writeBudget, 'calls', 'lower', `(⌈changed / 500⌉ = ${writeBudget}; property write calls: ${run.propertyWrites}, one per distinct verdict)`);
}

const dataset = generateScaleDataset({ issues: ISSUES, epics: 200, seed: 7 });
const emulator = await startJiraEmulator({ dataset, port: 0, latency: 0 });
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
  // First run: the app fields are empty, every value is written.
  const first = await recomputeWith(emulator, runtime, WSJF);
  reportRun('first recompute (every value new)', first);

  // Timed runs, each with the other model: every score changes.
  const samples: number[] = [];
  let last = first;
  for (let run = 0; run < 3; run++) {
    last = await recomputeWith(emulator, runtime, run % 2 === 0 ? VALUE_EFFORT : WSJF);
    samples.push(last.ms);
  }
  const timing = summarize(`recompute ${ISSUES.toLocaleString('en-US')} issues at 0 ms latency, model switched`, samples);
  console.log(`      ${timing.name}: ${formatTiming(timing)}`);
  reportRun('recompute after a model change', last);
  report(`wall time, ${ISSUES.toLocaleString('en-US')} issues at 0 ms latency (median)`, timing.medianMs, 120_000, 'ms', 'lower', `${(timing.medianMs / ISSUES * 1000).toFixed(1)} µs per issue`);

  // Nothing changed: the same configuration again.
  emulator.resetCalls();
  const unchangedStart = performance.now();
  await settings<RecomputeProgressView>(runtime, 'recomputeNow', {});
  await runtime.whenIdle();
  const unchanged = await figures(emulator, runtime, performance.now() - unchangedStart);
  report('write calls when nothing changed', unchanged.appFieldWrites + unchanged.propertyWrites, 0, 'calls', 'lower', `(${unchanged.progress.changed} changed; ${Math.round(unchanged.ms).toLocaleString('en-US')} ms, ${unchanged.searches} searches)`);

  // A trigger: one story's estimate changes.
  // A scored story (so its score changes) that blocks nothing (so only it is recomputed).
  const story = [...emulator.state.allIssues()].find(
    (issue) => issue.issueTypeId === '10001' && issue.parentId !== undefined && emulator.state.linksOf(issue.id).length === 0 && typeof issue.fields[FIELD.storyPointEstimate] === 'number' && typeof issue.fields[FIELD.priorityScore] === 'number',
  );
  if (story === undefined) throw new Error('no story to edit');
  emulator.resetCalls();
  emulator.state.updateIssue(story.key, { [FIELD.storyPointEstimate]: (story.fields[FIELD.storyPointEstimate] as number) === 5 ? 8 : 5 }, PAT.accountId);
  await runtime.whenIdle();
  const triggerCalls = Object.values(emulator.calls).reduce((sum, count) => sum + count, 0);
  report('Jira calls for a trigger on one story', triggerCalls, 3, 'calls', 'lower', `(${JSON.stringify(emulator.calls)})`);

  // 150 ms per call: once, it is long.
  // The last timed run left value ÷ effort: switch to WSJF so that this run writes too.
  emulator.setLatency(LATENCY_MS);
  const slow = await recomputeWith(emulator, runtime, WSJF);
  emulator.setLatency(0);
  const slowTiming = summarize(`recompute ${ISSUES.toLocaleString('en-US')} issues at ${LATENCY_MS} ms latency`, [slow.ms]);
  console.log(`      ${slowTiming.name}: ${formatTiming(slowTiming)}`);
  reportRun(`recompute at ${LATENCY_MS} ms latency`, slow);
  const jiraCalls = Object.values(emulator.calls).reduce((sum, count) => sum + count, 0);
  report(`wall time, ${ISSUES.toLocaleString('en-US')} issues at ${LATENCY_MS} ms latency`, slow.ms, 300_000, 'ms', 'lower', `(${jiraCalls} Jira calls × ${LATENCY_MS} ms = ${(jiraCalls * LATENCY_MS).toLocaleString('en-US')} ms of round trips)`);
} finally {
  await runtime.close();
  await emulator.close();
}
finish();
