/**
 * Every design token the UI uses exists in @atlaskit/tokens, the package that defines Jira's
 * themes. A name that is not there (a legacy `--ds-border-radius`, a typo) silently falls back to
 * the CSS fallback or to nothing, so dark mode and Jira's theming break without a visible error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const tokenNames = (createRequire(import.meta.url)('@atlaskit/tokens/token-names') as { default: Record<string, string> }).default;
const known = new Set(Object.values(tokenNames));

/** The UI's sources: the Custom UI apps and the Jira shell, which hosts them with the same tokens. */
function uiFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(css|tsx?)$/.test(entry.name) && !entry.parentPath.includes('dist') && !entry.parentPath.includes('node_modules'))
    .map((entry) => join(entry.parentPath, entry.name));
}

const files = [...uiFiles(join(ROOT, 'static')), ...uiFiles(join(ROOT, 'dev/shell'))];

describe('design tokens', () => {
  it('finds the token list of @atlaskit/tokens', () => {
    expect(known.size).toBeGreaterThan(300);
    expect(known.has('--ds-text')).toBe(true);
  });

  it('uses only tokens that @atlaskit/tokens defines', () => {
    const unknown: string[] = [];
    let uses = 0;
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/--ds-[a-z0-9-]+/g)) {
        uses += 1;
        if (!known.has(match[0])) unknown.push(`${relative(ROOT, file)}: ${match[0]}`);
      }
    }
    expect(uses).toBeGreaterThan(100);
    expect(unknown).toEqual([]);
  });

  it('would catch a legacy name', () => {
    expect(known.has('--ds-border-radius')).toBe(false);
  });
});
