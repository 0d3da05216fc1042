import { describe, expect, it } from 'vitest';
import { AdfWriter } from '../../../dev/datasets/adf';
import { checkAdf } from './adf-validity';

describe('AdfWriter', () => {
  it('wraps what a container cannot hold: text in a list gets an item, a list in a table gets a row and a cell', () => {
    const writer = new AdfWriter();
    const list = writer.open('orderedList');
    writer.text('loose');
    writer.close(list);
    const table = writer.open('table');
    writer.open('bulletList');
    writer.text('in a cell');
    writer.close(table);
    const doc = writer.finish();
    expect(checkAdf(doc).problems).toEqual([]);
    expect(JSON.stringify(doc)).toBe(
      '{"type":"doc","version":1,"content":[{"type":"orderedList","attrs":{"order":1},"content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"loose"}]}]}]},' +
        '{"type":"table","attrs":{"isNumberColumnEnabled":false,"layout":"default"},"content":[{"type":"tableRow","content":[{"type":"tableCell","content":[{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"in a cell"}]}]}]}]}]}]}]}',
    );
  });

  it('drops empty containers and empty text, and trims paragraph edges', () => {
    const writer = new AdfWriter();
    writer.close(writer.open('blockquote'));
    writer.open('table');
    writer.text('   ');
    writer.hardBreak();
    writer.close(writer.open('bulletList'));
    expect(writer.finish().content).toEqual([]);
  });

  it('ignores a token that was closed with its parent, even when the stack grew again', () => {
    const writer = new AdfWriter();
    const quote = writer.open('blockquote');
    const inner = writer.open('bulletList');
    writer.text('a');
    writer.close(quote);
    const panel = writer.open('panel');
    const list = writer.open('bulletList');
    writer.close(inner);
    expect(writer.isOpen(list)).toBe(true);
    expect(writer.isOpen(inner)).toBe(false);
    writer.text('still in the panel list');
    writer.close(panel);
    const doc = writer.finish();
    expect(checkAdf(doc).problems).toEqual([]);
    expect(doc.content.map((block) => block.type)).toEqual(['blockquote', 'panel']);
  });

  it('flattens containers beyond its depth cap, keeping the text', () => {
    const writer = new AdfWriter(3);
    for (let level = 0; level < 50; level++) writer.open('blockquote');
    for (let level = 0; level < 50; level++) writer.open('bulletList');
    writer.text('deep');
    const check = checkAdf(writer.finish());
    expect(check.problems).toEqual([]);
    expect(check.maxDepth).toBeLessThanOrEqual(8);
  });

  it('keeps only code and link together, as ADF requires', () => {
    const writer = new AdfWriter();
    writer.text('x', [{ type: 'strong' }, { type: 'code' }, { type: 'link', attrs: { href: 'http://a' } }, { type: 'em' }]);
    expect(writer.finish().content).toEqual([{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'http://a' } }, { type: 'code' }] }] }]);
  });
});
