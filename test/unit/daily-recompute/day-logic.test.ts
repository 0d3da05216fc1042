/**
 * The day logic of the daily recompute: which due days change value between two days (checked
 * against the days-remaining table itself, day by day), which `updated` days turn "refined
 * recently" stale (checked against the rule itself), and the JQL that reads only those issues.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileReadiness, parseReadinessConfig, readinessOf, refinedRecentlyLimit, updatedDaysTurningStale } from '../../../src/domain/readiness';
import type { ReadinessConfig } from '../../../src/domain/readiness';
import { DEFAULT_DAYS_REMAINING_TABLE, atMostRanges, dateInputsOf, daysRemainingBoundaries, dueDaysThatMove, mergeDayRanges, parseScoringConfig } from '../../../src/domain/scoring';
import type { DayRange, DaysRemainingTable, ScoringConfig } from '../../../src/domain/scoring';
import { daysRemainingValue } from '../../../src/domain/scoring/input-readers';
import type { ProjectConfiguration } from '../../../src/services/project-configuration';
import { MAX_DATE_WINDOWS, dependsOnTime, timeDependenceOf, timeDrivenQuery } from '../../../src/services/time-driven';
import { story } from '../readiness/issues';

const DAY = 86_400_000;
const TABLE: DaysRemainingTable = { overdue: DEFAULT_DAYS_REMAINING_TABLE.overdue, steps: DEFAULT_DAYS_REMAINING_TABLE.steps.map((step) => ({ ...step })), later: DEFAULT_DAYS_REMAINING_TABLE.later };
/** 2026-03-05 as a day number. */
const MARCH_5 = Date.UTC(2026, 2, 5) / DAY;

function inRanges(ranges: readonly DayRange[], day: number): boolean {
  return ranges.some((range) => (range.first === undefined || range.first <= day) && day <= range.last);
}

function scoring(input: unknown): ScoringConfig {
  const parsed = parseScoringConfig(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.config;
}

function readiness(input: unknown): ReadinessConfig {
  const parsed = parseReadinessConfig(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.config;
}

const WSJF_DUE = scoring({ model: { type: 'wsjf', inputs: { businessValue: { kind: 'number', fieldId: 'customfield_10050' }, timeCriticality: { kind: 'date', fieldId: 'duedate' }, riskReduction: { kind: 'number', fieldId: 'customfield_10052' }, jobSize: { kind: 'number', fieldId: 'customfield_10016' } } } });
const RICE = scoring({ model: { type: 'rice', inputs: { reach: { kind: 'number', fieldId: 'customfield_10053' }, impact: { kind: 'number', fieldId: 'customfield_10054' }, confidence: { kind: 'number', fieldId: 'customfield_10055' }, effort: { kind: 'number', fieldId: 'customfield_10056' } } } });
const REFINED_BLOCKING = readiness({ rules: { 'refined-recently': { enabled: true, severity: 'blocking', maxDays: 30 } } });

function configuration(scoringConfig: ScoringConfig, readinessConfig: ReadinessConfig = readiness({})): ProjectConfiguration {
  return { projectId: '10000', scoring: scoringConfig, readiness: readinessConfig } as unknown as ProjectConfiguration;
}

describe('what a date input changes from one day to the next', () => {
  it('finds the days remaining where the table changes value: each step and overdue, not where both sides are equal', () => {
    expect(daysRemainingBoundaries(TABLE)).toEqual([-1, 7, 30, 90, 180]);
    expect(daysRemainingBoundaries({ overdue: 13, steps: [{ withinDays: 7, value: 13 }, { withinDays: 30, value: 8 }], later: 8 })).toEqual([7]);
    expect(daysRemainingBoundaries({ overdue: 5, steps: [], later: 5 })).toEqual([]);
  });

  it('reads, for the next day, the five due days whose value changes: yesterday (now overdue), and 7, 30, 90 and 180 days ahead', () => {
    expect(dueDaysThatMove(TABLE, MARCH_5 - 1, MARCH_5)).toEqual([-1, 7, 30, 90, 180].map((b) => ({ first: MARCH_5 + b, last: MARCH_5 + b })));
  });

  it('after two missed days, reads the three days of every boundary: a late run is still right', () => {
    expect(dueDaysThatMove(TABLE, MARCH_5 - 3, MARCH_5)).toEqual([-1, 7, 30, 90, 180].map((b) => ({ first: MARCH_5 + b - 2, last: MARCH_5 + b })));
  });

  it('reads nothing when no day has passed, and every due day up to the last step when nothing is known', () => {
    expect(dueDaysThatMove(TABLE, MARCH_5, MARCH_5)).toEqual([]);
    expect(dueDaysThatMove(TABLE, MARCH_5 + 1, MARCH_5)).toEqual([]);
    expect(dueDaysThatMove(TABLE, undefined, MARCH_5)).toEqual([{ first: undefined, last: MARCH_5 + 180 }]);
  });

  it('finds every due day whose value differs between two days, and only such days or few more (property)', () => {
    const tables = fc.record({
      overdue: fc.integer({ min: 0, max: 5 }),
      steps: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 5 }).chain((limits) => fc.tuple(...[...limits].sort((a, b) => a - b).map((withinDays) => fc.integer({ min: 0, max: 5 }).map((value) => ({ withinDays, value }))))),
      later: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(tables, fc.integer({ min: -100, max: 100 }), fc.integer({ min: 1, max: 10 }), (table, since, gap) => {
        const today = since + gap;
        const ranges = dueDaysThatMove(table, since, today);
        for (let due = since - 80; due <= today + 80; due++) {
          const changed = daysRemainingValue(table, due - since) !== daysRemainingValue(table, due - today);
          if (changed) expect(inRanges(ranges, due), `due ${due}`).toBe(true);
        }
        // Every day read is one where some boundary was crossed (not necessarily a different value:
        // crossing two steps can come back to the same number).
        const boundaries = daysRemainingBoundaries(table);
        for (const range of ranges) for (let due = range.first ?? 0; due <= range.last; due++) expect(boundaries.some((b) => due - today <= b && b < due - since)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('joins ranges that touch, and the nearest ones first when a query may hold only so many', () => {
    expect(mergeDayRanges([{ first: 10, last: 12 }, { first: 1, last: 3 }, { first: 4, last: 5 }, { first: 11, last: 20 }])).toEqual([{ first: 1, last: 5 }, { first: 10, last: 20 }]);
    expect(atMostRanges([{ first: 1, last: 1 }, { first: 3, last: 3 }, { first: 100, last: 100 }, { first: 110, last: 110 }], 2)).toEqual([{ first: 1, last: 3 }, { first: 100, last: 110 }]);
    expect(atMostRanges([{ first: undefined, last: 5 }, { first: 50, last: 50 }], 1)).toEqual([{ first: undefined, last: 50 }]);
  });

  it('finds the date inputs of every kind of model: WSJF, weighted criteria, a formula', () => {
    expect(dateInputsOf(WSJF_DUE).map((input) => input.fieldId)).toEqual(['duedate']);
    expect(dateInputsOf(RICE)).toEqual([]);
    expect(dateInputsOf(scoring({ model: { type: 'weighted', criteria: { urgency: { input: { kind: 'date', fieldId: 'customfield_10060' }, weight: 2 }, value: { input: { kind: 'number', fieldId: 'customfield_10050' }, weight: 1 } } } })).map((input) => input.fieldId)).toEqual(['customfield_10060']);
    expect(dateInputsOf(scoring({ model: { type: 'formula', formula: 'a / b', inputs: { a: { kind: 'date' }, b: { kind: 'number', fieldId: 'customfield_10016' } } } })).map((input) => input.fieldId)).toEqual(['duedate']);
    expect(dateInputsOf(scoring({ model: { type: 'wsjf', inputs: { businessValue: { kind: 'number', fieldId: 'customfield_10050' }, timeCriticality: { kind: 'number', fieldId: 'customfield_10051' }, riskReduction: { kind: 'number', fieldId: 'customfield_10052' }, opportunityEnablement: { kind: 'date', fieldId: 'customfield_10061' }, jobSize: { kind: 'number', fieldId: 'customfield_10016' } } } })).map((input) => input.fieldId)).toEqual(['customfield_10061']);
  });
});

describe('when "refined recently" turns stale with time alone', () => {
  it('matters only when the rule is on and blocking: a warning changes nothing the app stores', () => {
    expect(refinedRecentlyLimit(readiness({}))).toBeUndefined();
    expect(refinedRecentlyLimit(readiness({ rules: { 'refined-recently': { enabled: true } } }))).toBeUndefined();
    expect(refinedRecentlyLimit(REFINED_BLOCKING)).toBe(30);
  });

  it('names the days of `updated` whose verdict flips between two runs, by the rule itself (property)', () => {
    const compiled = compileReadiness(readiness({ rules: { 'refined-recently': { enabled: true, severity: 'blocking', maxDays: 3 } } }));
    const failsAt = (updated: number, now: number): boolean => readinessOf(story({ updated: new Date(updated).toISOString() }), compiled, { today: now }).failures.some((failure) => failure.ruleId === 'refined-recently');
    const base = Date.UTC(2026, 2, 5);
    fc.assert(
      fc.property(fc.integer({ min: -10 * DAY, max: 0 }), fc.integer({ min: 1, max: 4 * DAY }), fc.integer({ min: 1, max: 3 * DAY }), (updatedOffset, sinceOffset, gap) => {
        const updated = base + updatedOffset;
        const since = base + sinceOffset;
        const now = since + gap;
        const window = updatedDaysTurningStale(3, since, now);
        if (failsAt(updated, now) && !failsAt(updated, since)) {
          const day = Math.floor(updated / DAY);
          expect(window).toBeDefined();
          expect(day).toBeGreaterThanOrEqual(window?.first ?? Number.NEGATIVE_INFINITY);
          expect(day).toBeLessThanOrEqual(window?.last ?? Number.NEGATIVE_INFINITY);
        }
        // Never the other way: a stale verdict does not turn back by itself.
        if (failsAt(updated, since)) expect(failsAt(updated, now)).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(updatedDaysTurningStale(3, base, base)).toBeUndefined();
    expect(updatedDaysTurningStale(3, undefined, base)).toEqual({ first: undefined, last: base / DAY - 4 });
  });
});

describe('the query of a daily run', () => {
  const now = new Date(Date.UTC(2026, 2, 5, 3, 0));
  const yesterday = new Date(Date.UTC(2026, 2, 4, 3, 0));

  it('reads nothing for a configuration without a date input or a blocking "refined recently"', () => {
    const dependence = timeDependenceOf(configuration(RICE));
    expect(dependsOnTime(dependence)).toBe(false);
    expect(timeDrivenQuery('10000', dependence, yesterday, now)).toBeUndefined();
    expect(timeDrivenQuery('10000', timeDependenceOf(configuration(WSJF_DUE)), now, now)).toBeUndefined();
  });

  it('asks for the due dates on the days that change, exactly (a due date has no time of day)', () => {
    const query = timeDrivenQuery('10000', timeDependenceOf(configuration(WSJF_DUE)), yesterday, now);
    expect(query?.jql).toBe(
      'project = 10000 AND ((duedate >= "2026-03-04" AND duedate < "2026-03-05") OR (duedate >= "2026-03-12" AND duedate < "2026-03-13") OR (duedate >= "2026-04-04" AND duedate < "2026-04-05") OR (duedate >= "2026-06-03" AND duedate < "2026-06-04") OR (duedate >= "2026-09-01" AND duedate < "2026-09-02")) ORDER BY key ASC',
    );
  });

  it('gives a date-time field and `updated` a day of margin either side (JQL reads a bare date in the searcher\'s time zone)', () => {
    const custom = scoring({ model: { type: 'value-effort', inputs: { value: { kind: 'date', fieldId: 'customfield_10060', table: { overdue: 10, steps: [], later: 1 } }, effort: { kind: 'number', fieldId: 'customfield_10016' } } } });
    const query = timeDrivenQuery('10000', timeDependenceOf(configuration(custom, REFINED_BLOCKING)), yesterday, now);
    expect(query?.jql).toBe('project = 10000 AND ((cf[10060] >= "2026-03-03" AND cf[10060] < "2026-03-06") OR (updated >= "2026-01-31" AND updated < "2026-02-04")) ORDER BY key ASC');
    expect(query?.looksFor).toHaveLength(2);
  });

  it('with nothing known before, asks for every date up to the last step, and every issue not updated within the limit', () => {
    const query = timeDrivenQuery('10000', timeDependenceOf(configuration(WSJF_DUE, REFINED_BLOCKING)), undefined, now);
    expect(query?.jql).toBe('project = 10000 AND (duedate < "2026-09-02" OR updated < "2026-02-04") ORDER BY key ASC');
  });

  it('reads the whole project when a date input names a field JQL cannot name: slower, never wrong', () => {
    const odd = scoring({ model: { type: 'value-effort', inputs: { value: { kind: 'date', fieldId: 'statuscategorychangedate' }, effort: { kind: 'number', fieldId: 'customfield_10016' } } } });
    expect(timeDrivenQuery('10000', timeDependenceOf(configuration(odd)), yesterday, now)?.jql).toBe('project = 10000 ORDER BY key ASC');
  });

  it('names only days Jira can read, however far a step is', () => {
    const far = scoring({ model: { type: 'value-effort', inputs: { value: { kind: 'date', fieldId: 'duedate', table: { overdue: 5, steps: [{ withinDays: 1_000_000_000, value: 3 }], later: 1 } }, effort: { kind: 'number', fieldId: 'customfield_10016' } } } });
    expect(timeDrivenQuery('10000', timeDependenceOf(configuration(far)), yesterday, now)?.jql).toBe('project = 10000 AND ((duedate >= "2026-03-04" AND duedate < "2026-03-05") OR (duedate >= "9999-12-31" AND duedate < "9999-12-31")) ORDER BY key ASC');
  });

  it('keeps the query to a bounded number of ranges however long the gap and the tables', () => {
    const steps = Array.from({ length: 50 }, (_, i) => ({ withinDays: i * 10, value: i % 2 }));
    const many = scoring({ model: { type: 'value-effort', inputs: { value: { kind: 'date', fieldId: 'duedate', table: { overdue: 5, steps, later: 9 } }, effort: { kind: 'date', fieldId: 'customfield_10060', table: { overdue: 5, steps, later: 9 } } } } });
    const query = timeDrivenQuery('10000', timeDependenceOf(configuration(many, REFINED_BLOCKING)), new Date(now.getTime() - 3 * DAY), now);
    const windows = (query?.jql.match(/ < "/g) ?? []).length;
    expect(windows).toBeGreaterThan(2);
    expect(windows).toBeLessThanOrEqual(MAX_DATE_WINDOWS);
  });
});
