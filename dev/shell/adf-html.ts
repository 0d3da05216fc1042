/**
 * A description in Atlassian Document Format, shown as the issue view shows it: paragraphs,
 * headings, lists, task lists, code, tables, bold and italic. Text only ever becomes text:
 * every string goes through the escaping `html` template.
 */
import { html } from './html';
import type { Html } from './html';

const MAX_DEPTH = 30;

interface AdfNode {
  readonly type?: unknown;
  readonly text?: unknown;
  readonly content?: unknown;
  readonly attrs?: { readonly level?: unknown; readonly state?: unknown; readonly text?: unknown };
  readonly marks?: unknown;
}

function childrenOf(node: AdfNode, depth: number): Html[] {
  return Array.isArray(node.content) ? (node.content as AdfNode[]).map((child) => nodeHtml(child, depth + 1)) : [];
}

function textHtml(node: AdfNode): Html {
  let out: Html = html`${typeof node.text === 'string' ? node.text : ''}`;
  const marks = Array.isArray(node.marks) ? (node.marks as { type?: unknown }[]) : [];
  for (const mark of marks) {
    if (mark.type === 'strong') out = html`<strong>${out}</strong>`;
    else if (mark.type === 'em') out = html`<em>${out}</em>`;
    else if (mark.type === 'code') out = html`<code>${out}</code>`;
    else if (mark.type === 'strike') out = html`<s>${out}</s>`;
  }
  return out;
}

function nodeHtml(node: AdfNode, depth: number): Html {
  if (typeof node !== 'object' || depth > MAX_DEPTH) return html``;
  const inner = (): Html[] => childrenOf(node, depth);
  switch (node.type) {
    case 'doc':
      return html`${inner()}`;
    case 'paragraph':
      return html`<p>${inner()}</p>`;
    case 'heading': {
      const level = typeof node.attrs?.level === 'number' ? Math.min(Math.max(Math.round(node.attrs.level), 3), 6) : 3;
      return html`<p class="adf-heading adf-heading-${level}" role="heading" aria-level="${level}">${inner()}</p>`;
    }
    case 'text':
      return textHtml(node);
    case 'hardBreak':
      return html`<br />`;
    case 'bulletList':
      return html`<ul>${inner()}</ul>`;
    case 'orderedList':
      return html`<ol>${inner()}</ol>`;
    case 'listItem':
      return html`<li>${inner()}</li>`;
    case 'taskList':
      return html`<ul class="adf-tasks">${inner()}</ul>`;
    case 'taskItem':
      return html`<li><span aria-hidden="true">${node.attrs?.state === 'DONE' ? '☑' : '☐'}</span> ${inner()}</li>`;
    case 'codeBlock':
      return html`<pre><code>${inner()}</code></pre>`;
    case 'blockquote':
      return html`<blockquote>${inner()}</blockquote>`;
    case 'rule':
      return html`<hr />`;
    case 'table':
      return html`<table class="adf-table"><tbody>${inner()}</tbody></table>`;
    case 'tableRow':
      return html`<tr>${inner()}</tr>`;
    case 'tableHeader':
      return html`<th>${inner()}</th>`;
    case 'tableCell':
      return html`<td>${inner()}</td>`;
    case 'mention':
      return html`<span class="adf-mention">${typeof node.attrs?.text === 'string' ? node.attrs.text : '@someone'}</span>`;
    default:
      return html`${inner()}`;
  }
}

export function descriptionHtml(description: unknown): Html {
  if (typeof description === 'string') return html`<p>${description}</p>`;
  if (typeof description !== 'object' || description === null) return html`<p class="empty">Add a description…</p>`;
  return nodeHtml(description, 0);
}
