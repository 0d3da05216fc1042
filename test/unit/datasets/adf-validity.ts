/**
 * A structural check of ADF, after Atlassian's schema (the parts the converters emit): which
 * node may contain which, non-empty text, allowed marks and their combinations. Iterative, so
 * it also checks very deep documents. Returns the problems found, with where.
 */

const INLINE = new Set(['text', 'hardBreak']);
const FLOW = ['paragraph', 'bulletList', 'orderedList', 'codeBlock'];
const CHILDREN: Readonly<Record<string, ReadonlySet<string>>> = {
  doc: new Set([...FLOW, 'heading', 'rule', 'blockquote', 'panel', 'table']),
  paragraph: INLINE,
  heading: INLINE,
  codeBlock: new Set(['text']),
  blockquote: new Set(FLOW),
  panel: new Set([...FLOW, 'heading', 'rule']),
  bulletList: new Set(['listItem']),
  orderedList: new Set(['listItem']),
  listItem: new Set(FLOW),
  table: new Set(['tableRow']),
  tableRow: new Set(['tableCell', 'tableHeader']),
  tableCell: new Set([...FLOW, 'heading', 'rule', 'blockquote', 'panel']),
  tableHeader: new Set([...FLOW, 'heading', 'rule', 'blockquote', 'panel']),
};
const NON_EMPTY = new Set(['bulletList', 'orderedList', 'listItem', 'table', 'tableRow', 'tableCell', 'tableHeader', 'blockquote', 'panel']);
const MARKS = new Set(['strong', 'em', 'code', 'strike', 'underline', 'subsup', 'link']);

export interface AdfCheck {
  readonly problems: string[];
  readonly maxDepth: number;
  readonly nodeTypes: Set<string>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function checkAdf(doc: unknown): AdfCheck {
  const problems: string[] = [];
  const nodeTypes = new Set<string>();
  let maxDepth = 0;
  if (!isObject(doc) || doc.type !== 'doc' || doc.version !== 1 || !Array.isArray(doc.content)) {
    return { problems: ['root is not { type: "doc", version: 1, content: [] }'], maxDepth, nodeTypes };
  }
  const pending: { node: unknown; parent: string; path: string; depth: number; index: number }[] = [];
  (doc.content as unknown[]).forEach((node, index) => pending.push({ node, parent: 'doc', path: `content[${index}]`, depth: 1, index }));
  while (pending.length > 0 && problems.length < 20) {
    const { node, parent, path, depth, index } = pending.pop()!;
    maxDepth = Math.max(maxDepth, depth);
    if (!isObject(node) || typeof node.type !== 'string') {
      problems.push(`${path}: not a node`);
      continue;
    }
    const type = node.type;
    nodeTypes.add(type);
    if (!(CHILDREN[parent]?.has(type) ?? false)) problems.push(`${path}: ${type} may not be inside ${parent}`);
    if (parent === 'listItem' && index === 0 && type !== 'paragraph' && type !== 'codeBlock') problems.push(`${path}: a list item must start with a paragraph`);
    if (type === 'text') {
      if (typeof node.text !== 'string' || node.text === '') problems.push(`${path}: empty text`);
      if (node.marks !== undefined) {
        if (!Array.isArray(node.marks)) problems.push(`${path}: marks not a list`);
        else {
          const types = (node.marks as unknown[]).map((mark) => (isObject(mark) ? mark.type : undefined));
          if (new Set(types).size !== types.length) problems.push(`${path}: a mark twice`);
          for (const mark of node.marks as unknown[]) {
            if (!isObject(mark) || typeof mark.type !== 'string' || !MARKS.has(mark.type)) problems.push(`${path}: unknown mark`);
            else if (mark.type === 'link' && (!isObject(mark.attrs) || typeof mark.attrs.href !== 'string' || mark.attrs.href === '')) problems.push(`${path}: link without href`);
            else if (mark.type === 'subsup' && (!isObject(mark.attrs) || (mark.attrs.type !== 'sub' && mark.attrs.type !== 'sup'))) problems.push(`${path}: bad subsup`);
          }
          if (types.includes('code') && types.some((markType) => markType !== 'code' && markType !== 'link')) problems.push(`${path}: code with other marks`);
          if (parent === 'codeBlock' && types.length > 0) problems.push(`${path}: marks in a code block`);
        }
      }
      continue;
    }
    if (type === 'hardBreak' || type === 'rule') {
      if ('content' in node) problems.push(`${path}: ${type} has content`);
      continue;
    }
    if (type === 'heading' && (!isObject(node.attrs) || typeof node.attrs.level !== 'number' || node.attrs.level < 1 || node.attrs.level > 6)) problems.push(`${path}: heading level`);
    if (!Array.isArray(node.content)) {
      problems.push(`${path}: ${type} without content`);
      continue;
    }
    const children = node.content as unknown[];
    if (NON_EMPTY.has(type) && children.length === 0) problems.push(`${path}: empty ${type}`);
    children.forEach((child, childIndex) => pending.push({ node: child, parent: type, path: `${path}.content[${childIndex}]`, depth: depth + 1, index: childIndex }));
  }
  return { problems, maxDepth, nodeTypes };
}
