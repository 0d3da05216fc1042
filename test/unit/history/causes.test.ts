/**
 * Why a score moved, derived by comparing the new evaluation's snapshot with the last record's:
 * an input, a configuration revision, a theme's strategic weight, time passing (days remaining, a
 * lapsed refinement), readiness rules, a move to another project; bounded and in words.
 */
import { describe, expect, it } from 'vitest';
import { MAX_CAUSES_PER_ENTRY, MAX_ENTRIES_PER_ISSUE, MAX_TEXT, causeInWords, causesOf, historyCauseSchema, issueHistorySchema, snapshotOf, withChange } from '../../../src/domain/history';
import type { ChangeDraft, ScoreSnapshot, SnapshotSource } from '../../../src/domain/history';

const BASE: SnapshotSource = {
  projectId: '10000',
  day: '2026-03-10',
  revisions: { scoring: 3, readiness: 1 },
  inputs: [
    { key: 'businessValue', label: 'Business value', text: '5', used: 5, isDate: false },
    { key: 'jobSize', label: 'Job size', text: '5', used: 5, isDate: false },
    { key: 'timeCriticality', label: 'Time criticality', text: '2026-03-20', used: 3, isDate: true },
  ],
  theme: { id: 'theme-onboarding', name: 'Effortless onboarding', weight: 1 },
  weighted: true,
  score: 2.2,
  readiness: 'Ready',
  failing: [],
};

function snap(changes: Partial<SnapshotSource> = {}): ScoreSnapshot {
  return snapshotOf({ ...BASE, ...changes });
}

function withInput(key: string, text: string | null, used: number | null): SnapshotSource['inputs'] {
  return BASE.inputs.map((input) => (input.key === key ? { ...input, text, used } : input));
}

describe('causesOf', () => {
  it('says "first" when there is no earlier record', () => {
    expect(causesOf(undefined, snap())).toEqual([{ kind: 'first' }]);
    expect(causesOf(null, snap())).toEqual([{ kind: 'first' }]);
  });

  it('names the input that changed, from what to what', () => {
    const causes = causesOf(snap(), snap({ inputs: withInput('jobSize', '8', 8), score: 1.63 }));
    expect(causes).toEqual([{ kind: 'input', input: 'jobSize', label: 'Job size', from: '5', to: '8' }]);
    expect(causeInWords(causes[0]!)).toBe('Job size changed from "5" to "8"');
  });

  it('says an input was emptied or set', () => {
    const emptied = causesOf(snap(), snap({ inputs: withInput('jobSize', null, null), score: null }));
    expect(emptied).toEqual([{ kind: 'input', input: 'jobSize', label: 'Job size', from: '5', to: null }]);
    expect(causeInWords(emptied[0]!)).toBe('Job size changed from "5" to empty');
  });

  it('names a configuration revision (and who saved it, when the project knows)', () => {
    const causes = causesOf(snap(), snap({ revisions: { scoring: 4, readiness: 1 }, score: 4 }));
    expect(causes).toEqual([{ kind: 'configuration', document: 'scoring', revision: 4 }]);
    expect(causeInWords(causes[0]!, (document, revision) => (document === 'scoring' && revision === 4 ? { by: 'acc-ada', at: '2026-03-10T09:00:00.000Z' } : undefined))).toBe('Scoring configuration revision 4 saved by acc-ada');
    expect(causeInWords(causes[0]!)).toBe('Scoring configuration revision 4');
    expect(causeInWords({ kind: 'configuration', document: 'readiness', revision: 2 }, () => ({ by: 'former-user', at: '' }))).toBe('Definition of Ready revision 2 saved by a former user');
  });

  it("names the theme's strategic weight when it multiplies the score", () => {
    const causes = causesOf(snap(), snap({ theme: { ...BASE.theme!, weight: 2 }, score: 4.4 }));
    expect(causes).toEqual([{ kind: 'theme-weight', from: { name: 'Effortless onboarding', weight: 1 }, to: { name: 'Effortless onboarding', weight: 2 } }]);
    expect(causeInWords(causes[0]!)).toBe('The theme "Effortless onboarding": strategic weight from 1 to 2');
    const attached = causesOf(snap({ theme: null }), snap({ theme: { id: 'theme-insights', name: 'Decisions from data', weight: 3 } }));
    expect(causeInWords(attached[0]!)).toBe('Now serves the theme "Decisions from data" (strategic weight 3)');
  });

  it('ignores the weight when the model does not multiply by it', () => {
    const causes = causesOf(snap({ weighted: false }), snap({ weighted: false, theme: { ...BASE.theme!, weight: 2 } }));
    expect(causes).toEqual([{ kind: 'unexplained' }]);
  });

  it('says time passed when only the days remaining (and so the number used) changed', () => {
    const before = snap();
    const after = snap({ day: '2026-03-15', inputs: withInput('timeCriticality', '2026-03-20', 8), score: 3.2 });
    expect(before.inputs.timeCriticality?.daysRemaining).toBe(10);
    const causes = causesOf(before, after);
    expect(causes).toEqual([{ kind: 'time', input: 'timeCriticality', label: 'Time criticality', daysRemaining: 5 }]);
    expect(causeInWords(causes[0]!)).toBe('Time passed: Time criticality 5 days remaining');
    expect(causeInWords({ kind: 'time', input: 'd', label: 'Due date', daysRemaining: -1 })).toBe('Time passed: Due date 1 day overdue');
    expect(causeInWords({ kind: 'time', input: 'd', label: 'Due date', daysRemaining: 0 })).toBe('Time passed: Due date due today');
  });

  it('does not call a day that changed nothing in the score time passing', () => {
    const causes = causesOf(snap(), snap({ day: '2026-03-11' }));
    expect(causes).toEqual([{ kind: 'unexplained' }]);
  });

  it('says a due date that was moved is an input change, not time', () => {
    const causes = causesOf(snap(), snap({ inputs: withInput('timeCriticality', '2026-03-12', 13) }));
    expect(causes).toEqual([{ kind: 'input', input: 'timeCriticality', label: 'Time criticality', from: '2026-03-20', to: '2026-03-12' }]);
  });

  it('names readiness rules that started or stopped failing', () => {
    const causes = causesOf(snap({ failing: ['estimate-present'], readiness: 'Not ready: 1 rule' }), snap({ failing: ['acceptance-criteria'], readiness: 'Not ready: 1 rule' }));
    expect(causes).toEqual([{ kind: 'rules', failing: ['acceptance-criteria'], passing: ['estimate-present'] }]);
    expect(causeInWords(causes[0]!)).toBe('Readiness: now fails Acceptance criteria; now passes Estimate present');
  });

  it('says a lapsed "refined recently" is time passing when nothing was edited', () => {
    expect(causesOf(snap(), snap({ failing: ['refined-recently'], readiness: 'Not ready: 1 rule' }))).toEqual([{ kind: 'refinement-lapsed' }]);
    expect(causeInWords({ kind: 'refinement-lapsed' })).toBe('Time passed: not refined recently any more');
    // With an edit in the same change, the rule is named as a rule.
    expect(causesOf(snap(), snap({ inputs: withInput('jobSize', '8', 8), failing: ['refined-recently'] }))).toContainEqual({ kind: 'rules', failing: ['refined-recently'], passing: [] });
  });

  it('says only "moved" when the issue is in another project than at the last record', () => {
    const causes = causesOf(snap({ projectId: '10001' }), snap({ inputs: withInput('jobSize', '8', 8), revisions: { scoring: 1, readiness: 1 } }));
    expect(causes).toEqual([{ kind: 'moved', fromProjectId: '10001' }]);
    expect(causeInWords(causes[0]!)).not.toContain('10001');
  });

  it('lists several causes of one change, and an input the configuration added only as the configuration', () => {
    const previous = snap({ inputs: BASE.inputs.filter((input) => input.key !== 'jobSize') });
    const causes = causesOf(previous, snap({ inputs: withInput('businessValue', '8', 8), revisions: { scoring: 4, readiness: 2 } }));
    expect(causes.map((cause) => cause.kind)).toEqual(['input', 'configuration', 'configuration']);
  });

  it('spells out at most MAX_CAUSES_PER_ENTRY causes, and counts the rest', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ key: `in${String(i)}`, label: `Input ${String(i)}`, text: '1', used: 1, isDate: false }));
    const causes = causesOf(snap({ inputs: many }), snap({ inputs: many.map((input) => ({ ...input, text: '2', used: 2 })) }));
    expect(causes).toHaveLength(MAX_CAUSES_PER_ENTRY);
    expect(causes.at(-1)).toEqual({ kind: 'more', count: 30 - (MAX_CAUSES_PER_ENTRY - 1) });
    expect(causeInWords(causes.at(-1)!)).toBe('and 21 more changes');
  });

  it('bounds texts, and every cause it derives is one the stored schema reads back', () => {
    const long = 'x'.repeat(5000);
    const snapshot = snap({ inputs: withInput('businessValue', long, 5) });
    expect(snapshot.inputs.businessValue?.text).toHaveLength(MAX_TEXT + 1);
    for (const cause of causesOf(snap(), snapshot)) expect(historyCauseSchema.safeParse(cause).success).toBe(true);
  });
});

describe('withChange', () => {
  const change = (n: number, from: number | null, to: number | null, snapshot = snap({ score: to })): ChangeDraft => ({
    issueId: '10042',
    projectId: '10000',
    at: new Date(Date.UTC(2026, 2, 1, 0, n)).toISOString(),
    from: { score: from, readiness: 'Ready' },
    to: { score: to, readiness: 'Ready' },
    snapshot,
  });

  it('records a first change, then derives the next one from its snapshot', () => {
    const first = withChange(undefined, change(1, null, 2.2));
    expect(first?.entries[0]?.causes).toEqual([{ kind: 'first' }]);
    const second = withChange(first, change(2, 2.2, 1.63, snap({ inputs: withInput('jobSize', '8', 8), score: 1.63 })));
    expect(second?.entries.map((entry) => entry.causes[0]?.kind)).toEqual(['first', 'input']);
    expect(second?.snapshot?.inputs.jobSize?.text).toBe('8');
  });

  it('records nothing for a repeat of the newest change (an event delivered twice, two writers)', () => {
    const first = withChange(undefined, change(1, null, 2.2));
    expect(withChange(first, change(2, null, 2.2))).toBeUndefined();
    // Back and forth again is a new change each time.
    const back = withChange(first, change(3, 2.2, null));
    expect(back?.entries).toHaveLength(2);
    expect(withChange(back, change(4, null, 2.2))?.entries).toHaveLength(3);
  });

  it(`keeps the last ${String(MAX_ENTRIES_PER_ISSUE)} of 1,000 changes to one issue`, () => {
    let history = withChange(undefined, change(0, null, 0));
    for (let n = 1; n < 1000; n++) history = withChange(history, change(n, n - 1, n)) ?? history;
    expect(history?.entries).toHaveLength(MAX_ENTRIES_PER_ISSUE);
    expect(history?.entries.at(-1)?.to.score).toBe(999);
    expect(history?.entries[0]?.to.score).toBe(1000 - MAX_ENTRIES_PER_ISSUE);
    expect(issueHistorySchema.safeParse(history).success).toBe(true);
  });
});
