/**
 * Reads an Atlassian Document Format value (Jira REST v3 rich text) into a `DescriptionReading`.
 *
 * The walk is iterative over an explicit stack, so a document nested 100,000 deep cannot
 * overflow the call stack, and it stops after `maxNodes` nodes, so any input (even a cyclic
 * object built in memory) is answered in bounded time. Text is collected up to `maxTextLength`.
 * Nothing is trusted: a node without a type, a text node without a string, `content` that is
 * not a list are each noted in `problems` and skipped or walked; unknown node types are walked.
 * The text is data only; nothing here produces markup.
 *
 * The walker is a class rather than a function full of closures: it is created once per read,
 * and readiness reads tens of thousands of descriptions at a time.
 *
 * Over 400 lines because it is one iterative walker (a class over an explicit stack, see above) whose node handlers share the walk's state in the loop readiness runs over tens of thousands of descriptions.
 */
import { isRecord } from '../jira-issue';
import {
  DEFAULT_MAX_ITEMS,
  DEFAULT_MAX_NODES,
  DEFAULT_MAX_TEXT_LENGTH,
  MAX_PROBLEMS,
  emptyReading,
  headingsWithSections,
  readingOf,
} from './reading';
import type { CodeBlock, DescriptionReading, Link, Mention, ReadOptions, Table, TaskList, TextBlock } from './reading';

type AdfNode = Readonly<Record<string, unknown>>;

interface Span {
  readonly start: number;
  readonly end: number;
}

interface OpenBlock {
  readonly kind: TextBlock['kind'];
  readonly level: number;
  readonly start: number;
  readonly inTable: boolean;
  readonly inList: boolean;
  readonly taskDone: boolean;
  readonly taskList: OpenTaskList | undefined;
  readonly language: string | undefined;
  boldOnly: boolean;
  sawText: boolean;
}

/** A block as it will be returned; its text is filled in once the whole text is known. */
interface ReadBlock {
  kind: TextBlock['kind'];
  level: number;
  boldOnly: boolean;
  inTable: boolean;
  inList: boolean;
  start: number;
  end: number;
  text: string;
}

interface OpenCell {
  readonly start: number;
  readonly header: boolean;
}

interface OpenRow {
  readonly cells: (Span & { readonly header: boolean })[];
}

interface OpenTable {
  readonly start: number;
  readonly rows: OpenRow[];
}

interface OpenTaskList {
  readonly start: number;
  readonly items: (Span & { readonly done: boolean })[];
}

const EXIT_NONE = 0;
const EXIT_BLOCK = 1;
const EXIT_TABLE = 2;
const EXIT_ROW = 3;
const EXIT_CELL = 4;
const EXIT_TASK_LIST = 5;
const EXIT_LIST = 6;

interface Frame {
  readonly content: readonly unknown[] | undefined;
  next: number;
  readonly exit: number;
  /** What must be closed when the node ends (block, cell, row, table, task list). */
  readonly data: OpenBlock | OpenCell | OpenRow | OpenTable | OpenTaskList | undefined;
}

const NONE: readonly never[] = Object.freeze([]);

function shortName(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value;
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function stringAttr(node: AdfNode, name: string): string | undefined {
  const attrs = node.attrs;
  if (!isRecord(attrs)) return undefined;
  const value = attrs[name];
  return typeof value === 'string' ? value : undefined;
}

function headingLevel(node: AdfNode): number | undefined {
  const attrs = node.attrs;
  const level = isRecord(attrs) ? attrs.level : undefined;
  if (typeof level !== 'number' || !Number.isFinite(level)) return undefined;
  return Math.min(6, Math.max(1, Math.round(level)));
}

function isoDate(node: AdfNode): string | undefined {
  const raw = stringAttr(node, 'timestamp');
  if (raw === undefined || !/^-?\d{1,15}$/.test(raw)) return undefined;
  const date = new Date(Number(raw));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

class AdfWalk {
  private readonly maxText: number;
  private readonly maxNodes: number;
  private readonly maxItems: number;
  private problems: string[] | undefined;
  private truncated = false;

  // Text is collected in parts; offsets into the final string are tracked as it grows.
  private readonly parts: string[] = [];
  private length = 0;
  private endsWithNewline = true;
  private endsWithSpace = true;
  private pendingBreak = false;
  private textFull: boolean;

  private readonly blocks: ReadBlock[] = [];
  private readonly blockStack: OpenBlock[] = [];
  // Most descriptions have no headings, tables, lists, code, mentions or links: those lists are made on first use.
  private readonly headings: (Span & { readonly level: number })[] = [];
  private codeBlocks: (Span & { readonly language: string | undefined })[] | undefined;
  private mentions: Mention[] | undefined;
  private links: Link[] | undefined;
  private tables: OpenTable[] | undefined;
  private taskLists: OpenTaskList[] | undefined;
  private rowStack: OpenRow[] | undefined;
  private tableStack: OpenTable[] | undefined;
  private taskListStack: OpenTaskList[] | undefined;
  private cellDepth = 0;
  private listDepth = 0;

  constructor(options: ReadOptions) {
    this.maxText = Math.max(0, options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH);
    this.maxNodes = Math.max(1, options.maxNodes ?? DEFAULT_MAX_NODES);
    this.maxItems = Math.max(0, options.maxItems ?? DEFAULT_MAX_ITEMS);
    this.textFull = this.maxText === 0;
  }

  read(adf: AdfNode): DescriptionReading {
    if (adf.type !== 'doc') this.note(`the root node is ${shortName(adf.type)}, not doc`);
    let nodes = 1;
    const stack: Frame[] = [];
    const root = this.enter(adf);
    if (root !== undefined) stack.push(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as Frame;
      const content = top.content;
      if (content === undefined || top.next >= content.length) {
        stack.pop();
        this.leave(top);
        continue;
      }
      const child = content[top.next++];
      if (!isRecord(child)) {
        this.note(`a content entry that is ${kindOf(child)}, not a node`);
        continue;
      }
      if (++nodes > this.maxNodes) {
        this.truncated = true;
        this.note(`more than ${this.maxNodes} nodes; the rest was not read`);
        // Close what is open so every offset is final.
        while (stack.length > 0) this.leave(stack.pop() as Frame);
        break;
      }
      const frame = this.enter(child);
      if (frame !== undefined) stack.push(frame);
    }
    return this.result();
  }

  private note(problem: string): void {
    const problems = (this.problems ??= []);
    if (problems.length < MAX_PROBLEMS && !problems.includes(problem)) problems.push(problem);
  }

  private room(list: readonly unknown[] | undefined): boolean {
    if (list === undefined || list.length < this.maxItems) return true;
    this.truncated = true;
    return false;
  }

  private put(piece: string): void {
    let s = piece;
    const room = this.maxText - this.length;
    if (s.length > room) {
      let cut = room;
      const last = s.charCodeAt(cut - 1);
      if (cut > 0 && last >= 0xd800 && last <= 0xdbff) cut--; // never split a surrogate pair
      s = s.slice(0, cut);
      this.textFull = true;
      this.truncated = true;
    }
    if (s.length === 0) return;
    this.parts.push(s);
    this.length += s.length;
    const last = s.charCodeAt(s.length - 1);
    this.endsWithNewline = last === 10;
    this.endsWithSpace = last === 10 || last === 32 || last === 9 || last === 0xa0;
  }

  private append(s: string): void {
    if (this.textFull || s.length === 0) return;
    if (this.pendingBreak) {
      this.pendingBreak = false;
      if (!this.endsWithNewline) this.put('\n');
    }
    this.put(s);
  }

  /** Mentions, cards, dates and statuses are words of their own: never glued to the text before. */
  private appendAtom(s: string): void {
    if (s === '') return;
    if (!this.pendingBreak && !this.endsWithSpace) this.append(' ');
    this.append(s);
  }

  /** Blocks start on a line of their own. */
  private startLine(): number {
    this.pendingBreak = false;
    if (!this.endsWithNewline && !this.textFull) this.put('\n');
    return this.length;
  }

  /** Inline content that is not bold text makes its block not bold-only. */
  private markVisible(bold: boolean, text: string): void {
    const block = this.blockStack[this.blockStack.length - 1];
    if (block === undefined || text.trim() === '') return;
    block.sawText = true;
    if (!bold) block.boldOnly = false;
  }

  private openBlock(kind: TextBlock['kind'], level: number, node: AdfNode): OpenBlock {
    const block: OpenBlock = {
      kind,
      level,
      start: this.startLine(),
      inTable: this.cellDepth > 0,
      inList: this.listDepth > 0,
      taskDone: kind === 'task' && stringAttr(node, 'state') === 'DONE',
      taskList: kind === 'task' ? this.taskListStack?.[this.taskListStack.length - 1] : undefined,
      language: kind === 'code' ? stringAttr(node, 'language') : undefined,
      boldOnly: true,
      sawText: false,
    };
    this.blockStack.push(block);
    return block;
  }

  private closeBlock(block: OpenBlock): void {
    this.blockStack.pop();
    const end = this.length;
    this.pendingBreak = true;
    const { start, kind } = block;
    if (this.room(this.blocks)) {
      this.blocks.push({ kind, level: block.level, boldOnly: block.boldOnly && block.sawText, inTable: block.inTable, inList: block.inList, start, end, text: '' });
    }
    if (kind === 'heading' && this.room(this.headings)) this.headings.push({ level: block.level, start, end });
    if (kind === 'code' && this.room(this.codeBlocks)) (this.codeBlocks ??= []).push({ language: block.language, start, end });
    if (block.taskList !== undefined && this.room(block.taskList.items)) block.taskList.items.push({ start, end, done: block.taskDone });
  }

  private readText(node: AdfNode): void {
    const text = node.text;
    if (typeof text !== 'string') {
      this.note(text === undefined ? 'a text node without text' : `a text node whose text is ${typeof text}`);
      return;
    }
    let bold = false;
    const marks = node.marks;
    if (Array.isArray(marks)) {
      for (const mark of marks as unknown[]) {
        if (!isRecord(mark)) continue;
        if (mark.type === 'strong') bold = true;
        else if (mark.type === 'link') {
          const href = stringAttr(mark, 'href');
          if (href !== undefined && href !== '' && this.room(this.links)) (this.links ??= []).push({ url: href, kind: 'mark' });
        }
      }
    }
    this.markVisible(bold, text);
    this.append(text);
  }

  /** Handles a node; returns the frame to push when its content is to be walked. */
  private enter(node: AdfNode): Frame | undefined {
    const type = node.type;
    if (typeof type !== 'string') this.note(type === undefined ? 'a node without a type' : `a node whose type is ${typeof type}`);
    let exit = EXIT_NONE;
    let data: Frame['data'] = undefined;
    switch (type) {
      case 'text':
        this.readText(node);
        return undefined;
      case 'hardBreak':
        if (!this.textFull) this.put('\n');
        return undefined;
      case 'mention': {
        const text = stringAttr(node, 'text') ?? '';
        if (this.room(this.mentions)) (this.mentions ??= []).push({ id: stringAttr(node, 'id'), text });
        this.markVisible(false, text);
        this.appendAtom(text);
        return undefined;
      }
      case 'emoji': {
        const text = stringAttr(node, 'text') ?? stringAttr(node, 'shortName') ?? '';
        this.markVisible(false, text);
        this.append(text);
        return undefined;
      }
      case 'status':
      case 'date': {
        const text = (type === 'date' ? isoDate(node) : stringAttr(node, 'text')) ?? '';
        this.markVisible(false, text);
        this.appendAtom(text);
        return undefined;
      }
      case 'inlineCard':
      case 'blockCard':
      case 'embedCard': {
        const url = stringAttr(node, 'url') ?? '';
        if (url !== '' && this.room(this.links)) (this.links ??= []).push({ url, kind: 'card' });
        if (type !== 'inlineCard') this.startLine();
        this.markVisible(false, url);
        this.appendAtom(url);
        if (type !== 'inlineCard') this.pendingBreak = true;
        return undefined;
      }
      case 'rule':
        this.pendingBreak = true;
        return undefined;
      case 'paragraph':
        exit = EXIT_BLOCK;
        data = this.openBlock('paragraph', 0, node);
        break;
      case 'heading': {
        const level = headingLevel(node);
        if (level === undefined) this.note('a heading without a level');
        exit = EXIT_BLOCK;
        data = this.openBlock('heading', level ?? 1, node);
        break;
      }
      case 'codeBlock':
        exit = EXIT_BLOCK;
        data = this.openBlock('code', 0, node);
        break;
      case 'taskItem':
      case 'decisionItem':
        exit = EXIT_BLOCK;
        data = this.openBlock(type === 'taskItem' ? 'task' : 'other', 0, node);
        break;
      case 'taskList': {
        const list: OpenTaskList = { start: this.startLine(), items: [] };
        (this.taskListStack ??= []).push(list);
        if (this.room(this.taskLists)) (this.taskLists ??= []).push(list);
        exit = EXIT_TASK_LIST;
        data = list;
        break;
      }
      case 'table': {
        const table: OpenTable = { start: this.startLine(), rows: [] };
        (this.tableStack ??= []).push(table);
        if (this.room(this.tables)) (this.tables ??= []).push(table);
        exit = EXIT_TABLE;
        data = table;
        break;
      }
      case 'bulletList':
      case 'orderedList':
        this.listDepth++;
        exit = EXIT_LIST;
        break;
      case 'tableRow': {
        const row: OpenRow = { cells: [] };
        (this.rowStack ??= []).push(row);
        exit = EXIT_ROW;
        data = row;
        break;
      }
      case 'tableCell':
      case 'tableHeader':
        this.cellDepth++;
        exit = EXIT_CELL;
        data = { start: this.startLine(), header: type === 'tableHeader' };
        break;
      default:
        break;
    }
    const content = node.content;
    if (content !== undefined && !Array.isArray(content)) this.note(`the content of a ${shortName(type)} node is not a list`);
    const list = Array.isArray(content) ? (content as readonly unknown[]) : undefined;
    if (list === undefined && exit === EXIT_NONE) return undefined;
    return { content: list, next: 0, exit, data };
  }

  private leave(frame: Frame): void {
    switch (frame.exit) {
      case EXIT_BLOCK:
        this.closeBlock(frame.data as OpenBlock);
        break;
      case EXIT_CELL: {
        this.cellDepth--;
        const cell = frame.data as OpenCell;
        const row = this.rowStack?.[this.rowStack.length - 1];
        this.pendingBreak = true;
        if (row !== undefined && this.room(row.cells)) row.cells.push({ start: cell.start, end: this.length, header: cell.header });
        break;
      }
      case EXIT_ROW: {
        this.rowStack?.pop();
        const table = this.tableStack?.[this.tableStack.length - 1];
        if (table !== undefined && this.room(table.rows)) table.rows.push(frame.data as OpenRow);
        break;
      }
      case EXIT_TABLE:
        this.tableStack?.pop();
        this.pendingBreak = true;
        break;
      case EXIT_TASK_LIST:
        this.taskListStack?.pop();
        this.pendingBreak = true;
        break;
      case EXIT_LIST:
        this.listDepth--;
        break;
      default:
        break;
    }
  }

  private result(): DescriptionReading {
    const text = this.parts.length === 1 ? (this.parts[0] ?? '') : this.parts.join('');
    for (const block of this.blocks) block.text = text.slice(block.start, block.end);
    return readingOf({
      source: 'adf',
      text,
      blocks: this.blocks,
      headings:
        this.headings.length === 0
          ? NONE
          : headingsWithSections(
              text,
              this.headings.map((heading) => ({ ...heading, text: text.slice(heading.start, heading.end).trim() })),
            ),
      taskLists: this.taskLists?.map((list) => readTaskList(text, list)) ?? NONE,
      tables: this.tables?.map((table) => readTable(text, table)) ?? NONE,
      codeBlocks: this.codeBlocks?.map((code): CodeBlock => ({ language: code.language, text: text.slice(code.start, code.end) })) ?? NONE,
      mentions: this.mentions ?? NONE,
      links: this.links ?? NONE,
      truncated: this.truncated,
      problems: this.problems ?? NONE,
    });
  }
}

function readTaskList(text: string, list: OpenTaskList): TaskList {
  let done = 0;
  const items = list.items.map((item) => {
    if (item.done) done++;
    return { text: text.slice(item.start, item.end).trim(), done: item.done };
  });
  return { start: list.start, items, done };
}

function readTable(text: string, table: OpenTable): Table {
  let headers: string[] = [];
  const rows: string[][] = [];
  for (const row of table.rows) {
    const cells = row.cells.map((cell) => text.slice(cell.start, cell.end).trim());
    const headerRow = row.cells.length > 0 && row.cells.every((cell) => cell.header);
    if (headerRow && headers.length === 0 && rows.length === 0) headers = cells;
    else rows.push(cells);
  }
  return { start: table.start, headers, rows };
}

export function readAdf(adf: unknown, options: ReadOptions = {}): DescriptionReading {
  if (adf === undefined || adf === null) return emptyReading('empty');
  if (!isRecord(adf)) {
    const got = Array.isArray(adf) ? 'a list' : typeof adf === 'string' ? 'a string' : `a ${typeof adf}`;
    return emptyReading('invalid', [`the value is ${got}, not an ADF document`]);
  }
  return new AdfWalk(options).read(adf);
}
