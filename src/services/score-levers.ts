/**
 * What would change a score most: each input the user could set in place (a number, a named
 * choice) tried at its neighbouring values, the issue scored again with the same model, theme
 * weight and day, and the moves that change the score most kept. Pure: the fields as Jira
 * gave them, nothing read or written.
 *
 * Numbers move one step on the relative scale teams estimate with (… 3, 5, 8, 13 …), not by 1: a
 * business value of 8 is compared with 5 and 13, the values someone would actually choose.
 */
import type { InputEditor } from '../contract';
import type { JiraFields } from '../domain/jira-issue';
import type { CompiledScoring, ScoringConfig } from '../domain/scoring';
import type { FieldDetails } from '../jira';
import { fieldValueOf } from './issue-input';
import { editorOf } from './issue-score';

/** The relative estimation scale numbers move along (modified Fibonacci, with 0). */
export const RELATIVE_SCALE: readonly number[] = [0, 1, 2, 3, 5, 8, 13, 20, 40, 100];

export interface ScoreLever {
  readonly input: string;
  readonly label: string;
  /** The value now, as the breakdown reads it; null when the input is empty. */
  readonly from: string | null;
  readonly to: string;
  readonly scoreAfter: number;
  /** scoreAfter − the current score. */
  readonly change: number;
}

/** The scale's values on either side of `value` (the nearest below and above). */
export function neighbouringValues(value: number): number[] {
  const below = [...RELATIVE_SCALE].reverse().find((step) => step < value);
  const above = RELATIVE_SCALE.find((step) => step > value);
  return [below, above].filter((step): step is number => step !== undefined);
}

/** The values worth trying for an input, as the user would enter them. */
function candidatesOf(editor: InputEditor, current: unknown): string[] {
  if (editor.kind === 'choice') return [...editor.choices];
  if (editor.kind === 'number' && typeof current === 'number' && Number.isFinite(current)) return neighbouringValues(current).map(String);
  return [];
}

export interface LeverInput {
  readonly scoring: CompiledScoring;
  readonly config: ScoringConfig;
  readonly fields: JiraFields;
  readonly fieldList: ReadonlyMap<string, FieldDetails>;
  readonly score: number;
  readonly strategicWeight: number | undefined;
  readonly today: string;
  /** The current value of each input as the breakdown shows it. */
  readonly shown: ReadonlyMap<string, string | null>;
}

const round = (value: number): number => Math.round(value * 100) / 100;

/**
 * For each settable input, its move up and its move down that change the score most; then the
 * `max` largest moves of all. An input whose every value leaves the score as it is gives none.
 */
export function scoreLevers(input: LeverInput, max = 4): ScoreLever[] {
  const levers: ScoreLever[] = [];
  for (const info of input.scoring.inputs) {
    const editor = editorOf(input.config, info.key, input.fieldList);
    if (editor.kind !== 'number' && editor.kind !== 'choice') continue;
    let up: ScoreLever | undefined;
    let down: ScoreLever | undefined;
    for (const candidate of candidatesOf(editor, input.fields[editor.fieldId])) {
      if (candidate === input.shown.get(info.key)) continue;
      const fields = { ...input.fields, [editor.fieldId]: fieldValueOf(editor, info.label, candidate) };
      const result = input.scoring.score(fields, { strategicWeight: input.strategicWeight, today: input.today });
      if (result.status !== 'scored') continue;
      const change = round(result.score - input.score);
      if (change === 0) continue;
      const lever = { input: info.key, label: info.label, from: input.shown.get(info.key) ?? null, to: candidate, scoreAfter: round(result.score), change };
      if (change > 0 && (up === undefined || change > up.change)) up = lever;
      if (change < 0 && (down === undefined || change < down.change)) down = lever;
    }
    if (up !== undefined) levers.push(up);
    if (down !== undefined) levers.push(down);
  }
  return levers.sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.label.localeCompare(b.label)).slice(0, max);
}
