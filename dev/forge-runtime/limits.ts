/**
 * Forge's platform limits, as the stand-in enforces them. Numbers from developer.atlassian.com
 * (limits-invocation, limits-kvs-ce, async-events-api) and from the SDKs' own validators.
 * Time limits are configurable so tests run in milliseconds; size limits are Forge's.
 */

export const KIB = 1024;
export const MIB = 1024 * KIB;

export interface InvocationLimits {
  /** Resolvers and product-event triggers: 25 s in Forge. */
  readonly invocationTimeoutMs: number;
  /** Consumers: the function's `timeoutSeconds` (≤900) or 55 s; set here to override it everywhere. */
  readonly consumerTimeoutMs: number | undefined;
  /** Front-end `invoke` request payload: 500 KB. */
  readonly invokePayloadBytes: number;
  /** Front-end `invoke` response: 5 MB. */
  readonly invokeResponseBytes: number;
}

export interface DeliveryLimits {
  /** Multiplies every delay (delayInSeconds, retryAfter, backoff): 1 in `npm start`, tiny in tests. */
  readonly timeScale: number;
  /** Retries after the first attempt. Forge: 4 for product events; async events retry within 24 h, capped here. */
  readonly maxRetries: number;
  /** Delivers every succeeded queue event a second time, as at-least-once delivery may: proves consumers idempotent. */
  readonly duplicateDeliveries: boolean;
}

export interface ForgeLimits extends InvocationLimits {
  readonly delivery: DeliveryLimits;
}

export type ForgeLimitsInput = Partial<InvocationLimits> & { readonly delivery?: Partial<DeliveryLimits> };

export const DEFAULT_LIMITS: ForgeLimits = {
  invocationTimeoutMs: 25_000,
  consumerTimeoutMs: undefined,
  invokePayloadBytes: 500 * KIB,
  invokeResponseBytes: 5 * MIB,
  delivery: { timeScale: 1, maxRetries: 4, duplicateDeliveries: false },
};

export function resolveLimits(input: ForgeLimitsInput = {}): ForgeLimits {
  return {
    ...DEFAULT_LIMITS,
    ...stripUndefined(input),
    delivery: { ...DEFAULT_LIMITS.delivery, ...stripUndefined(input.delivery ?? {}) },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Consumers and scheduled triggers default to 55 s and may ask for up to 900 s. */
export const CONSUMER_DEFAULT_TIMEOUT_SECONDS = 55;
export const FUNCTION_MAX_TIMEOUT_SECONDS = 900;

/** KVS (limits-kvs-ce): keys, values, pages, batches and transactions. */
export const KVS = {
  keyMaxLength: 500,
  /** The documented pattern; `\s-#` in a class is a literal `-` and `#` (no range). */
  keyPattern: /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/,
  valueMaxBytes: 240 * KIB,
  /** "Maximum object depth permitted: 31". */
  valueMaxDepth: 31,
  queryDefaultLimit: 10,
  /** A page holds at most 20 results, whatever `limit` asks for. */
  queryPageMax: 20,
  /** Above this the KVS answers LIST_QUERY_LIMIT_EXCEEDED ("should be below 100"). */
  queryLimitMax: 100,
  batchMaxItems: 25,
  transactionMaxOperations: 25,
  requestMaxBytes: 4 * MIB,
} as const;

/** Async events (limits-async-events): the SDK checks these too, the stand-in checks them again. */
export const QUEUE = {
  maxEventsPerPush: 50,
  maxPushBytes: 200 * KIB,
  maxDelaySeconds: 900,
  maxRetryAfterSeconds: 900,
  queueNamePattern: /^[a-zA-Z0-9-_]+$/,
} as const;

/**
 * How deep the stand-in lets JSON nest in an invocation's payload or result. Forge documents no
 * such limit; this one exists so that the stand-in's own JSON handling (JSON.stringify, structured
 * clone, the SDKs' copies), all recursive in V8, never meets a payload that overflows its stack:
 * in Node 20 JSON.stringify fails between 3,000 and 5,000 levels and structuredClone below 3,000.
 * No honest payload comes close (the app's own envelope accepts 64 levels).
 */
export const JSON_MAX_DEPTH = 1000;

/** A value nested deeper than the limit: what `jsonByteLength` throws instead of overflowing the stack. */
export class JsonTooDeepError extends Error {
  override readonly name = 'JsonTooDeepError';
  constructor(readonly maxDepth: number) {
    super(`The value is nested more than ${maxDepth.toLocaleString('en-US')} levels deep.`);
  }
}

/**
 * Whether a value nests arrays and objects deeper than `maxDepth` (a scalar is depth 0, `{}` is 1).
 * Iterative, with an explicit stack, so it cannot overflow on the depth it is there to refuse;
 * it stops at the first node past the limit, and a cyclic value counts as too deep.
 */
export function jsonDepthExceeds(value: unknown, maxDepth: number = JSON_MAX_DEPTH): boolean {
  const pending: { readonly node: unknown; readonly depth: number }[] = [{ node: value, depth: 0 }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { node, depth } = item;
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > maxDepth) return true;
    const children: readonly unknown[] = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) if (typeof child === 'object' && child !== null) pending.push({ node: child, depth: depth + 1 });
  }
  return false;
}

/** The size of a value's JSON text in bytes; throws JsonTooDeepError past JSON_MAX_DEPTH, before JSON.stringify could overflow. */
export function jsonByteLength(value: unknown): number {
  if (jsonDepthExceeds(value)) throw new JsonTooDeepError(JSON_MAX_DEPTH);
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
}
