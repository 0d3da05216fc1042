/**
 * zod schemas for what Jira sends. Loose objects keep unknown properties (Jira adds some every
 * month); only what the client relies on is required, so a real answer passes and a broken one
 * (no `issues`, an issue without id and key, `isLast` as a string) fails with a clear error.
 */
import { z } from 'zod';
import type { JiraIssue } from '../domain/jira-issue';

/** An issue as search, bulk fetch and GET issue return it (IssueBean). */
export const issueBeanSchema = z
  .looseObject({
    // Real Jira always sends both; trimmed fixtures (jira-cli testdata) carry only the key.
    id: z.string().min(1).optional(),
    key: z.string().min(1).optional(),
    self: z.string().optional(),
    // Absent when only ids were asked for (search/jql's default `fields: ["id"]`).
    fields: z.record(z.string(), z.unknown()).optional(),
    properties: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((issue) => issue.id !== undefined || issue.key !== undefined, { message: 'an issue needs an id or a key' });

export type IssueBean = z.infer<typeof issueBeanSchema>;

/** The domain's issue shape; a missing id or key becomes '' (never both, see the schema). */
export function toJiraIssue(bean: IssueBean): JiraIssue {
  const issue: JiraIssue = { id: bean.id ?? '', key: bean.key ?? '', fields: bean.fields ?? {} };
  return bean.properties === undefined ? issue : { ...issue, properties: bean.properties };
}

/** The identity used to notice an issue seen twice: the id, else the key. */
export function issueIdentity(bean: IssueBean): string {
  return bean.id !== undefined ? `id:${bean.id}` : `key:${bean.key ?? ''}`;
}

/**
 * A page of `POST /rest/api/3/search/jql`: `{ issues, isLast, nextPageToken? }`. `isLast` is
 * optional in the spec; the older `/search` shape (startAt, total, no isLast) parses too.
 */
export const searchPageSchema = z.looseObject({
  issues: z.array(issueBeanSchema),
  isLast: z.boolean().optional(),
  nextPageToken: z.string().nullish(),
});

export type SearchPageBody = z.infer<typeof searchPageSchema>;

export const bulkFetchSchema = z.looseObject({
  issues: z.array(issueBeanSchema),
  issueErrors: z.array(z.looseObject({ id: z.string().optional(), errorMessage: z.string().optional() })).optional(),
});

export const approximateCountSchema = z.looseObject({ count: z.number().int().nonnegative() });

/** One entry of `GET /rest/api/3/field` (also /rest/api/2/field: the same shape). */
export const fieldDetailsSchema = z.looseObject({
  id: z.string().min(1),
  key: z.string().optional(),
  name: z.string(),
  // Present on Cloud when the site's language is not English: the name Jira gave the field.
  untranslatedName: z.string().optional(),
  custom: z.boolean().optional(),
  clauseNames: z.array(z.string()).optional(),
  // Some system fields (e.g. "issuekey") come without a schema.
  schema: z
    .looseObject({
      type: z.string(),
      custom: z.string().optional(),
      customId: z.number().optional(),
      system: z.string().optional(),
      items: z.string().optional(),
    })
    .optional(),
});

export type FieldDetails = z.infer<typeof fieldDetailsSchema>;

export const fieldListSchema = z.array(fieldDetailsSchema);

export const entityPropertySchema = z.looseObject({ key: z.string(), value: z.unknown() });

export const propertyKeysSchema = z.looseObject({
  keys: z.array(z.looseObject({ key: z.string(), self: z.string().optional() })),
});

export const myPermissionsSchema = z.looseObject({
  permissions: z.record(
    z.string(),
    z.looseObject({ havePermission: z.boolean(), key: z.string().optional(), id: z.string().optional(), name: z.string().optional() }),
  ),
});

export const bulkPermissionGrantsSchema = z.looseObject({
  globalPermissions: z.array(z.string()),
  projectPermissions: z.array(
    z.looseObject({ permission: z.string(), issues: z.array(z.number().int()), projects: z.array(z.number().int()) }),
  ),
});

/** Agile API pages: `{ startAt, maxResults, isLast, total?, values }`. */
function agilePage<T extends z.ZodType>(item: T) {
  return z.looseObject({
    startAt: z.number().int().nonnegative().optional(),
    maxResults: z.number().int().nonnegative().optional(),
    total: z.number().int().nonnegative().optional(),
    isLast: z.boolean().optional(),
    values: z.array(item),
  });
}

export const boardSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  type: z.string(),
  location: z.looseObject({ projectId: z.number().optional(), projectKey: z.string().optional() }).optional(),
});

export const boardPageSchema = agilePage(boardSchema);

export const sprintSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  state: z.enum(['future', 'active', 'closed']),
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  completeDate: z.string().optional(),
  goal: z.string().optional(),
  originBoardId: z.number().int().optional(),
});

export const sprintPageSchema = agilePage(sprintSchema);
