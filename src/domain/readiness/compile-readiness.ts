/**
 * Turns a validated configuration into the list of enabled rule checks, once; `readinessOf`
 * then reuses it for every issue of a sprint or backlog.
 */
import { acceptanceCriteria, descriptionLength, userStoryForm } from './description-rules';
import { noOpenBlocker } from './blocker-rule';
import type { ReadinessConfig } from './config';
import { epicHasTheme, hasEpic } from './epic-rules';
import { estimatePresent, estimateSmall } from './estimate-rules';
import { refinedRecently, requiredFields, scoreComplete } from './field-rules';
import { RULE_IDS } from './rule-ids';
import type { RuleId, Severity } from './rule-ids';
import type { ReadinessSubject, RuleFailure, RuleOutcome } from './types';

export interface CompiledRule {
  readonly id: RuleId;
  readonly severity: Severity;
  readonly check: (subject: ReadinessSubject) => RuleOutcome;
  /** Failures already said, by message and fix: thousands of issues failing alike share one frozen object. */
  readonly said: Map<string, RuleFailure>;
}

export interface CompiledReadiness {
  readonly config: ReadinessConfig;
  /** Checked issue type names, lower case. */
  readonly issueTypes: ReadonlySet<string>;
  /** Enabled rules, in the order of RULE_IDS. */
  readonly rules: readonly CompiledRule[];
  /** Null when the site has no story points field. */
  readonly storyPointsFieldId: string | null;
  readonly epicLinkFieldId: string | undefined;
}

const CHECKS: Readonly<Record<RuleId, (config: ReadinessConfig) => (subject: ReadinessSubject) => RuleOutcome>> = {
  'estimate-present': estimatePresent,
  'estimate-small': estimateSmall,
  'acceptance-criteria': acceptanceCriteria,
  'description-length': descriptionLength,
  'has-epic': hasEpic,
  'epic-has-theme': epicHasTheme,
  'no-open-blocker': noOpenBlocker,
  'required-fields': requiredFields,
  'score-complete': scoreComplete,
  'user-story-form': userStoryForm,
  'refined-recently': refinedRecently,
};

export function compileReadiness(config: ReadinessConfig): CompiledReadiness {
  const rules: CompiledRule[] = [];
  for (const id of RULE_IDS) {
    const rule = config.rules[id];
    if (!rule.enabled) continue;
    rules.push({ id, severity: rule.severity, check: CHECKS[id](config), said: new Map() });
  }
  return {
    config,
    issueTypes: new Set(config.issueTypes.map((name) => name.trim().toLowerCase())),
    rules,
    storyPointsFieldId: config.storyPointsField?.id ?? null,
    epicLinkFieldId: config.epicLinkFieldId ?? undefined,
  };
}
