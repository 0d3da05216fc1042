/**
 * Reads an Atlassian Document Format value (Jira REST v3 rich text) into a `DescriptionReading`.
 *
 * The walk is iterative over an explicit stack, so a document nested 100,000 deep cannot
 * overflow the call stack, and it stops after `maxNodes` nodes, so any input (even a cyclic
 * object built in memory) is answered in bounded time. Text is collected up to `maxTextLength`.
 * Nothing is trusted: a node without a type, a text node without a string, `content` that is
 * not a list are each noted in `problems` and skipped or walked; unknown node types are walked.
 * The text is data only; nothing here produces markup.
 */
import { isRecord } from '../jira-issue';
import { countWords } from './count-words';
import {
  DEFAULT_MAX_ITEMS,
  DEFAULT_MAX_NODES,
  DEFAULT_MAX_TEXT_LENGTH,
  MAX_PROBLEMS,
  emptyReading,
  headingsWithSections,
} from './reading';
import type { CodeBlock, DescriptionReading, Link, Mention, ReadOptions, Table, TaskList, TextBlock } from './reading';

type AdfNode = Readonly<Record<string, unknown>>;

interface OpenBlock {
  readonly kind: TextBlock['kind'];
  readonly level: number;
  readonly start: number;
  readonly inTable: boolean;
  readonly taskDone: boolean;
  readonly taskList: OpenTaskList | undefined;
  readonly language: string | undefined;
  boldOnly: boolean;
  sawText: boolean;
}

interface Span {
  readonly start: number;
  readonly end: number;
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

interface Frame {
  readonly content: readonly unknown[] | undefined;
  next: number;
  readonly exit: number;
  /** Set on the frames that must be closed before the document ends (block, cell, row, table, list). */
  readonly data: OpenBlock | OpenCell | OpenRow | OpenTable | OpenTaskList | undefined;
}

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

export function readAdf(adf: unknown, options: ReadOptions = {}): DescriptionReading {
  if (adf === undefined || adf === null) return emptyReading('empty');
  if (!isRecord(adf)) {
    const got = Array.isArray(adf) ? 'a list' : typeof adf === 'string' ? 'a string' : `a ${typeof adf}`;
    return emptyReading('invalid', [`the value is ${got}, not an ADF document`]);
  }
  const maxText = Math.max(0, options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH);
  const maxNodes = Math.max(1, options.maxNodes ?? DEFAULT_MAX_NODES);
  const maxItems = Math.max(0, options.maxItems ?? DEFAULT_MAX_ITEMS);

  const problems = new Set<string>();
  const note = (problem: string): void => {
    if (problems.size < MAX_PROBLEMS) problems.add(problem);
  };
  let truncated = false;

  // Text, collected in parts; offsets into the final string are tracked as it grows.
  const parts: string[] = [];
  let length = 0;
  let endsWithNewline = true;
  let endsWithSpace = true;
  let pendingBreak = false;
  let textFull = maxText === 0;

  const put = (piece: string): void => {
    let s = piece;
    const room = maxText - length;
    if (s.length > room) {
      let cut = room;
      const last = s.charCodeAt(cut - 1);
      if (cut > 0 && last >= 0xd800 && last <= 0xdbff) cut--; // never split a surrogate pair
      s = s.slice(0, cut);
      textFull = true;
      truncated = true;
    }
    if (s.length === 0) return;
    parts.push(s);
    length += s.length;
    const last = s.charCodeAt(s.length - 1);
    endsWithNewline = last === 10;
    endsWithSpace = last === 10 || last === 32 || last === 9 || last === 0xa0;
  };
  const append = (s: string): void => {
    if (textFull || s.length === 0) return;
    if (pendingBreak) {
      pendingBreak = false;
      if (!endsWithNewline) put('\n');
    }
    put(s);
  };
  /** Mentions, cards, dates and statuses are words of their own: never glued to the text before. */
  const appendAtom = (s: string): void => {
    if (s === '') return;
    if (!pendingBreak && !endsWithSpace) append(' ');
    append(s);
  };
  /** Blocks start on a line of their own. */
  const startLine = (): number => {
    pendingBreak = false;
    if (!endsWithNewline && !textFull) put('\n');
    return length;
  };

  const blocks: (Span & Omit<TextBlock, 'text' | 'start' | 'end'>)[] = [];
  const headings: (Span & { readonly level: number })[] = [];
  const codeBlocks: (Span & { readonly language: string | undefined })[] = [];
  const mentions: Mention[] = [];
  const links: Link[] = [];
  const tables: OpenTable[] = [];
  const taskLists: OpenTaskList[] = [];
  const blockStack: OpenBlock[] = [];
  const rowStack: OpenRow[] = [];
  const tableStack: OpenTable[] = [];
  const taskListStack: OpenTaskList[] = [];
  let cellDepth = 0;

  const room = (list: readonly unknown[]): boolean => {
    if (list.length < maxItems) return true;
    truncated = true;
    return false;
  };
  /** Inline content that is not bold text makes its block not bold-only. */
  const markVisible = (bold: boolean, text: string): void => {
    const block = blockStack[blockStack.length - 1];
    if (block === undefined || text.trim() === '') return;
    block.sawText = true;
    if (!bold) block.boldOnly = false;
  };

  const openBlock = (kind: TextBlock['kind'], level: number, node: AdfNode): OpenBlock => {
    const start = startLine();
    const block: OpenBlock = {
      kind,
      level,
      start,
      inTable: cellDepth > 0,
      taskDone: kind === 'task' && stringAttr(node, 'state') === 'DONE',
      taskList: kind === 'task' ? taskListStack[taskListStack.length - 1] : undefined,
      language: kind === 'code' ? stringAttr(node, 'language') : undefined,
      boldOnly: true,
      sawText: false,
    };
    blockStack.push(block);
    return block;
  };

  const closeBlock = (block: OpenBlock): void => {
    blockStack.pop();
    const end = length;
    pendingBreak = true;
    if (room(blocks)) {
      blocks.push({
        kind: block.kind,
        level: block.level,
        boldOnly: block.boldOnly && block.sawText,
        inTable: block.inTable,
        start: block.start,
        end,
      });
    }
    if (block.kind === 'heading' && room(headings)) headings.push({ level: block.level, start: block.start, end });
    if (block.kind === 'code' && room(codeBlocks)) codeBlocks.push({ language: block.language, start: block.start, end });
    if (block.taskList !== undefined && room(block.taskList.items)) {
      block.taskList.items.push({ start: block.start, end, done: block.taskDone });
    }
  };

  const readText = (node: AdfNode): void => {
    const text = node.text;
    if (typeof text !== 'string') {
      note(text === undefined ? 'a text node without text' : `a text node whose text is ${shortName(typeof text)}`);
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
          if (href !== undefined && href !== '' && room(links)) links.push({ url: href, kind: 'mark' });
        }
      }
    }
    markVisible(bold, text);
    append(text);
  };

  /** Handles a node; returns the frame to push when its content is to be walked. */
  const enter = (node: AdfNode): Frame | undefined => {
    const type = node.type;
    if (typeof type !== 'string') note(type === undefined ? 'a node without a type' : `a node whose type is ${typeof type}`);
    let exit = EXIT_NONE;
    let data: Frame['data'] = undefined;
    switch (type) {
      case 'text':
        readText(node);
        return undefined;
      case 'hardBreak':
        if (!textFull) put('\n');
        return undefined;
      case 'mention': {
        const text = stringAttr(node, 'text') ?? '';
        if (room(mentions)) mentions.push({ id: stringAttr(node, 'id'), text });
        markVisible(false, text);
        appendAtom(text);
        return undefined;
      }
      case 'emoji':
      case 'status': {
        const text = stringAttr(node, 'text') ?? (type === 'emoji' ? (stringAttr(node, 'shortName') ?? '') : '');
        markVisible(false, text);
        if (type === 'emoji') append(text);
        else appendAtom(text);
        return undefined;
      }
      case 'date': {
        const text = isoDate(node) ?? '';
        markVisible(false, text);
        appendAtom(text);
        return undefined;
      }
      case 'inlineCard':
      case 'blockCard':
      case 'embedCard': {
        const url = stringAttr(node, 'url') ?? '';
        if (url !== '' && room(links)) links.push({ url, kind: 'card' });
        if (type !== 'inlineCard') startLine();
        markVisible(false, url);
        appendAtom(url);
        if (type !== 'inlineCard') pendingBreak = true;
        return undefined;
      }
      case 'rule':
        pendingBreak = true;
        return undefined;
      case 'paragraph':
        exit = EXIT_BLOCK;
        data = openBlock('paragraph', 0, node);
        break;
      case 'heading': {
        const level = headingLevel(node);
        if (level === undefined) note('a heading without a level');
        exit = EXIT_BLOCK;
        data = openBlock('heading', level ?? 1, node);
        break;
      }
      case 'codeBlock':
        exit = EXIT_BLOCK;
        data = openBlock('code', 0, node);
        break;
      case 'taskItem':
      case 'decisionItem':
        exit = EXIT_BLOCK;
        data = openBlock(type === 'taskItem' ? 'task' : 'other', 0, node);
        break;
      case 'taskList': {
        const list: OpenTaskList = { start: startLine(), items: [] };
        taskListStack.push(list);
        if (room(taskLists)) taskLists.push(list);
        exit = EXIT_TASK_LIST;
        data = list;
        break;
      }
      case 'table': {
        const table: OpenTable = { start: startLine(), rows: [] };
        tableStack.push(table);
        if (room(tables)) tables.push(table);
        exit = EXIT_TABLE;
        data = table;
        break;
      }
      case 'tableRow': {
        const row: OpenRow = { cells: [] };
        rowStack.push(row);
        exit = EXIT_ROW;
        data = row;
        break;
      }
      case 'tableCell':
      case 'tableHeader':
        cellDepth++;
        exit = EXIT_CELL;
        data = { start: startLine(), header: type === 'tableHeader' };
        break;
      default:
        break;
    }
    const content = node.content;
    if (content !== undefined && !Array.isArray(content)) {
      note(`the content of a ${shortName(type)} node is not a list`);
    }
    const list = Array.isArray(content) ? (content as readonly unknown[]) : undefined;
    if (list === undefined && exit === EXIT_NONE) return undefined;
    return { content: list, next: 0, exit, data };
  };

  const leave = (frame: Frame): void => {
    switch (frame.exit) {
      case EXIT_BLOCK:
        closeBlock(frame.data as OpenBlock);
        break;
      case EXIT_CELL: {
        cellDepth--;
        const cell = frame.data as OpenCell;
        const row = rowStack[rowStack.length - 1];
        pendingBreak = true;
        if (row !== undefined && room(row.cells)) row.cells.push({ start: cell.start, end: length, header: cell.header });
        break;
      }
      case EXIT_ROW: {
        rowStack.pop();
        const table = tableStack[tableStack.length - 1];
        if (table !== undefined && room(table.rows)) table.rows.push(frame.data as OpenRow);
        break;
      }
      case EXIT_TABLE:
        tableStack.pop();
        pendingBreak = true;
        break;
      case EXIT_TASK_LIST:
        taskListStack.pop();
        pendingBreak = true;
        break;
      default:
        break;
    }
  };

  if (adf.type !== 'doc') note(`the root node is ${shortName(adf.type)}, not doc`);
  let nodes = 1;
  const stack: Frame[] = [];
  const root = enter(adf);
  if (root !== undefined) stack.push(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    const content = top.content;
    if (content === undefined || top.next >= content.length) {
      stack.pop();
      leave(top);
      continue;
    }
    const child = content[top.next++];
    if (!isRecord(child)) {
      note(`a content entry that is ${child === null ? 'null' : Array.isArray(child) ? 'a list' : `a ${typeof child}`}, not a node`);
      continue;
    }
    if (++nodes > maxNodes) {
      truncated = true;
      note(`more than ${maxNodes} nodes; the rest was not read`);
      // Close what is open so every offset is final.
      while (stack.length > 0) leave(stack.pop() as Frame);
      break;
    }
    const frame = enter(child);
    if (frame !== undefined) stack.push(frame);
  }

  const text = parts.join('');
  const slice = (span: Span): string => text.slice(span.start, span.end);
  const readBlocks: TextBlock[] = blocks.map((block) => ({ ...block, text: slice(block) }));
  const readTaskLists: TaskList[] = taskLists.map((list) => {
    const items = list.items.map((item) => ({ text: slice(item).trim(), done: item.done }));
    return { start: list.start, items, done: items.filter((item) => item.done).length };
  });
  const readTables: Table[] = tables.map((table) => {
    let headers: string[] = [];
    const rows: string[][] = [];
    for (const row of table.rows) {
      const cells = row.cells.map((cell) => slice(cell).trim());
      const headerRow = row.cells.length > 0 && row.cells.every((cell) => cell.header);
      if (headerRow && headers.length === 0 && rows.length === 0) headers = cells;
      else rows.push(cells);
    }
    return { start: table.start, headers, rows };
  });
  const readCode: CodeBlock[] = codeBlocks.map((code) => ({ language: code.language, text: slice(code) }));
  const readHeadings = headingsWithSections(
    text,
    headings.map((heading) => ({ ...heading, text: slice(heading).trim() })),
  );
  return {
    source: 'adf',
    text,
    wordCount: countWords(text),
    blocks: readBlocks,
    headings: readHeadings,
    taskLists: readTaskLists,
    tables: readTables,
    codeBlocks: readCode,
    mentions,
    links,
    truncated,
    problems: [...problems],
  };
}
