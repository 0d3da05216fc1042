/**
 * Ordering a 2,000-issue backlog by score through the resolvers (previewBacklogOrder, then
 * applyBacklogOrder, in the local Forge runtime, as a product owner with Schedule issues) against
 * the emulator at 150 ms Jira latency, on the scale dataset. Two backlogs: scores in no relation to
 * the rank (the worst case: almost everything moves) and a backlog already in score order but for
 * 100 issues moved at random (the usual case). For each: the rank calls sent against the minimum
 * the plan's permutation needs (⌈moved / 50⌉ + one per run of consecutive moves), the time to apply
 * (budget: a Forge invocation's 25 s), and that the backlog ends in the previewed order; then Undo
 * (the same figures) and that the order before is back exactly.
 *
 *   npx tsx bench/backlog-order.bench.ts
 */
import { join } from 'node:path';
import { createForgeRuntime } from '../dev/forge-runtime';
import type { InvocationResult } from '../dev/forge-runtime';
import { FIELD, USERS } from '../dev/demo-data/catalog';
import { SCALE_BOARD_ID, generateScaleDataset } from '../dev/demo-data/generate-scale';
import { startJiraEmulator } from '../dev/jira-emulator';
import { backlogOf, rankIssues } from '../dev/jira-emulator/rank';
import type { BacklogOrderPreview, BacklogOrderResult, Result, UndoBacklogOrderResult } from '../src/contract';
import { desiredOrderByScore } from '../src/domain/ranking';
import { REPO_ROOT } from '../test/e2e/support';
import { finish, report } from './harness';

const LATENCY_MS = 150;
const BACKLOG = 2_000;
const RANK = 'PUT /rest/agile/1.0/issue/rank';

/** A small deterministic generator (the same figures on every run). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const dataset = generateScaleDataset({ issues: 4_000, epics: 100, realTexts: false });
const project = dataset.projects[0];
if (project === undefined) throw new Error('the scale dataset has no project');
const owner = USERS.pat.accountId;
const grants = dataset.permissions[project.key] ?? {};
grants[owner] = [...(grants[owner] ?? []), 'SCHEDULE_ISSUES'];
const emulator = await startJiraEmulator({ dataset });
const runtime = await createForgeRuntime({ manifestPath: join(REPO_ROOT, 'manifest.yml'), jiraBaseUrl: emulator.url, memory: true, limits: { invocationTimeoutMs: 25_000 }, logger: { warn: () => undefined, error: () => undefined } });
const board = emulator.state.boards.find((b) => b.id === SCALE_BOARD_ID);
if (board === undefined) throw new Error('no board');
const backlog = (): string[] => backlogOf(emulator.state, board, { kind: 'app' }).map((issue) => issue.key);
const extension = { project: { id: project.id, key: project.key, type: 'software' } };

interface Views {
  previewBacklogOrder: BacklogOrderPreview;
  applyBacklogOrder: BacklogOrderResult;
  undoBacklogOrder: UndoBacklogOrderResult;
}

async function invoke<K extends keyof Views>(key: K, payload: unknown): Promise<{ value: Views[K]; ms: number; calls: number }> {
  emulator.resetCalls();
  const begun = performance.now();
  const result: InvocationResult = await runtime.invokeResolver('project-page', key, payload, { accountId: owner }, extension);
  const ms = performance.now() - begun;
  if (!result.success) throw new Error(result.error.message);
  const body = result.body as Result<Views[K]>;
  if (!body.ok) throw new Error(body.error.message);
  return { value: body.value, ms, calls: emulator.callCount(RANK) };
}

async function scenario(label: string, scoreOf: (key: string, at: number) => number | null): Promise<void> {
  const keys = backlog();
  if (keys.length < BACKLOG) throw new Error(`the backlog has only ${String(keys.length)} issues`);
  keys.forEach((key, at) => {
    const issue = emulator.state.findIssue(key);
    if (issue !== undefined) issue.fields[FIELD.priorityScore] = scoreOf(key, at);
  });
  const before = backlog();
  emulator.setLatency(LATENCY_MS);
  const preview = await invoke('previewBacklogOrder', { boardId: SCALE_BOARD_ID, top: BACKLOG });
  const moved = preview.value.moves.length;
  console.log(`\n-- ${label}: ${String(BACKLOG)} issues ordered, ${String(moved)} move in ${String(preview.value.runs)} runs; ${String(preview.value.incomplete.length)} incomplete keep their places (preview ${(preview.ms / 1000).toFixed(1)} s)`);
  const applied = await invoke('applyBacklogOrder', { boardId: SCALE_BOARD_ID, top: BACKLOG, basedOn: preview.value.basedOn });
  const minimum = Math.ceil(moved / 50) + preview.value.runs;
  report(`rank calls to order ${label} (${String(moved)} of ${String(BACKLOG)} issues move, ${String(preview.value.runs)} runs)`, applied.calls, minimum, 'calls', 'lower', `against ⌈moved/50⌉ + runs = ${String(minimum)}; ${(moved / Math.max(1, applied.calls)).toFixed(1)} issues a call`);
  report(`time to apply, ${label} (${String(LATENCY_MS)} ms Jira latency, through the resolver)`, applied.ms, 25_000, 'ms');
  const after = backlog();
  // The order the preview promised: the domain's, from the scores in Jira (incomplete ones in place).
  const previewed = desiredOrderByScore(before.slice(0, BACKLOG).map((key) => {
    const value = emulator.state.findIssue(key)?.fields[FIELD.priorityScore];
    return { key, score: typeof value === 'number' ? value : null };
  }));
  for (const move of preview.value.moves) if (previewed[move.to - 1] !== move.key) throw new Error(`the preview moves ${move.key} elsewhere`);
  const wrong = after.slice(0, BACKLOG).filter((key, at) => previewed[at] !== key).length + applied.value.failed.length;
  report(`issues not where the preview put them, ${label}`, wrong, 0, 'issues');
  const undone = await invoke('undoBacklogOrder', { boardId: SCALE_BOARD_ID });
  report(`rank calls to undo, ${label}`, undone.calls, Math.ceil(undone.value.restored / 50) + preview.value.runs * 2 + 1, 'calls', 'lower', `${String(undone.value.restored)} issues moved back in ${(undone.ms / 1000).toFixed(1)} s`);
  report(`issues not back in place after Undo, ${label}`, backlog().filter((key, at) => before[at] !== key).length + (undone.value.exact ? 0 : 1), 0, 'issues');
  emulator.setLatency(0);
}

try {
  const shuffled = random(7);
  await scenario('a backlog whose scores ignore the rank', () => (shuffled() < 0.05 ? null : Math.round(shuffled() * 10_000) / 10));
  // In score order already (best first), then 100 issues dragged to random places by hand.
  const keys = backlog();
  keys.forEach((key, at) => {
    const issue = emulator.state.findIssue(key);
    if (issue !== undefined) issue.fields[FIELD.priorityScore] = BACKLOG * 2 - at;
  });
  const drag = random(11);
  for (let n = 0; n < 100; n++) {
    const order = backlog().slice(0, BACKLOG);
    const moving = order[Math.floor(drag() * BACKLOG)] ?? '';
    const anchor = order[Math.floor(drag() * BACKLOG)] ?? '';
    if (moving !== anchor) rankIssues(emulator.state, [moving], { before: anchor });
  }
  await scenario('a backlog in score order but for 100 dragged issues', (key) => {
    const value = emulator.state.findIssue(key)?.fields[FIELD.priorityScore];
    return typeof value === 'number' ? value : null;
  });
} finally {
  await runtime.close();
  await emulator.close();
}
finish();
