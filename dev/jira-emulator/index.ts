/** The Jira emulator's public API: start it, change its data in process, listen to its changes. */
export { startJiraEmulator, ACCOUNT_HEADER, AS_APP_HEADER, LOOPBACK } from './emulator';
export type { JiraEmulator, JiraEmulatorOptions } from './emulator';
export { EmulatorState } from './state';
export { APP_CALLER, IssueEditError } from './model';
export type { Caller, ChangeItem, ChangeListener, EmulatorChange, IssueSummary, StoredIssue, StoredLink } from './model';
export { loadDatasetFile, parseDataset, DatasetError } from './load-dataset';
export { datasetSchema } from './dataset-schema';
export type { Dataset, DatasetInput } from './dataset-schema';
export { DEFAULT_PAGING } from './search';
export type { PagingCaps } from './search';
export type { FaultConfig, LatencyConfig, ScriptedFault, RateLimitReason } from './faults';
