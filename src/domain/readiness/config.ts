/**
 * The readiness configuration: which issue types are checked, which fields hold story points
 * and Epic Link, and each rule's switch, severity and parameters. A stored or imported
 * configuration may be partial; every setting left out takes its default (DEFAULT-RULES.md).
 * Validation names the setting and says why, so the settings page can show it as is.
 */
import { z } from 'zod';
import { DEFAULT_ACCEPTANCE_LABELS } from '../adf/acceptance-criteria';
import { RULE_IDS } from './rule-ids';

const severity = z.enum(['blocking', 'warning']);
const nonEmpty = z.string().trim().min(1);

/** The switch and severity every rule has; a rule left out of a stored configuration takes its defaults. */
function base(enabled: boolean, defaultSeverity: 'blocking' | 'warning') {
  return { enabled: z.boolean().default(enabled), severity: severity.default(defaultSeverity) };
}

const requiredField = z
  .union([nonEmpty, z.strictObject({ id: nonEmpty, name: nonEmpty.optional() })])
  .transform((field) => (typeof field === 'string' ? { id: field, name: field } : { id: field.id, name: field.name ?? field.id }));

export const readinessConfigSchema = z
  .strictObject({
    /** Issue type names checked (case-insensitive); epics and subtasks never are. */
    issueTypes: z.array(nonEmpty).min(1).default(['Story', 'Task', 'Bug']),
    /**
     * The field that holds story points; null when the site has none (field discovery found no
     * story points field), so the estimate rules say that instead of reading a field that is not there.
     */
    storyPointsField: z
      .strictObject({ id: nonEmpty.default('customfield_10016'), name: nonEmpty.default('Story point estimate') })
      .prefault({})
      .nullable(),
    /** The company-managed Epic Link field (`com.pyxis.greenhopper.jira:gh-epic-link`), when the site has one. */
    epicLinkFieldId: nonEmpty.nullable().default(null),
    /**
     * Which failing rules refuse a workflow transition where an admin added Throughline's readiness
     * validator (src/domain/readiness/gate.ts): blocking rules only, or warnings too.
     */
    gate: z.enum(['blocking', 'blocking-and-warnings']).default('blocking'),
    rules: z
      .strictObject({
        'estimate-present': z.strictObject(base(true, 'blocking')).prefault({}),
        'estimate-small': z
          .strictObject({
            ...base(true, 'blocking'),
            maxPoints: z.number().positive().default(8),
            /** When set and a velocity is given, the limit is this share of the velocity instead (0.5 = half). */
            maxShareOfVelocity: z.number().positive().max(1).nullable().default(null),
          })
          .prefault({}),
        'acceptance-criteria': z
          .strictObject({
            ...base(true, 'blocking'),
            fieldId: nonEmpty.nullable().default(null),
            fieldName: nonEmpty.default('Acceptance criteria'),
            labels: z.array(nonEmpty).min(1).default([...DEFAULT_ACCEPTANCE_LABELS]),
          })
          .prefault({}),
        'description-length': z
          .strictObject({ ...base(true, 'warning'), minWords: z.number().int().min(1).max(10_000).default(20) })
          .prefault({}),
        'has-epic': z.strictObject(base(true, 'warning')).prefault({}),
        'epic-has-theme': z.strictObject(base(true, 'warning')).prefault({}),
        'no-open-blocker': z
          .strictObject({
            ...base(true, 'blocking'),
            /** A blocker whose status Jira did not send counts as open unless this is false. */
            unknownStatusIsOpen: z.boolean().default(true),
          })
          .prefault({}),
        'required-fields': z
          .strictObject({ ...base(false, 'blocking'), fields: z.array(requiredField).default([]) })
          .prefault({}),
        'score-complete': z.strictObject(base(true, 'warning')).prefault({}),
        'user-story-form': z.strictObject(base(true, 'warning')).prefault({}),
        'refined-recently': z
          .strictObject({ ...base(false, 'warning'), maxDays: z.number().int().min(1).max(3650).default(30) })
          .prefault({}),
      })
      .prefault({}),
  })
  .prefault({});

export type ReadinessConfig = z.output<typeof readinessConfigSchema>;
/**
 * What a configuration may contain before defaults are filled in: what the settings page sends. An
 * object, even an empty one: storage refuses an absent document, so that "no rules" is never saved by accident.
 */
export type ReadinessConfigInput = NonNullable<z.input<typeof readinessConfigSchema>>;
export type ReadinessRulesConfig = ReadinessConfig['rules'];

export interface ConfigError {
  /** The setting, as a dotted path: `rules.estimate-small.maxPoints`. */
  readonly path: string;
  /** The setting and why it was refused, in a sentence. */
  readonly message: string;
}

export type ParsedReadinessConfig =
  | { readonly ok: true; readonly config: ReadinessConfig }
  | { readonly ok: false; readonly errors: readonly ConfigError[] };

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}

const EXPECTED: Readonly<Record<string, string>> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

function why(issue: z.core.$ZodIssue): string {
  const got = 'input' in issue ? ` (got ${shown(issue.input)})` : '';
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}${got}`;
    case 'too_small':
      if (issue.origin === 'array') return 'must list at least one entry';
      if (issue.origin === 'string') return 'must not be empty';
      return `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}${got}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}${got}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}${got}`;
    case 'invalid_union':
      return `must be a field id or { id, name }${got}`;
    default:
      return `is not valid: ${issue.message}`;
  }
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((part) => String(part)).join('.');
}

export function parseReadinessConfig(raw: unknown): ParsedReadinessConfig {
  const parsed = readinessConfigSchema.safeParse(raw, { reportInput: true });
  if (parsed.success) return { ok: true, config: parsed.data };
  const errors: ConfigError[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const where = pathOf(issue.path);
      for (const key of issue.keys) {
        const path = where === '' ? key : `${where}.${key}`;
        const message =
          where === 'rules'
            ? `rules.${key} is not a rule: unknown rule id "${key}" (known: ${RULE_IDS.join(', ')})`
            : `${path} is not a setting of the readiness configuration`;
        errors.push({ path, message });
      }
      continue;
    }
    const path = pathOf(issue.path);
    errors.push({ path, message: `${path === '' ? 'the readiness configuration' : path} ${why(issue)}` });
  }
  return { ok: false, errors };
}

/** The default rule set, as documented in DEFAULT-RULES.md; a fresh object each call. */
export function defaultReadinessConfig(): ReadinessConfig {
  return readinessConfigSchema.parse({});
}
