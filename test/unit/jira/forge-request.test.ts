/**
 * The Forge adapter over the unmodified @forge/api: `requestJira` reaches the platform only
 * through `globalThis.__forge_fetch__(target, path, init)`, so a stand-in for it shows exactly
 * what Forge would be asked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgeRequestJira } from '../../../src/jira/forge-request';
import { createJiraClient } from '../../../src/jira/client';
import { getIssue } from '../../../src/jira/issues';
import type { JiraPath } from '../../../src/jira/paths';
import { toResponse } from './fake-jira';

interface ForgeCall {
  target: Record<string, unknown>;
  path: string;
  init: { method?: string; body?: string; headers?: Record<string, string> } | undefined;
}

const globals = globalThis as unknown as { __forge_fetch__?: unknown };
let calls: ForgeCall[] = [];

beforeEach(() => {
  calls = [];
  globals.__forge_fetch__ = (target: Record<string, unknown>, path: string, init: ForgeCall['init']) => {
    calls.push({ target, path, init });
    return Promise.resolve(toResponse({ status: 200, body: { id: '10002', key: 'TL-1', fields: { summary: 'S' } } }));
  };
});

afterEach(() => {
  delete globals.__forge_fetch__;
});

describe('forgeRequestJira', () => {
  it('asks Forge as the user with the path the client built', async () => {
    const jira = createJiraClient(forgeRequestJira('user'));
    const read = await getIssue(jira, 'TL-1', { fields: ['summary'] });
    expect(read.key).toBe('TL-1');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.target).toMatchObject({ type: 'fpp', remote: 'jira', provider: 'user' });
    expect(calls[0]!.path).toBe('/rest/api/3/issue/TL-1?fields=summary');
    expect(calls[0]!.init).toMatchObject({ method: 'GET', headers: { Accept: 'application/json' } });
  });

  it('asks Forge as the app', async () => {
    await forgeRequestJira('app')('/rest/api/3/field' as JiraPath, { method: 'GET' });
    expect(calls[0]!.target).toMatchObject({ provider: 'app', remote: 'jira' });
  });

  it('re-checks the path before trusting it, even if the type was forced', async () => {
    const request = forgeRequestJira('app');
    await expect(request('/rest/api/3/issue/../../admin' as JiraPath)).rejects.toThrow(/Refused Jira path/);
    await expect(request('/rest/api/3/issue/TL-1%2F..%2Fx' as JiraPath)).rejects.toThrow(/Refused Jira path/);
    expect(calls).toHaveLength(0);
  });
});
