import { describe, expect, it } from 'vitest';
import { readJiraFixture } from '../../../dev/openapi/jira-fixtures';
import { countWords, readAdf, readDescription } from '../../../src/domain/adf';
import { bold, bullets, code, doc, h, numbered, p, table, tasks, text } from './adf-builders';

const response = (name: string) => readJiraFixture(`responses/${name}`) as { fields: Record<string, unknown> };

describe('readAdf on real Jira documents', () => {
  it('reads the rich jira-cli document (every node and mark)', () => {
    const reading = readAdf(response('jira-cli__pkg_adf_testdata__md.json'));
    expect(reading.source).toBe('adf');
    expect(reading.problems).toEqual([]);
    expect(reading.truncated).toBe(false);
    expect(reading.headings.map((heading) => [heading.level, heading.text])).toEqual([
      [1, 'H1'],
      [2, 'H2'],
    ]);
    // H2's section runs to the end (no later heading); H1's contains H2.
    expect(reading.headings[1]?.section.startsWith('1. Some text\n2. Some more text\nBlockquote text')).toBe(true);
    expect(reading.headings[0]?.section.startsWith('H2\n')).toBe(true);
    expect(reading.tables).toHaveLength(2);
    expect(reading.tables[0]?.headers).toEqual(['Table Header 1', 'Table Header 2', 'Table Header 3']);
    expect(reading.tables[0]?.rows).toEqual([
      ['Table row 1 column 1', 'Table row 1 column 2', 'Table row 1 column 3'],
      ['Table row 2 column 1', 'Table row 2 column 2', 'Table row 2 column 3'],
    ]);
    expect(reading.tables[1]?.headers).toHaveLength(5);
    expect(reading.tables[1]?.rows).toHaveLength(3);
    expect(reading.codeBlocks).toEqual([{ language: 'go', text: expect.stringContaining('fmt.Println("Hello, World!")') }]);
    expect(reading.mentions).toEqual([{ id: '5fb82376aca10c006949f35b', text: 'Person A' }]);
    expect(reading.links).toEqual([
      { url: 'https://antiklabs.atlassian.net/wiki/spaces/ANK/pages/124234/hello-world', kind: 'card' },
      { url: 'https://ankit.pl', kind: 'mark' },
    ]);
    const lines = reading.text.split('\n');
    expect(lines.slice(0, 5)).toEqual(['H1', 'H2', '1. Some text', '2. Some more text', 'Blockquote text']);
    expect(lines).toContain('Inline Node https://antiklabs.atlassian.net/wiki/spaces/ANK/pages/124234/hello-world');
    expect(lines).toContain('Strong Paragraph 1');
    expect(reading.blocks.find((block) => block.text === 'Bold Text')?.boldOnly).toBe(true);
    expect(reading.blocks.find((block) => block.text === 'Strong Paragraph 1')?.boldOnly).toBe(false);
    expect(reading.wordCount).toBeGreaterThan(150);
  });

  it('reads the description of the go-atlassian issue (Spanish text, panel, hardBreak)', () => {
    const issue = response('go-atlassian__jira_v3_mocks__get-issue.json');
    const reading = readDescription(issue.fields.description);
    expect(reading.text.startsWith('Lorem Ipsum\u00a0es simplemente el texto de relleno')).toBe(true);
    expect(reading.text.endsWith('\n\nsadsadsad')).toBe(true);
    expect(reading.wordCount).toBe(124);
    expect(reading.problems).toEqual([]);
  });

  it("reads Atlassian's own example issue description", () => {
    const issue = response('atlassian-example__GET_getIssue__response200.json');
    const reading = readDescription(issue.fields.description);
    expect(reading.text).toBe('Main order flow broken');
    expect(reading.wordCount).toBe(4);
  });
});

describe('readAdf structure', () => {
  it('separates blocks by newlines and keeps hard breaks', () => {
    const reading = readAdf(doc(p('one', { type: 'hardBreak' }, 'two'), bullets('a', 'b'), p('end')));
    expect(reading.text).toBe('one\ntwo\na\nb\nend');
    expect(reading.blocks.map((block) => block.text)).toEqual(['one\ntwo', 'a', 'b', 'end']);
  });

  it('gives each heading the text until the next heading of the same or a higher level', () => {
    const reading = readAdf(doc(h(1, 'Title'), p('intro'), h(2, 'A'), p('a1'), h(3, 'A.1'), p('a2'), h(2, 'B'), p('b'), h(1, 'End')));
    const sections = Object.fromEntries(reading.headings.map((heading) => [heading.text, heading.section]));
    expect(sections).toEqual({ Title: 'intro\nA\na1\nA.1\na2\nB\nb', A: 'a1\nA.1\na2', 'A.1': 'a2', B: 'b', End: '' });
  });

  it('counts task list items and the done ones', () => {
    const reading = readAdf(doc(tasks(['write it', 'DONE'], ['test it', 'TODO'], ['ship it', 'DONE'])));
    expect(reading.taskLists).toHaveLength(1);
    expect(reading.taskLists[0]?.items).toEqual([
      { text: 'write it', done: true },
      { text: 'test it', done: false },
      { text: 'ship it', done: true },
    ]);
    expect(reading.taskLists[0]?.done).toBe(2);
  });

  it('reads tables without a header row, and code blocks without a language', () => {
    const reading = readAdf(doc(table([], ['a', 'b'], ['c', 'd']), code('x = 1')));
    expect(reading.tables[0]).toMatchObject({ headers: [], rows: [['a', 'b'], ['c', 'd']] });
    expect(reading.codeBlocks).toEqual([{ language: undefined, text: 'x = 1' }]);
  });

  it('marks blocks inside bullet and ordered lists, in ADF and in strings', () => {
    const reading = readAdf(doc(p('intro'), bullets('a'), numbered('b'), p('after')));
    expect(reading.blocks.map((block) => [block.text, block.inList])).toEqual([['intro', false], ['a', true], ['b', true], ['after', false]]);
    // In a string "# b" reads as a Markdown heading, not a wiki list item; "*bold*" is bold, not a bullet.
    const lines = readDescription('intro\n* a\n** a2\n- c\n2. d\n• e\n*bold*\n# b');
    expect(lines.blocks.map((block) => block.inList)).toEqual([false, true, true, true, true, true, false, false]);
  });

  it('marks bold-only paragraphs, ignoring blank unbolded text', () => {
    const reading = readAdf(doc(bold('Acceptance criteria'), p(text('AC', 'strong'), text(' ')), p(text('half', 'strong'), ' plain')));
    expect(reading.blocks.map((block) => block.boldOnly)).toEqual([true, true, false]);
  });

  it('reads dates, statuses, emoji and cards as text', () => {
    const reading = readAdf(
      doc(
        p(
          'due',
          { type: 'date', attrs: { timestamp: '1700000000000' } },
          { type: 'status', attrs: { text: 'IN PROGRESS' } },
          { type: 'emoji', attrs: { shortName: ':smile:', text: '😄' } },
        ),
        { type: 'blockCard', attrs: { url: 'https://example.com/a' } },
      ),
    );
    expect(reading.text).toBe('due 2023-11-14 IN PROGRESS😄\nhttps://example.com/a');
    expect(reading.links).toEqual([{ url: 'https://example.com/a', kind: 'card' }]);
  });

  it('walks unknown node types instead of rejecting them', () => {
    const reading = readAdf(doc({ type: 'someFutureNode', content: [{ type: 'anotherOne', content: [p('inside')] }] }));
    expect(reading.text).toBe('inside');
    expect(reading.problems).toEqual([]);
  });

  it('keeps link text as text: markup in a description is never interpreted', () => {
    const reading = readAdf(doc(p('<script>alert(1)</script>', text('<b>x</b>', 'strong'))));
    expect(reading.text).toBe('<script>alert(1)</script><b>x</b>');
  });

  it('counts words on demand, and the count survives JSON', () => {
    const reading = readAdf(doc(p('one two three')));
    expect(JSON.parse(JSON.stringify(reading))).toMatchObject({ text: 'one two three', wordCount: 3, source: 'adf' });
    expect(reading.wordCount).toBe(3);
    expect(countWords('one two three four', 2)).toBe(2);
    expect(countWords('one', 2)).toBe(1);
  });

  it('reads a string description as plain text', () => {
    const reading = readDescription('h3. Goal\nShip the *thing*.');
    expect(reading.source).toBe('text');
    expect(reading.headings).toMatchObject([{ level: 3, text: 'Goal', section: 'Ship the *thing*.' }]);
  });
});
