/**
 * The three dashboard gadgets in Chromium, on the Jira shell's dashboard, at 150 ms emulated Jira
 * latency, on the 10,000-issue scale site (dev/demo-data/generate-scale.ts: 500 epics, a Scrum board
 * with closed, active and future sprints). The site is first recounted (settings resolver
 * `recomputeNow`, at 0 ms latency), so Vision alignment reads the app's rollups and Top of the
 * backlog finds scores in the "Priority score" field, as on a site the app has been running on.
 *
 * Figures and budgets (issue 15, "Performance"):
 * - each gadget's first useful content (its figures or its table, not a skeleton) ≤ 1 s after its
 *   frame loads (the frame document's navigation start), median of 6 loads after a warm-up, each
 *   gadget alone on the dashboard (the shell's `/dashboard?gadgets=<key>`: the only one of the
 *   app's gadgets there);
 * - Jira calls per gadget load, printed (every call the load caused, the shell's own included);
 * - the three together on one dashboard, printed: their three frames boot in one renderer;
 * - gadget JavaScript ≤ 120 KB gzipped: the three gadgets are one Custom UI resource (static/gadgets),
 *   so each gadget's frame loads the same scripts; measured on the production build.
 *
 * Jira (the emulator and the scale site) runs in its own thread (remote-jira.ts), as in the
 * project-page bench: its heap and CPU are not counted as the app's.
 *
 * Figures of 3 December, 07:37, on a quiet machine (load average ≈ 1.3 before the run; medians of 6):
 * - Vision alignment 800 ms (781–837, ±0.5 %), Sprint readiness 804 ms (778–853, ±2.9 %), Top of the
 *   backlog 758 ms (720–851, ±2.9 %): all within 1 s. Of it, the frame's start until the call
 *   reaches the runtime 351–368 ms (its first script runs at ≈ 270 ms), the calls 395 / 380 / 357 ms,
 *   drawing 45–58 ms; Jira calls 9 / 23 / 4 a load; JavaScript 101 KB gzipped. Sprint readiness's
 *   first load, before it remembers the board: 1,099 ms (the warm-up). Across this day's runs the
 *   frame's start until the call varied from 320 to 460 ms (the machine), the calls far less.
 * - The three together on one dashboard: 1,454 / 1,542 / 1,498 ms (±4–5 %; 1.19–1.40 s in an
 *   earlier run), over 1 s. Their frames boot in one renderer: each first script runs at ≈ 700 ms
 *   against ≈ 270 ms alone (each frame's document commit alone takes 40–60 ms of the renderer's main
 *   thread, and the three calls then share the runtime).
 * - What made Sprint readiness fit (1,570 ms on 2 December, quiet, three frames): the sprint's
 *   issues, and each velocity sprint's done issues, in two round trips (first page and every key
 *   together, then the rest side by side: readKeyedSet) instead of three pages one after another;
 *   the board's sprints and the sprint's parent epics read ahead from what the gadget remembered of
 *   the board (storage/board-sprints.ts: ids and keys; the epics read fresh, as the viewer), beside
 *   Jira's answer about the board; the rows (0.2 MB) left out of its answer. Two round trips to
 *   Jira after the frame's call instead of five; the call 380 ms against 824 ms.
 * - Earlier (2 December, busy machine, three frames on the dashboard): 1,507 / 2,154 / 1,586 ms;
 *   quiet, three frames: 1,083 / 1,570 / 1,052 ms.
 *
 *   npm run build && npm run bench -- gadgets
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { Frame, Page } from 'playwright-core';
import { build } from 'vite';
import { customUiConfig } from '../static/vite.apps';
import { generateScaleDataset, SCALE_BOARD_ID, SCALE_PROJECT_ID } from '../dev/demo-data/generate-scale';
import { ADA, contextAs, launchChromium, REPO_ROOT, startStack } from '../test/e2e/support';
import type { Stack } from '../test/e2e/support';
import { finish, report, summarize } from './harness';
import type { Timing } from './harness';
import { startRemoteJira } from './remote-jira';
import { describeRecount, recount, saveScaleStrategy, watchInvocations, watchKvs } from './rollup-support';

const LATENCY_MS = 150;
const LOADS = 6;
const ISSUES = 10_000;
const EPICS = 500;
const BUDGET_MS = 1_000;
const BUDGET_KB = 120;

/** Each gadget: its module key, its configuration, and what its first useful content is. */
const GADGETS = [
  { key: 'vision-alignment', title: 'Vision alignment', configuration: { projectId: SCALE_PROJECT_ID, refresh: 0 }, content: '[data-testid="vision-alignment"]', resolver: 'resolver/getVisionAlignment' },
  { key: 'sprint-readiness', title: 'Sprint readiness', configuration: { boardId: String(SCALE_BOARD_ID), refresh: 0 }, content: '[data-testid="sprint-readiness"]', resolver: 'resolver/getSprintReadinessGadget' },
  { key: 'top-of-backlog', title: 'Top of the backlog', configuration: { projectId: SCALE_PROJECT_ID, refresh: 0, top: 10 }, content: '[data-testid="top-of-backlog"]', resolver: 'resolver/getTopOfBacklog' },
] as const;
type Gadget = (typeof GADGETS)[number];

const assets = join(REPO_ROOT, 'static/gadgets/dist/assets');
const builtScripts = (): string[] => (existsSync(assets) ? readdirSync(assets).filter((name) => name.endsWith('.js')) : []);
// What Forge serves is a production build; one made under vitest (NODE_ENV=test) is React's
// development build, several times slower and larger. Measure a production build.
async function ensureProductionBuild(): Promise<void> {
  const development = builtScripts().some((name) => readFileSync(join(assets, name), 'utf8').includes('jsxDEV'));
  if (!development && builtScripts().length > 0) return;
  console.log(`      static/gadgets/dist is ${development ? "React's development build" : 'missing'}: building it for production`);
  process.env.NODE_ENV = 'production';
  await build(customUiConfig(join(REPO_ROOT, 'static/gadgets')));
}

await ensureProductionBuild();
const scripts = builtScripts();
const gzippedKb = scripts.reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name)), { level: 9 }).length, 0) / 1024;
for (const gadget of GADGETS) report(`${gadget.title} gadget JavaScript, gzipped (one bundle for the three gadgets)`, gzippedKb, BUDGET_KB, 'KB', 'lower', scripts.join(', '));

const spread = (t: Timing): string => `median of ${String(t.runs)} (min ${t.minMs.toFixed(0)}, max ${t.maxMs.toFixed(0)}, noise ±${(t.noise * 100).toFixed(1)}%)`;
const totalOf = (calls: Readonly<Record<string, number>>): number => Object.values(calls).reduce((sum, count) => sum + count, 0);
const fmtCalls = (calls: Readonly<Record<string, number>>): string =>
  Object.entries(calls)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([endpoint, count]) => `${endpoint.replace('/rest/api/3/', '/').replace('/rest/agile/1.0/', 'agile /')} ×${String(count)}`)
    .join(', ');

async function gadgetFrame(page: Page, key: string, deadline: number): Promise<Frame> {
  for (;;) {
    const frame = page.frames().find((candidate) => candidate.name().startsWith(`frame-${key}`) && candidate.url().includes('/__shell/resources/'));
    if (frame !== undefined) return frame;
    if (Date.now() > deadline) throw new Error(`the ${key} frame never appeared`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * In every frame, the moment its first useful content enters the DOM (a MutationObserver, from the
 * frame's first script on): not polled on animation frames, which Chromium withholds from a frame
 * below the fold (the three gadgets together do not fit in the window). A string, not a function:
 * tsx would wrap a function's inner functions in a helper the frame does not have.
 */
const CONTENT_CLOCK = `(() => {
  const wanted = ${JSON.stringify(GADGETS.map((gadget) => gadget.content).join(', '))};
  const observer = new MutationObserver(() => {
    if (document.querySelector(wanted) === null) return;
    window.__throughlineContentAt = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** Ms from the gadget frame's navigation start until its first useful content is in its DOM. */
async function timeTo(page: Page, key: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = await gadgetFrame(page, key, deadline);
    try {
      const handle = await frame.waitForFunction(() => (window as unknown as { __throughlineContentAt?: number }).__throughlineContentAt ?? false, undefined, { polling: 20, timeout: Math.max(100, Math.min(5_000, deadline - Date.now())) });
      return (await handle.jsonValue()) as number;
    } catch (error: unknown) {
      if (Date.now() > deadline) {
        const text = await frame.evaluate(() => document.body.innerText.slice(0, 300)).catch(() => '(frame gone)');
        throw new Error(`${key}: its first useful content never appeared; the gadget says: ${text}`, { cause: error });
      }
    }
  }
}

async function settled(inFlight: () => number, quietMs: number, capMs: number): Promise<void> {
  const cap = Date.now() + capMs;
  let quietSince = Date.now();
  while (Date.now() < cap) {
    if (inFlight() > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function configure(stack: Stack, configured: readonly Gadget[]): Promise<void> {
  for (const gadget of GADGETS) {
    const configuration = configured.includes(gadget) ? gadget.configuration : {};
    const response = await fetch(`${stack.shell.url}/__shell/api/gadget-configuration`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ gadgetId: `gadget-${gadget.key}`, configuration }) });
    if (!response.ok) throw new Error(`the shell did not keep the ${gadget.key} configuration: ${String(response.status)}`);
  }
}

const started = performance.now();
// Jira (the emulator with the scale site) in its own thread, as it runs on Atlassian's servers: its
// heap and CPU are not the app's (remote-jira.ts). The shell's own emulator, in this thread, serves
// its pages only: the same site without its issues.
const jira = await startRemoteJira({ issues: ISSUES, epics: EPICS, realTexts: false });
const site = generateScaleDataset({ issues: 1, epics: 0, realTexts: false });
const project = site.projects.find((candidate) => candidate.id === SCALE_PROJECT_ID) ?? site.projects[0];
if (project === undefined) throw new Error('the scale dataset has no project');
const extension = { id: project.id, key: project.key, type: 'software' };
const stack = await startStack({ dataset: { ...site, issues: [] }, jiraBaseUrl: jira.url });
console.log(`      ${jira.issueCount.toLocaleString('en-US')} issues / ${EPICS.toLocaleString('en-US')} epics generated and served by Jira in its own thread in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const invocations = watchInvocations(stack.runtime);
const kvs = watchKvs();
try {
  await saveScaleStrategy(stack.runtime, project.id);
  const counted = await recount(stack.runtime, jira, { invocations, kvs }, ADA, extension);
  console.log(`INFO  recount at 0 ms latency: ${describeRecount(counted)}`);
  await jira.setLatency(LATENCY_MS);

  const browser = await launchChromium();
  const context = await contextAs(browser, stack.shell, ADA);
  await context.addInitScript({ content: CONTENT_CLOCK });
  const page = await context.newPage();
  /** One dashboard load: each configured gadget's time to its first useful content, and the Jira calls the load caused. */
  const load = async (configured: readonly Gadget[]) => {
    await settled(invocations.inFlight, 200, 10_000);
    await jira.resetCalls();
    const before = invocations.log.length;
    // A gadget measured alone is the only one of the app's gadgets on the dashboard (`?gadgets=`).
    const only = configured.length === 1 ? `?gadgets=${configured.map((gadget) => gadget.key).join(',')}` : '';
    await page.goto(`${stack.shell.url}/dashboard${only}`, { waitUntil: 'commit' });
    const times = await Promise.all(configured.map((gadget) => timeTo(page, gadget.key, 60_000)));
    const origins = await Promise.all(configured.map(async (gadget) => (await gadgetFrame(page, gadget.key, Date.now() + 5_000)).evaluate(() => performance.timeOrigin)));
    // Inside the frame: its document's arrival, its first script, Jira's context (answer-prefetch.ts marks them).
    const steps = await Promise.all(
      configured.map(async (gadget) =>
        // No functions declared inside: tsx would wrap them in a helper the frame does not have.
        (await gadgetFrame(page, gadget.key, Date.now() + 5_000)).evaluate(() => {
          // (Node's types here: the browser's timing entries have responseEnd.)
          const entries = performance.getEntries() as (PerformanceEntry & { readonly responseEnd?: number })[];
          const navigation = entries.find((entry) => entry.entryType === 'navigation');
          const scripts = entries.filter((entry) => entry.entryType === 'resource' && entry.name.endsWith('.js')).map((entry) => `${entry.name.slice(entry.name.lastIndexOf('/') + 1)} ${entry.startTime.toFixed(0)}–${(entry.responseEnd ?? Number.NaN).toFixed(0)}`);
          return { document: navigation?.responseEnd ?? Number.NaN, script: entries.find((entry) => entry.name === 'throughline:prefetch')?.startTime ?? Number.NaN, context: entries.find((entry) => entry.name === 'throughline:context')?.startTime ?? Number.NaN, scripts };
        }),
      ),
    );
    await settled(invocations.inFlight, 500, 30_000);
    const made = invocations.log.slice(before);
    // Where the time goes: the frame's start until its resolver call reaches the runtime, the call, then drawing.
    const phases = configured.map((gadget, index) => {
      const answer = made.find((entry) => entry.name === gadget.resolver);
      const origin = origins[index] ?? 0;
      return answer === undefined ? undefined : { boot: answer.startedAt - origin, call: answer.ms, draw: (times[index] ?? 0) - (answer.endedAt - origin) };
    });
    return { times, phases, steps, calls: await jira.calls(), invoked: made.map((entry) => entry.name) };
  };
  try {
    for (const gadget of GADGETS) {
      // A browser test started meanwhile may have rebuilt the gadgets for development: checked again.
      await ensureProductionBuild();
      await configure(stack, [gadget]);
      const warm = await load([gadget]);
      console.log(`\n-- ${gadget.title}: warm-up load ${(warm.times[0] ?? 0).toFixed(0)} ms${gadget.key === 'sprint-readiness' ? ' (its first load: nothing remembered of the board yet)' : ''}`);
      const loads: Awaited<ReturnType<typeof load>>[] = [];
      for (let i = 0; i < LOADS; i++) loads.push(await load([gadget]));
      const painted = summarize(gadget.title, loads.map((entry) => entry.times[0] ?? Number.NaN));
      report(`${gadget.title}: first useful content after its frame loads, ${String(LATENCY_MS)} ms Jira latency, ${ISSUES.toLocaleString('en-US')} issues`, painted.medianMs, BUDGET_MS, 'ms', 'lower', spread(painted));
      const phase = (name: 'boot' | 'call' | 'draw'): Timing => summarize(name, loads.map((entry) => entry.phases[0]?.[name] ?? Number.NaN).filter((ms) => !Number.isNaN(ms)));
      const [boot, answered, draw] = [phase('boot'), phase('call'), phase('draw')];
      console.log(`INFO  ${gadget.title}: where the time goes (medians): frame start until ${gadget.resolver.slice('resolver/'.length)} reaches the runtime ${boot.medianMs.toFixed(0)} ms (min ${boot.minMs.toFixed(0)}, max ${boot.maxMs.toFixed(0)}); the call ${answered.medianMs.toFixed(0)} ms (min ${answered.minMs.toFixed(0)}, max ${answered.maxMs.toFixed(0)}); its answer until drawn ${draw.medianMs.toFixed(0)} ms`);
      const step = (name: 'document' | 'script' | 'context'): string => summarize(name, loads.map((entry) => entry.steps[0]?.[name] ?? Number.NaN).filter((ms) => !Number.isNaN(ms))).medianMs.toFixed(0);
      console.log(`INFO  ${gadget.title}: the frame's start (medians, ms after it): its document in ${step('document')}, its first script running ${step('script')}, Jira's context ${step('context')}; scripts (start–end) on the last load: ${(loads[loads.length - 1]?.steps[0]?.scripts ?? []).join(', ')}`);
      const last = loads[loads.length - 1] ?? warm;
      const resolverCalls = last.invoked.filter((name) => name.startsWith('resolver/'));
      // The other two, unconfigured, answer at once without asking Jira.
      console.log(`INFO  ${gadget.title}: Jira calls per load: ${loads.map((entry) => String(totalOf(entry.calls))).join(', ')} (the shell's own included); last load: ${fmtCalls(last.calls)}; resolver invocations: ${resolverCalls.join(', ')}`);
    }
    await configure(stack, GADGETS);
    await load(GADGETS);
    const together: Awaited<ReturnType<typeof load>>[] = [];
    for (let i = 0; i < LOADS; i++) together.push(await load(GADGETS));
    console.log('\n-- the three together on one dashboard');
    GADGETS.forEach((gadget, index) => {
      const painted = summarize(gadget.title, together.map((entry) => entry.times[index] ?? Number.NaN));
      const phase = (name: 'boot' | 'call' | 'draw'): string => summarize(name, together.map((entry) => entry.phases[index]?.[name] ?? Number.NaN).filter((ms) => !Number.isNaN(ms))).medianMs.toFixed(0);
      const step = (name: 'document' | 'script' | 'context'): string => summarize(name, together.map((entry) => entry.steps[index]?.[name] ?? Number.NaN).filter((ms) => !Number.isNaN(ms))).medianMs.toFixed(0);
      console.log(`INFO  ${gadget.title}, beside the two others: first useful content ${painted.medianMs.toFixed(0)} ms ${spread(painted)}; its first script at ${step('script')} ms, the call reaching the runtime at ${phase('boot')} ms, the call ${phase('call')} ms, drawing ${phase('draw')} ms (medians)`);
    });
    console.log(`INFO  the three together: Jira calls per load ${together.map((entry) => String(totalOf(entry.calls))).join(', ')}`);
  } finally {
    await context.close();
    await browser.close();
  }
} finally {
  await stack.close();
  await jira.close();
}
finish();
