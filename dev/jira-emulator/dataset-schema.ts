/**
 * The emulator's dataset file: a Jira site in REST shape (the objects Jira's v3 API sends), plus the
 * few things REST does not expose in one place (select options, per-project permissions).
 * Checked with zod when loaded, so a broken file fails loudly with the path of the first error.
 */
import { z } from 'zod';

const id = z.string().regex(/^\d+$/, 'a numeric string id');
const json = z.json();

export const statusCategorySchema = z.looseObject({
  id: z.number().int(),
  key: z.enum(['new', 'indeterminate', 'done', 'undefined']),
  name: z.string(),
  colorName: z.string().optional(),
});

export const statusSchema = z.looseObject({
  id,
  name: z.string().min(1),
  description: z.string().optional(),
  statusCategory: statusCategorySchema,
});

export const userSchema = z.object({
  accountId: z.string().min(1).max(128),
  displayName: z.string(),
  emailAddress: z.string().optional(),
  active: z.boolean().default(true),
  timeZone: z.string().default('Europe/Berlin'),
  /** The user's language as Jira's profile keeps it (`/myself`'s `locale`: "en_US", "de_DE"). */
  locale: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a Jira locale such as en_US').default('en_US'),
  accountType: z.enum(['atlassian', 'app']).default('atlassian'),
});

export const projectSchema = z.object({
  id,
  key: z.string().regex(/^[A-Z][A-Z0-9_]+$/, 'an uppercase project key'),
  name: z.string(),
  /** 'classic' is company-managed, 'next-gen' team-managed (Jira's `style`). */
  style: z.enum(['classic', 'next-gen']),
  projectTypeKey: z.string().default('software'),
  leadAccountId: z.string().optional(),
  description: z.string().optional(),
  /** The issue security scheme whose levels this project's issues may carry (Jira's issue-level security). */
  issueSecuritySchemeId: id.optional(),
});

export const issueTypeSchema = z.object({
  id,
  name: z.string().min(1),
  description: z.string().default(''),
  subtask: z.boolean().default(false),
  /** 1 epic, 0 story/task/bug, -1 subtask. */
  hierarchyLevel: z.number().int().min(-1).max(5),
  /** Team-managed issue types belong to one project. */
  projectId: id.optional(),
});

const namedRef = z.looseObject({ id, name: z.string(), description: z.string().optional() });

export const fieldSchema = z.object({
  id: z.string().min(1),
  key: z.string().min(1),
  name: z.string(),
  untranslatedName: z.string().optional(),
  custom: z.boolean(),
  orderable: z.boolean(),
  navigable: z.boolean(),
  searchable: z.boolean(),
  clauseNames: z.array(z.string()),
  schema: z
    .object({
      type: z.string(),
      items: z.string().optional(),
      system: z.string().optional(),
      custom: z.string().optional(),
      customId: z.number().int().optional(),
      configuration: z.record(z.string(), json).optional(),
    })
    .optional(),
});

export const linkTypeSchema = z.object({ id, name: z.string(), inward: z.string(), outward: z.string() });

export const boardSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  type: z.enum(['scrum', 'kanban', 'simple']),
  projectKey: z.string(),
  /** Other projects the board's filter spans (its backlog and rank span them too). */
  filterProjectKeys: z.array(z.string()).optional(),
});

export const sprintSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  state: z.enum(['future', 'active', 'closed']),
  boardId: z.number().int().positive(),
  goal: z.string().optional(),
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  completeDate: z.string().optional(),
  createdDate: z.string().optional(),
});

/** An issue security scheme: an issue with one of its levels is seen only by the level's members. */
export const securitySchemeSchema = z.object({
  id,
  name: z.string().min(1),
  description: z.string().optional(),
  levels: z.array(z.object({ id, name: z.string().min(1), description: z.string().optional(), members: z.array(z.string()).default([]) })).min(1),
});

export const PROJECT_PERMISSIONS = ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'ADMINISTER_PROJECTS', 'CREATE_ISSUES', 'LINK_ISSUES', 'SCHEDULE_ISSUES'] as const;

const issueRef = z.looseObject({ id: id.optional(), key: z.string().optional() }).refine(
  (ref) => ref.id !== undefined || ref.key !== undefined,
  'needs id or key',
);

const issueLinkSchema = z
  .looseObject({
    id: id.optional(),
    type: z.looseObject({ id: id.optional(), name: z.string().optional() }),
    inwardIssue: issueRef.optional(),
    outwardIssue: issueRef.optional(),
  })
  .refine((link) => (link.inwardIssue === undefined) !== (link.outwardIssue === undefined), 'needs inwardIssue or outwardIssue');

export const issueFieldsSchema = z.looseObject({
  summary: z.string().min(1),
  project: z.looseObject({ id: id.optional(), key: z.string().optional() }),
  issuetype: z.looseObject({ id }),
  status: z.looseObject({ id }),
  created: z.string(),
  updated: z.string().optional(),
  priority: z.looseObject({ id }).nullable().optional(),
  resolution: z.looseObject({ id }).nullable().optional(),
  labels: z.array(z.string()).optional(),
  // ADF is checked at the top only: a full recursive check costs seconds on scale datasets.
  description: z.looseObject({ type: z.literal('doc'), version: z.literal(1), content: z.array(z.unknown()) }).nullable().optional(),
  issuelinks: z.array(issueLinkSchema).optional(),
  parent: issueRef.nullable().optional(),
});

export const issueSchema = z.object({
  id,
  key: z.string().regex(/^[A-Z][A-Z0-9_]+-\d+$/, 'an issue key like TL-1'),
  fields: issueFieldsSchema,
  /** Issue properties by key (e.g. `throughline.theme`). */
  properties: z.record(z.string(), z.unknown()).optional(),
  /** A level of the project's issue security scheme: only its members (and the app) see the issue. */
  securityLevelId: id.optional(),
});

export const datasetSchema = z.object({
  /** Shown by GET /rest/api/3/serverInfo-like places and `self` links' host name in documentation only. */
  siteName: z.string().default('throughline-demo'),
  users: z.array(userSchema).min(1),
  projects: z.array(projectSchema).min(1),
  issueTypes: z.array(issueTypeSchema).min(1),
  statuses: z.array(statusSchema).min(1),
  priorities: z.array(namedRef).default([]),
  resolutions: z.array(namedRef).default([]),
  fields: z.array(fieldSchema).min(1),
  /** Options of select fields by field id, as Jira sends them in values: `{id, value}`. */
  fieldOptions: z.record(z.string(), z.array(z.object({ id, value: z.string() }))).default({}),
  issueLinkTypes: z.array(linkTypeSchema).default([]),
  boards: z.array(boardSchema).default([]),
  sprints: z.array(sprintSchema).default([]),
  issueSecuritySchemes: z.array(securitySchemeSchema).default([]),
  /** projectKey → accountId → project permissions granted. Apps (asApp) have them all. */
  permissions: z.record(z.string(), z.record(z.string(), z.array(z.enum(PROJECT_PERMISSIONS)))),
  issues: z.array(issueSchema),
});

export type Dataset = z.output<typeof datasetSchema>;
export type DatasetInput = z.input<typeof datasetSchema>;
export type DatasetIssue = z.output<typeof issueSchema>;
export type DatasetField = z.output<typeof fieldSchema>;
export type DatasetUser = z.output<typeof userSchema>;
export type DatasetProject = z.output<typeof projectSchema>;
export type DatasetIssueType = z.output<typeof issueTypeSchema>;
export type DatasetStatus = z.output<typeof statusSchema>;
export type DatasetSprint = z.output<typeof sprintSchema>;
export type DatasetBoard = z.output<typeof boardSchema>;
export type DatasetLinkType = z.output<typeof linkTypeSchema>;
export type DatasetSecurityScheme = z.output<typeof securitySchemeSchema>;
export type ProjectPermission = (typeof PROJECT_PERMISSIONS)[number];
