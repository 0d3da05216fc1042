/**
 * The boundaries ARCHITECTURE.md promises, checked on every run: what the manifest names exists,
 * what the contract promises is defined, and the domain stays pure.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import * as app from '../../src/index';
import { resolverKeys } from '../../src/contract';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function filesUnder(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, pattern));
    else if (pattern.test(name)) out.push(path);
  }
  return out;
}

function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of source.matchAll(pattern)) {
    const specifier = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (specifier !== undefined) specifiers.push(specifier);
  }
  return specifiers;
}

interface ManifestFunction {
  key: string;
  handler: string;
}

const manifest = parseYaml(readFileSync(join(root, 'manifest.yml'), 'utf8')) as {
  modules: Record<string, { key: string; function?: string; resolver?: { function: string } }[] | undefined> & { function?: ManifestFunction[] };
};

describe('manifest ↔ exports', () => {
  const functions = manifest.modules.function ?? [];

  it('declares at least one function', () => {
    expect(functions.length).toBeGreaterThan(0);
  });

  it.each(functions.map((f) => [f.key, f.handler]))('function %s: handler %s is exported by src/index.ts', (_key, handler) => {
    const [file, exportName] = handler.split('.');
    expect(file).toBe('index');
    expect(typeof (app as Record<string, unknown>)[exportName!]).toBe('function');
  });

  it('every function a module names is declared', () => {
    const keys = new Set(functions.map((f) => f.key));
    for (const [moduleType, entries] of Object.entries(manifest.modules)) {
      if (moduleType === 'function' || !Array.isArray(entries)) continue;
      for (const entry of entries as { key: string; function?: string; resolver?: { function: string } }[]) {
        const named = entry.resolver?.function ?? entry.function;
        if (named !== undefined) expect(keys.has(named), `${moduleType} ${entry.key} → ${named}`).toBe(true);
      }
    }
  });

  it('src/index.ts exports only handlers the manifest names', () => {
    const named = new Set(functions.map((f) => f.handler.split('.')[1]));
    expect(Object.keys(app).filter((name) => !named.has(name))).toEqual([]);
  });
});

describe('contract ↔ resolvers', () => {
  it.each(resolverKeys.map((key) => [key]))('resolver key %s is defined and answers with the envelope', async (key) => {
    // An empty payload is invalid for every resolver: the answer must be the typed error, which
    // proves the key is defined (an undefined key makes @forge/resolver throw).
    const answer = await app.resolver({ call: { functionKey: key, payload: {} }, context: {} });
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('an unknown key is refused by @forge/resolver', async () => {
    await expect(app.resolver({ call: { functionKey: 'no-such-key', payload: {} }, context: {} })).rejects.toThrow();
  });
});

describe('boundaries', () => {
  const domainFiles = filesUnder(join(root, 'src/domain'), /\.tsx?$/);

  it('src/domain imports no platform code, no adapter and no Node I/O', () => {
    const offenders: string[] = [];
    for (const file of domainFiles) {
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        const platform = specifier.startsWith('@forge/') || specifier.startsWith('node:') || ['fs', 'http', 'https', 'net', 'child_process'].includes(specifier);
        const adapter = specifier.startsWith('.') && /(^|\/)(jira|storage|resolvers|events)(\/|$)/.test(resolve(dirname(file), specifier).slice(join(root, 'src').length));
        if (platform || adapter) offenders.push(`${relative(root, file)} → ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('nothing under src/ imports @forge/bridge (it runs in the browser)', () => {
    const offenders = filesUnder(join(root, 'src'), /\.tsx?$/).filter((file) => importsOf(readFileSync(file, 'utf8')).includes('@forge/bridge'));
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });

  it('no eval and no new Function in the app code', () => {
    const offenders = filesUnder(join(root, 'src'), /\.tsx?$/).filter((file) => /\beval\s*\(|new\s+Function\s*\(/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });
});

/**
 * "Runs on Atlassian": the app sends nothing outside Atlassian. No egress, no remote back end,
 * only Forge storage; the manifest declares no way out, and the code that ships has none either.
 */
describe('no egress: nothing leaves Atlassian', () => {
  const full = parseYaml(readFileSync(join(root, 'manifest.yml'), 'utf8')) as Record<string, unknown>;
  const modules = (full.modules ?? {}) as Record<string, unknown>;
  const permissions = (full.permissions ?? {}) as Record<string, unknown>;
  const app = (full.app ?? {}) as Record<string, unknown>;

  it('the manifest has no remotes, auth providers, containers or Connect modules', () => {
    // remotes: Forge Remote back ends; providers: OAuth to outside services; services: Forge
    // containers; connectModules and app.connect: a Connect app's own server.
    const present = ['remotes', 'providers', 'services', 'connectModules'].filter((key) => key in full);
    expect(present).toEqual([]);
    expect(app.connect).toBeUndefined();
  });

  it('the manifest asks for no external permissions (no fetch, images, scripts … outside Atlassian)', () => {
    expect(permissions.external).toBeUndefined();
  });

  it('does not loosen Forge\'s content security policy for the Custom UI (no permissions.content)', () => {
    // With it, 'unsafe-inline' styles or scripts could be allowed; the browser tests run the
    // apps under the policy Forge derives without it (test/e2e/support.ts fails on any violation).
    expect(permissions.content).toBeUndefined();
  });

  it('no module reaches a remote: no endpoint modules, and no function, resolver or module names an endpoint', () => {
    expect(Object.keys(modules).filter((type) => type === 'endpoint' || type.endsWith(':endpoint'))).toEqual([]);
    const offenders: string[] = [];
    for (const [type, entries] of Object.entries(modules)) {
      if (!Array.isArray(entries)) continue;
      for (const entry of entries as Record<string, unknown>[]) {
        const resolverOfModule = (entry.resolver ?? {}) as Record<string, unknown>;
        if ('endpoint' in entry || 'remote' in entry || 'endpoint' in resolverOfModule) offenders.push(`${type} ${String(entry.key)}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('stores data only in Forge storage: the only storage scope is storage:app', () => {
    const scopes = (permissions.scopes ?? []) as unknown[];
    expect(scopes.filter((scope) => typeof scope !== 'string' || (scope.includes('storage') && scope !== 'storage:app'))).toEqual([]);
  });

  const NETWORK_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'undici', 'axios', 'node-fetch', 'cross-fetch', 'got', 'ky', 'ws', 'superagent'];
  const NETWORK_GLOBALS = new Set(['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'sendBeacon', 'invokeRemote', 'invokeService', 'requestRemote']);

  /** Every way out a source file has: network modules it imports, and any mention of a network global or of @forge/api's fetch. */
  function egressOf(fileName: string, source: string): string[] {
    const found: string[] = [];
    for (const specifier of importsOf(source)) {
      const bare = specifier.replace(/^node:/, '');
      if (NETWORK_MODULES.includes(bare) || NETWORK_MODULES.includes(bare.split('/')[0] ?? '')) found.push(`imports ${specifier}`);
    }
    // The syntax tree, not a regex: comments and strings that say "fetch" are not calls.
    const tree = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && NETWORK_GLOBALS.has(node.text)) {
        const { line } = tree.getLineAndCharacterOfPosition(node.getStart(tree));
        found.push(`${node.text} at line ${line + 1}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(tree);
    return found;
  }

  it('the check itself finds plain fetch, @forge/api fetch, http imports and sockets', () => {
    const source = [
      "import https from 'node:https';",
      "import api, { fetch as forgeFetch } from '@forge/api';",
      '// fetch( in a comment is not a call',
      "const text = 'fetch(';",
      'await fetch(url);',
      'await api.fetch(url);',
      'new WebSocket(url);',
    ].join('\n');
    expect(egressOf('probe.ts', source)).toEqual(['imports node:https', 'fetch at line 2', 'fetch at line 5', 'fetch at line 6', 'WebSocket at line 7']);
  });

  it('src/ and the Custom UI reach Jira only through requestJira and store only through @forge/kvs: no fetch, no http, no sockets', () => {
    const files = [...filesUnder(join(root, 'src'), /\.tsx?$/), ...filesUnder(join(root, 'static'), /\.tsx?$/).filter((file) => !file.includes(`${join('/', 'dist')}/`) && !file.endsWith('vite.config.ts') && !file.endsWith('vite.apps.ts'))];
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.flatMap((file) => egressOf(file, readFileSync(file, 'utf8')).map((what) => `${relative(root, file)}: ${what}`));
    expect(offenders).toEqual([]);
  });
});

describe('README', () => {
  it('documents the default readiness rules exactly as src/domain/readiness/DEFAULT-RULES.md states them', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const rules = readFileSync(join(root, 'src/domain/readiness/DEFAULT-RULES.md'), 'utf8');
    const table = rules.split('\n').filter((line) => line.startsWith('| '));
    expect(table.length).toBeGreaterThan(10);
    for (const line of table) expect(readme).toContain(line);
  });
});
