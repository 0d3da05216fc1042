/**
 * The design tokens' CSS, as Jira loads it: light and dark colour themes plus spacing,
 * typography and shape, each scoped by `data-theme` / `data-color-mode` on <html>. Read from
 * @atlaskit/tokens' own theme files, so the shell and the apps use Atlassian's real values.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const THEME_FILES = ['light', 'dark', 'spacing', 'typography', 'shape'] as const;
export type ThemeFile = (typeof THEME_FILES)[number];

/** The `data-theme` value that switches every theme file on. */
export const DATA_THEME = 'dark:dark light:light spacing:spacing typography:typography shape:shape';

const cache = new Map<ThemeFile, string>();

function themesFolder(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@atlaskit/tokens/package.json')), 'dist/esm/artifacts/themes');
}

/** The CSS text of one theme: the file is `export default "<css>";`, a JSON-compatible string. */
export function themeCss(theme: ThemeFile): string {
  const cached = cache.get(theme);
  if (cached !== undefined) return cached;
  const source = readFileSync(join(themesFolder(), `atlassian-${theme}.js`), 'utf8');
  const match = /export default ("(?:[^"\\]|\\.)*");/.exec(source);
  if (match?.[1] === undefined) throw new Error(`@atlaskit/tokens: cannot read the ${theme} theme`);
  const css = JSON.parse(match[1]) as string;
  cache.set(theme, css);
  return css;
}

export function isThemeFile(name: string): name is ThemeFile {
  return (THEME_FILES as readonly string[]).includes(name);
}
