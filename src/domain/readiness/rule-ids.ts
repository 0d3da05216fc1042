/** The eleven rule types of the Definition of Ready (PRODUCT.md), in the order they are shown. */
export const RULE_IDS = [
  'estimate-present',
  'estimate-small',
  'acceptance-criteria',
  'description-length',
  'has-epic',
  'epic-has-theme',
  'no-open-blocker',
  'required-fields',
  'score-complete',
  'user-story-form',
  'refined-recently',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export type Severity = 'blocking' | 'warning';

export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && (RULE_IDS as readonly string[]).includes(value);
}
