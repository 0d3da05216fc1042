/**
 * The readiness gate on workflow transitions (the `jira:workflowValidator` module): which failing
 * rules refuse a transition, and the message Jira shows when one does. Pure: the validator
 * (src/events/readiness-gate.ts) reads Jira and hands the readiness verdict here.
 */
import type { ReadinessResult, RuleFailure } from './types';
import type { RuleId } from './rule-ids';

/**
 * Which failing rules refuse a transition: `blocking` (the default) refuses only what makes the
 * issue "not ready"; `blocking-and-warnings` also refuses on failing warning rules (a stricter gate).
 */
export type GateRules = 'blocking' | 'blocking-and-warnings';

export const DEFAULT_GATE_RULES: GateRules = 'blocking';

/** The rules' names, as the gate's message and the project page say them. */
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

/** The failures that refuse the transition under `rules`; empty when the issue may move. */
export function gatingFailures(readiness: ReadinessResult, rules: GateRules = DEFAULT_GATE_RULES): readonly RuleFailure[] {
  if (readiness.verdict === 'not-applicable') return [];
  return rules === 'blocking' ? readiness.failures : [...readiness.failures, ...readiness.warnings];
}

/** At most this many rules are spelled out; the rest are counted. */
const MAX_RULES_SPELLED_OUT = 6;
/** Jira shows the message in a flag on the transition: keep it readable. */
export const MAX_GATE_MESSAGE_LENGTH = 1_500;

// Control and bidirectional-override characters (a field name an admin typed could carry them).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function clean(text: string): string {
  return text.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
}

/** What Jira shows when the gate refuses: the issue, each failing rule by name, what is wrong and how to fix it. */
export function gateMessage(issueKey: string, failures: readonly RuleFailure[]): string {
  const count = failures.length;
  const head = `${clean(issueKey)} is not ready (Throughline's Definition of Ready): ${count} rule${count === 1 ? '' : 's'} to fix first.`;
  const lines = failures.slice(0, MAX_RULES_SPELLED_OUT).map((failure) => `• ${RULE_NAMES[failure.ruleId]}: ${clean(failure.message)} Fix: ${clean(failure.fix)}`);
  if (count > MAX_RULES_SPELLED_OUT) lines.push(`• and ${count - MAX_RULES_SPELLED_OUT} more (see the Throughline panel of the issue).`);
  const text = [head, ...lines].join('\n');
  return text.length <= MAX_GATE_MESSAGE_LENGTH ? text : `${text.slice(0, MAX_GATE_MESSAGE_LENGTH - 1)}…`;
}
