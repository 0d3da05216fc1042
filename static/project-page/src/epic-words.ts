/**
 * An epic's facts on the vision map in sentences, with the user's digits and English plurals:
 * "3 of 8 issues done", "2 of 5 open stories ready". Pure, for the unit tests.
 */
import type { ProjectEpicView } from '../../../src/contract';
import { countOf } from '../../common/counts';
import { formatNumber } from '../../common/format';

type Locale = string | undefined;

/** "3 of 8 issues done"; "1 of 1 issue done". */
export function issuesDoneText(count: ProjectEpicView['count'], locale: Locale): string {
  return `${formatNumber(count.done, locale, 0)} of ${countOf(count.total, 'issue', 'issues', locale, 0)} done`;
}

/**
 * How many of the epic's open stories are ready ("2 of 5 open stories ready"); done work is not
 * judged, so an epic whose stories are all done has nothing to check.
 */
export function readyText(readiness: ProjectEpicView['readiness'], locale: Locale): string {
  if (readiness.checked === 0) return 'No open story to check for readiness';
  return `${formatNumber(readiness.ready, locale, 0)} of ${countOf(readiness.checked, 'open story', 'open stories', locale, 0)} ready`;
}

/**
 * The epic's own score ("Epic score 12"), from the epic's own fields, when it has one; nothing
 * otherwise (its stories' top score is in the rollup's line), never an empty "Score –".
 */
export function epicScoreText(score: number | null, locale: Locale): string | null {
  return score === null ? null : `Epic score ${formatNumber(score, locale)}`;
}
