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

  it('keeps the spaces after a block marker as spacing, not a break (XD-244, DM-6952, XD-969)', () => {
    // XD-244: "h2.  Acceptance Criteria" became an empty heading and a paragraph, so the criteria were missed.
    const xd244 = 'h2. Narrative  As the XD system, I need to be able to execute a job.    h2.  Acceptance Criteria  # Implement the ability to register a time based trigger  # Implement the ability to register a file existence based trigger  ';
    expect(restoreWikiLineBreaks(xd244)).toBe(
      'h2. Narrative\nAs the XD system, I need to be able to execute a job.\n\nh2. Acceptance Criteria\n# Implement the ability to register a time based trigger\n# Implement the ability to register a file existence based trigger\n',
    );
    const doc = descriptionToAdf(xd244, { flattenedLineBreaks: true }).doc;
    expect(doc?.content.map((block) => block.type)).toEqual(['heading', 'paragraph', 'heading', 'orderedList']);
    expect(doc?.content[2]).toEqual({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Acceptance Criteria' }] });
    // DM-6952: "#  Scrambled table values…" was a stray "#" line, then a paragraph.
    const dm6952 = 'Table component has couple of problems:    #  Scrambled table values after column selection.  #  Downloaded file is not a valid IPAC table.';
    expect(descriptionToAdf(dm6952, { flattenedLineBreaks: true }).doc?.content.map((block) => block.type)).toEqual(['paragraph', 'orderedList']);
    // XD-969: nested bullets "**  Create a Spring Application Context."
    expect(restoreWikiLineBreaks('The Application should  **  Create a Spring Application Context.')).toBe('The Application should\n** Create a Spring Application Context.');
    // Elsewhere a double space is still a break, and a marker with nothing after it stays as it was.
    expect(restoreWikiLineBreaks('a  b  #  ')).toBe('a\nb\n#\n');
  });

  it('keeps indentation inside code and noformat blocks', () => {
    expect(restoreWikiLineBreaks('x    {code}  if (a) {    b();  }  {code}  y')).toBe('x\n\n{code}\nif (a) {\n  b();\n}\n{code}\ny');
    expect(restoreHtmlLineBreaks('<pre>a    b</pre>')).toBe('<pre>a\n  b</pre>');
  });
});
