/**
 * Field discovery for the settings page: every field of the site a scoring input can read, what
 * kind of input it can feed, suggestions for each input of each model (by SAFe/RICE/ICE names,
 * among fields of a fitting type only), and the options of the project's select fields, for the
 * option → number tables.
 *
 * Options come from the project's create screens (`GET /rest/api/3/issue/createmeta/{project}/
 * issuetypes/{id}`, as the user: project admins can create issues), the only place a project
 * admin can read them; a site without those screens gives no options, and the page says so.
 */
import { z } from 'zod';
import type { ReadinessConfig } from '../domain/readiness';
import type { ModelType, ScoringConfig } from '../domain/scoring';
import { MODEL_TYPES } from '../domain/scoring';
import { fetchFields, isJiraError, jiraPath, jiraQuery } from '../jira';
import type { FieldDetails, JiraClient } from '../jira';
import type { SiteFields } from './site-fields';

export type FieldInputKind = 'number' | 'select' | 'multi-select' | 'priority' | 'date' | 'votes' | 'watchers' | 'linked-issues' | 'other';

export interface DiscoveredField {
  readonly id: string;
  readonly name: string;
  /** Which scoring input kind it can feed ('other': none). */
  readonly kind: FieldInputKind;
  readonly custom: boolean;
}

export interface FieldOption {
  readonly id: string;
  readonly value: string;
}

export interface FieldDiscovery {
  readonly fields: readonly DiscoveredField[];
  /** model → input → candidate field ids, best first. */
  readonly suggestions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /** Select field id → its options in this project. */
  readonly selectOptions: Readonly<Record<string, readonly FieldOption[]>>;
  readonly storyPoints: { readonly id: string; readonly name: string } | null;
  readonly epicLinkFieldId: string | null;
  readonly notes: readonly string[];
}

export function inputKindOf(field: FieldDetails): FieldInputKind {
  const schema = field.schema;
  if (schema === undefined) return 'other';
  if (schema.system === 'priority') return 'priority';
  if (schema.system === 'votes') return 'votes';
  if (schema.system === 'watches') return 'watchers';
  if (schema.system === 'issuelinks') return 'linked-issues';
  if (schema.type === 'number') return 'number';
  if (schema.type === 'date' || schema.type === 'datetime') return 'date';
  if (schema.type === 'option') return 'select';
  if (schema.type === 'array' && schema.items === 'option') return 'multi-select';
  return 'other';
}

/** Names the inputs usually carry, per model; only fields of a fitting kind are ever suggested. */
const INPUT_NAMES: Readonly<Record<ModelType, Readonly<Record<string, RegExp>>>> = {
  wsjf: {
    businessValue: /business\s*value|user[\s-]*business\s*value/i,
    timeCriticality: /time\s*critical/i,
    riskReduction: /risk\s*reduction|opportunity\s*enablement|rr\s*[/&]\s*oe/i,
    jobSize: /job\s*size|story\s*point/i,
  },
  rice: { reach: /reach/i, impact: /impact/i, confidence: /confidence/i, effort: /effort|person[\s-]*months?|story\s*point/i },
  ice: { impact: /impact/i, confidence: /confidence/i, ease: /ease/i },
  weighted: {},
  'value-effort': { value: /business\s*value|^value$/i, effort: /effort|story\s*point|job\s*size/i },
  formula: {},
};

const SCORABLE: ReadonlySet<FieldInputKind> = new Set(['number', 'select', 'multi-select', 'priority', 'date']);

export function suggestionsFor(fields: readonly DiscoveredField[], storyPointsId: string | null): FieldDiscovery['suggestions'] {
  const result: Record<string, Record<string, string[]>> = {};
  for (const model of MODEL_TYPES) {
    const perInput: Record<string, string[]> = {};
    for (const [input, pattern] of Object.entries(INPUT_NAMES[model])) {
      const named = fields.filter((field) => SCORABLE.has(field.kind) && pattern.test(field.name)).map((field) => field.id);
      // Story points lead for job size and effort: the field discovery chose it by type.
      const lead = storyPointsId !== null && /jobSize|effort/.test(input) ? [storyPointsId] : [];
      const standard = input === 'businessValue' ? ['priority'] : input === 'timeCriticality' ? ['duedate'] : [];
      perInput[input] = [...new Set([...lead, ...named, ...standard])];
    }
    result[model] = perInput;
  }
  return result;
}

const createMetaTypesSchema = z.looseObject({
  issueTypes: z.array(z.looseObject({ id: z.string(), name: z.string().optional(), subtask: z.boolean().optional() })).optional(),
  createMetaIssueType: z.array(z.looseObject({ id: z.string(), name: z.string().optional(), subtask: z.boolean().optional() })).optional(),
});
const createMetaFieldsSchema = z.looseObject({
  fields: z.array(
    z.looseObject({
      fieldId: z.string(),
      allowedValues: z.array(z.looseObject({ id: z.union([z.string(), z.number()]).optional(), value: z.string().optional(), name: z.string().optional() })).optional(),
    }),
  ),
});

/** The options of the project's select fields, from its create screens (at most 5 issue types). */
export async function selectOptionsOf(jira: JiraClient, projectId: string, selectFieldIds: ReadonlySet<string>): Promise<{ options: Record<string, FieldOption[]>; note: string | null }> {
  const options: Record<string, FieldOption[]> = {};
  try {
    const types = await jira.json({
      operation: { name: 'create-meta', idempotent: true },
      method: 'GET',
      path: jiraPath`/rest/api/3/issue/createmeta/${projectId}/issuetypes?${jiraQuery({ maxResults: 50 })}`,
      schema: createMetaTypesSchema,
      subject: 'the issue types of the project',
    });
    const list = (types.issueTypes ?? types.createMetaIssueType ?? []).filter((type) => type.subtask !== true).slice(0, 5);
    for (const type of list) {
      const meta = await jira.json({
        operation: { name: 'create-meta', idempotent: true },
        method: 'GET',
        path: jiraPath`/rest/api/3/issue/createmeta/${projectId}/issuetypes/${type.id}?${jiraQuery({ maxResults: 200 })}`,
        schema: createMetaFieldsSchema,
        subject: `the fields of ${type.name ?? 'an issue type'}`,
      });
      for (const field of meta.fields) {
        if (!selectFieldIds.has(field.fieldId) || field.allowedValues === undefined) continue;
        const known = (options[field.fieldId] ??= []);
        for (const value of field.allowedValues) {
          const text = value.value ?? value.name;
          if (text === undefined || value.id === undefined) continue;
          const id = String(value.id);
          if (!known.some((option) => option.id === id)) known.push({ id, value: text });
        }
      }
    }
    return { options, note: null };
  } catch (error: unknown) {
    if (!isJiraError(error)) throw error;
    return { options, note: `The options of select fields could not be read from the project's create screens (${error.message}); type them into the table instead.` };
  }
}

/**
 * Said at the top of the settings page when field discovery found no story points field (the
 * Mojang site of the real field lists has none): the estimate rules then say so on every issue.
 */
export const NO_STORY_POINTS_NOTE =
  'This site has no story points field (neither Jira Software\'s "Story point estimate" nor a number field named "Story Points"), so the readiness rules have no estimate to check. Choose the field that holds estimates under Definition of Ready, or switch off "Has an estimate" and "Estimate is small enough".';

export async function discoverProjectFields(jira: JiraClient, projectId: string, site: SiteFields): Promise<FieldDiscovery> {
  const details = await fetchFields(jira);
  const fields = details
    .map((field): DiscoveredField => ({ id: field.id, name: field.name, kind: inputKindOf(field), custom: field.custom === true }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const selects = new Set(fields.filter((field) => field.kind === 'select' || field.kind === 'multi-select').map((field) => field.id));
  const { options, note } = selects.size === 0 ? { options: {}, note: null } : await selectOptionsOf(jira, projectId, selects);
  return {
    fields,
    suggestions: suggestionsFor(fields, site.storyPoints?.id ?? null),
    selectOptions: options,
    storyPoints: site.storyPoints,
    epicLinkFieldId: site.epicLinkFieldId,
    notes: [...(site.storyPoints === null ? [NO_STORY_POINTS_NOTE] : []), ...site.notes, ...(note === null ? [] : [note])],
  };
}

export interface BrokenField {
  /** Where in the configuration: `scoring.model.inputs.jobSize.fieldId`. */
  readonly path: string;
  readonly fieldId: string;
  readonly message: string;
}

/** Field ids the app reads without them being in the field list (standard parts of every issue). */
const ALWAYS_THERE = new Set(['priority', 'duedate', 'votes', 'watches', 'issuelinks', 'labels', 'summary', 'description', 'assignee', 'components', 'fixVersions', 'parent']);

/** Field ids of the configuration that the site no longer has: shown as broken in the settings. */
export function brokenFieldsOf(scoring: ScoringConfig, readiness: ReadinessConfig, siteFieldIds: ReadonlySet<string>): BrokenField[] {
  const broken: BrokenField[] = [];
  const check = (path: string, fieldId: string | null | undefined, what: string): void => {
    if (fieldId === null || fieldId === undefined || ALWAYS_THERE.has(fieldId) || siteFieldIds.has(fieldId)) return;
    broken.push({ path, fieldId, message: `${what} reads the field ${fieldId}, which this site no longer has: issues show it as missing until another field is chosen.` });
  };
  const model = scoring.model;
  const inputs: [string, { readonly kind: string; readonly fieldId?: string }][] =
    model.type === 'weighted'
      ? Object.entries(model.criteria).map(([name, criterion]) => [`criteria.${name}.input`, criterion.input])
      : Object.entries(model.inputs as Readonly<Record<string, { readonly kind: string; readonly fieldId?: string } | undefined>>)
          .filter((entry): entry is [string, { readonly kind: string; readonly fieldId?: string }] => entry[1] !== undefined)
          .map(([name, source]) => [`inputs.${name}`, source]);
  for (const [where, source] of inputs) check(`scoring.model.${where}.fieldId`, source.fieldId, `The scoring input ${where.split('.')[1] ?? where}`);
  check('readiness.storyPointsField.id', readiness.storyPointsField?.id, 'The story points of the readiness rules');
  check('readiness.epicLinkFieldId', readiness.epicLinkFieldId, 'The Epic Link of the readiness rules');
  if (readiness.rules['acceptance-criteria'].enabled) check('readiness.rules.acceptance-criteria.fieldId', readiness.rules['acceptance-criteria'].fieldId, 'The acceptance criteria rule');
  if (readiness.rules['required-fields'].enabled) {
    readiness.rules['required-fields'].fields.forEach((field, index) => {
      check(`readiness.rules.required-fields.fields[${index}].id`, field.id, `The required field ${field.name}`);
    });
  }
  return broken;
}
