/**
 * What keeping the rollups costs the issue trigger, on the 10,000-issue / 500-epic scale site
 * after a recount: three kinds of story change (estimate edited, moved to another epic,
 * transitioned to Done), each
 *
 * - delivered through the local runtime's trigger (`runtime.fireTrigger`, the manifest's
 *   `recompute-on-issue-change`): every Jira call and Forge storage call the delivery made, and
 *   the rollup group writes (one transaction each, the group and its index page);
 * - run once more on another story straight through `handleIssueEvent` (inside the runtime, as
 *   the app), whose outcome says which Jira calls the issue's own values took (`reads` + `writes`):
 *   every other Jira call is the rollups' extra.
 *
 * Budget (issue "The project page at any size"): ≤ 2 extra Jira calls per story change (measured:
 * 0 for each kind; the trigger's only Jira calls are the issue's bulk read and, when a value
 * changed, one app field write). Also printed: KVS reads and writes per change (≤ 4: one rollup
 * transaction per group touched, two for a move), and one delivery's time at 150 ms Jira latency.
 *
 *   npm run bench -- rollup-trigger
 */
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createForgeRuntime } from '../dev/forge-runtime';
import type { JiraChange } from '../dev/forge-runtime';
import { triggerEvent } from '../dev/forge-runtime/triggers';
import { FIELD, USERS } from '../dev/demo-data/catalog';
import { generateScaleDataset, SCALE_PROJECT_ID } from '../dev/demo-data/generate-scale';
import { startJiraEmulator } from '../dev/jira-emulator';
import type { VisionMapView } from '../src/contract';
import { handleIssueEvent } from '../src/events/issue-trigger';
import type { TriggerOutcome } from '../src/events/issue-trigger';
import { finish, report } from './harness';
import { call, describeRecount, jiraCallTotal, recount, watchInvocations, watchKvs } from './rollup-support';
import type { KvsCounts } from './rollup-support';

const ROOT = resolve(import.meta.dirname, '..');
const ADA = USERS.ada.accountId;
const PAT = USERS.pat.accountId;
const PROJECT = { id: SCALE_PROJECT_ID, key: 'TL', type: 'software' };
const TRIGGER_KEY = 'recompute-on-issue-change';
const LATENCY_MS = 150;

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

const dataset = generateScaleDataset({ issues: 10_000, epics: 500, realTexts: false });
const emulator = await startJiraEmulator({ dataset, port: 0, latency: 0 });
// No `jiraEvents`: each change is delivered here, by hand, so that its calls are counted alone.
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
const changes: JiraChange[] = [];
emulator.state.onChange((change) => {
  changes.push(change);
});

interface Kind {
  readonly name: string;
  /** Makes the change in Jira, as Pat. */
  readonly apply: (storyKey: string) => void;
}

try {
  // Scored stories (WSJF): saving the model runs the first count; then a recount (`recomputeNow`).
  const settings = await call<{ scoring: { revision: number } }>(runtime, 'getSettings', {}, ADA, PROJECT);
  await call(runtime, 'saveScoringConfig', { config: WSJF, baseRevision: settings.scoring.revision }, ADA, PROJECT);
  await runtime.whenIdle();
  const counted = await recount(runtime, emulator, { invocations, kvs }, ADA, PROJECT);
  console.log(`INFO  recount at 0 ms latency (after the first count that saving the model started): ${describeRecount(counted)}`);
  const map = await call<VisionMapView>(runtime, 'getVisionOutline', {}, ADA, PROJECT);
  if (map.counting?.mode !== 'rollups') throw new Error(`the map is not from the rollups after the recount: ${JSON.stringify(map.counting)}`);

  const state = emulator.state;
  const all = [...state.allIssues()];
  const epics = all.filter((issue) => issue.parentId === undefined && state.childrenOf(issue.id).length > 0);
  // Open, estimated stories under an epic that block nothing and are blocked by nothing: only they are recomputed.
  const stories = all.filter((issue) => issue.issueTypeId === '10001' && issue.parentId !== undefined && state.linksOf(issue.id).length === 0 && typeof issue.fields[FIELD.storyPointEstimate] === 'number' && (issue.fields.resolution === null || issue.fields.resolution === undefined));
  let next = 0;
  const story = (): string => {
    const picked = stories[next++];
    if (picked === undefined) throw new Error('not enough stories to change');
    return picked.key;
  };
  const kinds: Kind[] = [
    {
      name: 'estimate edited',
      apply: (key) => {
        state.updateIssue(key, { [FIELD.storyPointEstimate]: (state.findIssue(key)?.fields[FIELD.storyPointEstimate] as number) === 5 ? 8 : 5 }, PAT);
      },
    },
    {
      name: 'moved to another epic',
      apply: (key) => {
        const parentId = state.findIssue(key)?.parentId;
        const other = epics.find((epic) => epic.id !== parentId);
        if (other === undefined) throw new Error('no other epic');
        state.updateIssue(key, { parent: { key: other.key } }, PAT);
      },
    },
    {
      name: 'transitioned to Done',
      apply: (key) => {
        state.transitionIssue(key, 'Done', PAT);
      },
    },
  ];

  /** Makes one change and returns the event(s) Jira sent for it. */
  const change = (kind: Kind): { key: string; events: JiraChange[] } => {
    changes.length = 0;
    const key = story();
    kind.apply(key);
    return { key, events: [...changes] };
  };

  let worstExtra = 0;
  for (const kind of kinds) {
    // Through the runtime's trigger.
    const delivered = change(kind);
    emulator.resetCalls();
    kvs.reset();
    const started = performance.now();
    for (const event of delivered.events) {
      const reports = await runtime.fireTrigger(event);
      if (reports.some((entry) => entry.status !== 'succeeded')) throw new Error(`the trigger failed: ${JSON.stringify(reports)}`);
    }
    await runtime.whenIdle();
    const ms = performance.now() - started;
    const deliveredCalls = { ...emulator.calls };
    const deliveredKvs: KvsCounts = kvs.counts();

    // Once more, on another story, through handleIssueEvent: which calls the issue's own values took.
    const direct = change(kind);
    emulator.resetCalls();
    kvs.reset();
    const outcomes: TriggerOutcome[] = [];
    for (const event of direct.events) outcomes.push(await runtime.runAs('app', () => handleIssueEvent(triggerEvent(event, TRIGGER_KEY, runtime.site.cloudId))));
    const total = jiraCallTotal(emulator);
    const own = outcomes.reduce((sum, outcome) => sum + outcome.reads + outcome.writes, 0);
    const rollupWrites = outcomes.reduce((sum, outcome) => sum + outcome.rollupWrites, 0);
    const extra = total - own;
    worstExtra = Math.max(worstExtra, extra);

    const deliveredTotal = Object.values(deliveredCalls).reduce((sum, count) => sum + count, 0);
    console.log(
      `INFO  ${kind.name} (${delivered.key}, ${String(delivered.events.length)} event): delivered through the trigger in ${ms.toFixed(0)} ms at 0 ms latency, ${String(deliveredTotal)} Jira calls (${Object.entries(deliveredCalls).map(([endpoint, count]) => `${endpoint.replace('/rest/api/3/', '/')} ×${String(count)}`).join(', ')}); KVS ${String(deliveredKvs.reads)} reads / ${String(deliveredKvs.writes)} writes, ${String(deliveredKvs.rollupGroupWrites)} rollup groups written in ${String(deliveredKvs.rollupTransactions)} transactions (with their index page)`,
    );
    console.log(`      ${kind.name} (${direct.key}) through handleIssueEvent: ${String(total)} Jira calls, the issue's own values ${String(own)} (reads + writes), rollup group writes ${String(rollupWrites)}`);
    report(`${kind.name}: extra Jira calls per story change for the rollups`, extra, 2, 'calls');
    report(`${kind.name}: KVS writes per story change`, deliveredKvs.writes, 4, 'writes', 'lower', `(${String(deliveredKvs.rollupTransactions)} of them rollup transactions)`);
  }
  console.log(`      worst extra Jira calls per story change: ${String(worstExtra)} (budget 2)`);

  // One delivery's time at Jira latency.
  emulator.setLatency(LATENCY_MS);
  const [first] = kinds;
  if (first !== undefined) {
    const slow = change(first);
    emulator.resetCalls();
    const started = performance.now();
    for (const event of slow.events) await runtime.fireTrigger(event);
    await runtime.whenIdle();
    console.log(`INFO  ${first.name}, delivered at ${String(LATENCY_MS)} ms Jira latency: ${(performance.now() - started).toFixed(0)} ms, ${String(jiraCallTotal(emulator))} Jira calls`);
  }
} finally {
  await runtime.close();
  await emulator.close();
}
finish();
