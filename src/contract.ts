/**
 * The one contract between the Custom UI apps (static/) and the resolvers (src/resolvers):
 * every resolver key, its payload and its result. The backend implements it with
 * `makeResolver<ResolverDefs>`, the frontend calls it with `makeInvoke<ResolverDefs>()`, so a
 * renamed key or a changed payload fails the type check on both sides.
 *
 * Results pass through JSON: no Dates, no undefined that matters, no class instances.
 */
import type { FormulaCheck, InputRole, InputStatus } from './domain/scoring';

export type ErrorCode = 'bad-request' | 'not-found' | 'forbidden' | 'stale' | 'rate-limited' | 'jira-error' | 'internal';

/** Every resolver answers with this envelope; the UI shows `error.message` as it is. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: { readonly code: ErrorCode; readonly message: string } };

export interface CheckFormulaPayload {
  readonly formula: string;
  readonly inputNames: readonly string[];
}

/** An input of the score that is missing or unusable, by name, with why. */
export interface ScoreInputProblem {
  readonly input: string;
  readonly label: string;
  readonly reason: string;
}

/** One row of the sidebar's breakdown: where an input came from and what it did to the score. */
export interface ScoreBreakdownRow {
  readonly input: string;
  readonly label: string;
  /** The Jira field read, with its name on this site; null for the theme's strategic weight. */
  readonly field: { readonly id: string; readonly name: string } | null;
  /** Jira's value as a person reads it ("High", "2026-01-22", "8"); null when the field is empty. */
  readonly rawText: string | null;
  /** The number the model used; null when the input is missing or invalid. */
  readonly used: number | null;
  readonly weight: number | null;
  /** The input's share of the score where the model is a sum; null otherwise. */
  readonly contribution: number | null;
  readonly status: InputStatus;
  readonly role: InputRole;
  readonly note: string | null;
}

/** What the issue sidebar shows: the score (or why there is none) and how it was computed. */
export interface IssueScoreView {
  readonly issue: { readonly id: string; readonly key: string; readonly summary: string | null };
  readonly model: { readonly name: string; readonly formula: string };
  readonly outcome: 'scored' | 'incomplete' | 'invalid';
  /** Present only when `outcome` is 'scored': never a silent 0. */
  readonly score: number | null;
  readonly missing: readonly ScoreInputProblem[];
  readonly invalid: readonly ScoreInputProblem[];
  readonly breakdown: readonly ScoreBreakdownRow[];
  /** Where the configuration came from; stored configurations come with the settings page. */
  readonly configuration: 'default';
}

// A type alias, not an interface: @forge/resolver's `Definitions` is a Record, which interfaces do not satisfy.
export type ResolverDefs = {
  /** Checks a custom scoring formula as a project admin types it: errors at their position. */
  checkFormula: (payload: CheckFormulaPayload) => Result<FormulaCheck>;
  /**
   * The score of the issue in view (`context.extension.issue`, never the payload), read from
   * Jira as the user: an issue they cannot browse is 'not-found'.
   */
  getIssueScore: () => Result<IssueScoreView>;
};

/** The keys at run time, so the architecture test can prove each one is defined. */
export const resolverKeys = ['checkFormula', 'getIssueScore'] as const satisfies readonly Extract<keyof ResolverDefs, string>[];

// Fails to compile when a key is added to ResolverDefs but not to resolverKeys.
type MissingKeys = Exclude<Extract<keyof ResolverDefs, string>, (typeof resolverKeys)[number]>;
export const contractIsComplete: [MissingKeys] extends [never] ? true : MissingKeys = true;
