/**
 * `compileScoring(config)`: a configuration is validated and compiled once (readers, option
 * tables, the formula's closures), then `score(fields)` runs per issue with no parsing, no regex,
 * no Date and no closure created: a few property reads, one result and its breakdown lines.
 */
import { dayNumberOf, todayDayNumber } from './calendar-day';
import { MODEL_TYPES, parseScoringConfig } from './config';
import type { ConfigError, ModelType, ScoringConfig, ScoringConfigInput } from './config';
import type { InputKind } from './config';
import type { ReadState } from './input-readers';
import { jsonSafe } from './json-safe';
import { FormulaConfigError, MODEL_NAMES, planModel } from './models';
import type { InputPlan, ModelPlan } from './models';
import type { BreakdownLine, InputProblem, InputRole, InputStatus, ScoreResult } from './score-result';
import { isRecord } from '../jira-issue';
import type { JiraFields } from '../jira-issue';

export interface ScoringContext {
  /** The strategic weight of the theme; without one the issue counts as weight 1. */
  readonly strategicWeight?: number;
  /** Today as an ISO date ("2024-05-01"), for days remaining; default: today in UTC. */
  readonly today?: string;
}

export interface ScoringInputInfo {
  readonly key: string;
  readonly label: string;
  readonly kind: InputKind;
  readonly fieldId: string | null;
  readonly role: InputRole;
  readonly weight: number | null;
}

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
const OK = 0;
const MISSING = 1;
const INVALID = 2;
const STATUS_NAMES: readonly InputStatus[] = ['ok', 'missing', 'invalid'];
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
  const state: ReadState = { problem: 'missing', reason: '', today: Number.NaN, todayText: '' };
  let plan: ModelPlan;
  try {
    plan = planModel(parsed.config, state);
  } catch (error: unknown) {
    if (error instanceof FormulaConfigError) return brokenScoring(config, [{ path: 'model.formula', message: error.message }]);
    throw error;
  }
  return scorerFor(parsed.config, plan, state);
}

function scorerFor(config: ScoringConfig, plan: ModelPlan, state: ReadState): CompiledScoring {
  const inputs: readonly InputPlan[] = plan.inputs;
  const count = inputs.length;
  const values = new Float64Array(count);
  const statuses = new Uint8Array(count);
  const reasons: (string | null)[] = new Array<string | null>(count).fill(null);
  const raws: unknown[] = new Array<unknown>(count).fill(undefined);
  const needsToday = inputs.some((input) => input.kind === 'date');
  const combine = plan.combine;
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

  const score = (fields: JiraFields, context?: ScoringContext): ScoreResult => {
    if (needsToday) setToday(context?.today);
    const hasFields = isRecord(fields);
    const source = hasFields ? fields : NO_FIELDS;
    const weight = context?.strategicWeight;
    let missingCount = 0;
    let invalidCount = 0;
    for (let i = 0; i < count; i++) {
      const input = inputs[i] as InputPlan;
      const fieldId = input.fieldId;
      const raw = fieldId === null ? weight : source[fieldId];
      raws[i] = raw;
      const value = input.read(raw, source);
      values[i] = value;
      if (value === value) {
        statuses[i] = OK;
        reasons[i] = fieldId === null && raw === undefined ? NO_THEME_NOTE : null;
      } else if (state.problem === 'missing') {
        statuses[i] = MISSING;
        reasons[i] = hasFields ? state.reason : 'the issue has no fields';
        missingCount++;
      } else {
        statuses[i] = INVALID;
        reasons[i] = state.reason;
        invalidCount++;
      }
    }

    let result = Number.NaN;
    let fault: string | undefined;
    if (missingCount === 0 && invalidCount === 0) {
      result = combine(values);
      if (result - result !== 0) {
        fault = plan.faultReason() ?? 'the score is too large to be a number (overflow): check the inputs for extreme values';
      } else if (result === 0) {
        result = 0; // no −0 in results
      }
    }
    const scored = fault === undefined && missingCount === 0 && invalidCount === 0;

    const breakdown: BreakdownLine[] = new Array<BreakdownLine>(count);
    for (let i = 0; i < count; i++) {
      const input = inputs[i] as InputPlan;
      const status = statuses[i] ?? OK;
      const ok = status === OK;
      let contribution: number | null = null;
      if (scored && input.contribution !== null) {
        const share = input.contribution(values);
        contribution = share - share === 0 ? share : null;
      }
      breakdown[i] = {
        input: input.key,
        label: input.label,
        fieldId: input.fieldId,
        raw: jsonSafe(raws[i]),
        status: STATUS_NAMES[status] ?? 'ok',
        used: ok ? (values[i] ?? null) : null,
        weight: input.weight,
        contribution,
        role: input.role,
        note: reasons[i] ?? null,
      };
      raws[i] = undefined; // hold no reference to the issue after scoring it
    }

    if (scored) return { status: 'scored', score: result, breakdown };
    const missing: InputProblem[] = [];
    const invalid: InputProblem[] = [];
    for (let i = 0; i < count; i++) {
      const status = statuses[i];
      if (status === OK) continue;
      const input = inputs[i] as InputPlan;
      const problem: InputProblem = { input: input.key, label: input.label, fieldId: input.fieldId, reason: reasons[i] ?? '' };
      if (status === MISSING) missing.push(problem);
      else invalid.push(problem);
    }
    if (fault !== undefined) invalid.push({ input: 'score', label: 'Score', fieldId: null, reason: fault });
    if (invalid.length > 0) return { status: 'invalid', invalid, missing, breakdown };
    return { status: 'incomplete', missing, breakdown };
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
