/**
 * What the app reads out of an issue's rich text, whether Jira sent ADF (REST v3) or a plain
 * string (REST v2, wiki markup, older data). Every rule that looks at a description works on
 * this shape, so the document is walked once per issue.
 */
import { countWords } from './count-words';

/** A textblock of the document: a paragraph, heading, code block or task item; one line of a string. */
export interface TextBlock {
  readonly kind: 'paragraph' | 'heading' | 'code' | 'task' | 'other';
  /** Heading level 1–6; 0 for anything that is not a heading. */
  readonly level: number;
  /** Every visible character of the block is bold (ADF strong mark, wiki `*…*`, Markdown `**…**`). */
  readonly boldOnly: boolean;
  /** Inside a table cell. */
  readonly inTable: boolean;
  /** Inside a list item (ADF bullet or ordered list); in a string, a line that starts with a list marker (`-`, `*`, `+`, `•`, `#`, `1.`). */
  readonly inList: boolean;
  /** Offsets of the block's text in `DescriptionReading.text` (end exclusive). */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Heading {
  readonly level: number;
  readonly text: string;
  /** Offset of the heading's own line in the text. */
  readonly start: number;
  /** Text of the blocks after the heading until the next heading of the same or a higher level. */
  readonly section: string;
  readonly sectionStart: number;
  readonly sectionEnd: number;
}

export interface TaskItem {
  readonly text: string;
  readonly done: boolean;
}

export interface TaskList {
  readonly start: number;
  readonly items: readonly TaskItem[];
  readonly done: number;
}

export interface Table {
  readonly start: number;
  /** Cells of the first row made only of header cells (`tableHeader`, wiki `||`, Markdown header row). */
  readonly headers: readonly string[];
  /** The other rows, cell texts in order. */
  readonly rows: readonly (readonly string[])[];
}

export interface CodeBlock {
  readonly language: string | undefined;
  readonly text: string;
}

export interface Mention {
  readonly id: string | undefined;
  readonly text: string;
}

export interface Link {
  readonly url: string;
  /** `mark` for a link mark on text, `card` for inline, block and embed cards, `text` for a URL in plain text. */
  readonly kind: 'mark' | 'card' | 'text';
}

export interface DescriptionReading {
  /** `adf` and `text` were read; `empty` means no description; `invalid` means the value was not readable. */
  readonly source: 'adf' | 'text' | 'empty' | 'invalid';
  /** Plain text, one line per block; capped (see `truncated`). */
  readonly text: string;
  /** Words of `text` (see countWords); counted on first read, as readiness often only needs "at least N". */
  readonly wordCount: number;
  readonly blocks: readonly TextBlock[];
  readonly headings: readonly Heading[];
  readonly taskLists: readonly TaskList[];
  readonly tables: readonly Table[];
  readonly codeBlocks: readonly CodeBlock[];
  readonly mentions: readonly Mention[];
  readonly links: readonly Link[];
  /** The text, a list or the node count hit its cap: what was read is a prefix of the document. */
  readonly truncated: boolean;
  /** What was odd about the input, each said once (at most a few); empty for a clean document. */
  readonly problems: readonly string[];
}

export interface ReadOptions {
  /** Characters of text kept; default 1,000,000 (about 1 MB). */
  readonly maxTextLength?: number;
  /** Nodes visited before giving up; default 1,000,000, which bounds the time on any input. */
  readonly maxNodes?: number;
  /** Entries kept per list (blocks, headings, mentions, links…); default 10,000. */
  readonly maxItems?: number;
}

export const DEFAULT_MAX_TEXT_LENGTH = 1_000_000;
export const DEFAULT_MAX_NODES = 1_000_000;
export const DEFAULT_MAX_ITEMS = 10_000;
export const MAX_PROBLEMS = 10;

/**
 * A reading whose word count is computed when first asked for: readiness mostly needs "at least
 * N words", which it counts itself with an early stop. A class (a getter on the prototype) and
 * not an object literal with a getter: V8 makes those fifteen times slower to create, and
 * readiness creates tens of thousands. `toJSON` keeps the count in JSON.
 */
class Reading implements DescriptionReading {
  readonly source: DescriptionReading['source'];
  readonly text: string;
  readonly blocks: readonly TextBlock[];
  readonly headings: readonly Heading[];
  readonly taskLists: readonly TaskList[];
  readonly tables: readonly Table[];
  readonly codeBlocks: readonly CodeBlock[];
  readonly mentions: readonly Mention[];
  readonly links: readonly Link[];
  readonly truncated: boolean;
  readonly problems: readonly string[];
  private words: number | undefined;

  constructor(parts: Omit<DescriptionReading, 'wordCount'>) {
    this.source = parts.source;
    this.text = parts.text;
    this.blocks = parts.blocks;
    this.headings = parts.headings;
    this.taskLists = parts.taskLists;
    this.tables = parts.tables;
    this.codeBlocks = parts.codeBlocks;
    this.mentions = parts.mentions;
    this.links = parts.links;
    this.truncated = parts.truncated;
    this.problems = parts.problems;
  }

  get wordCount(): number {
    return (this.words ??= countWords(this.text));
  }

  toJSON(): DescriptionReading {
    const { source, text, wordCount, blocks, headings, taskLists, tables, codeBlocks, mentions, links, truncated, problems } = this;
    return { source, text, wordCount, blocks, headings, taskLists, tables, codeBlocks, mentions, links, truncated, problems };
  }
}

export function readingOf(parts: Omit<DescriptionReading, 'wordCount'>): DescriptionReading {
  return new Reading(parts);
}

export function emptyReading(source: 'empty' | 'invalid', problems: readonly string[] = []): DescriptionReading {
  return readingOf({
    source,
    text: '',
    blocks: [],
    headings: [],
    taskLists: [],
    tables: [],
    codeBlocks: [],
    mentions: [],
    links: [],
    truncated: false,
    problems,
  });
}

/** Offsets of headings in document order → their sections, in one pass with a stack. */
export function headingsWithSections(
  text: string,
  raw: readonly { readonly level: number; readonly text: string; readonly start: number; readonly end: number }[],
): Heading[] {
  const sectionEnds = new Array<number>(raw.length).fill(text.length);
  const open: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const level = raw[i]?.level ?? 0;
    while (open.length > 0) {
      const top = open[open.length - 1] ?? 0;
      if ((raw[top]?.level ?? 0) < level) break;
      sectionEnds[top] = raw[i]?.start ?? text.length;
      open.pop();
    }
    open.push(i);
  }
  return raw.map((heading, i) => {
    const sectionStart = Math.min(heading.end, text.length);
    const sectionEnd = Math.max(sectionStart, sectionEnds[i] ?? text.length);
    return {
      level: heading.level,
      text: heading.text,
      start: heading.start,
      section: text.slice(sectionStart, sectionEnd).trim(),
      sectionStart,
      sectionEnd,
    };
  });
}
