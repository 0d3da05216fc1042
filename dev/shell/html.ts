/**
 * HTML built from templates whose every interpolation is escaped, unless it is itself `Html`:
 * the shell shows issue text from the dataset, and none of it may become markup.
 */
const SAFE = Symbol('html');

export interface Html {
  readonly [SAFE]: true;
  readonly text: string;
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function isHtml(value: unknown): value is Html {
  return typeof value === 'object' && value !== null && SAFE in value;
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (isHtml(value)) return value.text;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  if (typeof value === 'string') return escapeHtml(value);
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += render(value) + (strings[index + 1] ?? '');
  });
  return { [SAFE]: true, text };
}

/** JSON for a `<script type="application/json">` block: `<` escaped so no text can close the tag. */
export function jsonBlock(value: unknown): Html {
  return { [SAFE]: true, text: JSON.stringify(value).replace(/</g, '\\u003c') };
}
