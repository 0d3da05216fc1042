/**
 * Priority scoring: pure functions over Jira's REST shapes and a validated configuration.
 *
 *   const parsed = parseScoringConfig(stored);            // or defaultScoringConfig()
 *   const scoring = compileScoring(parsed.config);        // once per configuration
 *   scoring.score(issue.fields, { strategicWeight, today }) // per issue: scored | incomplete | invalid
 */
export { compileScoring } from './scoring';
export type { CompiledScoring, ScoringContext, ScoringInputInfo } from './scoring';
export { parseScoringConfig, scoringConfigSchema, DEFAULT_DAYS_REMAINING_TABLE, DEFAULT_PRIORITY_TABLE, INPUT_KINDS, MODEL_TYPES } from './config';
export type { ConfigError, ConfigParse, CriterionInput, DaysRemainingTable, InputKind, InputSource, InputSourceInput, ModelConfig, ModelConfigInput, ModelType, ScoringConfig, ScoringConfigInput } from './config';
export { defaultScoringConfig, defaultScoringConfigInput, DEFAULT_FIELD_IDS } from './default-config';
export { describeScoring } from './describe-scoring';
export type { ScoringDescription } from './describe-scoring';
export { CATALOGUE_MODELS, catalogueInput, FIELDLESS_INPUTS, MODEL_CATALOGUE, MODEL_NAMES, STRATEGIC_WEIGHT_LABEL } from './catalogue';
export type { CatalogueInput, CatalogueModel, FieldlessInputKind, FixedInputKey, FixedInputModelType, ModelName } from './catalogue';
export type { BreakdownLine, InputProblem, InputRole, InputStatus, ScoreResult } from './score-result';
export { checkFormula, compileFormulaText } from './formula';
export type { CompiledFormula, FormulaCheck, FormulaCompilation } from './formula';
export { FORMULA_MAX_DEPTH, FORMULA_MAX_LENGTH, FUNCTION_ARITY } from './formula-screen';
export type { FormulaError, FunctionName } from './formula-screen';
export { formatRank, rankOf, rankingOf } from './rank';
export { rankStanding, rankWords, tieWords } from './rank-words';
export type { RankPlace } from './rank-words';
export type { Rank, Ranking } from './rank';
export { daysRemainingValue, NOT_ON_THE_ISSUE } from './input-readers';
export { dayNumberOf } from './calendar-day';
export { atMostRanges, dateInputsOf, daysRemainingBoundaries, dueDaysThatMove, mergeDayRanges } from './days-remaining-moves';
export type { DateInput, DayRange } from './days-remaining-moves';
export type { JsonValue } from './json-safe';
