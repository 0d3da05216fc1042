/**
 * The repository stands on its own: someone who clones it with nothing beside it gets the whole
 * project. No file of the project points outside it, except to the one optional corpus that is
 * too large to vendor (Deep-SE issue texts), which the tools and tests that use it name as optional.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const thisFile = relative(root, fileURLToPath(import.meta.url));

const FOLDERS = ['src', 'dev', 'test', 'bench', 'static', 'docs'];
const ROOT_FILES = ['README.md', 'package.json', 'manifest.yml'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'test-results', '.data']);
const TEXT = /\.(?:ts|tsx|js|mjs|cjs|json|md|yml|yaml|html|css)$/;

/** A reference to the folder beside the checkout, written as a path or as path segments. */
const OUTSIDE = /\.\.\/shared\b|\.\.\/\.\.\/\.\.\/shared\b|\bshared\/(?:jira|docs)\b|'shared',\s*'jira'/;

/** The optional Deep-SE corpus, and the bench and dev code of the optional real-text runs. */
function allowed(file: string, line: string): boolean {
  if (/shared\/jira\/datasets\/deep-se/.test(line)) return true;
  const realTextRun = file.startsWith('bench/') || file.startsWith('dev/datasets/') || file.startsWith('dev/demo-data/');
  return realTextRun && /deep-se/i.test(line);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIPPED_FOLDERS.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return TEXT.test(name) ? [relative(root, path)] : [];
  });
}

describe('a repository that stands on its own', () => {
  it('no file of the project points outside the repository (except the optional Deep-SE corpus)', () => {
    const files = [...FOLDERS.flatMap((folder) => filesUnder(join(root, folder))), ...ROOT_FILES].filter((file) => file !== thisFile);
    const outside: string[] = [];
    for (const file of files) {
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (OUTSIDE.test(line) && !allowed(file, line)) outside.push(`${file}:${index + 1}: ${line.trim().slice(0, 160)}`);
        });
    }
    expect(outside).toEqual([]);
  });

  it('the check recognises what it forbids', () => {
    expect(OUTSIDE.test('read ../shared/jira/openapi/jira-platform-v3.json')).toBe(true);
    expect(OUTSIDE.test("resolve(repoRoot, '..', 'shared', 'jira')")).toBe(true);
    expect(OUTSIDE.test('described in `../shared/docs/PRODUCT.md`')).toBe(true);
    expect(allowed('dev/datasets/deep-se.ts', "new URL('../../../shared/jira/datasets/deep-se', import.meta.url)")).toBe(true);
    expect(allowed('src/jira/fields.ts', 'see ../shared/jira/fields')).toBe(false);
  });
});
