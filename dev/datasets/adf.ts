/**
 * A small ADF (Atlassian Document Format) writer shared by the wiki and HTML converters.
 *
 * Converters send events (open a list, some text, close it); the writer keeps ADF's content rules
 * in one place: which block may sit in which container, that a list item starts with a paragraph,
 * that text is never empty, that `code` combines with no mark but `link`. It keeps an explicit
 * stack, never recursion, and caps nesting: beyond `maxDepth` containers, structure is flattened
 * and only the text stays.
 */

export type AdfMark =
  | { readonly type: 'strong' | 'em' | 'code' | 'strike' | 'underline' }
  | { readonly type: 'subsup'; readonly attrs: { readonly type: 'sub' | 'sup' } }
  | { readonly type: 'link'; readonly attrs: { readonly href: string } };

export interface AdfText {
  readonly type: 'text';
  readonly text: string;
  readonly marks?: readonly AdfMark[];
}
export interface AdfHardBreak {
  readonly type: 'hardBreak';
}
export type AdfInline = AdfText | AdfHardBreak;

export interface AdfParagraph {
  readonly type: 'paragraph';
  readonly content: readonly AdfInline[];
}
export interface AdfHeading {
  readonly type: 'heading';
  readonly attrs: { readonly level: number };
  readonly content: readonly AdfInline[];
}
export interface AdfCodeBlock {
  readonly type: 'codeBlock';
  readonly attrs?: { readonly language: string };
  readonly content: readonly AdfText[];
}
export interface AdfRule {
  readonly type: 'rule';
}
export interface AdfListItem {
  readonly type: 'listItem';
  readonly content: readonly AdfBlock[];
}
export interface AdfBulletList {
  readonly type: 'bulletList';
  readonly content: readonly AdfListItem[];
}
export interface AdfOrderedList {
  readonly type: 'orderedList';
  readonly attrs: { readonly order: number };
  readonly content: readonly AdfListItem[];
}
export interface AdfBlockquote {
  readonly type: 'blockquote';
  readonly content: readonly AdfBlock[];
}
export interface AdfPanel {
  readonly type: 'panel';
  readonly attrs: { readonly panelType: 'info' };
  readonly content: readonly AdfBlock[];
}
export interface AdfTableCell {
  readonly type: 'tableCell' | 'tableHeader';
  readonly content: readonly AdfBlock[];
}
export interface AdfTableRow {
  readonly type: 'tableRow';
  readonly content: readonly AdfTableCell[];
}
export interface AdfTable {
  readonly type: 'table';
  readonly attrs: { readonly isNumberColumnEnabled: boolean; readonly layout: 'default' };
  readonly content: readonly AdfTableRow[];
}
export type AdfBlock =
  | AdfParagraph
  | AdfHeading
  | AdfCodeBlock
  | AdfRule
  | AdfBulletList
  | AdfOrderedList
  | AdfBlockquote
  | AdfPanel
  | AdfTable;

export interface AdfDoc {
  readonly type: 'doc';
  readonly version: 1;
  readonly content: readonly AdfBlock[];
}

export type ContainerKind =
  | 'blockquote'
  | 'panel'
  | 'bulletList'
  | 'orderedList'
  | 'listItem'
  | 'table'
  | 'tableRow'
  | 'tableCell'
  | 'tableHeader';
type NodeKind = 'doc' | ContainerKind | 'paragraph' | 'heading' | 'codeBlock' | 'rule';
type BlockKind = Exclude<NodeKind, 'doc' | 'listItem' | 'tableRow' | 'tableCell' | 'tableHeader'>;

interface MutableNode {
  type: NodeKind;
  attrs?: Record<string, unknown>;
  content: (MutableNode | AdfInline)[];
}

const FLOW: readonly BlockKind[] = ['paragraph', 'bulletList', 'orderedList', 'codeBlock'];

/** Which blocks each container accepts (ADF's content expressions, simplified). */
const ACCEPTS: Readonly<Record<Exclude<NodeKind, 'paragraph' | 'heading' | 'codeBlock' | 'rule'>, ReadonlySet<NodeKind>>> = {
  doc: new Set<NodeKind>([...FLOW, 'heading', 'rule', 'blockquote', 'panel', 'table']),
  blockquote: new Set<NodeKind>(FLOW),
  panel: new Set<NodeKind>([...FLOW, 'heading', 'rule']),
  listItem: new Set<NodeKind>(FLOW),
  tableCell: new Set<NodeKind>([...FLOW, 'heading', 'rule', 'blockquote', 'panel']),
  tableHeader: new Set<NodeKind>([...FLOW, 'heading', 'rule', 'blockquote', 'panel']),
  bulletList: new Set<NodeKind>(['listItem']),
  orderedList: new Set<NodeKind>(['listItem']),
  table: new Set<NodeKind>(['tableRow']),
  tableRow: new Set<NodeKind>(['tableCell', 'tableHeader']),
};

/** The container that lets `kind` in where it is not accepted directly. */
const IMPLICIT_WRAPPER: Partial<Record<NodeKind, ContainerKind>> = {
  bulletList: 'listItem',
  orderedList: 'listItem',
  table: 'tableRow',
  tableRow: 'tableCell',
};

const CONTAINER_ATTRS: Partial<Record<ContainerKind, Readonly<Record<string, unknown>>>> = {
  orderedList: { order: 1 },
  panel: { panelType: 'info' },
  table: { isNumberColumnEnabled: false, layout: 'default' },
};

const MARK_ORDER = ['link', 'em', 'strong', 'strike', 'underline', 'subsup', 'code'];

/** A handle for `close`. Opaque; `node` is absent when the container was flattened away. */
export interface ContainerToken {
  readonly node?: object;
}
const TRANSPARENT: ContainerToken = {};

export const DEFAULT_MAX_DEPTH = 100;

function normaliseMarks(marks: readonly AdfMark[]): AdfMark[] {
  const byType = new Map<string, AdfMark>();
  for (const mark of marks) byType.set(mark.type, mark);
  // ADF: `code` combines with `link` only.
  if (byType.has('code')) for (const type of byType.keys()) if (type !== 'code' && type !== 'link') byType.delete(type);
  return [...byType.values()].sort((a, b) => MARK_ORDER.indexOf(a.type) - MARK_ORDER.indexOf(b.type));
}

function sameMarks(a: readonly AdfMark[] | undefined, b: readonly AdfMark[]): boolean {
  const left = a ?? [];
  return left.length === b.length && JSON.stringify(left) === JSON.stringify(b);
}

const isText = (node: MutableNode | AdfInline): node is AdfText => node.type === 'text';

export class AdfWriter {
  private readonly root: MutableNode = { type: 'doc', content: [] };
  private readonly stack: MutableNode[] = [this.root];
  private textblock: MutableNode | undefined;
  /** Containers opened on request (not implicit wrappers), for the depth cap. */
  private explicitDepth = 0;
  private readonly explicitAt: boolean[] = [false];

  constructor(private readonly maxDepth = DEFAULT_MAX_DEPTH) {}

  private get top(): MutableNode {
    return this.stack[this.stack.length - 1] ?? this.root;
  }

  private accepts(container: MutableNode, kind: NodeKind): boolean {
    const accepted = ACCEPTS[container.type as keyof typeof ACCEPTS] as ReadonlySet<NodeKind> | undefined;
    return accepted?.has(kind) ?? false;
  }

  /** Makes room for a block of `kind` under the top container, adding implicit wrappers; false when it cannot go there. */
  private makeRoomFor(kind: NodeKind): boolean {
    this.endTextblock();
    for (let attempt = 0; attempt < 3; attempt++) {
      if (this.accepts(this.top, kind)) return true;
      const wrapper = IMPLICIT_WRAPPER[this.top.type];
      if (wrapper === undefined) return false;
      this.push({ type: wrapper, content: [] }, false);
    }
    return this.accepts(this.top, kind);
  }

  private push(node: MutableNode, explicit: boolean): void {
    this.top.content.push(node);
    this.stack.push(node);
    this.explicitAt.push(explicit);
    if (explicit) this.explicitDepth++;
  }

  /** Opens a container. Where ADF does not allow it, or nesting is too deep, it is flattened. */
  open(kind: ContainerKind): ContainerToken {
    if (this.explicitDepth >= this.maxDepth) {
      this.endTextblock();
      return TRANSPARENT;
    }
    // A list item outside a list gets a list; cells and rows outside a table are just breaks.
    if (kind === 'listItem' && this.top.type !== 'bulletList' && this.top.type !== 'orderedList') {
      if (!this.makeRoomFor('bulletList')) return TRANSPARENT;
      this.push({ type: 'bulletList', content: [] }, false);
    }
    const outsideTable =
      (kind === 'tableRow' && this.top.type !== 'table') || ((kind === 'tableCell' || kind === 'tableHeader') && this.top.type !== 'tableRow');
    if (outsideTable || !this.makeRoomFor(kind)) {
      this.endTextblock();
      return TRANSPARENT;
    }
    const attrs = CONTAINER_ATTRS[kind];
    const node: MutableNode = attrs === undefined ? { type: kind, content: [] } : { type: kind, attrs: { ...attrs }, content: [] };
    this.push(node, true);
    return { node };
  }

  /** True while the container of `token` has not been closed (itself, or with an outer one). */
  isOpen(token: ContainerToken): boolean {
    return token.node !== undefined && this.stack.includes(token.node as MutableNode);
  }

  /** Closes the container of `token` and everything opened inside it; nothing if it is closed already. */
  close(token: ContainerToken): void {
    this.endTextblock();
    if (token.node === undefined) return;
    const index = this.stack.lastIndexOf(token.node as MutableNode);
    if (index <= 0) return;
    while (this.stack.length > index) this.popContainer();
  }

  private popContainer(): void {
    this.endTextblock();
    const node = this.stack.pop();
    const explicit = this.explicitAt.pop();
    if (node === undefined) return;
    if (explicit === true) this.explicitDepth--;
    const parent = this.top;
    const content = node.content;
    const isLast = parent.content[parent.content.length - 1] === node;
    // A wrapper the writer added itself, and that got nothing, was never there.
    if (explicit === false && content.length === 0 && isLast) {
      parent.content.pop();
      return;
    }
    switch (node.type) {
      case 'listItem': {
        const first = content[0];
        if (first === undefined || (first.type !== 'paragraph' && first.type !== 'codeBlock')) content.unshift({ type: 'paragraph', content: [] });
        return;
      }
      case 'tableCell':
      case 'tableHeader':
        if (content.length === 0) content.push({ type: 'paragraph', content: [] });
        return;
      default:
        // Empty lists, tables, rows, quotes and panels are dropped.
        if (content.length === 0 && isLast) parent.content.pop();
    }
  }

  /** Starts a paragraph (or a heading where ADF allows one; elsewhere a paragraph). */
  startTextblock(kind: 'paragraph' | 'heading' = 'paragraph', level = 1): void {
    const wanted = kind === 'heading' && this.accepts(this.top, 'heading') ? 'heading' : 'paragraph';
    if (!this.makeRoomFor(wanted)) return;
    const node: MutableNode =
      wanted === 'heading' ? { type: wanted, attrs: { level: Math.min(Math.max(Math.trunc(level), 1), 6) }, content: [] } : { type: wanted, content: [] };
    this.top.content.push(node);
    this.textblock = node;
  }

  endTextblock(): void {
    const block = this.textblock;
    if (block === undefined) return;
    this.textblock = undefined;
    const inline = trimInline(block.content as AdfInline[]);
    block.content = inline;
    const container = this.top;
    if (inline.length === 0 && container.content[container.content.length - 1] === block) container.content.pop();
  }

  /** True when collapsible whitespace here would be invisible (start of a block, after a space or break). */
  private atSoftStart(): boolean {
    const last = this.textblock?.content[this.textblock.content.length - 1];
    if (last === undefined) return true;
    return last.type === 'hardBreak' || (isText(last) && /\s$/.test(last.text));
  }

  private ensureTextblock(): MutableNode | undefined {
    if (this.textblock === undefined) this.startTextblock();
    return this.textblock;
  }

  /** Inline text. With `collapse`, runs of whitespace count as one space, as in HTML. */
  text(value: string, marks: readonly AdfMark[] = [], collapse = false): void {
    let text = collapse ? value.replace(/[ \t\n\r\f]+/g, ' ') : value;
    if (collapse && text.startsWith(' ') && this.atSoftStart()) text = text.slice(1);
    // Whitespace before any content would be trimmed: do not let it open a paragraph (or a cell).
    if (text === '' || (this.textblock === undefined && text.trim() === '')) return;
    const block = this.ensureTextblock();
    if (block === undefined) return;
    const normalised = normaliseMarks(marks);
    const last = block.content[block.content.length - 1];
    if (last !== undefined && isText(last) && sameMarks(last.marks, normalised)) {
      block.content[block.content.length - 1] = { ...last, text: last.text + text };
      return;
    }
    block.content.push(normalised.length === 0 ? { type: 'text', text } : { type: 'text', text, marks: normalised });
  }

  hardBreak(): void {
    // A break before any content would be trimmed too.
    this.textblock?.content.push({ type: 'hardBreak' });
  }

  codeBlock(code: string, language?: string): void {
    if (!this.makeRoomFor('codeBlock')) {
      // Where no code block may go, the code stays as code-marked text.
      this.text(code, [{ type: 'code' }]);
      return;
    }
    const content: AdfText[] = code === '' ? [] : [{ type: 'text', text: code }];
    this.top.content.push(language === undefined || language === '' ? { type: 'codeBlock', content } : { type: 'codeBlock', attrs: { language }, content });
  }

  rule(): void {
    if (this.makeRoomFor('rule')) this.top.content.push({ type: 'rule' } as AdfRule as unknown as MutableNode);
  }

  finish(): AdfDoc {
    while (this.stack.length > 1) this.popContainer();
    this.endTextblock();
    return toDoc(this.root);
  }
}

/** Leading and trailing whitespace and breaks go; so does whitespace around a break. */
function trimInline(nodes: readonly AdfInline[]): AdfInline[] {
  const result: AdfInline[] = [];
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index];
    if (node === undefined) continue;
    if (node.type === 'hardBreak') {
      result.push(node);
      continue;
    }
    let text = node.text;
    const previous = result[result.length - 1];
    const next = nodes[index + 1];
    if (previous === undefined || previous.type === 'hardBreak') text = text.replace(/^[ \t\r\n]+/, '');
    if (next === undefined || next.type === 'hardBreak') text = text.replace(/[ \t\r\n]+$/, '');
    if (text !== '') result.push({ ...node, text });
  }
  while (result[0]?.type === 'hardBreak') result.shift();
  while (result[result.length - 1]?.type === 'hardBreak') result.pop();
  return result;
}

function toDoc(root: MutableNode): AdfDoc {
  // The writer only ever built what ADF allows, so its tree is the document as it stands.
  return { type: 'doc', version: 1, content: root.content as unknown as AdfBlock[] };
}
