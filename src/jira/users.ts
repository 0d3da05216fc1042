/**
 * Jira's people, by name and by account id:
 * - `GET /rest/api/3/user/search?query=…` (findUsers): active users whose display name or email
 *   starts with the query, one page. Chosen over `/user/picker`, which answers HTML with the match
 *   in <strong> tags and one small avatar, and which matches only the first 1,000 users it reads.
 * - `GET /rest/api/3/user/bulk?accountId=…&accountId=…` (bulkGetUsers): the users behind stored
 *   account ids, in one call per 50. Jira leaves out an id it no longer knows (a removed account)
 *   and answers a deactivated one with `active: false`.
 * Both need the `read:jira-user` scope (manifest.yml).
 */
import { z } from 'zod';
import type { JiraClient } from './client';
import { JiraQuery, jiraPath, jiraQuery } from './paths';

export interface JiraUser {
  readonly accountId: string;
  readonly displayName: string;
  readonly active: boolean;
  /** The 48×48 avatar (shown at 24 px, sharp on high-density screens); null when Jira sends none. */
  readonly avatarUrl: string | null;
}

const avatarUrl = z.string().optional();

/** Jira's own avatars are https (Atlassian's avatar service or Gravatar); anything else is not shown. */
function httpsOnly(url: string | undefined): string | null {
  return url !== undefined && url.length <= 2000 && url.startsWith('https://') ? url : null;
}

const userSchema = z.looseObject({
  accountId: z.string().min(1).max(128),
  displayName: z.string().max(500).optional(),
  active: z.boolean().optional(),
  avatarUrls: z.looseObject({ '48x48': avatarUrl, '24x24': avatarUrl }).optional(),
});

const usersSchema = z.array(userSchema);
const userPageSchema = z.looseObject({ values: z.array(userSchema), isLast: z.boolean().optional() });

/** The most users one search asks for: a picker shows a short list and the admin types on. */
export const MAX_USER_SEARCH_RESULTS = 20;
/** Account ids per bulk call: 50 ids of up to 128 characters keep the address well under 8 KB. */
export const MAX_BULK_USERS = 50;

function userOf(user: z.output<typeof userSchema>): JiraUser {
  return {
    accountId: user.accountId,
    // A user record Jira cannot fill (an outage) still has an id; the name is said for it then.
    displayName: user.displayName ?? '',
    // Jira omits `active` only on records it cannot read: treat them as active, not as gone.
    active: user.active ?? true,
    avatarUrl: httpsOnly(user.avatarUrls?.['48x48']) ?? httpsOnly(user.avatarUrls?.['24x24']),
  };
}

/** Active users whose name or email starts with `query` (Jira's matching), at most `maxResults`. */
export async function searchUsers(jira: JiraClient, query: string, options: { readonly maxResults?: number } = {}): Promise<readonly JiraUser[]> {
  const maxResults = Math.min(MAX_USER_SEARCH_RESULTS, Math.max(1, options.maxResults ?? MAX_USER_SEARCH_RESULTS));
  const users = await jira.json({
    operation: 'user-search',
    method: 'GET',
    path: jiraPath`/rest/api/3/user/search?${jiraQuery({ query, maxResults })}`,
    schema: usersSchema,
    subject: 'the list of people',
  });
  // The search is for people to name: deactivated accounts (Jira's example answers list some) are left out.
  return users.map(userOf).filter((user) => user.active);
}

/**
 * The users behind `accountIds` (deduplicated), in calls of MAX_BULK_USERS. Ids Jira does not
 * answer are missing from the map: the caller says what that means.
 */
export async function bulkGetUsers(jira: JiraClient, accountIds: readonly string[]): Promise<ReadonlyMap<string, JiraUser>> {
  const unique = [...new Set(accountIds)];
  const found = new Map<string, JiraUser>();
  for (let start = 0; start < unique.length; start += MAX_BULK_USERS) {
    const batch = unique.slice(start, start + MAX_BULK_USERS);
    // Jira takes several ids as repeated `accountId=` parameters, not one comma-joined value.
    const query = new JiraQuery([jiraQuery({ maxResults: batch.length }).toString(), ...batch.map((accountId) => jiraQuery({ accountId }).toString())].join('&'));
    const page = await jira.json({
      operation: 'user-bulk',
      method: 'GET',
      path: jiraPath`/rest/api/3/user/bulk?${query}`,
      schema: userPageSchema,
      subject: 'the names of people',
    });
    for (const user of page.values) if (batch.includes(user.accountId)) found.set(user.accountId, userOf(user));
  }
  return found;
}
