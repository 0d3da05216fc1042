/**
 * `compileScoring(config)`: a configuration is validated and compiled once (readers, option
 * tables, the formula's closures), then `score(fields)` runs per issue with no parsing, no regex,
 * no Date and no closure created: a few property reads, one result and its breakdown lines.
 */
import { dayNumberOf, todayDayNumber } from './calendar-day';
import { MODEL_TYPES, parseScoringConfig } from './config';
import type { ConfigError, ModelType, ScoringConfig, ScoringConfigInput } from './config';
import type { ReadState } from './input-readers';
import { breakdownRaw } from './json-safe';
import { MODEL_NAMES } from './catalogue';
import { FormulaConfigError, planModel } from './models';
import type { InputPlan, ModelPlan, ScoringInputInfo } from './models';
import type { BreakdownLine, InputProblem, InputStatus, ScoreResult } from './score-result';
import { isRecord } from '../jira-issue';
import type { JiraFields } from '../jira-issue';

export interface ScoringContext {
  /** The strategic weight of the theme; without one the issue counts as weight 1. */
  readonly strategicWeight?: number;
  /** Today as an ISO date ("2024-05-01"), for days remaining; default: today in UTC. */
  readonly today?: string;
}

export type { ScoringInputInfo } from './models';

export interface CompiledScoring {
  /** The validated configuration, defaults filled in; null when it was invalid. */
  readonly config: ScoringConfig | null;
  readonly model: ModelType;
  /** "WSJF", "RICE", …: shown beside the score. */
  readonly modelName: string;
  /** The formula in words: "(Business value + Time criticality + Risk reduction) ÷ Job size". */
  readonly description: string;
  readonly inputs: readonly ScoringInputInfo[];
  /** The Jira fields to request (`fields` of /rest/api/3/search/jql) to score an issue. */
  readonly fieldIds: readonly string[];
  /** Non-empty only when `compileScoring` was given an invalid configuration; every score is then invalid. */
  readonly configErrors: readonly ConfigError[];
  readonly score: (fields: JiraFields, context?: ScoringContext) => ScoreResult;
}

const NO_FIELDS: JiraFields = Object.freeze({});
const NO_THEME_NOTE = 'no theme: counts as 1';

function brokenScoring(config: unknown, errors: readonly ConfigError[]): CompiledScoring {
  const invalid: InputProblem[] = errors.map((error) => ({ input: 'configuration', label: 'Configuration', fieldId: null, reason: `${error.path}: ${error.message}` }));
  const named = isRecord(config) && isRecord(config.model) ? config.model.type : undefined;
  const type = MODEL_TYPES.find((candidate) => candidate === named) ?? 'wsjf';
  return {
    config: null,
    model: type,
    modelName: MODEL_NAMES[type],
    description: 'the scoring configuration is invalid',
    inputs: [],
    fieldIds: [],
    configErrors: errors,
    score: () => ({ status: 'invalid', invalid, missing: [], breakdown: [] }),
  };
}

/**
 * Compiles a configuration for scoring many issues. The configuration is validated again here
 * (it may come from storage written by an older version); an invalid one never throws: it gives
 * a scorer whose every result is `invalid` with the configuration errors, and `configErrors`.
 */
export function compileScoring(config: ScoringConfigInput): CompiledScoring {
  const parsed = parseScoringConfig(config);
  if (!parsed.ok) return brokenScoring(config, parsed.errors);
  const state: ReadState = { raw: undefined, problem: 'missing', reason: '', today: Number.NaN, todayText: '' };
  let plan: ModelPlan;
  try {
    plan = planModel(parsed.config, state);
  } catch (error: unknown) {
    if (error instanceof FormulaConfigError) return brokenScoring(config, [{ path: 'model.formula', message: error.message }]);
    throw error;
  }
  return scorerFor(parsed.config, plan, state);
}

/** A breakdown line while it is being filled in; readonly once returned. */
type LineDraft = { -readonly [K in keyof BreakdownLine]: BreakdownLine[K] };

function scorerFor(config: ScoringConfig, plan: ModelPlan, state: ReadState): CompiledScoring {
  const inputs: readonly InputPlan[] = plan.inputs;
  const count = inputs.length;
  const values = new Float64Array(count);
  const needsToday = inputs.some((input) => input.kind === 'date');
  const combine = plan.combine;
  const contributionFactor = plan.contributionFactor;
  let lastTodayText: string | undefined;

  const setToday = (today: string | undefined): void => {
    if (today === undefined) {
      lastTodayText = undefined;
      state.today = todayDayNumber();
      return;
    }
    // Parsed once per distinct value: a bulk run passes the same `today` for every issue.
    if (today === lastTodayText) return;
    lastTodayText = today;
    state.todayText = typeof today === 'string' ? today : String(today);
    state.today = (typeof today === 'string' ? dayNumberOf(today) : undefined) ?? Number.NaN;
  };

  const problemsOf = (breakdown: readonly BreakdownLine[], status: InputStatus): InputProblem[] => {
    const problems: InputProblem[] = [];
    for (const line of breakdown) {
      if (line.status === status) problems.push({ input: line.input, label: line.label, fieldId: line.fieldId, reason: line.note ?? '' });
    }
    return problems;
  };

  const score = (fields: JiraFields, context?: ScoringContext): ScoreResult => {
    if (needsToday) setToday(context?.today);
    const hasFields = isRecord(fields);
    const source = hasFields ? fields : NO_FIELDS;
    const weight = context?.strategicWeight;
    let missingCount = 0;
    let invalidCount = 0;
    const breakdown = new Array<LineDraft>(count);
    for (let i = 0; i < count; i++) {
      const input = inputs[i] as InputPlan;
      const fieldId = input.fieldId;
      const value = input.read(source, weight);
      const raw = state.raw;
      values[i] = value;
      let status: InputStatus = 'ok';
      let note: string | null = null;
      if (value !== value) {
        if (state.problem === 'missing') {
          status = 'missing';
          note = hasFields ? state.reason : 'the issue has no fields';
          missingCount++;
        } else {
          status = 'invalid';
          note = state.reason;
          invalidCount++;
        }
      } else if (fieldId === null && raw === undefined) {
        note = NO_THEME_NOTE;
      }
      // Every line has the same properties in the same order: one shape for the engine and the UI.
      breakdown[i] = {
        input: input.key,
        label: input.label,
        fieldId,
        raw: breakdownRaw(raw, status === 'ok'),
        status,
        used: status === 'ok' ? (value === 0 ? 0 : value) : null,
        weight: input.weight,
        contribution: null,
        role: input.role,
        note,
      };
    }

    if (missingCount === 0 && invalidCount === 0) {
      const result = combine(values);
      if (result - result === 0) {
        const factor = contributionFactor(values);
        for (let i = 0; i < count; i++) {
          const share = (inputs[i] as InputPlan).share;
          if (share === null) continue;
          const contribution = (values[i] ?? 0) * share * factor;
          if (contribution - contribution === 0) (breakdown[i] as LineDraft).contribution = contribution === 0 ? 0 : contribution;
        }
        return { status: 'scored', score: result === 0 ? 0 : result, breakdown };
      }
      const fault = plan.faultReason() ?? 'the score is too large to be a number (overflow): check the inputs for extreme values';
      return { status: 'invalid', invalid: [{ input: 'score', label: 'Score', fieldId: null, reason: fault }], missing: [], breakdown };
    }
    const missing = missingCount === 0 ? [] : problemsOf(breakdown, 'missing');
    if (invalidCount === 0) return { status: 'incomplete', missing, breakdown };
    return { status: 'invalid', invalid: problemsOf(breakdown, 'invalid'), missing, breakdown };
  };

  const fieldIds = [...new Set(inputs.map((input) => input.fieldId).filter((id): id is string => id !== null))];
  return {
    config,
    model: plan.type,
    modelName: plan.name,
    description: plan.description,
    inputs: inputs.map(({ key, label, kind, fieldId, role, weight }) => ({ key, label, kind, fieldId, role, weight })),
    fieldIds,
    configErrors: [],
    score,
  };
}
