/**
 * Jira wiki markup (the text format of Jira Server and of Jira Cloud's v2 API) → ADF.
 *
 * Blocks: h1.–h6., bq., ----, * / # / - lists (mixed and nested), || and | tables, {code} and
 * {noformat}, {quote}, {panel}, and paragraphs separated by blank lines (a single newline is a
 * line break, as Jira renders it). Line by line with explicit state, so depth costs no stack.
 */
import { AdfWriter, DEFAULT_MAX_DEPTH } from './adf';
import type { AdfDoc, ContainerToken } from './adf';
import { writeInline } from './wiki-inline';

export interface WikiOptions {
  /** Containers nested deeper than this are flattened (their text is kept). */
  readonly maxDepth?: number;
}

// Not the word inside {{monospace}}: `{{code}}` is text.
const BLOCK_MACRO = /(?<!\{)\{(code|noformat|quote|panel)(?::([^}\n]*))?\}(?!\})/g;
const HEADING = /^h([1-6])\.\s*(.*)$/;
const LIST_ITEM = /^([*#]+|-)\s+(.*)$/;

interface ListLevel {
  readonly type: 'bulletList' | 'orderedList';
  readonly list: ContainerToken;
  item: ContainerToken | undefined;
}

/** `{code:java}`, `{code:language=xml|title=A}`, `{code:title=A.java}` → the language, if named. */
export function codeLanguage(parameters: string | undefined): string | undefined {
  if (parameters === undefined) return undefined;
  for (const part of parameters.split('|')) {
    const [key, value] = part.split('=', 2).map((piece) => piece.trim());
    if (value === undefined && key !== undefined && /^[\w#+.-]{1,30}$/.test(key)) return key.toLowerCase();
    if (key === 'language' && value !== undefined && value !== '') return value.toLowerCase();
  }
  return undefined;
}

function panelTitle(parameters: string | undefined): string | undefined {
  const title = parameters?.split('|').find((part) => part.trim().startsWith('title='));
  return title?.slice(title.indexOf('=') + 1).trim();
}

class WikiBlocks {
  private lists: ListLevel[] = [];
  private table: ContainerToken | undefined;
  private paragraphOpen = false;
  private quote: ContainerToken | undefined;
  private panel: ContainerToken | undefined;

  constructor(private readonly writer: AdfWriter) {}

  /** Ends lists, tables and the paragraph: what a blank line ends. */
  closeFlow(): void {
    this.closeLists();
    this.closeTable();
    this.endParagraph();
  }

  private endParagraph(): void {
    if (this.paragraphOpen) this.writer.endTextblock();
    this.paragraphOpen = false;
  }

  private closeLists(): void {
    const outer = this.lists[0];
    if (outer === undefined) return;
    this.writer.close(outer.list);
    this.lists = [];
  }

  private closeTable(): void {
    if (this.table !== undefined) this.writer.close(this.table);
    this.table = undefined;
  }

  /**
   * A quote opened inside a panel closes with the panel, and the other way round. One that was
   * flattened (not allowed there) still counts as open until its closing tag.
   */
  private stillOpen(token: ContainerToken | undefined): token is ContainerToken {
    return token !== undefined && (token.node === undefined || this.writer.isOpen(token));
  }

  toggleQuote(): void {
    this.closeFlow();
    if (!this.stillOpen(this.quote)) this.quote = this.writer.open('blockquote');
    else {
      this.writer.close(this.quote);
      this.quote = undefined;
    }
  }

  togglePanel(parameters: string | undefined): void {
    this.closeFlow();
    if (this.stillOpen(this.panel)) {
      this.writer.close(this.panel);
      this.panel = undefined;
      return;
    }
    this.panel = this.writer.open('panel');
    const title = panelTitle(parameters);
    if (title !== undefined && title !== '') {
      this.writer.startTextblock();
      this.writer.text(title, [{ type: 'strong' }]);
      this.writer.endTextblock();
    }
  }

  code(content: string, language: string | undefined): void {
    // As in Jira, code right under a list item belongs to the item; only a blank line ends a list.
    this.closeTable();
    this.endParagraph();
    this.writer.codeBlock(content.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n[ \t]*$/, ''), language);
  }

  line(raw: string): void {
    const line = raw.trim();
    if (line === '') {
      this.closeFlow();
      return;
    }
    const heading = HEADING.exec(line);
    if (heading !== null) {
      this.closeFlow();
      this.writer.startTextblock('heading', Number(heading[1]));
      writeInline(heading[2] ?? '', this.writer);
      this.writer.endTextblock();
      return;
    }
    if (line.startsWith('bq. ')) {
      this.closeFlow();
      const token = this.writer.open('blockquote');
      writeInline(line.slice(4), this.writer);
      this.writer.close(token);
      return;
    }
    if (/^-{4,}$/.test(line)) {
      this.closeFlow();
      this.writer.rule();
      return;
    }
    const item = LIST_ITEM.exec(line);
    if (item !== null) {
      this.closeTable();
      this.endParagraph();
      this.listItem(item[1] ?? '*', item[2] ?? '');
      return;
    }
    if (line.startsWith('|')) {
      this.closeLists();
      this.endParagraph();
      this.tableRow(line);
      return;
    }
    this.closeLists();
    this.closeTable();
    if (this.paragraphOpen) this.writer.hardBreak();
    else this.writer.startTextblock();
    this.paragraphOpen = true;
    writeInline(line, this.writer);
  }

  private listItem(markers: string, text: string): void {
    const types = markers.split('').map((marker): ListLevel['type'] => (marker === '#' ? 'orderedList' : 'bulletList'));
    let same = 0;
    while (same < this.lists.length && same < types.length && this.lists[same]?.type === types[same]) same++;
    if (same < this.lists.length) {
      // Deeper levels end; so does a level of another list type (`*` after `#`).
      const cut = this.lists[same];
      if (cut !== undefined) this.writer.close(cut.list);
      this.lists = this.lists.slice(0, same);
    }
    for (let level = this.lists.length; level < types.length; level++) {
      const type = types[level] ?? 'bulletList';
      this.lists.push({ type, list: this.writer.open(type), item: undefined });
    }
    const current = this.lists[this.lists.length - 1];
    if (current === undefined) return;
    if (current.item !== undefined) this.writer.close(current.item);
    current.item = this.writer.open('listItem');
    this.writer.startTextblock();
    writeInline(text, this.writer);
    this.writer.endTextblock();
  }

  private tableRow(line: string): void {
    this.table ??= this.writer.open('table');
    const row = this.writer.open('tableRow');
    for (const cell of splitCells(line)) {
      const token = this.writer.open(cell.header ? 'tableHeader' : 'tableCell');
      this.writer.startTextblock();
      writeInline(cell.text.trim(), this.writer);
      this.writer.close(token);
    }
    this.writer.close(row);
  }
}

export interface WikiCell {
  readonly header: boolean;
  readonly text: string;
}

/** `||h1||h2||` or `|a|[x|http://y]|{{a|b}}|` → cells; a bar inside a link or monospace is not a border. */
export function splitCells(line: string): WikiCell[] {
  const cells: { header: boolean; text: string }[] = [];
  let current: { header: boolean; text: string } | undefined;
  let index = 0;
  while (index < line.length) {
    const char = line.charAt(index);
    let span = 1;
    if (char === '\\') span = 2;
    else if (line.startsWith('{{', index)) {
      const end = line.indexOf('}}', index + 2);
      if (end > 0) span = end + 2 - index;
    } else if (char === '[') {
      const end = line.indexOf(']', index + 1);
      if (end > 0 && !line.slice(index + 1, end).includes('[')) span = end + 1 - index;
    } else if (char === '|') {
      const header = line.charAt(index + 1) === '|';
      if (current !== undefined) cells.push(current);
      current = { header, text: '' };
      index += header ? 2 : 1;
      continue;
    }
    if (current !== undefined) current.text += line.slice(index, index + span);
    index += span;
  }
  // After the closing bar there is no cell, only what trails the row.
  if (current !== undefined && current.text.trim() !== '') cells.push(current);
  return cells;
}

export function wikiToAdf(source: string, options: WikiOptions = {}): AdfDoc {
  const writer = new AdfWriter(options.maxDepth ?? DEFAULT_MAX_DEPTH);
  const blocks = new WikiBlocks(writer);
  const text = source.replace(/\r\n?/g, '\n');

  const writeLines = (chunk: string, afterMacro: boolean): void => {
    const lines = chunk.split('\n');
    // The piece after the last newline belongs to the next macro's line, not a line of its own;
    // the piece before the first newline is the rest of the previous macro's line.
    if (chunk.endsWith('\n')) lines.pop();
    if (afterMacro && lines[0]?.trim() === '') lines.shift();
    for (const line of lines) blocks.line(line);
  };

  let position = 0;
  BLOCK_MACRO.lastIndex = 0;
  for (let match = BLOCK_MACRO.exec(text); match !== null; match = BLOCK_MACRO.exec(text)) {
    writeLines(text.slice(position, match.index), position > 0);
    const [whole, name, parameters] = match;
    position = match.index + whole.length;
    if (name === 'code' || name === 'noformat') {
      const closing = `{${name}}`;
      const end = text.indexOf(closing, position);
      const content = end < 0 ? text.slice(position) : text.slice(position, end);
      blocks.code(content, name === 'code' ? codeLanguage(parameters) : undefined);
      position = end < 0 ? text.length : end + closing.length;
      BLOCK_MACRO.lastIndex = position;
    } else if (name === 'quote') blocks.toggleQuote();
    else blocks.togglePanel(parameters);
  }
  writeLines(text.slice(position), position > 0);
  blocks.closeFlow();
  return writer.finish();
}
