import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileReadiness, defaultReadinessConfig, readinessOf, readinessOfSet } from '../../../src/domain/readiness';
import type { ReadinessResult } from '../../../src/domain/readiness';
import { blockedBy, story } from './issues';

const defaults = compileReadiness(defaultReadinessConfig());
const context = { themeOfEpic: () => ({ kind: 'none' }) as const, scoreStatus: 'scored' as const };

function sprint(): ReadinessResult[] {
  return [
    readinessOf(story({ customfield_10016: 5 }, 'TL-1'), defaults, context), // ready (theme warning)
    readinessOf(story({ customfield_10016: 8 }, 'TL-2'), defaults, context), // ready
    readinessOf(story({ customfield_10016: 3, description: null }, 'TL-3'), defaults, context), // no AC
    readinessOf(story({ customfield_10016: 13 }, 'TL-4'), defaults, context), // too big
    readinessOf(story({ customfield_10016: null, description: null }, 'TL-5'), defaults, context), // no estimate, no AC
    readinessOf(story({ customfield_10016: 2, issuelinks: [blockedBy('TL-9', 'new')] }, 'TL-6'), defaults, context),
    readinessOf(story({ issuetype: { name: 'Epic', hierarchyLevel: 1 } }, 'TL-7'), defaults, context),
  ];
}

describe('readinessOfSet', () => {
  it('counts issues and points ready and not ready', () => {
    const set = readinessOfSet(sprint());
    expect(set).toMatchObject({
      total: 7,
      ready: { issues: 2, points: 13 },
      notReady: { issues: 4, points: 18 },
      notApplicable: 1,
      unestimated: 1,
      velocity: undefined,
      summary: '2 of 6 ready (13 of 31 points)',
    });
  });

  it('lists the rules that fail most, with counts; blocking first on a tie', () => {
    expect(readinessOfSet(sprint()).failingRules).toEqual([
      { ruleId: 'epic-has-theme', severity: 'warning', issues: 6 },
      { ruleId: 'acceptance-criteria', severity: 'blocking', issues: 2 },
      { ruleId: 'description-length', severity: 'warning', issues: 2 },
      { ruleId: 'user-story-form', severity: 'warning', issues: 2 },
      { ruleId: 'estimate-present', severity: 'blocking', issues: 1 },
      { ruleId: 'estimate-small', severity: 'blocking', issues: 1 },
      { ruleId: 'no-open-blocker', severity: 'blocking', issues: 1 },
    ]);
  });

  it('compares ready points with the velocity', () => {
    const results = sprint();
    expect(readinessOfSet(results, 40).velocity).toEqual({
      velocity: 40,
      readyPoints: 13,
      ratio: 13 / 40,
      enough: false,
      verdict: 'ready work covers 33% of velocity (13 of 40 points)',
    });
    const covered = readinessOfSet([...results, readinessOf(story({ customfield_10016: 4 }, 'TL-8'), defaults, context)], 20);
    expect(covered.velocity?.verdict).toBe('ready work covers 85% of velocity (17 of 20 points)');
    expect(readinessOfSet(results, 10).velocity?.enough).toBe(true);
    for (const velocity of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) expect(readinessOfSet(results, velocity).velocity).toBeUndefined();
  });

  it('handles an empty set', () => {
    expect(readinessOfSet([], 30)).toMatchObject({
      total: 0,
      ready: { issues: 0, points: 0 },
      failingRules: [],
      velocity: { ratio: 0, verdict: 'ready work covers 0% of velocity (0 of 30 points)' },
    });
  });
});

describe('failures said alike are shared', () => {
  it('returns one frozen failure object for the same message, and distinct ones otherwise', () => {
    const compiled = compileReadiness(defaultReadinessConfig());
    const a = readinessOf(story({ customfield_10016: null }, 'TL-1'), compiled);
    const b = readinessOf(story({ customfield_10016: null }, 'TL-2'), compiled);
    expect(a.failures[0]).toBe(b.failures[0]);
    expect(Object.isFrozen(a.failures[0])).toBe(true);
    const bug = readinessOf(story({ customfield_10016: null, issuetype: { name: 'Bug', hierarchyLevel: 0 } }, 'TL-3'), compiled);
    expect(bug.failures[0]?.message).toBe('The bug has no story points.');
    expect(Object.isFrozen(readinessOf(story({ issuetype: { name: 'Epic', hierarchyLevel: 1 } }), compiled).failures)).toBe(true);
  });
});

describe('readinessOf never throws', () => {
  it('on issues with arbitrary field values', () => {
    const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined), fc.constant(Number.NaN));
    const fieldsArb = fc.record(
      {
        summary: value,
        issuetype: fc.oneof(value, fc.record({ name: fc.constantFrom('Story', 'Bug', 'Epic', ''), hierarchyLevel: value, subtask: value })),
        customfield_10016: value,
        description: value,
        parent: fc.oneof(value, fc.record({ key: value, fields: value })),
        issuelinks: fc.oneof(value, fc.array(fc.record({ type: value, inwardIssue: value, outwardIssue: value }))),
        updated: value,
        labels: value,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fieldsArb, fc.option(fc.double()), (fields, velocity) => {
        const result = readinessOf({ id: '1', key: 'X-1', fields }, defaults, { velocity: velocity ?? undefined, today: 0 });
        expect(['ready', 'not-ready', 'not-applicable']).toContain(result.verdict);
        readinessOfSet([result], velocity ?? undefined);
      }),
      { numRuns: 400 },
    );
  });
});
