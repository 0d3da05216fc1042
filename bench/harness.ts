/**
 * A small, honest benchmark harness: warm up, time several runs, report the median against a
 * budget with the spread of the runs, so a reader can judge the noise of this machine.
 */
import { performance } from 'node:perf_hooks';

export interface Timing {
  readonly name: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Half the interquartile range relative to the median: a plain measure of run-to-run noise. */
  readonly noise: number;
  readonly runs: number;
}

export interface MeasureOptions {
  readonly runs?: number;
  readonly warmup?: number;
}

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] ?? 0;
  const b = sorted[upper] ?? a;
  return a + (b - a) * (position - lower);
}

export function summarize(name: string, samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
  return {
    name,
    medianMs: median,
    minMs: sorted[0] ?? 0,
    maxMs: sorted[sorted.length - 1] ?? 0,
    noise: median > 0 ? iqr / 2 / median : 0,
    runs: sorted.length,
  };
}

/** Times `fn` (synchronous work) `runs` times after `warmup` untimed runs. */
export function measure(name: string, fn: () => unknown, options: MeasureOptions = {}): Timing {
  const { runs = 11, warmup = 3 } = options;
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    sink = fn();
    samples.push(performance.now() - start);
  }
  keep(sink);
  return summarize(name, samples);
}

/** Times an asynchronous `fn` the same way. */
export async function measureAsync(name: string, fn: () => Promise<unknown>, options: MeasureOptions = {}): Promise<Timing> {
  const { runs = 11, warmup = 2 } = options;
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    sink = await fn();
    samples.push(performance.now() - start);
  }
  keep(sink);
  return summarize(name, samples);
}

let kept: unknown;
/** Stops the JIT from dropping work whose result is never read. */
export function keep(value: unknown): void {
  kept = value;
}
export function lastKept(): unknown {
  return kept;
}

const failures: string[] = [];

export function formatTiming(t: Timing): string {
  return `${t.medianMs.toFixed(2)} ms median of ${t.runs} (min ${t.minMs.toFixed(2)}, max ${t.maxMs.toFixed(2)}, noise ±${(t.noise * 100).toFixed(1)}%)`;
}

/** Prints one figure against its budget; a figure over budget fails `npm run bench`. */
export function report(label: string, value: number, budget: number, unit: string, better: 'lower' | 'higher' = 'lower', detail = ''): boolean {
  const ok = better === 'lower' ? value <= budget : value >= budget;
  const sign = better === 'lower' ? '≤' : '≥';
  const fmt = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}: ${fmt(value)} ${unit} (budget ${sign} ${fmt(budget)} ${unit})${detail ? `  ${detail}` : ''}`);
  if (!ok) failures.push(label);
  return ok;
}

export function benchFailures(): readonly string[] {
  return failures;
}

/** Call at the end of a bench file: its exit code tells `npm run bench` whether it met its budgets. */
export function finish(): void {
  if (failures.length > 0) {
    console.log(`Over budget: ${failures.join('; ')}`);
    process.exitCode = 1;
  }
}
