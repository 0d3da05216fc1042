/**
 * The only way Throughline builds JQL: a tagged template, as `jiraPath` is for paths, that writes
 * every value as Jira's grammar reads it, so that no value can change what a query means.
 *
 *   jql`project = ${projectId(id)} AND key > ${issueKey(after)} ORDER BY key ASC`
 *   jql`labels in (${nonEmpty(labels)})`
 *
 * - A string is a JQL string literal: `"…"`, with `"` and `\` escaped, tab, line breaks and the
 *   characters Jira's lexer refuses inside quotes (C0 and C1 controls, non-characters, lone
 *   surrogates) written as `\t`, `\n`, `\r` or `\uXXXX`. A label `AND`, `ORDER` or `"` is then
 *   only ever a value.
 * - A number is finite and written in plain decimal with every digit JavaScript keeps for it
 *   (1e21 as `1000000000000000000000`, 1e-7 as `0.0000001`, -0 as `0`): `1e21` would be read by
 *   Jira as the text "1e21", and rounding would make `cf[10100] > 0.333333` count the issue whose
 *   score is 1/3 as above itself.
 * - A list is written comma-separated and must not be empty: `in ()` is not JQL, and what an
 *   empty list means (match nothing? skip the search?) is the caller's decision, so the type
 *   asks for a non-empty list and `nonEmpty` is where the caller decides.
 * - Anything else in the query text (field names such as `cf[10016]`, issue keys and ids written
 *   unquoted, parts of a query) is a `JqlPart`, made only here by helpers that check their input:
 *   `customField`, `dateField`, `issueProperty`, `issueKey`, `projectId`, `jqlPart`.
 *
 * The template's own text is the query's structure, written in the source; values never are.
 * Checked against Atlassian's own JQL grammar (`@atlaskit/jql-parser`) by
 * test/contract/jira/jql-grammar.test.ts.
 */

declare const jqlBrand: unique symbol;

/** A query built by `jql`: what the search and count calls accept. */
export type Jql = string & { readonly [jqlBrand]: true };

export class UnsafeJqlError extends Error {
  override readonly name = 'UnsafeJqlError';
}

// Not exported: only this module can make a JqlPart, so query text never comes from elsewhere.
const MADE_HERE: unique symbol = Symbol('JqlPart');

/** Query text that is not a value: written into the query as it is, so only this module makes one. */
export class JqlPart {
  readonly #text: string;
  constructor(madeHere: typeof MADE_HERE, text: string) {
    if (madeHere !== MADE_HERE) throw new UnsafeJqlError('A JqlPart is made only by the JQL builder.');
    this.#text = text;
  }
  toString(): string {
    return this.#text;
  }
}

function part(text: string): JqlPart {
  return new JqlPart(MADE_HERE, text);
}

/** What a list value may hold. */
export type JqlScalar = string | number | JqlPart;
/** A list of at least one value: `in ()` is invalid JQL. */
export type NonEmptyList<T> = readonly [T, ...T[]];
export type JqlValue = JqlScalar | NonEmptyList<JqlScalar>;

/** The list itself when it has a value, else undefined: where the caller decides what "none" means. */
export function nonEmpty<T>(values: readonly T[]): NonEmptyList<T> | undefined {
  return values.length === 0 ? undefined : (values as NonEmptyList<T>);
}

// What Jira's lexer refuses inside a quoted string (checked against @atlaskit/jql-parser 3.0.1 for
// every UTF-16 unit): C0 controls but line feed and carriage return, `"`, `\`, DEL and C1
// controls, the non-characters U+FDD0–U+FDEF and U+xFFFE/U+xFFFF; lone surrogates are not text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are escaped.
const ESCAPED_IN_STRING = /[\u0000-\u001f"\\\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]/g;
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function unicodeEscape(text: string): string {
  let escaped = '';
  for (let i = 0; i < text.length; i++) escaped += `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return escaped;
}

/** A JQL string literal for any text. */
export function jqlString(text: string): string {
  return `"${text.replace(ESCAPED_IN_STRING, (found) => SHORT_ESCAPES[found] ?? unicodeEscape(found))}"`;
}

/**
 * A finite number in plain decimal, with the digits of its shortest round trip (`String(n)`),
 * moved out of exponent form when JavaScript chose it (|n| ≥ 1e21 or < 1e-6).
 */
export function jqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new UnsafeJqlError(`A JQL number must be finite, got ${String(value)}.`);
  if (value === 0) return '0';
  const sign = value < 0 ? '-' : '';
  const text = String(Math.abs(value));
  const match = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) return sign + text;
  const whole = match[1] ?? '';
  const digits = whole + (match[2] ?? '');
  const point = whole.length + Number(match[3]);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function scalar(value: unknown): string {
  if (value instanceof JqlPart) return value.toString();
  if (typeof value === 'string') return jqlString(value);
  if (typeof value === 'number') return jqlNumber(value);
  throw new UnsafeJqlError(`A JQL value must be a string, a finite number, a list of them or a JqlPart, got ${value === null ? 'null' : typeof value}.`);
}

function valueText(value: unknown): string {
  if (!Array.isArray(value)) return scalar(value);
  if (value.length === 0) throw new UnsafeJqlError('An empty list cannot be written in JQL ("in ()" is invalid): decide what no values means before building the query.');
  return value.map(scalar).join(', ');
}

function build(template: TemplateStringsArray, values: readonly unknown[]): string {
  let text = '';
  template.forEach((fragment, index) => {
    text += fragment;
    if (index < values.length) text += valueText(values[index]);
  });
  return text;
}

/** A whole query: every interpolated value quoted, escaped or checked as described above. */
export function jql(template: TemplateStringsArray, ...values: readonly JqlValue[]): Jql {
  const text = build(template, values).trim();
  if (text === '') throw new UnsafeJqlError('A JQL query cannot be empty.');
  return text as Jql;
}

/** Part of a query (a clause, a condition added when needed), built like `jql`, to interpolate into it. */
export function jqlPart(template: TemplateStringsArray, ...values: readonly JqlValue[]): JqlPart {
  return part(build(template, values));
}

/** Nothing: for a condition that is not needed, e.g. `${after === undefined ? noJql : jqlPart`…`}`. */
export const noJql: JqlPart = part('');

const CUSTOM_FIELD_ID = /^customfield_([0-9]{1,18})$/;

/** `customfield_10100` as JQL names it, `cf[10100]`; undefined for any other id (it has no such name). */
export function customField(fieldId: string): JqlPart | undefined {
  const match = CUSTOM_FIELD_ID.exec(fieldId);
  return match === null ? undefined : part(`cf[${match[1] ?? ''}]`);
}

/** Jira's own date fields, by field id, as JQL names them (the ids a date input can name). */
const SYSTEM_DATE_FIELDS: Readonly<Record<string, string>> = { duedate: 'duedate', created: 'created', updated: 'updated', resolutiondate: 'resolutiondate' };

/**
 * A date field by id as JQL names it: Jira's own date fields by their JQL names, a custom field as
 * `cf[…]`; undefined for any other id (it has no name the app can vouch for).
 */
export function dateField(fieldId: string): JqlPart | undefined {
  if (Object.hasOwn(SYSTEM_DATE_FIELDS, fieldId)) return part(SYSTEM_DATE_FIELDS[fieldId] ?? '');
  return customField(fieldId);
}

// Jira's property keys are free text, but the app queries only its own: dotted words.
const PROPERTY_WORD = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** `issue.property[throughline.theme].themeId`: one of the app's own issue properties and a path into it. */
export function issueProperty(key: string, ...path: readonly string[]): JqlPart {
  const words = [...key.split('.'), ...path];
  if (path.length === 0 || words.some((word) => !PROPERTY_WORD.test(word))) throw new UnsafeJqlError(`Refused issue property ${JSON.stringify(key)} ${JSON.stringify(path)}: the app queries only dotted words of its own.`);
  return part(`issue.property[${key}].${path.join('.')}`);
}

// Jira Cloud's project keys: an upper-case letter, then upper-case letters, digits or "_".
const ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/;
const ID = /^[1-9][0-9]{0,17}$/;

export function isIssueKey(text: string): boolean {
  return ISSUE_KEY.test(text);
}

/** An issue key, written as Jira writes it (`TL-12`); anything else is refused before Jira sees it. */
export function issueKey(key: string): JqlPart {
  if (!isIssueKey(key)) throw new UnsafeJqlError(`${JSON.stringify(key.slice(0, 80))} is not an issue key.`);
  return part(key);
}

/**
 * A project id, written as a number: `project = 10000` is the project with that id, whereas
 * `project = "10000"` would first be looked up as a key or a name.
 */
export function projectId(id: string): JqlPart {
  if (!ID.test(id)) throw new UnsafeJqlError(`${JSON.stringify(id.slice(0, 80))} is not a project id.`);
  return part(id);
}
