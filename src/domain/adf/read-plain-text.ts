/**
 * Reads a description that is a string (REST v2, wiki markup, Markdown, older data) into the
 * same `DescriptionReading` as ADF, line by line: wiki headings (`h3. Title`), whole-line bold
 * (`*Title*`, `**Title**`), wiki and Markdown tables, Markdown task lists (`- [x] done`), code
 * blocks (`{code}`, `{noformat}`, fences), wiki mentions (`[~name]`) and URLs.
 * The string is text, never markup: nothing here renders or trusts it.
 */
import { DEFAULT_MAX_ITEMS, DEFAULT_MAX_TEXT_LENGTH, emptyReading, headingsWithSections, readingOf } from './reading';
import type { CodeBlock, DescriptionReading, Link, Mention, ReadOptions, Table, TaskList, TextBlock } from './reading';

const WIKI_HEADING = /^\s*h([1-6])\.\s*(.*)$/;
// Matched on the trimmed line: no two spans that could both take the same spaces (which would backtrack quadratically).
const BOLD_LINE = /^\*{1,2}([^*]+)\*{1,2}(:?)$/;
const MARKDOWN_HEADING = /^\s*#{1,6}[ \t]+(\S.*)$/;
const TASK_ITEM = /^\s*(?:[-*+]\s*)?\[([ xX])\]\s+(.*)$/;
const TABLE_LINE = /^\s*\|/;
// Wiki `*`/`#` (nested too), Markdown `-`/`+`, `•`, and numbering: the marker and a space open the line.
const LIST_ITEM = /^[ \t]*(?:[-*+•#]{1,6}|\d{1,3}[.)])[ \t]/;
const TABLE_SEPARATOR = /^[\s|:-]+$/;
const CODE_FENCE = /^\s*(?:\{(code|noformat)(?::([^}]*))?\}|```(\S*))\s*$/;
const MENTION = /\[~(?:accountid:)?([^\]\s]{1,128})\]/g;
const URL = /\bhttps?:\/\/[^\s<>"'|[\]]+/g;

/** "see https://x.org/a." → the URL without the full stop; a loop, as a `[.,]+$` pattern is quadratic on long runs. */
function withoutTrailingPunctuation(url: string): string {
  let end = url.length;
  while (end > 0 && '.,;:!?)'.includes(url.charAt(end - 1))) end--;
  return url.slice(0, end);
}

/** A Markdown heading may close with hashes: "## Title ##". */
function withoutClosingHashes(title: string): string {
  let end = title.length;
  while (end > 0 && title.charAt(end - 1) === '#') end--;
  return end === title.length ? title : title.slice(0, end).trimEnd();
}

function cellsOf(line: string): { cells: string[]; header: boolean } {
  const trimmed = line.trim();
  const header = trimmed.startsWith('||');
  const separator = header ? '||' : '|';
  const inner = trimmed.replace(/^\|+/, '').replace(/\|+$/, '');
  return { cells: inner.split(separator).map((cell) => cell.trim()), header };
}

export function readPlainText(value: string, options: ReadOptions = {}): DescriptionReading {
  const maxText = Math.max(0, options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH);
  const maxItems = Math.max(0, options.maxItems ?? DEFAULT_MAX_ITEMS);
  let truncated = false;
  let text = value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value;
  if (text.length > maxText) {
    let cut = maxText;
    const last = text.charCodeAt(cut - 1);
    if (cut > 0 && last >= 0xd800 && last <= 0xdbff) cut--;
    text = text.slice(0, cut);
    truncated = true;
  }
  if (text.trim() === '') return emptyReading('empty');

  const room = (list: readonly unknown[]): boolean => {
    if (list.length < maxItems) return true;
    truncated = true;
    return false;
  };
  const blocks: TextBlock[] = [];
  const rawHeadings: { level: number; text: string; start: number; end: number }[] = [];
  const taskLists: { start: number; items: { text: string; done: boolean }[] }[] = [];
  const tables: { start: number; headers: string[]; rows: string[][] }[] = [];
  const codeBlocks: CodeBlock[] = [];

  let code: { language: string | undefined; closer: string; start: number; lines: string[] } | undefined;
  let table: (typeof tables)[number] | undefined;
  let taskList: (typeof taskLists)[number] | undefined;

  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    const start = lineStart;
    lineStart = lineEnd + 1;

    const fence = CODE_FENCE.exec(line);
    if (code !== undefined) {
      if (fence !== null && (fence[1] ?? '```') === code.closer) {
        if (room(codeBlocks)) codeBlocks.push({ language: code.language, text: code.lines.join('\n') });
        code = undefined;
      } else {
        code.lines.push(line);
        if (line.trim() !== '' && room(blocks)) {
          blocks.push({ kind: 'code', level: 0, boldOnly: false, inTable: false, inList: false, start, end: lineEnd, text: line });
        }
      }
      continue;
    }
    if (fence !== null) {
      const language = (fence[2] ?? fence[3] ?? '').replace(/^.*language=/, '').split('|')[0]?.trim();
      code = { language: language === '' ? undefined : language, closer: fence[1] ?? '```', start, lines: [] };
      continue;
    }
    if (line.trim() === '') {
      table = undefined;
      taskList = undefined;
      continue;
    }

    if (TABLE_LINE.test(line)) {
      if (table === undefined) {
        table = { start, headers: [], rows: [] };
        if (room(tables)) tables.push(table);
      }
      if (TABLE_SEPARATOR.test(line) && line.includes('-')) {
        // Markdown: the row above the |---| line is the header row.
        if (table.headers.length === 0 && table.rows.length === 1) table.headers = table.rows.pop() ?? [];
      } else {
        const { cells, header } = cellsOf(line);
        if (header && table.headers.length === 0 && table.rows.length === 0) table.headers = cells;
        else if (room(table.rows)) table.rows.push(cells);
      }
      if (room(blocks)) blocks.push({ kind: 'paragraph', level: 0, boldOnly: false, inTable: true, inList: false, start, end: lineEnd, text: line });
      continue;
    }
    table = undefined;

    const task = TASK_ITEM.exec(line);
    if (task !== null) {
      if (taskList === undefined) {
        taskList = { start, items: [] };
        if (room(taskLists)) taskLists.push(taskList);
      }
      if (room(taskList.items)) taskList.items.push({ text: (task[2] ?? '').trim(), done: task[1] !== ' ' });
      if (room(blocks)) blocks.push({ kind: 'task', level: 0, boldOnly: false, inTable: false, inList: true, start, end: lineEnd, text: line });
      continue;
    }
    taskList = undefined;

    const heading = WIKI_HEADING.exec(line);
    if (heading !== null) {
      const level = Number(heading[1]);
      const title = (heading[2] ?? '').trim();
      if (room(rawHeadings)) rawHeadings.push({ level, text: title, start, end: lineEnd });
      if (room(blocks)) blocks.push({ kind: 'heading', level, boldOnly: false, inTable: false, inList: false, start, end: lineEnd, text: title });
      continue;
    }
    const bold = BOLD_LINE.exec(line.trim()) ?? MARKDOWN_HEADING.exec(line);
    if (bold !== null) {
      const title = `${withoutClosingHashes((bold[1] ?? '').trim())}${bold[2] ?? ''}`;
      if (room(blocks)) blocks.push({ kind: 'paragraph', level: 0, boldOnly: true, inTable: false, inList: false, start, end: lineEnd, text: title });
      continue;
    }
    if (room(blocks)) blocks.push({ kind: 'paragraph', level: 0, boldOnly: false, inTable: false, inList: LIST_ITEM.test(line), start, end: lineEnd, text: line });
  }
  if (code !== undefined && room(codeBlocks)) codeBlocks.push({ language: code.language, text: code.lines.join('\n') });

  const mentions: Mention[] = [];
  for (const match of text.matchAll(MENTION)) {
    if (!room(mentions)) break;
    const id = match[1] ?? '';
    mentions.push({ id, text: id });
  }
  const links: Link[] = [];
  for (const match of text.matchAll(URL)) {
    if (!room(links)) break;
    links.push({ url: withoutTrailingPunctuation(match[0]), kind: 'text' });
  }

  const readTaskLists: TaskList[] = taskLists.map((list) => ({
    start: list.start,
    items: list.items,
    done: list.items.filter((item) => item.done).length,
  }));
  const readTables: Table[] = tables;
  return readingOf({
    source: 'text',
    text,
    blocks,
    headings: headingsWithSections(text, rawHeadings),
    taskLists: readTaskLists,
    tables: readTables,
    codeBlocks,
    mentions,
    links,
    truncated,
    problems: [],
  });
}
