/**
 * The contract tests run on every clone: the Jira material they read is vendored in
 * test/fixtures/jira, nothing in test/contract may skip, and the trimmed OpenAPI descriptions hold
 * every operation the client calls and the emulator serves. When this fails after a new client
 * call or emulator route, refresh the trimmed files as test/fixtures/jira/README.md says.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jiraFixturesDir, listJiraFixtures, platformSpecFile, readJiraFixture, softwareSpecFile } from '../../../dev/openapi/jira-fixtures';
import { operationsFor } from '../../../dev/openapi/trim-spec';
import { loadJiraSpec } from '../../../dev/openapi/validate';
import { everyCall } from './every-call';

interface Spec {
  readonly info?: { readonly version?: string };
  readonly paths: Record<string, Record<string, { readonly 'x-atlassian-oauth2-scopes'?: unknown }>>;
  readonly components?: { readonly securitySchemes?: unknown };
}

const contractDir = join(import.meta.dirname, '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return /\.ts$/.test(name) ? [path] : [];
  });
}

describe('the vendored Jira fixtures (test/fixtures/jira)', () => {
  it('are all there: both trimmed descriptions, 14 field lists, the response samples, and their README', () => {
    expect(existsSync(platformSpecFile)).toBe(true);
    expect(existsSync(softwareSpecFile)).toBe(true);
    expect(existsSync(join(jiraFixturesDir, 'README.md'))).toBe(true);
    expect(listJiraFixtures('fields')).toHaveLength(14);
    expect(listJiraFixtures('responses').length).toBeGreaterThanOrEqual(25);
  });

  it('keep what the scope test and the PermissionLinter read: version, security schemes, OAuth scopes on every platform operation', () => {
    const platform = readJiraFixture('openapi/jira-platform-v3.trimmed.json') as Spec;
    expect(platform.info?.version).toMatch(/^1001\.0\.0/);
    expect(platform.components?.securitySchemes).toBeDefined();
    const withoutScopes = Object.entries(platform.paths).flatMap(([template, item]) =>
      Object.entries(item)
        .filter(([method, operation]) => ['get', 'put', 'post', 'delete'].includes(method) && operation['x-atlassian-oauth2-scopes'] === undefined)
        .map(([method]) => `${method.toUpperCase()} ${template}`),
    );
    // Atlassian documents the legacy search without scopes; it is kept only to validate old recorded pages.
    expect(withoutScopes.filter((operation) => !operation.endsWith(' /rest/api/3/search'))).toEqual([]);
  });

  it('hold every operation the emulator serves', () => {
    const spec = loadJiraSpec();
    const routes = [...operationsFor('platform'), ...operationsFor('software')];
    const concrete = (template: string): string => template.replace(/\{[^}]+\}/g, '1');
    expect(routes.filter((operation) => {
      const [method = '', template = ''] = operation.split(' ');
      return !spec.hasOperation(method, concrete(template));
    })).toEqual([]);
  });

  it('hold every call the client makes', async () => {
    const spec = loadJiraSpec();
    const calls = await everyCall();
    expect(calls.filter((call) => !spec.hasOperation(call.method, call.path)).map((call) => `${call.method} ${call.path}`)).toEqual([]);
  });

  it('leave no contract test a reason to skip', () => {
    const skipping = testFiles(contractDir).filter((file) => /\b(?:describe|it|test)\.(?:skip|skipIf|runIf|todo)\b/.test(readFileSync(file, 'utf8')));
    expect(skipping.map((file) => relative(contractDir, file))).toEqual([]);
  });
});
