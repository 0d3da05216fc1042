/**
 * The emulator's own model: who calls, how issues and links are stored, the changes the site
 * emits, the helpers every module shares, and the narrow views of the site that the renderer and
 * the editor take. Kept apart from `state`, and importing nothing of the emulator but the dataset's
 * types, so that every module `state` uses can import it without importing `state` back.
 */
import type { Dataset, DatasetField, DatasetIssueType, DatasetLinkType, DatasetProject, DatasetSprint, DatasetStatus, DatasetUser } from './dataset-schema';

export type Caller = { kind: 'app' } | { kind: 'user'; accountId: string };

export const APP_CALLER: Caller = { kind: 'app' };

export interface StoredIssue {
  readonly id: string;
  /** Key, key number and project change only when the issue is moved to another project. */
  key: string;
  keyNumber: number;
  projectId: string;
  issueTypeId: string;
  statusId: string;
  parentId: string | undefined;
  sprintIds: number[];
  /** A level of the project's issue security scheme; undefined when anyone who may browse the project sees it. */
  securityLevelId?: string | undefined;
  /** Every other field, normalised: references as `{id}` / `{accountId}`, values as Jira sends them. */
  fields: Record<string, unknown>;
  properties: Map<string, unknown>;
}

/** "from <type.outward> to", e.g. from blocks to; `from` is Jira's source (outward) issue. */
export interface StoredLink {
  readonly id: string;
  readonly typeId: string;
  readonly fromId: string;
  readonly toId: string;
}

/** One line of an issue's changelog, as Jira's `avi:jira:updated:issue` event carries it. */
export interface ChangeItem {
  field: string;
  fieldId: string;
  fieldtype: 'jira' | 'custom';
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface IssueSummary {
  id: string;
  key: string;
  fields: Record<string, unknown>;
}

export type EmulatorChange =
  | { eventType: 'avi:jira:created:issue'; atlassianId?: string; issue: IssueSummary }
  /** `issue` as it was just before the deletion. */
  | { eventType: 'avi:jira:deleted:issue'; atlassianId?: string; issue: IssueSummary }
  | { eventType: 'avi:jira:updated:issue'; atlassianId?: string; issue: IssueSummary; changelog: { id: string; items: ChangeItem[] } }
  | {
      eventType: 'avi:jira:created:issuelink' | 'avi:jira:deleted:issuelink';
      atlassianId?: string;
      issueLink: { id: string; sourceIssueId: string; destinationIssueId: string; issueLinkType: DatasetLinkType };
    }
  | {
      /** Not a Forge product event; emitted so tests and the runtime can react to property writes. */
      eventType: 'emulator:set:issue-property' | 'emulator:deleted:issue-property';
      atlassianId?: string;
      issue: { id: string; key: string };
      propertyKey: string;
      value?: unknown;
    }
  | { eventType: 'avi:jira-software:started:sprint' | 'avi:jira-software:closed:sprint' | 'avi:jira-software:updated:sprint'; sprint: DatasetSprint };

export type ChangeListener = (change: EmulatorChange) => void;

/** The site's catalogs, read-only: what the renderer and the editor look values up in. */
export interface SiteCatalog {
  readonly baseUrl: string;
  readonly users: ReadonlyMap<string, DatasetUser>;
  readonly projectsById: ReadonlyMap<string, DatasetProject>;
  readonly issueTypes: ReadonlyMap<string, DatasetIssueType>;
  readonly statuses: ReadonlyMap<string, DatasetStatus>;
  readonly priorities: Dataset['priorities'];
  readonly resolutions: Dataset['resolutions'];
  readonly fields: readonly DatasetField[];
  readonly fieldsById: ReadonlyMap<string, DatasetField>;
  readonly fieldsByKey: ReadonlyMap<string, DatasetField>;
  readonly fieldOptions: Dataset['fieldOptions'];
  readonly linkTypes: ReadonlyMap<string, DatasetLinkType>;
  readonly sprints: ReadonlyMap<number, DatasetSprint>;
  readonly sprintFieldId: string | undefined;
}

/** What rendering an issue reads besides the catalogs: the issues around it, as the viewer may see them. */
export interface IssueReader extends SiteCatalog {
  issueById(id: string): StoredIssue | undefined;
  linksOf(issueId: string): StoredLink[];
  childrenOf(issueId: string): StoredIssue[];
  canBrowse(caller: Caller, issue: StoredIssue): boolean;
  /** Issue-level security (`issue-security.ts`): how `fields.security` renders. */
  readonly security: { render(baseUrl: string, issue: StoredIssue): Record<string, unknown> | null };
}

/** What editing an issue's fields needs besides the catalogs: finding the issue a parent names, and saying parents changed. */
export interface IssueEditorState extends SiteCatalog {
  issueById(id: string): StoredIssue | undefined;
  findIssue(idOrKey: string): StoredIssue | undefined;
  /** Called after an edit changes an issue's parent, so indexes of children are rebuilt. */
  parentsChanged(): void;
}

export class IssueEditError extends Error {
  override readonly name = 'IssueEditError';
  constructor(readonly errors: Record<string, string>, readonly errorMessages: string[] = []) {
    super([...errorMessages, ...Object.entries(errors).map(([field, message]) => `${field}: ${message}`)].join('; '));
  }
}

export const APP_FIELD_PREFIX = 'ari:cloud:ecosystem::extension/';
export const SPRINT_FIELD_TYPE = 'com.pyxis.greenhopper.jira:gh-sprint';
export const RANK_FIELD_TYPE = 'com.pyxis.greenhopper.jira:gh-lexo-rank';
export const PROPERTY_MAX_BYTES = 32_768;

export function isAppField(field: DatasetField): boolean {
  return field.schema?.custom?.startsWith(APP_FIELD_PREFIX) ?? false;
}

export function appValueProblem(field: DatasetField, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  switch (field.schema?.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'Value must be a number.';
    case 'string':
      return typeof value === 'string' ? (value.length <= 255 ? undefined : 'Value is longer than 255 characters.') : 'Value must be a string.';
    case 'datetime':
    case 'date':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? undefined : 'Value must be a date.';
    default:
      return undefined;
  }
}

export function changeItem(field: DatasetField, from: unknown, to: unknown): ChangeItem {
  const text = (value: unknown): string | null => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return JSON.stringify(value);
  };
  return { field: field.name, fieldId: field.id, fieldtype: field.custom ? 'custom' : 'jira', from: text(from), fromString: text(from), to: text(to), toString: text(to) };
}

/** Jira's own timestamp format: `2024-05-01T09:30:00.000+0000`. */
export function formatJiraDate(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}
