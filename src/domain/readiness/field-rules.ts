/** `required-fields`, `score-complete` and `refined-recently`. */
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
