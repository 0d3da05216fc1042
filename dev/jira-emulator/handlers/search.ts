/** JQL search, approximate count, and the removed legacy search. */
import { z } from 'zod';
import { jiraError, listParam, parseBody } from '../http-types';
import type { EmulatorRequest, EmulatorResponse, HandlerContext, Route } from '../http-types';
import { JqlError } from '../jql/jql-error';
import { matchingIssues, SearchError, searchPage } from '../search';
import type { SearchRequest } from '../search';

const searchBody = z.object({
  jql: z.string().optional(),
  fields: z.array(z.string()).optional(),
  properties: z.array(z.string()).optional(),
  maxResults: z.number().optional(),
  nextPageToken: z.string().nullable().optional(),
  fieldsByKeys: z.boolean().optional(),
  expand: z.string().optional(),
  reconcileIssues: z.array(z.number().int()).max(50).optional(),
});

function answerSearch(request: SearchRequest, { state, paging }: HandlerContext, caller: EmulatorRequest['caller']): EmulatorResponse {
  try {
    return { status: 200, body: searchPage(state, caller, request, paging) };
  } catch (error) {
    if (error instanceof JqlError || error instanceof SearchError) return jiraError(400, [error.message]);
    throw error;
  }
}

function postSearch(request: EmulatorRequest, context: HandlerContext): EmulatorResponse {
  const parsed = parseBody(searchBody, request.body ?? {});
  if (!parsed.ok) return parsed.response;
  const { jql, fields, properties, maxResults, nextPageToken, fieldsByKeys } = parsed.value;
  return answerSearch({ jql, fields, properties, maxResults, nextPageToken: nextPageToken ?? undefined, fieldsByKeys }, context, request.caller);
}

function getSearch(request: EmulatorRequest, context: HandlerContext): EmulatorResponse {
  const { query } = request;
  const maxResultsText = query.get('maxResults');
  const maxResults = maxResultsText === null ? undefined : Number(maxResultsText);
  if (maxResults !== undefined && Number.isNaN(maxResults)) return jiraError(400, [`The value '${maxResultsText ?? ''}' for maxResults is invalid.`]);
  return answerSearch(
    {
      jql: query.get('jql') ?? undefined,
      fields: listParam(query, 'fields'),
      properties: listParam(query, 'properties'),
      maxResults,
      nextPageToken: query.get('nextPageToken') ?? undefined,
      fieldsByKeys: query.get('fieldsByKeys') === 'true',
    },
    context,
    request.caller,
  );
}

const countBody = z.object({ jql: z.string().optional() });

function approximateCount(request: EmulatorRequest, { state }: HandlerContext): EmulatorResponse {
  const parsed = parseBody(countBody, request.body ?? {});
  if (!parsed.ok) return parsed.response;
  try {
    return { status: 200, body: { count: matchingIssues(state, request.caller, parsed.value.jql).length } };
  } catch (error) {
    if (error instanceof JqlError) return jiraError(400, [error.message]);
    throw error;
  }
}

function removedSearch(): EmulatorResponse {
  return jiraError(410, [
    'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
  ]);
}

export const searchRoutes: Route[] = [
  { method: 'POST', template: '/rest/api/3/search/jql', handler: postSearch },
  { method: 'GET', template: '/rest/api/3/search/jql', handler: getSearch },
  { method: 'POST', template: '/rest/api/3/search/approximate-count', handler: approximateCount },
  { method: 'GET', template: '/rest/api/3/search', handler: removedSearch },
  { method: 'POST', template: '/rest/api/3/search', handler: removedSearch },
];
