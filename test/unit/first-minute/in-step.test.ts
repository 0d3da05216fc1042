/**
 * When a view queues the project's recompute (services/first-recompute.ts): the first view, Jira
 * having lost the values, a default changed; never twice for views at once, never while a run is
 * under way, and no sooner than the wait after a run that left no score.
 */
import { describe, expect, it } from 'vitest';
import { FIELDS_CHANGED_REASON, FIRST_VIEW_REASON, LOST_VALUES_REASON, RETRY_AFTER_MS, ensureProjectInStep } from '../../../src/services/first-recompute';
import type { InStepEvidence } from '../../../src/services/first-recompute';
import type { RecomputeEvent } from '../../../src/services/recompute';
import { createRecomputeStore, memoryKvs } from '../../../src/storage';
import type { RecomputeStore, RunRecord } from '../../../src/storage';

const PROJECT = '10001';
const NOW = new Date('2026-03-02T10:00:00Z');

function setUp() {
  const store = createRecomputeStore(memoryKvs());
  const pushed: RecomputeEvent[] = [];
  const queue = { push: (event: RecomputeEvent) => { pushed.push(event); return Promise.resolve(); } };
  let counts = 0;
  const evidence = (more: Partial<InStepEvidence> = {}, scoredInJira = 0): InStepEvidence => ({
    projectId: PROJECT,
    issueScored: true,
    fieldEmpty: true,
    countScored: () => { counts++; return Promise.resolve(scoredInJira); },
    now: NOW,
    ...more,
  });
  return { store, queue, pushed, evidence, counts: () => counts };
}

async function finish(store: RecomputeStore, scored: number, startedAt: Date, status: 'done' | 'failed' = 'done'): Promise<RunRecord> {
  const run = await store.load(PROJECT);
  if (run === undefined) throw new Error('no run');
  return store.commit(run, { status, cursor: run.cursor, progress: { ...run.progress, status, scored, startedAt: startedAt.toISOString(), updatedAt: startedAt.toISOString(), finishedAt: startedAt.toISOString() } });
}

describe('ensureProjectInStep', () => {
  it('queues the first run at the first view, once for many views at once', async () => {
    const { store, queue, pushed, evidence } = setUp();
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => ensureProjectInStep(store, queue, evidence({ issueScored: false }))));
    expect(outcomes.filter((outcome) => outcome.kind === 'queued')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.kind !== 'queued').every((outcome) => outcome.kind === 'raced' || outcome.kind === 'under-way')).toBe(true);
    expect(pushed).toHaveLength(1);
    expect((await store.load(PROJECT))?.progress).toMatchObject({ reason: FIRST_VIEW_REASON, requestedBy: 'app' });
    // While it runs, views start nothing.
    expect(await ensureProjectInStep(store, queue, evidence())).toEqual({ kind: 'under-way' });
  });

  it('after a run that left scores, a Jira holding none is brought back at once', async () => {
    const { store, queue, pushed, evidence, counts } = setUp();
    await ensureProjectInStep(store, queue, evidence());
    await finish(store, 7, new Date(NOW.getTime() - 60_000));
    expect(await ensureProjectInStep(store, queue, evidence({}, 7))).toEqual({ kind: 'in-step' });
    expect(await ensureProjectInStep(store, queue, evidence({}, 0))).toMatchObject({ kind: 'queued', reason: LOST_VALUES_REASON });
    expect(pushed).toHaveLength(2);
    expect(counts()).toBe(2);
  });

  it('asks Jira nothing when the issue in view is not scored or its field holds a value', async () => {
    const { store, queue, evidence, counts } = setUp();
    await ensureProjectInStep(store, queue, evidence());
    await finish(store, 7, new Date(NOW.getTime() - 60_000));
    expect(await ensureProjectInStep(store, queue, evidence({ issueScored: false }))).toEqual({ kind: 'in-step' });
    expect(await ensureProjectInStep(store, queue, evidence({ fieldEmpty: false }))).toEqual({ kind: 'in-step' });
    expect(counts()).toBe(0);
  });

  it('after a run that left no score (or failed), waits before trying again', async () => {
    const { store, queue, pushed, evidence } = setUp();
    await ensureProjectInStep(store, queue, evidence());
    await finish(store, 0, new Date(NOW.getTime() - 60_000), 'failed');
    expect(await ensureProjectInStep(store, queue, evidence())).toEqual({ kind: 'waiting' });
    expect(await ensureProjectInStep(store, queue, evidence({ now: new Date(NOW.getTime() + RETRY_AFTER_MS) }))).toMatchObject({ kind: 'queued', reason: LOST_VALUES_REASON });
    expect(pushed).toHaveLength(2);
  });

  it('a changed default supersedes even a run under way', async () => {
    const { store, queue, evidence } = setUp();
    const first = await ensureProjectInStep(store, queue, evidence());
    const second = await ensureProjectInStep(store, queue, evidence({ defaultChanged: true }));
    expect(second).toMatchObject({ kind: 'queued', reason: FIELDS_CHANGED_REASON });
    expect(first.kind === 'queued' && second.kind === 'queued' && first.runId !== second.runId).toBe(true);
  });

  it('a run stuck for over an hour does not hold the project back', async () => {
    const { store, queue, evidence } = setUp();
    await ensureProjectInStep(store, queue, evidence());
    const later = new Date(NOW.getTime() + 2 * 60 * 60 * 1000);
    expect(await ensureProjectInStep(store, queue, evidence({ now: later }))).toMatchObject({ kind: 'queued', reason: LOST_VALUES_REASON });
  });
});
