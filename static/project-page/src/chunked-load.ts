/**
 * Reading a view in chunks, as the project page reads the vision map: an optional head first (the vision map's outline), then chunks one after the other,
 * each one invocation of ≤ 30 searches, so that no invocation passes Forge's time limit at scale.
 * A head that already holds everything (the vision map read from the app's rollups) ends the pass:
 * no chunk is read.
 *
 * When a read fails, what was read stays and the error is kept: `retry()` goes on from the read
 * that failed (the head, or the chunk after the last one read), never from the start, because at
 * scale starting over repeats minutes of reading and can fail again at the same place. `refresh()`
 * starts a new pass (after an edit, or the user's Refresh); the last complete pass is kept beside
 * it, so a view can stay on screen while it is read again.
 *
 * The state machine (`ChunkedLoader`) is plain TypeScript, tested without a browser; the hook only
 * ties it to React state.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Result } from '../../../src/contract';
import { settle } from '../../common/settle';
import type { UiError } from '../../common/settle';

/** What every chunk carries for the reading to go on and for the progress indicator. */
export interface ChunkPage {
  /** The cursor of the next chunk, null when this was the last. */
  readonly next: string | null;
  /** Jira's approximate count of the issues to read, in the first chunk only. */
  readonly estimatedIssues: number | null;
}

export interface ChunkSource<H, C extends ChunkPage> {
  /** Read once at the start of each pass, before the chunks; a view without one leaves it out. */
  readonly head?: () => Promise<Result<H>>;
  /**
   * Whether this head already holds everything, so that no chunk is read and the pass is complete
   * (the vision map from rollups: `complete: true`). Left out, every pass reads its chunks.
   */
  readonly ends?: (head: H) => boolean;
  /** The chunk after `after` (undefined: the first). */
  readonly chunk: (after: string | undefined) => Promise<Result<C>>;
}

/** A pass that read everything: its head (undefined for a source without one) and its chunks. */
export interface ChunkedPass<H, C> {
  readonly head: H | undefined;
  readonly chunks: readonly C[];
}

export interface ChunkedState<H, C> extends ChunkedPass<H, C> {
  /** A read is under way. */
  readonly loading: boolean;
  /** Every read of this pass is done (the last chunk had no next). */
  readonly complete: boolean;
  /** How many chunks this pass is expected to take (Jira's estimate, grown as chunks come); null when unknown. */
  readonly of: number | null;
  /** The last read failed: what was read stays, and `retry()` goes on from that read. */
  readonly error?: UiError;
  /** The last complete pass, kept while a new pass is read (undefined before the first completes). */
  readonly last?: ChunkedPass<H, C>;
}

export function initialChunkedState<H, C>(): ChunkedState<H, C> {
  return { head: undefined, chunks: [], loading: true, complete: false, of: null };
}

/** "Counting 3 of 8…": how many chunks Jira's estimate suggests (pages of 100, ≤ 30 pages a chunk). */
export function chunksExpected(estimatedIssues: number | null, pageSize = 100, pagesPerChunk = 30): number | null {
  if (estimatedIssues === null || estimatedIssues <= 0) return null;
  return Math.max(1, Math.ceil(estimatedIssues / (pageSize * pagesPerChunk)));
}

type Step = { readonly read: 'head' } | { readonly read: 'chunk'; readonly after: string | undefined } | { readonly read: 'nothing' };

/** What to read next, from what was read: the head, the first chunk, the chunk after the last, or nothing. */
function nextStep<H, C extends ChunkPage>(state: ChunkedState<H, C>, source: ChunkSource<H, C>): Step {
  if (source.head !== undefined && state.head === undefined) return { read: 'head' };
  if (state.head !== undefined && source.ends?.(state.head) === true) return { read: 'nothing' };
  const last = state.chunks.at(-1);
  if (last === undefined) return { read: 'chunk', after: undefined };
  return last.next === null ? { read: 'nothing' } : { read: 'chunk', after: last.next };
}

/** A new pass: nothing read, the last complete pass kept. A pass that has read nothing yet stays as it is. */
function passStarted<H, C>(previous: ChunkedState<H, C>): ChunkedState<H, C> {
  if (previous.loading && previous.error === undefined && previous.head === undefined && previous.chunks.length === 0) return previous;
  const last = previous.complete ? { head: previous.head, chunks: previous.chunks } : previous.last;
  return { ...initialChunkedState<H, C>(), ...(last === undefined ? {} : { last }) };
}

/** The same pass going on from where it stopped: what was read stays, the error goes. */
function resumed<H, C>(previous: ChunkedState<H, C>): ChunkedState<H, C> {
  if (previous.complete) return previous;
  const { head, chunks, of, last } = previous;
  return { head, chunks, of, loading: true, complete: false, ...(last === undefined ? {} : { last }) };
}

/** The head read: when it holds everything, the pass is complete without a chunk. */
function headRead<H, C>(previous: ChunkedState<H, C>, head: H, ends: boolean): ChunkedState<H, C> {
  return ends ? { ...previous, head, chunks: [], loading: false, complete: true, of: null } : { ...previous, head };
}

function chunkRead<H, C extends ChunkPage>(previous: ChunkedState<H, C>, chunk: C): ChunkedState<H, C> {
  const chunks = [...previous.chunks, chunk];
  const expected = previous.of ?? chunksExpected(chunk.estimatedIssues);
  const complete = chunk.next === null;
  return {
    ...previous,
    chunks,
    loading: !complete,
    complete,
    // Jira's estimate is approximate: never say "3 of 2".
    of: expected === null ? null : Math.max(expected, chunks.length + (complete ? 0 : 1)),
  };
}

/**
 * The state machine: reads one step after the other and publishes each state. Only the latest
 * `refresh()`/`retry()` publishes; an earlier one still under way is dropped when its read ends.
 */
export class ChunkedLoader<H, C extends ChunkPage> {
  private generation = 0;
  private state: ChunkedState<H, C> = initialChunkedState();

  constructor(
    private readonly source: ChunkSource<H, C>,
    private readonly publish: (state: ChunkedState<H, C>) => void,
  ) {}

  get current(): ChunkedState<H, C> {
    return this.state;
  }

  /** Starts a new pass from the beginning. */
  refresh(): Promise<void> {
    return this.run(passStarted(this.state));
  }

  /** Goes on from the read that failed, keeping what was read. */
  retry(): Promise<void> {
    return this.run(resumed(this.state));
  }

  /** Drops the reading under way (the view is gone): its answer is not published. */
  stop(): void {
    this.generation++;
  }

  private set(state: ChunkedState<H, C>): void {
    if (state === this.state) return;
    this.state = state;
    this.publish(state);
  }

  private async run(from: ChunkedState<H, C>): Promise<void> {
    const mine = ++this.generation;
    this.set(from);
    const { head, chunk, ends } = this.source;
    for (;;) {
      const step = nextStep(this.state, this.source);
      if (step.read === 'nothing') return;
      if (step.read === 'head' && head !== undefined) {
        const result = await settle(head);
        if (mine !== this.generation) return;
        if (!result.ok) {
          this.set({ ...this.state, loading: false, error: result.error });
          return;
        }
        this.set(headRead(this.state, result.value, ends?.(result.value) === true));
      } else {
        const after = step.read === 'chunk' ? step.after : undefined;
        const result = await settle(() => chunk(after));
        if (mine !== this.generation) return;
        if (!result.ok) {
          this.set({ ...this.state, loading: false, error: result.error });
          return;
        }
        this.set(chunkRead(this.state, result.value));
      }
    }
  }
}

/**
 * The retry button's words: from which part the reading goes on, so the user knows what was read
 * is kept ("Try again from part 3 of 8").
 */
export function retryLabel(state: ChunkedState<unknown, unknown>): string {
  const read = state.chunks.length;
  if (read === 0) return 'Try again';
  return state.of === null ? `Try again from part ${String(read + 1)}` : `Try again from part ${String(read + 1)} of ${String(state.of)}`;
}

/**
 * A view read in chunks: starts on mount, stops on unmount. `source` is read once, on mount: pass
 * a module-level constant.
 */
export function useChunkedLoad<H, C extends ChunkPage>(source: ChunkSource<H, C>): { readonly state: ChunkedState<H, C>; readonly refresh: () => void; readonly retry: () => void } {
  const [state, setState] = useState(initialChunkedState<H, C>);
  const [loader] = useState(() => new ChunkedLoader(source, setState));
  useEffect(() => {
    void loader.refresh();
    return () => {
      loader.stop();
    };
  }, [loader]);
  const refresh = useCallback(() => {
    void loader.refresh();
  }, [loader]);
  const retry = useCallback(() => {
    void loader.retry();
  }, [loader]);
  return { state, refresh, retry };
}
