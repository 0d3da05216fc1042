/**
 * Why a score or readiness moved: the snapshot of the new evaluation compared with the snapshot the
 * last recorded change was computed from.
 *
 * - another project than at the last record: "moved" alone (the configurations differ, so nothing
 *   else compares);
 * - an input whose value (as Jira has it) differs: that input, from → to;
 * - a configuration revision that differs: that document's revision (who saved it is looked up
 *   where the project keeps it);
 * - the strategic weight the score was multiplied by differs: the theme, from → to;
 * - a date input whose value is the same but whose days remaining (and so the number used) differ:
 *   time passed;
 * - blocking rules that started or stopped failing (the "refined recently" rule starting to fail
 *   with nothing else changed is time passing too);
 * - none of these: "unexplained" (an input the history does not record, or a change it missed).
 */
import { dayNumberOf } from '../scoring/calendar-day';
import type { RuleId } from '../readiness/rule-ids';
import { ATTRIBUTION_TTL_MS, DOCUMENTS_WITH_HISTORY, MAX_ATTRIBUTIONS, MAX_CAUSES_PER_ENTRY, MAX_ENTRIES_PER_ISSUE, MAX_SNAPSHOT_INPUTS, boundedText } from './model';
import type { Attribution, HistoryCause, HistoryEntry, InputState, IssueHistory, ScoreSnapshot, ScoreState, ThemeState } from './model';

/** One input of an evaluation, as the snapshot takes it. */
export interface SnapshotInput {
  readonly key: string;
  readonly label: string;
  /** Jira's value as a person reads it; null when empty. */
  readonly text: string | null;
  readonly used: number | null;
  /** A date input (days remaining count from the evaluation's day). */
  readonly isDate: boolean;
}

export interface SnapshotSource {
  readonly projectId: string;
  readonly day: string;
  readonly revisions: ScoreSnapshot['revisions'];
  readonly inputs: readonly SnapshotInput[];
  readonly theme: ThemeState | null;
  readonly weighted: boolean;
  readonly score: number | null;
  readonly readiness: string | null;
  readonly failing: readonly RuleId[];
}

/** The snapshot of one evaluation: texts bounded, days remaining counted for date inputs. */
export function snapshotOf(source: SnapshotSource): ScoreSnapshot {
  const today = dayNumberOf(source.day);
  const inputs: Record<string, InputState> = {};
  for (const input of source.inputs.slice(0, MAX_SNAPSHOT_INPUTS)) {
    const day = input.isDate && input.text !== null ? dayNumberOf(input.text) : undefined;
    const state: InputState = { label: boundedText(input.label), text: input.text === null ? null : boundedText(input.text), used: input.used };
    inputs[input.key] = day === undefined || today === undefined ? state : { ...state, daysRemaining: day - today };
  }
  return {
    projectId: source.projectId,
    day: source.day,
    revisions: source.revisions,
    inputs,
    theme: source.theme === null ? null : { ...source.theme, name: boundedText(source.theme.name) },
    weighted: source.weighted,
    score: source.score,
    readiness: source.readiness,
    failing: [...new Set(source.failing)],
  };
}

function effectiveWeight(snapshot: ScoreSnapshot): number {
  return snapshot.weighted ? (snapshot.theme?.weight ?? 1) : 1;
}

/** The causes of the change from `previous` (the last record's snapshot; none: the first record) to `next`. */
export function causesOf(previous: ScoreSnapshot | null | undefined, next: ScoreSnapshot): HistoryCause[] {
  if (previous === null || previous === undefined) return [{ kind: 'first' }];
  if (previous.projectId !== next.projectId) return [{ kind: 'moved', fromProjectId: previous.projectId }];
  const causes: HistoryCause[] = [];
  let edited = false;
  for (const [key, after] of Object.entries(next.inputs)) {
    const before = previous.inputs[key];
    // An input the configuration added or took away is the configuration's change, said below.
    if (before === undefined) continue;
    if (before.text !== after.text) {
      causes.push({ kind: 'input', input: key, label: after.label, from: before.text, to: after.text });
      edited = true;
    } else if (after.daysRemaining !== undefined && before.daysRemaining !== after.daysRemaining && before.used !== after.used) {
      causes.push({ kind: 'time', input: key, label: after.label, daysRemaining: after.daysRemaining });
    }
  }
  for (const document of DOCUMENTS_WITH_HISTORY) {
    if (previous.revisions[document] !== next.revisions[document]) {
      causes.push({ kind: 'configuration', document, revision: next.revisions[document] });
      edited = true;
    }
  }
  if (effectiveWeight(previous) !== effectiveWeight(next)) {
    const ref = (snapshot: ScoreSnapshot) => (snapshot.theme === null ? null : { name: snapshot.theme.name, weight: snapshot.theme.weight });
    causes.push({ kind: 'theme-weight', from: ref(previous), to: ref(next) });
    edited = true;
  }
  const before = new Set(previous.failing);
  const after = new Set(next.failing);
  let failing = next.failing.filter((rule) => !before.has(rule));
  const passing = previous.failing.filter((rule) => !after.has(rule));
  if (!edited && failing.includes('refined-recently')) {
    causes.push({ kind: 'refinement-lapsed' });
    failing = failing.filter((rule) => rule !== 'refined-recently');
  }
  if (failing.length > 0 || passing.length > 0) causes.push({ kind: 'rules', failing, passing });
  if (causes.length === 0) return [{ kind: 'unexplained' }];
  if (causes.length <= MAX_CAUSES_PER_ENTRY) return causes;
  return [...causes.slice(0, MAX_CAUSES_PER_ENTRY - 1), { kind: 'more', count: causes.length - (MAX_CAUSES_PER_ENTRY - 1) }];
}

/** A change the app wrote, before its causes are known (they depend on the record it lands on). */
export interface ChangeDraft {
  readonly issueId: string;
  readonly projectId: string;
  readonly at: string;
  readonly from: ScoreState;
  readonly to: ScoreState;
  readonly snapshot: ScoreSnapshot;
}

export function sameState(a: ScoreState, b: ScoreState): boolean {
  return a.score === b.score && a.readiness === b.readiness;
}

/**
 * The issue's history with the change added (its causes from the stored snapshot), the oldest
 * entries dropped beyond MAX_ENTRIES_PER_ISSUE; undefined when the change repeats the newest entry
 * (an event delivered twice, a trigger and a recompute writing the same value).
 */
export function withChange(history: IssueHistory | undefined, change: ChangeDraft): IssueHistory | undefined {
  const entries = history?.entries ?? [];
  const newest = entries.at(-1);
  if (newest !== undefined && newest.projectId === change.projectId && sameState(newest.from, change.from) && sameState(newest.to, change.to)) return undefined;
  const attributed = attributedCauses(causesOf(history?.snapshot, change.snapshot), history?.pending ?? [], Date.parse(change.at));
  const entry: HistoryEntry = { at: change.at, projectId: change.projectId, from: change.from, to: change.to, causes: attributed.causes };
  const next: IssueHistory = { issueId: change.issueId, entries: [...entries, entry].slice(-MAX_ENTRIES_PER_ISSUE), snapshot: change.snapshot };
  return attributed.pending.length === 0 ? next : { ...next, pending: attributed.pending };
}

/**
 * The causes with what explains them: an input changed to the value a team round was applying is
 * followed by the round's cause ("Team round 'Sprint 12 candidates': median of 5 votes"). An
 * attribution used, or older than ATTRIBUTION_TTL_MS, is dropped; the others keep waiting.
 */
export function attributedCauses(causes: readonly HistoryCause[], pending: readonly Attribution[], now: number): { causes: HistoryCause[]; pending: Attribution[] } {
  const fresh = pending.filter((attribution) => !(now - Date.parse(attribution.at) > ATTRIBUTION_TTL_MS));
  const used = new Set<Attribution>();
  const out: HistoryCause[] = [];
  for (const cause of causes) {
    out.push(cause);
    if (cause.kind !== 'input') continue;
    const match = [...fresh].reverse().find((attribution) => attribution.input === cause.input && attribution.text === cause.to && !used.has(attribution));
    if (match === undefined) continue;
    used.add(match);
    out.push(match.cause);
  }
  const capped = out.length <= MAX_CAUSES_PER_ENTRY ? out : [...out.slice(0, MAX_CAUSES_PER_ENTRY - 1), { kind: 'more' as const, count: out.length - (MAX_CAUSES_PER_ENTRY - 1) }];
  return { causes: capped, pending: fresh.filter((attribution) => !used.has(attribution)) };
}

/** The issue's history with an attribution waiting for its change (the newest per input; at most MAX_ATTRIBUTIONS). */
export function withAttribution(history: IssueHistory | undefined, issueId: string, attribution: Attribution): IssueHistory {
  const others = (history?.pending ?? []).filter((waiting) => waiting.input !== attribution.input);
  return { issueId, entries: history?.entries ?? [], snapshot: history?.snapshot ?? null, pending: [...others, attribution].slice(-MAX_ATTRIBUTIONS) };
}
