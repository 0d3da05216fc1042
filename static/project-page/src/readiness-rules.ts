/** The readiness rules' names as the project page shows them (sprint readiness, the vision map's epics). */
import { isRuleId } from '../../../src/domain/readiness/rule-ids';
import type { RuleId } from '../../../src/domain/readiness/rule-ids';

export const RULE_NAMES: Readonly<Record<RuleId, string>> = {
  'estimate-present': 'Estimate present',
  'estimate-small': 'Estimate small enough',
  'acceptance-criteria': 'Acceptance criteria',
  'description-length': 'Description long enough',
  'has-epic': 'Has an epic',
  'epic-has-theme': 'Epic has a theme',
  'no-open-blocker': 'No open blocker',
  'required-fields': 'Required fields',
  'score-complete': 'Score complete',
  'user-story-form': 'User story form',
  'refined-recently': 'Refined recently',
};

/** A rule's name; an id this version does not know (a newer backend's rule) as it is. */
export function ruleName(ruleId: string): string {
  return isRuleId(ruleId) ? RULE_NAMES[ruleId] : ruleId;
}
