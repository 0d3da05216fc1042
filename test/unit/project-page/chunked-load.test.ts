/**
 * The project page's chunked reading (vision map, ranked backlog): the state machine behind
 * `useChunkedLoad`, over a fake loader. A failed read keeps what was read, and a retry goes on from
 * the read that failed, never from the start. A head that holds everything ends the pass.
 */
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/contract';
import { ChunkedLoader, chunksExpected, retryLabel } from '../../../static/project-page/src/chunked-load';
import type { ChunkSource, ChunkedState } from '../../../static/project-page/src/chunked-load';

interface FakeChunk {
  readonly id: number;
  readonly next: string | null;
  readonly estimatedIssues: number | null;
}

const UNAVAILABLE = { ok: false, error: { code: 'jira-error', message: 'Jira is not answering.' } } as const satisfies Result<never>;

/**
 * A project of `count` chunks (cursor "k<n>" after chunk n) and a head. `fail` names reads that
 * fail once each ("head", or a chunk's index); `calls` records every read in order.
 */
function fakeSource(count: number, options: { readonly head?: boolean; readonly fail?: readonly (number | 'head')[]; readonly estimatedIssues?: number } = {}) {
  const failing = new Set(options.fail ?? []);
  const calls: string[] = [];
  let heads = 0;
  const chunk = (after: string | undefined): Promise<Result<FakeChunk>> => {
    const index = after === undefined ? 0 : Number(after.slice(1)) + 1;
    calls.push(`chunk ${String(index)}`);
    if (failing.delete(index)) return Promise.resolve(UNAVAILABLE as Result<FakeChunk>);
    return Promise.resolve({ ok: true, value: { id: index, next: index + 1 < count ? `k${String(index)}` : null, estimatedIssues: index === 0 ? (options.estimatedIssues ?? null) : null } });
  };
  const head = (): Promise<Result<string>> => {
    calls.push('head');
    if (failing.delete('head')) return Promise.resolve(UNAVAILABLE as Result<string>);
    heads++;
    return Promise.resolve({ ok: true, value: `outline ${String(heads)}` });
  };
  const source: ChunkSource<string, FakeChunk> = options.head === true ? { head, chunk } : { chunk };
  return { source, calls };
}

function loaderOf(source: ChunkSource<string, FakeChunk>) {
  const published: ChunkedState<string, FakeChunk>[] = [];
  const loader = new ChunkedLoader(source, (state) => published.push(state));
  return { loader, published };
}

const ids = (state: ChunkedState<string, FakeChunk>): number[] => state.chunks.map((chunk) => chunk.id);

describe('chunked reading: the state machine behind useChunkedLoad', () => {
  it('reads the head, then every chunk in order, and ends complete', async () => {
    const { source, calls } = fakeSource(3, { head: true, estimatedIssues: 7_000 });
    const { loader, published } = loaderOf(source);
    expect(loader.current).toMatchObject({ loading: true, complete: false, chunks: [] });
    await loader.refresh();
    expect(calls).toEqual(['head', 'chunk 0', 'chunk 1', 'chunk 2']);
    expect(loader.current).toMatchObject({ head: 'outline 1', loading: false, complete: true, of: 3 });
    expect(loader.current.error).toBeUndefined();
    expect(ids(loader.current)).toEqual([0, 1, 2]);
    // Every step is published: the head alone first (the outline shows before the counts), then each chunk.
    expect(published.map((state) => [state.head ?? null, ids(state).length, state.loading])).toEqual([
      ['outline 1', 0, true],
      ['outline 1', 1, true],
      ['outline 1', 2, true],
      ['outline 1', 3, false],
    ]);
  });

  it('keeps what was read when a chunk fails, and the retry goes on from that chunk', async () => {
    const { source, calls } = fakeSource(4, { head: true, fail: [2] });
    const { loader } = loaderOf(source);
    await loader.refresh();
    expect(loader.current).toMatchObject({ head: 'outline 1', loading: false, complete: false, error: { code: 'jira-error' } });
    expect(ids(loader.current)).toEqual([0, 1]);
    expect(retryLabel(loader.current)).toBe('Try again from part 3');

    calls.length = 0;
    const retrying = loader.retry();
    // Under way again, the error gone, what was read still there.
    expect(loader.current).toMatchObject({ loading: true, head: 'outline 1' });
    expect(loader.current.error).toBeUndefined();
    expect(ids(loader.current)).toEqual([0, 1]);
    await retrying;
    // Neither the head nor the chunks already read are read again.
    expect(calls).toEqual(['chunk 2', 'chunk 3']);
    expect(loader.current).toMatchObject({ head: 'outline 1', loading: false, complete: true });
    expect(ids(loader.current)).toEqual([0, 1, 2, 3]);
  });

  it('retries the head alone when the head failed', async () => {
    const { source, calls } = fakeSource(2, { head: true, fail: ['head'] });
    const { loader } = loaderOf(source);
    await loader.refresh();
    expect(loader.current).toMatchObject({ head: undefined, chunks: [], loading: false, error: { code: 'jira-error' } });
    expect(retryLabel(loader.current)).toBe('Try again');
    await loader.retry();
    expect(calls).toEqual(['head', 'head', 'chunk 0', 'chunk 1']);
    expect(loader.current).toMatchObject({ head: 'outline 1', complete: true });
  });

  it('reads a source without a head from its first chunk, and says how many parts are left', async () => {
    const { source, calls } = fakeSource(5, { fail: [3], estimatedIssues: 12_500 });
    const { loader } = loaderOf(source);
    await loader.refresh();
    expect(calls).toEqual(['chunk 0', 'chunk 1', 'chunk 2', 'chunk 3']);
    // Jira estimated 5 chunks (12,500 issues, 3,000 a chunk).
    expect(loader.current).toMatchObject({ of: 5, loading: false });
    expect(retryLabel(loader.current)).toBe('Try again from part 4 of 5');
    await loader.retry();
    expect(calls.slice(4)).toEqual(['chunk 3', 'chunk 4']);
    expect(ids(loader.current)).toEqual([0, 1, 2, 3, 4]);
  });

  it('fails again at the same chunk without losing anything, and goes on when it answers', async () => {
    const { source, calls } = fakeSource(3);
    // The second chunk (after "k0") fails twice before Jira answers.
    let failures = 2;
    const flaky: ChunkSource<string, FakeChunk> = {
      chunk: (after) => (after === 'k0' && failures-- > 0 ? Promise.resolve(UNAVAILABLE as Result<FakeChunk>) : source.chunk(after)),
    };
    const { loader } = loaderOf(flaky);
    await loader.refresh();
    await loader.retry();
    expect(loader.current).toMatchObject({ loading: false, error: { code: 'jira-error' } });
    expect(ids(loader.current)).toEqual([0]);
    await loader.retry();
    expect(loader.current).toMatchObject({ loading: false, complete: true });
    expect(ids(loader.current)).toEqual([0, 1, 2]);
    expect(calls).toEqual(['chunk 0', 'chunk 1', 'chunk 2']);
  });

  it('refresh starts over, keeping the last complete pass beside the new one', async () => {
    const { source, calls } = fakeSource(2, { head: true, fail: [1] });
    const { loader } = loaderOf(source);
    await loader.refresh();
    await loader.retry();
    expect(loader.current.complete).toBe(true);
    calls.length = 0;
    const refreshing = loader.refresh();
    expect(loader.current).toMatchObject({ head: undefined, chunks: [], loading: true, complete: false, of: null });
    expect(loader.current.last?.head).toBe('outline 1');
    expect(loader.current.last?.chunks.map((chunk) => chunk.id)).toEqual([0, 1]);
    await refreshing;
    expect(calls).toEqual(['head', 'chunk 0', 'chunk 1']);
    expect(loader.current).toMatchObject({ head: 'outline 2', complete: true });
  });

  it('a refresh that fails keeps the last complete pass, and its retry resumes the new pass', async () => {
    const { source } = fakeSource(3, { head: true });
    let failNext = false;
    const sometimes: ChunkSource<string, FakeChunk> = {
      head: source.head,
      chunk: (after) => {
        if (failNext && after === 'k0') {
          failNext = false;
          return Promise.resolve(UNAVAILABLE as Result<FakeChunk>);
        }
        return source.chunk(after);
      },
    };
    const { loader } = loaderOf(sometimes);
    await loader.refresh();
    failNext = true;
    await loader.refresh();
    expect(loader.current).toMatchObject({ head: 'outline 2', loading: false, complete: false, error: { code: 'jira-error' } });
    expect(ids(loader.current)).toEqual([0]);
    expect(loader.current.last?.head).toBe('outline 1');
    await loader.retry();
    expect(loader.current).toMatchObject({ head: 'outline 2', complete: true });
    expect(ids(loader.current)).toEqual([0, 1, 2]);
  });

  it('publishes only the latest reading: an answer to an earlier refresh, or after stop, is dropped', async () => {
    let release: (() => void) | undefined;
    const slow: ChunkSource<string, FakeChunk> = {
      chunk: (after) =>
        new Promise((resolve) => {
          const value: FakeChunk = { id: after === undefined ? 0 : 1, next: null, estimatedIssues: null };
          release = () => {
            resolve({ ok: true, value });
          };
        }),
    };
    const { loader, published } = loaderOf(slow);
    const first = loader.refresh();
    const releaseFirst = release;
    const second = loader.refresh();
    releaseFirst?.();
    await first;
    expect(published).toEqual([]);
    release?.();
    await second;
    expect(published).toHaveLength(1);
    expect(loader.current.complete).toBe(true);

    const third = loader.refresh();
    loader.stop();
    release?.();
    await third;
    expect(loader.current.complete).toBe(false);
    expect(loader.current.loading).toBe(true);
  });

  it('turns a call that throws into an error in words, not a rejection', async () => {
    const throwing: ChunkSource<string, FakeChunk> = { chunk: () => Promise.reject(new Error('frame gone')) };
    const { loader } = loaderOf(throwing);
    await loader.refresh();
    expect(loader.current).toMatchObject({ loading: false, error: { code: 'platform', detail: 'frame gone' } });
  });

  it('ends the pass at a head that holds everything: no chunk is read, and the pass is complete at once', async () => {
    const { source, calls } = fakeSource(3, { head: true });
    const { loader, published } = loaderOf({ ...source, ends: (head) => head === 'outline 1' });
    await loader.refresh();
    expect(calls).toEqual(['head']);
    expect(loader.current).toMatchObject({ head: 'outline 1', chunks: [], loading: false, complete: true, of: null });
    // One state published: the whole view, not an outline first and the counts after.
    expect(published.map((state) => [state.head ?? null, state.loading, state.complete])).toEqual([['outline 1', false, true]]);
    expect(loader.current.error).toBeUndefined();
    // A retry of a complete pass reads nothing.
    await loader.retry();
    expect(calls).toEqual(['head']);
  });

  it('reads the chunks when the head does not end the pass, and a refresh asks the head again', async () => {
    const { source, calls } = fakeSource(2, { head: true });
    // The first head ends the pass (counts kept by the app); the second does not (counted live now).
    const { loader } = loaderOf({ ...source, ends: (head) => head === 'outline 1' });
    await loader.refresh();
    expect(calls).toEqual(['head']);
    const refreshing = loader.refresh();
    // The whole view stays beside the new pass while it is read.
    expect(loader.current.last).toEqual({ head: 'outline 1', chunks: [] });
    await refreshing;
    expect(calls).toEqual(['head', 'head', 'chunk 0', 'chunk 1']);
    expect(loader.current).toMatchObject({ head: 'outline 2', loading: false, complete: true });
    expect(ids(loader.current)).toEqual([0, 1]);
  });

  it('retries a head that failed and ends the pass when it comes back whole', async () => {
    const { source, calls } = fakeSource(2, { head: true, fail: ['head'] });
    const { loader } = loaderOf({ ...source, ends: () => true });
    await loader.refresh();
    expect(loader.current).toMatchObject({ head: undefined, loading: false, complete: false, error: { code: 'jira-error' } });
    await loader.retry();
    expect(calls).toEqual(['head', 'head']);
    expect(loader.current).toMatchObject({ head: 'outline 1', loading: false, complete: true });
  });

  it('estimates the parts from Jira\'s count and never says "3 of 2"', async () => {
    expect(chunksExpected(null)).toBeNull();
    expect(chunksExpected(0)).toBeNull();
    expect(chunksExpected(1)).toBe(1);
    expect(chunksExpected(3_001)).toBe(2);
    // Jira's estimate said 1 chunk; a second one grows the scale.
    const { source } = fakeSource(3, { estimatedIssues: 10 });
    const { loader, published } = loaderOf(source);
    await loader.refresh();
    expect(published.map((state) => state.of)).toEqual([2, 3, 3]);
  });
});
