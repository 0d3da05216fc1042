/**
 * Why a priority moved: what the app keeps of each change it writes to an issue's score or
 * readiness, and the bounds that keep it small. Plain data, validated with these schemas whenever
 * it is read back from storage (a value of another shape reads as none).
 *
 * - A `ScoreSnapshot` is what one evaluation was computed from: each input as Jira had it (and the
 *   number the model used), the configuration revisions, the theme and its strategic weight, the
 *   score and the readiness verdict. Only the newest is kept per issue: the next change is compared
 *   with it to say why the score moved.
 * - A `HistoryEntry` is one change: when, from → to, and its causes.
 * - A `Mover` is one change in a project's index of recent changes ("what moved most since").
 *
 * No account id is kept here: a configuration cause names the revision, and who saved it is kept
 * once per project (src/storage/score-history.ts), where the personal data report finds it.
 */
import { z } from 'zod';
import { RULE_IDS } from '../readiness/rule-ids';

/** The last changes kept per issue. */
export const MAX_ENTRIES_PER_ISSUE = 20;
/** The last changes kept per project, across its issues: what "moved most since" reads. */
export const MAX_MOVERS_PER_PROJECT = 500;
/** Causes spelled out per change (more inputs than that changing at once are counted, not listed). */
export const MAX_CAUSES_PER_ENTRY = 10;
/** Inputs kept in a snapshot: more than any model has. */
export const MAX_SNAPSHOT_INPUTS = 40;
/** A value as text (an option's name, a date, a list) is cut to this many characters. */
export const MAX_TEXT = 120;
/** Who saved which revision, per project: the newest kept. */
export const MAX_SAVERS = 40;

const text = z.string().max(MAX_TEXT + 1);
const ID = z.string().regex(/^[1-9][0-9]{0,17}$/);
const ISO_DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ISO_TIME = z.string().max(40);
const score = z.number().nullable();
const ruleId = z.enum(RULE_IDS);
const readinessText = z.string().max(60).nullable();

export const DOCUMENTS_WITH_HISTORY = ['scoring', 'readiness'] as const;
export type HistoryDocument = (typeof DOCUMENTS_WITH_HISTORY)[number];

const inputStateSchema = z.object({
  label: text,
  /** Jira's value as a person reads it; null when the field is empty. */
  text: text.nullable(),
  /** The number the model used; null when missing or invalid. */
  used: z.number().nullable(),
  /** A date input: days from the evaluation's day to the date (negative when overdue). */
  daysRemaining: z.number().int().optional(),
});
export type InputState = z.infer<typeof inputStateSchema>;

const themeStateSchema = z.object({ id: z.string().max(100), name: text, weight: z.number() });
export type ThemeState = z.infer<typeof themeStateSchema>;

export const scoreSnapshotSchema = z.object({
  projectId: ID,
  /** The day (UTC) the evaluation counted days remaining from. */
  day: ISO_DAY,
  revisions: z.object({ scoring: z.number().int().min(0), readiness: z.number().int().min(0) }),
  inputs: z.record(z.string().max(100), inputStateSchema).refine((inputs) => Object.keys(inputs).length <= MAX_SNAPSHOT_INPUTS),
  theme: themeStateSchema.nullable(),
  /** Whether the model multiplies the score by the theme's strategic weight. */
  weighted: z.boolean(),
  score,
  readiness: readinessText,
  /** The blocking rules that failed. */
  failing: z.array(ruleId).max(RULE_IDS.length),
});
export type ScoreSnapshot = z.infer<typeof scoreSnapshotSchema>;

export const scoreStateSchema = z.object({ score, readiness: readinessText });
/** What an issue carried: its score (null: none) and its readiness as the Readiness field says it. */
export type ScoreState = z.infer<typeof scoreStateSchema>;

const themeRef = z.object({ name: text, weight: z.number() }).nullable();

export const historyCauseSchema = z.discriminatedUnion('kind', [
  /** No earlier record to compare with. */
  z.object({ kind: z.literal('first') }),
  /** The issue is now in another project than at the last record (its configuration is another one). */
  z.object({ kind: z.literal('moved'), fromProjectId: ID }),
  z.object({ kind: z.literal('input'), input: z.string().max(100), label: text, from: text.nullable(), to: text.nullable() }),
  z.object({ kind: z.literal('configuration'), document: z.enum(DOCUMENTS_WITH_HISTORY), revision: z.number().int().min(0) }),
  z.object({ kind: z.literal('theme-weight'), from: themeRef, to: themeRef }),
  /** Time alone: a date input's days remaining. */
  z.object({ kind: z.literal('time'), input: z.string().max(100), label: text, daysRemaining: z.number().int() }),
  /** Time alone: the "refined recently" rule started failing. */
  z.object({ kind: z.literal('refinement-lapsed') }),
  z.object({ kind: z.literal('rules'), failing: z.array(ruleId).max(RULE_IDS.length), passing: z.array(ruleId).max(RULE_IDS.length) }),
  /** More causes than an entry spells out. */
  z.object({ kind: z.literal('more'), count: z.number().int().min(1) }),
  /** Nothing the history keeps changed (an input it does not record, a record missed). */
  z.object({ kind: z.literal('unexplained') }),
  /** The input's new value came from a team scoring round: its name, and the median of how many votes (or the owner's choice). */
  z.object({ kind: z.literal('round'), name: text, label: text, how: z.enum(['median', 'chosen']), votes: z.number().int().min(0) }),
]);
export type HistoryCause = z.infer<typeof historyCauseSchema>;

export const historyEntrySchema = z.object({
  at: ISO_TIME,
  /** The project the issue was in when the change was written: what decides who may see it. */
  projectId: ID,
  from: scoreStateSchema,
  to: scoreStateSchema,
  causes: z.array(historyCauseSchema).max(MAX_CAUSES_PER_ENTRY + 1),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** Pending attributions of an issue kept at most (one per input a round is applying). */
export const MAX_ATTRIBUTIONS = 10;
/** How long an attribution waits for the change it explains. */
export const ATTRIBUTION_TTL_MS = 60 * 60 * 1000;

export const attributionSchema = z.object({
  /** The input and the value (as Jira will have it, as text) a team round is about to write. */
  input: z.string().max(100),
  text,
  at: ISO_TIME,
  cause: z.object({ kind: z.literal('round'), name: text, label: text, how: z.enum(['median', 'chosen']), votes: z.number().int().min(0) }),
});
/** Why an input is about to change, written before the change (a team round's apply), for the record that sees the change. */
export type Attribution = z.infer<typeof attributionSchema>;

export const issueHistorySchema = z.object({
  issueId: ID,
  /** Attributions waiting for the change they explain (at most MAX_ATTRIBUTIONS). */
  pending: z.array(attributionSchema).max(MAX_ATTRIBUTIONS).optional(),
  /** Oldest first; at most MAX_ENTRIES_PER_ISSUE. */
  entries: z.array(historyEntrySchema).max(MAX_ENTRIES_PER_ISSUE),
  /** What the newest entry's score was computed from. */
  snapshot: scoreSnapshotSchema.nullable(),
});
export type IssueHistory = z.infer<typeof issueHistorySchema>;

export const moverSchema = z.object({
  issueId: ID,
  at: ISO_TIME,
  from: scoreStateSchema,
  to: scoreStateSchema,
});
/** One change in a project's index of recent changes. */
export type Mover = z.infer<typeof moverSchema>;

export const saverSchema = z.object({ by: z.string().max(128), at: ISO_TIME });
/** Who saved a configuration revision, and when. */
export type Saver = z.infer<typeof saverSchema>;

/** The key of a revision in a project's savers: "scoring:4". */
export function saverKey(document: HistoryDocument, revision: number): string {
  return `${document}:${String(revision)}`;
}

export const projectHistorySchema = z.object({
  projectId: ID,
  /** Oldest first; at most MAX_MOVERS_PER_PROJECT. */
  movers: z.array(moverSchema).max(MAX_MOVERS_PER_PROJECT),
  savers: z.record(z.string().regex(/^(scoring|readiness):[0-9]{1,12}$/), saverSchema).refine((savers) => Object.keys(savers).length <= MAX_SAVERS),
});
export type ProjectHistory = z.infer<typeof projectHistorySchema>;

/** A value cut to MAX_TEXT characters (an ellipsis says it was cut). */
export function boundedText(value: string): string {
  return value.length <= MAX_TEXT ? value : `${value.slice(0, MAX_TEXT)}…`;
}
