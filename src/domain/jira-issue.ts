/**
 * The shapes of a Jira issue as `/rest/api/3/search/jql` returns it, and safe readers over them.
 *
 * Jira sends `unknown` in practice: a field can be null, absent, of another type on another site,
 * or shaped differently in team-managed and company-managed projects. Every domain module reads
 * standard fields through these readers, so a surprise is handled in one place.
 */

export type JiraFields = Readonly<Record<string, unknown>>;

export interface JiraIssue {
  readonly id: string;
  readonly key: string;
  readonly fields: JiraFields;
  /** Issue properties asked for with `properties: [...]` in a search; keyed by property key. */
  readonly properties?: Readonly<Record<string, unknown>>;
}

export type StatusCategory = 'new' | 'indeterminate' | 'done';

export interface IssueTypeInfo {
  readonly id: string | undefined;
  readonly name: string;
  /** 1 for epics, 0 for stories, tasks and bugs, -1 for subtasks (Jira's `hierarchyLevel`). */
  readonly hierarchyLevel: number;
  readonly subtask: boolean;
}

export interface ParentInfo {
  readonly id: string | undefined;
  readonly key: string;
  readonly hierarchyLevel: number | undefined;
  readonly summary: string | undefined;
}

export interface IssueLinkInfo {
  /** The link type's name, e.g. "Blocks". */
  readonly typeName: string;
  /** How the link reads from this issue: "is blocked by" for an inward Blocks link. */
  readonly direction: 'inward' | 'outward';
  readonly label: string;
  readonly otherKey: string | undefined;
  readonly otherStatusCategory: StatusCategory | undefined;
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function finiteNumberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

const CATEGORY_KEYS: Readonly<Record<string, StatusCategory>> = {
  new: 'new',
  indeterminate: 'indeterminate',
  done: 'done',
};

/** The status category of a `status` value (`fields.status` or a linked issue's status). */
export function statusCategoryOfStatus(status: unknown): StatusCategory | undefined {
  if (!isRecord(status)) return undefined;
  const category = status.statusCategory;
  if (!isRecord(category)) return undefined;
  const key = stringOf(category.key);
  return key === undefined ? undefined : CATEGORY_KEYS[key];
}

export function statusCategoryOf(fields: JiraFields): StatusCategory | undefined {
  return statusCategoryOfStatus(fields.status);
}

export function statusNameOf(fields: JiraFields): string | undefined {
  const status = fields.status;
  return isRecord(status) ? stringOf(status.name) : undefined;
}

export function issueTypeOf(fields: JiraFields): IssueTypeInfo | undefined {
  const type = fields.issuetype;
  if (!isRecord(type)) return undefined;
  const name = stringOf(type.name) ?? '';
  const subtask = type.subtask === true;
  const level = finiteNumberOf(type.hierarchyLevel) ?? (subtask ? -1 : name.toLowerCase() === 'epic' ? 1 : 0);
  return { id: stringOf(type.id), name, hierarchyLevel: level, subtask };
}

/**
 * The parent of an issue: `fields.parent` in both project kinds, or the older company-managed
 * Epic Link (a bare key in a custom field) when its field id is given.
 */
export function parentOf(fields: JiraFields, epicLinkFieldId?: string): ParentInfo | undefined {
  const parent = fields.parent;
  if (isRecord(parent)) {
    const key = stringOf(parent.key);
    if (key !== undefined && key !== '') {
      const parentFields = isRecord(parent.fields) ? parent.fields : {};
      const type = isRecord(parentFields.issuetype) ? parentFields.issuetype : {};
      return {
        id: stringOf(parent.id),
        key,
        hierarchyLevel: finiteNumberOf(type.hierarchyLevel),
        summary: stringOf(parentFields.summary),
      };
    }
  }
  if (epicLinkFieldId !== undefined) {
    const epicKey = stringOf(fields[epicLinkFieldId]);
    if (epicKey !== undefined && epicKey !== '') {
      return { id: undefined, key: epicKey, hierarchyLevel: 1, summary: undefined };
    }
  }
  return undefined;
}

/** Every well-formed link on `fields.issuelinks`; malformed entries are skipped, not fatal. */
export function linksOf(fields: JiraFields): IssueLinkInfo[] {
  const raw = fields.issuelinks;
  if (!Array.isArray(raw)) return [];
  const links: IssueLinkInfo[] = [];
  for (const entry of raw as unknown[]) {
    if (!isRecord(entry) || !isRecord(entry.type)) continue;
    const type = entry.type;
    const direction = isRecord(entry.inwardIssue) ? 'inward' : isRecord(entry.outwardIssue) ? 'outward' : undefined;
    if (direction === undefined) continue;
    const other = direction === 'inward' ? entry.inwardIssue : entry.outwardIssue;
    const otherRecord = isRecord(other) ? other : {};
    const otherFields = isRecord(otherRecord.fields) ? otherRecord.fields : {};
    links.push({
      typeName: stringOf(type.name) ?? '',
      direction,
      label: stringOf(direction === 'inward' ? type.inward : type.outward) ?? '',
      otherKey: stringOf(otherRecord.key),
      otherStatusCategory: statusCategoryOfStatus(otherFields.status),
    });
  }
  return links;
}

export function labelsOf(fields: JiraFields): string[] {
  const raw = fields.labels;
  return Array.isArray(raw) ? (raw as unknown[]).filter((label): label is string => typeof label === 'string') : [];
}

/** A finite number from a number field; anything else (null, string, NaN, object) is undefined. */
export function numberFieldOf(fields: JiraFields, fieldId: string): number | undefined {
  return finiteNumberOf(fields[fieldId]);
}
