/**
 * What the passing of days changes in a score: only date inputs (days remaining, through the
 * days-remaining table), and only when the number of days crosses one of the table's boundaries.
 * The table is a step function of the days left, so a due date's value changes on exactly the
 * days when "days remaining" goes from b + 1 to b, for each boundary b: every step's `withinDays`,
 * and -1 (overdue, the day after the due date). A daily recompute then needs to read only the
 * issues whose due date sits on such a day, not every issue with a due date.
 *
 * Days are day numbers (days since 1970-01-01, ./calendar-day.ts), today in UTC for the background.
 */
import type { DaysRemainingTable, InputSource, ScoringConfig } from './config';
import { daysRemainingValue } from './input-readers';

/** A run of calendar days, both ends included; `first` undefined: every day up to `last`. */
export interface DayRange {
  readonly first: number | undefined;
  readonly last: number;
}

/** A date input of a configuration: a field read as days remaining through a table. */
export interface DateInput {
  readonly fieldId: string;
  readonly table: DaysRemainingTable;
}

/** Every input source of a model, whatever its type (criteria and formula inputs included). */
function sourcesOf(config: ScoringConfig): InputSource[] {
  const model = config.model;
  switch (model.type) {
    case 'weighted':
      return Object.values(model.criteria).map((criterion) => criterion.input);
    case 'wsjf': {
      const { opportunityEnablement, ...rest } = model.inputs;
      return [...Object.values(rest), ...(opportunityEnablement === undefined ? [] : [opportunityEnablement])];
    }
    default:
      return Object.values(model.inputs);
  }
}

/** The configuration's date inputs: the only inputs whose value moves with the calendar alone. */
export function dateInputsOf(config: ScoringConfig): DateInput[] {
  const inputs: DateInput[] = [];
  for (const source of sourcesOf(config)) if (source.kind === 'date') inputs.push({ fieldId: source.fieldId, table: source.table });
  return inputs;
}

/**
 * The days-remaining values b at which the table's value changes between b + 1 and b: each step's
 * limit and -1 (overdue), leaving out those where both sides give the same number.
 */
export function daysRemainingBoundaries(table: DaysRemainingTable): number[] {
  const candidates = [-1, ...table.steps.map((step) => step.withinDays)];
  return [...new Set(candidates)].filter((days) => daysRemainingValue(table, days) !== daysRemainingValue(table, days + 1)).sort((a, b) => a - b);
}

/** Ranges sorted by their first day, with overlapping or touching ranges joined. */
export function mergeDayRanges(ranges: readonly DayRange[]): DayRange[] {
  const sorted = [...ranges].sort((a, b) => (a.first ?? Number.NEGATIVE_INFINITY) - (b.first ?? Number.NEGATIVE_INFINITY));
  const merged: DayRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && (range.first === undefined || range.first <= last.last + 1)) {
      merged[merged.length - 1] = { first: last.first, last: Math.max(last.last, range.last) };
    } else merged.push(range);
  }
  return merged;
}

/**
 * At most `max` ranges: the nearest neighbours are joined first (reading a few more issues is
 * harmless, a query of hundreds of ranges is not). Keeps every day of the input.
 */
export function atMostRanges(ranges: readonly DayRange[], max: number): DayRange[] {
  const merged = mergeDayRanges(ranges);
  while (merged.length > Math.max(1, max)) {
    let closest = 1;
    for (let i = 2; i < merged.length; i++) {
      const gap = (merged[i]?.first ?? 0) - (merged[i - 1]?.last ?? 0);
      if (gap < (merged[closest]?.first ?? 0) - (merged[closest - 1]?.last ?? 0)) closest = i;
    }
    const before = merged[closest - 1];
    const after = merged[closest];
    if (before === undefined || after === undefined) break;
    merged.splice(closest - 1, 2, { first: before.first, last: Math.max(before.last, after.last) });
  }
  return merged;
}

/**
 * The due days whose value may differ between "today" = `since` and "today" = `today`: for each
 * boundary b, the due days d with d - since > b ≥ d - today, i.e. since + b < d ≤ today + b.
 * `since` undefined (never computed): every due day up to today + the largest boundary (beyond
 * it the value is "later" whatever the day). Empty when `today` is not after `since`.
 */
export function dueDaysThatMove(table: DaysRemainingTable, since: number | undefined, today: number): DayRange[] {
  const boundaries = daysRemainingBoundaries(table);
  if (since !== undefined && today <= since) return [];
  const largest = boundaries.at(-1);
  if (largest === undefined) return [];
  if (since === undefined) return [{ first: undefined, last: today + largest }];
  return mergeDayRanges(boundaries.map((b) => ({ first: since + b + 1, last: today + b })));
}
