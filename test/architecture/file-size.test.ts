/**
 * No source file over 400 lines without a reason stated at its top. A long file usually does more
 * than one job, and its reader cannot tell which lines belong together; when the length is right
 * (one contract, one state machine that shares its state), the file says why, so the next engineer
 * neither splits it blindly nor keeps growing it without thinking.
 *
 * Counted: the code under src/, static/ and dev/ (TypeScript, JavaScript, HTML) and the
 * stylesheets: a 500-line stylesheet is as hard to review, and it is where copies of shared pieces
 * hide. Not counted: JSON (data such as dev/demo-data/demo.json, generated and never read by a
 * person), Markdown (documentation, whose length follows what it explains), and what is built or
 * installed (dist, node_modules).
 *
 * The reason is a comment line in the first 20 lines that starts "Over 400 lines because" followed
 * by the reason (`// Over 400 lines because …`, ` * Over 400 lines because …`, `/* … *\/`,
 * `<!-- … -->`). A file that shrinks below the limit drops the line, so every reason left is true.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const LIMIT = 400;
const COUNTED = /\.(?:[cm]?[jt]sx?|css|html)$/;
const SKIPPED_FOLDERS = new Set(['dist', 'node_modules']);
/** The reason: a comment line near the top, with at least a few words after "because". */
const REASON = /^\s*(?:\/\/|\/\*+|\*|<!--)\s*Over 400 lines because \S.{15,}/;
const REASON_WITHIN = 20;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && COUNTED.test(entry.name))
    .filter((entry) => !relative(ROOT, entry.parentPath).split(/[\\/]/).some((part) => SKIPPED_FOLDERS.has(part)))
    .map((entry) => join(entry.parentPath, entry.name));
}

function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

const files = ['src', 'static', 'dev'].flatMap((dir) => sourceFiles(join(ROOT, dir))).map((file) => {
  const lines = linesOf(readFileSync(file, 'utf8'));
  return { path: relative(ROOT, file).split('\\').join('/'), lines: lines.length, reason: lines.slice(0, REASON_WITHIN).find((line) => REASON.test(line)) };
});

describe('file size', () => {
  it('sees the source tree', () => {
    expect(files.length).toBeGreaterThan(150);
    expect(files.some((file) => file.path === 'src/contract.ts')).toBe(true);
    expect(files.some((file) => file.path.endsWith('.json') || file.path.includes('/dist/') || file.path.includes('node_modules'))).toBe(false);
  });

  it(`states at its top why a file is over ${String(LIMIT)} lines`, () => {
    const unexplained = files.filter((file) => file.lines > LIMIT && file.reason === undefined).map((file) => `${file.path}: ${String(file.lines)} lines, no "Over ${String(LIMIT)} lines because …" line at its top`);
    expect(unexplained).toEqual([]);
  });

  it('keeps no reason in a file that is no longer over the limit', () => {
    const stale = files.filter((file) => file.lines <= LIMIT && file.reason !== undefined).map((file) => `${file.path}: ${String(file.lines)} lines, drop its "Over ${String(LIMIT)} lines because" line`);
    expect(stale).toEqual([]);
  });

  it('recognises the reason in each comment style, and not a bare marker', () => {
    expect(REASON.test('// Over 400 lines because it is one contract, read in one place.')).toBe(true);
    expect(REASON.test(' * Over 400 lines because the walker shares its state across handlers.')).toBe(true);
    expect(REASON.test('/* Over 400 lines because it still carries copies of the shared kit. */')).toBe(true);
    expect(REASON.test('<!-- Over 400 lines because it is the whole fixture page. -->')).toBe(true);
    expect(REASON.test('// Over 400 lines because')).toBe(false);
    expect(REASON.test('const note = "Over 400 lines because of everything in it";')).toBe(false);
  });
});
