/**
 * A Jira Server description → ADF: the literal NULL or blank is no description, `{html}…{html}`
 * is HTML, the rest is wiki markup. A description may mix both.
 */
import type { AdfBlock, AdfDoc } from './adf';
import { restoreHtmlLineBreaks, restoreWikiLineBreaks } from './flattened-line-breaks';
import { htmlToAdf } from './html-to-adf';
import { wikiToAdf } from './wiki-to-adf';

export type DescriptionFormat = 'html' | 'wiki' | 'empty';

export interface ConvertedDescription {
  readonly format: DescriptionFormat;
  readonly doc: AdfDoc | null;
}

export interface DescriptionOptions {
  /** The text had its line breaks flattened to double spaces (the Deep-SE CSVs). */
  readonly flattenedLineBreaks?: boolean;
}

const HTML_SECTION = /\{html\}([\s\S]*?)(?:\{html\}|$)/g;

export function descriptionToAdf(raw: string | null | undefined, options: DescriptionOptions = {}): ConvertedDescription {
  if (raw === null || raw === undefined || raw.trim() === '' || raw.trim() === 'NULL') return { format: 'empty', doc: null };
  const flattened = options.flattenedLineBreaks === true;
  const wiki = (text: string): readonly AdfBlock[] => wikiToAdf(flattened ? restoreWikiLineBreaks(text) : text).content;
  const html = (text: string): readonly AdfBlock[] => htmlToAdf(flattened ? restoreHtmlLineBreaks(text) : text).content;

  const content: AdfBlock[] = [];
  let position = 0;
  let sawHtml = false;
  for (const match of raw.matchAll(HTML_SECTION)) {
    sawHtml = true;
    content.push(...wiki(raw.slice(position, match.index)), ...html(match[1] ?? ''));
    position = match.index + match[0].length;
  }
  content.push(...wiki(raw.slice(position)));
  if (content.length === 0) return { format: 'empty', doc: null };
  return { format: sawHtml ? 'html' : 'wiki', doc: { type: 'doc', version: 1, content } };
}
