/**
 * The scoring grid's writes, queued and paced in the browser: a few in flight at once, one at a
 * time per issue (Jira limits writes per issue: 20 in 2 s, 100 in 30 s, and each write scores the
 * row again), the latest value of a cell replacing one not yet sent, and a pause that grows when
 * Jira answers "too many requests" (every lane waits, and only one runs until a write gets through
 * again). A write that still cannot get through, or that Jira refuses, is settled as failed with
 * Jira's reason: the grid keeps what was typed and offers a retry. No React here: the unit tests
 * and the integration tests drive it as it is.
 */
import type { GridCellValue, Result, ScoringGridCellPayload, ScoringGridCellView } from '../../../src/contract';

export interface CellWrite extends ScoringGridCellPayload {
  /** The cell: issue key and input. */
  readonly cell: string;
}

export type WriteOutcome = Result<ScoringGridCellView>;

export interface SaveQueueOptions {
  readonly send: (payload: ScoringGridCellPayload) => Promise<WriteOutcome>;
  /** Called once per write that is done with: saved, changed elsewhere, or failed. */
  readonly onSettled: (write: CellWrite, outcome: WriteOutcome) => void;
  /** Called when the cells still saving change. */
  readonly onPending?: (cells: readonly string[]) => void;
  /** Writes in flight at once (different issues); 3 when omitted. */
  readonly concurrency?: number;
  /** Tries of one write answered "too many requests" before it is settled as failed; 6 when omitted. */
  readonly rateLimitTries?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

export interface SaveQueue {
  /** Queues a write; a write of the same cell not yet sent is replaced. */
  enqueue(write: CellWrite): void;
  /** The cells queued or in flight. */
  pending(): readonly string[];
  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void>;
}

export const cellId = (issueKey: string, input: string): string => `${issueKey}\u0000${input}`;

/** The pause before the next try after `strikes` "too many requests" in a row: doubling, capped, jittered ×0.7–1.3. Pure. */
export function backoffMs(strikes: number, baseMs: number, maxMs: number, random: number): number {
  const plain = Math.min(maxMs, baseMs * 2 ** Math.max(0, strikes - 1));
  return Math.round(plain * (0.7 + 0.6 * random));
}

export function createSaveQueue(options: SaveQueueOptions): SaveQueue {
  const concurrency = Math.max(1, options.concurrency ?? 3);
  const tries = Math.max(1, options.rateLimitTries ?? 6);
  const baseMs = options.baseDelayMs ?? 1_000;
  const maxMs = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;

  const queued: { write: CellWrite; attempt: number }[] = [];
  const inFlight = new Map<string, CellWrite>();
  const busyIssues = new Set<string>();
  let strikes = 0;
  let pausedUntil = 0;
  let waiters: (() => void)[] = [];

  const pendingCells = (): string[] => [...new Set([...inFlight.keys(), ...queued.map((entry) => entry.write.cell)])];
  const changed = (): void => {
    options.onPending?.(pendingCells());
    if (queued.length === 0 && inFlight.size === 0) {
      const done = waiters;
      waiters = [];
      for (const wake of done) wake();
    }
  };
  // After "too many requests", one lane until a write gets through again.
  const lanes = (): number => (strikes > 0 ? 1 : concurrency);

  const pump = (): void => {
    while (inFlight.size < lanes()) {
      // The first queued write whose cell and issue have nothing in flight.
      const index = queued.findIndex((entry) => !inFlight.has(entry.write.cell) && !busyIssues.has(entry.write.issueKey));
      if (index < 0) return;
      const [entry] = queued.splice(index, 1);
      if (entry === undefined) return;
      void run(entry.write, entry.attempt);
    }
  };

  const run = async (write: CellWrite, attempt: number): Promise<void> => {
    inFlight.set(write.cell, write);
    busyIssues.add(write.issueKey);
    changed();
    const wait = pausedUntil - Date.now();
    if (wait > 0) await sleep(wait);
    let outcome: WriteOutcome;
    try {
      outcome = await options.send({ issueKey: write.issueKey, input: write.input, value: write.value, base: write.base });
    } catch {
      outcome = { ok: false, error: { code: 'internal', message: 'The write did not reach Throughline (the connection may have dropped). Retry to save it.' } };
    }
    inFlight.delete(write.cell);
    busyIssues.delete(write.issueKey);
    const successor = queued.find((entry) => entry.write.cell === write.cell);
    if (!outcome.ok && outcome.error.code === 'rate-limited' && attempt + 1 < tries) {
      strikes++;
      pausedUntil = Date.now() + backoffMs(strikes, baseMs, maxMs, random());
      // A newer value of the cell typed meanwhile goes instead of this one.
      if (successor === undefined) queued.unshift({ write, attempt: attempt + 1 });
    } else {
      if (outcome.ok || outcome.error.code !== 'rate-limited') strikes = 0;
      if (outcome.ok && successor !== undefined) {
        // The newer value of the cell starts from what Jira holds now.
        const base: GridCellValue = outcome.value.cell.value;
        successor.write = { ...successor.write, base };
      }
      options.onSettled(write, outcome);
    }
    changed();
    pump();
  };

  return {
    enqueue(write) {
      const index = queued.findIndex((entry) => entry.write.cell === write.cell);
      if (index >= 0) queued.splice(index, 1, { write, attempt: 0 });
      else queued.push({ write, attempt: 0 });
      changed();
      pump();
    },
    pending: pendingCells,
    idle() {
      if (queued.length === 0 && inFlight.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
      });
    },
  };
}
