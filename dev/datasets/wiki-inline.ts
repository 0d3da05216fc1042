/**
 * Inline Jira wiki markup → ADF text: *strong*, _em_, -strike-, +underline+, ^sup^, ~sub~,
 * {{monospace}}, [text|url] links, bare URLs, \\ line breaks and \ escapes. What is not markup
 * (or not understood) stays as text. One left-to-right pass: no recursion.
 */
import type { AdfMark, AdfWriter } from './adf';

const EMPHASIS: Readonly<Record<string, AdfMark>> = {
  '*': { type: 'strong' },
  _: { type: 'em' },
  '-': { type: 'strike' },
  '+': { type: 'underline' },
  '^': { type: 'subsup', attrs: { type: 'sup' } },
  '~': { type: 'subsup', attrs: { type: 'sub' } },
};
/** Superscript and subscript sit inside words: x^2^, H~2~O. */
const INSIDE_WORDS = new Set(['^', '~']);
const ESCAPABLE = new Set(['*', '_', '-', '+', '^', '~', '{', '}', '[', ']', '|', '!', '?', '#', '\\']);
/** Macros that only style text: the tag goes, the text stays. */
const STYLE_MACRO = /^\{(?:color|anchor)(?::[^}]*)?\}/;
/** A bare URL, not glued to a word before it. */
const BARE_URL = /(?<![\p{L}\p{N}])(?:(?:https?|ftp|file):\/\/|mailto:)[^\s<>"'[\]|{}]+/giu;
const TRAILING_PUNCTUATION = /[.,;:!?)'"]+$/;
/** Characters where markup may start; everything between two of them is plain text. */
const SPECIAL = /[\\{[*_\-+^~]/g;
const EMPHASIS_CHARS = /[*_\-+^~]/g;

function isWordChar(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return /[\p{L}\p{N}]/u.test(char);
}

const isSpace = (char: string | undefined): boolean => char === undefined || char === ' ' || /\s/.test(char);

interface BareUrl {
  readonly start: number;
  readonly url: string;
}

function bareUrlsOf(text: string): BareUrl[] {
  const urls: BareUrl[] = [];
  if (!text.includes(':')) return urls;
  for (const match of text.matchAll(BARE_URL)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    if (url.length > 8) urls.push({ start: match.index, url });
  }
  return urls;
}

export function isUrlLike(target: string): boolean {
  return /^(?:(?:https?|ftp|file):\/\/|mailto:)\S+$/i.test(target) || /^www\.\S+\.\S+$/i.test(target);
}

/** Where an emphasis mark may close: after a non-space, before a non-word character. */
function closersOf(text: string): Map<string, number[]> {
  const closers = new Map<string, number[]>(Object.keys(EMPHASIS).map((char) => [char, []]));
  for (const match of text.matchAll(EMPHASIS_CHARS)) {
    const index = match.index;
    const char = match[0];
    const list = closers.get(char);
    if (list === undefined || index === 0) continue;
    const before = text[index - 1];
    const after = text[index + 1];
    if (!isSpace(before) && before !== char && (INSIDE_WORDS.has(char) || !isWordChar(after)) && after !== char) list.push(index);
  }
  return closers;
}

function firstAfter(sorted: readonly number[], after: number): number | undefined {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) <= after) low = middle + 1;
    else high = middle;
  }
  return sorted[low];
}

export function writeInline(text: string, writer: AdfWriter, baseMarks: readonly AdfMark[] = []): void {
  const closers = closersOf(text);
  /** Open emphasis: marker → index of its closer. */
  const open = new Map<string, number>();
  let pending = '';

  const marks = (): AdfMark[] => [...baseMarks, ...[...open.keys()].map((char) => EMPHASIS[char]).filter((mark) => mark !== undefined)];
  const flush = (): void => {
    if (pending !== '') writer.text(pending, marks());
    pending = '';
  };
  /** Emphasis whose closer was swallowed by a token (code, link) ends there. */
  const dropPassed = (index: number): void => {
    for (const [char, closer] of open) if (closer < index) open.delete(char);
  };

  const urls = bareUrlsOf(text);
  let nextUrl = 0;
  let index = 0;
  while (index < text.length) {
    while ((urls[nextUrl]?.start ?? Number.POSITIVE_INFINITY) < index) nextUrl++;
    const url = urls[nextUrl];
    SPECIAL.lastIndex = index;
    const stop = Math.min(SPECIAL.exec(text)?.index ?? text.length, url?.start ?? text.length);
    if (stop > index) {
      pending += text.slice(index, stop);
      index = stop;
      continue;
    }
    if (url !== undefined && url.start === index) {
      flush();
      writer.text(url.url, [...marks(), { type: 'link', attrs: { href: url.url } }]);
      index += url.url.length;
      dropPassed(index);
      continue;
    }
    const char = text.charAt(index);
    const rest = text.slice(index, index + 2);

    if (rest === '\\\\') {
      flush();
      writer.hardBreak();
      index += 2;
      continue;
    }
    if (char === '\\' && ESCAPABLE.has(text.charAt(index + 1))) {
      pending += text.charAt(index + 1);
      index += 2;
      continue;
    }
    if (rest === '{{') {
      const end = text.indexOf('}}', index + 2);
      if (end > index + 2) {
        flush();
        writer.text(text.slice(index + 2, end), [...marks(), { type: 'code' }]);
        index = end + 2;
        dropPassed(index);
        continue;
      }
    }
    if (char === '{') {
      const macro = STYLE_MACRO.exec(text.slice(index, index + 200));
      if (macro !== null) {
        index += macro[0].length;
        continue;
      }
    }
    if (char === '[') {
      const consumed = writeLink(text, index, writer, marks(), flush);
      if (consumed > 0) {
        index += consumed;
        dropPassed(index);
        continue;
      }
    }
    if (EMPHASIS[char] !== undefined) {
      if (open.get(char) === index) {
        flush();
        open.delete(char);
        index++;
        continue;
      }
      const before = text[index - 1];
      const after = text[index + 1];
      if (!open.has(char) && (INSIDE_WORDS.has(char) || !isWordChar(before)) && before !== char && !isSpace(after) && after !== char) {
        const closer = firstAfter(closers.get(char) ?? [], index + 1);
        if (closer !== undefined) {
          flush();
          open.set(char, closer);
          index++;
          continue;
        }
      }
    }
    pending += char;
    index++;
  }
  flush();
}

/** Writes `[…]` at `start` as a link (or its text); returns how many characters it used, 0 if it is not a link. */
function writeLink(text: string, start: number, writer: AdfWriter, marks: readonly AdfMark[], flush: () => void): number {
  const end = text.indexOf(']', start + 1);
  if (end < 0) return 0;
  const inner = text.slice(start + 1, end);
  if (inner === '' || inner.includes('[')) return 0;
  const bar = inner.indexOf('|');
  const label = bar >= 0 ? inner.slice(0, bar).trim() : '';
  const target = (bar >= 0 ? inner.slice(bar + 1).split('|')[0] ?? '' : inner).trim();
  let shown: string | undefined;
  let href: string | undefined;
  if (target.startsWith('~')) shown = label || `@${target.slice(1)}`;
  else if (target.startsWith('^') || target.startsWith('#')) shown = label || target.slice(1);
  else if (isUrlLike(target)) {
    href = /^www\./i.test(target) ? `http://${target}` : target;
    shown = label || target;
  } else if (bar >= 0 && /^[A-Z][A-Z0-9_]+-\d+$/.test(target)) shown = label;
  if (shown === undefined || shown === '') return 0;
  flush();
  writer.text(shown, href === undefined ? marks : [...marks, { type: 'link', attrs: { href } }]);
  return end - start + 1;
}
