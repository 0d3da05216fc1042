import { describe, expect, it } from 'vitest';
import type { AdfDoc } from '../../../dev/datasets/adf';
import { codeLanguage, splitCells, wikiToAdf } from '../../../dev/datasets/wiki-to-adf';
import { checkAdf } from './adf-validity';

function convert(wiki: string): AdfDoc {
  const doc = wikiToAdf(wiki);
  expect(checkAdf(doc).problems).toEqual([]);
  return doc;
}

const text = (value: string, marks?: unknown[]): unknown => (marks === undefined ? { type: 'text', text: value } : { type: 'text', text: value, marks });
const paragraph = (...content: unknown[]): unknown => ({ type: 'paragraph', content });
const strong = { type: 'strong' };
const em = { type: 'em' };
const code = { type: 'code' };
const link = (href: string): unknown => ({ type: 'link', attrs: { href } });

describe('wikiToAdf: blocks', () => {
  it('makes headings h1.–h6. and paragraphs split by blank lines, lines by breaks', () => {
    expect(convert('h1. Title\nh6. Small\n\nfirst line\nsecond line\n\n\nnext paragraph').content).toEqual([
      { type: 'heading', attrs: { level: 1 }, content: [text('Title')] },
      { type: 'heading', attrs: { level: 6 }, content: [text('Small')] },
      paragraph(text('first line'), { type: 'hardBreak' }, text('second line')),
      paragraph(text('next paragraph')),
    ]);
  });

  it('makes code and noformat blocks, keeping their text verbatim', () => {
    const doc = convert('Run:\n{code:java}\nint *a* = 1;\n  return;\n{code}\n{noformat}\n[  FAILED  ] x\n{noformat}\n{code:title=Foo.java|borderStyle=solid}x{code}');
    expect(doc.content).toEqual([
      paragraph(text('Run:')),
      { type: 'codeBlock', attrs: { language: 'java' }, content: [text('int *a* = 1;\n  return;')] },
      { type: 'codeBlock', content: [text('[  FAILED  ] x')] },
      { type: 'codeBlock', content: [text('x')] },
    ]);
    expect(codeLanguage('language=XML|title=a')).toBe('xml');
    expect(codeLanguage(undefined)).toBeUndefined();
  });

  it('keeps code right under a list item in the item; a blank line ends the list', () => {
    const doc = convert('# Run:\n{code}\nrun();\n{code}\n# Look\n\n{code}after{code}');
    expect(doc.content).toEqual([
      {
        type: 'orderedList',
        attrs: { order: 1 },
        content: [
          { type: 'listItem', content: [paragraph(text('Run:')), { type: 'codeBlock', content: [text('run();')] }] },
          { type: 'listItem', content: [paragraph(text('Look'))] },
        ],
      },
      { type: 'codeBlock', content: [text('after')] },
    ]);
  });

  it('reads {{code}} as monospace, not as a code macro', () => {
    expect(convert('use {{code}} here').content).toEqual([paragraph(text('use '), text('code', [code]), text(' here'))]);
  });

  it('takes an unclosed code block to the end', () => {
    expect(convert('{code}\nno end').content).toEqual([{ type: 'codeBlock', content: [text('no end')] }]);
  });

  it('makes bullet and numbered lists, nested and mixed', () => {
    const doc = convert('* one\n** one.a\n*# one.a.1\n* two\n\n# first\n# second\n- dash');
    const item = (...content: unknown[]): unknown => ({ type: 'listItem', content });
    expect(doc.content).toEqual([
      {
        type: 'bulletList',
        content: [
          item(paragraph(text('one')), { type: 'bulletList', content: [item(paragraph(text('one.a')))] }, { type: 'orderedList', attrs: { order: 1 }, content: [item(paragraph(text('one.a.1')))] }),
          item(paragraph(text('two'))),
        ],
      },
      { type: 'orderedList', attrs: { order: 1 }, content: [item(paragraph(text('first'))), item(paragraph(text('second')))] },
      { type: 'bulletList', content: [item(paragraph(text('dash')))] },
    ]);
  });

  it('starts a list item with a paragraph even when it opens at a deeper level', () => {
    const doc = convert('*** deep');
    expect(JSON.stringify(doc)).toContain('"content":[{"type":"paragraph","content":[]},{"type":"bulletList"');
  });

  it('makes tables from || headers and | cells, with links and monospace holding bars', () => {
    const doc = convert('||Name||Link||\n|a|[site|http://x.org/a]|\n|{{a|b}}| *b* |');
    expect(doc.content).toHaveLength(1);
    const table = doc.content[0];
    expect(table?.type).toBe('table');
    if (table?.type !== 'table') return;
    expect(table.content.map((row) => row.content.map((cell) => cell.type))).toEqual([['tableHeader', 'tableHeader'], ['tableCell', 'tableCell'], ['tableCell', 'tableCell']]);
    expect(table.content[1]?.content[1]?.content).toEqual([paragraph(text('site', [link('http://x.org/a')]))]);
    expect(table.content[2]?.content[0]?.content).toEqual([paragraph(text('a|b', [code]))]);
    expect(table.content[2]?.content[1]?.content).toEqual([paragraph(text('b', [strong]))]);
    expect(splitCells('|a| |')).toEqual([{ header: false, text: 'a' }, { header: false, text: ' ' }]);
  });

  it('makes quotes, bq., panels and rules', () => {
    const doc = convert('{quote}\nquoted *text*\n* in a list\n{quote}\nbq. short quote\n----\n{panel:title=Note}\ninside\n{panel}');
    expect(doc.content).toEqual([
      { type: 'blockquote', content: [paragraph(text('quoted '), text('text', [strong])), { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('in a list'))] }] }] },
      { type: 'blockquote', content: [paragraph(text('short quote'))] },
      { type: 'rule' },
      { type: 'panel', attrs: { panelType: 'info' }, content: [paragraph(text('Note', [strong])), paragraph(text('inside'))] },
    ]);
  });

  it('flattens a quote inside a panel (ADF allows none there) and closes both in order', () => {
    expect(convert('{panel}\n{quote}\nq\n{quote}\np\n{panel}\nafter').content).toEqual([
      { type: 'panel', attrs: { panelType: 'info' }, content: [paragraph(text('q')), paragraph(text('p'))] },
      paragraph(text('after')),
    ]);
  });

  it('turns a heading inside a quote into a paragraph (ADF allows none there)', () => {
    expect(convert('{quote}h2. Title{quote}').content).toEqual([{ type: 'blockquote', content: [paragraph(text('Title'))] }]);
  });
});

describe('wikiToAdf: inline', () => {
  const inline = (wiki: string): unknown => (convert(wiki).content[0] as unknown as { content: unknown[] }).content;

  it('marks strong, emphasis, monospace, strike, underline, sup and sub', () => {
    expect(inline('*bold* _it_ {{mono}} -gone- +under+ x^2^ H~2~O')).toEqual([
      text('bold', [strong]), text(' '), text('it', [em]), text(' '), text('mono', [code]), text(' '), text('gone', [{ type: 'strike' }]), text(' '),
      text('under', [{ type: 'underline' }]), text(' x'), text('2', [{ type: 'subsup', attrs: { type: 'sup' } }]), text(' H'), text('2', [{ type: 'subsup', attrs: { type: 'sub' } }]), text('O'),
    ]);
    expect(inline('*_both_*')).toEqual([text('both', [em, strong])]);
  });

  it('leaves look-alikes as text', () => {
    for (const plain of ['a - b - c', 'non-blocking-io', '2013-01-02', 'snake_case_name', '__future__', '5 * 3 * 2', 'C++ and C++', 'a*b*c', '~/.bashrc', '*unclosed']) {
      expect(inline(plain)).toEqual([text(plain)]);
    }
  });

  it('makes links from [text|url], [url] and bare URLs, and keeps other brackets', () => {
    expect(inline('See [usages|http://docs.moodle.org/dev/Logging#a] and [http://x.org], or www: https://a.org/b?c=1.')).toEqual([
      text('See '), text('usages', [link('http://docs.moodle.org/dev/Logging#a')]), text(' and '), text('http://x.org', [link('http://x.org')]),
      text(', or www: '), text('https://a.org/b?c=1', [link('https://a.org/b?c=1')]), text('.'),
    ]);
    expect(inline('array[0] and [TIMOB-1|TIMOB-1] and [~jdoe] and [^log.txt]')).toEqual([text('array[0] and TIMOB-1 and @jdoe and log.txt')]);
  });

  it('handles escapes, forced breaks, colour and unknown macros', () => {
    expect(inline('\\{a\\} is \\*not\\* bold\\\\next {color:red}red{color} {unknown} !image.png! (/)')).toEqual([
      text('{a} is *not* bold'), { type: 'hardBreak' }, text('next red {unknown} !image.png! (/)'),
    ]);
  });

  it('lets monospace win over other marks (ADF allows code with link only)', () => {
    expect(inline('*bold {{code}}*')).toEqual([text('bold ', [strong]), text('code', [code])]);
  });
});

describe('wikiToAdf: size and depth', () => {
  it('survives a list 10,000 levels deep, capped', () => {
    const doc = wikiToAdf(`${'*'.repeat(10_000)} deep\n${'#'.repeat(10_000)} deeper`);
    const check = checkAdf(doc);
    expect(check.problems).toEqual([]);
    expect(check.maxDepth).toBeLessThan(400);
    expect(JSON.stringify(doc)).toContain('"deeper"');
  });

  it('converts long pathological lines in linear time', () => {
    const started = performance.now();
    const doc = wikiToAdf(`${'*a _b -c +d '.repeat(20_000)}\n${'['.repeat(50_000)}\n${'{{'.repeat(50_000)}`);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(checkAdf(doc).problems).toEqual([]);
  });

  it('gives an empty document for empty input', () => {
    expect(wikiToAdf('')).toEqual({ type: 'doc', version: 1, content: [] });
    expect(wikiToAdf('\n\n  \n')).toEqual({ type: 'doc', version: 1, content: [] });
  });
});
