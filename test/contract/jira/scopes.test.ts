/**
 * Every Jira call the client can make is covered by the scopes the manifest declares.
 *
 * @forge/lint's PermissionLinter does this for `route` template literals it finds in the code,
 * but the client builds paths with its own checked builder (src/jira/paths.ts) and hands them to
 * Forge through `assumeTrustedRoute`, which the linter cannot read. So the same check is made
 * here, on the calls the real client code makes, against the scopes Atlassian's OpenAPI
 * description gives each operation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { everyCall } from './every-call';
import { readJiraFixture } from '../../../dev/openapi/jira-fixtures';

interface ScopeSet {
  readonly scopes: readonly string[];
  readonly state: string;
}
interface Operation {
  readonly 'x-atlassian-oauth2-scopes'?: readonly ScopeSet[];
  readonly 'x-atlassian-connect-scope'?: string;
}
interface Spec {
  readonly paths: Record<string, Record<string, Operation>>;
}

/**
 * The Agile API (/rest/agile/1.0) is described in Jira Software's own description
 * (test/fixtures/jira/openapi/jira-software.trimmed.json). That description (2022) lists granular
 * scopes and the Connect scope READ but no classic scope; Atlassian's "Get all boards", "Get board"
 * and "Get all sprints" reference pages give the classic scope read:jira-work, written here by hand. The test
 * below checks that each such operation exists in the vendored description and is read-only.
 */
const AGILE_SCOPES: Readonly<Record<string, readonly ScopeSet[]>> = {
  'GET /rest/agile/1.0/board': [{ scopes: ['read:jira-work'], state: 'Current' }],
  'GET /rest/agile/1.0/board/{boardId}/sprint': [{ scopes: ['read:jira-work'], state: 'Current' }],
  // "Get board" (the Sprint readiness gadget's board, checked as the viewer): read:jira-work on its reference page too.
  'GET /rest/agile/1.0/board/{boardId}': [{ scopes: ['read:jira-work'], state: 'Current' }],
};

/**
 * Operations whose current scope list is empty in the spec but that need a scope all the same:
 * Forge apps writing their own custom fields' values need write:app-data:jira (PLATFORM.md).
 */
const REQUIRED_ANYWAY: Readonly<Record<string, readonly string[]>> = {
  'POST /rest/api/3/app/field/value': ['write:app-data:jira'],
};

function templateMatcher(template: string): RegExp {
  const pattern = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+');
  return new RegExp(`^${pattern}$`);
}

/** The scope sets (classic "Current", granular "Beta") any one of which allows the call; a literal path beats a template. */
function scopesFor(spec: Spec, method: string, path: string): { template: string; sets: readonly ScopeSet[] } | undefined {
  const agile = Object.entries(AGILE_SCOPES).find(([key]) => {
    const [m, template] = key.split(' ') as [string, string];
    return m === method && templateMatcher(template).test(path);
  });
  if (agile !== undefined) return { template: agile[0], sets: agile[1] };
  const candidates = Object.keys(spec.paths)
    .filter((template) => templateMatcher(template).test(path) && spec.paths[template]?.[method.toLowerCase()] !== undefined)
    .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  const template = candidates[0];
  if (template === undefined) return undefined;
  return { template: `${method} ${template}`, sets: spec.paths[template]?.[method.toLowerCase()]?.['x-atlassian-oauth2-scopes'] ?? [] };
}

function covered(template: string, sets: readonly ScopeSet[], declared: ReadonlySet<string>): boolean {
  const required = REQUIRED_ANYWAY[template];
  if (required !== undefined) return required.every((scope) => declared.has(scope));
  const current = sets.find((set) => set.state === 'Current');
  // An empty current list means the operation needs no scope beyond the app's install.
  if (current !== undefined && current.scopes.length === 0) return true;
  return sets.some((set) => set.scopes.length > 0 && set.scopes.every((scope) => declared.has(scope)));
}

function describeSets(sets: readonly ScopeSet[]): string {
  return sets.map((set) => `${set.scopes.join(' + ') || '(none)'} [${set.state}]`).join(' or ');
}

const manifest = parseYaml(readFileSync(join(import.meta.dirname, '../../../manifest.yml'), 'utf8')) as { permissions?: { scopes?: string[] } };
const declared = new Set(manifest.permissions?.scopes ?? []);

describe('Jira scopes of every client call', () => {
  const spec = readJiraFixture('openapi/jira-platform-v3.trimmed.json') as Spec;

  it('each call is a documented operation with a classic scope, and the manifest declares one of them', async () => {
    const calls = await everyCall();
    const problems: string[] = [];
    const needed = new Set<string>();
    for (const call of calls) {
      const path = call.path.split('?')[0] ?? '';
      const found = scopesFor(spec, call.method, path);
      if (found === undefined || found.sets.length === 0) {
        problems.push(`${call.method} ${path}: not an operation of the spec with scopes`);
        continue;
      }
      needed.add(found.template);
      if (!covered(found.template, found.sets, declared)) {
        problems.push(`${found.template} needs ${REQUIRED_ANYWAY[found.template]?.join(' + ') ?? describeSets(found.sets)}; manifest.yml declares ${[...declared].join(', ') || 'none'}`);
      }
    }
    expect(needed.size).toBeGreaterThanOrEqual(15);
    expect(problems).toEqual([]);
  });

  it('the matcher reads real scopes (so the check above means something)', () => {
    expect(scopesFor(spec, 'POST', '/rest/api/3/search/jql')?.sets).toContainEqual({ scheme: 'OAuth2', scopes: ['read:jira-work'], state: 'Current' });
    expect(covered('PUT /rest/api/3/issue/{issueIdOrKey}', scopesFor(spec, 'PUT', '/rest/api/3/issue/TL-1')?.sets ?? [], new Set(['read:jira-work']))).toBe(false);
    expect(covered('PUT /rest/api/3/issue/{issueIdOrKey}', scopesFor(spec, 'PUT', '/rest/api/3/issue/TL-1')?.sets ?? [], new Set(['write:jira-work']))).toBe(true);
    expect(scopesFor(spec, 'POST', '/rest/api/3/issue/bulkfetch')?.template).toBe('POST /rest/api/3/issue/bulkfetch');
  });

  it('the hand-written Agile scopes name operations of Jira Software\'s description that only read', () => {
    const software = readJiraFixture('openapi/jira-software.trimmed.json') as Spec;
    for (const key of Object.keys(AGILE_SCOPES)) {
      const [method, template] = key.split(' ') as [string, string];
      expect(software.paths[template]?.[method.toLowerCase()]?.['x-atlassian-connect-scope'], key).toBe('READ');
    }
  });
});
