/**
 * Jira's issue-level security: a project names an issue security scheme, an issue may carry one of
 * its levels, and then only the level's members see the issue, on top of browsing the project.
 * A subtask always has its parent's level, as in Jira. The app (asApp) sees every issue. `EmulatorState.canBrowse` asks `mayView`, so every place that
 * shows an issue (get, search, counts, bulk fetch, properties, links, parents, subtasks) follows.
 */
import type { Dataset, DatasetField, DatasetProject, DatasetSecurityScheme } from './dataset-schema';
import { IssueEditError } from './model';
import type { Caller, ChangeItem, StoredIssue } from './model';

export interface SecurityLevel {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly schemeId: string;
  readonly members: ReadonlySet<string>;
}

/** The system field as Jira's `GET /rest/api/3/field` lists it; its JQL clause is `level`. */
export const SECURITY_FIELD: DatasetField = {
  id: 'security',
  key: 'security',
  name: 'Security Level',
  custom: false,
  orderable: true,
  navigable: true,
  searchable: true,
  clauseNames: ['level'],
  schema: { type: 'securitylevel', system: 'security' },
};

/**
 * The dataset's fields, with `security` added when the site uses issue security and the dataset did
 * not list it: without it, `*all` would never render the level. Sites without schemes stay as given.
 */
export function fieldsWithSecurity(dataset: Dataset): DatasetField[] {
  if (dataset.issueSecuritySchemes.length === 0 || dataset.fields.some((f) => f.id === 'security')) return dataset.fields;
  return [...dataset.fields, SECURITY_FIELD];
}

export class IssueSecurity {
  readonly schemes: ReadonlyMap<string, DatasetSecurityScheme>;
  private readonly levels = new Map<string, SecurityLevel>();

  /** `subtaskParent`: the parent of a subtask (whose level the subtask has), else undefined. */
  constructor(schemes: readonly DatasetSecurityScheme[], private readonly subtaskParent: (issue: StoredIssue) => StoredIssue | undefined) {
    this.schemes = new Map(schemes.map((s) => [s.id, s]));
    for (const scheme of schemes) {
      for (const level of scheme.levels) {
        this.levels.set(level.id, { id: level.id, name: level.name, description: level.description ?? '', schemeId: scheme.id, members: new Set(level.members) });
      }
    }
  }

  level(id: string | undefined): SecurityLevel | undefined {
    return id === undefined ? undefined : this.levels.get(id);
  }

  /** The level the issue has in effect: its own, or its parent's for a subtask. */
  levelIdOf(issue: StoredIssue): string | undefined {
    return (this.subtaskParent(issue) ?? issue).securityLevelId;
  }

  /** The levels a JQL `level` clause may name: a user only knows the levels they are a member of. */
  levelsKnownTo(caller: Caller): SecurityLevel[] {
    return [...this.levels.values()].filter((level) => caller.kind === 'app' || level.members.has(caller.accountId));
  }

  /** The level's own check; browsing the project is checked apart (`hasPermission`). */
  mayView(caller: Caller, issue: StoredIssue): boolean {
    const levelId = this.levelIdOf(issue);
    if (caller.kind === 'app' || levelId === undefined) return true;
    return this.levels.get(levelId)?.members.has(caller.accountId) ?? false;
  }

  /** `fields.security` as Jira renders it; null when the issue has no level. */
  render(baseUrl: string, issue: StoredIssue): Record<string, unknown> | null {
    const level = this.level(this.levelIdOf(issue));
    if (level === undefined) return null;
    return { self: `${baseUrl}/rest/api/3/securitylevel/${level.id}`, id: level.id, description: level.description, name: level.name };
  }

  /**
   * Sets or clears the issue's level (by id or name, from its project's scheme). Returns the
   * changelog item Jira writes (`field: security`), or undefined when nothing changed.
   */
  setLevel(project: DatasetProject | undefined, issue: StoredIssue, levelIdOrName: string | null): ChangeItem | undefined {
    if (this.subtaskParent(issue) !== undefined) throw new IssueEditError({ security: `${issue.key} is a subtask: it has the security level of its parent.` });
    let level: SecurityLevel | undefined;
    if (levelIdOrName !== null) {
      const candidates = [...this.levels.values()].filter((l) => l.schemeId === project?.issueSecuritySchemeId);
      level = candidates.find((l) => l.id === levelIdOrName) ?? candidates.find((l) => l.name.toLowerCase() === levelIdOrName.toLowerCase());
      if (level === undefined) throw new IssueEditError({ security: `Security level '${levelIdOrName}' is not valid for project ${project?.key ?? '?'}.` });
    }
    const before = this.level(issue.securityLevelId);
    if (before?.id === level?.id) return undefined;
    issue.securityLevelId = level?.id;
    return securityItem(before, level);
  }
}

export function securityItem(before: SecurityLevel | undefined, after: SecurityLevel | undefined): ChangeItem {
  return { field: 'security', fieldId: 'security', fieldtype: 'jira', from: before?.id ?? null, fromString: before?.name ?? null, to: after?.id ?? null, toString: after?.name ?? null };
}

/** `GET /rest/api/3/project/{key}/issuesecuritylevelscheme`: the spec's SecurityScheme. */
export function renderScheme(baseUrl: string, scheme: DatasetSecurityScheme): Record<string, unknown> {
  return {
    self: `${baseUrl}/rest/api/3/issuesecurityschemes/${scheme.id}`,
    id: Number(scheme.id),
    name: scheme.name,
    description: scheme.description ?? '',
    levels: scheme.levels.map((level) => ({
      self: `${baseUrl}/rest/api/3/securitylevel/${level.id}`,
      id: level.id,
      name: level.name,
      description: level.description ?? '',
      isDefault: false,
      issueSecuritySchemeId: scheme.id,
    })),
  };
}

/** What zod cannot see: schemes, levels and members that must point at something in the dataset. */
export function checkSecurityReferences(data: Dataset, fail: (path: string, message: string) => never): void {
  const users = new Set(data.users.map((u) => u.accountId));
  const levelScheme = new Map<string, string>();
  data.issueSecuritySchemes.forEach((scheme, s) => {
    scheme.levels.forEach((level, l) => {
      if (levelScheme.has(level.id)) fail(`issueSecuritySchemes[${s}].levels[${l}].id`, `duplicate ${level.id}`);
      levelScheme.set(level.id, scheme.id);
      level.members.forEach((member, m) => {
        if (!users.has(member)) fail(`issueSecuritySchemes[${s}].levels[${l}].members[${m}]`, `unknown user ${member}`);
      });
    });
  });
  const schemeIds = new Set(data.issueSecuritySchemes.map((s) => s.id));
  data.projects.forEach((project, p) => {
    const schemeId = project.issueSecuritySchemeId;
    if (schemeId !== undefined && !schemeIds.has(schemeId)) fail(`projects[${p}].issueSecuritySchemeId`, `unknown issue security scheme ${schemeId}`);
  });
  data.issues.forEach((issue, i) => {
    if (issue.securityLevelId === undefined) return;
    const project = data.projects.find((p) => p.id === issue.fields.project.id || p.key === issue.fields.project.key);
    if (levelScheme.get(issue.securityLevelId) !== project?.issueSecuritySchemeId || project?.issueSecuritySchemeId === undefined) {
      fail(`issues[${i}].securityLevelId`, `level ${issue.securityLevelId} is not in the issue security scheme of project ${project?.key ?? '?'}`);
    }
  });
}
