/** The readiness rules' names as the project page shows them (sprint readiness, the vision map's epics): the domain's words, as the gate says them. */
import { RULE_NAMES } from '../../../src/domain/readiness/gate';
import { isRuleId } from '../../../src/domain/readiness/rule-ids';

export { RULE_NAMES };

/** A rule's name; an id this version does not know (a newer backend's rule) as it is. */
export function ruleName(ruleId: string): string {
  return isRuleId(ruleId) ? RULE_NAMES[ruleId] : ruleId;
}
