/**
 * Shared by the runtime's integration tests: the fixture app, a quiet logger, temp folders, and a
 * tiny HTTP server standing in for Jira that records each request's headers and can hold a request
 * back, for what the real emulator (emulator.test.ts) cannot show: exact headers and interleaving.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createForgeRuntime } from '../../../dev/forge-runtime';
import type { ForgeRuntime, ForgeRuntimeOptions, RuntimeLogger } from '../../../dev/forge-runtime';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const FIXTURE_APP = join(REPO_ROOT, 'test/fixtures/forge-runtime/app');
export const FIXTURE_MANIFEST = join(FIXTURE_APP, 'manifest.yml');

export const ALICE = { accountId: 'alice-0001', locale: 'fr-FR', timezone: 'Europe/Paris' };
export const BOB = { accountId: 'bob-0002' };

export interface CapturingLogger extends RuntimeLogger {
  readonly lines: string[];
}

export function capturingLogger(): CapturingLogger {
  const lines: string[] = [];
  return {
    lines,
    warn: (message) => {
      lines.push(message);
    },
    error: (message, error) => {
      lines.push(`${message}: ${error instanceof Error ? error.message : String(error)}`);
    },
  };
}

/** A fast runtime on the fixture app, in memory unless a dataDir is given. */
export function fixtureRuntime(overrides: Partial<ForgeRuntimeOptions> = {}): Promise<ForgeRuntime> {
  return createForgeRuntime({
    manifestPath: FIXTURE_MANIFEST,
    jiraBaseUrl: 'http://127.0.0.1:9',
    memory: overrides.dataDir === undefined,
    logger: capturingLogger(),
    ...overrides,
    limits: { invocationTimeoutMs: 200, consumerTimeoutMs: 200, ...overrides.limits, delivery: { timeScale: 0.001, ...overrides.limits?.delivery } },
  });
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'forge-runtime-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly accountId: string | undefined;
  readonly asApp: boolean;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface RecordingJira {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Runs before each answer: lets a test hold a request back to interleave invocations. */
  beforeAnswer: (request: RecordedRequest) => Promise<void>;
  close(): Promise<void>;
}

/** Answers every request with `{accountId, asApp, path}` as Jira's /myself would name the caller. */
export async function startRecordingJira(): Promise<RecordingJira> {
  const requests: RecordedRequest[] = [];
  const jira: RecordingJira = {
    url: '',
    requests,
    beforeAnswer: () => Promise.resolve(),
    close: () =>
      new Promise((done) => {
        server.close(() => {
          done();
        });
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const account = req.headers['x-emulator-account-id'];
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        accountId: typeof account === 'string' ? account : undefined,
        asApp: req.headers['x-emulator-as-app'] === 'true',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      void jira.beforeAnswer(recorded).then(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ accountId: recorded.accountId ?? null, asApp: recorded.asApp, path: recorded.url }));
      });
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return Object.assign(jira, { url: `http://127.0.0.1:${port}` });
}
