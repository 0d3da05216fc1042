/**
 * The scoring models, written once: each model's name as Atlassian users know it, its fixed
 * inputs in order with their role and label, its formula in words, and the model written as a
 * custom formula. The engine (models.ts) takes names, labels and roles from here; the issue
 * sidebar and the project page show what the engine names; the settings page builds its model
 * picker and input mappings from here. README.md's model table is held to these names by
 * test/unit/scoring/catalogue.test.ts.
 *
 * Data and type-only imports alone: the Custom UI apps import this file directly, so it must not
 * pull zod or the formula parser into the browser bundles.
 */
import type { InputKind, ModelType } from './config';
import type { InputRole } from './score-result';

export interface CatalogueInput {
  /** The input's key in the configuration (`model.inputs.jobSize`). */
  readonly key: string;
  /** Its name for people, unless the configuration gives the input a label of its own. */
  readonly label: string;
  /** How it enters the model (ICE as a mean adds its inputs instead: see `combine` in config.ts). */
  readonly role: InputRole;
  /** What the number is, where the label alone does not say it. */
  readonly unit?: string;
  /** An input a configuration may leave out. */
  readonly optional?: boolean;
}

export interface CatalogueModel {
  readonly type: ModelType;
  readonly name: string;
  /** The formula in words over the inputs' labels, as the sidebar shows it for an unlabelled configuration. */
  readonly formula: string;
  /** The fixed inputs, in the engine's order; empty where the admin names them (criteria, formula inputs). */
  readonly inputs: readonly CatalogueInput[];
  /** The model as a custom formula over its input keys: where "switch to a custom formula" starts. Null without fixed inputs. */
  readonly asFormula: string | null;
}

export const STRATEGIC_WEIGHT_LABEL = 'Strategic weight';

/** In the settings page's order. */
export const MODEL_CATALOGUE = {
  wsjf: {
    type: 'wsjf',
    name: 'WSJF',
    formula: '(Business value + Time criticality + Risk reduction) ÷ Job size',
    inputs: [
      { key: 'businessValue', label: 'Business value', role: 'addend' },
      { key: 'timeCriticality', label: 'Time criticality', role: 'addend' },
      // SAFe's "risk reduction | opportunity enablement": one input, or two when both are mapped.
      { key: 'riskReduction', label: 'Risk reduction', role: 'addend' },
      { key: 'opportunityEnablement', label: 'Opportunity enablement', role: 'addend', optional: true },
      { key: 'jobSize', label: 'Job size', role: 'divisor' },
    ],
    asFormula: '(businessValue + timeCriticality + riskReduction) / jobSize',
  },
  rice: {
    type: 'rice',
    name: 'RICE',
    formula: 'Reach × Impact × Confidence ÷ Effort',
    inputs: [
      { key: 'reach', label: 'Reach', role: 'factor' },
      { key: 'impact', label: 'Impact', role: 'factor' },
      { key: 'confidence', label: 'Confidence', role: 'factor', unit: 'percent' },
      { key: 'effort', label: 'Effort', role: 'divisor' },
    ],
    asFormula: 'reach * impact * (confidence / 100) / effort',
  },
  ice: {
    type: 'ice',
    name: 'ICE',
    formula: 'Impact × Confidence × Ease',
    inputs: [
      { key: 'impact', label: 'Impact', role: 'factor' },
      { key: 'confidence', label: 'Confidence', role: 'factor' },
      { key: 'ease', label: 'Ease', role: 'factor' },
    ],
    asFormula: 'impact * confidence * ease',
  },
  weighted: {
    type: 'weighted',
    name: 'Weighted scoring',
    formula: 'Σ weight × criterion ÷ Σ weight, each criterion on 0–10, a cost criterion as 10 − value',
    inputs: [],
    asFormula: null,
  },
  'value-effort': {
    type: 'value-effort',
    name: 'Value / effort',
    formula: 'Value ÷ Effort',
    inputs: [
      { key: 'value', label: 'Value', role: 'addend' },
      { key: 'effort', label: 'Effort', role: 'divisor' },
    ],
    asFormula: 'value / effort',
  },
  formula: {
    type: 'formula',
    name: 'Custom formula',
    formula: 'Your formula over the inputs you name',
    inputs: [],
    asFormula: null,
  },
} as const satisfies { readonly [T in ModelType]: CatalogueModel & { readonly type: T } };

/** The models in the catalogue's order. */
export const CATALOGUE_MODELS: readonly CatalogueModel[] = Object.values(MODEL_CATALOGUE);

/** The models' names: "WSJF", "RICE", "ICE", "Weighted scoring", "Value / effort", "Custom formula". */
export type ModelName = (typeof MODEL_CATALOGUE)[ModelType]['name'];

export const MODEL_NAMES: Readonly<Record<ModelType, ModelName>> = {
  wsjf: MODEL_CATALOGUE.wsjf.name,
  rice: MODEL_CATALOGUE.rice.name,
  ice: MODEL_CATALOGUE.ice.name,
  weighted: MODEL_CATALOGUE.weighted.name,
  'value-effort': MODEL_CATALOGUE['value-effort'].name,
  formula: MODEL_CATALOGUE.formula.name,
};

/** The models whose inputs are fixed (the admin maps each to a field), and those inputs' keys. */
export type FixedInputModelType = 'wsjf' | 'rice' | 'ice' | 'value-effort';
export type FixedInputKey<T extends FixedInputModelType> = (typeof MODEL_CATALOGUE)[T]['inputs'][number]['key'];

/** One fixed input of a model; undefined for a key the model does not have. */
export function catalogueInput(type: ModelType, key: string): CatalogueInput | undefined {
  const inputs: readonly CatalogueInput[] = MODEL_CATALOGUE[type].inputs;
  return inputs.find((input) => input.key === key);
}

/** Sources that read no field: they come from the issue itself or from its theme. */
export type FieldlessInputKind = Extract<InputKind, 'votes' | 'watchers' | 'linked-issues' | 'strategic-weight'>;

export const FIELDLESS_INPUTS: readonly { readonly kind: FieldlessInputKind; readonly label: string }[] = [
  { kind: 'votes', label: 'Votes' },
  { kind: 'watchers', label: 'Watchers' },
  { kind: 'linked-issues', label: 'Linked issues' },
  { kind: 'strategic-weight', label: `${STRATEGIC_WEIGHT_LABEL} of the theme` },
];
