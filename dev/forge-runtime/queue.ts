/**
 * Async events: what `new Queue({key}).push(...)`, `getJob(id).getStats()` and `.cancel()` of
 * @forge/events reach through `__forge_fetch__` (POST /webhook/queue/publish|stats|cancel/…), and the
 * delivery of each event to the manifest's consumer for that queue, with Forge's semantics:
 * ≤50 events and ≤200 KB per push, `delayInSeconds` ≤900, order not kept, at least once, retried
 * when the consumer returns an InvocationError, throws or times out.
 */
import { randomUUID } from 'node:crypto';
import { deliver } from './delivery';
import type { RetryContext, Scheduler } from './delivery';
import type { InvocationResult } from './errors';
import { JSON_MAX_DEPTH, QUEUE, jsonByteLength, jsonDepthExceeds } from './limits';
import type { ConsumerDefinition } from './manifest';

/** The consumer's argument: @forge/events' AsyncEvent. */
export interface AsyncEvent {
  readonly queueName: string;
  readonly jobId: string;
  readonly eventId: string;
  readonly body: Record<string, unknown>;
  readonly delayInSeconds?: number;
  readonly concurrency?: unknown;
  readonly retryContext?: RetryContext;
}

export type ConsumerInvoker = (consumer: ConsumerDefinition, event: AsyncEvent) => Promise<InvocationResult>;

export interface QueueStats {
  /** Events accepted by push. */
  readonly pushed: number;
  /** Waiting for their delay or for a retry, or running now. */
  readonly inProgress: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly cancelled: number;
  /** Attempts after the first, over all events. */
  readonly retries: number;
}

interface JobState {
  readonly queueName: string;
  success: number;
  inProgress: number;
  failed: number;
  cancelled: boolean;
}

interface PushEvent {
  readonly body: Record<string, unknown>;
  readonly delayInSeconds?: number;
  readonly concurrency?: unknown;
}

export interface QueueLogger {
  warn(message: string): void;
}

export class QueueService {
  private readonly jobs = new Map<string, JobState>();
  private stats = { pushed: 0, inProgress: 0, succeeded: 0, failed: 0, cancelled: 0, retries: 0 };

  constructor(
    private readonly consumers: readonly ConsumerDefinition[],
    private readonly invokeConsumer: ConsumerInvoker,
    private readonly scheduler: Scheduler,
    private readonly logger: QueueLogger,
  ) {}

  snapshot(): QueueStats {
    return { ...this.stats };
  }

  /** Answers a request of @forge/events (its path still holds the literal `{contextAri}/…` placeholders). */
  handle(path: string, init: RequestInit | undefined): Response {
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      return json(400, { message: 'The request body is not a JSON object.' });
    }
    if (path.startsWith('/webhook/queue/publish/')) return this.push(body);
    if (path.startsWith('/webhook/queue/stats/')) return this.jobStats(body);
    if (path.startsWith('/webhook/queue/cancel/')) return this.cancel(body);
    return json(404, { message: `The local queue has no endpoint ${path}.` });
  }

  private push(body: Record<string, unknown>): Response {
    const { queueName, jobId, payload } = body;
    if (typeof queueName !== 'string' || !QUEUE.queueNamePattern.test(queueName)) return json(400, { message: 'The queue name is invalid.' });
    if (typeof jobId !== 'string' || jobId === '') return json(400, { message: 'The push has no job id.' });
    if (!Array.isArray(payload) || payload.length === 0) return json(400, { message: 'No events pushed.' });
    if (payload.length > QUEUE.maxEventsPerPush) return json(400, { message: `At most ${QUEUE.maxEventsPerPush} events can be pushed at once.` });
    if (jsonDepthExceeds(payload)) return json(400, { message: `The events are nested more than ${JSON_MAX_DEPTH.toLocaleString('en-US')} levels deep.` });
    if (jsonByteLength(payload) > QUEUE.maxPushBytes) {
      return json(413, { errorMessage: `The combined payload of the events exceeds ${QUEUE.maxPushBytes / 1024} KB.` });
    }
    const events: PushEvent[] = [];
    for (const event of payload as unknown[]) {
      const e = event as { body?: unknown; delayInSeconds?: unknown } | null;
      if (typeof e !== 'object' || e === null || typeof e.body !== 'object' || e.body === null || Array.isArray(e.body)) {
        return json(400, { message: 'Event body must be an object.' });
      }
      const delay = e.delayInSeconds;
      if (delay !== undefined && (typeof delay !== 'number' || delay < 0 || delay > QUEUE.maxDelaySeconds)) {
        return json(400, { message: `delayInSeconds must be between 0 and ${QUEUE.maxDelaySeconds}.` });
      }
      events.push(event as PushEvent);
    }

    const job: JobState = { queueName, success: 0, inProgress: events.length, failed: 0, cancelled: false };
    this.jobs.set(jobId, job);
    this.stats.pushed += events.length;
    this.stats.inProgress += events.length;
    // Forge does not keep the order of events: shuffle, so code that relies on it fails here first.
    for (const event of shuffle(events)) void this.scheduler.track(this.deliverEvent(jobId, job, event));
    return json(201, { jobId });
  }

  private async deliverEvent(jobId: string, job: JobState, event: PushEvent): Promise<void> {
    const asyncEvent: AsyncEvent = {
      queueName: job.queueName,
      jobId,
      eventId: randomUUID(),
      body: event.body,
      ...(event.delayInSeconds === undefined ? {} : { delayInSeconds: event.delayInSeconds }),
      ...(event.concurrency === undefined ? {} : { concurrency: event.concurrency }),
    };
    const consumers = this.consumers.filter((c) => c.queue === job.queueName);
    let status: 'succeeded' | 'failed' | 'cancelled' = 'failed';
    if (consumers.length === 0) {
      this.logger.warn(`forge-runtime: no consumer in the manifest for queue "${job.queueName}"; event ${asyncEvent.eventId} is dropped.`);
    } else if (event.delayInSeconds !== undefined && !(await this.scheduler.sleep(event.delayInSeconds))) {
      status = 'cancelled';
    } else {
      const reports = await Promise.all(
        consumers.map(async (consumer) => {
          const report = await deliver(this.scheduler, {
            attempt: (retryContext) => this.invokeConsumer(consumer, retryContext === undefined ? asyncEvent : { ...asyncEvent, retryContext }),
            retryThrownErrors: true,
            isCancelled: () => job.cancelled,
          });
          this.stats.retries += Math.max(0, report.attempts.length - 1);
          if (report.status === 'succeeded' && this.scheduler.limits.duplicateDeliveries && !job.cancelled) {
            await this.invokeConsumer(consumer, asyncEvent);
          }
          return report.status;
        }),
      );
      status = reports.includes('failed') ? 'failed' : reports.includes('cancelled') ? 'cancelled' : 'succeeded';
    }
    job.inProgress -= 1;
    this.stats.inProgress -= 1;
    if (status === 'succeeded') {
      job.success += 1;
      this.stats.succeeded += 1;
    } else if (status === 'failed') {
      job.failed += 1;
      this.stats.failed += 1;
    } else {
      this.stats.cancelled += 1;
    }
  }

  private jobStats(body: Record<string, unknown>): Response {
    const job = typeof body.jobId === 'string' ? this.jobs.get(body.jobId) : undefined;
    if (job === undefined || job.queueName !== body.queueName) return json(404, { message: 'The job does not exist.' });
    return json(200, { success: job.success, inProgress: job.inProgress, failed: job.failed });
  }

  private cancel(body: Record<string, unknown>): Response {
    const job = typeof body.jobId === 'string' ? this.jobs.get(body.jobId) : undefined;
    if (job === undefined || job.queueName !== body.queueName) return json(404, { message: 'The job does not exist.' });
    job.cancelled = true;
    return new Response(null, { status: 204 });
  }
}

function shuffle<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
