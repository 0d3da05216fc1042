import { describe, expect, it } from 'vitest';
import { descriptionToAdf } from '../../../dev/datasets/description-to-adf';
import { restoreHtmlLineBreaks, restoreWikiLineBreaks } from '../../../dev/datasets/flattened-line-breaks';
import { checkAdf } from './adf-validity';

describe('descriptionToAdf', () => {
  it('reads NULL, blanks and missing text as no description', () => {
    for (const raw of ['NULL', '  NULL ', '', '   ', null, undefined]) expect(descriptionToAdf(raw)).toEqual({ format: 'empty', doc: null });
    expect(descriptionToAdf('{html}<div> </div>{html}')).toEqual({ format: 'empty', doc: null });
  });

  it('reads {html}…{html} as HTML and the rest as wiki markup, in order', () => {
    const converted = descriptionToAdf('*intro*\n{html}<p>from <b>html</b></p>{html}\nh2. after');
    expect(converted.format).toBe('html');
    expect(converted.doc?.content.map((block) => block.type)).toEqual(['paragraph', 'paragraph', 'heading']);
    expect(checkAdf(converted.doc).problems).toEqual([]);
    // Unclosed: the rest is HTML.
    expect(descriptionToAdf('{html}<ul><li>a</li></ul>').doc?.content[0]?.type).toBe('bulletList');
  });

  it('reads wiki markup as wiki', () => {
    expect(descriptionToAdf('h1. Title')).toEqual({ format: 'wiki', doc: { type: 'doc', version: 1, content: [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Title' }] }] } });
  });

  it('puts back line breaks flattened to double spaces when asked', () => {
    const raw = 'Steps:    # one  # two    Done.  Really.';
    expect(descriptionToAdf(raw, { flattenedLineBreaks: true }).doc?.content.map((block) => block.type)).toEqual(['paragraph', 'orderedList', 'paragraph']);
    expect(descriptionToAdf(raw).doc?.content.map((block) => block.type)).toEqual(['paragraph']);
  });
});

describe('restoring flattened line breaks', () => {
  it('treats four spaces as a blank line and two as a line break in prose', () => {
    expect(restoreWikiLineBreaks('a  b    c      d')).toBe('a\nb\n\nc\nd');
  });

  it('keeps indentation inside code and noformat blocks', () => {
    expect(restoreWikiLineBreaks('x    {code}  if (a) {    b();  }  {code}  y')).toBe('x\n\n{code}\nif (a) {\n  b();\n}\n{code}\ny');
    expect(restoreHtmlLineBreaks('<pre>a    b</pre>')).toBe('<pre>a\n  b</pre>');
  });
});
