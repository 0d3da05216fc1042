/**
 * Jira's people: `GET /rest/api/3/user/search` (findUsers), `GET /rest/api/3/user/bulk`
 * (bulkGetUsers) and `GET /rest/api/3/user` (getUser), with the shapes and refusals of Atlassian's
 * description (held to it by test/contract/emulator). Every caller of the emulator may browse users
 * (Jira's "Browse users and groups", granted to every licensed user by default), and so may the app.
 *
 * What a real site does with people who left, kept here: a deactivated account (`active: false` in
 * the dataset, or `state.setUserActive`) is not found by the search but still answered by id with
 * `active: false`; a removed account (`state.removeUser`) is a 404 by id and silently missing from
 * a bulk answer.
 */
import { jiraError } from '../http-types';
import type { EmulatorRequest, EmulatorResponse, HandlerContext, Route } from '../http-types';
import { renderUser } from '../render-issue';

/** Jira's words for an account it does not know (or may not show). */
export const USER_NOT_FOUND = 'Specified user does not exist or you do not have required permissions';
const MAX_ACCOUNT_ID = 128;

function pageNumber(query: URLSearchParams, name: string, fallback: number, max: number): number | undefined {
  const text = query.get(name);
  if (text === null) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) return undefined;
  return Math.min(value, max);
}

/**
 * Jira's matching: the query is a prefix of the display name, of a word in it, or of the email
 * address, ignoring case ("pat", "owner", "pat o" find Pat Owner).
 */
function matches(query: string, displayName: string, emailAddress: string | undefined): boolean {
  const name = displayName.toLowerCase();
  if (name.startsWith(query)) return true;
  if (name.split(/\s+/).some((word) => word.startsWith(query))) return true;
  return emailAddress !== undefined && emailAddress.toLowerCase().startsWith(query);
}

function searchUsers(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const query = request.query.get('query');
  const accountId = request.query.get('accountId');
  if ((query === null || query.trim() === '') && (accountId === null || accountId === '')) {
    return jiraError(400, ["The query parameter 'query' or 'accountId' is required."]);
  }
  if (query !== null && accountId !== null) return jiraError(400, ["The parameters 'query' and 'accountId' cannot be used together."]);
  const startAt = pageNumber(request.query, 'startAt', 0, 1000);
  const maxResults = pageNumber(request.query, 'maxResults', 50, 1000);
  if (startAt === undefined || maxResults === undefined) return jiraError(400, ['startAt and maxResults must be whole numbers of 0 or more.']);
  const wanted = (query ?? '').trim().toLowerCase();
  const found = [...state.users.values()]
    .filter((user) => user.active)
    .filter((user) => (accountId !== null ? user.accountId === accountId : matches(wanted, user.displayName, user.emailAddress)))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { status: 200, body: found.slice(startAt, startAt + maxResults).map((user) => renderUser(state, user.accountId)) };
}

function bulkUsers(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const accountIds = request.query.getAll('accountId').filter((id) => id !== '');
  if (accountIds.length === 0) return jiraError(400, ['The accountId query parameter is required.']);
  if (accountIds.some((id) => id.length > MAX_ACCOUNT_ID)) return jiraError(400, [`An account ID is at most ${MAX_ACCOUNT_ID} characters.`]);
  const startAt = pageNumber(request.query, 'startAt', 0, Number.MAX_SAFE_INTEGER);
  const maxResults = pageNumber(request.query, 'maxResults', 10, 200);
  if (startAt === undefined || maxResults === undefined) return jiraError(400, ['startAt and maxResults must be whole numbers of 0 or more.']);
  const known = [...new Set(accountIds)].map((id) => renderUser(state, id)).filter((user) => user !== null);
  const page = known.slice(startAt, startAt + maxResults);
  return {
    status: 200,
    body: {
      self: `${state.baseUrl}/rest/api/3/user/bulk?${request.query.toString()}`,
      maxResults,
      startAt,
      total: known.length,
      isLast: startAt + page.length >= known.length,
      values: page,
    },
  };
}

function getUser(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const accountId = request.query.get('accountId');
  if (accountId === null || accountId === '') return jiraError(404, [USER_NOT_FOUND]);
  const user = renderUser(state, accountId);
  return user === null ? jiraError(404, [USER_NOT_FOUND]) : { status: 200, body: user };
}

export const userRoutes: Route[] = [
  { method: 'GET', template: '/rest/api/3/user/search', handler: searchUsers },
  { method: 'GET', template: '/rest/api/3/user/bulk', handler: bulkUsers },
  { method: 'GET', template: '/rest/api/3/user', handler: getUser },
];

