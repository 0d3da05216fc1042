/** The project page's exports: CSV that spreadsheets do not execute, Markdown that pastes into Confluence. */
import { describe, expect, it } from 'vitest';
import { csvCell, csvOf, mdCell, mdTable, peopleRows, visionMarkdown } from '../../../static/project-page/src/exports';

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

/** The characters of `text` that stand unescaped (a backslash escapes the character after it). */
function unescaped(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    out += text.charAt(i);
  }
  return out;
}

const HOSTILE_STATEMENT = [
  '<img src=x onerror="alert(1)"> <script>alert(2)</script>',
  '# Not a heading',
  '[click me](javascript:alert(3)) and ![pixel](javascript:alert(4)) and <javascript:alert(5)>',
  '[ref]: javascript:alert(6)',
  '> not a quote',
  '    not code',
  '```',
  '1. not a list | not | a table',
  '===',
  '&lt;b&gt; &#60;script&#62; *not bold* _not em_ ~~not struck~~ `not code`',
].join('\n');

const HOSTILE_GOALS = [
  { name: '# Goal [x](javascript:alert(7))', metric: '<b>metric</b>\n## Injected heading', target: '![t](javascript:alert(8))' },
  { name: '- nested\n- list', metric: '', target: '' },
];

function hostileMarkdown(): string {
  return visionMarkdown({
    projectKey: 'TL',
    vision: { statement: HOSTILE_STATEMENT, goals: HOSTILE_GOALS },
    allocation: { header: ['Theme', 'Target %'], rows: [['<b>Theme</b>', 20]] },
    epics: { header: ['Theme', 'Epic', 'Summary'], rows: [['[x](javascript:alert(9))', 'TL-1', '=HYPERLINK("http://evil")']] },
  });
}

describe('Markdown export of hostile vision text', () => {
  it('leaves no raw HTML, no link or image, no autolink in the vision and goals', () => {
    const text = unescaped(hostileMarkdown());
    expect(text).not.toMatch(/[<>[\]]/);
    expect(text).not.toContain('](');
    expect(text).not.toMatch(/&[#a-z0-9]+;/i);
  });

  it('lets no line of the statement or a goal open a heading, quote, list, code block, table or rule', () => {
    const lines = hostileMarkdown().split('\n');
    expect(lines.filter((line) => line.startsWith('#'))).toEqual(['# Vision map: TL', '## Goals', '## Allocation', '## Epics']);
    const body = lines.slice(lines.indexOf('# Vision map: TL') + 1, lines.indexOf('## Goals'));
    for (const line of body) {
      expect(line).not.toMatch(/^(\s{4}|\t|[>#=+*|-]|\d+[.)]|```|~~~)/);
      expect(unescaped(line)).not.toMatch(/[*_`~|]/);
    }
    const goals = lines.slice(lines.indexOf('## Goals') + 2, lines.indexOf('## Allocation') - 1);
    // One list item per goal, whatever line breaks or markers the goal holds.
    expect(goals).toHaveLength(HOSTILE_GOALS.length);
    for (const goal of goals) expect(goal).toMatch(/^- \\[#-]/);
  });

  it('keeps the words of the vision readable', () => {
    const text = unescaped(hostileMarkdown());
    expect(text).toContain('Not a heading');
    expect(text).toContain('click me');
    expect(text).toContain('javascript:alert(3)');
  });
});

describe('CSV export of hostile text', () => {
  it('neutralises every formula-like start, in strings', () => {
    for (const attack of ['=1+1', '+1+1', '-1+cmd|"/c calc"!A1', '@SUM(A1)', '\t=1', '\r=1', '-', '-x']) {
      expect(csvCell(attack).replace(/^"/, '').startsWith("'")).toBe(true);
    }
  });

  it('keeps negative numbers as numbers', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvOf(['Score', 'Summary'], [[-1.5, '=2+3']])).toBe("Score,Summary\r\n-1.5,'=2+3\r\n");
  });
});

describe('numbers for people in the Markdown export', () => {
  it('writes each number as the user\'s locale does, and leaves text, empty cells and non-numbers alone', () => {
    const rows = [['Effortless onboarding', 30, 1234.5, 0.25, null, Number.NaN, '12.5']];
    expect(peopleRows(rows, 'de-DE')).toEqual([['Effortless onboarding', '30', '1.234,5', '0,25', null, Number.NaN, '12.5']]);
    expect(peopleRows(rows, 'en-US')).toEqual([['Effortless onboarding', '30', '1,234.5', '0.25', null, Number.NaN, '12.5']]);
    expect(mdTable(['Theme', 'Open points'], peopleRows([['Web | app', 1234.5]], 'de-DE'))).toBe('| Theme | Open points |\n| --- | --- |\n| Web \\| app | 1.234,5 |');
  });
});
