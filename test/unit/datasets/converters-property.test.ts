/** Whatever text comes in, the converters give valid ADF and lose no words. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToAdf } from '../../../dev/datasets/html-to-adf';
import { wikiToAdf } from '../../../dev/datasets/wiki-to-adf';
import { checkAdf } from './adf-validity';

const WIKI_PIECES = ['*', '_', '-', '+', '^', '~', '#', '|', '||', '[', ']', '{{', '}}', '{code}', '{code:java}', '{noformat}', '{quote}', '{panel}', '{color:red}', '\\', '\\\\', 'h1. ', 'h3. ', 'bq. ', '----', '\n', '\n\n', ' ', '* ', '# ', '** ', '*# ', 'http://x.org/a', '[a|http://b.org]', 'word', 'zebra'];
const HTML_PIECES = ['<p>', '</p>', '<div>', '</div>', '<ul>', '</ul>', '<ol>', '<li>', '</li>', '<pre>', '</pre>', '<code>', '</code>', '<table>', '<tr>', '<td>', '<th>', '</td>', '</tr>', '</table>', '<blockquote>', '</blockquote>', '<h2>', '</h2>', '<b>', '</b>', '<i>', '<a href="http://x.org">', '</a>', '<br>', '<hr>', '<unknown>', '&amp;', '&lt;', ' ', '\n', 'word', 'zebra'];

const documentOf = (pieces: string[]): fc.Arbitrary<string> => fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join(''));

function wordsIn(doc: unknown): string {
  return JSON.stringify(doc);
}

describe('converters on arbitrary input', () => {
  it('wiki markup always gives valid ADF that keeps its words', () => {
    fc.assert(
      fc.property(documentOf(WIKI_PIECES), (wiki) => {
        const doc = wikiToAdf(wiki);
        expect(checkAdf(doc).problems).toEqual([]);
        const text = wordsIn(doc);
        for (const word of ['word', 'zebra']) if (wiki.includes(word)) expect(text).toContain(word);
      }),
      { numRuns: 400 },
    );
  });

  it('HTML always gives valid ADF that keeps its words', () => {
    fc.assert(
      fc.property(documentOf(HTML_PIECES), (html) => {
        const doc = htmlToAdf(html);
        expect(checkAdf(doc).problems).toEqual([]);
        const text = wordsIn(doc);
        for (const word of ['word', 'zebra']) if (html.includes(word)) expect(text).toContain(word);
      }),
      { numRuns: 400 },
    );
  });
});
