/**
 * The recount (reconcile) of the rollups at 100,000 issues / 2,000 epics: the bulk recompute,
 * started by the settings resolver `recomputeNow`, through the app's real manifest in the local
 * Forge runtime (queue, consumer `recompute-step` with its 300 s timeout, KVS) against the Jira
 * emulator at 20 ms latency (150 ms would take an hour: the figures that matter are counts and
 * the longest step).
 *
 * Figures and budgets (issue "The project page at any size": the reconcile of 100,000 issues stays
 * inside Forge's limits, chunked, resumable, ⌈N / page⌉ searches, writes only for rollups that changed):
 * - first recount: searches ≤ ⌈N / 100⌉ + ⌈epics / 100⌉ (the pages, and the epics' theme lookups);
 *   bulk reads of the check, steps, rollup groups written, printed; the longest step ≤ 255 s
 *   (85% of the consumer's 300 s timeout, where a step must have handed on), printed against its
 *   read budget (40% of 300 s, at most 120 s: a step stops reading there and writes what it holds);
 *   no step timed out or failed;
 * - a second recount right after: 0 rollup group writes, 0 app field and property writes, 0 bulk
 *   reads (nothing changed), searches = ⌈N / 100⌉ again;
 * - a third after 200 stories moved to another epic with no event delivered (a missed event):
 *   the check reads back only the groups whose count differs (those that lost a story; ≤ 1 bulk
 *   read each at these sizes), writes only groups that changed (≤ losing + gaining groups), and
 *   the map's story total is unchanged.
 *
 * Figures of 2 December (2 cores shared, load average 5–7): first recount 130 s, 2 steps (121.6 s,
 * 6.7 s), 1,016 searches, 0 bulk reads, 36,209 rollup group writes in 1,883 transactions, 99 app
 * field + 156 property write calls; second 75 s, 1 step, 1,000 searches, 0 writes of any kind,
 * 0 bulk reads; third 78 s, 192 bulk reads, 392 group writes (192 groups read back by the check +
 * ≈ 200 gaining; that run's bound was the union, 373, hence its FAIL: the bound is now the sum).
 * The first call as a user after a long recount answered "Could not reach Jira" in 3 runs of 3
 * (the resolver's permission check): rollup-support's `call` asks once more.
 *
 *   npm run bench -- reconcile
 */
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createForgeRuntime } from '../dev/forge-runtime';
import { USERS } from '../dev/demo-data/catalog';
import { generateScaleDataset, SCALE_PROJECT_ID } from '../dev/demo-data/generate-scale';
import { startJiraEmulator } from '../dev/jira-emulator';
import type { VisionMapView } from '../src/contract';
import { finish, report } from './harness';
import { call, describeRecount, recount, watchInvocations, watchKvs } from './rollup-support';
import type { RecountFigures } from './rollup-support';

const ISSUES = 100_000;
const EPICS = 2_000;
const PAGE = 100;
const LATENCY_MS = 20;
const MOVED = 200;
const CONSUMER_TIMEOUT_MS = 300_000;
const READ_BUDGET_MS = Math.min(120_000, CONSUMER_TIMEOUT_MS * 0.4);
const ROOT = resolve(import.meta.dirname, '..');
const ADA = USERS.ada.accountId;
const PAT = USERS.pat.accountId;
const PROJECT = { id: SCALE_PROJECT_ID, key: 'TL', type: 'software' };

const generated = performance.now();
const dataset = generateScaleDataset({ issues: ISSUES, epics: EPICS, realTexts: false });
const emulator = await startJiraEmulator({ dataset, port: 0, latency: LATENCY_MS });
console.log(`      ${ISSUES.toLocaleString('en-US')} issues generated and served in ${((performance.now() - generated) / 1000).toFixed(1)} s (heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB)`);
// No `jiraEvents`: no trigger runs, so the third recount finds what a missed event left behind.
const runtime = await createForgeRuntime({
  manifestPath: join(ROOT, 'manifest.yml'),
  jiraBaseUrl: emulator.url,
  memory: true,
  logger: {
    warn: () => undefined,
    error: (message) => {
      console.error(message);
    },
  },
});
const invocations = watchInvocations(runtime);
const kvs = watchKvs();
const watched = { invocations, kvs };

function steps(label: string, run: RecountFigures): void {
  const failed = invocations.log.filter((entry) => entry.name === 'recompute-step' && !entry.ok).length;
  console.log(`      ${label}: step durations ${run.stepMs.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}`);
  report(`${label}: longest step`, run.longestStepMs / 1000, (CONSUMER_TIMEOUT_MS * 0.85) / 1000, 's', 'lower', `(consumer timeout ${String(CONSUMER_TIMEOUT_MS / 1000)} s; read budget ${String(READ_BUDGET_MS / 1000)} s; ${String(run.steps)} steps, ${String(failed)} failed or timed out so far)`);
  report(`${label}: steps that failed or timed out`, failed, 0, 'steps');
}

try {
  const first = await recount(runtime, emulator, watched, ADA, PROJECT);
  console.log(`INFO  first recount at ${String(LATENCY_MS)} ms latency: ${describeRecount(first)}`);
  const searchBudget = Math.ceil(ISSUES / PAGE) + Math.ceil(EPICS / PAGE);
  report('first recount: search calls', first.searches, searchBudget, 'calls', 'lower', `(⌈N / ${String(PAGE)}⌉ + ⌈epics / ${String(PAGE)}⌉ = ${String(searchBudget)})`);
  report('first recount: issues done', first.progress.done, ISSUES, 'issues', 'higher');
  console.log(`INFO  first recount: bulk reads of the check ${String(first.bulkReads)}, rollup groups written ${String(first.kvs.rollupGroupWrites)} in ${String(first.kvs.rollupTransactions)} transactions (${(first.kvs.rollupGroupWrites / Math.max(1, first.steps)).toFixed(0)} a step), app field write calls ${String(first.appFieldWrites)}, property write calls ${String(first.propertyWrites)}`);
  steps('first recount', first);
  const map = await call<VisionMapView>(runtime, 'getVisionOutline', {}, ADA, PROJECT);
  if (map.counting?.mode !== 'rollups') throw new Error(`the map is not from the rollups after the recount: ${JSON.stringify(map.counting)}`);
  const counted = map.epics.reduce((sum, epic) => sum + epic.count.total, 0);
  console.log(`      the map after it: from the rollups, ${String(map.epics.length)} epics, ${counted.toLocaleString('en-US')} stories under them`);

  const second = await recount(runtime, emulator, watched, ADA, PROJECT);
  console.log(`INFO  second recount right after: ${describeRecount(second)}`);
  report('second recount (nothing changed): rollup group writes', second.kvs.rollupGroupWrites, 0, 'writes');
  report('second recount (nothing changed): app field + property write calls', second.appFieldWrites + second.propertyWrites, 0, 'calls');
  report('second recount (nothing changed): bulk reads of the check', second.bulkReads, 0, 'calls');
  report('second recount: search calls', second.searches, searchBudget, 'calls', 'lower', `(${String(Math.ceil(ISSUES / PAGE))} pages)`);
  steps('second recount', second);

  // Missed events: stories moved to another epic, no trigger delivered.
  const state = emulator.state;
  const epics = [...state.allIssues()].filter((issue) => issue.parentId === undefined && state.childrenOf(issue.id).length > 0);
  const moved = [...state.allIssues()].filter((issue) => issue.parentId !== undefined).slice(0, MOVED);
  // A group that lost a story is written by the check, one that gained one by the page that read
  // it: a group that did both is written twice, so the bound is the two sets' sizes added.
  const losing = new Set<string>();
  const gaining = new Set<string>();
  moved.forEach((story, n) => {
    const target = epics[(n * 7) % epics.length];
    if (target === undefined || target.id === story.parentId) return;
    losing.add(story.parentId ?? '');
    gaining.add(target.id);
    state.updateIssue(story.key, { parent: { key: target.key } }, PAT);
  });
  const third = await recount(runtime, emulator, watched, ADA, PROJECT);
  console.log(`INFO  third recount, after ${String(MOVED)} stories moved with no event: ${describeRecount(third)}`);
  report(`third recount: rollup group writes (≤ ${String(losing.size)} groups that lost a story + ${String(gaining.size)} that gained one)`, third.kvs.rollupGroupWrites, losing.size + gaining.size, 'writes');
  report(`third recount: bulk reads of the check (the ${String(losing.size)} groups whose count differs, read back story by story, ≤ 100 a call)`, third.bulkReads, losing.size, 'calls');
  const after = await call<VisionMapView>(runtime, 'getVisionOutline', {}, ADA, PROJECT);
  const recounted = after.epics.reduce((sum, epic) => sum + epic.count.total, 0);
  report('third recount: stories under epics unchanged by the moves (none lost or counted twice)', Math.abs(recounted - counted), 0, 'stories');
} finally {
  await runtime.close();
  await emulator.close();
}
finish();
