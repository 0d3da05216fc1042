/**
 * Jira's issue search (`/issues/?jql=…`): what an app opens with `router.open('/issues/?jql=…')`,
 * e.g. a gadget's link to the issues failing a readiness rule. The JQL is run by the emulator as
 * the user in view (the same search the REST API answers), so a page shows only what they may see
 * and a query Jira would refuse says Jira's words.
 */
import { ACCOUNT_HEADER } from '../../jira-emulator/emulator';
import type { ShellCall, ShellContext, ShellRoute } from '../context';
import { html } from '../html';
import { chromeOf, pageData, sendPage } from '../page-chrome';
import { breadcrumbs, noAccess } from '../pages';

/** One page of results, as Jira's issue navigator shows a first page. */
const PAGE_SIZE = 50;

interface Found {
  readonly issues: readonly { readonly key: string; readonly summary: string; readonly status: string }[];
  readonly more: boolean;
}

async function search(shell: ShellContext, accountId: string, jql: string): Promise<Found | { readonly refused: string }> {
  const response = await fetch(`${shell.emulator.url}/rest/api/3/search/jql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [ACCOUNT_HEADER]: accountId },
    body: JSON.stringify({ jql, fields: ['summary', 'status'], maxResults: PAGE_SIZE }),
  });
  const body = (await response.json()) as { issues?: { key: string; fields?: { summary?: string; status?: { name?: string } } }[]; isLast?: boolean; errorMessages?: string[] };
  if (!response.ok) return { refused: body.errorMessages?.join(' ') ?? `Jira answered ${String(response.status)}.` };
  return { issues: (body.issues ?? []).map((issue) => ({ key: issue.key, summary: issue.fields?.summary ?? '', status: issue.fields?.status?.name ?? '' })), more: body.isLast === false };
}

async function issueSearch({ request, response, url }: ShellCall, shell: ShellContext): Promise<void> {
  const data = pageData(shell, request);
  const jql = url.searchParams.get('jql') ?? '';
  const found = jql.trim() === '' ? undefined : await search(shell, data.user.accountId, jql);
  const results =
    found === undefined
      ? html`<p>Type a JQL query to search issues.</p>`
      : 'refused' in found
        ? noAccess('Jira could not run this search', found.refused)
        : found.issues.length === 0
          ? html`<p role="status" data-testid="search-count">No issues match.</p>`
          : html`<p role="status" data-testid="search-count">${found.more ? `The first ${String(found.issues.length)} issues` : `${String(found.issues.length)} ${found.issues.length === 1 ? 'issue' : 'issues'}`}</p>
<table class="issue-table" data-testid="search-results">
  <caption class="visually-hidden">Issues matching the query</caption>
  <thead><tr><th scope="col">Key</th><th scope="col">Summary</th><th scope="col">Status</th></tr></thead>
  <tbody>${found.issues.map((issue) => html`<tr><td><a href="/browse/${issue.key}">${issue.key}</a></td><td>${issue.summary}</td><td>${issue.status}</td></tr>`)}</tbody>
</table>`;
  const content = html`${breadcrumbs([['Filters', undefined], ['Search issues', undefined]])}<h1 class="page-title">Search issues</h1>
<form method="get" action="/issues/" role="search">
  <label for="jql">JQL</label>
  <input id="jql" name="jql" type="text" value="${jql}" size="100">
  <button type="submit" class="shell-button">Search</button>
</form>
${results}`;
  sendPage(response, 200, chromeOf(shell, request, 'Search issues', undefined, undefined, data), content);
}

export const issueSearchRoutes: readonly ShellRoute[] = [
  { method: 'GET', path: '/issues/', handle: issueSearch },
  { method: 'GET', path: '/issues', handle: issueSearch },
];
