/**
 * What time alone changes in a project's values, and the query that finds only the issues it
 * changes (the daily recompute, services/daily-recompute.ts):
 *
 * - a date input (days remaining) changes value on the days its table's boundaries are crossed
 *   (src/domain/scoring/days-remaining-moves.ts): the issues whose date sits on such a day between
 *   the last time the values were current and now;
 * - `refined-recently`, when it is on and blocking, turns an issue stale (maxDays + 1) days after
 *   its last update (src/domain/readiness/field-rules.ts): the issues last updated in the matching
 *   days. A warning changes nothing the app stores, so then it needs no read.
 *
 * Nothing else in a configuration moves with the calendar (formulas have no clock). Days are UTC,
 * as the background computes them (services/evaluation.ts `utcToday`). Jira reads a bare date in
 * JQL in the time zone of whoever searches, so a range on a field with a time of day gets a day's
 * margin either side; Jira's due date is a day without a time and needs none. A margin only
 * reads a few more issues: what did not change is not written.
 */
import { refinedRecentlyLimit, updatedDaysTurningStale } from '../domain/readiness';
import { atMostRanges, dateInputsOf, dayNumberOf, dueDaysThatMove, mergeDayRanges } from '../domain/scoring';
import type { DateInput, DayRange } from '../domain/scoring';
import { dateField, nonEmpty } from '../jira';
import type { Jql } from '../jira';
import type { ProjectConfiguration } from './project-configuration';
import { dateWindowsJql, projectJql } from './queries';
import type { DateWindow } from './queries';
import { utcToday } from './evaluation';

const DAY_MS = 86_400_000;
/** Ranges a query may name in all: beyond this, neighbouring ranges of a field are joined. */
export const MAX_DATE_WINDOWS = 40;
/** Fields whose value is a day without a time of day: no time-zone margin. */
const DAY_ONLY_FIELDS = new Set(['duedate']);

/** What in a configuration depends on time alone. */
export interface TimeDependence {
  /** Date inputs, one per field (several inputs on one field share its reads). */
  readonly dateInputs: readonly DateInput[];
  /** `refined-recently`'s maxDays when it can change a stored verdict (on and blocking). */
  readonly refinedRecentlyDays: number | undefined;
}

export function timeDependenceOf(configuration: ProjectConfiguration): TimeDependence {
  return { dateInputs: dateInputsOf(configuration.scoring), refinedRecentlyDays: refinedRecentlyLimit(configuration.readiness) };
}

export function dependsOnTime(dependence: TimeDependence): boolean {
  return dependence.dateInputs.length > 0 || dependence.refinedRecentlyDays !== undefined;
}

export interface TimeDrivenQuery {
  readonly jql: Jql;
  /** What the query looks for, in words (the run's record, logs). */
  readonly looksFor: readonly string[];
}

/** The days a query names, whatever a table's steps say (a step may be any number of days away). */
const FIRST_DAY = Date.UTC(1900, 0, 1) / DAY_MS;
const LAST_DAY = Date.UTC(9999, 11, 31) / DAY_MS;

function isoDay(day: number): string {
  return new Date(Math.min(Math.max(day, FIRST_DAY), LAST_DAY) * DAY_MS).toISOString().slice(0, 10);
}

function windowOf(field: DateWindow['field'], range: DayRange, margin: number): DateWindow {
  const before = isoDay(range.last + margin + 1);
  return range.first === undefined ? { field, before } : { field, from: isoDay(range.first - margin), before };
}

/**
 * The query for the issues whose values time alone may have changed after `since` (when the
 * project's values were last all current; undefined: never known) and by `now`; undefined when
 * none can have changed (nothing depends on time, or no boundary was crossed). A date input on a
 * field JQL cannot name makes it the whole project: slower, never wrong.
 */
export function timeDrivenQuery(projectId: string, dependence: TimeDependence, since: Date | undefined, now: Date): TimeDrivenQuery | undefined {
  const today = dayNumberOf(utcToday(now));
  if (today === undefined) return undefined;
  const sinceDay = since === undefined ? undefined : dayNumberOf(utcToday(since));
  const byField = new Map<string, DayRange[]>();
  const looksFor: string[] = [];
  for (const input of dependence.dateInputs) {
    const moved = dueDaysThatMove(input.table, sinceDay, today);
    if (moved.length === 0) continue;
    byField.set(input.fieldId, [...(byField.get(input.fieldId) ?? []), ...moved]);
  }
  const unnamed = [...byField.keys()].filter((fieldId) => dateField(fieldId) === undefined);
  if (unnamed.length > 0) return { jql: projectJql(projectId), looksFor: [`every issue: JQL cannot name the date field ${unnamed.join(', ')}`] };

  const windows: DateWindow[] = [];
  const refinedDays = dependence.refinedRecentlyDays;
  const stale = refinedDays === undefined ? undefined : updatedDaysTurningStale(refinedDays, since?.getTime(), now.getTime());
  const perField = Math.max(1, Math.floor(MAX_DATE_WINDOWS / (byField.size + (stale === undefined ? 0 : 1))));
  for (const [fieldId, ranges] of byField) {
    const field = dateField(fieldId);
    if (field === undefined) continue;
    const margin = DAY_ONLY_FIELDS.has(fieldId) ? 0 : 1;
    const joined = atMostRanges(mergeDayRanges(ranges), perField);
    for (const range of joined) windows.push(windowOf(field, range, margin));
    looksFor.push(`${fieldId} on ${joined.length} range${joined.length === 1 ? '' : 's'} of days where days remaining crosses a step`);
  }
  const updated = dateField('updated');
  if (stale !== undefined && updated !== undefined) {
    windows.push(windowOf(updated, stale, 1));
    looksFor.push(`issues last updated about ${String((refinedDays ?? 0) + 1)} days ago (refined recently)`);
  }
  const list = nonEmpty(windows);
  return list === undefined ? undefined : { jql: dateWindowsJql(projectId, list), looksFor };
}
