/** Small builders for Atlassian Document Format, so generated descriptions look like Jira's. */

export type AdfNode = Record<string, unknown>;

// A type alias, not an interface, so a document fits the dataset's open `Record` shapes.
export type AdfDoc = {
  type: 'doc';
  version: 1;
  content: AdfNode[];
};

export function doc(...content: AdfNode[]): AdfDoc {
  return { type: 'doc', version: 1, content };
}

export function text(value: string, marks?: string[]): AdfNode {
  return { type: 'text', text: value, ...(marks === undefined ? {} : { marks: marks.map((type) => ({ type })) }) };
}

export function paragraph(...parts: (string | AdfNode)[]): AdfNode {
  return { type: 'paragraph', content: parts.map((part) => (typeof part === 'string' ? text(part) : part)) };
}

export function heading(level: number, value: string): AdfNode {
  return { type: 'heading', attrs: { level }, content: [text(value)] };
}

export function bulletList(items: string[]): AdfNode {
  return { type: 'bulletList', content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })) };
}

export function orderedList(items: string[]): AdfNode {
  return { type: 'orderedList', attrs: { order: 1 }, content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })) };
}

/** Task lists need ids unique within the document; `prefix` keeps them stable. */
export function taskList(prefix: string, items: { text: string; done: boolean }[]): AdfNode {
  return {
    type: 'taskList',
    attrs: { localId: `${prefix}-list` },
    content: items.map((item, index) => ({
      type: 'taskItem',
      attrs: { localId: `${prefix}-${index}`, state: item.done ? 'DONE' : 'TODO' },
      content: [text(item.text)],
    })),
  };
}

export function table(header: string[], rows: string[][]): AdfNode {
  const cell = (type: 'tableHeader' | 'tableCell', value: string): AdfNode => ({ type, attrs: {}, content: [paragraph(value)] });
  return {
    type: 'table',
    attrs: { isNumberColumnEnabled: false, layout: 'default' },
    content: [
      { type: 'tableRow', content: header.map((h) => cell('tableHeader', h)) },
      ...rows.map((row) => ({ type: 'tableRow', content: row.map((value) => cell('tableCell', value)) })),
    ],
  };
}

export function panel(panelType: 'info' | 'note' | 'warning', ...content: AdfNode[]): AdfNode {
  return { type: 'panel', attrs: { panelType }, content };
}

/** Plain text as ADF paragraphs (one per blank-line separated block). */
export function plainTextDoc(value: string): AdfDoc {
  const blocks = value
    .split(/\n\s*\n/)
    .map((block) => block.replace(/\s+/g, ' ').trim())
    .filter((block) => block !== '');
  return doc(...(blocks.length === 0 ? [] : blocks.map((block) => paragraph(block))));
}
