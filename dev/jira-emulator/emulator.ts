/**
 * The Jira Cloud emulator: an HTTP server on 127.0.0.1 answering the REST v3 and Agile calls the app
 * makes, as a given user (`x-emulator-account-id`) or as the app (`x-emulator-as-app: true`).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dataset, DatasetInput } from './dataset-schema';
import { FaultPlan } from './faults';
import type { FaultConfig, LatencyConfig, ScriptedFault, SlowBody } from './faults';
import { accessRoutes } from './handlers/access';
import { agileRoutes } from './handlers/agile';
import { bulkAndMetaRoutes } from './handlers/bulk-and-meta';
import { issueRoutes } from './handlers/issues';
import { searchRoutes } from './handlers/search';
import { userRoutes } from './handlers/users';
import { rankRoutes } from './rank';
import { INVALID_PAYLOAD, jiraError } from './http-types';
import type { EmulatorResponse, Route } from './http-types';
import { loadDatasetFile, parseDataset } from './load-dataset';
import type { Caller } from './model';
import { DEFAULT_PAGING } from './search';
import type { PagingCaps } from './search';
import { EmulatorState } from './state';

export const ACCOUNT_HEADER = 'x-emulator-account-id';
export const AS_APP_HEADER = 'x-emulator-as-app';
export const LOOPBACK = '127.0.0.1';
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface JiraEmulatorOptions {
  /** A dataset (checked again here) or the path of a dataset JSON file. */
  dataset: Dataset | DatasetInput | string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Only the loopback address is allowed: the emulator has no real authentication. */
  host?: typeof LOOPBACK;
  latency?: LatencyConfig | number;
  faults?: FaultConfig;
  paging?: Partial<PagingCaps>;
  /** Clock for timestamps the emulator writes; fix it for reproducible output. */
  now?: () => Date;
}

export interface JiraEmulator {
  readonly url: string;
  readonly port: number;
  readonly state: EmulatorState;
  /** Calls so far per endpoint, keyed `METHOD /path/{template}` (a snapshot). */
  readonly calls: Readonly<Record<string, number>>;
  callCount(endpoint: string): number;
  resetCalls(): void;
  setFaults(faults: FaultConfig): void;
  /** "The next `count` calls to `endpoint` fail with `status`". */
  failNext(fault: ScriptedFault): void;
  setLatency(latency: LatencyConfig | number): void;
  close(): Promise<void>;
}

interface CompiledRoute extends Route {
  segments: string[];
}

const ROUTES: CompiledRoute[] = [...searchRoutes, ...issueRoutes, ...accessRoutes, ...agileRoutes, ...rankRoutes, ...bulkAndMetaRoutes, ...userRoutes].map((route) => ({
  ...route,
  segments: route.template.split('/').filter((s) => s !== ''),
}));

function matchRoute(method: string, pathname: string): { route: CompiledRoute; params: Record<string, string> } | 'wrong-method' | undefined {
  const segments = pathname.split('/').filter((s) => s !== '');
  let best: { route: CompiledRoute; params: Record<string, string>; score: string } | undefined;
  let pathKnown = false;
  for (const route of ROUTES) {
    if (route.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let score = '';
    let matches = true;
    for (const [index, segment] of route.segments.entries()) {
      const actual = segments[index] ?? '';
      if (segment.startsWith('{')) {
        try {
          params[segment.slice(1, -1)] = decodeURIComponent(actual);
        } catch {
          matches = false;
          break;
        }
        score += '0';
      } else if (segment === actual) {
        score += '1';
      } else {
        matches = false;
        break;
      }
    }
    if (!matches) continue;
    pathKnown = true;
    if (route.method === method && (best === undefined || score > best.score)) best = { route, params, score };
  }
  if (best !== undefined) return best;
  return pathKnown ? 'wrong-method' : undefined;
}

function callerOf(request: IncomingMessage, state: EmulatorState): Caller | EmulatorResponse {
  const accountHeader = request.headers[ACCOUNT_HEADER];
  const accountId = Array.isArray(accountHeader) ? accountHeader[0] : accountHeader;
  const asApp = request.headers[AS_APP_HEADER] === 'true';
  if (asApp && accountId !== undefined) return jiraError(400, [`Send either ${ACCOUNT_HEADER} or ${AS_APP_HEADER}, not both.`]);
  if (asApp) return { kind: 'app' };
  if (accountId !== undefined && state.users.get(accountId)?.active === true) return { kind: 'user', accountId };
  return jiraError(401, ['You are not authenticated. Authentication required to perform this operation.']);
}

async function readBody(request: IncomingMessage): Promise<{ text: string } | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return 'too-large';
    chunks.push(buffer);
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

async function send(response: ServerResponse, answer: EmulatorResponse, slow: SlowBody | undefined): Promise<void> {
  const headers: Record<string, string> = { ...(answer.headers ?? {}) };
  const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
  if (text !== '') headers['Content-Type'] = 'application/json;charset=UTF-8';
  if (slow === undefined || text === '') {
    response.writeHead(answer.status, { ...headers, 'Content-Length': String(Buffer.byteLength(text)) });
    response.end(text);
    return;
  }
  // A slow body: headers now, the JSON in pieces, so clients' body timeouts are exercised.
  response.writeHead(answer.status, headers);
  const size = Math.ceil(text.length / slow.chunks);
  for (let offset = 0; offset < text.length; offset += size) {
    if (response.destroyed) return;
    response.write(text.slice(offset, offset + size));
    if (offset + size < text.length) await sleep(slow.chunkDelayMs);
  }
  response.end();
}

export async function startJiraEmulator(options: JiraEmulatorOptions): Promise<JiraEmulator> {
  const host: string = options.host ?? LOOPBACK;
  if (host !== LOOPBACK) throw new Error(`The Jira emulator listens on ${LOOPBACK} only (got ${host}).`);
  const dataset = typeof options.dataset === 'string' ? loadDatasetFile(options.dataset) : parseDataset(options.dataset);
  const state = new EmulatorState(dataset, options.now === undefined ? {} : { now: options.now });
  const faults = new FaultPlan(options.faults, options.latency);
  const context = { state, paging: { ...DEFAULT_PAGING, ...(options.paging ?? {}) } };
  const calls = new Map<string, number>();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (request.method ?? 'GET').toUpperCase();
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
    const match = matchRoute(method, url.pathname);
    const endpoint = typeof match === 'object' ? `${method} ${match.route.template}` : `${method} (unmatched)`;
    calls.set(endpoint, (calls.get(endpoint) ?? 0) + 1);

    const bodyText = await readBody(request);
    const delay = faults.delayMs();
    if (delay > 0) await sleep(delay);
    const fault = faults.faultFor(endpoint);
    if (fault !== undefined) return send(response, fault, undefined);

    if (bodyText === 'too-large') return send(response, jiraError(413, ['The request body is too large.']), undefined);
    const caller = callerOf(request, state);
    if (!('kind' in caller)) return send(response, caller, undefined);
    if (match === undefined) return send(response, jiraError(404, [`No resource found for ${method} ${url.pathname}`]), undefined);
    if (match === 'wrong-method') return send(response, jiraError(405, [`Method ${method} is not allowed for ${url.pathname}`]), undefined);
    const body = parseJson(bodyText.text);
    if (!body.ok) return send(response, jiraError(400, [INVALID_PAYLOAD]), undefined);

    const answer = match.route.handler({ method, path: url.pathname, endpoint, params: match.params, query: url.searchParams, body: body.value, caller }, context);
    return send(response, answer, answer.status < 300 ? faults.slowBodyFor(endpoint) : undefined);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('jira-emulator: request failed', error);
      if (!response.headersSent) {
        response.writeHead(500, { 'Content-Type': 'application/json;charset=UTF-8' });
        response.end(JSON.stringify({ errorMessages: ['Internal server error'], errors: {} }));
      } else {
        response.destroy();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${LOOPBACK}:${port}`;
  state.baseUrl = url;

  return {
    url,
    port,
    state,
    get calls() {
      return Object.fromEntries(calls);
    },
    callCount: (endpoint) => calls.get(endpoint) ?? 0,
    resetCalls: () => {
      calls.clear();
    },
    setFaults: (config) => {
      faults.setFaults(config);
    },
    failNext: (fault) => {
      faults.failNext(fault);
    },
    setLatency: (latency) => {
      faults.setLatency(latency);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
        server.closeAllConnections();
      }),
  };
}
