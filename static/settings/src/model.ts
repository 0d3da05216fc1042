/**
 * The scoring configuration as the page edits it. Its types are the domain's own (what the
 * domain's schema reads, which is the contract's payload), and the models, their inputs and their
 * labels come from the domain's catalogue: the page holds only what is its own, which fields of the
 * site can feed an input and what a switch of model keeps.
 */
import type { FieldDiscoveryView } from '../../../src/contract';
import { CATALOGUE_MODELS, MODEL_CATALOGUE } from '../../../src/domain/scoring/catalogue';
import type { CatalogueInput } from '../../../src/domain/scoring/catalogue';
import type { CriterionInput, InputSourceInput, ModelConfigInput, ModelType } from '../../../src/domain/scoring/config';

/** An input's label on the page: the catalogue's, with its unit where it has one ("Confidence (percent)"). */
export function inputLabel(input: CatalogueInput): string {
  return input.unit === undefined ? input.label : `${input.label} (${input.unit})`;
}

const FIELD_KINDS = new Set(['number', 'select', 'multi-select', 'priority', 'date']);

export type Fields = FieldDiscoveryView['fields'];

export function scorableFields(fields: Fields): Fields {
  return fields.filter((field) => FIELD_KINDS.has(field.kind));
}

/** The source for a field of the site, by its kind; selects get an option table numbered 1, 2, 3… */
export function sourceForField(discovery: FieldDiscoveryView, fieldId: string): InputSourceInput {
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

function suggestedSource(discovery: FieldDiscoveryView, model: ModelType, input: string): InputSourceInput {
  const suggested = discovery.suggestions[model]?.[input]?.[0];
  if (suggested !== undefined) return sourceForField(discovery, suggested);
  const fallback = discovery.storyPoints?.id ?? scorableFields(discovery.fields).find((field) => field.kind === 'number')?.id ?? '';
  return { kind: 'number', fieldId: fallback };
}

/** The inputs of a model as name → source, whatever its type. */
export function inputsOf(model: ModelConfigInput): Readonly<Record<string, InputSourceInput>> {
  if (model.type === 'weighted') return Object.fromEntries(Object.entries(model.criteria).map(([name, criterion]) => [name, criterion.input]));
  return model.inputs;
}

/** The model with one of its inputs fed from another source. */
export function withInput<M extends Extract<ModelConfigInput, { inputs: object }>>(model: M, key: string, source: InputSourceInput): M {
  return { ...model, inputs: { ...model.inputs, [key]: source } };
}

/** An input that divides the score in some model (job size, effort) becomes a cost criterion of weighted scoring. */
function isCost(key: string): boolean {
  return CATALOGUE_MODELS.some((model) => model.inputs.some((input) => input.key === key && input.role === 'divisor'));
}

/** A draft of another model, keeping the mappings of inputs of the same name and suggesting the rest. */
export function switchModel(current: ModelConfigInput, next: ModelType, discovery: FieldDiscoveryView): ModelConfigInput {
  const known = inputsOf(current);
  const pick = (input: string): InputSourceInput => known[input] ?? suggestedSource(discovery, next, input);
  switch (next) {
    case 'weighted': {
      const criteria: Record<string, CriterionInput> = {};
      for (const [name, source] of Object.entries(known)) {
        if (source.kind === 'strategic-weight') continue;
        criteria[name] = { input: source, weight: 1, direction: isCost(name) ? 'cost' : 'benefit' };
      }
      if (Object.keys(criteria).length === 0) criteria.value = { input: suggestedSource(discovery, 'value-effort', 'value'), weight: 1, direction: 'benefit' };
      return { type: 'weighted', criteria };
    }
    case 'formula': {
      // Each input keeps its name for people ("Business value"), so the formula reads in words.
      const catalogue: readonly CatalogueInput[] = MODEL_CATALOGUE[current.type].inputs;
      const labels = new Map(catalogue.map((input) => [input.key, input.label]));
      const inputs = Object.fromEntries(Object.entries(known).map(([name, source]) => [name, source.label === undefined && labels.has(name) ? { ...source, label: labels.get(name) } : source]));
      const names = Object.keys(inputs);
      const formula = MODEL_CATALOGUE[current.type].asFormula ?? (names.length > 0 ? names.join(' + ') : 'value');
      if (names.length === 0) inputs.value = suggestedSource(discovery, 'value-effort', 'value');
      return { type: 'formula', formula, inputs };
    }
    // Spelled out per model, so that the type checker holds each to the schema's inputs.
    case 'wsjf':
      return { type: 'wsjf', inputs: { businessValue: pick('businessValue'), timeCriticality: pick('timeCriticality'), riskReduction: pick('riskReduction'), jobSize: pick('jobSize') } };
    case 'rice':
      return { type: 'rice', inputs: { reach: pick('reach'), impact: pick('impact'), confidence: pick('confidence'), effort: pick('effort') } };
    case 'ice':
      return { type: 'ice', combine: 'product', inputs: { impact: pick('impact'), confidence: pick('confidence'), ease: pick('ease') } };
    case 'value-effort':
      return { type: 'value-effort', inputs: { value: pick('value'), effort: pick('effort') } };
  }
}

/** A fresh copy, so that edits never touch what the server sent. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
