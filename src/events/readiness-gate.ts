/**
 * The readiness gate (manifest: `jira:workflowValidator` `readiness-gate`, function
 * `readiness-gate-check`): an admin adds it to a transition of a company-managed workflow (into
 * "Selected for Development", "In Progress"…), and Jira calls it before the transition with
 * `{ issue: { key }, transition: { from: { id }, to: { id }, modifiedFields }, configuration }`.
 * It answers `{ result, errorMessage }`: refused when the issue fails the rules the project gates
 * on (blocking rules by default; settings → readiness → "Workflow gate"), with the failing rules
 * by name and how to fix each. The decision is services/readiness-gate.ts, from Jira's current
 * state (with the fields changed on the transition screen), read as the app (Jira, not a user, calls a validator: there is no user's view to keep).
 *
 * Fail open. When the app cannot judge (Jira answers 429 or 5xx or not in time, the issue cannot
 * be read, the payload is not what Jira sends, the app's own code fails) the transition is allowed
 * and the reason is logged. Why: Jira gives a validator no way to say "unknown", and a thrown
 * error or a time-out refuses the transition with a message that is not the app's; the gate is a
 * process aid whose verdict the sidebar and sprint readiness view show anyway, not an access
 * control; and refusing every transition of a project while Jira is rate limiting the app (bulk
 * transitions hit exactly that) would stop a team's work for a reason that has nothing to do with
 * the issue. Jira ignores `errorMessage` on allow, so each allow without a verdict is logged.
 */
import { z } from 'zod';
import { createJiraClient, describeForLog, isJiraError } from '../jira';
import { forgeRequestJira } from '../jira/forge-request';
import { decideTransition } from '../services/readiness-gate';
import type { GateDecision } from '../services/readiness-gate';
import { loadSiteFields } from '../services/site-fields';
import { forgeStorage } from '../storage/forge-kvs';
import { currentAppId } from './platform';

/** What Jira expects back from a workflow validator function. */
export interface ValidatorAnswer {
  readonly result: boolean;
  readonly errorMessage?: string;
}

/**
 * Jira time the validator allows itself: the user is waiting on the transition. One retry at most:
 * a Retry-After longer than what is left ends it (and the gate opens).
 */
const GATE_BUDGET_MS = 5_000;
const GATE_MAX_RETRIES = 1;

const ISSUE_KEY = z.string().regex(/^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/);
const ISSUE_ID = z.string().regex(/^[1-9][0-9]{0,17}$/);

const payloadSchema = z.looseObject({
  issue: z.looseObject({ key: ISSUE_KEY.optional(), id: z.union([ISSUE_ID, z.number().int().positive()]).optional() }),
  transition: z.looseObject({ modifiedFields: z.record(z.string().max(255), z.unknown()).nullish().catch(undefined) }).nullish().catch(undefined),
});

/** What the validator decided and why, for logs and tests. */
export type GateOutcome =
  | { readonly kind: 'decided'; readonly decision: GateDecision; readonly jiraCalls: number }
  | { readonly kind: 'failed-open'; readonly why: 'bad-payload' | 'jira-unavailable' | 'not-found' | 'jira-refused' | 'app-error'; readonly note: string };

function transitionOf(payload: unknown): { issue: string; modifiedFields: Record<string, unknown> | undefined } | undefined {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return undefined;
  const { key, id } = parsed.data.issue;
  const issue = key ?? (id === undefined ? undefined : String(id));
  return issue === undefined ? undefined : { issue, modifiedFields: parsed.data.transition?.modifiedFields ?? undefined };
}

/** The work of one validation, with its reason; exported for tests and the benchmark. */
export async function checkTransition(payload: unknown): Promise<GateOutcome> {
  const transition = transitionOf(payload);
  if (transition === undefined) {
    return { kind: 'failed-open', why: 'bad-payload', note: 'allowed: the validator was called without an issue key Jira would send, so it cannot tell which issue to check.' };
  }
  const { issue, modifiedFields } = transition;
  try {
    const jira = createJiraClient(forgeRequestJira('app'), { timeBudgetMs: GATE_BUDGET_MS, maxRetries: GATE_MAX_RETRIES });
    const repositories = forgeStorage();
    const site = await loadSiteFields(jira, repositories.siteCache, { appId: currentAppId() });
    const report = await decideTransition(jira, repositories, site, issue, { modifiedFields });
    return { kind: 'decided', decision: report.decision, jiraCalls: report.jiraCalls };
  } catch (error) {
    if (isJiraError(error)) {
      const why = error.kind === 'not-found' ? 'not-found' : error.kind === 'rate-limited' || error.kind === 'server-error' || error.kind === 'timeout' ? 'jira-unavailable' : 'jira-refused';
      return { kind: 'failed-open', why, note: `allowed without checking ${issue}: ${describeForLog(error).split('\n')[0] ?? error.kind}` };
    }
    return { kind: 'failed-open', why: 'app-error', note: `allowed without checking ${issue}: ${describeForLog(error).split('\n')[0] ?? 'an error'}` };
  }
}

/** The `jira:workflowValidator` function. Never throws: a throw would refuse the transition with Jira's words, not the app's. */
export async function validateReadiness(payload: unknown): Promise<ValidatorAnswer> {
  let outcome: GateOutcome;
  try {
    outcome = await checkTransition(payload);
  } catch (error) {
    outcome = { kind: 'failed-open', why: 'app-error', note: `allowed: ${describeForLog(error).split('\n')[0] ?? 'an error'}` };
  }
  if (outcome.kind === 'failed-open') {
    console.warn(`Throughline readiness gate (fail open, ${outcome.why}): ${outcome.note}`);
    return { result: true };
  }
  const { decision } = outcome;
  if (decision.result) {
    if (decision.reason !== 'ready') console.info(`Throughline readiness gate (${decision.reason}): ${decision.note}`);
    return { result: true };
  }
  return { result: false, errorMessage: decision.errorMessage };
}
