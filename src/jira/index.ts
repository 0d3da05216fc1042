/**
 * The Jira REST client. Import from here; forge-request.ts is separate because it loads
 * @forge/api, which only the Forge runtime (or its local stand-in) can serve.
 */
export { createJiraClient, parseJsonBody, DEFAULT_TIME_BUDGET_MS } from './client';
export type { JiraClient, JiraClientOptions, JiraCall, JiraCallResult, RequestJira, RequestInitLike, ResponseLike, RetryEvent, HttpMethod } from './client';
export { JiraError, describeForLog, isJiraError, rateLimitedMessage } from './errors';
export type { JiraErrorKind, JiraErrorReason } from './errors';
export { jiraPath, jiraQuery, assertSafeJiraPath, UnsafePathError, JiraQuery } from './paths';
export type { JiraPath } from './paths';
export { jql, jqlPart, noJql, nonEmpty, customField, dateField, issueProperty, issueKey, isIssueKey, projectId, jqlString, jqlNumber, JqlPart, UnsafeJqlError } from './jql';
export type { Jql, JqlScalar, JqlValue, NonEmptyList } from './jql';
export { MAX_RETRIES, MAX_DELAY_MS, OPERATIONS, parseRetryAfter, retryDelayMs, isIdempotent } from './retry';
export type { OperationName } from './retry';
export { searchPages, collectIssues, approximateCount, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './search';
export type { SearchOptions, SearchPage, SearchResult, CollectOptions } from './search';
export { discoverFields, discoverSiteFields, fetchFields, FIELD_TYPES } from './fields';
export type { DiscoveredFields, FieldChoice, FieldRef, DiscoverOptions } from './fields';
export { getIssue, bulkFetchIssues, editIssueFields, MAX_BULK_FETCH } from './issues';
export type { BulkFetchResult, ReadIssueOptions } from './issues';
export { getIssueProperty, setIssueProperty, deleteIssueProperty, listIssuePropertyKeys, MAX_PROPERTY_BYTES } from './properties';
export { updateAppFieldValues, planAppFieldUpdates, MAX_ISSUE_VALUES_PER_CALL } from './app-fields';
export type { AppFieldValue, AppFieldResult } from './app-fields';
export { getMyPermissions, checkPermissions, issuesGranted } from './permissions';
export type { PermissionGrants, PermissionScope } from './permissions';
export { getBoard, listBoards, listSprints, searchBoards } from './agile';
export { getProject, searchProjects } from './projects';
export type { ProjectChoice } from './projects';
export { searchUsers, bulkGetUsers, MAX_USER_SEARCH_RESULTS, MAX_BULK_USERS } from './users';
export type { JiraUser } from './users';
export type { Board, Sprint, SprintState } from './agile';
export type { FieldDetails } from './schemas';
export { readBacklog, listBoardProjects, rankIssues, BACKLOG_PAGE_SIZE, MAX_RANK_PER_CALL } from './board-rank';
export type { BacklogIssue, RankOutcome, RankPosition } from './board-rank';
