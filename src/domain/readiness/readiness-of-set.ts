/**
 * The readiness of a set of issues (the next sprint, the top of the ranked backlog): how many
 * and how many points are ready, which rules fail most, and whether the ready work fills the
 * team's velocity.
 */
import type { RuleId, Severity } from './rule-ids';
import type { ReadinessResult } from './types';

export interface RuleFailureCount {
  readonly ruleId: RuleId;
  readonly severity: Severity;
  /** Issues on which the rule fails. */
  readonly issues: number;
}

export interface VelocityCoverage {
  readonly velocity: number;
  readonly readyPoints: number;
  /** Ready points ÷ velocity. */
  readonly ratio: number;
  /** At least a velocity's worth of work is ready. */
  readonly enough: boolean;
  /** "ready work covers 85% of velocity (34 of 40 points)". */
  readonly verdict: string;
}

export interface SetReadiness {
  /** Every issue given, applicable or not. */
  readonly total: number;
  readonly ready: { readonly issues: number; readonly points: number };
  readonly notReady: { readonly issues: number; readonly points: number };
  readonly notApplicable: number;
  /** Checked issues whose story points are not a number: their points are not in the sums. */
  readonly unestimated: number;
  /** Rules that fail, most frequent first (blocking before warning on a tie, then by id). */
  readonly failingRules: readonly RuleFailureCount[];
  /** Undefined when no positive velocity was given. */
  readonly velocity: VelocityCoverage | undefined;
  /** "12 of 15 ready (34 of 47 points)". */
  readonly summary: string;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function readinessOfSet(results: readonly ReadinessResult[], velocity?: number): SetReadiness {
  let readyIssues = 0;
  let readyPoints = 0;
  let notReadyIssues = 0;
  let notReadyPoints = 0;
  let notApplicable = 0;
  let unestimated = 0;
  const counts = new Map<RuleId, { severity: Severity; issues: number }>();

  for (const result of results) {
    if (result.verdict === 'not-applicable') {
      notApplicable++;
      continue;
    }
    const points = result.points !== undefined && Number.isFinite(result.points) && result.points > 0 ? result.points : 0;
    if (result.points === undefined) unestimated++;
    if (result.verdict === 'ready') {
      readyIssues++;
      readyPoints += points;
    } else {
      notReadyIssues++;
      notReadyPoints += points;
    }
    for (const failure of [...result.failures, ...result.warnings]) {
      const entry = counts.get(failure.ruleId);
      if (entry === undefined) counts.set(failure.ruleId, { severity: failure.severity, issues: 1 });
      else entry.issues++;
    }
  }

  const failingRules = [...counts.entries()]
    .map(([ruleId, entry]) => ({ ruleId, severity: entry.severity, issues: entry.issues }))
    .sort(
      (a, b) =>
        b.issues - a.issues ||
        (a.severity === b.severity ? 0 : a.severity === 'blocking' ? -1 : 1) ||
        a.ruleId.localeCompare(b.ruleId),
    );

  let coverage: VelocityCoverage | undefined;
  if (velocity !== undefined && Number.isFinite(velocity) && velocity > 0) {
    const ratio = readyPoints / velocity;
    coverage = {
      velocity,
      readyPoints: round(readyPoints),
      ratio,
      enough: ratio >= 1,
      verdict: `ready work covers ${Math.round(ratio * 100)}% of velocity (${round(readyPoints)} of ${round(velocity)} points)`,
    };
  }
  const checked = readyIssues + notReadyIssues;
  return {
    total: results.length,
    ready: { issues: readyIssues, points: round(readyPoints) },
    notReady: { issues: notReadyIssues, points: round(notReadyPoints) },
    notApplicable,
    unestimated,
    failingRules,
    velocity: coverage,
    summary: `${readyIssues} of ${checked} ready (${round(readyPoints)} of ${round(readyPoints + notReadyPoints)} points)`,
  };
}
