/**
 * Finds acceptance criteria the way PRODUCT.md defines them, in this order:
 * 1. a configured field that holds something (a string or ADF);
 * 2. in the description, a heading, a bold-only line or a "Label:" line naming acceptance
 *    criteria ("Acceptance criteria", "AC", "Definition of done"…, configurable) followed by
 *    content, a table or a task list; a table whose header names them;
 * 3. a task list anywhere;
 * 4. Given/When/Then lines: a Given or When line, then later a Then line, each at the start of
 *    a line (after a bullet or number if any), English, any case.
 * The answer says how they were found, with a short excerpt, or why none were found.
 */
import { readDescription } from './read-description';
import type { DescriptionReading, TextBlock } from './reading';

export type AcceptanceCriteriaMethod =
  | 'field'
  | 'heading'
  | 'bold-label'
  | 'label-line'
  | 'table'
  | 'task-list'
  | 'given-when-then';

export type AcceptanceCriteria =
  | { readonly found: true; readonly method: AcceptanceCriteriaMethod; readonly excerpt: string }
  | { readonly found: false; readonly reason: string };

export const DEFAULT_ACCEPTANCE_LABELS: readonly string[] = [
  'Acceptance criteria',
  'Acceptance criterion',
  'AC',
  'ACs',
  'Definition of done',
];

/** Labels normalised once (lower case, single spaces, longest first so "ACs" wins over "AC"). */
export interface AcceptanceLabels {
  readonly labels: readonly string[];
  /** First letters of the labels, for a quick rejection of the many blocks that start otherwise. */
  readonly initials: string;
}

const FORMAT_CHARS = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const SPACES = /\s+/g;
const ODD_SPACING = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]|\s\s|[^\S ]/;

export function acceptanceLabels(labels: readonly string[] = DEFAULT_ACCEPTANCE_LABELS): AcceptanceLabels {
  const normalised = labels
    .map((label) => label.replace(FORMAT_CHARS, '').replace(SPACES, ' ').trim().toLowerCase())
    .filter((label) => label !== '');
  const unique = [...new Set(normalised)].sort((a, b) => b.length - a.length);
  return { labels: unique, initials: [...new Set(unique.map((label) => label.charAt(0)))].join('') };
}

const DEFAULT_LABELS = acceptanceLabels();

const BULLET = /^(?:[-*•+>#]+|\d{1,3}[.)])\s+/;
// After the label: an optional "(AC)", a stray bold marker, then a colon or dash and the rest.
const AFTER_LABEL = /^(?:\s*\([^)]{0,40}\))?\s*\**\s*([:\-–—]?)\s*\**\s*(.*)$/s;
// Bounds the work on a document that repeats the label thousands of times.
const MAX_ANCHORS = 50;
const PLACEHOLDER = /^(?:tbd|tba|todo|to do|n\/?a|none|-+|\?+|\.+|…)\.?$/i;

interface LabelMatch {
  /** The label stands alone on its line (maybe with a colon): what follows it is the content. */
  readonly alone: boolean;
  readonly colon: boolean;
  /** Text after "Label:" on the same line. */
  readonly rest: string;
}

/** What may come before a label on its line: spaces, bullets, numbering, bold markers, invisible characters. */
function isLead(c: number): boolean {
  return (
    c <= 32 ||
    c === 0x2a || // *
    c === 0x23 || // #
    c === 0x3e || // >
    c === 0x2b || // +
    c === 0x2d || // -
    c === 0x2e || // .
    c === 0x29 || // )
    (c >= 0x30 && c <= 0x39) ||
    c === 0xa0 ||
    c === 0xad ||
    c === 0x2022 || // •
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2064) ||
    c === 0xfeff
  );
}

function matchLabel(text: string, labels: AcceptanceLabels): LabelMatch | undefined {
  // Cheap tests first: almost no block starts with a label, so look at its first letter, then a few characters.
  let lead = 0;
  while (lead < text.length && lead < 64 && isLead(text.charCodeAt(lead))) lead++;
  if (!labels.initials.includes(text.charAt(lead).toLowerCase())) return undefined;
  const head = text.slice(lead, lead + 64).toLowerCase();
  if (!labels.labels.some((label) => head.startsWith(label))) {
    // Only a head with invisible characters or odd spacing can still hold a label.
    if (!ODD_SPACING.test(head)) return undefined;
    const normal = head.replace(FORMAT_CHARS, '').replace(SPACES, ' ');
    if (!labels.labels.some((label) => normal.startsWith(label))) return undefined;
  }
  const line = text.slice(0, 400).replace(FORMAT_CHARS, '').replace(SPACES, ' ').trim().replace(BULLET, '').replace(/^\*+\s*/, '');
  const lower = line.toLowerCase();
  for (const label of labels.labels) {
    if (!lower.startsWith(label)) continue;
    const after = line.slice(label.length);
    if (/^[\p{L}\p{N}]/u.test(after)) continue; // "ACME", "Acceptance criteriaX": not the label
    const parts = AFTER_LABEL.exec(after);
    if (parts === null) continue;
    const colon = (parts[1] ?? '') !== '';
    const rest = (parts[2] ?? '').trim();
    if (rest === '') return { alone: true, colon, rest };
    if (colon) return { alone: false, colon, rest };
  }
  return undefined;
}

function hasContent(text: string): boolean {
  const trimmed = text.trim();
  // Placeholders are short; testing only short text keeps the pattern linear on any input.
  return trimmed !== '' && (trimmed.length > 16 || !PLACEHOLDER.test(trimmed));
}

function excerptOf(text: string, max = 160): string {
  // Never flatten a megabyte to show 160 characters of it.
  const head = text.length > max * 8 ? text.slice(0, max * 8) : text;
  const flat = head.replace(FORMAT_CHARS, '').replace(SPACES, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Start of the first heading after `after` (headings are in document order), or the end of the text. */
function nextHeadingStart(reading: DescriptionReading, after: number): number {
  const headings = reading.headings;
  let low = 0;
  let high = headings.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((headings[middle]?.start ?? 0) < after) low = middle + 1;
    else high = middle;
  }
  return headings[low]?.start ?? reading.text.length;
}

// Tried (sticky) at the first letter of a line once `keywordStart` found one: no leading part to backtrack over.
const GIVEN_WHEN_THEN = /(given|when|then)\**[ \t:,]+\S/iy;

/**
 * Where a line's first letter is, if it may open with Given, When or Then: past spaces, bullets,
 * numbering and bold markers; -1 otherwise. A loop, not a regex, so a line of a million spaces
 * costs a million steps, not a million squared.
 */
function keywordStart(text: string, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    const bulletOrSpace =
      c === 0x20 || c === 0x09 || c === 0x2a || c === 0x23 || c === 0x3e || c === 0x2b || // space tab * # > +
      c === 0x2d || c === 0x2e || c === 0x29 || (c >= 0x30 && c <= 0x39) || c === 0x2022; // - . ) digits •
    if (bulletOrSpace) continue;
    const letter = c | 0x20; // lower case for ASCII letters
    return letter === 0x67 || letter === 0x77 || letter === 0x74 ? i : -1; // g, w, t
  }
  return -1;
}

/** Steps of one scenario sit together: a Then further than this many lines from its Given/When is a coincidence of prose. */
const SCENARIO_SPAN = 8;

function givenWhenThen(text: string): string | undefined {
  let first = -1; // offset of the Given/When line that opens the current scenario
  let lastStep = -SCENARIO_SPAN - 1; // line number of the latest Given/When
  let lineNumber = 0;
  let line = 0;
  while (line < text.length) {
    const lineEnd = text.indexOf('\n', line);
    const end = lineEnd === -1 ? text.length : lineEnd;
    const start = keywordStart(text, line, end);
    if (start !== -1) {
      GIVEN_WHEN_THEN.lastIndex = start;
      const match = GIVEN_WHEN_THEN.exec(text);
      if (match !== null) {
        const near = lineNumber - lastStep <= SCENARIO_SPAN;
        if ((match[1] ?? '').toLowerCase() !== 'then') {
          if (!near) first = line;
          lastStep = lineNumber;
        } else if (first !== -1 && near) {
          return excerptOf(text.slice(first, end));
        }
      }
    }
    line = end + 1;
    lineNumber++;
  }
  return undefined;
}

export interface FindAcceptanceCriteriaOptions {
  /** The configured acceptance-criteria field, when there is one: its value (string, ADF or empty) and name. */
  readonly field?: { readonly value: unknown; readonly name?: string };
  readonly labels?: AcceptanceLabels | readonly string[];
  /** The description already read, to avoid reading it twice. */
  readonly reading?: DescriptionReading;
}

interface Anchor {
  readonly block: TextBlock;
  readonly method: 'heading' | 'bold-label' | 'label-line';
  readonly scopeStart: number;
  readonly scopeEnd: number;
}

export function findAcceptanceCriteria(description: unknown, options: FindAcceptanceCriteriaOptions = {}): AcceptanceCriteria {
  const labels =
    options.labels === undefined ? DEFAULT_LABELS : 'labels' in options.labels ? options.labels : acceptanceLabels(options.labels);

  let fieldNote = '';
  if (options.field !== undefined) {
    const field = readDescription(options.field.value);
    const withItems = field.taskLists.some((list) => list.items.length > 0);
    if (field.text.trim() !== '' || withItems) {
      return { found: true, method: 'field', excerpt: excerptOf(field.text) };
    }
    fieldNote = `the ${options.field.name ?? 'acceptance criteria'} field is empty and `;
  }

  const reading = options.reading ?? readDescription(description);
  if (reading.text.trim() === '') {
    return { found: false, reason: `${fieldNote}the description is ${reading.source === 'invalid' ? 'unreadable' : 'empty'}` };
  }
  const text = reading.text;

  let emptyAnchor: Anchor | undefined;
  let anchorsLeft = MAX_ANCHORS;
  for (const block of reading.blocks) {
    if (block.kind === 'code') continue;
    const match = matchLabel(block.text, labels);
    if (match === undefined) continue;
    if (anchorsLeft-- === 0) break;
    if (!match.alone) {
      if (hasContent(match.rest)) return { found: true, method: 'label-line', excerpt: excerptOf(match.rest) };
      continue;
    }
    let anchor: Anchor;
    if (block.kind === 'heading') {
      const heading = reading.headings.find((h) => h.sectionStart === block.end);
      anchor = { block, method: 'heading', scopeStart: block.end, scopeEnd: heading?.sectionEnd ?? text.length };
    } else if (block.boldOnly || match.colon) {
      anchor = {
        block,
        method: block.boldOnly ? 'bold-label' : 'label-line',
        scopeStart: block.end,
        scopeEnd: nextHeadingStart(reading, block.end),
      };
    } else {
      continue; // a plain line that only says "AC" is not a label
    }
    const { scopeStart, scopeEnd } = anchor;
    const table = reading.tables.find((t) => t.start >= scopeStart && t.start < scopeEnd && t.rows.some((row) => row.some(hasContent)));
    if (table !== undefined) {
      return { found: true, method: 'table', excerpt: excerptOf([...table.headers, ...(table.rows[0] ?? [])].join(' | ')) };
    }
    // The opening of the section is enough to tell content from a placeholder.
    const scoped = text.slice(scopeStart, Math.min(scopeEnd, scopeStart + 2_000));
    if (hasContent(scoped)) return { found: true, method: anchor.method, excerpt: excerptOf(scoped) };
    emptyAnchor ??= anchor;
  }

  for (const table of reading.tables) {
    if (!table.headers.some((header) => matchLabel(header, labels)?.alone === true)) continue;
    if (table.rows.some((row) => row.some(hasContent))) {
      return { found: true, method: 'table', excerpt: excerptOf(table.rows.map((row) => row.join(' | ')).join(' ')) };
    }
  }

  const taskList = reading.taskLists.find((list) => list.items.some((item) => hasContent(item.text)));
  if (taskList !== undefined) {
    return { found: true, method: 'task-list', excerpt: excerptOf(taskList.items.map((item) => item.text).join('; ')) };
  }

  const gherkin = givenWhenThen(text);
  if (gherkin !== undefined) return { found: true, method: 'given-when-then', excerpt: gherkin };

  if (emptyAnchor !== undefined) {
    const what = emptyAnchor.method === 'heading' ? 'heading' : 'line';
    return { found: false, reason: `${fieldNote}the "${excerptOf(emptyAnchor.block.text, 40)}" ${what} has nothing under it` };
  }
  return { found: false, reason: `${fieldNote}no heading, task list or Given/When/Then found in the description` };
}
