/**
 * Throughline's data in Forge storage: the versioned configuration documents of each project,
 * the state of bulk recomputes, and the site's field discovery. See README.md for the key layout.
 *
 * Repositories take a `KvsPort`; `forgeKvs()` (forge-kvs.ts, the only file here that imports
 * @forge/kvs) is the real one, `memoryKvs()` the in-memory one for tests and benchmarks.
 */
export { DOCUMENT_KINDS, RECOMPUTE_ENTITY, projectFieldsKey, SETTINGS_ENTITY, SITE_FIELDS_KEY, StorageKeyError, assertValidKey, epicThemeKey, epicThemePrefix, isIssueId, isProjectId, recomputeKey, settingsKey } from './keys';
export type { DocumentKind } from './keys';
export { ConditionFailedError, MAX_BATCH_ITEMS, MAX_TRANSACTION_WRITES, MAX_VALUE_BYTES, QUERY_PAGE_SIZE, byteLengthOf, memoryKvs } from './kvs-port';
export type { Condition, EntityWrite, KvsPort } from './kvs-port';
export {
  DOCUMENT_LABELS,
  ENVELOPE_MIGRATIONS,
  SCORING_CONFIG_VERSION,
  STORAGE_SCHEMA_VERSION,
  migrateEnvelopeV0,
  newerMessage,
  parseDocument,
  readRecord,
} from './documents';
export type { DocumentError, DocumentParse, DocumentRecord, DocumentValues, ProductManagers, RecordRead } from './documents';
export { StorageError, isStorageError, staleMessage } from './errors';
export type { StorageErrorCode } from './errors';
export { createSettingsRepository } from './settings-repository';
export type { DocumentDefaults, LoadedDocument, ProjectDocuments, SaveOptions, SavedDocument, SettingsRepository } from './settings-repository';
export { CONFIGURATION_FILE_VERSION, CONFIGURATION_FORMAT, MAX_CONFIGURATION_FILE_CHARS, checkConfigurationFile, configurationFileOf } from './configuration-file';
export type { ConfigurationFile, ImportCheck, ImportOptions, ImportRefusal } from './configuration-file';
export { MAX_RECENT_ERRORS, MAX_REMEMBERED_EPICS, createRecomputeStore } from './recompute-store';
export type { RecomputeProgress, RecomputeStore, RunCursor, RunError, RunRecord, RunStatus } from './recompute-store';
export { createSiteCache } from './site-cache';
export { createBoardSprintsMemory } from './board-sprints';
export type { BoardSprints, BoardSprintsMemory } from './board-sprints';
export { FORMER_USER, createPersonalDataStore, registerProject } from './personal-data';
export type { ErasedInProject, HeldAccount, PersonalDataStore } from './personal-data';
export type { CachedValue, SiteCache } from './site-cache';
export { createProjectFieldsCache } from './project-fields';
export type { ProjectFieldsCache } from './project-fields';
export { createEpicThemeStore } from './epic-themes';
export { INDEX_PAGES, ROLLUP_GROUP_ENTITY, ROLLUP_INDEX_ENTITY, createRollupStore, indexPageOf, isGroupId } from './rollups';
export type { GroupChange, GroupChangeOutcome, MemberRemoval, RollupGroupRecord, RollupIndexEntry, RollupState, RollupStore } from './rollups';
export type { EpicAttachment, EpicRefInProject, EpicThemeStore } from './epic-themes';
export { MAX_PINS, MAX_PIN_REASON, MAX_SAVED_ORDER, createBacklogOrderStore } from './backlog-order-store';
export type { BacklogOrderStore, BacklogPin, SavedBacklogOrder } from './backlog-order-store';
export { ISSUE_HISTORY_ENTITY, PROJECT_HISTORY_ENTITY, createScoreHistoryStore } from './score-history';
export type { RecordOutcome, SaverDraft, ScoreHistoryStore } from './score-history';
export { SCORING_ROUND_ENTITY, createScoringRoundStore, slotOfRoundId } from './scoring-rounds';
export type { ScoringRoundStore, StoredRound } from './scoring-rounds';
