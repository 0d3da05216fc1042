/**
 * The boundaries ARCHITECTURE.md promises, checked on every run: what the manifest names exists,
 * what the contract promises is defined, and the domain stays pure.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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

describe('README', () => {
  it('documents the default readiness rules exactly as src/domain/readiness/DEFAULT-RULES.md states them', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const rules = readFileSync(join(root, 'src/domain/readiness/DEFAULT-RULES.md'), 'utf8');
    const table = rules.split('\n').filter((line) => line.startsWith('| '));
    expect(table.length).toBeGreaterThan(10);
    for (const line of table) expect(readme).toContain(line);
  });
});
