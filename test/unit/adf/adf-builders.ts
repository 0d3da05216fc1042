/** Tiny ADF builders so tests read like the documents they describe. */
export type Node = Record<string, unknown>;

export const text = (value: string, ...marks: string[]): Node =>
  marks.length === 0 ? { type: 'text', text: value } : { type: 'text', text: value, marks: marks.map((type) => ({ type })) };
export const doc = (...content: Node[]): Node => ({ type: 'doc', version: 1, content });
export const p = (...content: (Node | string)[]): Node => ({
  type: 'paragraph',
  content: content.map((item) => (typeof item === 'string' ? text(item) : item)),
});
export const bold = (value: string): Node => p(text(value, 'strong'));
/** A hard break (Shift+Enter in Jira; a single newline of wiki markup). */
export const br: Node = { type: 'hardBreak' };
/** One paragraph whose lines (a string, or inline pieces) are joined by hard breaks, as wiki markup's single newlines convert. */
export const lines = (...values: (string | (Node | string)[])[]): Node =>
  p(...values.flatMap((value, i) => [...(i === 0 ? [] : [br]), ...(typeof value === 'string' ? [value] : value)]));
export const h = (level: number, value: string): Node => ({ type: 'heading', attrs: { level }, content: [text(value)] });
export const bullets = (...items: string[]): Node => ({
  type: 'bulletList',
  content: items.map((item) => ({ type: 'listItem', content: [p(item)] })),
});
export const numbered = (...items: string[]): Node => ({
  type: 'orderedList',
  attrs: { order: 1 },
  content: items.map((item) => ({ type: 'listItem', content: [p(item)] })),
});
export const tasks = (...items: [string, 'DONE' | 'TODO'][]): Node => ({
  type: 'taskList',
  attrs: { localId: 'list' },
  content: items.map(([value, state], i) => ({ type: 'taskItem', attrs: { localId: String(i), state }, content: [text(value)] })),
});
const cell = (type: 'tableHeader' | 'tableCell', value: string): Node => ({ type, attrs: {}, content: [p(value)] });
export const table = (headers: string[], ...rows: string[][]): Node => ({
  type: 'table',
  content: [
    ...(headers.length > 0 ? [{ type: 'tableRow', content: headers.map((value) => cell('tableHeader', value)) }] : []),
    ...rows.map((row) => ({ type: 'tableRow', content: row.map((value) => cell('tableCell', value)) })),
  ],
});
export const code = (value: string, language?: string): Node => ({
  type: 'codeBlock',
  ...(language === undefined ? {} : { attrs: { language } }),
  content: [text(value)],
});
