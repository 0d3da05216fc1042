import { describe, expect, it } from 'vitest';
import { acceptanceLabels, findAcceptanceCriteria, readDescription } from '../../../src/domain/adf';
import { bold, bullets, code, doc, h, lines, numbered, p, table, tasks, text } from './adf-builders';

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

/**
 * Cases found by reading the Deep-SE issues (dev/datasets/readiness-report.ts, docs/real-data-readiness.md):
 * each test quotes the text, shaped as the converter gives it (a wiki line break is a hard break).
 */
describe('findAcceptanceCriteria on real issues (Deep-SE)', () => {
  it('finds a label after a hard break inside a paragraph (STUDIO-3181, DM-386, STUDIO-7386)', () => {
    // STUDIO-3181: "*Acceptance criteria*:" was the third line of a paragraph; missed before.
    const studio3181 = doc(
      lines(
        'Even if the value is shown as encrypted we should offer a way to the user to use DataSense and use the correct credentials to retrieve the Metadata.',
        'One simple way would be to make the table editable so that the user can manually write the pasword.',
        [text('Acceptance criteria', 'strong'), ':'],
      ),
      bullets('Metadata and Connectivity testing should work using properties placeholders ${}, those properties files can be located in src/main/app'),
    );
    expect(findAcceptanceCriteria(studio3181)).toMatchObject({ found: true, method: 'label-line', excerpt: expect.stringMatching(/^Metadata and Connectivity/) });
    // DM-386: "Definition of done:" after the description, criteria on the next lines of the same paragraph.
    expect(
      findAcceptanceCriteria(
        doc(lines('Events with arguments: startIntegration, nextVisit.', 'Definition of done:', 'A library that has method calls to each of these commands/events.')),
      ),
    ).toEqual({ found: true, method: 'label-line', excerpt: 'A library that has method calls to each of these commands/events.' });
    // STUDIO-7386: the criteria on the label's own line, after a hard break.
    expect(
      findAcceptanceCriteria(doc(lines('Create an API-Gateway project with different Runtime versions', 'Acceptance criteria: The project is created successfully.'))),
    ).toEqual({ found: true, method: 'label-line', excerpt: 'The project is created successfully.' });
  });

  it('takes a bare "Acceptance Criteria" line when criteria follow it (TESB-484), not a stray word', () => {
    // TESB-484 ends with "Acceptance Criteria" on a line of its own (no colon, not bold), then the criterion.
    expect(
      findAcceptanceCriteria(
        doc(lines('Acceptance Criteria', 'PO or other person with similar background must be able to get the demo running within 15 minutes.')),
      ),
    ).toMatchObject({ found: true, method: 'label-line', excerpt: expect.stringMatching(/^PO or other person/) });
    // STUDIO-5302: "Need to spike on RAML consumer.", then the bare line, then a bullet list.
    expect(
      method(doc(p('Need to spike on RAML consumer.'), p('Acceptance criteria'), bullets('Mockups around configuring resources from RAML', 'Mockups around configuring resources without RAML'))),
    ).toBe('label-line');
    // Fewer than three words under it is not enough to tell a label from a stray phrase.
    expect(method(doc(p('Acceptance criteria'), p('x')))).toMatch(/^none/);
    expect(method(doc(lines('Acceptance criteria', 'see below')))).toMatch(/^none/);
  });

  it('reads a list whose line breaks were lost right after the label (XD-269)', () => {
    // XD-269, as stored: "h2.  Acceptance Criteria # XD should be able to register, … # The registry should be backed by Redis …"
    const xd269 = 'Acceptance Criteria # XD should be able to register, unregister, and find job definitions via the registry. # The registry should be backed by Redis so that it is persistent.';
    expect(findAcceptanceCriteria(doc(h(2, xd269)))).toMatchObject({ found: true, method: 'label-line', excerpt: expect.stringMatching(/^XD should be able/) });
    expect(method(`h2. ${xd269}`)).toBe('label-line');
  });

  it('matches abbreviations as written: "ACS:" (Appcelerator Cloud Services) is not "ACs:" (TISTUD-3162, TISTUD-3359)', () => {
    expect(method(doc(lines('ACS: improve login progress message to have correct spelling and meaning.', "See screenshot. Ill-formatted message reads: 'Register as apps with ACS'.")))).toMatch(/^none/);
    expect(method('ACS: duplicate guid does not generate accurate error.')).toMatch(/^none/);
    expect(method(doc(p('ACs: the user can log in')))).toBe('label-line');
    expect(method(doc(p('AC: the user can log in')))).toBe('label-line');
    expect(method(doc(p('ac: the user can log in')))).toMatch(/^none/);
    // A label configured in lower case matches any case.
    expect(method(doc(p('AC: the user can log in')), { labels: ['ac'] })).toBe('label-line');
    expect(acceptanceLabels(['AC', 'Acceptance criteria']).exact.get('ac')).toEqual(['AC']);
  });

  it('knows "A/C", "Success criteria" and "Done when" (JSW-8662, DM-5465, XD-763, MESOS-2849)', () => {
    // JSW-8662
    expect(method(doc(lines('As a user, I want to be able to assign a story to a future sprint so that it\'s query-able (via sprint id).', 'A/C:', '1. I am able to create future sprints which I can assign issues to')))).toBe('label-line');
    // DM-5465
    expect(method(doc(lines('Success criteria:', 'Flats should be totally flat, i.e. bias jump problem fixed everywhere')))).toBe('label-line');
    // XD-763: the label between dashes
    expect(findAcceptanceCriteria(doc(lines('This list cover most but not all the components affected.', '--Success criteria--', 'Successful unit and integration tests.')))).toEqual({
      found: true,
      method: 'label-line',
      excerpt: 'Successful unit and integration tests.',
    });
    // MESOS-2849: "Done when" needs no colon.
    expect(
      findAcceptanceCriteria(doc(p("Done when a Docker image can be successfully stored and retrieved using 'put' and 'get' methods."))),
    ).toEqual({ found: true, method: 'label-line', excerpt: "a Docker image can be successfully stored and retrieved using 'put' and 'get' methods." });
    // Not in the middle of a sentence (MESOS-1010), nor "done" alone.
    expect(method(doc(p('This task is done when the ExamplesTest.PythonFramework test will pass on a system with gflags installed.')))).toMatch(/^none/);
    expect(method(doc(p('Done: the build was fixed yesterday')))).toMatch(/^none/);
  });

  it('does not take a bug report narrated with When … Then for a scenario (TDQ-8622, MDL-31597, APSTUD-7571)', () => {
    // TDQ-8622: prose between the When and the Then.
    expect(
      method(
        doc(
          p('When 2 different persons are generating reports from different time zones, both will get the same reports.'),
          p('Ex.'),
          p('One person is generating DQ reports in New York (Eastern Time), and another is generating reports from San Francisco (Pacific Time).'),
          p('Then the person in SanFrancisco (later time zone) will start receiving reports of the person in the Eastern Time zone.'),
        ),
      ),
    ).toMatch(/^none/);
    // MDL-31597
    expect(
      method(
        doc(lines("In Settings -> Grade administration -> Course grade settings under 'User Report' set 'Show weightings' to 'Show'.", 'Then assign some', 'weights to grade items.')),
      ),
    ).toMatch(/^none/);
    // APSTUD-7571
    expect(
      method(
        doc(
          p("When I tried the settings I created using the Run As... button, it gave me the following error message below:"),
          p("Generic server doesn't support start."),
          p('Then, when I try and preview using the internal browser, not only does it not show properly, after a couple of seconds, it crashes.'),
        ),
      ),
    ).toMatch(/^none/);
  });

  it('needs Given, or When and Then as list items, for adjacent steps (TDQ-9270, TDQ-11914, TDQ-5362)', () => {
    // TDQ-9270: adjacent lines, but a repro, not a scenario: no Given, not a list.
    expect(
      method(doc(lines('issue2:', 'when select "MDM T-Swoosh Algorithm", and select "store on disk" in the "Analysis parameter"', 'then run analysis, get NPE'))),
    ).toMatch(/^none/);
    // TDQ-11914: a When line that tells a story (a second sentence) is not a step.
    expect(
      method(
        doc(
          p('When I select column(s) from the input flow and apply a matching algorithm in tMatchGroup component, type a match threshold. Then click "OK" and save it.'),
          p('Then I click to open this component again and see nothing in my Key Definition field. What I selected is not saved.'),
        ),
      ),
    ).toMatch(/^none/);
    // TDQ-5362: a question is not a step, even after Given.
    expect(method(doc(lines('Given the analysis is open', 'but nothing changed in the Repository. should we do some reload', 'when switching?', 'then, I have to right click "Metadata"->edit schema to get the changes.')))).toMatch(/^none/);
    // Real scenarios still count: Given first, or When/Then as list items; And/But and blank lines between.
    expect(method(doc(p('Given a user with a saved search'), p('When they open the board'), p('And filter it'), p('Then they see the saved search')))).toBe('given-when-then');
    expect(method(doc(numbered('When the user clicks Run', 'Then the flow starts')))).toBe('given-when-then');
    expect(method('* When the user clicks Run\n\n* Then the flow starts')).toBe('given-when-then');
    expect(method(doc(p('When the user clicks Run'), bullets('Then the flow starts')))).toMatch(/^none/);
    expect(method(doc(p('When I open it.'), p('Given a user'), p('When they log in'), p('Then they see the board')))).toBe('given-when-then');
  });
});
