/**
 * HTML (as Jira Server stored it inside `{html}…{html}`) → ADF, through node-html-parser.
 *
 * The tree is walked with an explicit stack, so a document nested 10,000 deep is as safe as a
 * flat one; the ADF writer flattens structure beyond its depth cap. Unknown tags give their
 * text; script and style give nothing.
 */
import { HTMLElement, NodeType, parse } from 'node-html-parser';
import type { Node } from 'node-html-parser';
import { AdfWriter, DEFAULT_MAX_DEPTH } from './adf';
import type { AdfDoc, AdfMark, ContainerKind, ContainerToken } from './adf';

export interface HtmlOptions {
  readonly maxDepth?: number;
}

interface PreText {
  text: string;
  readonly language: string | undefined;
}

interface Context {
  readonly marks: readonly AdfMark[];
  /** Inside <pre>: all text goes to the code block, verbatim. */
  readonly pre: PreText | undefined;
}

type Step =
  | { readonly enter: Node; readonly context: Context }
  | { readonly leave: () => void };

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'title']);
/** Tags that only separate paragraphs. */
const BREAKING = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'main', 'nav', 'aside', 'center', 'address', 'figure',
  'figcaption', 'form', 'fieldset', 'details', 'summary', 'dl', 'dt', 'dd', 'caption', 'body', 'html',
]);
const CONTAINERS: Readonly<Record<string, ContainerKind>> = {
  ul: 'bulletList',
  ol: 'orderedList',
  li: 'listItem',
  blockquote: 'blockquote',
  table: 'table',
  tr: 'tableRow',
  td: 'tableCell',
  th: 'tableHeader',
};
const INLINE_MARKS: Readonly<Record<string, AdfMark>> = {
  strong: { type: 'strong' },
  b: { type: 'strong' },
  em: { type: 'em' },
  i: { type: 'em' },
  cite: { type: 'em' },
  var: { type: 'em' },
  u: { type: 'underline' },
  ins: { type: 'underline' },
  s: { type: 'strike' },
  strike: { type: 'strike' },
  del: { type: 'strike' },
  sub: { type: 'subsup', attrs: { type: 'sub' } },
  sup: { type: 'subsup', attrs: { type: 'sup' } },
  code: { type: 'code' },
  tt: { type: 'code' },
  kbd: { type: 'code' },
  samp: { type: 'code' },
};

/** Browsers ignore spaces and control characters inside a scheme ("java\tscript:"). */
function removeInvisible(text: string): string {
  let visible = '';
  for (const char of text) if (char.charCodeAt(0) > 0x20) visible += char;
  return visible;
}

/** Links that would run code when clicked are dropped; their text stays. */
export function safeHref(href: string | undefined): string | undefined {
  const trimmed = href?.trim();
  if (trimmed === undefined || trimmed === '') return undefined;
  return /^(?:javascript|data|vbscript):/i.test(removeInvisible(trimmed)) ? undefined : trimmed;
}

function languageOf(element: HTMLElement): string | undefined {
  const match = /(?:^|\s)(?:language|lang)-([\w#+.-]+)/.exec(element.getAttribute('class') ?? '');
  return match?.[1]?.toLowerCase();
}

export function htmlToAdf(html: string, options: HtmlOptions = {}): AdfDoc {
  const root = parse(html, { comment: false, blockTextElements: { script: true, style: true, noscript: true } });
  const writer = new AdfWriter(options.maxDepth ?? DEFAULT_MAX_DEPTH);
  const steps: Step[] = [];
  const enterChildren = (node: Node, context: Context): void => {
    for (let index = node.childNodes.length - 1; index >= 0; index--) {
      const child = node.childNodes[index];
      if (child !== undefined) steps.push({ enter: child, context });
    }
  };
  // The parser's root has no tag name: start from its children.
  enterChildren(root, { marks: [], pre: undefined });

  for (let step = steps.pop(); step !== undefined; step = steps.pop()) {
    if ('leave' in step) {
      step.leave();
      continue;
    }
    const { enter: node, context } = step;
    if (node.nodeType === NodeType.TEXT_NODE) {
      if (context.pre !== undefined) context.pre.text += node.text;
      else writer.text(node.text, context.marks, true);
      continue;
    }
    if (!(node instanceof HTMLElement)) continue;
    const tag = node.rawTagName.toLowerCase();
    if (SKIPPED.has(tag)) continue;

    if (context.pre !== undefined) {
      // Inside <pre> markup is ignored; line breaks still count.
      if (tag === 'br') context.pre.text += '\n';
      else enterChildren(node, context);
      continue;
    }
    if (tag === 'br') {
      writer.hardBreak();
      continue;
    }
    if (tag === 'hr') {
      writer.rule();
      continue;
    }
    if (tag === 'img') {
      const alt = node.getAttribute('alt');
      if (alt !== undefined && alt.trim() !== '') writer.text(alt, context.marks, true);
      continue;
    }
    if (tag === 'pre') {
      const pre: PreText = { text: '', language: languageOf(node) ?? languageOf(node.querySelector('code') ?? node) };
      steps.push({ leave: () => { writer.codeBlock(pre.text.replace(/^\n/, '').replace(/\s+$/, ''), pre.language); } });
      // In <pre> <code>…</code> </pre> the spaces around <code> are layout, not code.
      const wrapsCode = node.childNodes.some((child) => child instanceof HTMLElement && child.rawTagName.toLowerCase() === 'code');
      for (let index = node.childNodes.length - 1; index >= 0; index--) {
        const child = node.childNodes[index];
        if (child === undefined || (wrapsCode && child.nodeType === NodeType.TEXT_NODE && child.text.trim() === '')) continue;
        steps.push({ enter: child, context: { marks: [], pre } });
      }
      continue;
    }
    const heading = /^h([1-6])$/.exec(tag);
    if (heading !== null) {
      writer.startTextblock('heading', Number(heading[1]));
      steps.push({ leave: () => { writer.endTextblock(); } });
      enterChildren(node, context);
      continue;
    }
    const container = CONTAINERS[tag];
    if (container !== undefined) {
      const token: ContainerToken = writer.open(container);
      steps.push({ leave: () => { writer.close(token); } });
      enterChildren(node, context);
      continue;
    }
    if (BREAKING.has(tag)) {
      writer.endTextblock();
      steps.push({ leave: () => { writer.endTextblock(); } });
      enterChildren(node, context);
      continue;
    }
    let mark = INLINE_MARKS[tag];
    if (tag === 'a') {
      const href = safeHref(node.getAttribute('href'));
      mark = href === undefined ? undefined : { type: 'link', attrs: { href } };
    }
    // Unknown and purely presentational tags (span, font, …) give their text.
    enterChildren(node, mark === undefined ? context : { ...context, marks: [...context.marks, mark] });
  }
  return writer.finish();
}
