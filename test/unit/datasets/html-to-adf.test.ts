import { describe, expect, it } from 'vitest';
import type { AdfDoc } from '../../../dev/datasets/adf';
import { htmlToAdf, safeHref } from '../../../dev/datasets/html-to-adf';
import { checkAdf } from './adf-validity';

function convert(html: string): AdfDoc {
  const doc = htmlToAdf(html);
  expect(checkAdf(doc).problems).toEqual([]);
  return doc;
}

const text = (value: string, marks?: unknown[]): unknown => (marks === undefined ? { type: 'text', text: value } : { type: 'text', text: value, marks });
const paragraph = (...content: unknown[]): unknown => ({ type: 'paragraph', content });
const item = (...content: unknown[]): unknown => ({ type: 'listItem', content });

describe('htmlToAdf', () => {
  it('makes paragraphs and headings, collapsing whitespace as a browser does', () => {
    expect(convert('<div><h1> Title </h1>\n<p>one   two\n three</p><h3>Sub</h3>loose text</div>').content).toEqual([
      { type: 'heading', attrs: { level: 1 }, content: [text('Title')] },
      paragraph(text('one two three')),
      { type: 'heading', attrs: { level: 3 }, content: [text('Sub')] },
      paragraph(text('loose text')),
    ]);
  });

  it('marks strong, emphasis, code and links; code keeps only a link', () => {
    expect(convert('<p><b>bold</b> <strong><i>both</i></strong> <a href="http://x.org">x <em>y</em></a> <b><code>c</code></b></p>').content).toEqual([
      paragraph(
        text('bold', [{ type: 'strong' }]), text(' '), text('both', [{ type: 'em' }, { type: 'strong' }]), text(' '),
        text('x ', [{ type: 'link', attrs: { href: 'http://x.org' } }]), text('y', [{ type: 'link', attrs: { href: 'http://x.org' } }, { type: 'em' }]), text(' '),
        text('c', [{ type: 'code' }]),
      ),
    ]);
  });

  it('drops links that would run code, keeping their text', () => {
    expect(convert('<a href="javascript:alert(1)">click</a> <a href=" java\tscript:x">two</a> <a>three</a>').content).toEqual([paragraph(text('click two three'))]);
    expect(safeHref('DATA:text/html,x')).toBeUndefined();
    expect(safeHref('/relative/path')).toBe('/relative/path');
  });

  it('makes nested lists, with a paragraph first in every item', () => {
    expect(convert('<ul><li>a<ul><li>a.1</li></ul></li><li><ol><li>b.1</li></ol></li></ul>').content).toEqual([
      {
        type: 'bulletList',
        content: [
          item(paragraph(text('a')), { type: 'bulletList', content: [item(paragraph(text('a.1')))] }),
          item(paragraph(), { type: 'orderedList', attrs: { order: 1 }, content: [item(paragraph(text('b.1')))] }),
        ],
      },
    ]);
  });

  it('makes code blocks from <pre>, decoding entities and keeping line breaks', () => {
    expect(convert('<pre> <code class="language-js">if (a &lt; b &amp;&amp; c)\n  go();<br>done</code> </pre>').content).toEqual([
      { type: 'codeBlock', attrs: { language: 'js' }, content: [text('if (a < b && c)\n  go();\ndone')] },
    ]);
  });

  it('makes tables with header and body cells', () => {
    const doc = convert('<table><thead><tr><th>Key</th><th>Value</th></tr></thead><tbody><tr><td>a</td><td><b>1</b></td></tr><tr><td></td></tr></tbody></table>');
    expect(doc.content).toEqual([
      {
        type: 'table',
        attrs: { isNumberColumnEnabled: false, layout: 'default' },
        content: [
          { type: 'tableRow', content: [{ type: 'tableHeader', content: [paragraph(text('Key'))] }, { type: 'tableHeader', content: [paragraph(text('Value'))] }] },
          { type: 'tableRow', content: [{ type: 'tableCell', content: [paragraph(text('a'))] }, { type: 'tableCell', content: [paragraph(text('1', [{ type: 'strong' }]))] }] },
          { type: 'tableRow', content: [{ type: 'tableCell', content: [paragraph()] }] },
        ],
      },
    ]);
  });

  it('makes blockquotes and line breaks; a heading in a quote becomes a paragraph', () => {
    expect(convert('<blockquote><h2>Said</h2><p>line one<br>line two</p></blockquote>').content).toEqual([
      { type: 'blockquote', content: [paragraph(text('Said')), paragraph(text('line one'), { type: 'hardBreak' }, text('line two'))] },
    ]);
  });

  it('gives the text of unknown tags, nothing of scripts and styles, and decodes entities', () => {
    expect(convert('<resources><item>one</item></resources> <style>p{}</style><script>alert(1)</script><span>&amp; &lt;tag&gt; &quot;q&quot; &#39;s&#39; &nbsp;x</span><!-- note -->').content).toEqual([
      paragraph(text('one & <tag> "q" \'s\' \u00a0x')),
    ]);
  });

  it('flattens a table inside a table cell and a list item into text', () => {
    const doc = convert('<table><tr><td><table><tr><td>inner</td><td>cells</td></tr></table></td></tr></table><ul><li><table><tr><td>t</td></tr></table></li></ul>');
    expect(JSON.stringify(doc)).toContain('"text":"inner"');
    expect(JSON.stringify(doc)).toContain('"text":"cells"');
  });

  it('never produces HTML in the document', () => {
    const doc = convert('<div><p>Hello <b>world</b></p><ul><li>x</li></ul></div>');
    expect(JSON.stringify(doc)).not.toMatch(/<\/?(?:div|p|b|ul|li)>/);
  });

  it('survives HTML nested 10,000 deep without overflowing the stack', () => {
    const depth = 10_000;
    for (const [open, close] of [['<div>', '</div>'], ['<ul><li>', '</li></ul>'], ['<blockquote>', '</blockquote>'], ['<b><i>', '</i></b>'], ['<table><tr><td>', '</td></tr></table>'], ['<ol><li><p>', '</p></li></ol>']] as const) {
      const doc = htmlToAdf(`${open.repeat(depth)}deep text${close.repeat(depth)}`);
      const check = checkAdf(doc);
      expect(check.problems).toEqual([]);
      // Beyond 100 levels the structure is flattened: the ADF stays shallow enough for any renderer.
      expect(check.maxDepth).toBeLessThan(400);
      expect(JSON.stringify(doc)).toContain('deep text');
      expect(() => JSON.stringify(doc)).not.toThrow();
    }
  });

  it('gives an empty document for empty or whitespace HTML', () => {
    expect(htmlToAdf('')).toEqual({ type: 'doc', version: 1, content: [] });
    expect(htmlToAdf('<div> <p>\n</p> </div>')).toEqual({ type: 'doc', version: 1, content: [] });
  });
});
