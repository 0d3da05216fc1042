/**
 * The readiness gate's decision for one transition (the `jira:workflowValidator` module,
 * src/events/readiness-gate.ts): the issue is read from Jira now, as whoever `jira` acts for (the
 * app), and evaluated with its project's current configuration, the way the sidebar evaluates it
 * (services/issue-evaluation.ts), never from the stored readiness property, which may be stale.
 *
 * Fields changed on the transition screen (`modifiedFields`) count as the issue's: the gate judges
 * the issue as the transition would leave it.
 *
 * Jira calls: the issue's project (1), the issue with the configuration's fields (1), its parent
 * epic when the readiness rules need it (0–1): at most 3, and 1 for a project nobody configured.
 * (Field discovery, when the site's field list is older than its cache age, is the caller's.)
 *
 * Allowed without a verdict, each for a reason the caller logs (Jira does not show an
 * errorMessage on allow):
 * - `unconfigured`: nobody saved a Throughline setting in the project; a validator added to a
 *   workflow shared with other projects must not start gating them with default rules.
 * - `config-newer`: a newer app version saved the configuration; this version does not judge by it.
 * - `not-applicable`: an issue type the project does not check (epics, subtasks, types left out).
 */
import type { JiraIssue } from '../domain/jira-issue';
import type { RuleFailure } from '../domain/readiness';
import { gateMessage, gatingFailures } from '../domain/readiness/gate';
import type { GateRules } from '../domain/readiness/gate';
import { getIssue } from '../jira';
import type { JiraClient } from '../jira';
import type { EpicRef } from './evaluation';
import { createEvaluator, lookUpEpics } from './evaluation';
import { projectIdOf } from './issue-evaluation';
import type { Repositories } from './project-configuration';
import { isConfigured, loadProjectConfiguration } from './project-configuration';
import type { SiteFields } from './site-fields';

export type GateDecision =
  | {
      readonly result: true;
      readonly reason: 'ready' | 'no-gating-failure' | 'not-applicable' | 'unconfigured' | 'config-newer';
      /** Why it was allowed, for the log (failing warnings under a blocking-only gate are named). */
      readonly note: string;
    }
  | {
      readonly result: false;
      readonly reason: 'not-ready';
      readonly failures: readonly RuleFailure[];
      readonly gate: GateRules;
      /** What Jira shows on the transition. */
      readonly errorMessage: string;
    };

/**
 * The issue as the transition would leave it: fields changed on the transition screen (Jira's
 * `modifiedFields`, in "get issue" format; an emptied list arrives as null) replace what Jira holds,
 * for the fields the evaluation reads only.
 */
export function withModifiedFields(issue: JiraIssue, read: readonly string[], modified: Readonly<Record<string, unknown>> | undefined): JiraIssue {
  if (modified === undefined) return issue;
  const changed = Object.entries(modified).filter(([field]) => read.includes(field));
  return changed.length === 0 ? issue : { ...issue, fields: { ...issue.fields, ...Object.fromEntries(changed) } };
}

export interface GateReport {
  readonly decision: GateDecision;
  /** Jira calls made for the decision (for the benchmark and tests). */
  readonly jiraCalls: number;
}

/**
 * The decision for the issue `issueKey`. Jira's failures (not found, rate limited, down) are
 * thrown as the client's errors: whether they open or close the gate is the caller's policy.
 */
export async function decideTransition(
  jira: JiraClient,
  repositories: Repositories,
  site: SiteFields,
  issueKey: string,
  options: { readonly modifiedFields?: Readonly<Record<string, unknown>>; readonly now?: Date } = {},
): Promise<GateReport> {
  const now = options.now ?? new Date();
  let jiraCalls = 0;
  // The project is not known before the issue is read: read it, then the issue with its project's fields.
  const first = await getIssue(jira, issueKey, { fields: ['project'] });
  jiraCalls++;
  const projectId = projectIdOf(first);
  if (projectId === undefined) throw new Error(`Jira sent issue ${issueKey} without its project.`);

  const configuration = await loadProjectConfiguration(repositories, projectId, site);
  if (configuration.blocked !== null) {
    return { jiraCalls, decision: { result: true, reason: 'config-newer', note: `${first.key}: allowed without checking; ${configuration.blocked}` } };
  }
  if (!isConfigured(configuration)) {
    return {
      jiraCalls,
      decision: { result: true, reason: 'unconfigured', note: `${first.key}: allowed; Throughline is not configured in project ${projectId}, so its readiness validator gates nothing there.` },
    };
  }

  const evaluator = createEvaluator(configuration, site, repositories.epicThemes);
  const read = await getIssue(jira, first.id, { fields: evaluator.fields, properties: evaluator.properties });
  jiraCalls++;
  const issue = withModifiedFields(read, evaluator.fields, options.modifiedFields);
  const epics = new Map<string, EpicRef | null>(await evaluator.epicsAmong([issue]));
  const lookedUp = await lookUpEpics(jira, evaluator, evaluator.parentsToLookUp([issue], epics));
  jiraCalls += lookedUp.calls;
  for (const [key, ref] of lookedUp.epics) epics.set(key, ref);
  // Done work is judged here too: a transition out of Done brings the issue back into work.
  const { readiness } = evaluator.evaluate(issue, epics, now, { judgeDone: true });

  if (readiness.verdict === 'not-applicable') {
    return { jiraCalls, decision: { result: true, reason: 'not-applicable', note: `${issue.key}: allowed; ${readiness.reason ?? 'its issue type is not checked for readiness.'}` } };
  }
  const gate = configuration.readiness.gate;
  const failures = gatingFailures(readiness, gate);
  if (failures.length > 0) {
    return { jiraCalls, decision: { result: false, reason: 'not-ready', failures, gate, errorMessage: gateMessage(issue.key, failures) } };
  }
  if (readiness.verdict === 'ready' && readiness.warnings.length === 0) {
    return { jiraCalls, decision: { result: true, reason: 'ready', note: `${issue.key}: ready.` } };
  }
  const warned = readiness.warnings.map((warning) => warning.ruleId).join(', ');
  return { jiraCalls, decision: { result: true, reason: 'no-gating-failure', note: `${issue.key}: allowed; only warning rules fail (${warned}), and the project gates on blocking rules.` } };
}
