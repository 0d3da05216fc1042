/**
 * The scoring configuration: which model, and which Jira field feeds each of its inputs. It is
 * stored as JSON and imported from files, so it is validated with zod here, and every error
 * names the setting and why ("model.inputs.jobSize.fieldId: expected a string field id, got
 * number").
 */
import { z } from 'zod';
import { formatConfigIssues } from './config-errors';
import type { ConfigError } from './config-errors';
import { checkFormula } from './formula';
import { inputNameProblem } from './formula-screen';

export type { ConfigError } from './config-errors';

/** The days-remaining table for date inputs: overdue, then ascending steps, then later. */
export const DEFAULT_DAYS_REMAINING_TABLE = {
  overdue: 20,
  steps: [
    { withinDays: 7, value: 13 },
    { withinDays: 30, value: 8 },
    { withinDays: 90, value: 5 },
    { withinDays: 180, value: 3 },
  ],
  later: 1,
} as const;

/** Jira's five default priorities on WSJF's modified Fibonacci scale. */
export const DEFAULT_PRIORITY_TABLE: Readonly<Record<string, number>> = {
  Highest: 20,
  High: 13,
  Medium: 8,
  Low: 3,
  Lowest: 1,
};

const MAX_TABLE_ENTRIES = 500;
const MAX_NAMED_INPUTS = 50;

/**
 * A Jira field id ("customfield_10016", "duedate"). Names that every object has (`constructor`,
 * `__proto__`) are refused, so reading `fields[id]` can only ever find what Jira sent.
 */
const fieldId = z
  .string()
  .min(1, 'expected a field id, got an empty string')
  .max(255, 'a field id is at most 255 characters')
  .refine((id) => !(id in Object.prototype), { message: 'this is not a Jira field id' });

const label = z.string().min(1, 'a label cannot be empty').max(200, 'a label is at most 200 characters').optional();

const numberTable = z
  .record(z.string(), z.number())
  .refine((table) => Object.keys(table).length <= MAX_TABLE_ENTRIES, { message: `a table has at most ${MAX_TABLE_ENTRIES} entries` });

const daysRemainingTable = z.strictObject({
  overdue: z.number(),
  steps: z
    .array(z.strictObject({ withinDays: z.number().int('expected whole days').min(0, 'expected 0 days or more'), value: z.number() }))
    .max(50, 'at most 50 steps')
    .superRefine((steps, ctx) => {
      for (let i = 1; i < steps.length; i++) {
        const previous = steps[i - 1];
        const step = steps[i];
        if (previous !== undefined && step !== undefined && step.withinDays <= previous.withinDays) {
          ctx.addIssue({ code: 'custom', path: [i, 'withinDays'], message: `steps must go up: ${step.withinDays} days comes after ${previous.withinDays} days` });
        }
      }
    }),
  later: z.number(),
});

const numberInput = z.strictObject({ kind: z.literal('number'), fieldId, label });
const selectInput = z.strictObject({
  kind: z.literal('select'),
  fieldId,
  /** Option value → number. */
  options: numberTable,
  /** Option id → number; checked first when given (ids survive renaming an option). */
  optionIds: numberTable.optional(),
  /** How the options of a multi-select combine. */
  multiple: z.enum(['sum', 'max']).default('sum'),
  label,
});
const priorityInput = z.strictObject({ kind: z.literal('priority'), fieldId: fieldId.default('priority'), table: numberTable.default({ ...DEFAULT_PRIORITY_TABLE }), label });
const dateInput = z.strictObject({
  kind: z.literal('date'),
  fieldId: fieldId.default('duedate'),
  table: daysRemainingTable.default({ ...DEFAULT_DAYS_REMAINING_TABLE, steps: DEFAULT_DAYS_REMAINING_TABLE.steps.map((step) => ({ ...step })) }),
  label,
});
const votesInput = z.strictObject({ kind: z.literal('votes'), label });
const watchersInput = z.strictObject({ kind: z.literal('watchers'), label });
const linkedIssuesInput = z.strictObject({ kind: z.literal('linked-issues'), label });
const strategicWeightInput = z.strictObject({ kind: z.literal('strategic-weight'), label });

export const INPUT_KINDS = ['number', 'select', 'priority', 'date', 'votes', 'watchers', 'linked-issues', 'strategic-weight'] as const;

const inputSource = z.discriminatedUnion('kind', [numberInput, selectInput, priorityInput, dateInput, votesInput, watchersInput, linkedIssuesInput, strategicWeightInput]);

const wsjfModel = z.strictObject({
  type: z.literal('wsjf'),
  inputs: z.strictObject({
    businessValue: inputSource,
    timeCriticality: inputSource,
    riskReduction: inputSource,
    /** SAFe's "risk reduction and/or opportunity enablement": scored apart when given, then added. */
    opportunityEnablement: inputSource.optional(),
    jobSize: inputSource,
  }),
});
const riceModel = z.strictObject({
  type: z.literal('rice'),
  inputs: z.strictObject({ reach: inputSource, impact: inputSource, confidence: inputSource, effort: inputSource }),
});
const iceModel = z.strictObject({
  type: z.literal('ice'),
  combine: z.enum(['product', 'mean']).default('product'),
  inputs: z.strictObject({ impact: inputSource, confidence: inputSource, ease: inputSource }),
});
const criterion = z.strictObject({
  input: inputSource,
  weight: z.number().min(0, 'a weight cannot be negative'),
  /** A cost criterion counts inversely: 10 − x. */
  direction: z.enum(['benefit', 'cost']).default('benefit'),
  /** The raw range that maps onto 0–10; without it the value must already be on 0–10. */
  scale: z
    .strictObject({ min: z.number(), max: z.number() })
    .refine((scale) => scale.max > scale.min, { message: 'the scale needs max above min' })
    .optional(),
  label,
});
const weightedModel = z
  .strictObject({
    type: z.literal('weighted'),
    criteria: z.record(z.string().min(1, 'a criterion needs a name').max(100, 'a criterion name is at most 100 characters'), criterion),
  })
  .superRefine((model, ctx) => {
    const criteria = Object.values(model.criteria);
    if (criteria.length === 0) ctx.addIssue({ code: 'custom', path: ['criteria'], message: 'add at least one criterion' });
    else if (criteria.length > MAX_NAMED_INPUTS) ctx.addIssue({ code: 'custom', path: ['criteria'], message: `at most ${MAX_NAMED_INPUTS} criteria` });
    else if (criteria.every((c) => c.weight === 0)) {
      ctx.addIssue({ code: 'custom', path: ['criteria'], message: 'all weights are 0, so every score would be 0 ÷ 0: give at least one criterion a weight above 0' });
    }
  });
const valueEffortModel = z.strictObject({ type: z.literal('value-effort'), inputs: z.strictObject({ value: inputSource, effort: inputSource }) });
const formulaModel = z
  .strictObject({ type: z.literal('formula'), formula: z.string(), inputs: z.record(z.string(), inputSource) })
  .superRefine((model, ctx) => {
    const names = Object.keys(model.inputs);
    if (names.length > MAX_NAMED_INPUTS) ctx.addIssue({ code: 'custom', path: ['inputs'], message: `at most ${MAX_NAMED_INPUTS} inputs` });
    for (const name of names) {
      const problem = inputNameProblem(name);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['inputs', name], message: problem });
    }
    const check = checkFormula(model.formula, names);
    if (!check.ok) {
      for (const error of check.errors) ctx.addIssue({ code: 'custom', path: ['formula'], message: error.message });
    }
  });

export const MODEL_TYPES = ['wsjf', 'rice', 'ice', 'weighted', 'value-effort', 'formula'] as const;

const model = z.discriminatedUnion('type', [wsjfModel, riceModel, iceModel, weightedModel, valueEffortModel, formulaModel]);

export const scoringConfigSchema = z
  .strictObject({
    version: z.literal(1).default(1),
    model,
    /** Multiply every score by the strategic weight of the issue's theme (1 without a theme). */
    multiplyByStrategicWeight: z.boolean().default(true),
  })
  .superRefine((config, ctx) => {
    if (config.model.type !== 'formula' || !config.multiplyByStrategicWeight) return;
    for (const [name, source] of Object.entries(config.model.inputs)) {
      if (source.kind === 'strategic-weight') {
        ctx.addIssue({
          code: 'custom',
          path: ['model', 'inputs', name],
          message: 'the strategic weight would count twice: it is already a multiplier (set multiplyByStrategicWeight to false to use it in the formula)',
        });
      }
    }
  });

/** A validated configuration, defaults filled in. */
export type ScoringConfig = z.output<typeof scoringConfigSchema>;
/** What a configuration file may contain before defaults are filled in. */
export type ScoringConfigInput = z.input<typeof scoringConfigSchema>;
export type ModelConfig = ScoringConfig['model'];
/** A model as the settings page edits it (defaults not yet filled in). */
export type ModelConfigInput = ScoringConfigInput['model'];
/** One criterion of weighted scoring as written in a configuration. */
export type CriterionInput = Extract<ModelConfigInput, { type: 'weighted' }>['criteria'][string];
export type ModelType = ModelConfig['type'];
export type InputSource = z.output<typeof inputSource>;
/** An input mapping as written in a configuration file (defaults not yet filled in). */
export type InputSourceInput = z.input<typeof inputSource>;
export type InputKind = InputSource['kind'];
export type DaysRemainingTable = z.output<typeof daysRemainingTable>;

export type ConfigParse = { ok: true; config: ScoringConfig } | { ok: false; errors: ConfigError[] };

/** Validates a configuration (stored JSON, an imported file, a settings form). Never throws. */
export function parseScoringConfig(raw: unknown): ConfigParse {
  const result = scoringConfigSchema.safeParse(raw, { reportInput: true });
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, errors: formatConfigIssues(result.error.issues) };
}
