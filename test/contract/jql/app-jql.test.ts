/**
 * Every JQL the app can emit, parsed by Atlassian's own JQL grammar (@atlaskit/jql-parser): each
 * query of src/services/queries.ts driven with awkward input, and the `jql` builder itself with
 * any text (quotes, backslashes, unicode, lone surrogates, reserved words, empty), numbers of any
 * magnitude and precision, and lists of one to 1,000 values. Strings and numbers must also come
 * back from the lexer exactly as given: escaping that parses but changes a label is still wrong.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customField, dateField, issueKey, issueProperty, jql, jqlNumber, JqlPart, nonEmpty, projectId, UnsafeJqlError } from '../../../src/jira/jql';
import type { Jql } from '../../../src/jira/jql';
import * as queries from '../../../src/services/queries';
import { READINESS_PROPERTY_KEY, THEME_PROPERTY_KEY } from '../../../src/services/site-fields';
import { grammarErrors, lastToken, quotedStrings, stringLiteralValue } from './grammar';

function expectValid(query: Jql): void {
  expect(grammarErrors(query), query.slice(0, 300)).toEqual([]);
}

const RESERVED = ['AND', 'OR', 'NOT', 'IN', 'IS', 'EMPTY', 'NULL', 'ORDER', 'BY', 'ASC', 'DESC', 'WAS', 'CHANGED', 'and', 'order by', 'select', 'limit'];
const AWKWARD = [
  '',
  ' ',
  '"',
  "'",
  '\\',
  '\\"',
  '"\\',
  `Customer's "voice"`,
  'a" OR project = 1 OR "',
  '") ORDER BY key --',
  'tab\there',
  'line\nbreak\r\n',
  '\u0000\u0001\u001f\u007f\u0085\u009f',
  '\ufdd0\ufffe\uffff\u{1fffe}\u{10ffff}',
  '\ud800 lone \udc00',
  'naïve café 中文 😀 🏳️‍🌈',
  '\u202e right-to-left',
  'x'.repeat(255),
  ...RESERVED,
];
const anyText = fc.oneof(fc.constantFrom(...AWKWARD), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
const anyNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e21, 1e-7, -1e-7, 123456789012345680000, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER, 0.1 + 0.2, 1 / 3, -12.5),
  fc.integer(),
);
const projectIds = fc.oneof(fc.constantFrom('1', '10000', '999999999999999999'), fc.bigInt({ min: 1n, max: 999_999_999_999_999_999n }).map(String));
const projectKeys = fc.oneof(fc.constantFrom('TL', 'AND', 'OR', 'ORDER', 'EMPTY', 'NOT', 'IN', 'IS', 'A_B', 'X1'), fc.stringMatching(/^[A-Z][A-Z0-9_]{0,9}$/));
const issueKeys = fc.tuple(projectKeys, fc.bigInt({ min: 1n, max: 999_999_999_999_999_999n })).map(([key, number]) => `${key}-${number}`);
const dateFieldIds = fc.oneof(fc.constantFrom('duedate', 'created', 'updated', 'resolutiondate'), fc.bigInt({ min: 1n, max: 999_999_999_999_999_999n }).map((n) => `customfield_${n}`));
const isoDays = fc.integer({ min: -719_162, max: 2_932_896 }).map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
const dateWindows = fc.tuple(dateFieldIds, fc.option(isoDays, { nil: undefined }), isoDays).map(([fieldId, from, before]) => {
  const field = dateField(fieldId);
  if (field === undefined) throw new Error('unreachable');
  return from === undefined ? { field, before } : { field, from, before };
});

describe('the jql builder, against Atlassian\'s JQL grammar', () => {
  it('writes any text as a string literal the grammar accepts and reads back unchanged', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const query = jql`labels = ${text} ORDER BY key ASC`;
        expectValid(query);
        const strings = quotedStrings(query);
        expect(strings).toHaveLength(1);
        expect(stringLiteralValue(strings[0] ?? '')).toBe(text);
      }),
      { numRuns: 1500 },
    );
  });

  it('writes any finite number in plain decimal that the grammar reads as that number', () => {
    fc.assert(
      fc.property(anyNumber, (value) => {
        const query = jql`votes > ${value}`;
        expectValid(query);
        const token = lastToken(query);
        expect(token.kind).not.toBe('other');
        expect(token.text).toBe(jqlNumber(value));
        expect(token.text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(token.text)).toBe(value === 0 ? 0 : value);
      }),
      { numRuns: 1500 },
    );
    expect([1e21, 1e-7, -1e-7, -0, 12, 6.5].map(jqlNumber)).toEqual(['1000000000000000000000', '0.0000001', '-0.0000001', '0', '12', '6.5']);
  });

  it('refuses what JQL cannot say: no number that is not finite, no empty list, no empty query', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) expect(() => jql`x = ${value}`).toThrow(UnsafeJqlError);
    const none: readonly string[] = [];
    expect(nonEmpty(none)).toBeUndefined();
    // The type asks for a non-empty list; a list that lies about it is still refused.
    expect(() => jql`labels in (${none as unknown as readonly [string]})`).toThrow(/in \(\)/);
    expect(() => jql`  `).toThrow(UnsafeJqlError);
    expect(() => jql`x = ${null as unknown as string}`).toThrow(UnsafeJqlError);
    expect(() => new JqlPart(Symbol('JqlPart') as never, 'x = 1) OR (1 = 1')).toThrow(/only by the JQL builder/);
  });

  it('writes lists of 1 to 1,000 awkward values, mixed with numbers, that the grammar accepts', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyText, anyNumber), { minLength: 1, maxLength: 60 }), (values) => {
        const list = nonEmpty(values);
        if (list === undefined) throw new Error('unreachable');
        const query = jql`labels in (${list}) AND cf[10016] not in (${list})`;
        expectValid(query);
        expect(quotedStrings(query).map(stringLiteralValue)).toEqual([...values, ...values].filter((value) => typeof value === 'string'));
      }),
      { numRuns: 300 },
    );
    const thousand = Array.from({ length: 1000 }, (_, i) => `${AWKWARD[i % AWKWARD.length] ?? ''}${String(i)}`);
    const list = nonEmpty(thousand);
    if (list === undefined) throw new Error('unreachable');
    const query = jql`project = ${projectId('10000')} AND labels in (${list}) ORDER BY key ASC`;
    expectValid(query);
    expect(quotedStrings(query).map(stringLiteralValue)).toEqual(thousand);
  });

  it('takes field names, keys and ids only through checked helpers', () => {
    expect(String(customField('customfield_10016'))).toBe('cf[10016]');
    expect(customField('priority')).toBeUndefined();
    expect(customField('customfield_1) OR (x')).toBeUndefined();
    expect(String(issueProperty(THEME_PROPERTY_KEY, 'themeId'))).toBe('issue.property[throughline.theme].themeId');
    for (const bad of ['TL-0', 'tl-1', 'TL-1 OR x = 1', 'TL', '"TL-1"', '']) expect(() => issueKey(bad)).toThrow(UnsafeJqlError);
    for (const bad of ['0', '01', '-1', '1.5', '1e3', '10000 OR 1 = 1', '']) expect(() => projectId(bad)).toThrow(UnsafeJqlError);
    expect(() => issueProperty('a]b', 'c')).toThrow(UnsafeJqlError);
    expect(() => issueProperty('a.b')).toThrow(UnsafeJqlError);
  });
});

describe('every query the app sends (src/services/queries.ts), against Atlassian\'s JQL grammar', () => {
  const scoreField = customField('customfield_10100');
  if (scoreField === undefined) throw new Error('unreachable');
  /** Each query, driven by arbitraries of its inputs. */
  const drivers: Record<keyof typeof queries, fc.Arbitrary<Jql>> = {
    projectJql: fc.tuple(projectIds, fc.boolean(), fc.option(issueKeys, { nil: undefined })).map(([id, open, after]) => queries.projectJql(id, { open, ...(after === undefined ? {} : { after }) })),
    projectCountJql: fc.tuple(projectIds, fc.boolean(), fc.option(issueKeys, { nil: undefined })).map(([id, open, after]) => queries.projectCountJql(id, { open, ...(after === undefined ? {} : { after }) })),
    recentlyUpdatedJql: projectIds.map((id) => queries.recentlyUpdatedJql(id)),
    epicsJql: fc.tuple(projectIds, fc.option(issueKeys, { nil: undefined })).map(([id, after]) => queries.epicsJql(id, after)),
    issuesByKeyJql: fc.array(issueKeys, { minLength: 1, maxLength: 100 }).map((keys) => queries.issuesByKeyJql(keys as [string, ...string[]])),
    projectEpicsByKeyJql: fc.tuple(projectIds, fc.array(issueKeys, { minLength: 1, maxLength: 100 })).map(([id, keys]) => queries.projectEpicsByKeyJql(id, keys as [string, ...string[]])),
    childrenJql: fc.tuple(issueKeys, fc.option(projectIds, { nil: undefined })).map(([key, id]) => queries.childrenJql(key, id)),
    sprintJql: anyNumber.map((id) => queries.sprintJql(id)),
    projectSprintJql: fc.tuple(projectIds, anyNumber).map(([id, sprintId]) => queries.projectSprintJql(id, sprintId)),
    sprintByKeyJql: fc.tuple(anyNumber, fc.array(issueKeys, { minLength: 1, maxLength: 100 })).map(([id, keys]) => queries.sprintByKeyJql(id, keys as [string, ...string[]])),
    sprintDoneJql: anyNumber.map((id) => queries.sprintDoneJql(id)),
    sprintDoneByKeyJql: fc.tuple(anyNumber, fc.array(issueKeys, { minLength: 1, maxLength: 100 })).map(([id, keys]) => queries.sprintDoneByKeyJql(id, keys as [string, ...string[]])),
    failingRuleJql: fc
      .tuple(fc.oneof(anyNumber.map((sprintId): queries.RuleScope => ({ sprintId })), fc.array(issueKeys, { minLength: 1, maxLength: 100 }).map((keys): queries.RuleScope => ({ keys: keys as [string, ...string[]] }))), anyText, fc.constantFrom<'blocking' | 'warning'>('blocking', 'warning'))
      .map(([scope, ruleId, severity]) => queries.failingRuleJql(scope, READINESS_PROPERTY_KEY, { ruleId, severity })),
    indexedEpicsJql: projectIds.map((id) => queries.indexedEpicsJql(id, THEME_PROPERTY_KEY)),
    securedIssuesJql: projectIds.map((id) => queries.securedIssuesJql(id)),
    dateWindowsJql: fc.tuple(projectIds, fc.array(dateWindows, { minLength: 1, maxLength: 40 })).map(([id, windows]) => queries.dateWindowsJql(id, windows as [queries.DateWindow, ...queries.DateWindow[]])),
    scoredJql: projectIds.map((id) => queries.scoredJql(id, scoreField)),
    scoredAboveJql: fc.tuple(projectIds, anyNumber).map(([id, score]) => queries.scoredAboveJql(id, scoreField, score)),
    scoredEqualJql: fc.tuple(projectIds, anyNumber).map(([id, score]) => queries.scoredEqualJql(id, scoreField, score)),
    rankedBacklogJql: fc
      .tuple(
        projectIds,
        fc.constantFrom<queries.BacklogList>('ranked', 'incomplete'),
        fc.boolean(),
        fc.record(
          {
            statusCategory: fc.constantFrom<'new' | 'indeterminate'>('new', 'indeterminate'),
            status: anyText,
            epic: issueKeys,
            theme: fc.oneof(anyText.map((id) => ({ kind: 'theme' as const, id })), fc.constant({ kind: 'none' as const })),
            readiness: fc.constantFrom<'ready' | 'not-ready' | 'not-applicable'>('ready', 'not-ready', 'not-applicable'),
            sprint: anyNumber,
          },
          { requiredKeys: [] },
        ),
      )
      .map(([id, list, withField, filters]) => queries.rankedBacklogJql(id, list, withField || list === 'ranked' ? scoreField : undefined, READINESS_PROPERTY_KEY, filters)),
    scoringGridJql: fc
      .tuple(
        projectIds,
        fc.constantFrom<'incomplete' | 'all'>('incomplete', 'all'),
        fc.boolean(),
        fc.record({ epic: issueKeys, theme: fc.oneof(anyText.map((id) => ({ kind: 'theme' as const, id })), fc.constant({ kind: 'none' as const })), sprint: anyNumber }, { requiredKeys: [] }),
      )
      .map(([id, which, withField, filters]) => queries.scoringGridJql(id, which, withField ? scoreField : undefined, READINESS_PROPERTY_KEY, filters)),
    scoredAboveOthersJql: fc.tuple(projectIds, anyNumber, issueKeys).map(([id, score, key]) => queries.scoredAboveOthersJql(id, scoreField, score, key)),
  };

  it.each(Object.keys(drivers))('%s: every query it can build parses', (name) => {
    const driver = drivers[name as keyof typeof queries];
    fc.assert(
      fc.property(driver, (query) => {
        expectValid(query);
      }),
      { numRuns: 300 },
    );
  });

  it('drives every query the module exports (a new query cannot skip this test)', () => {
    expect(Object.keys(queries).sort()).toEqual(Object.keys(drivers).sort());
  });

  it('reads 1,000 keys in one query, and refuses bad keys and ids before Jira sees them', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `ORDER-${i + 1}`);
    expectValid(queries.issuesByKeyJql(keys as [string, ...string[]]));
    expect(() => queries.projectJql('10000', { after: 'TL-1 OR key > A-1' })).toThrow(UnsafeJqlError);
    expect(() => queries.childrenJql('TL-1) OR (project = 2')).toThrow(UnsafeJqlError);
    expect(() => queries.projectJql('TL')).toThrow(UnsafeJqlError);
  });

  it('writes the queries as before where they were already right', () => {
    expect(queries.projectJql('10000')).toBe('project = 10000 ORDER BY key ASC');
    expect(queries.projectJql('10000', { open: true, after: 'TL-5' })).toBe('project = 10000 AND statusCategory != Done AND key > TL-5 ORDER BY key ASC');
    expect(queries.projectCountJql('10000', { open: true })).toBe('project = 10000 AND statusCategory != Done');
    expect(queries.childrenJql('TL-3', '10001')).toBe('parent = TL-3 AND project = 10001 ORDER BY key ASC');
    expect(queries.issuesByKeyJql(['TL-1', 'TL-2'])).toBe('key in (TL-1, TL-2) ORDER BY key ASC');
    expect(queries.failingRuleJql({ sprintId: 4 }, READINESS_PROPERTY_KEY, { ruleId: 'acceptance-criteria', severity: 'blocking' })).toBe('sprint = 4 AND issue.property[throughline.readiness].failingRules = "acceptance-criteria" ORDER BY key ASC');
    expect(queries.failingRuleJql({ keys: ['TL-1', 'TL-2'] }, READINESS_PROPERTY_KEY, { ruleId: 'user-story-form', severity: 'warning' })).toBe('key in (TL-1, TL-2) AND issue.property[throughline.readiness].warningRules = "user-story-form" ORDER BY key ASC');
    expect(queries.scoredAboveJql('10000', scoreField, 1e21)).toBe('project = 10000 AND statusCategory != Done AND cf[10100] > 1000000000000000000000');
  });

  it('reads the issues whose dates fall in the daily recompute\'s windows, and names date fields only through dateField', () => {
    const due = dateField('duedate');
    const custom = dateField('customfield_10060');
    if (due === undefined || custom === undefined) throw new Error('unreachable');
    expect(queries.dateWindowsJql('10000', [{ field: due, from: '2026-03-04', before: '2026-03-05' }, { field: custom, before: '2026-01-02' }])).toBe(
      'project = 10000 AND ((duedate >= "2026-03-04" AND duedate < "2026-03-05") OR cf[10060] < "2026-01-02") ORDER BY key ASC',
    );
    expect(String(dateField('updated'))).toBe('updated');
    for (const other of ['summary', 'priority', 'constructor', 'customfield_x', 'duedate) OR (x']) expect(dateField(other), other).toBeUndefined();
    expect(() => queries.dateWindowsJql('10000', [{ field: due, before: '2026-3-5' }])).toThrow(UnsafeJqlError);
    expect(() => queries.dateWindowsJql('10000', [{ field: due, from: '2026-03-05" OR "x', before: '2026-03-06' }])).toThrow(UnsafeJqlError);
  });

  it('reads the ranked backlog in score order, one page a search, with its filters as JQL', () => {
    expect(queries.rankedBacklogJql('10000', 'ranked', scoreField, READINESS_PROPERTY_KEY)).toBe('project = 10000 AND statusCategory != Done AND issuetype in standardIssueTypes() AND cf[10100] IS NOT EMPTY ORDER BY cf[10100] DESC, key ASC');
    expect(queries.rankedBacklogJql('10000', 'incomplete', scoreField, READINESS_PROPERTY_KEY)).toBe('project = 10000 AND statusCategory != Done AND issuetype in standardIssueTypes() AND cf[10100] IS EMPTY ORDER BY key ASC');
    expect(queries.rankedBacklogJql('10000', 'incomplete', undefined, READINESS_PROPERTY_KEY)).toBe('project = 10000 AND statusCategory != Done AND issuetype in standardIssueTypes() ORDER BY key ASC');
    expect(() => queries.rankedBacklogJql('10000', 'ranked', undefined, READINESS_PROPERTY_KEY)).toThrow(UnsafeJqlError);
    expect(queries.rankedBacklogJql('10000', 'ranked', scoreField, READINESS_PROPERTY_KEY, { statusCategory: 'indeterminate', status: 'In "Review"', epic: 'TL-3', theme: { kind: 'theme', id: 'theme-a' }, readiness: 'not-ready' })).toBe(
      'project = 10000 AND statusCategory != Done AND issuetype in standardIssueTypes() AND statusCategory = "In Progress" AND status = "In \\"Review\\"" AND parent = TL-3 AND issue.property[throughline.readiness].themeId = "theme-a" AND issue.property[throughline.readiness].verdict = "not-ready" AND cf[10100] IS NOT EMPTY ORDER BY cf[10100] DESC, key ASC',
    );
    // No theme: a property the app wrote without a theme id; an issue never checked is in neither list.
    expect(queries.rankedBacklogJql('10000', 'ranked', scoreField, READINESS_PROPERTY_KEY, { theme: { kind: 'none' } })).toContain('AND issue.property[throughline.readiness].verdict IS NOT EMPTY AND issue.property[throughline.readiness].themeId IS EMPTY AND');
    expect(() => queries.rankedBacklogJql('10000', 'ranked', scoreField, READINESS_PROPERTY_KEY, { epic: 'TL-1 OR project = 2' })).toThrow(UnsafeJqlError);
  });
});

describe('no JQL is written by hand in src/', () => {
  const root = fileURLToPath(new URL('../../../src/', import.meta.url));
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts') || file.endsWith('.tsx'));
  // A string or template literal that reads like JQL: a clause, an ORDER BY, a JQL keyword list.
  const HAND_WRITTEN = /[`'"][^`'"\n]*(\bORDER BY\b|\bstatusCategory\s*!?=|\b(project|key|parent|sprint|labels|issuetype)\s*(=|!=|>|<|\bin\b|\bnot in\b)\s*[$(\w"]|\bIS (NOT )?EMPTY\b)/;

  it('builds JQL only with the jql template, and only in src/services/queries.ts', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const source = readFileSync(`${root}${file}`, 'utf8');
      const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      const builds = /(?<![\w/])jql(Part)?`/.test(code);
      if (builds && file !== 'services/queries.ts' && file !== 'jira/jql.ts') offenders.push(`${file}: builds JQL outside services/queries.ts`);
      if (file !== 'services/queries.ts' && HAND_WRITTEN.test(code)) offenders.push(`${file}: ${HAND_WRITTEN.exec(code)?.[0] ?? ''}`);
    }
    expect(offenders).toEqual([]);
  });
});
