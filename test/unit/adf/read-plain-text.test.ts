import { describe, expect, it } from 'vitest';
import { readPlainText } from '../../../src/domain/adf';

describe('readPlainText', () => {
  it('reads wiki headings with sections, tables, code and mentions', () => {
    const reading = readPlainText(
      'h1. Title\r\nIntro with [~jsmith] and https://example.com/x.\r\nh2. Table\r\n||A||B||\r\n|1|2|\r\n{code:java}\r\nint x;\r\n{code}\r\nh1. End',
    );
    expect(reading.source).toBe('text');
    expect(reading.headings.map((heading) => [heading.level, heading.text, heading.section])).toEqual([
      [1, 'Title', 'Intro with [~jsmith] and https://example.com/x.\nh2. Table\n||A||B||\n|1|2|\n{code:java}\nint x;\n{code}'],
      [2, 'Table', '||A||B||\n|1|2|\n{code:java}\nint x;\n{code}'],
      [1, 'End', ''],
    ]);
    expect(reading.tables).toMatchObject([{ headers: ['A', 'B'], rows: [['1', '2']] }]);
    expect(reading.codeBlocks).toEqual([{ language: 'java', text: 'int x;' }]);
    expect(reading.mentions).toEqual([{ id: 'jsmith', text: 'jsmith' }]);
    expect(reading.links).toEqual([{ url: 'https://example.com/x', kind: 'text' }]);
  });

  it('reads Markdown task lists and fences', () => {
    const reading = readPlainText('- [x] done\n- [ ] open\n\n```ts\nconst a = 1;\n```');
    expect(reading.taskLists).toMatchObject([{ items: [{ text: 'done', done: true }, { text: 'open', done: false }], done: 1 }]);
    expect(reading.codeBlocks).toEqual([{ language: 'ts', text: 'const a = 1;' }]);
  });

  it('reads blank text as empty and caps long text', () => {
    expect(readPlainText('  \n ').source).toBe('empty');
    const reading = readPlainText('word '.repeat(300_000));
    expect(reading.truncated).toBe(true);
    expect(reading.text.length).toBe(1_000_000);
    expect(reading.wordCount).toBe(200_000);
  });

  it('keeps HTML as text', () => {
    expect(readPlainText('<h3>Acceptance</h3><img src=x onerror=alert(1)>').text).toBe('<h3>Acceptance</h3><img src=x onerror=alert(1)>');
  });
});
