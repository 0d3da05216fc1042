export { DONE_REASON, readinessOf } from './readiness-of';
export { readinessOfSet } from './readiness-of-set';
export type { RuleFailureCount, SetReadiness, VelocityCoverage } from './readiness-of-set';
export { compileReadiness } from './compile-readiness';
export type { CompiledReadiness, CompiledRule } from './compile-readiness';
export { defaultReadinessConfig, parseReadinessConfig, readinessConfigSchema } from './config';
export type { ConfigError, ParsedReadinessConfig, ReadinessConfig, ReadinessConfigInput, ReadinessRulesConfig } from './config';
export { RULE_IDS, isRuleId } from './rule-ids';
export type { RuleId, Severity } from './rule-ids';
export { storyPointsOf } from './estimate-rules';
export { hasUserStoryForm } from './description-rules';
export { isBlockedByLink } from './blocker-rule';
export { isEmptyFieldValue, refinedRecentlyLimit, updatedDaysTurningStale } from './field-rules';
export type {
  EpicTheme,
  ReadinessContext,
  ReadinessResult,
  RuleFailure,
  RuleNotChecked,
  ScoreStatus,
  StoryPoints,
  Verdict,
} from './types';
