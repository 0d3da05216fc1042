/**
 * Reading one scoring input from an issue's `fields`, as Jira's REST API sends them. A reader is
 * built once per configuration; per issue it answers a number, or NaN after writing what is
 * missing or wrong into the shared `ReadState` (no result object per input on the hot path).
 *
 * Nothing is coerced: "5" where a number is expected is invalid, not 5; null is missing, not 0.
 */
import { dayNumberOf } from './calendar-day';
import type { DaysRemainingTable, InputKind, InputSource } from './config';
import { isRecord } from '../jira-issue';
import type { JiraFields } from '../jira-issue';

export interface ReadState {
  /** The raw value the last read found (what Jira sent, or the caller's strategic weight). */
  raw: unknown;
  problem: 'missing' | 'invalid';
  reason: string;
  /** Today as a day number, for date inputs; NaN when the caller's `today` is not a date. */
  today: number;
  todayText: string;
}

/**
 * Reads one input from an issue's fields (or the caller's strategic weight), leaves the raw value
 * in `state.raw`, and answers the number or NaN. Each reader reads its own field, so most of these
 * property reads see a single field name and stay fast.
 */
export type Reader = (fields: JiraFields, strategicWeight: unknown) => number;

export interface InputReader {
  readonly kind: InputKind;
  /** Where the raw value lives in `fields`; null when it comes from the caller's context. */
  readonly fieldId: string | null;
  readonly read: Reader;
}

const SHOWN_TABLE_KEYS = 12;

/** Jira sent no such field with the issue: its project or issue type does not use it (or it was not asked for). */
export const NOT_ON_THE_ISSUE = 'this issue has no such field in Jira (it is not on the screens of its project or issue type)';

function missing(state: ReadState, raw: unknown): number {
  state.problem = 'missing';
  state.reason = raw === undefined ? NOT_ON_THE_ISSUE : 'not set';
  return Number.NaN;
}

function invalid(state: ReadState, reason: string): number {
  state.problem = 'invalid';
  state.reason = reason;
  return Number.NaN;
}

/** A short description of a value that was not what an input expects. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${value}` : String(value);
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function knownKeys(table: ReadonlyMap<string, number>): string {
  const keys = [...table.keys()];
  if (keys.length === 0) return 'the table is empty';
  const shown = keys.slice(0, SHOWN_TABLE_KEYS).map((key) => JSON.stringify(key)).join(', ');
  return `known: ${shown}${keys.length > SHOWN_TABLE_KEYS ? `, … ${keys.length - SHOWN_TABLE_KEYS} more` : ''}`;
}

function tableOf(record: Readonly<Record<string, number>> | undefined): Map<string, number> {
  return new Map(record === undefined ? [] : Object.entries(record));
}

function numberReader(fieldId: string, state: ReadState): Reader {
  return (fields) => {
    const raw = fields[fieldId];
    state.raw = raw;
    // The test of numberFieldOf, inline: the raw value is needed for the breakdown anyway.
    if (typeof raw === 'number' && raw - raw === 0) return raw;
    if (raw === undefined || raw === null) return missing(state, raw);
    return invalid(state, `expected a number, got ${describeValue(raw)}`);
  };
}

function selectReader(source: InputSource & { kind: 'select' }, state: ReadState): Reader {
  const byValue = tableOf(source.options);
  const byId = source.optionIds === undefined ? undefined : tableOf(source.optionIds);
  const useMax = source.multiple === 'max';
  // One option: its number, or NaN with the reason written.
  const optionNumber = (option: unknown): number => {
    if (isRecord(option)) {
      const id = option.id;
      if (byId !== undefined && typeof id === 'string') {
        const n = byId.get(id);
        if (n !== undefined) return n;
      }
      const value = option.value;
      if (typeof value === 'string') {
        const n = byValue.get(value);
        if (n !== undefined) return n;
        const idText = typeof id === 'string' ? ` (id ${id})` : '';
        return invalid(state, `option ${JSON.stringify(value)}${idText} has no number in the option table; ${knownKeys(byValue)}`);
      }
      return invalid(state, 'expected a select option {value, id}, got an object without a value');
    }
    if (typeof option === 'string') {
      const n = byValue.get(option);
      return n !== undefined ? n : invalid(state, `option ${JSON.stringify(option)} has no number in the option table; ${knownKeys(byValue)}`);
    }
    return invalid(state, `expected a select option {value, id}, got ${describeValue(option)}`);
  };
  const fieldId = source.fieldId;
  return (fields) => {
    const raw = fields[fieldId];
    state.raw = raw;
    if (raw === undefined || raw === null) return missing(state, raw);
    if (!Array.isArray(raw)) return optionNumber(raw);
    const options = raw as readonly unknown[];
    if (options.length === 0) {
      state.problem = 'missing';
      state.reason = 'no option selected';
      return Number.NaN;
    }
    let total = useMax ? Number.NEGATIVE_INFINITY : 0;
    for (const option of options) {
      const n = optionNumber(option);
      if (n !== n) return n;
      total = useMax ? Math.max(total, n) : total + n;
    }
    return total;
  };
}

function priorityReader(source: InputSource & { kind: 'priority' }, state: ReadState): Reader {
  const table = tableOf(source.table);
  const fieldId = source.fieldId;
  return (fields) => {
    const raw = fields[fieldId];
    state.raw = raw;
    if (raw === undefined || raw === null) return missing(state, raw);
    if (!isRecord(raw) || typeof raw.name !== 'string') return invalid(state, `expected a priority {name, id}, got ${describeValue(raw)}`);
    const n = table.get(raw.name);
    return n !== undefined ? n : invalid(state, `priority ${JSON.stringify(raw.name)} has no number in the priority table; ${knownKeys(table)}`);
  };
}

/** The table's value for a number of days remaining (negative: overdue), e.g. for a settings preview. */
export function daysRemainingValue(table: DaysRemainingTable, days: number): number {
  return daysRemainingLookup(table)(days);
}

/** The days-remaining lookup over plain arrays, built once per configuration. */
function daysRemainingLookup(table: DaysRemainingTable): (days: number) => number {
  const limits = table.steps.map((step) => step.withinDays);
  const values = table.steps.map((step) => step.value);
  const { overdue, later } = table;
  const count = limits.length;
  return (days) => {
    if (days < 0) return overdue;
    for (let i = 0; i < count; i++) if (days <= (limits[i] as number)) return values[i] as number;
    return later;
  };
}

function dateReader(source: InputSource & { kind: 'date' }, state: ReadState): Reader {
  const valueFor = daysRemainingLookup(source.table);
  const fieldId = source.fieldId;
  return (fields) => {
    const raw = fields[fieldId];
    state.raw = raw;
    if (raw === undefined || raw === null) return missing(state, raw);
    if (typeof raw !== 'string') return invalid(state, `expected a date (YYYY-MM-DD), got ${describeValue(raw)}`);
    const day = dayNumberOf(raw);
    if (day === undefined) return invalid(state, `expected a date (YYYY-MM-DD), got ${describeValue(raw)}`);
    const today = state.today;
    if (today !== today) return invalid(state, `today's date ${JSON.stringify(state.todayText)} is not a date (YYYY-MM-DD), so days remaining cannot be counted`);
    return valueFor(day - today);
  };
}

/** A count inside a standard object field: `fields.votes.votes`, `fields.watches.watchCount`. */
function countReader(fieldId: string, property: string, what: string, state: ReadState): Reader {
  return (fields) => {
    const raw = fields[fieldId];
    state.raw = raw;
    if (raw === undefined || raw === null) return missing(state, raw);
    if (!isRecord(raw)) return invalid(state, `expected ${what}, got ${describeValue(raw)}`);
    const count = raw[property];
    if (typeof count === 'number' && Number.isInteger(count) && count >= 0) return count;
    return invalid(state, `expected ${what} with a count in "${property}", got ${describeValue(count)}`);
  };
}

function linkedIssuesReader(state: ReadState): Reader {
  return (fields) => {
    const raw = fields.issuelinks;
    state.raw = raw;
    if (raw === undefined || raw === null) return missing(state, raw);
    // The count of `fields.issuelinks` entries, as Jira shows "Linked issues".
    return Array.isArray(raw) ? raw.length : invalid(state, `expected a list of issue links, got ${describeValue(raw)}`);
  };
}

/** The theme's strategic weight, passed by the caller; an issue without a theme counts as 1. */
function strategicWeightReader(state: ReadState): Reader {
  return (_fields, raw) => {
    state.raw = raw;
    if (raw === undefined) return 1;
    if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0) return raw;
    return invalid(state, `a strategic weight is a number of 0 or more, got ${describeValue(raw)}`);
  };
}

export function compileInputReader(source: InputSource, state: ReadState): InputReader {
  switch (source.kind) {
    case 'number':
      return { kind: source.kind, fieldId: source.fieldId, read: numberReader(source.fieldId, state) };
    case 'select':
      return { kind: source.kind, fieldId: source.fieldId, read: selectReader(source, state) };
    case 'priority':
      return { kind: source.kind, fieldId: source.fieldId, read: priorityReader(source, state) };
    case 'date':
      return { kind: source.kind, fieldId: source.fieldId, read: dateReader(source, state) };
    case 'votes':
      return { kind: source.kind, fieldId: 'votes', read: countReader('votes', 'votes', 'votes {votes}', state) };
    case 'watchers':
      return { kind: source.kind, fieldId: 'watches', read: countReader('watches', 'watchCount', 'watchers {watchCount}', state) };
    case 'linked-issues':
      return { kind: source.kind, fieldId: 'issuelinks', read: linkedIssuesReader(state) };
    case 'strategic-weight':
      return { kind: source.kind, fieldId: null, read: strategicWeightReader(state) };
  }
}
