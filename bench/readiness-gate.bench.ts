/**
 * The readiness gate (`jira:workflowValidator`) as Jira would call it before a transition: the
 * validator function through the local Forge runtime, with Forge's payload, against the emulator at
 * 150 ms latency per Jira call. Figures: the answer time (median of 9 runs after one warm-up, which
 * fills the site-field cache as any earlier invocation on the site would) for a ready story under an
 * epic (the most reads: project, issue, epic) and a story that is refused, and the Jira calls of
 * each (budget 3). The first validation and an unconfigured project are printed beside them; a
 * site-field cache older than 6 hours would add one read of the field list to one validation.
 *
 *   npm run bench -- readiness-gate
 */
import { startGateSite } from '../test/integration/readiness-gate/harness';
import { finish, report, summarize } from './harness';

const LATENCY_MS = 150;
const RUNS = 9;
const TIME_BUDGET_MS = 1_000;
const CALL_BUDGET = 3;

function totalCalls(calls: Readonly<Record<string, number>>): number {
  return Object.values(calls).reduce((sum, count) => sum + count, 0);
}

const site = await startGateSite();
try {
  site.emulator.setLatency(LATENCY_MS);

  // The first validation on the site. The field list is already cached here (the settings save
  // discovered it); on a site where nothing ran for 6 hours it would cost one more read (GET /field).
  site.emulator.resetCalls();
  const coldStarted = performance.now();
  const cold = await site.transition(site.readyKey);
  const coldMs = performance.now() - coldStarted;
  console.log(`info  first validation on the site, ready story: ${coldMs.toFixed(0)} ms, ${String(totalCalls(site.emulator.calls))} Jira calls (${Object.keys(site.emulator.calls).join(', ')}), allowed: ${String(cold.allowed)}`);

  for (const [label, key, expected] of [
    ['ready story under an epic (allowed)', site.readyKey, true],
    ['story that is not ready (refused with its rules)', site.notReadyKey, false],
  ] as const) {
    const samples: number[] = [];
    let maxCalls = 0;
    for (let i = 0; i < RUNS; i++) {
      site.emulator.resetCalls();
      const started = performance.now();
      const verdict = await site.transition(key);
      samples.push(performance.now() - started);
      maxCalls = Math.max(maxCalls, totalCalls(site.emulator.calls));
      if (verdict.allowed !== expected) throw new Error(`${label}: expected ${expected ? 'allowed' : 'refused'}, got ${JSON.stringify(verdict)}`);
    }
    const timing = summarize(label, samples);
    report(
      `validator answer, ${label}, ${String(LATENCY_MS)} ms Jira latency`,
      timing.medianMs,
      TIME_BUDGET_MS,
      'ms',
      'lower',
      `median of ${String(timing.runs)} (min ${timing.minMs.toFixed(0)}, max ${timing.maxMs.toFixed(0)}, noise ±${(timing.noise * 100).toFixed(1)}%)`,
    );
    report(`Jira calls per validation, ${label}`, maxCalls, CALL_BUDGET, 'calls', 'lower', 'most over the runs');
  }

  site.emulator.resetCalls();
  const started = performance.now();
  const unconfigured = await site.transition(site.unconfiguredKey);
  console.log(`info  unconfigured project: ${(performance.now() - started).toFixed(0)} ms, ${String(totalCalls(site.emulator.calls))} Jira call(s), allowed: ${String(unconfigured.allowed)}`);
} finally {
  await site.close();
}
finish();
