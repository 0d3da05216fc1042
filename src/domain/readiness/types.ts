import type { DescriptionReading } from '../adf/reading';
import type { JiraFields, JiraIssue, ParentInfo } from '../jira-issue';
import type { RuleId, Severity } from './rule-ids';

/** What the strategy store knows about an epic's theme; `missing-epic` when the epic itself is gone. */
export type EpicTheme =
  | { readonly kind: 'theme'; readonly id: string; readonly name: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown-theme'; readonly id: string }
  | { readonly kind: 'missing-epic' };

export type ScoreStatus = 'scored' | 'incomplete' | 'invalid';

/** What `readinessOf` needs beyond the issue; every entry is optional, and a rule without its input is "not checked". */
export interface ReadinessContext {
  /** The theme of an epic by key (strategy store); without it `epic-has-theme` is not checked. */
  readonly themeOfEpic?: (epicKey: string) => EpicTheme;
  /** The issue's scoring status; undefined (no model, not computed) leaves `score-complete` unchecked. */
  readonly scoreStatus?: ScoreStatus | undefined;
  /** Names of the missing or invalid score inputs, for the message. */
  readonly scoreProblems?: readonly string[];
  /** The team's recent velocity in points; enables the share-of-velocity limit of `estimate-small`. */
  readonly velocity?: number | undefined;
  /** "Now" for `refined-recently`: a Date, an ISO string or epoch milliseconds. */
  readonly today?: Date | string | number;
  /**
   * Judge an issue in a done status as well. Readiness is about work not yet started, so done work
   * is not judged; the readiness gate sets this, because a transition out of Done (reopening)
   * brings the issue back into work and must meet the Definition of Ready like any other.
   */
  readonly judgeDone?: boolean;
}

export interface RuleFailure {
  readonly ruleId: RuleId;
  readonly severity: Severity;
  /** What is wrong, in a sentence. */
  readonly message: string;
  /** How to fix it, in a sentence. */
  readonly fix: string;
}

export interface RuleNotChecked {
  readonly ruleId: RuleId;
  readonly reason: string;
}

export type Verdict = 'ready' | 'not-ready' | 'not-applicable';

export interface ReadinessResult {
  readonly key: string;
  readonly verdict: Verdict;
  /** Blocking rules that fail: any one makes the issue not ready. */
  readonly failures: readonly RuleFailure[];
  /** Warning rules that fail: shown, but the issue can still be ready. */
  readonly warnings: readonly RuleFailure[];
  readonly passed: readonly RuleId[];
  /** Rules whose input was not available (no epic, no scoring status, no today…). */
  readonly notChecked: readonly RuleNotChecked[];
  /** Story points when the field holds a number, for set totals. */
  readonly points: number | undefined;
  /** Why the issue is not checked at all (for `not-applicable`). */
  readonly reason?: string;
}

export type RuleOutcome =
  | { readonly status: 'pass' }
  | { readonly status: 'fail'; readonly message: string; readonly fix: string }
  | { readonly status: 'not-checked'; readonly reason: string };

export type StoryPoints =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'missing' }
  | { readonly kind: 'wrong-type'; readonly got: string }
  /** No story points field is configured: the site has none. */
  | { readonly kind: 'no-field' };

/** One issue as the rules see it: read once, shared by every rule. */
export interface ReadinessSubject {
  readonly issue: JiraIssue;
  readonly fields: JiraFields;
  /** The issue type in lower case for sentences ("story", "bug"). */
  readonly noun: string;
  readonly points: StoryPoints;
  readonly context: ReadinessContext;
  /** `fields.parent`, or the Epic Link when its field is configured. */
  readonly parent: ParentInfo | undefined;
  /** The description, read on first use. */
  description(): DescriptionReading;
  /** The parent's theme, looked up once on first use. */
  parentTheme(): ThemeLookup;
}

/** The answer of `themeOfEpic` for the parent, or why there is none. */
export type ThemeLookup =
  | EpicTheme
  | { readonly kind: 'no-parent' }
  | { readonly kind: 'no-lookup' }
  | { readonly kind: 'lookup-failed'; readonly reason: string };

export const PASS: RuleOutcome = { status: 'pass' };

export function fail(message: string, fix: string): RuleOutcome {
  return { status: 'fail', message, fix };
}

export function notChecked(reason: string): RuleOutcome {
  return { status: 'not-checked', reason };
}
