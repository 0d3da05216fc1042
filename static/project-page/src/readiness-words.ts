/**
 * Sprint readiness in sentences, with the user's digits: "12 of 15 issues are ready (34 points
 * ready, 13 points not ready)." and "Ready work covers 85% of the team's average velocity of 40
 * points (Sprint 3, Sprint 4, Sprint 5)." Pure, for the unit tests.
 */
import type { SprintReadinessView } from '../../../src/contract';
import { countOf } from '../../common/counts';
import { formatNumber } from '../../common/format';

type Locale = string | undefined;

/** How many of the checked issues are ready, and their points. */
export function readySentence(view: Pick<SprintReadinessView, 'ready' | 'notReady'>, locale: Locale): string {
  const total = view.ready.issues + view.notReady.issues;
  if (total === 0) return 'No issue here is checked for readiness.';
  const verb = view.ready.issues === 1 ? 'is' : 'are';
  return `${formatNumber(view.ready.issues, locale, 0)} of ${countOf(total, 'issue', 'issues', locale, 0)} ${verb} ready (${countOf(view.ready.points, 'point', 'points', locale)} ready, ${countOf(view.notReady.points, 'point', 'points', locale)} not ready).`;
}

/** Ready points against the team's recent velocity. */
export function velocitySentence(view: Pick<SprintReadinessView, 'ready' | 'velocity'>, locale: Locale): string {
  if (view.velocity === null) return 'No velocity yet: no sprint of the board has closed.';
  const sprints = view.velocity.sprints.length === 0 ? '' : ` (${view.velocity.sprints.join(', ')})`;
  const average = countOf(view.velocity.average, 'point', 'points', locale);
  if (view.velocity.average <= 0) return `The team's average velocity is ${average}${sprints}.`;
  const share = formatNumber((100 * view.ready.points) / view.velocity.average, locale, 0);
  const enough = view.ready.points >= view.velocity.average ? 'enough for a sprint' : 'not yet enough for a sprint';
  return `Ready work covers ${share}% of the team's average velocity of ${average}${sprints}: ${enough}.`;
}
