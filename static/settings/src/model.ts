/**
 * The scoring configuration as the page edits it: plain JSON in the shape of
 * src/domain/scoring/config.ts (validated in full on the server, on preview and on save).
 */
import type { FieldDiscoveryView } from '../../../src/contract';

export type ModelType = 'wsjf' | 'rice' | 'ice' | 'weighted' | 'value-effort' | 'formula';

export const MODEL_LABELS: Readonly<Record<ModelType, string>> = {
  wsjf: 'WSJF (weighted shortest job first)',
  rice: 'RICE (reach × impact × confidence ÷ effort)',
  ice: 'ICE (impact × confidence × ease)',
  weighted: 'Weighted criteria',
  'value-effort': 'Value ÷ effort',
  formula: 'Custom formula',
};

export const MODEL_TYPES = Object.keys(MODEL_LABELS) as ModelType[];

/** The fixed inputs of each model, in order, with their names for people. */
export const MODEL_INPUTS: Readonly<Record<'wsjf' | 'rice' | 'ice' | 'value-effort', readonly (readonly [string, string])[]>> = {
  wsjf: [
    ['businessValue', 'Business value'],
    ['timeCriticality', 'Time criticality'],
    ['riskReduction', 'Risk reduction / opportunity enablement'],
    ['jobSize', 'Job size'],
  ],
  rice: [
    ['reach', 'Reach'],
    ['impact', 'Impact'],
    ['confidence', 'Confidence (percent)'],
    ['effort', 'Effort'],
  ],
  ice: [
    ['impact', 'Impact'],
    ['confidence', 'Confidence'],
    ['ease', 'Ease'],
  ],
  'value-effort': [
    ['value', 'Value'],
    ['effort', 'Effort'],
  ],
};

export type SourceKind = 'number' | 'select' | 'priority' | 'date' | 'votes' | 'watchers' | 'linked-issues' | 'strategic-weight';

export interface Source {
  kind: SourceKind;
  fieldId?: string;
  options?: Record<string, number>;
  optionIds?: Record<string, number>;
  multiple?: 'sum' | 'max';
  table?: unknown;
  label?: string;
}

export interface Criterion {
  input: Source;
  weight: number;
  direction?: 'benefit' | 'cost';
  scale?: { min: number; max: number };
  label?: string;
}

export type ModelDraft =
  | { type: 'wsjf' | 'rice' | 'value-effort'; inputs: Record<string, Source> }
  | { type: 'ice'; combine?: 'product' | 'mean'; inputs: Record<string, Source> }
  | { type: 'weighted'; criteria: Record<string, Criterion> }
  | { type: 'formula'; formula: string; inputs: Record<string, Source> };

export interface ScoringDraft {
  version?: number;
  model: ModelDraft;
  multiplyByStrategicWeight?: boolean;
}

/** Inputs that need no field: they come from the issue itself or from its theme. */
export const FIELDLESS: readonly (readonly [SourceKind, string])[] = [
  ['votes', 'Votes'],
  ['watchers', 'Watchers'],
  ['linked-issues', 'Linked issues'],
  ['strategic-weight', 'Strategic weight of the theme'],
];

const FIELD_KINDS = new Set(['number', 'select', 'multi-select', 'priority', 'date']);

export type Fields = FieldDiscoveryView['fields'];

export function scorableFields(fields: Fields): Fields {
  return fields.filter((field) => FIELD_KINDS.has(field.kind));
}

/** The source for a field of the site, by its kind; selects get an option table numbered 1, 2, 3… */
export function sourceForField(discovery: FieldDiscoveryView, fieldId: string): Source {
  const field = discovery.fields.find((candidate) => candidate.id === fieldId);
  switch (field?.kind) {
    case 'priority':
      return { kind: 'priority', fieldId };
    case 'date':
      return { kind: 'date', fieldId };
    case 'select':
    case 'multi-select': {
      const options: Record<string, number> = {};
      (discovery.selectOptions[fieldId] ?? []).forEach((option, index) => {
        options[option.value] = index + 1;
      });
      return { kind: 'select', fieldId, options, multiple: 'sum' };
    }
    default:
      return { kind: 'number', fieldId };
  }
}

function suggestedSource(discovery: FieldDiscoveryView, model: ModelType, input: string): Source {
  const suggested = discovery.suggestions[model]?.[input]?.[0];
  if (suggested !== undefined) return sourceForField(discovery, suggested);
  const fallback = discovery.storyPoints?.id ?? scorableFields(discovery.fields).find((field) => field.kind === 'number')?.id ?? '';
  return { kind: 'number', fieldId: fallback };
}

/** The inputs of a model as name → source, whatever its type. */
export function inputsOf(model: ModelDraft): Record<string, Source> {
  if (model.type === 'weighted') return Object.fromEntries(Object.entries(model.criteria).map(([name, criterion]) => [name, criterion.input]));
  return model.inputs;
}

const FORMULAS: Readonly<Record<string, string>> = {
  wsjf: '(businessValue + timeCriticality + riskReduction) / jobSize',
  rice: 'reach * impact * (confidence / 100) / effort',
  ice: 'impact * confidence * ease',
  'value-effort': 'value / effort',
};

const COST_INPUTS = /jobSize|effort/;

/** A draft of another model, keeping the mappings of inputs of the same name and suggesting the rest. */
export function switchModel(current: ModelDraft, next: ModelType, discovery: FieldDiscoveryView): ModelDraft {
  const known = inputsOf(current);
  const pick = (input: string): Source => known[input] ?? suggestedSource(discovery, next, input);
  switch (next) {
    case 'weighted': {
      const criteria: Record<string, Criterion> = {};
      for (const [name, source] of Object.entries(known)) {
        if (source.kind === 'strategic-weight') continue;
        criteria[name] = { input: source, weight: 1, direction: COST_INPUTS.test(name) ? 'cost' : 'benefit' };
      }
      if (Object.keys(criteria).length === 0) criteria.value = { input: suggestedSource(discovery, 'value-effort', 'value'), weight: 1, direction: 'benefit' };
      return { type: 'weighted', criteria };
    }
    case 'formula': {
      // Each input keeps its name for people ("Business value"), so the formula reads in words.
      const labels = new Map<string, string>(current.type in MODEL_INPUTS ? MODEL_INPUTS[current.type as keyof typeof MODEL_INPUTS] : []);
      const inputs = Object.fromEntries(Object.entries(known).map(([name, source]) => [name, source.label === undefined && labels.has(name) ? { ...source, label: labels.get(name) } : source]));
      const names = Object.keys(inputs);
      const formula = FORMULAS[current.type] ?? (names.length > 0 ? names.join(' + ') : 'value');
      if (names.length === 0) inputs.value = suggestedSource(discovery, 'value-effort', 'value');
      return { type: 'formula', formula, inputs };
    }
    case 'ice':
      return { type: 'ice', combine: 'product', inputs: Object.fromEntries(MODEL_INPUTS.ice.map(([name]) => [name, pick(name)])) };
    default:
      return { type: next, inputs: Object.fromEntries(MODEL_INPUTS[next].map(([name]) => [name, pick(name)])) };
  }
}

export function isScoringDraft(value: unknown): value is ScoringDraft {
  if (typeof value !== 'object' || value === null) return false;
  const model = (value as { model?: unknown }).model;
  return typeof model === 'object' && model !== null && typeof (model as { type?: unknown }).type === 'string';
}

/** A fresh copy, so that edits never touch what the server sent. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
