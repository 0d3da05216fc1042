/**
 * At-least-once delivery with Forge's retry rules, shared by queue consumers and product-event
 * triggers. A function asks for a retry by returning @forge/events' `InvocationError` (which
 * serialises to `{_retry: true, retryOptions}`); the event comes back with a `retryContext`.
 * A time-out is a platform error and is retried too; a thrown error is retried for async events
 * (app-level error) but not for product events, where only an InvocationError asks for one.
 */
import type { InvocationResult } from './errors';
import { QUEUE } from './limits';
import type { DeliveryLimits } from './limits';

export interface RetryContext {
  readonly retryCount: number;
  readonly retryReason: string;
  readonly retryData?: unknown;
  readonly retentionWindow?: { readonly startTime: string; readonly remainingTimeMs: number };
}

export interface RetryRequest {
  readonly retryAfterSeconds: number;
  readonly retryReason: string;
  readonly retryData?: unknown;
}

export type DeliveryStatus = 'succeeded' | 'failed' | 'cancelled';

export interface DeliveryReport {
  readonly status: DeliveryStatus;
  /** Every attempt's result, first to last. */
  readonly attempts: readonly InvocationResult[];
}

const RETENTION_MS = 24 * 60 * 60 * 1000;

/** Reads the retry request in a function's result: InvocationError's JSON, or a QueueResponse with `_retry`. */
export function retryRequestOf(body: unknown): RetryRequest | undefined {
  if (typeof body !== 'object' || body === null || (body as { _retry?: unknown })._retry !== true) return undefined;
  const options = (body as { retryOptions?: { retryAfter?: unknown; retryReason?: unknown; retryData?: unknown } }).retryOptions ?? {};
  const after = typeof options.retryAfter === 'number' && options.retryAfter > 0 ? options.retryAfter : 1;
  return {
    retryAfterSeconds: Math.min(after, QUEUE.maxRetryAfterSeconds),
    retryReason: typeof options.retryReason === 'string' ? options.retryReason : 'FUNCTION_RETRY_REQUEST',
    ...(options.retryData === undefined ? {} : { retryData: options.retryData }),
  };
}

/** Timers that close() can cancel, and a count of work in progress for whenIdle(). */
export class Scheduler {
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private active = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(readonly limits: DeliveryLimits) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** Waits `seconds` of Forge time (scaled); resolves false if the scheduler closed meanwhile. */
  sleep(seconds: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    const ms = Math.max(0, seconds * 1000 * this.limits.timeScale);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve(true);
      }, ms);
      this.timers.set(timer, () => {
        resolve(false);
      });
    });
  }

  /** Counts `work` as in progress until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.active += 1;
    const done = (): void => {
      this.active -= 1;
      if (this.active === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const wake of waiters) wake();
      }
    };
    work.then(done, done);
    return work;
  }

  whenIdle(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const [timer, cancel] of this.timers) {
      clearTimeout(timer);
      cancel();
    }
    this.timers.clear();
  }
}

export interface DeliveryPlan {
  readonly attempt: (retryContext: RetryContext | undefined) => Promise<InvocationResult>;
  /** True for async events: a thrown error is retried like a retry request. */
  readonly retryThrownErrors: boolean;
  readonly isCancelled?: () => boolean;
}

export async function deliver(scheduler: Scheduler, plan: DeliveryPlan): Promise<DeliveryReport> {
  const attempts: InvocationResult[] = [];
  const startedAt = Date.now();
  let retryContext: RetryContext | undefined;
  for (;;) {
    if (scheduler.isClosed || plan.isCancelled?.() === true) return { status: 'cancelled', attempts };
    const result = await plan.attempt(retryContext);
    attempts.push(result);
    const retry = retryOf(result, plan.retryThrownErrors, attempts.length);
    if (retry === undefined) return { status: result.success ? 'succeeded' : 'failed', attempts };
    const retryCount = attempts.length;
    if (retryCount > scheduler.limits.maxRetries) return { status: 'failed', attempts };
    retryContext = {
      retryCount,
      retryReason: retry.retryReason,
      ...(retry.retryData === undefined ? {} : { retryData: retry.retryData }),
      retentionWindow: { startTime: new Date(startedAt).toISOString(), remainingTimeMs: Math.max(0, RETENTION_MS - (Date.now() - startedAt)) },
    };
    if (!(await scheduler.sleep(retry.retryAfterSeconds))) return { status: 'cancelled', attempts };
  }
}

function retryOf(result: InvocationResult, retryThrownErrors: boolean, attemptsSoFar: number): RetryRequest | undefined {
  if (result.success) return retryRequestOf(result.body);
  // Forge backs off exponentially (up to ~15 minutes) for errors it retries by itself.
  const backoff = Math.min(2 ** (attemptsSoFar - 1), QUEUE.maxRetryAfterSeconds);
  if (result.error.code === 'FUNCTION_TIME_OUT') return { retryAfterSeconds: backoff, retryReason: 'FUNCTION_TIME_OUT' };
  if (result.error.code === 'FUNCTION_ERR' && retryThrownErrors) return { retryAfterSeconds: backoff, retryReason: 'FUNCTION_ERR' };
  return undefined;
}
