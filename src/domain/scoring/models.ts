/**
 * The scoring models as PRODUCT.md defines them (names, labels and roles from catalogue.ts), each turned (once per configuration) into a
 * plan: the inputs to read with their role and checks, how they combine into the score, what
 * each contributes, and the formula in words.
 */
import type { InputKind, InputSource, ModelConfig, ModelType, ScoringConfig } from './config';
import { compileFormulaText } from './formula';
import type { CompiledFormula } from './formula';
import { compileInputReader } from './input-readers';
import type { ReadState, Reader } from './input-readers';
import type { InputRole } from './score-result';
import { catalogueInput, MODEL_NAMES, STRATEGIC_WEIGHT_LABEL } from './catalogue';
import type { FixedInputKey, FixedInputModelType } from './catalogue';

/** What a compiled scoring says of each input (CompiledScoring.inputs): a plan without its reader. */
export interface ScoringInputInfo {
  readonly key: string;
  readonly label: string;
  readonly kind: InputKind;
  readonly fieldId: string | null;
  readonly role: InputRole;
  readonly weight: number | null;
}

export interface InputPlan extends ScoringInputInfo {
  /** The value the model uses, NaN with `ReadState` filled when missing or invalid. */
  readonly read: Reader;
  /**
   * Where the model is a sum: the input's contribution is its value × `share` × the model's
   * `contributionFactor`. Null for factors, divisors, multipliers and formula operands.
   */
  readonly share: number | null;
}

export interface ModelPlan {
  readonly type: ModelType;
  readonly name: string;
  /** The formula in words, for the sidebar: "(Business value + Time criticality + Risk reduction) ÷ Job size". */
  readonly description: string;
  readonly inputs: readonly InputPlan[];
  /** The score from every input's value (in `inputs` order); non-finite means it cannot be scored. */
  readonly combine: (values: Float64Array) => number;
  /** What turns an input's value × share into its contribution (the divisor, the multiplier). */
  readonly contributionFactor: (values: Float64Array) => number;
  /** Why the last `combine` gave no finite number, when the model can tell (formulas can). */
  readonly faultReason: () => string | undefined;
}

/** The label an input of a fixed model shows: the configuration's own, else the catalogue's, else its key. */
function labelOf(type: ModelType, key: string, source: InputSource): string {
  return source.label ?? catalogueInput(type, key)?.label ?? key;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)));
}

type Check = (value: number, state: ReadState) => number;

function withCheck(read: Reader, check: Check, state: ReadState): Reader {
  return (fields, weight) => {
    const value = read(fields, weight);
    return value !== value ? value : check(value, state);
  };
}

function rejected(state: ReadState, reason: string): number {
  state.problem = 'invalid';
  state.reason = reason;
  return Number.NaN;
}

/** A divisor of 0 or less is an invalid input, never Infinity or a negative score. */
const positiveDivisor = (label: string): Check => (value, state) =>
  value > 0 ? value : rejected(state, `${label} divides the score, so it must be above 0; got ${formatNumber(value)}`);

/** RICE's confidence is a percentage: 80 means 0.8; outside 0–100 it is invalid. */
const percentage: Check = (value, state) =>
  value >= 0 && value <= 100 ? value / 100 : rejected(state, `a confidence is a percentage from 0 to 100 (80 means 80%); got ${formatNumber(value)}`);

function criterionScale(scale: { min: number; max: number } | undefined, cost: boolean): Check {
  const min = scale?.min ?? 0;
  const max = scale?.max ?? 10;
  const span = max - min;
  return (value, state) => {
    if (value < min || value > max) {
      const hint = scale === undefined ? ' (set a scale on the criterion to convert other ranges)' : '';
      return rejected(state, `outside the criterion's scale ${formatNumber(min)}–${formatNumber(max)}: got ${formatNumber(value)}${hint}`);
    }
    const scaled = ((value - min) / span) * 10;
    return cost ? 10 - scaled : scaled;
  };
}

interface Planned {
  readonly key: string;
  readonly source: InputSource;
  readonly role: InputRole;
  readonly weight?: number;
  readonly check?: Check;
  readonly label: string;
}

/** A fixed input of a model: its role and label from the catalogue (the configuration's label first). */
function fixed<T extends FixedInputModelType>(type: T, key: FixedInputKey<T>, source: InputSource, check?: Check): Planned {
  const role = catalogueInput(type, key)?.role ?? 'operand';
  const label = labelOf(type, key, source);
  return check === undefined ? { key, source, role, label } : { key, source, role, label, check };
}

function planInput(planned: Planned, state: ReadState, share: number | null): InputPlan {
  const reader = compileInputReader(planned.source, state);
  return {
    key: planned.key,
    label: planned.label,
    kind: reader.kind,
    fieldId: reader.fieldId,
    role: planned.role,
    weight: planned.weight ?? null,
    read: planned.check === undefined ? reader.read : withCheck(reader.read, planned.check, state),
    share,
  };
}

function strategicWeightPlan(state: ReadState): InputPlan {
  return planInput({ key: 'strategicWeight', source: { kind: 'strategic-weight', label: STRATEGIC_WEIGHT_LABEL }, role: 'multiplier', label: STRATEGIC_WEIGHT_LABEL }, state, null);
}

const noFault = (): undefined => undefined;
const one = (): number => 1;

/** (a₁ + a₂ + …) ÷ d × m: WSJF and value / effort. */
function ratioPlan(type: ModelType, addends: readonly Planned[], divisor: Planned, multiply: boolean, state: ReadState): ModelPlan {
  const count = addends.length;
  const d = count;
  const m = count + 1;
  const inputs: InputPlan[] = addends.map((planned) => planInput(planned, state, 1));
  const divisorPlan = planInput({ ...divisor, check: positiveDivisor(divisor.label) }, state, null);
  inputs.push(divisorPlan);
  if (multiply) inputs.push(strategicWeightPlan(state));
  // Specialised for the common sizes: this runs once per issue in bulk recomputes.
  let sum: (v: Float64Array) => number;
  if (count === 3) sum = (v) => (v[0] ?? 0) + (v[1] ?? 0) + (v[2] ?? 0);
  else if (count === 4) sum = (v) => (v[0] ?? 0) + (v[1] ?? 0) + (v[2] ?? 0) + (v[3] ?? 0);
  else if (count === 1) sum = (v) => v[0] ?? 0;
  else
    sum = (v) => {
      let total = 0;
      for (let i = 0; i < count; i++) total += v[i] ?? 0;
      return total;
    };
  const combine = multiply ? (v: Float64Array) => (sum(v) / (v[d] ?? 1)) * (v[m] ?? 1) : (v: Float64Array) => sum(v) / (v[d] ?? 1);
  const numerator = inputs.slice(0, count).map((input) => input.label);
  const top = count === 1 ? (numerator[0] ?? '') : `(${numerator.join(' + ')})`;
  const description = `${top} ÷ ${divisorPlan.label}${multiply ? ` × ${STRATEGIC_WEIGHT_LABEL}` : ''}`;
  const contributionFactor = multiply ? (v: Float64Array) => (v[m] ?? 1) / (v[d] ?? 1) : (v: Float64Array) => 1 / (v[d] ?? 1);
  return { type, name: MODEL_NAMES[type], description, inputs, combine, contributionFactor, faultReason: noFault };
}

/** f₁ × f₂ × … (÷ d) × m: RICE and ICE's product. */
function productPlan(type: ModelType, factors: readonly Planned[], divisor: Planned | undefined, multiply: boolean, state: ReadState): ModelPlan {
  const inputs = factors.map((planned) => planInput(planned, state, null));
  const count = factors.length;
  if (divisor !== undefined) inputs.push(planInput({ ...divisor, check: positiveDivisor(divisor.label) }, state, null));
  const d = divisor === undefined ? -1 : count;
  if (multiply) inputs.push(strategicWeightPlan(state));
  const m = multiply ? inputs.length - 1 : -1;
  const combine = (v: Float64Array): number => {
    let product = 1;
    for (let i = 0; i < count; i++) product *= v[i] ?? 0;
    if (d >= 0) product /= v[d] ?? 1;
    return m >= 0 ? product * (v[m] ?? 1) : product;
  };
  const labels = inputs.slice(0, count).map((input) => input.label);
  const divisorLabel = d >= 0 ? ` ÷ ${inputs[d]?.label ?? ''}` : '';
  const description = `${labels.join(' × ')}${divisorLabel}${multiply ? ` × ${STRATEGIC_WEIGHT_LABEL}` : ''}`;
  return { type, name: MODEL_NAMES[type], description, inputs, combine, contributionFactor: one, faultReason: noFault };
}

/** (a₁ + a₂ + a₃) ÷ 3 × m: ICE as a mean. */
function meanPlan(type: ModelType, terms: readonly Planned[], multiply: boolean, state: ReadState): ModelPlan {
  const count = terms.length;
  const m = count;
  const inputs = terms.map((planned) => planInput(planned, state, 1 / count));
  if (multiply) inputs.push(strategicWeightPlan(state));
  const combine = (v: Float64Array): number => {
    let total = 0;
    for (let i = 0; i < count; i++) total += v[i] ?? 0;
    return multiply ? (total / count) * (v[m] ?? 1) : total / count;
  };
  const description = `(${inputs.slice(0, count).map((input) => input.label).join(' + ')}) ÷ ${count}${multiply ? ` × ${STRATEGIC_WEIGHT_LABEL}` : ''}`;
  const contributionFactor = multiply ? (v: Float64Array) => v[m] ?? 1 : one;
  return { type, name: MODEL_NAMES[type], description, inputs, combine, contributionFactor, faultReason: noFault };
}

function weightedPlan(model: ModelConfig & { type: 'weighted' }, multiply: boolean, state: ReadState): ModelPlan {
  // A criterion of weight 0 is switched off: it is not read, so it cannot block a score.
  const criteria = Object.entries(model.criteria).filter(([, criterion]) => criterion.weight > 0);
  const totalWeight = criteria.reduce((sum, [, criterion]) => sum + criterion.weight, 0);
  const count = criteria.length;
  const m = count;
  const weights = criteria.map(([, criterion]) => criterion.weight);
  const inputs = criteria.map(([key, criterion]) => {
    const cost = criterion.direction === 'cost';
    const share = criterion.weight / totalWeight;
    return planInput(
      {
        key,
        source: criterion.input,
        role: cost ? 'cost-criterion' : 'criterion',
        weight: criterion.weight,
        check: criterionScale(criterion.scale, cost),
        label: criterion.label ?? criterion.input.label ?? key,
      },
      state,
      share,
    );
  });
  if (multiply) inputs.push(strategicWeightPlan(state));
  const combine = (v: Float64Array): number => {
    let total = 0;
    for (let i = 0; i < count; i++) total += (weights[i] ?? 0) * (v[i] ?? 0);
    return multiply ? (total / totalWeight) * (v[m] ?? 1) : total / totalWeight;
  };
  const terms = inputs.slice(0, count).map((input) => `${formatNumber(input.weight ?? 0)} × ${input.role === 'cost-criterion' ? `(10 − ${input.label})` : input.label}`);
  const description = `(${terms.join(' + ')}) ÷ ${formatNumber(totalWeight)}${multiply ? ` × ${STRATEGIC_WEIGHT_LABEL}` : ''}`;
  const contributionFactor = multiply ? (v: Float64Array) => v[m] ?? 1 : one;
  return { type: 'weighted', name: MODEL_NAMES.weighted, description, inputs, combine, contributionFactor, faultReason: noFault };
}

function formulaPlan(model: ModelConfig & { type: 'formula' }, multiply: boolean, state: ReadState): ModelPlan {
  const compiled = compileFormulaText(model.formula, Object.keys(model.inputs));
  if (!compiled.ok) throw new FormulaConfigError(compiled.errors.map((error) => error.message).join('; '));
  const formula: CompiledFormula = compiled.formula;
  // Only the inputs the formula uses are read: a declared but unused input cannot block a score.
  const inputs = formula.usedInputs.map((name) => {
    const source = model.inputs[name];
    if (source === undefined) throw new FormulaConfigError(`input "${name}" is not declared`);
    return planInput({ key: name, source, role: 'operand', label: source.label ?? name }, state, null);
  });
  const m = inputs.length;
  if (multiply) inputs.push(strategicWeightPlan(state));
  const run = formula.run;
  const combine = multiply ? (v: Float64Array) => run(v) * (v[m] ?? 1) : run;
  const labels = new Map(inputs.map((input) => [input.key, input.label]));
  const words = formula.inWords((name) => labels.get(name) ?? name);
  const tree = formula.tree;
  const loose = tree.kind === 'binary' && !['*', '/', '^'].includes(tree.op);
  const description = multiply ? `${loose ? `(${words})` : words} × ${STRATEGIC_WEIGHT_LABEL}` : words;
  return { type: 'formula', name: MODEL_NAMES.formula, description, inputs, combine, contributionFactor: one, faultReason: formula.faultReason };
}

/** A formula that failed to compile although the configuration was validated: a caller bug. */
export class FormulaConfigError extends Error {}

export function planModel(config: ScoringConfig, state: ReadState): ModelPlan {
  const model = config.model;
  const multiply = config.multiplyByStrategicWeight;
  switch (model.type) {
    case 'wsjf': {
      const { businessValue, timeCriticality, riskReduction, opportunityEnablement, jobSize } = model.inputs;
      const addends = [fixed('wsjf', 'businessValue', businessValue), fixed('wsjf', 'timeCriticality', timeCriticality), fixed('wsjf', 'riskReduction', riskReduction)];
      if (opportunityEnablement !== undefined) addends.push(fixed('wsjf', 'opportunityEnablement', opportunityEnablement));
      return ratioPlan('wsjf', addends, fixed('wsjf', 'jobSize', jobSize), multiply, state);
    }
    case 'rice': {
      const { reach, impact, confidence, effort } = model.inputs;
      const factors = [fixed('rice', 'reach', reach), fixed('rice', 'impact', impact), fixed('rice', 'confidence', confidence, percentage)];
      return productPlan('rice', factors, fixed('rice', 'effort', effort), multiply, state);
    }
    case 'ice': {
      const { impact, confidence, ease } = model.inputs;
      const factors = [fixed('ice', 'impact', impact), fixed('ice', 'confidence', confidence), fixed('ice', 'ease', ease)];
      // As a mean, ICE adds its inputs: the catalogue's roles are those of the product, its default.
      if (model.combine === 'mean') return meanPlan('ice', factors.map((factor): Planned => ({ ...factor, role: 'addend' })), multiply, state);
      return productPlan('ice', factors, undefined, multiply, state);
    }
    case 'weighted':
      return weightedPlan(model, multiply, state);
    case 'value-effort':
      return ratioPlan('value-effort', [fixed('value-effort', 'value', model.inputs.value)], fixed('value-effort', 'effort', model.inputs.effort), multiply, state);
    case 'formula':
      return formulaPlan(model, multiply, state);
  }
}
