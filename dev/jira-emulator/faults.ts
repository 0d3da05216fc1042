/**
 * Faults on demand: latency, 429 with Retry-After, 500/503, slow bodies. Random faults draw from a
 * seeded generator, so a failing test or benchmark run can be replayed exactly.
 */

export type RateLimitReason = 'jira-burst-based' | 'jira-per-issue-on-write' | 'jira-quota-tenant-based' | 'jira-quota-global-based';

/**
 * Which calls a fault applies to: `"POST /rest/api/3/search/jql"` (method and path template),
 * `"/rest/api/3/search/jql"` (any method), or `"*"`. Omitted means every call.
 */
export type EndpointMatcher = string;

export interface RateLimitFaults {
  /** Share of matching calls answered 429, 0..1. */
  rate: number;
  retryAfterSeconds?: number;
  reason?: RateLimitReason;
  endpoints?: EndpointMatcher[];
}

export interface ServerErrorFaults {
  rate: number;
  status?: 500 | 503;
  /** Sent with 503 only, as Jira does for some of them. */
  retryAfterSeconds?: number;
  endpoints?: EndpointMatcher[];
}

export interface SlowBodyFaults {
  /** Share of matching successful calls whose body trickles out; 1 when omitted. */
  rate?: number;
  chunks?: number;
  chunkDelayMs: number;
  endpoints?: EndpointMatcher[];
}

/** "The next N calls to X fail with …": consumed in order. */
export interface ScriptedFault {
  endpoint?: EndpointMatcher;
  count: number;
  status: 429 | 500 | 503;
  retryAfterSeconds?: number;
  reason?: RateLimitReason;
}

export interface FaultConfig {
  seed?: number;
  rateLimit?: RateLimitFaults;
  serverErrors?: ServerErrorFaults;
  slowBody?: SlowBodyFaults;
  next?: ScriptedFault[];
}

export interface LatencyConfig {
  fixedMs: number;
  jitterMs?: number;
}

export interface FaultResponse {
  status: 429 | 500 | 503;
  headers: Record<string, string>;
  body: { errorMessages: string[]; errors: Record<string, string> };
}

export interface SlowBody {
  chunks: number;
  chunkDelayMs: number;
}

/** mulberry32: tiny, fast, and good enough to pick which calls fail. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function endpointMatches(matcher: EndpointMatcher | undefined, endpoint: string): boolean {
  if (matcher === undefined || matcher === '*') return true;
  if (matcher === endpoint) return true;
  const space = endpoint.indexOf(' ');
  return space >= 0 && matcher === endpoint.slice(space + 1);
}

function anyMatches(matchers: EndpointMatcher[] | undefined, endpoint: string): boolean {
  return matchers === undefined || matchers.length === 0 || matchers.some((m) => endpointMatches(m, endpoint));
}

export function faultResponse(status: 429 | 500 | 503, retryAfterSeconds?: number, reason?: RateLimitReason): FaultResponse {
  if (status === 429) {
    return {
      status,
      headers: { 'Retry-After': String(retryAfterSeconds ?? 1), 'RateLimit-Reason': reason ?? 'jira-burst-based' },
      body: { errorMessages: ['Rate limit exceeded.'], errors: {} },
    };
  }
  if (status === 503) {
    return {
      status,
      headers: retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) },
      body: { errorMessages: ['Service Unavailable'], errors: {} },
    };
  }
  return { status, headers: {}, body: { errorMessages: ['Internal server error'], errors: {} } };
}

export class FaultPlan {
  private config: FaultConfig = {};
  private random: () => number = seededRandom(1);
  private scripted: ScriptedFault[] = [];
  private latency: LatencyConfig = { fixedMs: 0 };

  constructor(config?: FaultConfig, latency?: LatencyConfig | number) {
    this.setFaults(config ?? {});
    if (latency !== undefined) this.setLatency(latency);
  }

  /** Replaces every fault (and reseeds), e.g. `setFaults({})` to stop them all. */
  setFaults(config: FaultConfig): void {
    this.config = config;
    this.random = seededRandom(config.seed ?? 1);
    this.scripted = (config.next ?? []).map((fault) => ({ ...fault }));
  }

  /** Appends "the next `count` calls to `endpoint` fail with `status`". */
  failNext(fault: ScriptedFault): void {
    this.scripted.push({ ...fault });
  }

  setLatency(latency: LatencyConfig | number): void {
    this.latency = typeof latency === 'number' ? { fixedMs: latency } : latency;
  }

  delayMs(): number {
    const { fixedMs, jitterMs = 0 } = this.latency;
    return Math.max(0, fixedMs + (jitterMs > 0 ? Math.round(this.random() * jitterMs) : 0));
  }

  /** The fault for this call, if any; consumes a scripted one. */
  faultFor(endpoint: string): FaultResponse | undefined {
    const index = this.scripted.findIndex((fault) => fault.count > 0 && endpointMatches(fault.endpoint, endpoint));
    const scripted = this.scripted[index];
    if (scripted !== undefined) {
      scripted.count -= 1;
      if (scripted.count <= 0) this.scripted.splice(index, 1);
      return faultResponse(scripted.status, scripted.retryAfterSeconds, scripted.reason);
    }
    const { rateLimit, serverErrors } = this.config;
    if (rateLimit !== undefined && rateLimit.rate > 0 && anyMatches(rateLimit.endpoints, endpoint) && this.random() < rateLimit.rate) {
      return faultResponse(429, rateLimit.retryAfterSeconds, rateLimit.reason);
    }
    if (serverErrors !== undefined && serverErrors.rate > 0 && anyMatches(serverErrors.endpoints, endpoint) && this.random() < serverErrors.rate) {
      return faultResponse(serverErrors.status ?? 500, serverErrors.status === 503 ? serverErrors.retryAfterSeconds : undefined);
    }
    return undefined;
  }

  slowBodyFor(endpoint: string): SlowBody | undefined {
    const slow = this.config.slowBody;
    if (slow === undefined || !anyMatches(slow.endpoints, endpoint)) return undefined;
    if (slow.rate !== undefined && this.random() >= slow.rate) return undefined;
    return { chunks: Math.max(2, slow.chunks ?? 4), chunkDelayMs: slow.chunkDelayMs };
  }
}
