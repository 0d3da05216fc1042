/**
 * Functions loaded by the manifest's keys and invoked with Forge's shapes; every bad input gets an
 * error the caller can show, and the runtime keeps serving.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kvs } from '@forge/kvs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForgeRuntimeError, createForgeRuntime } from '../../../dev/forge-runtime';
import type { ForgeRuntime, InvocationResult } from '../../../dev/forge-runtime';
import { ALICE, BOB, REPO_ROOT, fixtureRuntime, withTempDir } from './helpers';

const ISSUE_EXTENSION = {
  issue: { id: '10042', key: 'TL-42', type: 'Story' },
  project: { id: '10000', key: 'TL', type: 'software' },
};

function errorOf(result: InvocationResult): { code: string; message: string } {
  if (result.success) throw new Error(`expected a failure, got ${JSON.stringify(result.body)}`);
  return result.error;
}

function bodyOf(result: InvocationResult): Record<string, unknown> {
  if (!result.success) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.body as Record<string, unknown>;
}

describe('resolvers through @forge/resolver', () => {
  let runtime: ForgeRuntime;

  beforeEach(async () => {
    runtime = await fixtureRuntime();
  });
  afterEach(async () => {
    await runtime.close();
  });

  it('invokes a makeResolver handler by key with the payload and a Forge-shaped context', async () => {
    const body = bodyOf(await runtime.invokeResolver('test-issue-context', 'echo', { text: 'hello' }, ALICE, ISSUE_EXTENSION));
    expect(body.payload).toEqual({ text: 'hello' });
    expect(body.context).toEqual({
      accountId: 'alice-0001',
      accountType: 'licensed',
      cloudId: runtime.site.cloudId,
      siteUrl: runtime.site.siteUrl,
      moduleKey: 'test-issue-context',
      localId: `ari:cloud:ecosystem::extension/11111111-2222-4333-8444-555555555555/${runtime.site.environmentId}/static/test-issue-context`,
      environmentId: runtime.site.environmentId,
      environmentType: 'DEVELOPMENT',
      installContext: `ari:cloud:jira::site/${runtime.site.cloudId}`,
      extension: { type: 'jira:issueContext', ...ISSUE_EXTENSION },
      timezone: 'Europe/Paris',
      locale: 'fr-FR',
      installation: { ari: { installationId: runtime.site.installationId }, contexts: [{ cloudId: runtime.site.cloudId }] },
    });
  });

  it('takes accountId from the runtime, never from what the browser claims', async () => {
    const forged = { ...ISSUE_EXTENSION, accountId: 'admin-9999' };
    const body = bodyOf(await runtime.invokeResolver('test-project-page', 'echo', { text: 'x' }, BOB, forged));
    expect((body.context as Record<string, unknown>).accountId).toBe('bob-0002');
    expect((body.context as { extension: { type: string } }).extension.type).toBe('jira:projectPage');
  });

  it('gives @forge/api an app context for the invocation', async () => {
    const body = bodyOf(await runtime.invokeResolver('test-issue-context', 'appContext', {}, ALICE));
    expect(body).toMatchObject({ appAri: 'ari:cloud:ecosystem::app/11111111-2222-4333-8444-555555555555', environmentType: 'DEVELOPMENT', moduleKey: 'test-issue-context' });
    expect(body.remainingMs).toBeGreaterThan(0);
    expect(body.remainingMs).toBeLessThanOrEqual(200);
  });

  it('calls a plain function with Forge\'s (event, context) arguments', async () => {
    const body = bodyOf(await runtime.invoke('plain', { payload: { anything: [1, 2] }, context: { principal: { accountId: 'alice-0001' } } }));
    expect(body.event).toEqual({ anything: [1, 2] });
    expect(body.context).toMatchObject({ installContext: `ari:cloud:jira::site/${runtime.site.cloudId}`, principal: { accountId: 'alice-0001' } });
    const asApp = bodyOf(await runtime.invoke('plain', { payload: {} }));
    expect(asApp.context).not.toHaveProperty('principal');
  });

  it('reports a resolver that throws in words, and serves the next call', async () => {
    const error = errorOf(await runtime.invokeResolver('test-issue-context', 'boom', {}, ALICE));
    expect(error).toEqual({ code: 'FUNCTION_ERR', message: 'Kaboom: the fixture failed on purpose.', errorType: 'Error' });
    expect(bodyOf(await runtime.invokeResolver('test-issue-context', 'echo', { text: 'still up' }, ALICE)).payload).toEqual({ text: 'still up' });
  });

  it('ends a resolver that runs past the time limit with Forge\'s timeout error, and cuts it off the platform', async () => {
    const started = Date.now();
    const error = errorOf(await runtime.invokeResolver('test-issue-context', 'slow', { ms: 1_000, key: 'late-write' }, ALICE));
    expect(error.code).toBe('FUNCTION_TIME_OUT');
    expect(error.message).toMatch(/did not finish within 0\.2 s/);
    expect(Date.now() - started).toBeLessThan(900);
    // The orphaned function wakes up later and tries to write: Forge would have stopped it.
    await new Promise((resolve) => setTimeout(resolve, 1_100 - (Date.now() - started)));
    expect(await runtime.runAs('app', () => kvs.get('late-write'))).toBeUndefined();
    expect(bodyOf(await runtime.invokeResolver('test-issue-context', 'slow', { ms: 10, key: 'quick-write' }, ALICE))).toEqual({ done: true });
    expect(await runtime.runAs('app', () => kvs.get('quick-write'))).toBe('written after the sleep');
  });

  it('reports an unknown resolver key with @forge/resolver\'s own message', async () => {
    expect(errorOf(await runtime.invokeResolver('test-issue-context', 'noSuchKey', {}, ALICE))).toMatchObject({
      code: 'FUNCTION_ERR',
      message: "Resolver has no definition for 'noSuchKey'.",
    });
  });

  it('refuses a payload over 500 KB before running anything', async () => {
    const error = errorOf(await runtime.invokeResolver('test-issue-context', 'echo', { text: 'x'.repeat(500 * 1024) }, ALICE));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(bodyOf(await runtime.invokeResolver('test-issue-context', 'echo', { text: 'x'.repeat(400 * 1024) }, ALICE)).payload).toBeDefined();
  });

  it('refuses a response over 5 MB', async () => {
    expect(errorOf(await runtime.invokeResolver('test-issue-context', 'sized', { bytes: 5 * 1024 * 1024 }, ALICE)).code).toBe('RESPONSE_TOO_LARGE');
    expect(bodyOf(await runtime.invokeResolver('test-issue-context', 'sized', { bytes: 1024 }, ALICE)).text).toHaveLength(1024);
  });

  it('reports an unknown function key, an unknown module, a missing export and a missing file', async () => {
    expect(errorOf(await runtime.invoke('no-such-function', { payload: {} }))).toMatchObject({
      code: 'FUNCTION_NOT_FOUND',
      message: expect.stringContaining('declares no function "no-such-function"') as unknown,
    });
    expect(errorOf(await runtime.invokeResolver('no-such-module', 'echo', {}, ALICE)).code).toBe('MODULE_NOT_FOUND');
    expect(errorOf(await runtime.invoke('missing-export', { payload: {} }))).toEqual({
      code: 'HANDLER_NOT_FOUND',
      message: 'The handler "index.doesNotExist" of function "missing-export": src/index has no such export.',
    });
    expect(errorOf(await runtime.invoke('missing-file', { payload: {} })).message).toMatch(/needs src\/nowhere\.ts/);
  });

  it('answers every call after close() with RUNTIME_CLOSED', async () => {
    await runtime.close();
    expect(errorOf(await runtime.invokeResolver('test-issue-context', 'echo', {}, ALICE)).code).toBe('RUNTIME_CLOSED');
  });
});

describe('manifests the runtime cannot run', () => {
  it('reports a handler export that is not a function', async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, 'src'));
      await writeFile(join(dir, 'src', 'index.ts'), 'export const handler = 42;\n');
      await writeFile(
        join(dir, 'manifest.yml'),
        'app:\n  id: ari:cloud:ecosystem::app/abc\nmodules:\n  function:\n    - key: f\n      handler: index.handler\n',
      );
      const runtime = await createForgeRuntime({ manifestPath: join(dir, 'manifest.yml'), jiraBaseUrl: 'http://127.0.0.1:9', memory: true });
      expect(errorOf(await runtime.invoke('f', { payload: {} })).message).toBe('The handler "index.handler" of function "f": src/index exports it as a number, not a function.');
      await runtime.close();
    });
  });

  it('refuses a manifest whose module names an undeclared function', async () => {
    await withTempDir(async (dir) => {
      await writeFile(
        join(dir, 'manifest.yml'),
        'app:\n  id: ari:cloud:ecosystem::app/abc\nmodules:\n  trigger:\n    - key: t\n      function: ghost\n      events: [avi:jira:updated:issue]\n',
      );
      await expect(createForgeRuntime({ manifestPath: join(dir, 'manifest.yml'), jiraBaseUrl: 'http://x', memory: true })).rejects.toThrow(ForgeRuntimeError);
      await expect(createForgeRuntime({ manifestPath: join(dir, 'manifest.yml'), jiraBaseUrl: 'http://x', memory: true })).rejects.toThrow(/names the function "ghost"/);
    });
  });

  it('runs the app\'s own manifest: every handler it names loads', async () => {
    const runtime = await createForgeRuntime({ manifestPath: join(REPO_ROOT, 'manifest.yml'), jiraBaseUrl: 'http://127.0.0.1:9', memory: true });
    expect([...runtime.manifest.functions.keys()]).toContain('resolver');
    const result = await runtime.invoke('resolver', {
      payload: { call: { functionKey: 'checkFormula', payload: { formula: 'reach * impact', inputNames: ['reach', 'impact'] } }, context: {} },
      context: { principal: { accountId: 'alice-0001' } },
    });
    expect(bodyOf(result)).toMatchObject({ ok: true });
    await runtime.close();
  });
});
