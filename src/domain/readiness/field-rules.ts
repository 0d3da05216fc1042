/** `required-fields`, `score-complete` and `refined-recently` (and when time alone turns the last one). */
import { readAdf } from '../adf/read-adf';
import { isRecord } from '../jira-issue';
import type { ReadinessConfig } from './config';
import { PASS, fail, notChecked } from './types';
import type { ReadinessSubject, RuleOutcome } from './types';
import { listed } from './words';

/** Empty as a person would see it: nothing, blank text, an empty list, an empty object, an ADF document without text. */
export function isEmptyFieldValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (typeof value === 'number') return Number.isNaN(value);
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) {
    if (value.type === 'doc') return readAdf(value).text.trim() === '';
    return Object.keys(value).length === 0;
  }
  return false;
}

export function requiredFields(config: ReadinessConfig): (subject: ReadinessSubject) => RuleOutcome {
  const fields = config.rules['required-fields'].fields;
  return (subject) => {
    const missing = fields.filter((field) => isEmptyFieldValue(subject.fields[field.id])).map((field) => field.name);
    if (missing.length === 0) return PASS;
    const names = listed(missing);
    return fail(
      missing.length === 1 ? `${names} is empty.` : `Required fields are empty: ${names}.`,
      `Fill in ${names}.`,
    );
  };
}

export function scoreComplete(): (subject: ReadinessSubject) => RuleOutcome {
  return ({ context }) => {
    const problems = context.scoreProblems ?? [];
    const which = problems.length > 0 ? `: ${listed(problems)}` : '';
    switch (context.scoreStatus) {
      case 'scored':
        return PASS;
      case 'incomplete':
        return fail(`The priority score is incomplete, inputs are missing${which}.`, 'Set the missing score inputs in the issue sidebar.');
      case 'invalid':
        return fail(`The priority score cannot be computed, inputs are invalid${which}.`, 'Correct the score inputs in the issue sidebar.');
      default:
        return notChecked('no scoring status');
    }
  };
}

const DAY_MS = 86_400_000;

/** A time in milliseconds from a Date, an ISO string (Jira's "+0000" offsets included) or epoch milliseconds. */
export function timeOf(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

export function refinedRecently(config: ReadinessConfig): (subject: ReadinessSubject) => RuleOutcome {
  const maxDays = config.rules['refined-recently'].maxDays;
  return ({ fields, context, noun }) => {
    const today = timeOf(context.today);
    if (today === undefined) return notChecked('no date for today');
    const updated = timeOf(fields.updated);
    if (updated === undefined) return notChecked('Jira sent no update date');
    const days = Math.floor((today - updated) / DAY_MS);
    if (days <= maxDays) return PASS;
    return fail(
      `The ${noun} was last updated ${days} days ago, more than ${maxDays}.`,
      `Review the ${noun} with the team and update it.`,
    );
  };
}

/**
 * The `maxDays` of `refined-recently` when time alone can change what the app stores for an issue:
 * the rule is on and blocking. A warning changes no stored value (the Readiness field and the
 * readiness property carry the verdict and the blocking rules only), so then nothing needs a
 * daily recompute; undefined.
 */
export function refinedRecentlyLimit(config: ReadinessConfig): number | undefined {
  const rule = config.rules['refined-recently'];
  return rule.enabled && rule.severity === 'blocking' ? rule.maxDays : undefined;
}

/**
 * The days (day numbers, UTC) of Jira's `updated` for which the rule above turns from pass to fail
 * after `sinceMs` and by `nowMs`. It fails once ⌊(now − updated) / day⌋ > maxDays, that is from
 * updated + (maxDays + 1) days on, so the issues that turn are those updated in
 * (since − (maxDays + 1) days, now − (maxDays + 1) days]. Only that way: an older verdict never
 * turns back to pass without an edit, and an edit reaches the app as an event. `sinceMs`
 * undefined: every issue not updated since now − (maxDays + 1) days. Undefined when `nowMs` is not
 * after `sinceMs`.
 */
export function updatedDaysTurningStale(maxDays: number, sinceMs: number | undefined, nowMs: number): { readonly first: number | undefined; readonly last: number } | undefined {
  if (sinceMs !== undefined && nowMs <= sinceMs) return undefined;
  const lag = maxDays + 1;
  const last = Math.floor(nowMs / DAY_MS) - lag;
  return { first: sinceMs === undefined ? undefined : Math.floor(sinceMs / DAY_MS) - lag, last };
}
