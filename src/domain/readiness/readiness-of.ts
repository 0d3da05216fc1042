/**
 * The readiness of one issue: ready when no blocking rule fails. Epics and subtasks, types not
 * configured, and done work (readiness is about work not yet done) are "not-applicable". Every rule sees the issue read once (fields, story
 * points, parent, description) through a `ReadinessSubject`; what a rule cannot check for lack
 * of input is listed as not checked, never guessed.
 */
import { readDescription } from '../adf/read-description';
import type { DescriptionReading } from '../adf/reading';
import { isRecord, issueTypeOf, parentOf, statusCategoryOf } from '../jira-issue';
import type { JiraFields, JiraIssue, ParentInfo } from '../jira-issue';
import type { CompiledReadiness, CompiledRule } from './compile-readiness';
import { storyPointsOf } from './estimate-rules';
import type { RuleId } from './rule-ids';
import type {
  EpicTheme,
  ReadinessContext,
  ReadinessResult,
  ReadinessSubject,
  RuleFailure,
  RuleNotChecked,
  RuleOutcome,
  StoryPoints,
  ThemeLookup,
} from './types';

const THEME_KINDS: ReadonlySet<string> = new Set(['theme', 'none', 'unknown-theme', 'missing-epic']);

function lookUpTheme(themeOfEpic: ((epicKey: string) => EpicTheme) | undefined, epicKey: string | undefined): ThemeLookup {
  if (epicKey === undefined) return { kind: 'no-parent' };
  if (themeOfEpic === undefined) return { kind: 'no-lookup' };
  try {
    const answer: unknown = themeOfEpic(epicKey);
    if (isRecord(answer) && typeof answer.kind === 'string' && THEME_KINDS.has(answer.kind)) return answer as EpicTheme;
    return { kind: 'lookup-failed', reason: 'the lookup gave no answer' };
  } catch (error) {
    return { kind: 'lookup-failed', reason: error instanceof Error ? error.message : 'the lookup failed' };
  }
}

/** The issue as the rules see it; the description and the theme are read on first use, once. */
class Subject implements ReadinessSubject {
  private reading: DescriptionReading | undefined;
  private theme: ThemeLookup | undefined;

  constructor(
    readonly issue: JiraIssue,
    readonly fields: JiraFields,
    readonly noun: string,
    readonly points: StoryPoints,
    readonly context: ReadinessContext,
    readonly parent: ParentInfo | undefined,
  ) {}

  description(): DescriptionReading {
    return (this.reading ??= readDescription(this.fields.description));
  }

  parentTheme(): ThemeLookup {
    return (this.theme ??= lookUpTheme(this.context.themeOfEpic, this.parent?.key));
  }
}

const NONE: readonly never[] = Object.freeze([]);
/** Distinct failures remembered per rule; messages that name an issue (keys, counts) stop being remembered past this. */
const MAX_REMEMBERED = 1_000;

/**
 * The failure for an outcome, shared when the same message and fix were said before: a set of
 * 10,000 issues then holds a few hundred failure objects, not 40,000, which keeps the garbage
 * collector (and the memory of a sprint view) small.
 */
function failureOf(rule: CompiledRule, outcome: { readonly message: string; readonly fix: string }): RuleFailure {
  const said = rule.said.get(outcome.message);
  if (said !== undefined && said.fix === outcome.fix) return said;
  const failure: RuleFailure = Object.freeze({ ruleId: rule.id, severity: rule.severity, message: outcome.message, fix: outcome.fix });
  if (said === undefined && rule.said.size < MAX_REMEMBERED) rule.said.set(outcome.message, failure);
  return failure;
}

/** Why a done issue is not judged, as the sidebar says it after "The Definition of Ready does not cover this issue: ". */
export const DONE_REASON = 'it is done, and readiness applies only to work not yet done';

function notApplicable(key: string, reason: string, points: number | undefined): ReadinessResult {
  return { key, verdict: 'not-applicable', failures: NONE, warnings: NONE, passed: NONE, notChecked: NONE, points, reason };
}

export function readinessOf(issue: JiraIssue, compiled: CompiledReadiness, context: ReadinessContext = {}): ReadinessResult {
  const key = typeof issue.key === 'string' ? issue.key : '';
  const fields: JiraFields = isRecord(issue.fields) ? issue.fields : {};
  const storyPoints = storyPointsOf(fields, compiled.storyPointsFieldId);
  const points = storyPoints.kind === 'number' ? storyPoints.value : undefined;

  const type = issueTypeOf(fields);
  if (type === undefined) return notApplicable(key, 'the issue type is unknown', points);
  if (type.hierarchyLevel >= 1) return notApplicable(key, 'epics are not checked for readiness', points);
  if (type.subtask || type.hierarchyLevel < 0) return notApplicable(key, 'subtasks are not checked for readiness', points);
  if (!compiled.issueTypes.has(type.name.trim().toLowerCase())) {
    return notApplicable(key, `${type.name === '' ? 'this issue type' : type.name} is not among the checked issue types`, points);
  }
  if (context.judgeDone !== true && statusCategoryOf(fields) === 'done') return notApplicable(key, DONE_REASON, points);

  const noun = type.name.trim() === '' ? 'issue' : type.name.trim().toLowerCase();
  const subject = new Subject(issue, fields, noun, storyPoints, context, parentOf(fields, compiled.epicLinkFieldId));

  let failures: RuleFailure[] | undefined;
  let warnings: RuleFailure[] | undefined;
  let skipped: RuleNotChecked[] | undefined;
  const passed: RuleId[] = [];
  for (const rule of compiled.rules) {
    let outcome: RuleOutcome;
    try {
      outcome = rule.check(subject);
    } catch (error) {
      // One odd issue must not take down a whole sprint view; say what happened instead.
      outcome = { status: 'not-checked', reason: `the check failed: ${error instanceof Error ? error.message : 'unknown error'}` };
    }
    if (outcome.status === 'pass') passed.push(rule.id);
    else if (outcome.status === 'not-checked') (skipped ??= []).push({ ruleId: rule.id, reason: outcome.reason });
    else if (rule.severity === 'blocking') (failures ??= []).push(failureOf(rule, outcome));
    else (warnings ??= []).push(failureOf(rule, outcome));
  }
  return {
    key,
    verdict: failures === undefined ? 'ready' : 'not-ready',
    failures: failures ?? NONE,
    warnings: warnings ?? NONE,
    passed,
    notChecked: skipped ?? NONE,
    points,
  };
}
