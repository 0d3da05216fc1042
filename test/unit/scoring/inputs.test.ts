/**
 * Every kind of input, read from the shapes Jira really sends: the recorded search page of a real
 * Jira Cloud site (go-atlassian mocks) and Atlassian's own examples, from test/fixtures/jira.
 */
import { describe, expect, it } from 'vitest';
import { compileScoring, dayNumberOf } from '../../../src/domain/scoring/index';
import type { BreakdownLine, InputSourceInput, ScoreResult, ScoringContext } from '../../../src/domain/scoring/index';
import { readSample, sampleIssue } from './jira-samples';

type Source = InputSourceInput;

/** Scores `fields` with one input (as value / effort, with effort 1), to look at that input alone. */
function readInput(source: Source, fields: Record<string, unknown>, context: ScoringContext = { today: '2024-05-01' }): { result: ScoreResult; line: BreakdownLine } {
  const scoring = compileScoring({
    model: { type: 'value-effort', inputs: { value: source, effort: { kind: 'number', fieldId: 'test_effort' } } },
    multiplyByStrategicWeight: false,
  });
  expect(scoring.configErrors).toEqual([]);
  const result = scoring.score({ test_effort: 1, ...fields }, context);
  const line = result.breakdown[0];
  if (line === undefined) throw new Error('no breakdown line');
  return { result, line };
}

const used = (source: Source, fields: Record<string, unknown>, context?: ScoringContext): number | null => readInput(source, fields, context).line.used;

const RISK_OPTIONS = { 'Option 1': 3, 'Option 2': 8, 'Option 3': 13 };

describe('inputs from a real search page (go-atlassian search-issues.json)', () => {
  it('both story point fields are plain number fields with configurable ids', () => {
    const fields = readSample('go-atlassian__jira_v3_mocks__get-fields.json') as { id: string; schema?: { custom?: string } }[];
    expect(fields.find((field) => field.id === 'customfield_10016')?.schema?.custom).toBe('com.pyxis.greenhopper.jira:jsw-story-points');
    expect(fields.find((field) => field.id === 'customfield_10036')?.schema?.custom).toBe('com.atlassian.jira.plugin.system.customfieldtypes:float');
    const kp1 = sampleIssue('KP-1').fields;
    // KP-1 has classic "Story Points" = 111; its "Story point estimate" is null (unset).
    expect(readInput({ kind: 'number', fieldId: 'customfield_10036' }, kp1).line).toMatchObject({ fieldId: 'customfield_10036', raw: 111, used: 111, status: 'ok' });
    expect(readInput({ kind: 'number', fieldId: 'customfield_10016' }, kp1).line).toMatchObject({ status: 'missing', raw: null, note: 'not set' });
    // A field the search did not return at all is named differently: it was probably not requested.
    expect(readInput({ kind: 'number', fieldId: 'customfield_10099' }, kp1).line.note).toContain('this issue has no such field in Jira');
  });

  it('a number field (float 9000.0, 1000.323)', () => {
    expect(used({ kind: 'number', fieldId: 'customfield_10043' }, sampleIssue('KP-2').fields)).toBe(9000);
    expect(used({ kind: 'number', fieldId: 'customfield_10043' }, sampleIssue('KP-12').fields)).toBe(1000.323);
  });

  it('a single select {self, value, id}, matched on its value, or on its id', () => {
    const fields = sampleIssue('KP-2').fields;
    const { line } = readInput({ kind: 'select', fieldId: 'customfield_10044', options: RISK_OPTIONS }, fields);
    expect(line).toMatchObject({ status: 'ok', used: 3, raw: { value: 'Option 1', id: '10040' } });
    expect(used({ kind: 'select', fieldId: 'customfield_10044', options: {}, optionIds: { '10040': 5 } }, fields)).toBe(5);
    // The id table wins when it knows the id; the value table answers otherwise.
    expect(used({ kind: 'select', fieldId: 'customfield_10044', options: RISK_OPTIONS, optionIds: { '99999': 5 } }, fields)).toBe(3);
  });

  it('a multi-select, as the sum or the max of its options', () => {
    const fields = sampleIssue('KP-2').fields; // customfield_10046: Option 1, Option 2, Option 3
    expect(used({ kind: 'select', fieldId: 'customfield_10046', options: RISK_OPTIONS }, fields)).toBe(24);
    expect(used({ kind: 'select', fieldId: 'customfield_10046', options: RISK_OPTIONS, multiple: 'max' }, fields)).toBe(13);
  });

  it('a cascading select counts its parent option', () => {
    expect(used({ kind: 'select', fieldId: 'customfield_10045', options: { America: 5 } }, sampleIssue('KP-2').fields)).toBe(5);
  });

  it('priority by name', () => {
    expect(readInput({ kind: 'priority' }, sampleIssue('KP-1').fields).line).toMatchObject({ fieldId: 'priority', used: 3, raw: { name: 'Low', id: '4' } });
    expect(used({ kind: 'priority' }, sampleIssue('KP-2').fields)).toBe(8);
    const cli = (readSample('jira-cli__pkg_jira_testdata__search.json') as { issues: { fields: Record<string, unknown> }[] }).issues;
    expect(cli.map((issue) => used({ kind: 'priority' }, issue.fields))).toEqual([8, 13, 3]);
  });

  it('a date field "2021-02-23" and a datetime field read as the date written', () => {
    const fields = sampleIssue('KP-2').fields;
    expect(used({ kind: 'date', fieldId: 'customfield_10040' }, fields, { today: '2021-02-20' })).toBe(13);
    expect(used({ kind: 'date', fieldId: 'customfield_10041' }, fields, { today: '2021-02-20' })).toBe(13);
    expect(used({ kind: 'date', fieldId: 'customfield_10040' }, fields, { today: '2021-03-01' })).toBe(20);
  });

  it('votes, watchers and linked issues from their standard fields', () => {
    const fields = sampleIssue('KP-2').fields;
    expect(readInput({ kind: 'votes' }, fields).line).toMatchObject({ fieldId: 'votes', used: 0, status: 'ok' });
    expect(readInput({ kind: 'watchers' }, fields).line).toMatchObject({ fieldId: 'watches', used: 2, status: 'ok' });
    expect(readInput({ kind: 'linked-issues' }, fields).line).toMatchObject({ fieldId: 'issuelinks', used: 0, status: 'ok' });
    const example = (readSample('atlassian-example__GET_getIssue__response200.json') as { fields: Record<string, unknown> }).fields;
    expect(used({ kind: 'linked-issues' }, example)).toBe(2);
  });

  it('the due date field is null on these issues: missing, not a silent 0', () => {
    const { result, line } = readInput({ kind: 'date' }, sampleIssue('KP-19').fields);
    expect(line).toMatchObject({ fieldId: 'duedate', status: 'missing', note: 'not set', raw: null, used: null });
    expect(result.status).toBe('incomplete');
  });
});

describe('number inputs', () => {
  it('negative numbers and zero are numbers (only divisors must be above 0)', () => {
    expect(used({ kind: 'number', fieldId: 'f' }, { f: -3 })).toBe(-3);
    expect(used({ kind: 'number', fieldId: 'f' }, { f: 0 })).toBe(0);
  });
});

describe('select inputs', () => {
  const select = { kind: 'select', fieldId: 'f', options: { Low: 1, High: 13 } } as const;

  it('an option missing from the table is invalid and named, with the known options', () => {
    const { result, line } = readInput(select, { f: { self: 'https://x', value: 'Blocker', id: '10099' } });
    expect(line.status).toBe('invalid');
    expect(line.note).toBe('option "Blocker" (id 10099) has no number in the option table; known: "Low", "High"');
    expect(result).toMatchObject({ status: 'invalid', invalid: [{ input: 'value', fieldId: 'f', reason: line.note }] });
  });

  it('one unknown option makes a multi-select invalid', () => {
    expect(readInput(select, { f: [{ value: 'Low', id: '1' }, { value: 'Huge', id: '3' }] }).line.note).toContain('option "Huge"');
  });

  it('no option selected is missing', () => {
    expect(readInput(select, { f: [] }).line).toMatchObject({ status: 'missing', note: 'no option selected' });
    expect(readInput(select, { f: null }).line).toMatchObject({ status: 'missing', note: 'not set' });
  });

  it('a value that is not an option is invalid', () => {
    expect(readInput(select, { f: 13 }).line.note).toBe('expected a select option {value, id}, got the number 13');
    expect(readInput(select, { f: { id: '1' } }).line.note).toContain('without a value');
    expect(readInput(select, { f: [7] }).line.note).toContain('got the number 7');
  });

  it('a bare option value is accepted (some APIs send the value alone)', () => {
    expect(used(select, { f: 'High' })).toBe(13);
  });

  it('option names that look like object internals are plain table keys', () => {
    expect(used({ kind: 'select', fieldId: 'f', options: { constructor: 4, toString: 2 } }, { f: { value: 'constructor' } })).toBe(4);
    expect(readInput({ kind: 'select', fieldId: 'f', options: { Low: 1 } }, { f: { value: 'toString' } }).line.status).toBe('invalid');
  });
});

describe('priority inputs', () => {
  it('an unknown priority name is invalid, named', () => {
    expect(readInput({ kind: 'priority' }, { priority: { name: 'Blocker', id: '1' } }).line.note).toBe(
      'priority "Blocker" has no number in the priority table; known: "Highest", "High", "Medium", "Low", "Lowest"',
    );
  });

  it('a custom table, and a priority that is not an object', () => {
    expect(used({ kind: 'priority', table: { P1: 100 } }, { priority: { name: 'P1' } })).toBe(100);
    expect(readInput({ kind: 'priority' }, { priority: 'High' }).line.note).toBe('expected a priority {name, id}, got text "High"');
  });
});

describe('date inputs: time criticality from days remaining', () => {
  const at = (due: string, today = '2024-05-01'): number | null => used({ kind: 'date' }, { duedate: due }, { today });

  it.each([
    ['2024-04-30', 20, 'overdue by a day'],
    ['2024-05-01', 13, 'due today'],
    ['2024-05-08', 13, 'in 7 days'],
    ['2024-05-09', 8, 'in 8 days'],
    ['2024-05-31', 8, 'in 30 days'],
    ['2024-06-01', 5, 'in 31 days'],
    ['2024-07-30', 5, 'in 90 days'],
    ['2024-10-28', 3, 'in 180 days'],
    ['2024-10-29', 1, 'in 181 days'],
    ['2030-01-01', 1, 'years away'],
  ])('due %s (%s) → %i', (due, expected) => {
    expect(at(due)).toBe(expected);
  });

  it('counts across month ends and leap days', () => {
    expect(at('2024-03-01', '2024-02-28')).toBe(13);
    expect(dayNumberOf('2024-03-01')! - dayNumberOf('2024-02-28')!).toBe(2);
    expect(dayNumberOf('2023-03-01')! - dayNumberOf('2023-02-28')!).toBe(1);
    expect(dayNumberOf('1970-01-01')).toBe(0);
    expect(dayNumberOf('2000-03-01')).toBe(11_017);
  });

  it('"today" is injectable, so results do not depend on the clock', () => {
    expect(at('2024-05-20', '2024-05-01')).toBe(8);
    expect(at('2024-05-20', '2024-05-19')).toBe(13);
    expect(at('2024-05-20', '2024-06-01')).toBe(20);
    expect(at('2024-05-20', '2024-05-19T23:59:59.000+0000')).toBe(13);
  });

  it('without "today", it is today in UTC', () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(used({ kind: 'date' }, { duedate: today }, {})).toBe(13);
  });

  it.each([
    ['2024-02-30', 'text "2024-02-30"'],
    ['2023-02-29', 'text "2023-02-29"'],
    ['2024-13-01', 'text "2024-13-01"'],
    ['05/01/2024', 'text "05/01/2024"'],
    ['2024-5-1', 'text "2024-5-1"'],
    ['', 'text ""'],
  ])('%s is not a date', (due, shown) => {
    expect(readInput({ kind: 'date' }, { duedate: due }).line).toMatchObject({ status: 'invalid', note: `expected a date (YYYY-MM-DD), got ${shown}` });
  });

  it('a date field holding a number is invalid', () => {
    expect(readInput({ kind: 'date' }, { duedate: 20240501 }).line.note).toBe('expected a date (YYYY-MM-DD), got the number 20240501');
  });

  it('an unusable "today" makes date inputs invalid with that reason', () => {
    expect(readInput({ kind: 'date' }, { duedate: '2024-05-01' }, { today: 'yesterday' }).line.note).toContain('today\'s date "yesterday" is not a date');
  });
});

describe('votes, watchers, linked issues', () => {
  it('absent means not requested: missing, not 0', () => {
    expect(readInput({ kind: 'votes' }, {}).line).toMatchObject({ status: 'missing', note: expect.stringContaining('this issue has no such field in Jira') as unknown });
    expect(readInput({ kind: 'linked-issues' }, {}).line.status).toBe('missing');
  });

  it('a shape that is not Jira’s is invalid', () => {
    expect(readInput({ kind: 'votes' }, { votes: 3 }).line.note).toBe('expected votes {votes}, got the number 3');
    expect(readInput({ kind: 'watchers' }, { watches: { watchCount: -1 } }).line.note).toContain('got the number -1');
    expect(readInput({ kind: 'linked-issues' }, { issuelinks: {} }).line.note).toBe('expected a list of issue links, got an object');
  });

  it('counts every entry of issuelinks (fields.issuelinks.length)', () => {
    expect(used({ kind: 'linked-issues' }, { issuelinks: [{ id: '1' }, { id: '2' }, { id: '3' }] })).toBe(3);
  });
});
