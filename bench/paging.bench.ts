/**
 * Paging 20,000 issues (dev/demo-data/generate-scale.ts) through the Jira client from the emulator over real HTTP.
 *
 * - At zero latency: the number of search calls must be exactly ⌈N / page size⌉ (no extra call
 *   to discover the end, no repeated page), and the wall time is reported.
 * - At 150 ms emulated latency: the time must be within 10% of calls × latency, i.e. the client
 *   adds little beyond the round trips it cannot avoid (pages are fetched one after another:
 *   each needs the previous page's token).
 */
import { startJiraEmulator } from '../dev/jira-emulator/emulator';
import { createJiraClient } from '../src/jira/client';
import { fetchRequestJira } from '../dev/jira-emulator/request-jira';
import { jql } from '../src/jira/jql';
import { searchPages } from '../src/jira/search';
import { FIELD, USERS } from '../dev/demo-data/catalog';
import { generateScaleDataset } from '../dev/demo-data/generate-scale';
import { finish, formatTiming, measureAsync, report } from './harness';

const ISSUES = 20_000;
const PAGE_SIZE = 100;
const LATENCY_MS = 150;
const SEARCH = 'POST /rest/api/3/search/jql';
const expectedCalls = Math.ceil(ISSUES / PAGE_SIZE);

// The scale generator's site: 20,000 issues (200 epics) with real Deep-SE texts when ../shared has them.
const emulator = await startJiraEmulator({ dataset: generateScaleDataset({ issues: ISSUES, epics: 200, seed: 7 }), port: 0, latency: 0 });

async function pageAll(): Promise<number> {
  // A consumer or scheduled trigger may run for up to 900 s; a resolver (25 s) would bound the search instead.
  // Default order (created DESC): the emulator's ORDER BY key costs it ~10 ms a page, which is not the client's time.
  const jira = createJiraClient(fetchRequestJira({ baseUrl: emulator.url, headers: { 'x-emulator-account-id': USERS.ada.accountId } }), { timeBudgetMs: 900_000 });
  let issues = 0;
  for await (const page of searchPages(jira, { jql: jql`project = TL`, fields: ['summary', 'status', FIELD.storyPointEstimate], pageSize: PAGE_SIZE, maxPages: 1000 })) {
    issues += page.issues.length;
  }
  return issues;
}

try {
  let calls = 0;
  let issues = 0;
  const fast = await measureAsync(
    `page ${ISSUES.toLocaleString('en-US')} issues at 0 ms latency`,
    async () => {
      emulator.resetCalls();
      issues = await pageAll();
      calls = emulator.callCount(SEARCH);
      return issues;
    },
    { runs: 5, warmup: 1 },
  );
  console.log(`      ${fast.name}: ${formatTiming(fast)}`);
  report(`issues read (of ${ISSUES.toLocaleString('en-US')})`, issues, ISSUES, 'issues', 'higher');
  report(`search calls for ${ISSUES.toLocaleString('en-US')} issues, page ${PAGE_SIZE}`, calls, expectedCalls, 'calls', 'lower', `(must equal ⌈N / page⌉ = ${expectedCalls})`);
  report('search calls differing from ⌈N / page⌉', Math.abs(calls - expectedCalls), 0, 'calls');
  report(`wall time, ${ISSUES.toLocaleString('en-US')} issues at 0 ms latency (median)`, fast.medianMs, 15_000, 'ms', 'lower', `${(fast.medianMs / Math.max(calls, 1)).toFixed(1)} ms per call`);

  emulator.setLatency(LATENCY_MS);
  let slowCalls = 0;
  const slow = await measureAsync(
    `page ${ISSUES.toLocaleString('en-US')} issues at ${LATENCY_MS} ms latency`,
    async () => {
      emulator.resetCalls();
      const read = await pageAll();
      slowCalls = emulator.callCount(SEARCH);
      return read;
    },
    { runs: 1, warmup: 0 },
  );
  const ideal = slowCalls * LATENCY_MS;
  const deviation = (Math.abs(slow.medianMs - ideal) / ideal) * 100;
  console.log(`      ${slow.name}: ${formatTiming(slow)}; calls × latency = ${ideal.toLocaleString('en-US')} ms`);
  report(`time vs calls × latency at ${LATENCY_MS} ms (${slowCalls} calls)`, deviation, 10, '%', 'lower', `${Math.round(slow.medianMs).toLocaleString('en-US')} ms measured`);
} finally {
  await emulator.close();
}
finish();
