/**
 * The project page at the emulator's scale (10,000 issues, 500 epics): every view reads with
 * ⌈N / 100⌉ search calls and never a call per issue, within Forge's time limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForgeRuntime } from '../../../dev/forge-runtime';
import type { ForgeRuntime, InvocationResult } from '../../../dev/forge-runtime';
import { generateScaleDataset } from '../../../dev/demo-data/generate-scale';
import { startJiraEmulator } from '../../../dev/jira-emulator';
import type { JiraEmulator } from '../../../dev/jira-emulator';
import type { RankedBacklogPageView, SprintReadinessView, VisionMapChunkView, VisionMapView } from '../../../src/contract';
import { CHUNK_PAGES, readKeyedSet } from '../../../src/services/project-page';
import { fetchRequestJira } from '../../../dev/jira-emulator/request-jira';
import { createJiraClient, searchPages } from '../../../src/jira';
import type { NonEmptyList, RequestJira } from '../../../src/jira';
import { sprintByKeyJql, sprintJql } from '../../../src/services/queries';
import { mergeVisionMap } from '../../../static/project-page/src/vision-merge';
import { scoreScaleProject } from '../support/scale-scores';
import { join, resolve } from 'node:path';
import { oneShotRankedBacklog, oneShotVisionMap } from '../support/one-shot-views';

const ROOT = resolve(import.meta.dirname, '../../..');
const SEARCH = 'POST /rest/api/3/search/jql';
/** The scale site's next (future) sprint: dev/demo-data/generate-scale.ts (10 closed, 1 active, then this). */
const SCALE_FUTURE_SPRINT = 12;
const PER_ISSUE = ['GET /rest/api/3/issue/{issueIdOrKey}', 'GET /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}'];

let emulator: JiraEmulator;
let runtime: ForgeRuntime;
let user: { accountId: string };
let extension: Record<string, unknown>;

beforeAll(async () => {
  const dataset = generateScaleDataset({ issues: 10_000, epics: 500, realTexts: false });
  const project = dataset.projects[0];
  const admin = Object.entries(dataset.permissions[project?.key ?? ''] ?? {}).find(([, granted]) => granted.includes('BROWSE_PROJECTS'));
  if (project === undefined || admin === undefined) throw new Error('the scale dataset has no project or user');
  user = { accountId: admin[0] };
  extension = { project: { id: project.id, key: project.key, type: 'software' } };
  emulator = await startJiraEmulator({ dataset });
  runtime = await createForgeRuntime({ manifestPath: join(ROOT, 'manifest.yml'), jiraBaseUrl: emulator.url, memory: true, limits: { invocationTimeoutMs: 25_000 }, logger: { warn: () => undefined, error: () => undefined } });
}, 120_000);

afterAll(async () => {
  await runtime.close();
  await emulator.close();
});

function valueOf(result: InvocationResult): unknown {
  if (!result.success) throw new Error(`${result.error.code}: ${result.error.message}`);
  const body = result.body as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(body.error?.message ?? 'failed');
  return body.value;
}

async function measured(key: string, payload: Record<string, unknown> = {}): Promise<{ value: unknown; ms: number; searches: number; perIssue: number }> {
  emulator.resetCalls();
  const started = performance.now();
  const value = valueOf(await runtime.invokeResolver('project-page', key, payload, user, extension));
  const ms = Math.round(performance.now() - started);
  const perIssue = PER_ISSUE.reduce((sum, endpoint) => sum + emulator.callCount(endpoint), 0);
  return { value, ms, searches: emulator.callCount(SEARCH), perIssue };
}

let full: VisionMapView | undefined;

/** The whole view in one read, composed from the services (test code: ../support/one-shot-views.ts), measured like a resolver. */
async function measuredOneShot<V>(read: () => Promise<V>): Promise<{ value: V; ms: number; searches: number; perIssue: number }> {
  emulator.resetCalls();
  const started = performance.now();
  const value = await read();
  const ms = Math.round(performance.now() - started);
  const perIssue = PER_ISSUE.reduce((sum, endpoint) => sum + emulator.callCount(endpoint), 0);
  return { value, ms, searches: emulator.callCount(SEARCH), perIssue };
}

/** The project as the resolvers take it from the context: its id and key. */
function projectInView(): { id: string; key: string } {
  const { id, key } = extension.project as { id: string; key: string };
  return { id, key };
}

/**
 * Reads every chunk of a chunked resolver at 150 ms emulated latency, checking each call's
 * budget (≤ CHUNK_PAGES searches, none per issue, under 10 s) on the way.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the chunk view it expects: the answer is JSON
async function readChunks<V extends { readonly next: string | null; readonly reads: { readonly issues: number } }>(key: string): Promise<{ chunks: V[]; searches: number }> {
  const chunks: V[] = [];
  let after: string | undefined;
  let searches = 0;
  emulator.setLatency(150);
  try {
    for (;;) {
      const chunk = await measured(key, after === undefined ? {} : { after });
      const view = chunk.value as V;
      console.log(`${key} after ${after ?? '(start)'}: ${view.reads.issues} issues, ${chunk.searches} searches, ${chunk.ms} ms at 150 ms latency`);
      expect(chunk.searches).toBeLessThanOrEqual(CHUNK_PAGES);
      expect(chunk.perIssue).toBe(0);
      expect(chunk.ms).toBeLessThan(10_000);
      searches += chunk.searches;
      chunks.push(view);
      if (view.next === null) break;
      after = view.next;
      expect(chunks.length).toBeLessThan(20);
    }
  } finally {
    emulator.setLatency(0);
  }
  return { chunks, searches };
}

describe('the project page at scale', () => {
  it('reads the vision map of 10,000 issues in ⌈N / 100⌉ searches', async () => {
    const { value: map, ms, searches, perIssue } = await measuredOneShot(() => oneShotVisionMap(runtime, user, projectInView()));
    full = map;
    console.log(`the whole vision map: ${map.reads.issues} issues, ${map.epics.length} epics, ${searches} searches, ${ms} ms`);
    expect(map.reads.issues).toBe(10_000);
    expect(map.epics).toHaveLength(500);
    expect(searches).toBe(Math.ceil(10_000 / 100));
    expect(perIssue).toBe(0);
    expect(ms).toBeLessThan(25_000);
  }, 60_000);

  it('reads the vision map in chunks of ≤ CHUNK_PAGES searches each, under 10 s at 150 ms latency, merging to the full map', async () => {
    const outline = (await measured('getVisionOutline')).value as VisionMapView;
    // Never counted, the project is counted live, and the first count the outline started runs apart.
    expect(outline.counting).toMatchObject({ mode: 'live', reason: 'not-counted-yet' });
    await runtime.whenIdle();
    const { chunks, searches } = await readChunks<VisionMapChunkView>('getVisionMapChunk');
    expect(chunks[0]?.estimatedIssues).toBe(10_000);
    expect(chunks.length).toBe(Math.ceil(10_000 / (CHUNK_PAGES * 100)));
    expect(searches).toBe(Math.ceil(10_000 / 100));
    const merged = mergeVisionMap(outline, chunks, true);
    expect(full).toBeDefined();
    expect({ ...merged, counting: undefined }).toEqual({ ...full, counting: undefined });
  }, 120_000);

  it('gives the outline of 500 epics in 3 round trips (first page, the other keys, 4 pages in parallel)', async () => {
    const { value, ms, searches } = await measured('getVisionOutline');
    const outline = value as VisionMapView;
    console.log(`getVisionOutline: ${outline.epics.length} epics, ${searches} searches, ${ms} ms`);
    // Counted by now: the whole map, from the rollups, equal to the full count.
    expect(outline.complete).toBe(true);
    expect(outline.allocation).toEqual(full?.allocation);
    expect(outline.epics).toHaveLength(500);
    expect(outline.epics.map((epic) => epic.key)).toEqual(full?.epics.map((epic) => epic.key));
    // ⌈500 / 100⌉ pages of fields plus one ids-only search (≤ 5,000 keys) that lets the last 4 run in parallel.
    expect(searches).toBe(Math.ceil(500 / 100) + 1);
    // At 150 ms per Jira call (the issue's budget: the first useful view ≤ 1.5 s).
    emulator.setLatency(150);
    try {
      const slow = await measured('getVisionOutline');
      console.log(`getVisionOutline at 150 ms latency: ${slow.ms} ms`);
      expect(slow.ms).toBeLessThan(3_000);
    } finally {
      emulator.setLatency(0);
    }
  }, 60_000);

  it('reads a sprint of more than a page in two round trips: its first page and its keys together, then the rest side by side', async () => {
    // Each Jira call's depth: one more than the deepest call answered before it was asked.
    const answered: number[] = [];
    let depth = 0;
    const request = fetchRequestJira({ baseUrl: emulator.url, headers: { 'x-emulator-account-id': user.accountId } });
    const tracked: RequestJira = async (path, init) => {
      const own = 1 + Math.max(0, ...answered);
      depth = Math.max(depth, own);
      const response = await request(path, init);
      answered.push(own);
      return response;
    };
    const set = { jql: sprintJql(SCALE_FUTURE_SPRINT), byKeys: (keys: NonEmptyList<string>) => sprintByKeyJql(SCALE_FUTURE_SPRINT, keys) };
    const read = await readKeyedSet(createJiraClient(tracked), set, { fields: ['summary', 'status'] });
    const pagedKeys: string[] = [];
    for await (const page of searchPages(createJiraClient(request), { jql: sprintJql(SCALE_FUTURE_SPRINT), fields: ['summary'], pageSize: 100 })) pagedKeys.push(...page.issues.map((issue) => issue.key));
    expect(pagedKeys.length).toBeGreaterThan(200);
    expect(read.issues.map((issue) => issue.key)).toEqual(pagedKeys);
    expect(read.complete).toBe(true);
    expect(read.searchCalls).toBe(2 + Math.ceil((pagedKeys.length - 100) / 100));
    expect(depth).toBe(2);
    // Capped: the most asked for, and the set said to be incomplete.
    const capped = await readKeyedSet(createJiraClient(request), set, { fields: ['summary'] }, 150);
    expect(capped.issues.map((issue) => issue.key)).toEqual(pagedKeys.slice(0, 150));
    expect(capped.complete).toBe(false);
  });

  it('ranks the open backlog and checks the next sprint without a call per issue', async () => {
    const backlog = await measuredOneShot(() => oneShotRankedBacklog(runtime, user, projectInView()));
    const view = backlog.value;
    console.log(`the whole ranked backlog: ${view.reads.issues} issues, ${backlog.searches} searches, ${backlog.ms} ms`);
    expect(backlog.searches).toBe(Math.ceil(view.reads.issues / 100));
    expect(backlog.perIssue).toBe(0);
    const sprint = await measured('getSprintReadiness');
    const readiness = sprint.value as SprintReadinessView;
    console.log(`getSprintReadiness: ${readiness.reads.issues} issues, ${sprint.searches} searches, ${sprint.ms} ms`);
    expect(sprint.perIssue).toBe(0);
    expect(sprint.searches).toBe(readiness.reads.searchCalls);
  }, 60_000);

  it('reads the ranked backlog a page at a time in score order: one search for the first 100 rows, in the full backlog\'s order', async () => {
    // Scored with WSJF over the dataset's fields, each open story's "Priority score" set as the background would write it.
    const ranked = (await scoreScaleProject(runtime, emulator, user, projectInView())).ranked;
    expect(ranked.length).toBeGreaterThan(300);
    const rows: RankedBacklogPageView['rows'][number][] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 3; page++) {
      const read = await measured('getRankedBacklogPage', { list: 'ranked', ...(cursor === undefined ? {} : { cursor }) });
      const view = read.value as RankedBacklogPageView;
      expect(read.searches).toBe(1);
      expect(read.perIssue).toBe(0);
      rows.push(...view.rows);
      if (view.next === null) break;
      cursor = view.next;
    }
    expect(rows.length).toBeGreaterThanOrEqual(290);
    expect(rows.map((row) => [row.key, row.rank, row.score])).toEqual(ranked.slice(0, rows.length).map((row) => [row.key, row.rank, row.score]));
  }, 120_000);
});
