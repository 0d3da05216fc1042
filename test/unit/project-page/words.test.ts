/**
 * Counts and numbers as a person would say them, in the user's locale: English plurals chosen by
 * Intl.PluralRules, digits by the locale (a German user reads "1.234,5"); the ranked backlog's
 * status lines, sprint readiness, an epic's facts on the vision map.
 */
import { describe, expect, it } from 'vitest';
import { countOf, nounFor } from '../../../static/common/counts';
import { epicScoreText, issuesDoneText, readyText } from '../../../static/project-page/src/epic-words';
import { allShownSentence, rankedStatusSentence } from '../../../static/project-page/src/backlog-words';
import { readySentence, velocitySentence } from '../../../static/project-page/src/readiness-words';

describe('countOf: a count and the noun it takes', () => {
  it.each([
    [0, 'en-US', '0 issues'],
    [1, 'en-US', '1 issue'],
    [2, 'en-US', '2 issues'],
    [1234, 'en-US', '1,234 issues'],
    [1234, 'de-DE', '1.234 issues'],
    [1234.5, 'de-DE', '1.234,5 issues'],
    [1.5, 'de-DE', '1,5 issues'],
    [-1, 'en-US', '-1 issue'],
  ])('%s in %s', (count, locale, expected) => {
    expect(countOf(count, 'issue', 'issues', locale)).toBe(expected);
  });

  it('chooses the noun by English rules whatever locale writes the digits, and survives an unusable locale', () => {
    expect(nounFor(1, 'point', 'points')).toBe('point');
    expect(nounFor(1.5, 'point', 'points')).toBe('points');
    // The noun follows the number as shown: 1.004 reads "1" with two decimals, "1.004" with three.
    expect(countOf(1.004, 'point', 'points', 'en-US')).toBe('1 point');
    expect(countOf(1.004, 'point', 'points', 'en-US', 3)).toBe('1.004 points');
    expect(countOf(1, 'point', 'points', 'pl-PL')).toBe('1 point');
    expect(countOf(2, 'point', 'points', 'not a locale!')).toBe('2 points');
    expect(countOf(Number.NaN, 'point', 'points', 'en-US')).toBe('NaN points');
  });
});

describe('the ranked backlog\'s status lines', () => {
  it('says how many are shown and whether more follow, in sentences', () => {
    expect(rankedStatusSentence(100, true, 'en-US')).toBe('Showing the first 100 ranked issues; more load as you scroll.');
    expect(rankedStatusSentence(71, false, 'en-US')).toBe('Showing all 71 ranked issues.');
    expect(rankedStatusSentence(1, false, 'en-US')).toBe('Showing the only ranked issue.');
    expect(rankedStatusSentence(0, false, 'en-US')).toBe('No ranked issue to show.');
    expect(rankedStatusSentence(1200, true, 'de-DE')).toBe('Showing the first 1.200 ranked issues; more load as you scroll.');
  });

  it('ends a complete list with all of it, one or many', () => {
    const noun = { one: 'issue without a complete score', other: 'issues without a complete score' };
    expect(allShownSentence(63, noun, 'en-US')).toBe('Showing all 63 issues without a complete score.');
    expect(allShownSentence(1, noun, 'en-US')).toBe('Showing the only issue without a complete score.');
    expect(allShownSentence(2500, noun, 'de-DE')).toBe('Showing all 2.500 issues without a complete score.');
  });
});

describe('sprint readiness in sentences', () => {
  const view = { ready: { issues: 12, points: 34.5 }, notReady: { issues: 3, points: 13 }, velocity: { average: 40, sprints: ['TL Sprint 4', 'TL Sprint 5'] } };

  it('counts ready issues and points, with plurals', () => {
    expect(readySentence(view, 'en-US')).toBe('12 of 15 issues are ready (34.5 points ready, 13 points not ready).');
    expect(readySentence({ ready: { issues: 1, points: 1 }, notReady: { issues: 0, points: 0 } }, 'en-US')).toBe('1 of 1 issue is ready (1 point ready, 0 points not ready).');
    expect(readySentence({ ready: { issues: 0, points: 0 }, notReady: { issues: 0, points: 0 } }, 'en-US')).toBe('No issue here is checked for readiness.');
    expect(readySentence({ ready: { issues: 1200, points: 1234.5 }, notReady: { issues: 3, points: 0.5 } }, 'de-DE')).toBe('1.200 of 1.203 issues are ready (1.234,5 points ready, 0,5 points not ready).');
  });

  it('weighs ready work against the velocity, and says when there is none', () => {
    expect(velocitySentence(view, 'en-US')).toBe("Ready work covers 86% of the team's average velocity of 40 points (TL Sprint 4, TL Sprint 5): not yet enough for a sprint.");
    expect(velocitySentence({ ...view, ready: { issues: 20, points: 44 } }, 'de-DE')).toBe("Ready work covers 110% of the team's average velocity of 40 points (TL Sprint 4, TL Sprint 5): enough for a sprint.");
    expect(velocitySentence({ ...view, velocity: { average: 1234.5, sprints: [] } }, 'de-DE')).toBe("Ready work covers 3% of the team's average velocity of 1.234,5 points: not yet enough for a sprint.");
    expect(velocitySentence({ ...view, velocity: null }, 'en-US')).toBe('No velocity yet: no sprint of the board has closed.');
    expect(velocitySentence({ ...view, velocity: { average: 0, sprints: ['S1'] } }, 'en-US')).toBe("The team's average velocity is 0 points (S1).");
  });
});

describe('an epic\'s facts on the vision map', () => {
  it('counts issues done and open stories ready, with plurals and the user\'s digits', () => {
    expect(issuesDoneText({ done: 3, total: 8 }, 'en-US')).toBe('3 of 8 issues done');
    expect(issuesDoneText({ done: 1, total: 1 }, 'en-US')).toBe('1 of 1 issue done');
    expect(issuesDoneText({ done: 1000, total: 1234 }, 'de-DE')).toBe('1.000 of 1.234 issues done');
    expect(readyText({ ready: 2, checked: 5 }, 'en-US')).toBe('2 of 5 open stories ready');
    expect(readyText({ ready: 1, checked: 1 }, 'en-US')).toBe('1 of 1 open story ready');
    expect(readyText({ ready: 0, checked: 0 }, 'en-US')).toBe('No open story to check for readiness');
  });

  it('shows the epic\'s own score only when it has one: never an empty "Score –"', () => {
    expect(epicScoreText(null, 'en-US')).toBeNull();
    expect(epicScoreText(1234.5, 'de-DE')).toBe('Epic score 1.234,5');
    expect(epicScoreText(0, 'en-US')).toBe('Epic score 0');
  });
});
