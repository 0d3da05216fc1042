/**
 * Turns schema issues into sentences that name the setting and say why it is refused,
 * e.g. `Theme 3 ("Growth") name must be at most 80 characters (it has 95).`
 */
import type { z } from 'zod';
import { isRecord } from '../jira-issue';
import type { StrategyError } from './model';

type SchemaIssue = z.ZodError['issues'][number];
type PathKey = PropertyKey;

const FIELD_LABELS: Readonly<Record<string, string>> = {
  schemaVersion: 'Schema version',
  revision: 'Revision',
  vision: 'Vision',
  themes: 'Themes',
  productManagers: 'Product managers',
  statement: 'statement',
  targetCustomers: 'target customers',
  goals: 'goals',
  name: 'name',
  metric: 'metric',
  target: 'target',
  id: 'id',
  description: 'description',
  horizon: 'horizon',
  targetPercent: 'target allocation',
  strategicWeight: 'strategic weight',
  colour: 'colour',
  archived: 'archived flag',
  claimLabels: 'claimed labels',
};

/** `themes[2].name` */
export function pathToString(path: readonly PathKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (Array.isArray(value) && typeof key === 'number') value = (value as unknown[])[key];
    else if (isRecord(value) && typeof key === 'string') value = value[key];
    else return undefined;
  }
  return value;
}

export function themeLabel(index: number, name: unknown): string {
  return typeof name === 'string' && name.trim() !== '' ? `Theme ${index + 1} ("${name.trim()}")` : `Theme ${index + 1}`;
}

function fieldLabel(key: PathKey): string {
  return typeof key === 'string' ? FIELD_LABELS[key] ?? key : String(key);
}

/** A label for the setting at `path`, in the words the settings page uses. */
export function settingLabel(path: readonly PathKey[], root: unknown): string {
  const [first, second, third, fourth] = path;
  if (first === undefined) return 'The strategy';
  if (first === 'themes' && typeof second === 'number') {
    const theme = themeLabel(second, valueAt(root, ['themes', second, 'name']));
    if (third === undefined) return theme;
    if (third === 'claimLabels' && typeof fourth === 'number') return `${theme} claimed label ${fourth + 1}`;
    return `${theme} ${fieldLabel(third)}`;
  }
  if (first === 'vision' && second === 'goals' && typeof third === 'number') {
    return fourth === undefined ? `Goal ${third + 1}` : `Goal ${third + 1} ${fieldLabel(fourth)}`;
  }
  if (first === 'vision' && second !== undefined) return `Vision ${fieldLabel(second)}`;
  if (first === 'productManagers' && typeof second === 'number') return `Product manager ${second + 1}`;
  return fieldLabel(first);
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? 'text' : `"${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

const EXPECTED_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

function lengthOf(value: unknown): number | undefined {
  if (typeof value === 'string') return value.trim().length;
  if (Array.isArray(value)) return value.length;
  return undefined;
}

function reasonOf(issue: SchemaIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return 'is missing';
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      return `must be ${expected} (it is ${describeValue(value)})`;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? 'must not be empty' : `must be at least ${min} characters`;
      if (issue.origin === 'array') return `must have at least ${min} entries`;
      return `must be at least ${min} (it is ${describeValue(value)})`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      const length = lengthOf(value);
      if (issue.origin === 'string') return `must be at most ${max} characters (it has ${length ?? '?'})`;
      if (issue.origin === 'array') return `may have at most ${max} entries (it has ${length ?? '?'})`;
      return `must be at most ${max} (it is ${describeValue(value)})`;
    }
    case 'invalid_format':
    case 'custom':
      return issue.message;
    default:
      return `is not valid: ${issue.message}`;
  }
}

export function errorsFromIssues(issues: readonly SchemaIssue[], root: unknown): StrategyError[] {
  return issues.map((issue) => {
    const value = valueAt(root, issue.path);
    return {
      path: pathToString(issue.path),
      message: `${settingLabel(issue.path, root)} ${reasonOf(issue, value)}.`,
    };
  });
}
