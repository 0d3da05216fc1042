/**
 * Trims Atlassian's OpenAPI descriptions of Jira Cloud down to the operations Throughline and its
 * emulator use, for test/fixtures/jira/openapi/ (see the README there).
 *
 * Why trimmed: the platform description is 2.4 MB and 600+ operations, of which the app touches
 * about twenty; the repository vendors what its contract tests check, not the whole API.
 *
 * What is kept, so the trimmed file answers exactly as the full one for these operations:
 * - `openapi`, `info`, `servers`, `externalDocs`, `components.securitySchemes`;
 * - each kept operation whole, with its `x-atlassian-oauth2-scopes`, `x-atlassian-connect-scope`,
 *   `x-forge-*` and other extensions (the scope contract test and @forge/lint's PermissionLinter
 *   read them), and its path's shared `parameters`;
 * - every `components.*` entry those operations reference, followed transitively, plus the
 *   schemas the tests check values against by name (EXTRA_SCHEMAS);
 * - the tags the kept operations name.
 * Dropped: every other operation and schema, and `x-atlassian-narrative` (the documentation prose).
 *
 * Which operations: every route the emulator serves (its route tables, so a new emulator route is
 * picked up on the next refresh) plus EXTRA_OPERATIONS. test/contract/jira/fixtures.test.ts fails
 * when a client call or an emulator route is missing from the trimmed files.
 *
 *   npx tsx dev/openapi/trim-spec.ts platform <full swagger-v3.v3.json> test/fixtures/jira/openapi/jira-platform-v3.trimmed.json
 *   npx tsx dev/openapi/trim-spec.ts software <full swagger.v3.json>    test/fixtures/jira/openapi/jira-software.trimmed.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agileRoutes } from '../jira-emulator/handlers/agile';
import { accessRoutes } from '../jira-emulator/handlers/access';
import { bulkAndMetaRoutes } from '../jira-emulator/handlers/bulk-and-meta';
import { issueRoutes } from '../jira-emulator/handlers/issues';
import { searchRoutes } from '../jira-emulator/handlers/search';
import { userRoutes } from '../jira-emulator/handlers/users';
import { rankRoutes } from '../jira-emulator/rank';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export type Product = 'platform' | 'software';

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);
const AGILE_PREFIX = '/rest/agile/';

/**
 * Operations no emulator route serves but a contract test validates real bodies against
 * (test/contract/emulator/real-responses.test.ts: Atlassian's own examples and go-atlassian's recordings).
 */
const EXTRA_OPERATIONS: readonly string[] = ['GET /rest/api/3/field/search', 'POST /rest/api/3/issue/properties/multi'];

/** Schemas the tests check single values against by name (IssueBean.fields is free-form in the spec). */
const EXTRA_SCHEMAS: readonly string[] = [
  'StatusDetails',
  'IssueTypeDetails',
  'Priority',
  'Resolution',
  'UserDetails',
  'ProjectDetails',
  'Votes',
  'Watchers',
  'LinkedIssue',
  'IssueLinkType',
  'JsonTypeBean',
  'JQLCountResultsBean',
  'ErrorCollection',
];

/** `METHOD /template` of every operation kept for one product's description. */
export function operationsFor(product: Product): string[] {
  const routes = [...searchRoutes, ...issueRoutes, ...accessRoutes, ...agileRoutes, ...rankRoutes, ...bulkAndMetaRoutes, ...userRoutes];
  const all = [...routes.map((route) => `${route.method.toUpperCase()} ${route.template}`), ...EXTRA_OPERATIONS];
  const wanted = all.filter((operation) => (operation.split(' ')[1] ?? '').startsWith(AGILE_PREFIX) === (product === 'software'));
  return [...new Set(wanted)].sort();
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every local `$ref` (`#/components/<kind>/<name>`) inside a value. */
function collectRefs(node: Json, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, into);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/')) into.add(value);
    else collectRefs(value, into);
  }
}

export function trimSpec(full: JsonObject, operations: readonly string[], source: string): JsonObject {
  const fullPaths = full.paths;
  const fullComponents = full.components;
  if (!isObject(fullPaths) || !isObject(fullComponents)) throw new Error('Not an OpenAPI description: no paths or components.');

  const paths: JsonObject = {};
  const missing: string[] = [];
  for (const operation of operations) {
    const [method = '', template = ''] = operation.split(' ');
    const item = fullPaths[template];
    const found = isObject(item) ? item[method.toLowerCase()] : undefined;
    if (!isObject(item) || found === undefined) {
      missing.push(operation);
      continue;
    }
    const existing = paths[template];
    const kept: JsonObject = isObject(existing) ? existing : {};
    // Path-level entries (shared parameters, summary) belong to every method of the path.
    for (const [key, value] of Object.entries(item)) if (!HTTP_METHODS.has(key)) kept[key] = value;
    kept[method.toLowerCase()] = found;
    paths[template] = kept;
  }
  if (missing.length > 0) throw new Error(`Not in the full description (renamed or removed by Atlassian?): ${missing.join(', ')}`);

  // Follow references to a fixed point: a schema pulls in the schemas it names.
  const refs = new Set<string>();
  collectRefs(paths, refs);
  for (const name of EXTRA_SCHEMAS) {
    const schemas = fullComponents.schemas;
    if (isObject(schemas) && schemas[name] !== undefined) refs.add(`#/components/schemas/${name}`);
  }
  const done = new Set<string>();
  const components: Record<string, JsonObject> = {};
  while (done.size < refs.size) {
    for (const ref of [...refs]) {
      if (done.has(ref)) continue;
      done.add(ref);
      const [, , kind = '', name = ''] = ref.split('/');
      const fullGroup = fullComponents[kind];
      const value = isObject(fullGroup) ? fullGroup[name] : undefined;
      if (value === undefined) throw new Error(`Dangling reference in the full description: ${ref}`);
      const group = (components[kind] ??= {});
      group[name] = value;
      collectRefs(value, refs);
    }
  }
  const sortedComponents: JsonObject = {};
  for (const kind of Object.keys(components).sort()) {
    const group = components[kind] ?? {};
    sortedComponents[kind] = Object.fromEntries(Object.keys(group).sort().map((name) => [name, group[name] ?? null]));
  }
  if (fullComponents.securitySchemes !== undefined) sortedComponents.securitySchemes = fullComponents.securitySchemes;

  const usedTags = new Set<string>();
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method) || !isObject(operation) || !Array.isArray(operation.tags)) continue;
      for (const tag of operation.tags) if (typeof tag === 'string') usedTags.add(tag);
    }
  }
  const tags = Array.isArray(full.tags) ? full.tags.filter((tag) => isObject(tag) && typeof tag.name === 'string' && usedTags.has(tag.name)) : undefined;

  const out: JsonObject = {};
  for (const key of ['openapi', 'info', 'externalDocs', 'servers']) if (full[key] !== undefined) out[key] = full[key] ?? null;
  out['x-throughline-trimmed'] = {
    note: 'Trimmed by dev/openapi/trim-spec.ts to the operations Throughline and its Jira emulator use; see test/fixtures/jira/README.md.',
    source,
    operations: [...operations],
  };
  if (tags !== undefined) out.tags = tags;
  out.paths = Object.fromEntries(Object.keys(paths).sort().map((template) => [template, paths[template] ?? null]));
  out.components = sortedComponents;
  return out;
}

function main(argv: readonly string[]): void {
  const [product, input, output, source] = argv;
  if ((product !== 'platform' && product !== 'software') || input === undefined || output === undefined) {
    process.stderr.write('usage: npx tsx dev/openapi/trim-spec.ts platform|software <full description.json> <trimmed.json> [source URL]\n');
    process.exit(2);
  }
  const full = JSON.parse(readFileSync(input, 'utf8')) as JsonObject;
  const defaultSource =
    product === 'platform' ? 'https://developer.atlassian.com/cloud/jira/platform/swagger-v3.v3.json' : 'https://developer.atlassian.com/cloud/jira/software/swagger.v3.json';
  const trimmed = trimSpec(full, operationsFor(product), source ?? defaultSource);
  const text = `${JSON.stringify(trimmed, null, 1)}\n`;
  writeFileSync(output, text);
  const schemas = (trimmed.components as JsonObject).schemas;
  process.stdout.write(
    `${output}: ${Object.keys(trimmed.paths as JsonObject).length} paths, ${operationsFor(product).length} operations, ${isObject(schemas) ? Object.keys(schemas).length : 0} schemas, ${Math.round(text.length / 1024)} KB\n`,
  );
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main(process.argv.slice(2));
