/**
 * What scoring one issue answers: a score only when every input is present and valid, else what
 * is missing or wrong, by name; and always the breakdown the sidebar explains the score with.
 */
import type { JsonValue } from './json-safe';

/** How an input enters its model: added, divided by, multiplied, or weighted. */
export type InputRole = 'addend' | 'divisor' | 'factor' | 'multiplier' | 'criterion' | 'cost-criterion' | 'operand';

export type InputStatus = 'ok' | 'missing' | 'invalid';

export interface BreakdownLine {
  /** The input's key in the configuration ("jobSize", a criterion's or formula input's name). */
  readonly input: string;
  readonly label: string;
  /** The Jira field read ("customfield_10016", "duedate", "votes"); null for the caller's context. */
  readonly fieldId: string | null;
  /** The value as Jira sent it (null when absent), JSON-safe. */
  readonly raw: JsonValue;
  readonly status: InputStatus;
  /** The number the model used (after option tables, days-remaining tables, % → fraction, 0–10 scaling). */
  readonly used: number | null;
  /** The criterion's weight (weighted scoring); null for models without weights. */
  readonly weight: number | null;
  /**
   * The input's share of the score where the model is a sum (WSJF's and value/effort's numerator,
   * weighted criteria, ICE's mean): the shares add up to the score. Null for factors, divisors,
   * multipliers and formula operands, and whenever there is no score.
   */
  readonly contribution: number | null;
  readonly role: InputRole;
  /** Why the input is missing or invalid, or how a default was applied ("no theme: counts as 1"). */
  readonly note: string | null;
}

export interface InputProblem {
  readonly input: string;
  readonly label: string;
  readonly fieldId: string | null;
  readonly reason: string;
}

export type ScoreResult =
  | { readonly status: 'scored'; readonly score: number; readonly breakdown: readonly BreakdownLine[] }
  | { readonly status: 'incomplete'; readonly missing: readonly InputProblem[]; readonly breakdown: readonly BreakdownLine[] }
  | {
      readonly status: 'invalid';
      readonly invalid: readonly InputProblem[];
      readonly missing: readonly InputProblem[];
      readonly breakdown: readonly BreakdownLine[];
    };
