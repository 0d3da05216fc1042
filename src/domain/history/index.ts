/** Why a priority moved: the history of the app's changes to an issue's score and readiness. Pure. */
export {
  ATTRIBUTION_TTL_MS,
  MAX_ATTRIBUTIONS,
  attributionSchema,
  DOCUMENTS_WITH_HISTORY,
  MAX_CAUSES_PER_ENTRY,
  MAX_ENTRIES_PER_ISSUE,
  MAX_MOVERS_PER_PROJECT,
  MAX_SAVERS,
  MAX_SNAPSHOT_INPUTS,
  MAX_TEXT,
  boundedText,
  historyCauseSchema,
  historyEntrySchema,
  issueHistorySchema,
  moverSchema,
  projectHistorySchema,
  saverKey,
  saverSchema,
  scoreSnapshotSchema,
  scoreStateSchema,
} from './model';
export type { Attribution, HistoryCause, HistoryDocument, HistoryEntry, InputState, IssueHistory, Mover, ProjectHistory, Saver, ScoreSnapshot, ScoreState, ThemeState } from './model';
export { attributedCauses, causesOf, sameState, snapshotOf, withAttribution, withChange } from './causes';
export type { ChangeDraft, SnapshotInput, SnapshotSource } from './causes';
export { movedMost, withMovers } from './movers';
export type { MovedIssue, MovedMost } from './movers';
export { otherProjectsOf, visibleHistory } from './visibility';
export type { ShownEntry, VisibleHistory } from './visibility';
export { causeInWords, daysInWords, saverInWords } from './words';
export type { SaverLookup } from './words';
