/**
 * The ranked backlog's first 100 rows through the resolver (getRankedBacklogPage, in the local
 * Forge runtime, as a user who may browse the project) against the emulator at 150 ms Jira
 * latency, on the scale dataset at 10,000 issues / 500 epics and 100,000 issues / 2,000 epics:
 * the time to the first page (median of 7 after a warm-up), the Jira searches it took, and that
 * the order never changed (the first page identical on every run; the next two pages continue it
 * with ranks in sequence and no key twice, in the order of the stored scores).
 *
 * The "Priority score" values are set in the emulator directly from the app's own evaluation of
 * every issue (evaluateProject as the app, with WSJF over the dataset's fields), the value the
 * bulk recompute would write, without 100,000 app-field writes through HTTP.
 *
 *   npx tsx bench/ranked-backlog.bench.ts [--only 10000]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createForgeRuntime } from '../dev/forge-runtime';
import type { InvocationResult } from '../dev/forge-runtime';
import { FIELD } from '../dev/demo-data/catalog';
import { generateScaleDataset, SCALE_PROJECT_ID } from '../dev/demo-data/generate-scale';
import { startJiraEmulator } from '../dev/jira-emulator';
import { fetchRequestJira } from '../dev/jira-emulator/request-jira';
import type { RankedBacklogPageView } from '../src/contract';
import { createJiraClient, fetchFields } from '../src/jira';
import { createEvaluator } from '../src/services/evaluation';
import { loadProjectConfiguration } from '../src/services/project-configuration';
import { evaluateProject } from '../src/services/project-evaluation';
import { projectJql } from '../src/services/queries';
import { siteFieldsOf } from '../src/services/site-fields';
import { createSettingsRepository } from '../src/storage';
import { forgeKvs, forgeStorage } from '../src/storage/forge-kvs';
import { SCALE_WSJF } from '../test/integration/support/scale-scores';
import { REPO_ROOT } from '../test/e2e/support';
import { finish, report, summarize } from './harness';

const LATENCY_MS = 150;
const RUNS = 7;
const SEARCH = 'POST /rest/api/3/search/jql';
const APP_ID = '00000000-0000-4000-8000-000000000000';
const SIZES = [
  { issues: 10_000, epics: 500 },
  { issues: 100_000, epics: 2_000 },
] as const;

const { values: args } = parseArgs({ options: { only: { type: 'string' } } });

async function benchAt(size: { readonly issues: number; readonly epics: number }): Promise<void> {
  const label = `${size.issues.toLocaleString('en-US')} issues / ${size.epics.toLocaleString('en-US')} epics`;
  let started = performance.now();
  const dataset = generateScaleDataset({ issues: size.issues, epics: size.epics, realTexts: false });
  const project = dataset.projects.find((candidate) => candidate.id === SCALE_PROJECT_ID) ?? dataset.projects[0];
  if (project === undefined) throw new Error('the scale dataset has no project');
  const user = Object.entries(dataset.permissions[project.key] ?? {}).find(([, granted]) => granted.includes('BROWSE_PROJECTS'))?.[0];
  if (user === undefined) throw new Error('nobody may browse the scale project');
  const emulator = await startJiraEmulator({ dataset });
  const runtime = await createForgeRuntime({ manifestPath: join(REPO_ROOT, 'manifest.yml'), jiraBaseUrl: emulator.url, memory: true, limits: { invocationTimeoutMs: 25_000 }, logger: { warn: () => undefined, error: () => undefined } });
  try {
    console.log(`\n-- ${label}: generated and loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
    // The scores the app would write: every issue evaluated by the app's evaluator (as the app), the value set directly.
    const appJira = createJiraClient(fetchRequestJira({ baseUrl: emulator.url, headers: { 'x-emulator-as-app': 'true' } }), { timeBudgetMs: 3_600_000 });
    const site = siteFieldsOf(await fetchFields(appJira), APP_ID);
    let scored = 0;
    await runtime.runAs('app', async () => {
      await createSettingsRepository(forgeKvs()).save(project.id, 'scoring', SCALE_WSJF, { baseRevision: 0, actor: 'app' });
      const configuration = await loadProjectConfiguration(forgeStorage(), project.id, site);
      const evaluator = createEvaluator(configuration, site, forgeStorage().epicThemes);
      for await (const page of evaluateProject(appJira, evaluator, { jql: projectJql(project.id) })) {
        for (const evaluation of page.evaluations) {
          const issue = emulator.state.findIssue(evaluation.key);
          if (issue === undefined) continue;
          issue.fields[FIELD.priorityScore] = evaluation.values.score;
          if (evaluation.values.score !== null) scored++;
        }
      }
    });
    console.log(`   ${scored.toLocaleString('en-US')} issues scored (field values set from the app's evaluation) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const extension = { project: { id: project.id, key: project.key, type: 'software' } };
    const invoke = async (payload: Record<string, unknown>): Promise<{ view: RankedBacklogPageView; ms: number; searches: number }> => {
      emulator.resetCalls();
      const begun = performance.now();
      const result: InvocationResult = await runtime.invokeResolver('project-page', 'getRankedBacklogPage', payload, { accountId: user }, extension);
      const ms = performance.now() - begun;
      if (!result.success) throw new Error(result.error.message);
      const body = result.body as { ok: true; value: RankedBacklogPageView } | { ok: false; error: { message: string } };
      if (!body.ok) throw new Error(body.error.message);
      return { view: body.value, ms, searches: emulator.callCount(SEARCH) };
    };

    emulator.setLatency(LATENCY_MS);
    const warm = await invoke({ list: 'ranked' });
    const firstKeys = warm.view.rows.map((row) => row.key).join();
    const times: number[] = [];
    let searches = 0;
    let firstPageChanged = 0;
    for (let run = 0; run < RUNS; run++) {
      const { view, ms, searches: calls } = await invoke({ list: 'ranked' });
      times.push(ms);
      searches = Math.max(searches, calls);
      if (view.rows.map((row) => row.key).join() !== firstKeys) firstPageChanged++;
    }
    // Two more pages: they continue the first, ranks in sequence, no key twice, in the stored scores' order.
    const rows = [...warm.view.rows];
    let cursor = warm.view.next;
    for (let n = 0; n < 2 && cursor !== null; n++) {
      const next = await invoke({ list: 'ranked', cursor });
      rows.push(...next.view.rows);
      cursor = next.view.next;
    }
    const stored = (key: string): number => {
      const value = emulator.state.findIssue(key)?.fields[FIELD.priorityScore];
      return typeof value === 'number' ? value : Number.NaN;
    };
    let outOfOrder = 0;
    rows.forEach((row, index) => {
      if (row.rank !== index + 1) outOfOrder++;
      const before = rows[index - 1];
      if (before !== undefined && stored(before.key) < stored(row.key)) outOfOrder++;
    });
    if (new Set(rows.map((row) => row.key)).size !== rows.length) outOfOrder++;
    const timing = summarize('first page', times);
    report(`time to the first ${String(warm.view.rows.length)} rows, ${label} (${String(LATENCY_MS)} ms Jira latency)`, timing.medianMs, 1_000, 'ms', 'lower', `median of ${String(timing.runs)} (min ${timing.minMs.toFixed(0)}, max ${timing.maxMs.toFixed(0)}, noise ±${(timing.noise * 100).toFixed(1)}%)`);
    report(`Jira searches for the first page, ${label}`, searches, 1, 'searches');
    report(`order changes (first page across ${String(RUNS + 1)} loads; ${String(rows.length)} rows over 3 pages against the stored scores), ${label}`, firstPageChanged + outOfOrder, 0, 'changes');
  } finally {
    await runtime.close();
    await emulator.close();
  }
}

for (const size of SIZES) {
  if (args.only !== undefined && String(size.issues) !== args.only) continue;
  await benchAt(size);
}
finish();
