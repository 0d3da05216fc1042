import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, findAcceptanceCriteria, readAdf, readDescription } from '../../../src/domain/adf';
import { doc, h, p, text } from './adf-builders';
import type { Node } from './adf-builders';

/** A document nested `depth` levels deep, built without recursion. */
function deepDocument(depth: number, type = 'blockquote'): Node {
  let node: Node = p('bottom');
  for (let i = 0; i < depth; i++) node = { type, content: [node] };
  return doc(node);
}

/** About `bytes` of ADF JSON: headings, paragraphs with marks, lists, tables. */
function bigDocument(bytes: number): Node {
  const content: Node[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const block =
      i % 10 === 0
        ? h(2, `Section ${i}`)
        : p(`Paragraph ${i} says something about the story, `, text('with bold', 'strong'), ' and a link.');
    content.push(block);
    size += JSON.stringify(block).length + 1;
  }
  return doc(...content);
}

describe('readAdf never trusts its input', () => {
  it.each([
    ['a number', 42, 'the value is a number, not an ADF document'],
    ['a list', [{ type: 'paragraph' }], 'the value is a list, not an ADF document'],
    ['a string', '{"type":"doc"}', 'the value is a string, not an ADF document'],
    ['a boolean', true, 'the value is a boolean, not an ADF document'],
  ])('refuses %s as a document', (_, value, problem) => {
    const reading = readAdf(value);
    expect(reading).toMatchObject({ source: 'invalid', text: '', wordCount: 0, problems: [problem] });
  });

  it('reads null and undefined as no description', () => {
    expect(readAdf(null)).toMatchObject({ source: 'empty', problems: [] });
    expect(readAdf(undefined)).toMatchObject({ source: 'empty', problems: [] });
  });

  it('notes content that is not a list and reads the rest', () => {
    const reading = readAdf({ type: 'doc', version: 1, content: [p('kept'), { type: 'bulletList', content: 'oops' }] });
    expect(reading.text).toBe('kept');
    expect(reading.problems).toEqual(['the content of a bulletList node is not a list']);
    expect(readAdf({ type: 'doc', content: { 0: p('x') } }).problems).toEqual(['the content of a doc node is not a list']);
  });

  it('walks nodes without a type and notes them', () => {
    const reading = readAdf(doc({ content: [p('still read')] }, { type: 7, content: [p('also read')] }));
    expect(reading.text).toBe('still read\nalso read');
    expect(reading.problems).toEqual(['a node without a type', 'a node whose type is number']);
  });

  it('skips text nodes without text or with text that is not a string', () => {
    const reading = readAdf(doc(p({ type: 'text' }, { type: 'text', text: 12 }, { type: 'text', text: null }, 'ok')));
    expect(reading.text).toBe('ok');
    expect(reading.problems).toEqual(['a text node without text', 'a text node whose text is number', 'a text node whose text is object']);
  });

  it('skips content entries that are not nodes', () => {
    const reading = readAdf({ type: 'doc', content: [null, 3, 'loose', [p('nested list')], p('ok')] });
    expect(reading.text).toBe('ok');
    expect(reading.problems).toHaveLength(4);
  });

  it('notes a root that is not a doc but still reads it', () => {
    expect(readAdf(p('a paragraph alone'))).toMatchObject({ text: 'a paragraph alone', problems: ['the root node is paragraph, not doc'] });
  });

  it('reads a document nested 100,000 levels deep without a stack overflow, in bounded time', () => {
    for (const type of ['blockquote', 'listItem', 'tableCell', 'paragraph', 'mystery']) {
      const started = performance.now();
      const reading = readAdf(deepDocument(100_000, type));
      expect(reading.text).toBe('bottom');
      expect(performance.now() - started).toBeLessThan(5_000);
    }
    // And the AC finder on it.
    expect(findAcceptanceCriteria(deepDocument(100_000)).found).toBe(false);
  });

  it('reads a 5 MB document, caps the text at 1 MB and says so', () => {
    const big = bigDocument(5_000_000);
    const started = performance.now();
    const reading = readAdf(big);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(reading.truncated).toBe(true);
    expect(reading.text.length).toBeLessThanOrEqual(1_000_000);
    expect(reading.text.length).toBeGreaterThan(999_000);
    expect(reading.wordCount).toBeGreaterThan(100_000);
    expect(reading.headings.length).toBeGreaterThan(1_000);
    // Offsets past the cap are clamped, so every section is a slice of the kept text.
    expect(reading.headings.every((heading) => heading.sectionEnd <= reading.text.length)).toBe(true);
  });

  it('stops after maxNodes nodes, so even a cyclic object in memory ends', () => {
    const cyclic: Node = { type: 'doc', content: [] };
    (cyclic.content as Node[]).push(p('round'), cyclic);
    const reading = readAdf(cyclic, { maxNodes: 10_000 });
    expect(reading.truncated).toBe(true);
    expect(reading.problems).toContain('more than 10000 nodes; the rest was not read');
  });

  it('honours smaller caps and never splits a surrogate pair', () => {
    const reading = readAdf(doc(p('ab😀cd')), { maxTextLength: 3 });
    expect(reading.text).toBe('ab');
    expect(reading.truncated).toBe(true);
    const few = readAdf(doc(...Array.from({ length: 50 }, (_, i) => h(2, `H${i}`))), { maxItems: 10 });
    expect(few.headings).toHaveLength(10);
    expect(few.truncated).toBe(true);
  });

  it('never throws and keeps its invariants on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const reading = readDescription(value, { maxTextLength: 500 });
        expect(reading.text.length).toBeLessThanOrEqual(500);
        expect(reading.wordCount).toBeGreaterThanOrEqual(0);
        expect(reading.problems.length).toBeLessThanOrEqual(10);
        findAcceptanceCriteria(value);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on ADF-shaped noise', () => {
    const node: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      node: fc.record(
        {
          type: fc.constantFrom('doc', 'paragraph', 'heading', 'text', 'table', 'tableRow', 'tableHeader', 'taskList', 'taskItem', 'mention', 'x', 7),
          text: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
          attrs: fc.oneof(fc.constant(undefined), fc.record({ level: fc.anything(), state: fc.constantFrom('DONE', 'TODO', 3), url: fc.anything() })),
          marks: fc.oneof(fc.constant(undefined), fc.array(fc.record({ type: fc.constantFrom('strong', 'link'), attrs: fc.anything() }))),
          content: fc.oneof(fc.constant(undefined), fc.array(tie('node'), { maxLength: 4 }), fc.string()),
        },
        { requiredKeys: [] },
      ),
    })).node;
    fc.assert(
      fc.property(node, (value) => {
        const reading = readAdf(value);
        expect(typeof reading.text).toBe('string');
        findAcceptanceCriteria(value);
      }),
      { numRuns: 300 },
    );
  });
});

describe('no pattern backtracks on crafted text', () => {
  const run = (label: string, value: unknown) => {
    const started = performance.now();
    findAcceptanceCriteria(value);
    readDescription(value);
    expect(performance.now() - started, label).toBeLessThan(2_000);
  };
  const spaces = ' '.repeat(200_000);
  it.each([
    ['spaces before a letter that is not a keyword', `${spaces}tx`],
    ['bullets before a letter', `${'*-'.repeat(100_000)}tx`],
    ['a Markdown heading with a long gap', `# a${spaces}x`],
    ['a table line of spaces', `|${spaces}x`],
    ['a URL ending in dots', `see http://a${'.'.repeat(200_000)}b`],
    ['a bold line with a long tail', `*abc*${spaces}x`],
    ['a label followed by spaces', `AC:${spaces}`],
    ['a Then far from anything', `Given${spaces}\n${'Then '.repeat(50_000)}`],
  ])('%s', (label, text) => {
    run(label, text);
    run(label, doc(p(text)));
  });

  it('a table cell of a million dots', () => {
    run('cell', doc(h(2, 'AC'), { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [p(`${'.'.repeat(1_000_000)}x`)] }] }] }));
  });
});

describe('odd unicode', () => {
  it.each([
    ['naïve café', 2],
    ['nai\u0308ve cafe\u0301', 2], // combining marks
    ['\u200b', 0], // a zero-width space alone is not a word
    ['one\u200btwo', 2], // it separates words
    ['hello \u200b world', 2],
    ['\u200f\u202bمرحبا بالعالم\u202c', 2], // RTL marks around Arabic
    ['می\u200cخواهم', 1], // a zero-width non-joiner inside a Persian word
    ['🎉🎉 party 👨\u200d👩\u200d👧 time 👍🏽', 2], // emoji and ZWJ sequences are not words
    ["don't stop-believing 3.5 e.g.", 4],
    ['', 0],
    ['   \n\t ', 0],
    ['— … !!! ???', 0],
    ['𝐀𝐁𝐂 bold math letters', 4], // astral letters start words
    ['日本語のテキスト', 1],
    ['Ünïcödé ÀÉÎÕÜ', 2],
  ])('counts %j as %i words', (value, words) => {
    expect(countWords(value)).toBe(words);
    expect(readAdf(doc(p(value))).wordCount).toBe(words);
  });

  it('reads RTL, zero-width and emoji text unchanged', () => {
    const value = '\u200fשלום\u200d 🎉 a\u0301';
    expect(readAdf(doc(p(value))).text).toBe(value);
  });
});
