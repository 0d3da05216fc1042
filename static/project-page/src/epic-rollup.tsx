/**
 * An epic's rollup extras on the vision map, when the counts come from the app's rollups: its
 * not-ready stories and the rules they fail most, its incomplete scores and its stories' top score; and,
 * when its counts are older than the last full recount or a day, as of when.
 */
import type { ReactNode } from 'react';
import type { CountingView, EpicRollupView } from '../../../src/contract';
import { countOf } from '../../common/counts';
import { formatNumber } from '../../common/format';
import { epicAsOf } from './counting-words';
import { ruleName } from './readiness-rules';

type Locale = string | undefined;

/** The one-line summary: "3 stories not ready · 2 incomplete scores · top story score 42" (empty when nothing to say). */
export function rollupSummary(rollup: EpicRollupView, locale: Locale): string {
  const parts: string[] = [];
  if (rollup.notReady > 0) parts.push(`${countOf(rollup.notReady, 'story', 'stories', locale, 0)} not ready`);
  if (rollup.incompleteScores > 0) parts.push(countOf(rollup.incompleteScores, 'incomplete score', 'incomplete scores', locale, 0));
  // What an epic's score means on the map: the best of its stories' scores.
  if (rollup.topScore !== null) parts.push(`top story score ${formatNumber(rollup.topScore, locale)}`);
  return parts.join(' · ');
}

/** The rules not-ready stories fail most, named: "Acceptance criteria: 3 stories". */
export function failingRuleLines(rollup: EpicRollupView, locale: Locale): string[] {
  return [...rollup.failingRules]
    .filter((rule) => rule.stories > 0)
    .sort((a, b) => b.stories - a.stories)
    .map((rule) => `${ruleName(rule.ruleId)}: ${countOf(rule.stories, 'story', 'stories', locale, 0)}`);
}

export function EpicRollup({ epicKey, rollup, locale }: { readonly epicKey: string; readonly rollup: EpicRollupView | undefined; readonly locale: Locale }): ReactNode {
  if (rollup === undefined) return null;
  const summary = rollupSummary(rollup, locale);
  const rules = failingRuleLines(rollup, locale);
  if (rules.length === 0) return summary === '' ? null : <p className="tl-epic-rollup">{summary}</p>;
  // The rules behind "not ready" are a click (or Enter) away: a native disclosure, keyboard reachable.
  return (
    <details className="tl-epic-rollup">
      <summary aria-label={`${summary === '' ? 'Readiness' : summary}: rules that fail most in ${epicKey}`}>{summary === '' ? 'Rules that fail most' : summary}</summary>
      <ul className="tl-epic-rules" aria-label={`Rules that fail most in ${epicKey}`}>
        {rules.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </details>
  );
}

/** "as of 3 days ago", subtly, with the absolute time in its tooltip; nothing when the counts are current. */
export function EpicAsOf({ countedAt, counting, now, locale }: { readonly countedAt: string | null | undefined; readonly counting: CountingView | undefined; readonly now: Date; readonly locale: Locale }): ReactNode {
  const asOf = epicAsOf(countedAt, counting, now, locale);
  if (asOf === null || countedAt === undefined || countedAt === null) return null;
  return (
    <time className="tl-epic-asof" dateTime={countedAt} title={asOf.title}>
      {asOf.text}
    </time>
  );
}
