/**
 * The one contract between the Custom UI apps (static/) and the resolvers (src/resolvers):
 * every resolver key, its payload and its result. The backend implements it with
 * `makeResolver<ResolverDefs>`, the frontend calls it with `makeInvoke<ResolverDefs>()`, so a
 * renamed key or a changed payload fails the type check on both sides.
 *
 * Results pass through JSON: no Dates, no undefined that matters, no class instances.
 */
import type { FormulaCheck } from './domain/scoring';

export type ErrorCode = 'bad-request' | 'not-found' | 'forbidden' | 'stale' | 'rate-limited' | 'jira-error' | 'internal';

/** Every resolver answers with this envelope; the UI shows `error.message` as it is. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: { readonly code: ErrorCode; readonly message: string } };

export interface CheckFormulaPayload {
  readonly formula: string;
  readonly inputNames: readonly string[];
}

// A type alias, not an interface: @forge/resolver's `Definitions` is a Record, which interfaces do not satisfy.
export type ResolverDefs = {
  /** Checks a custom scoring formula as a project admin types it: errors at their position. */
  checkFormula: (payload: CheckFormulaPayload) => Result<FormulaCheck>;
};

/** The keys at run time, so the architecture test can prove each one is defined. */
export const resolverKeys = ['checkFormula'] as const satisfies readonly Extract<keyof ResolverDefs, string>[];

// Fails to compile when a key is added to ResolverDefs but not to resolverKeys.
type MissingKeys = Exclude<Extract<keyof ResolverDefs, string>, (typeof resolverKeys)[number]>;
export const contractIsComplete: [MissingKeys] extends [never] ? true : MissingKeys = true;
