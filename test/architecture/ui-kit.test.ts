/**
 * One UI kit: buttons, lozenges, tables, messages (error states included), empty states, skeletons
 * and form fields are styled in static/common/common.css alone, and put on by the components of
 * static/common/components.tsx. Each app used to carry its own copy of these rules, and the copies
 * had drifted (a primary button with no pressed or disabled look in the sidebar, tables with
 * different headers in settings and on the project page). An app's stylesheet that defines or
 * restyles a kit class, even inside another selector (`.tl-actions .tl-button`), fails here, so a
 * new page gets the kit's look by using its classes and writes no CSS for them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const KIT_STYLESHEET = 'static/common/common.css';
const APPS = ['issue-sidebar', 'project-page', 'settings'] as const;
const FAMILIES = ['button', 'lozenge', 'table', 'message', 'error', 'empty', 'skeleton', 'field'] as const;

/** A kit class in a selector: `.tl-button`, `.tl-button-primary`, but not `.tl-buttons` or `.tl-editor-error`. */
const KIT_CLASS = new RegExp(`\\.tl-(?:${FAMILIES.join('|')})(?:-[\\w-]*)?(?![\\w-])`);

/** The selectors of a stylesheet (comments and declarations dropped; the ones inside @media kept). */
function selectorsOf(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const selectors: string[] = [];
  for (const match of text.matchAll(/([^{};]+)\{/g)) {
    const prelude = (match[1] ?? '').trim();
    if (prelude === '' || prelude.startsWith('@')) continue;
    selectors.push(...prelude.split(',').map((part) => part.trim().replace(/\s+/g, ' ')));
  }
  return selectors;
}

function stylesheets(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.css'))
    .filter((entry) => !entry.parentPath.includes('dist') && !entry.parentPath.includes('node_modules'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

const files = stylesheets(join(ROOT, 'static'));

describe('UI kit', () => {
  it('sees every stylesheet of the apps and the kit', () => {
    expect(files).toContain(KIT_STYLESHEET);
    for (const app of APPS) expect(files).toContain(`static/${app}/src/${app}.css`);
  });

  it('finds a kit class in a selector, and only a kit class', () => {
    expect(selectorsOf('.a,\n.tl-actions .tl-button { margin: 0 } /* .tl-table {} */ @media (x) { .tl-lozenge-done { color: red } }')).toEqual(['.a', '.tl-actions .tl-button', '.tl-lozenge-done']);
    for (const selector of ['.tl-button', '.tl-actions .tl-button:hover', '.tl-table td.tl-num', '.tl-window .tl-table-sticky th', '.tl-field-error', '.tl-empty'])
      expect(KIT_CLASS.test(selector), selector).toBe(true);
    for (const selector of ['.tl-buttons', '.tl-editor-error', '.tl-breakdown th', '.tl-file-button', '.tl-tablet', 'table'])
      expect(KIT_CLASS.test(selector), selector).toBe(false);
  });

  it('defines every kit family in the kit stylesheet', () => {
    const kit = selectorsOf(readFileSync(join(ROOT, KIT_STYLESHEET), 'utf8'));
    for (const family of FAMILIES.filter((name) => name !== 'error')) expect(kit.some((selector) => selector.startsWith(`.tl-${family}`)), family).toBe(true);
  });

  it('styles the kit classes nowhere but the kit stylesheet', () => {
    const outside = files
      .filter((file) => file !== KIT_STYLESHEET)
      .flatMap((file) => selectorsOf(readFileSync(join(ROOT, file), 'utf8')).filter((selector) => KIT_CLASS.test(selector)).map((selector) => `${file}: ${selector}`));
    expect(outside).toEqual([]);
  });

  it('has each app import the kit stylesheet once, before its own', () => {
    for (const app of APPS) {
      const main = readFileSync(join(ROOT, `static/${app}/src/main.tsx`), 'utf8');
      const imports = [...main.matchAll(/^import '([^']+\.css)';$/gm)].map((match) => match[1]);
      expect(imports, app).toEqual(['../../common/common.css', `./${app}.css`]);
    }
  });
});
