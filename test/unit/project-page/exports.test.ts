/** The project page's exports: CSV that spreadsheets do not execute, Markdown that pastes into Confluence. */
import { describe, expect, it } from 'vitest';
import { csvCell, csvOf, mdCell, mdTable } from '../../../static/project-page/src/exports';

describe('CSV export', () => {
  it('quotes what needs quoting and neutralises formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell(null)).toBe('');
    expect(csvCell(3.5)).toBe('3.5');
    expect(csvOf(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
  });
});

describe('Markdown export', () => {
  it('escapes pipes, markup and line breaks so a table stays a table', () => {
    expect(mdCell('a | b')).toBe('a \\| b');
    expect(mdCell('<b>bold</b>\nnext')).toBe('\\<b\\>bold\\</b\\> next');
    expect(mdTable(['Theme', 'Points'], [['Onboarding', 3]])).toBe('| Theme | Points |\n| --- | --- |\n| Onboarding | 3 |');
  });
});
