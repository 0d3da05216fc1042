/**
 * The Rovo agent's six actions (src/actions) as Rovo calls them: through the local Forge runtime's
 * `invokeAction` (Forge's action payload, Rovo's `context.jira` beside the inputs), as Pat in TL,
 * against the emulator at 150 ms latency per Jira call, after the app's bulk recompute wrote every
 * "Priority score" (as the Rovo integration tests set the site up). Figures: each action's answer
 * time (median of 7 runs after one warm-up, which fills the site-field cache as any earlier
 * invocation on the site would), budget 2 s (issue 16), and the Jira calls of its last run, by
 * endpoint. On the demo project (about 200 issues) and on a generated project of 2,000.
 *
 *   npm run bench -- rovo
 */
import type { RovoJiraContext } from '../dev/forge-runtime';
import { generateScaleDataset } from '../dev/demo-data/generate-scale';
import { createSettingsRepository } from '../src/storage';
import { forgeKvs } from '../src/storage/forge-kvs';
import { PAT, TL, WSJF_CONFIG, bodyOf, callSettings, startSite, valueOf } from '../test/integration/settings/support';
import type { Site } from '../test/integration/settings/support';
import { adoptDemoThemes } from '../test/integration/support/epic-themes';
import { finish, report, summarize } from './harness';

const LATENCY_MS = 150;
const RUNS = 7;
const BUDGET_MS = 2_000;
const THEMES = [
  { id: 'theme-onboarding', name: 'Effortless onboarding', horizon: 'now', targetPercent: 30, colour: 'blue' },
  { id: 'theme-insights', name: 'Decisions from data', horizon: 'next', targetPercent: 25, colour: 'teal' },
];

interface ActionCall {
  readonly action: string;
  /** The inputs of run `n`: the write alternates its value, so every run writes. */
  readonly inputs: (run: number) => Record<string, unknown>;
  /** Rovo's context: the project open, and the issue when the user looks at one. */
  readonly issueKey?: string;
}

/** Stories of TL as the actions need them: two scored, one incomplete, one to write to. */
function pickIssues(site: Site): { scored: [string, string]; incomplete: string; writable: string } {
  const stories = [...site.emulator.state.allIssues()].filter((issue) => issue.projectId === TL.id && site.emulator.state.issueTypes.get(issue.issueTypeId)?.hierarchyLevel === 0 && site.emulator.state.statuses.get(issue.statusId)?.statusCategory.key !== 'done');
  const scored = stories.filter((issue) => typeof issue.fields.customfield_10050 === 'number' && typeof issue.fields.customfield_10016 === 'number');
  const incomplete = stories.find((issue) => issue.fields.customfield_10016 === undefined || issue.fields.customfield_10016 === null);
  const [a, b, c] = scored;
  if (a === undefined || b === undefined || c === undefined || incomplete === undefined) throw new Error('the project has too few scored and incomplete stories for the bench');
  return { scored: [a.key, b.key], incomplete: incomplete.key, writable: c.key };
}

function callsFor(site: Site): ActionCall[] {
  const { scored, incomplete, writable } = pickIssues(site);
  return [
    { action: 'explain-issue-score', inputs: () => ({ issueKey: scored[0] }) },
    { action: 'compare-issue-scores', inputs: () => ({ issueKey: scored[0], otherIssueKey: scored[1] }) },
    { action: 'list-unready-sprint-stories', inputs: () => ({}) },
    { action: 'list-incomplete-scores', inputs: () => ({}) },
    { action: 'propose-score-inputs', inputs: () => ({ issueKey: incomplete }) },
    { action: 'set-score-input', inputs: (run) => ({ issueKey: writable, input: 'Job size', value: run % 2 === 0 ? '3' : '5' }) },
  ];
}

async function prepare(site: Site): Promise<void> {
  await site.runtime.runAs('app', async () => {
    await createSettingsRepository(forgeKvs()).save(TL.id, 'strategy', { schemaVersion: 1, revision: 0, vision: { statement: 'One line.', targetCustomers: '', goals: [] }, themes: THEMES }, { baseRevision: 0, actor: 'app' });
  });
  await adoptDemoThemes(site.runtime, site.emulator, TL.id);
  valueOf(await callSettings(site, 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 }));
  await site.runtime.whenIdle();
}

function callsText(calls: Readonly<Record<string, number>>): { total: number; text: string } {
  const made = Object.entries(calls).filter(([, count]) => count > 0);
  return { total: made.reduce((sum, [, count]) => sum + count, 0), text: made.map(([endpoint, count]) => `${endpoint} ×${String(count)}`).join(', ') };
}

async function bench(label: string, site: Site): Promise<void> {
  await prepare(site);
  const open: RovoJiraContext = { project: { id: TL.id, key: TL.key } };
  for (const call of callsFor(site)) {
    const samples: number[] = [];
    let last = { total: 0, text: '' };
    for (let run = -1; run < RUNS; run++) {
      // The app's triggers after a write (readiness property, score) are not the action's time.
      await site.runtime.whenIdle();
      site.emulator.setLatency(LATENCY_MS);
      site.emulator.resetCalls();
      const started = performance.now();
      const answer = bodyOf(await site.runtime.invokeAction(call.action, call.inputs(run), PAT, open)) as { status?: string; message?: string };
      const ms = performance.now() - started;
      site.emulator.setLatency(0);
      if (answer.status !== 'ok') throw new Error(`${call.action} on ${label}: expected an answer, got ${JSON.stringify(answer).slice(0, 300)}`);
      last = callsText(site.emulator.calls);
      if (run >= 0) samples.push(ms);
    }
    const timing = summarize(call.action, samples);
    report(
      `${call.action}, ${label}, ${String(LATENCY_MS)} ms Jira latency`,
      timing.medianMs,
      BUDGET_MS,
      'ms',
      'lower',
      `median of ${String(timing.runs)} (min ${timing.minMs.toFixed(0)}, max ${timing.maxMs.toFixed(0)}, noise ±${(timing.noise * 100).toFixed(1)}%); ${String(last.total)} Jira calls: ${last.text}`,
    );
  }
}

const demo = await startSite();
try {
  await bench('demo project', demo);
} finally {
  await demo.close();
}
const large = await startSite({ emulator: { dataset: generateScaleDataset({ issues: 2_000, epics: 40, seed: 11, realTexts: false }) } });
try {
  await bench('2,000-issue project', large);
} finally {
  await large.close();
}
finish();
