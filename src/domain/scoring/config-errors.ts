/**
 * zod's issues turned into sentences a project admin can act on: the setting's path, then what
 * was expected and what was found.
 */
import type { z } from 'zod';

export interface ConfigError {
  /** The setting, as a dotted path: "model.inputs.jobSize.fieldId". */
  path: string;
  message: string;
}

type Issue = z.core.$ZodIssue;

/** "number", "string", "null", "array", … : the JSON type a person would name. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

/** A value as it would appear in the JSON file: "foo", 5, true, or its type for anything bigger. */
function shownValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return jsonTypeOf(value);
}

function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function expectedNoun(expected: string, lastKey: string | undefined): string {
  if (lastKey === 'fieldId') return 'a string field id';
  if (lastKey === 'formula') return 'the formula as text';
  switch (expected) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'an object';
    default:
      return expected;
  }
}

function pathOf(issue: Issue): PropertyKey[] {
  return issue.path;
}

function inputOf(issue: Issue): { present: boolean; value: unknown } {
  const record = issue as { input?: unknown };
  return { present: 'input' in record && record.input !== undefined, value: record.input };
}

function missingHint(path: PropertyKey[]): string {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (typeof last === 'string' && (parent === 'inputs' || last === 'input')) {
    const name = last === 'input' ? String(parent) : last;
    return `missing: map ${humanize(name)} to a Jira field, for example {"kind": "number", "fieldId": "customfield_10016"}`;
  }
  if (last === 'model') return `missing: choose a model (type: ${['wsjf', 'rice', 'ice', 'weighted', 'value-effort', 'formula'].join(', ')})`;
  if (last === 'fieldId') return 'missing: a field id is required';
  return 'missing: this setting is required';
}

function formatIssue(issue: Issue): ConfigError[] {
  const path = pathOf(issue);
  const dotted = path.map(String).join('.');
  const lastKey = typeof path[path.length - 1] === 'string' ? (path[path.length - 1] as string) : undefined;
  const input = inputOf(issue);
  switch (issue.code) {
    case 'invalid_type':
      if (!input.present) return [{ path: dotted, message: missingHint(path) }];
      return [{ path: dotted, message: `expected ${expectedNoun(issue.expected, lastKey)}, got ${jsonTypeOf(input.value)}` }];
    case 'invalid_union': {
      const details = issue as { discriminator?: string; options?: unknown[] };
      if (details.discriminator !== undefined) {
        const options = (details.options ?? []).map(String).join(', ');
        const record = input.value as Record<string, unknown> | undefined;
        const found = record?.[details.discriminator];
        const what = details.discriminator === 'type' ? 'model' : 'input kind';
        // zod puts the discriminator in the path already only in some versions: keep it once.
        const at = lastKey === details.discriminator ? dotted : [...path.map(String), details.discriminator].join('.');
        if (!input.present) return [{ path: dotted, message: missingHint(path) }];
        if (found === undefined) return [{ path: at, message: `missing: choose the ${what}, one of ${options}` }];
        return [{ path: at, message: `unknown ${what} ${shownValue(found)}: expected one of ${options}` }];
      }
      return [{ path: dotted, message: issue.message }];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path.map(String), key].join('.'), message: 'unknown setting: check its spelling' }));
    case 'invalid_value':
      return [{ path: dotted, message: `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${input.present ? shownValue(input.value) : 'nothing'}` }];
    case 'too_small':
    case 'too_big':
    case 'custom':
    case 'invalid_format':
      return [{ path: dotted, message: issue.message }];
    default:
      return [{ path: dotted, message: issue.message }];
  }
}

export function formatConfigIssues(issues: readonly Issue[]): ConfigError[] {
  const errors = issues.flatMap(formatIssue);
  // The top level has no path: name it, so every error says which setting it is about.
  return errors.map((error) => (error.path === '' ? { ...error, path: '(configuration)' } : error));
}
