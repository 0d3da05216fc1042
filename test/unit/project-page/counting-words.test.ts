/**
 * The vision map's words on how its counts were made: relative times for people (with the absolute
 * time for a tooltip), the rollups / recount / live notes, an epic's "as of", and its rollup extras.
 */
import { describe, expect, it } from 'vitest';
import type { CountingView, EpicRollupView } from '../../../src/contract';
import { absoluteTime, countingNotes, epicAsOf, relativeTime } from '../../../static/project-page/src/counting-words';
import { failingRuleLines, rollupSummary } from '../../../static/project-page/src/epic-rollup';
import { RULE_NAMES, ruleName } from '../../../static/project-page/src/readiness-rules';
import { RULE_IDS } from '../../../src/domain/readiness/rule-ids';

const NOW = new Date('2026-12-02T12:00:00Z');
const ago = (ms: number): string => new Date(NOW.getTime() - ms).toISOString();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('relative time', () => {
  it.each([
    [0, 'just now'],
    [59_000, 'just now'],
    [MINUTE, '1 minute ago'],
    [3 * MINUTE, '3 minutes ago'],
    [59 * MINUTE + 59_000, '59 minutes ago'],
    [2 * HOUR, '2 hours ago'],
    [23 * HOUR, '23 hours ago'],
    [DAY + HOUR, 'yesterday'],
    [2 * DAY, '2 days ago'],
    [6 * DAY, '6 days ago'],
    [14 * DAY, '2 weeks ago'],
    [90 * DAY, '3 months ago'],
    [800 * DAY, '2 years ago'],
  ])('%i ms ago is "%s"', (ms, words) => {
    expect(relativeTime(ago(ms), NOW, 'en-US')).toBe(words);
  });

  it('says "just now" for a time a little ahead of this clock (another machine\'s clock)', () => {
    expect(relativeTime(new Date(NOW.getTime() + 30_000).toISOString(), NOW, 'en-GB')).toBe('just now');
  });

  it('speaks the page\'s locale, and falls back when the locale is unusable', () => {
    expect(relativeTime(ago(3 * MINUTE), NOW, 'de-DE')).toBe('vor 3 Minuten');
    expect(relativeTime(ago(2 * DAY), NOW, 'fr-FR')).toBe('avant-hier');
    expect(relativeTime(ago(1000), NOW, 'de-DE')).toBe('jetzt');
    expect(relativeTime(ago(2 * HOUR), NOW, undefined)).toMatch(/2/);
    expect(relativeTime(ago(2 * HOUR), NOW, 'not a locale!')).toBe('2 hours ago');
    expect(relativeTime('not a date', NOW, 'en-US')).toBe('not a date');
  });

  it('gives the absolute time for a tooltip', () => {
    expect(absoluteTime('2026-12-02T11:46:00Z', 'en-US')).toMatch(/Dec 2, 2026/);
    expect(absoluteTime('garbage', 'en-US')).toBe('garbage');
  });
});

const ROLLUPS: CountingView = { mode: 'rollups', reconciledAt: ago(2 * HOUR), oldestAt: ago(3 * DAY), recount: null };

describe('how the counts were made', () => {
  it('says the counts are kept current, and when the last full recount was', () => {
    const [note, ...more] = countingNotes(ROLLUPS, NOW, 'en-US');
    expect(note).toMatchObject({ text: 'Counts kept current by Throughline · last full recount 2 hours ago', tone: 'neutral' });
    expect(note?.title).toMatch(/^Last full recount: Dec 2, 2026/);
    expect(more).toEqual([]);
    expect(countingNotes({ ...ROLLUPS, reconciledAt: null }, NOW, 'en-US')[0]?.text).toBe('Counts kept current by Throughline · no full recount yet');
  });

  it('shows a recount under way with its progress, and a failed one with its message', () => {
    const running = countingNotes({ ...ROLLUPS, recount: { status: 'running', done: 4200, total: 10_000, message: null } }, NOW, 'en-US');
    expect(running[1]).toEqual({ text: 'Recounting: 4,200 of 10,000 issues', tone: 'neutral', progress: { done: 4200, total: 10_000 } });
    expect(countingNotes({ ...ROLLUPS, recount: { status: 'running', done: 300, total: null, message: null } }, NOW, 'en-US')[1]?.text).toBe('Recounting: 300 issues so far');
    expect(countingNotes({ ...ROLLUPS, recount: { status: 'failed', done: 10, total: 100, message: 'The recount stopped: Jira did not answer.' } }, NOW, 'en-US')[1]).toEqual({ text: 'The recount stopped: Jira did not answer.', tone: 'warning' });
    expect(countingNotes({ ...ROLLUPS, recount: { status: 'failed', done: 10, total: 100, message: null } }, NOW, 'en-US')[1]?.tone).toBe('warning');
  });

  it('gives the live counting\'s reason as the backend words it, and nothing for a view without counting', () => {
    const message = 'Counting live: this project uses issue security, so Throughline counts only what you can see.';
    expect(countingNotes({ mode: 'live', reason: 'issue-security', message }, NOW, 'en-US')).toEqual([{ text: message, tone: 'neutral' }]);
    expect(countingNotes(undefined, NOW, 'en-US')).toEqual([]);
  });

  it('says "as of" on an epic counted before the last full recount or more than a day ago, and only then', () => {
    expect(epicAsOf(ago(3 * DAY), ROLLUPS, NOW, 'en-US')).toMatchObject({ text: 'as of 3 days ago' });
    expect(epicAsOf(ago(3 * HOUR), ROLLUPS, NOW, 'en-US')).toMatchObject({ text: 'as of 3 hours ago' });
    expect(epicAsOf(ago(3 * HOUR), ROLLUPS, NOW, 'en-US')?.title).toMatch(/^Counts as of /);
    expect(epicAsOf(ago(MINUTE), ROLLUPS, NOW, 'en-US')).toBeNull();
    expect(epicAsOf(ago(3 * HOUR), { ...ROLLUPS, reconciledAt: null }, NOW, 'en-US')).toBeNull();
    expect(epicAsOf(ago(25 * HOUR), { ...ROLLUPS, reconciledAt: null }, NOW, 'en-US')).toMatchObject({ text: 'as of yesterday' });
    expect(epicAsOf(null, ROLLUPS, NOW, 'en-US')).toBeNull();
    expect(epicAsOf(undefined, ROLLUPS, NOW, 'en-US')).toBeNull();
    expect(epicAsOf(ago(3 * DAY), { mode: 'live', reason: 'not-counted-yet', message: 'x' }, NOW, 'en-US')).toBeNull();
  });
});

describe('an epic\'s rollup extras', () => {
  const rollup: EpicRollupView = { notReady: 3, failingRules: [{ ruleId: 'estimate-present', stories: 1 }, { ruleId: 'acceptance-criteria', stories: 3 }, { ruleId: 'a-newer-rule', stories: 2 }], incompleteScores: 2, topScore: 41.256 };

  it('sums up in one line, leaving out what is zero', () => {
    expect(rollupSummary(rollup, 'en-US')).toBe('3 stories not ready · 2 incomplete scores · top story score 41.26');
    expect(rollupSummary({ notReady: 1, failingRules: [], incompleteScores: 1, topScore: null }, 'en-US')).toBe('1 story not ready · 1 incomplete score');
    expect(rollupSummary({ notReady: 0, failingRules: [], incompleteScores: 0, topScore: null }, 'en-US')).toBe('');
    expect(rollupSummary({ notReady: 0, failingRules: [], incompleteScores: 0, topScore: 1234.5 }, 'de-DE')).toBe('top story score 1.234,5');
    expect(rollupSummary({ notReady: 1234, failingRules: [], incompleteScores: 1, topScore: null }, 'de-DE')).toBe('1.234 stories not ready · 1 incomplete score');
  });

  it('names the failing rules, most first, and keeps an id it does not know', () => {
    expect(failingRuleLines(rollup, 'en-US')).toEqual(['Acceptance criteria: 3 stories', 'a-newer-rule: 2 stories', 'Estimate present: 1 story']);
    expect(failingRuleLines({ ...rollup, failingRules: [{ ruleId: 'estimate-present', stories: 1500 }] }, 'de-DE')).toEqual(['Estimate present: 1.500 stories']);
  });

  it('has a name for every readiness rule', () => {
    for (const id of RULE_IDS) expect(RULE_NAMES[id]).toMatch(/\w/);
    expect(ruleName('acceptance-criteria')).toBe('Acceptance criteria');
    expect(ruleName('__proto__')).toBe('__proto__');
  });
});
