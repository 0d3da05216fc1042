/**
 * Where Throughline keeps things in Forge storage. Every key is built here, from a project id
 * that has been checked to be one (digits only), so nothing a browser sends can reach another
 * tenant's or another project's data by crafting a key.
 *
 * Layout (see README.md in this folder):
 *   entity `settings`       project:<projectId>:scoring | :readiness | :strategy | :product-managers
 *   entity `recompute-run`  project:<projectId>
 *   key                     site:fields              (field discovery of the site, refreshed daily)
 *   key                     project-fields:<projectId>        (which fields the project's issues carry: its default configuration)
 *   key                     epic-theme:<projectId>:<epicId>   (which theme an epic serves: the truth; see epic-themes.ts)
 *   key                     epic-theme-import:<projectId>     (when the project's existing theme properties were adopted)
 *   entity `score-history`          score-history:<issueId>           (an issue's last changes: why its priority moved)
 *   entity `score-history-project`  score-history-project:<projectId> (a project's last changes; who saved the revisions named)
 *   entity `scoring-round`          scoring-round:<projectId>:<slot>  (a team scoring round; 20 slots per project)
 *   key                     board-sprints:<boardId>            (what the Sprint readiness gadget last saw of a board: ids and epic keys)
 */

/** Forge's key rules: 1–500 characters of [a-zA-Z0-9:._\s-#], not only spaces. */
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]{1,500}$/;
/** Jira project ids are positive whole numbers. */
const PROJECT_ID = /^[1-9][0-9]{0,17}$/;

export const SETTINGS_ENTITY = 'settings';
export const RECOMPUTE_ENTITY = 'recompute-run';
export const SITE_FIELDS_KEY = 'site:fields';

export const DOCUMENT_KINDS = ['scoring', 'readiness', 'strategy', 'product-managers'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export class StorageKeyError extends Error {
  override readonly name = 'StorageKeyError';
}

export function isProjectId(value: unknown): value is string {
  return typeof value === 'string' && PROJECT_ID.test(value);
}

export function assertValidKey(key: string): string {
  if (!KEY_PATTERN.test(key)) throw new StorageKeyError(`"${key.slice(0, 60)}" is not a valid storage key (1–500 characters of letters, digits, ":._-#" and spaces).`);
  return key;
}

function projectPart(projectId: string): string {
  if (!isProjectId(projectId)) throw new StorageKeyError(`"${String(projectId).slice(0, 40)}" is not a Jira project id.`);
  return `project:${projectId}`;
}

export function settingsKey(projectId: string, kind: DocumentKind): string {
  return assertValidKey(`${projectPart(projectId)}:${kind}`);
}

export function recomputeKey(projectId: string): string {
  return assertValidKey(projectPart(projectId));
}

/** Which fields a project's issues carry (services/project-fields.ts): what its default configuration reads. */
export function projectFieldsKey(projectId: string): string {
  return assertValidKey(`project-fields:${projectPart(projectId).slice('project:'.length)}`);
}

/** Jira issue ids are positive whole numbers too. */
const ISSUE_ID = /^[1-9][0-9]{0,17}$/;

export function isIssueId(value: unknown): value is string {
  return typeof value === 'string' && ISSUE_ID.test(value);
}

/** Where the epics of a project keep their themes: one key per epic, listed by this prefix. */
export function epicThemePrefix(projectId: string): string {
  return assertValidKey(`epic-theme:${projectPart(projectId).slice('project:'.length)}:`);
}

export function epicThemeKey(projectId: string, epicId: string): string {
  if (!isIssueId(epicId)) throw new StorageKeyError(`"${String(epicId).slice(0, 40)}" is not a Jira issue id.`);
  return assertValidKey(`${epicThemePrefix(projectId)}${epicId}`);
}

export function epicThemeImportKey(projectId: string): string {
  return assertValidKey(`epic-theme-import:${projectPart(projectId).slice('project:'.length)}`);
}

/** Jira board ids are positive whole numbers. */
const BOARD_ID = /^[1-9][0-9]{0,17}$/;

/** The issues pinned in a project's backlog orderings (who, when, why). */
export function backlogPinsKey(projectId: string): string {
  return assertValidKey(`backlog-pins:${projectPart(projectId).slice('project:'.length)}`);
}

/** A board's order before the last "Order the backlog by score", for Undo. */
export function backlogUndoKey(boardId: string): string {
  if (!BOARD_ID.test(boardId)) throw new StorageKeyError(`"${boardId.slice(0, 40)}" is not a Jira board id.`);
  return assertValidKey(`backlog-undo:${boardId}`);
}

/** What the Sprint readiness gadget last saw of a board (board-sprints.ts): its project and sprint ids, its sprint's parent epic keys. */
export function boardSprintsKey(boardId: string): string {
  if (!BOARD_ID.test(boardId)) throw new StorageKeyError(`"${boardId.slice(0, 40)}" is not a Jira board id.`);
  return assertValidKey(`board-sprints:${boardId}`);
}

/** Why a priority moved (score-history.ts): an issue's last changes, by issue id (kept when the issue moves project). */
export const ISSUE_HISTORY_ENTITY = 'score-history';
/** A project's last changes across its issues, and who saved the revisions they name. */
export const PROJECT_HISTORY_ENTITY = 'score-history-project';

export function issueHistoryKey(issueId: string): string {
  if (!isIssueId(issueId)) throw new StorageKeyError(`"${String(issueId).slice(0, 40)}" is not a Jira issue id.`);
  return assertValidKey(`score-history:${issueId}`);
}

export function projectHistoryKey(projectId: string): string {
  return assertValidKey(`score-history-project:${projectPart(projectId).slice('project:'.length)}`);
}

/** Team scoring rounds (scoring-rounds.ts): a project's rounds, one per slot (0 to MAX_ROUNDS_PER_PROJECT − 1). */
export const SCORING_ROUND_ENTITY = 'scoring-round';

export function scoringRoundKey(projectId: string, slot: number): string {
  if (!Number.isInteger(slot) || slot < 0 || slot > 99) throw new StorageKeyError(`"${String(slot)}" is not a round's slot.`);
  return assertValidKey(`scoring-round:${projectPart(projectId).slice('project:'.length)}:${String(slot)}`);
}
