/**
 * Finds acceptance criteria the way PRODUCT.md defines them, in this order:
 * 1. a configured field that holds something (a string or ADF);
 * 2. in the description, a heading, a bold-only line or a "Label:" line naming acceptance
 *    criteria ("Acceptance criteria", "AC", "Definition of done"…, configurable) followed by
 *    content, a table or a task list; a table whose header names them. A label may open any
 *    line, also one after a hard break inside a paragraph. A line that is only the label, without
 *    a colon, counts when at least three words of criteria follow it. Short abbreviations ("AC",
 *    "ACs", "A/C") match only as written: "ACS:" (Appcelerator Cloud Services) is not a label.
 *    A label ending in "when" ("Done when") takes the rest of its line as the criteria;
 * 3. a task list anywhere;
 * 4. a Given/When/Then scenario: consecutive step lines (Given, When, Then, And, But, each at the
 *    start of a line after a bullet or number if any, English, any case; blank lines may sit
 *    between) that open with Given and reach a Then. A scenario without Given counts only when
 *    its When and Then are list items: a bug report's "When I click… Then it crashes" is prose.
 *    A step line that holds a second sentence or ends with a question mark is prose too.
 * The answer says how they were found, with a short excerpt, or why none were found.
 * Why each of these rules exists, with the real issues behind it: docs/real-data-readiness.md.
 */
import { countWords } from './count-words';
import { givenWhenThen } from './given-when-then';
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
  'A/C',
  'Definition of done',
  'Success criteria',
  'Done when',
];

/** Labels normalised once (lower case, single spaces, longest first so "ACs" wins over "AC"). */
export interface AcceptanceLabels {
  readonly labels: readonly string[];
  /** First letters of the labels, for a quick rejection of the many blocks that start otherwise. */
  readonly initials: string;
  /**
   * Abbreviations (at most four characters, no space, a capital letter: "AC", "ACs", "A/C"), as
   * written, by their lower-case form: they match only with that case, so "ACS:" is not "ACs".
   */
  readonly exact: ReadonlyMap<string, readonly string[]>;
}

const FORMAT_CHARS = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const SPACES = /\s+/g;
const ODD_SPACING = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]|\s\s|[^\S ]/;

export function acceptanceLabels(labels: readonly string[] = DEFAULT_ACCEPTANCE_LABELS): AcceptanceLabels {
  const cleaned = labels.map((label) => label.replace(FORMAT_CHARS, '').replace(SPACES, ' ').trim()).filter((label) => label !== '');
  const unique = [...new Set(cleaned.map((label) => label.toLowerCase()))].sort((a, b) => b.length - a.length);
  // An abbreviation written in capitals is matched as written; written all in lower case, in any case.
  const exact = new Map<string, string[]>();
  const anyCase = new Set<string>();
  for (const label of cleaned) {
    const lower = label.toLowerCase();
    if (label.length <= 4 && !label.includes(' ') && label !== lower) exact.set(lower, [...(exact.get(lower) ?? []), label]);
    else anyCase.add(lower);
  }
  for (const lower of anyCase) exact.delete(lower);
  return { labels: unique, initials: [...new Set(unique.map((label) => label.charAt(0)))].join(''), exact };
}

const DEFAULT_LABELS = acceptanceLabels();

const BULLET = /^(?:[-*•+>#]+|\d{1,3}[.)])\s+/;
// After the label: an optional "(AC)", a stray bold marker, then a colon or dashes ("--Success criteria--") and the rest.
const AFTER_LABEL = /^(?:\s*\([^)]{0,40}\))?\s*\**\s*([:\-–—]{0,3})\s*\**\s*(.*)$/s;
// "Acceptance Criteria # XD should…": a list whose line breaks were lost, right after the label.
const LIST_AFTER_LABEL = /^\s+[#*•]\s+(\S.*)$/s;
// "Done when the image is stored": a label ending in "when" needs no colon before its condition.
const ENDS_WITH_WHEN = / when$/;
// Bounds the work on a document that repeats the label thousands of times.
const MAX_ANCHORS = 50;
const PLACEHOLDER = /^(?:tbd|tba|todo|to do|n\/?a|none|-+|\?+|\.+|…)\.?$/i;
/** Words of criteria a bare label line (no colon, not bold, not a heading) needs under it. */
const BARE_LABEL_WORDS = 3;

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

/** The character at `at` is the first letter of a label, any case; no string made for ASCII (it runs on every line). */
function isInitial(initials: string, text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c >= 128) return initials.includes(text.charAt(at).toLowerCase());
  const lower = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  for (let i = 0; i < initials.length; i++) if (initials.charCodeAt(i) === lower) return true;
  return false;
}

const ODD_CHAR = /[\s\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;

/**
 * `text` from `at` may start with `label` (lower case): it does, any case, or it differs first at
 * a space or an invisible character, which the normalising path then judges. Compares characters
 * in place: it runs on every line that starts with a label's first letter.
 */
function mayStartWith(text: string, at: number, end: number, label: string): boolean {
  if (at + label.length > end) return false; // spaces and invisible characters only make a label longer
  for (let i = 0; i < label.length; i++) {
    const c = text.charCodeAt(at + i);
    const want = label.charCodeAt(i);
    if (c < 128) {
      if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) === want) continue;
      return c <= 0x20;
    }
    const char = text.charAt(at + i);
    if (char.toLowerCase() === label.charAt(i)) continue;
    return ODD_CHAR.test(char);
  }
  return true;
}

/** The label that opens the line `text[from, end)`, if one does. */
function matchLabel(text: string, from: number, end: number, labels: AcceptanceLabels): LabelMatch | undefined {
  // Cheap tests first: almost no line starts with a label, so look at its first letter, then a few characters.
  let lead = from;
  const leadEnd = Math.min(end, from + 64);
  while (lead < leadEnd && isLead(text.charCodeAt(lead))) lead++;
  if (lead >= end || !isInitial(labels.initials, text, lead)) return undefined;
  if (!labels.labels.some((label) => mayStartWith(text, lead, end, label))) return undefined;
  const head = text.slice(lead, Math.min(end, lead + 64)).toLowerCase();
  if (!labels.labels.some((label) => head.startsWith(label))) {
    // Only a head with invisible characters or odd spacing can still hold a label.
    if (!ODD_SPACING.test(head)) return undefined;
    const normal = head.replace(FORMAT_CHARS, '').replace(SPACES, ' ');
    if (!labels.labels.some((label) => normal.startsWith(label))) return undefined;
  }
  const line = text
    .slice(from, Math.min(end, from + 400))
    .replace(FORMAT_CHARS, '')
    .replace(SPACES, ' ')
    .trim()
    .replace(BULLET, '')
    .replace(/^[-*•+>#]+\s*/, ''); // "**Acceptance criteria**", "--Success criteria--"
  const lower = line.toLowerCase();
  for (const label of labels.labels) {
    if (!lower.startsWith(label)) continue;
    const forms = labels.exact.get(label);
    if (forms !== undefined && !forms.includes(line.slice(0, label.length))) continue; // "ACS:" is not "ACs:"
    const after = line.slice(label.length);
    if (/^[\p{L}\p{N}]/u.test(after)) continue; // "ACME", "Acceptance criteriaX": not the label
    const parts = AFTER_LABEL.exec(after);
    if (parts === null) continue;
    let colon = (parts[1] ?? '') !== '';
    let rest = (parts[2] ?? '').trim();
    if (rest === '') return { alone: true, colon, rest };
    if (!colon) {
      const list = LIST_AFTER_LABEL.exec(after);
      if (list !== null) {
        colon = true;
        rest = (list[1] ?? '').trim();
      } else if (ENDS_WITH_WHEN.test(label)) {
        return { alone: false, colon: true, rest: after.trim() };
      }
    }
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
  if (!/\S/.test(reading.text)) {
    return { found: false, reason: `${fieldNote}the description is ${reading.source === 'invalid' ? 'unreadable' : 'empty'}` };
  }
  const text = reading.text;

  let emptyAnchor: Anchor | undefined;
  let anchorsLeft = MAX_ANCHORS;
  for (const block of reading.blocks) {
    if (block.kind === 'code') continue;
    // Every line of the block: a label often follows a hard break ("…the password.\nAcceptance criteria:").
    // Lines of the block's own text (a string's heading is its title, without "h3."), placed in the whole text.
    const own = block.text;
    let line = 0;
    while (line < own.length) {
      const newline = own.indexOf('\n', line);
      const localEnd = newline === -1 ? own.length : newline;
      const localStart = line;
      line = localEnd + 1;
      const match = matchLabel(own, localStart, localEnd, labels);
      if (match === undefined) continue;
      if (anchorsLeft-- === 0) break;
      if (!match.alone) {
        if (hasContent(match.rest)) return { found: true, method: 'label-line', excerpt: excerptOf(match.rest) };
        continue;
      }
      const firstLine = localStart === 0;
      const lineEnd = localEnd === own.length ? block.end : Math.min(block.end, block.start + localEnd);
      let anchor: Anchor;
      let bare = false;
      if (block.kind === 'heading' && firstLine) {
        const heading = reading.headings.find((h) => h.sectionStart === block.end);
        anchor = { block, method: 'heading', scopeStart: block.end, scopeEnd: heading?.sectionEnd ?? text.length };
      } else if (block.boldOnly || match.colon || !block.inTable) {
        // A plain line that only says "Acceptance criteria" (no colon, not bold) is a label when criteria follow it.
        bare = !block.boldOnly && !match.colon;
        anchor = {
          block,
          method: block.boldOnly ? 'bold-label' : 'label-line',
          scopeStart: lineEnd,
          scopeEnd: nextHeadingStart(reading, lineEnd),
        };
      } else {
        continue; // a table cell that only says "AC" is a header, read with its table below
      }
      const { scopeStart, scopeEnd } = anchor;
      const table = reading.tables.find((t) => t.start >= scopeStart && t.start < scopeEnd && t.rows.some((row) => row.some(hasContent)));
      if (table !== undefined) {
        return { found: true, method: 'table', excerpt: excerptOf([...table.headers, ...(table.rows[0] ?? [])].join(' | ')) };
      }
      // The opening of the section is enough to tell content from a placeholder.
      const scoped = text.slice(scopeStart, Math.min(scopeEnd, scopeStart + 2_000));
      if (bare ? countWords(scoped, BARE_LABEL_WORDS) >= BARE_LABEL_WORDS : hasContent(scoped)) {
        return { found: true, method: anchor.method, excerpt: excerptOf(scoped) };
      }
      if (!bare) emptyAnchor ??= anchor;
    }
    if (anchorsLeft < 0) break;
  }

  for (const table of reading.tables) {
    if (!table.headers.some((header) => matchLabel(header, 0, header.length, labels)?.alone === true)) continue;
    if (table.rows.some((row) => row.some(hasContent))) {
      return { found: true, method: 'table', excerpt: excerptOf(table.rows.map((row) => row.join(' | ')).join(' ')) };
    }
  }

  const taskList = reading.taskLists.find((list) => list.items.some((item) => hasContent(item.text)));
  if (taskList !== undefined) {
    return { found: true, method: 'task-list', excerpt: excerptOf(taskList.items.map((item) => item.text).join('; ')) };
  }

  const gherkin = givenWhenThen(reading);
  if (gherkin !== undefined) return { found: true, method: 'given-when-then', excerpt: excerptOf(gherkin) };

  if (emptyAnchor !== undefined) {
    const what = emptyAnchor.method === 'heading' ? 'heading' : 'line';
    return { found: false, reason: `${fieldNote}the "${excerptOf(emptyAnchor.block.text, 40)}" ${what} has nothing under it` };
  }
  return { found: false, reason: `${fieldNote}no heading, task list or Given/When/Then found in the description` };
}
