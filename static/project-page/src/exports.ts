/** CSV and Markdown text of the project page's tables: pure, so it is unit-tested. */
import { formatNumber } from '../../common/format';

/** A plain decimal number, possibly negative: a spreadsheet reads it as a number, never as a formula. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/**
 * A CSV cell: quoted when needed. Text starting with = + - @, a tab or a carriage return is
 * prefixed with ' so that a spreadsheet shows it instead of running it as a formula (OWASP's CSV
 * injection advice); numbers, negative ones too, stay numbers so that sums and sorting still work.
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  const isNumber = (typeof value === 'number' && Number.isFinite(value)) || PLAIN_NUMBER.test(text);
  if (!isNumber && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvOf(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * Markdown's inline markup, escaped with a backslash: raw HTML and autolinks (< >), links and
 * images ([ ]), emphasis, code, strikethrough, entity references (&) and table pipes. What people
 * typed (a vision, a goal, an issue summary) then reads as the same words and never as markup.
 */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>&~|]/g, '\\$&');
}

/**
 * The start of a line escaped, so that text can not open a block: a heading (#), a quote (>), a
 * list (- + or "1." "1)"), a setext underline or rule (= -), a code block (indentation).
 */
function escapeLineStart(line: string): string {
  const text = line.replace(/^\s+/, '');
  const ordered = /^(\d{1,9})([.)])/.exec(text);
  if (ordered !== null) return `${ordered[1] ?? ''}\\${text.slice(ordered[1]?.length ?? 0)}`;
  return /^[#>+=-]/.test(text) ? `\\${text}` : text;
}

/** Text for one Markdown line (a list item, a heading's text): line breaks become spaces. */
export function mdLine(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return escapeLineStart(escapeInline(text.replace(/[\r\n]+/g, ' ')));
}

/** Text for Markdown paragraphs (a vision statement): its lines are kept, each escaped. */
export function mdText(value: string): string {
  return value
    .split(/\r\n|\r|\n/)
    .map((line) => escapeLineStart(escapeInline(line)))
    .join('\n');
}

/** A Markdown table cell that pastes cleanly into Confluence: markup and pipes escaped, one line. */
export function mdCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return escapeInline(text.replace(/[\r\n]+/g, ' '));
}

export function mdTable(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const line = (cells: readonly (string | number | null | undefined)[]): string => `| ${cells.map(mdCell).join(' | ')} |`;
  return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

export type ExportCell = string | number | null | undefined;

/**
 * Table rows for people (the Markdown export, pasted into Confluence): each number written as the
 * user's locale writes it ("1.234,5" for a German user). The CSV keeps plain numbers, for the
 * spreadsheets that read it.
 */
export function peopleRows(rows: readonly (readonly ExportCell[])[], locale: string | undefined): ExportCell[][] {
  return rows.map((row) => row.map((cell) => (typeof cell === 'number' && Number.isFinite(cell) ? formatNumber(cell, locale) : cell)));
}

/** What the vision map's Markdown export holds, as plain data (the page builds it from its view). */
export interface VisionMarkdownInput {
  readonly projectKey: string;
  readonly vision: { readonly statement: string; readonly goals: readonly { readonly name: string; readonly metric: string; readonly target: string }[] };
  readonly allocation: { readonly header: readonly string[]; readonly rows: readonly (readonly ExportCell[])[] };
  readonly epics: { readonly header: readonly string[]; readonly rows: readonly (readonly ExportCell[])[] };
}

/** The vision map as a Markdown document: the vision, its goals, the allocation and the epics. */
export function visionMarkdown(input: VisionMarkdownInput): string {
  const { vision } = input;
  // The vision and goals are anyone's text (product managers edit them): escaped like the table cells.
  const lines = [`# Vision map: ${mdLine(input.projectKey)}`, '', vision.statement === '' ? '_No vision statement yet._' : mdText(vision.statement), ''];
  if (vision.goals.length > 0) {
    const goalLine = (goal: VisionMarkdownInput['vision']['goals'][number]): string =>
      `- ${mdLine(goal.name)}${goal.metric === '' ? '' : ` (${mdCell(goal.metric)}${goal.target === '' ? '' : `, target ${mdCell(goal.target)}`})`}`;
    lines.push('## Goals', '', ...vision.goals.map(goalLine), '');
  }
  lines.push('## Allocation', '', mdTable(input.allocation.header, input.allocation.rows), '');
  lines.push('## Epics', '', mdTable(input.epics.header, input.epics.rows), '');
  return lines.join('\n');
}
