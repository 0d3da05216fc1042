import { describe, expect, it } from 'vitest';
import { acceptanceLabels, findAcceptanceCriteria, readDescription } from '../../../src/domain/adf';
import { bold, bullets, code, doc, h, p, table, tasks, text } from './adf-builders';

const method = (description: unknown, options = {}) => {
  const found = findAcceptanceCriteria(description, options);
  return found.found ? found.method : `none: ${found.reason}`;
};

describe('findAcceptanceCriteria in ADF', () => {
  it('finds a heading followed by content', () => {
    const found = findAcceptanceCriteria(doc(p('Story text.'), h(3, 'Acceptance Criteria'), bullets('User can log in', 'User can log out')));
    expect(found).toEqual({ found: true, method: 'heading', excerpt: 'User can log in User can log out' });
  });

  it('accepts AC and Definition of done, any case, with a colon or a parenthesis', () => {
    expect(method(doc(h(2, 'AC'), p('works')))).toBe('heading');
    expect(method(doc(h(2, 'acceptance criteria (AC):'), p('works')))).toBe('heading');
    expect(method(doc(h(2, 'DEFINITION OF DONE'), p('works')))).toBe('heading');
    expect(method(doc(h(2, 'ACs'), p('works')))).toBe('heading');
  });

  it('does not take words that merely start like a label', () => {
    expect(method(doc(h(2, 'ACME integration'), p('works')))).toMatch(/^none/);
    expect(method(doc(h(2, 'Acceptance criteria are unclear'), p('works')))).toMatch(/^none/);
  });

  it('says when a heading has nothing under it', () => {
    expect(method(doc(h(2, 'Acceptance criteria'), h(2, 'Notes'), p('later')))).toBe(
      'none: the "Acceptance criteria" heading has nothing under it',
    );
    expect(method(doc(h(2, 'Acceptance criteria'), p('TBD')))).toMatch(/nothing under it/);
  });

  it('keeps subsections of the heading in its section', () => {
    expect(method(doc(h(2, 'Acceptance criteria'), h(3, 'Login'), p('User can log in'), h(2, 'Notes')))).toBe('heading');
  });

  it('finds a bold-only paragraph followed by content', () => {
    expect(method(doc(bold('Acceptance criteria:'), bullets('a', 'b')))).toBe('bold-label');
    expect(method(doc(bold('Acceptance criteria'), h(2, 'Notes')))).toMatch(/^none/);
  });

  it('finds a "Label:" line, with the criteria on the same line or below', () => {
    expect(findAcceptanceCriteria(doc(p('AC: user can export to CSV')))).toEqual({
      found: true,
      method: 'label-line',
      excerpt: 'user can export to CSV',
    });
    expect(method(doc(p(text('Acceptance criteria:', 'strong'), ' exports work')))).toBe('label-line');
    expect(method(doc(p('Acceptance criteria:'), bullets('a')))).toBe('label-line');
    expect(method(doc(p('AC: TBD')))).toMatch(/^none/);
    // Without a colon a plain line that only says "Acceptance criteria" is not a label.
    expect(method(doc(p('Acceptance criteria'), p('x')))).toMatch(/^none/);
  });

  it('finds a table under such a heading, and a table whose header names them', () => {
    expect(method(doc(h(2, 'Acceptance criteria'), table(['Given', 'Expect'], ['a user', 'a page'])))).toBe('table');
    expect(method(doc(table(['#', 'Acceptance criteria'], ['1', 'user can log in'])))).toBe('table');
    expect(method(doc(table(['Acceptance criteria'], [''])))).toMatch(/^none/);
  });

  it('finds a task list anywhere', () => {
    const found = findAcceptanceCriteria(doc(p('Do it.'), tasks(['first', 'TODO'], ['second', 'DONE'])));
    expect(found).toEqual({ found: true, method: 'task-list', excerpt: 'first; second' });
  });

  it('finds Given/When/Then lines (Given…Then or When…Then), after bullets, any case', () => {
    expect(method(doc(p('Given a user'), p('When they log in'), p('Then they see the board')))).toBe('given-when-then');
    expect(method(doc(bullets('when I press save', 'then the form is stored')))).toBe('given-when-then');
    expect(method(doc(p('GIVEN x'), p('THEN y')))).toBe('given-when-then');
    expect(method(doc(p('1. Given x'), p('2. Then y')))).toBe('given-when-then');
    expect(method(doc(p('Given a user'), p('When they log in')))).toMatch(/^none/);
    expect(method(doc(p('Then it breaks'), p('Given nothing')))).toMatch(/^none/);
    expect(method(doc(p('We will then see, given time.')))).toMatch(/^none/);
    // A Then far below a When is prose, not a scenario.
    expect(method(doc(p('When it rains the build fails.'), ...Array.from({ length: 9 }, (_, i) => p(`line ${i}`)), p('Then it passes.'))))
      .toMatch(/^none/);
    expect(method(doc(p('Given a'), p('And b'), p('And c'), p('When d'), p('And e'), p('Then f')))).toBe('given-when-then');
    expect(findAcceptanceCriteria(doc(p('Given a cart'), p('When I pay'), p('Then I get a receipt')))).toMatchObject({
      excerpt: 'Given a cart When I pay Then I get a receipt',
    });
  });

  it('ignores a label inside a code block, but not Gherkin in one', () => {
    expect(method(doc(code('AC: not a label')))).toMatch(/^none/);
    expect(method(doc(code('Given a\nWhen b\nThen c', 'gherkin')))).toBe('given-when-then');
  });

  it('takes a configured field first, as a string or ADF; an empty field falls back to the description', () => {
    expect(method(doc(), { field: { value: 'Exports work' } })).toBe('field');
    expect(method(undefined, { field: { value: doc(p('Exports work')) } })).toBe('field');
    expect(method(doc(h(2, 'AC'), p('x')), { field: { value: null, name: 'Acceptance' } })).toBe('heading');
    expect(method(doc(p('nothing')), { field: { value: '  ', name: 'Acceptance' } })).toBe(
      'none: the Acceptance field is empty and no heading, task list or Given/When/Then found in the description',
    );
  });

  it('uses configured labels', () => {
    const labels = acceptanceLabels(['Critères d’acceptation', 'Kriterien']);
    expect(method(doc(h(2, 'Critères d’acceptation'), p('ok')), { labels })).toBe('heading');
    expect(method(doc(h(2, 'Acceptance criteria'), p('ok')), { labels: ['Kriterien'] })).toMatch(/^none/);
  });

  it('tolerates zero-width characters in the label', () => {
    expect(method(doc(h(2, 'Accept\u200bance criteria\u200f'), p('ok')))).toBe('heading');
    expect(method(doc(bold('Defini\u200btion of done'), p('ok')))).toBe('bold-label');
    expect(method(doc(h(2, '\u200bAcceptance criteria'), p('ok')))).toBe('heading');
  });

  it('says when the description is empty or unreadable', () => {
    expect(method(null)).toBe('none: the description is empty');
    expect(method(42)).toBe('none: the description is unreadable');
  });

  it('reuses a reading given to it', () => {
    const reading = readDescription(doc(h(2, 'AC'), p('ok')));
    expect(findAcceptanceCriteria('ignored', { reading })).toMatchObject({ found: true, method: 'heading' });
  });
});

describe('findAcceptanceCriteria in strings (wiki markup, Markdown, plain text)', () => {
  it('finds wiki headings and bold lines', () => {
    expect(method('Intro\nh3. Acceptance Criteria\n* User can log in\n* User can log out')).toBe('heading');
    expect(method('*Acceptance criteria*\n# first\n# second')).toBe('bold-label');
    expect(method('**Acceptance criteria:**\n- first')).toBe('bold-label');
    expect(method('## Acceptance criteria\n- first')).toBe('bold-label');
    expect(method('h3. Acceptance Criteria\nh3. Notes\nlater')).toMatch(/nothing under it/);
  });

  it('finds "Label:" lines as in the Deep-SE issues', () => {
    expect(method('Acceptance criteria:  * 100 remote agents can concurrently connect')).toBe('label-line');
    expect(method('Acceptance criteria*:     * Metadata and Connectivity testing should work')).toBe('label-line');
    expect(method('Acceptance criteria:\n* one')).toBe('label-line');
  });

  it('finds wiki and Markdown tables under a heading, Markdown task lists and Gherkin', () => {
    expect(method('h2. AC\n||Case||Result||\n|a|b|')).toBe('table');
    expect(method('## AC\n| Case | Result |\n|---|---|\n| a | b |')).toBe('table');
    expect(method('Todo:\n- [ ] one\n- [x] two')).toBe('task-list');
    expect(method('Scenario: login\n  Given a user\n  When they log in\n  Then they see the board')).toBe('given-when-then');
    expect(method('No criteria here at all, as a user.')).toMatch(/^none: no heading/);
  });
});
