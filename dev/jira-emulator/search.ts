/**
 * `/search/jql` paging as Jira does it: no `total`, an opaque `nextPageToken` bound to its query,
 * `isLast`, and a page size capped lower when more than ids are asked for.
 */
import { createHash } from 'node:crypto';
import { compileJql } from './jql/compile';
import { JqlError } from './jql/jql-error';
import { parseJql } from './jql/parse';
import type { JqlNode, JqlValue } from './jql/parse';
import type { Caller, StoredIssue } from './model';
import { selectFields } from './render-issue';
import type { EmulatorState } from './state';

export interface PagingCaps {
  /** Page size cap when fields or properties beyond `id`/`key` are asked for (Jira: 100). */
  maxResultsWithFields: number;
  /** Page size cap for ids only (Jira: 5,000). */
  maxResultsIdsOnly: number;
  /** When `maxResults` is not given (Jira: 50). */
  defaultMaxResults: number;
}

export const DEFAULT_PAGING: PagingCaps = { maxResultsWithFields: 100, maxResultsIdsOnly: 5000, defaultMaxResults: 50 };

export const MAX_SEARCH_PROPERTIES = 5;

export class SearchError extends Error {
  override readonly name = 'SearchError';
}

export interface SearchRequest {
  jql: string | undefined;
  fields?: readonly string[] | undefined;
  properties?: readonly string[] | undefined;
  maxResults?: number | undefined;
  nextPageToken?: string | undefined;
  fieldsByKeys?: boolean | undefined;
}

export interface SearchPage {
  issues: Record<string, unknown>[];
  isLast: boolean;
  nextPageToken?: string;
}

const UNBOUNDED = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';

/** The issues `caller` may see that match `jql`, in the query's order. Throws JqlError for bad JQL. */
export function matchingIssues(state: EmulatorState, caller: Caller, jql: string | undefined): StoredIssue[] {
  const query = parseJql(jql ?? '');
  if (query.where === undefined) throw new JqlError(UNBOUNDED);
  const cacheKey = `${caller.kind === 'app' ? 'app' : caller.accountId}\u0000${jql ?? ''}`;
  const hit = resultCache.get(state)?.get(cacheKey);
  if (hit !== undefined && hit.version === state.version && Date.now() - hit.at < CACHE_TTL_MS) return hit.issues;
  const compiled = compileJql(query, state, caller);
  const out: StoredIssue[] = [];
  for (const issue of candidatesOf(state, query.where)) if (state.canBrowse(caller, issue) && compiled.matches(issue)) out.push(issue);
  out.sort((a, b) => compiled.compare(a, b));
  remember(state, cacheKey, { version: state.version, at: Date.now(), issues: out });
  return out;
}

/**
 * The issues a query can match at most: for `key in (…)` or `key = …` (alone, or AND-ed with
 * other clauses) just those issues, looked up by key as Jira's index would, instead of every issue
 * of the site; otherwise all of them. Every candidate is still matched against the whole query.
 */
function candidatesOf(state: EmulatorState, where: JqlNode): Iterable<StoredIssue> {
  const keyed = (node: JqlNode): JqlValue[] | undefined => {
    if (node.kind === 'and') {
      for (const child of node.children) {
        const found = keyed(child);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (node.kind !== 'clause' || node.field.kind !== 'name' || !['key', 'issuekey', 'id'].includes(node.field.name.toLowerCase())) return undefined;
    if (node.operator === 'in' && node.operand.kind === 'list') return node.operand.values;
    if (node.operator === '=' && node.operand.kind === 'value') return [node.operand.value];
    return undefined;
  };
  const values = keyed(where);
  if (values === undefined) return state.allIssues();
  const found = new Map<string, StoredIssue>();
  for (const value of values) {
    const issue = state.findIssue(value.text);
    if (issue !== undefined) found.set(issue.id, issue);
  }
  return found.values();
}

/**
 * Paging re-runs the same query once per page; remembering the last results while nothing changed
 * keeps a 20,000-issue walk linear. Relative dates (`-1d`) are why entries also expire.
 */
interface CachedResult {
  version: number;
  at: number;
  issues: StoredIssue[];
}

const CACHE_TTL_MS = 30_000;
// A page load of the vision map at 2,000 epics sends 23 queries: they all fit.
const CACHE_ENTRIES = 64;
const resultCache = new WeakMap<EmulatorState, Map<string, CachedResult>>();

function remember(state: EmulatorState, key: string, result: CachedResult): void {
  let cache = resultCache.get(state);
  if (cache === undefined) {
    cache = new Map();
    resultCache.set(state, cache);
  }
  cache.delete(key);
  cache.set(key, result);
  const oldest = cache.keys().next();
  if (cache.size > CACHE_ENTRIES && oldest.done !== true) cache.delete(oldest.value);
}

function queryHash(jql: string): string {
  return createHash('sha256').update(jql.trim()).digest('base64url').slice(0, 16);
}

function encodeToken(offset: number, jql: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: queryHash(jql) })).toString('base64url');
}

function decodeToken(token: string, jql: string): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const { o, q } = (parsed ?? {}) as { o?: unknown; q?: unknown };
  if (typeof o !== 'number' || !Number.isInteger(o) || o < 0 || q !== queryHash(jql)) {
    throw new SearchError('The provided next page token is invalid or expired, or was issued for a different query.');
  }
  return o;
}

export function searchPage(state: EmulatorState, caller: Caller, request: SearchRequest, caps: PagingCaps = DEFAULT_PAGING): SearchPage {
  const jql = request.jql ?? '';
  if (request.maxResults !== undefined && (!Number.isInteger(request.maxResults) || request.maxResults < 1)) {
    throw new SearchError(`The value '${request.maxResults}' for maxResults is invalid: it must be a whole number of at least 1.`);
  }
  const properties = (request.properties ?? []).flatMap((p) => p.split(',')).map((p) => p.trim()).filter((p) => p !== '');
  if (properties.length > MAX_SEARCH_PROPERTIES) throw new SearchError(`At most ${MAX_SEARCH_PROPERTIES} issue properties can be requested.`);
  const selection = selectFields(state, request.fields, 'id', request.fieldsByKeys ?? false);
  const offset = request.nextPageToken === undefined || request.nextPageToken === '' ? 0 : decodeToken(request.nextPageToken, jql);
  const issues = matchingIssues(state, caller, jql);
  // Jira silently lowers a too-large maxResults to what the request allows.
  const cap = selection.fieldIds.size === 0 && properties.length === 0 ? caps.maxResultsIdsOnly : caps.maxResultsWithFields;
  const size = Math.min(request.maxResults ?? caps.defaultMaxResults, cap);
  const page = issues.slice(offset, offset + size);
  const end = offset + page.length;
  const isLast = end >= issues.length;
  return {
    issues: page.map((issue) => state.render(issue, selection, properties, caller)),
    isLast,
    ...(isLast ? {} : { nextPageToken: encodeToken(end, jql) }),
  };
}
