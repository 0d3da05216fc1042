import { describe, expect, it } from 'vitest';
import { JiraError } from '../../../src/jira/errors';
import { jql } from '../../../src/jira/jql';
import type { Jql } from '../../../src/jira/jql';
import { approximateCount, collectIssues, searchPages } from '../../../src/jira/search';
import type { SearchOptions, SearchPage } from '../../../src/jira/search';
import type { JiraClient } from '../../../src/jira/client';
import { fakeJira, issue, response } from './fake-jira';

const base: SearchOptions = { jql: jql`project = TL ORDER BY rank`, fields: ['summary', 'status'], pageSize: 2 };

async function readAll(client: JiraClient, options: SearchOptions = base): Promise<SearchPage[]> {
  const pages: SearchPage[] = [];
  for await (const page of searchPages(client, options)) pages.push(page);
  return pages;
}

async function failureAfter(client: JiraClient, options: SearchOptions = base): Promise<{ pages: SearchPage[]; error: JiraError }> {
  const pages: SearchPage[] = [];
  try {
    for await (const page of searchPages(client, options)) pages.push(page);
  } catch (error) {
    if (error instanceof JiraError) return { pages, error };
    throw error;
  }
  throw new Error('expected a JiraError');
}

describe('searchPages', () => {
  it('follows nextPageToken until isLast, asking only for the fields given', async () => {
    const jira = fakeJira([
      response(200, { issues: [issue(1), issue(2)], nextPageToken: 't1', isLast: false }),
      response(200, { issues: [issue(3), issue(4)], nextPageToken: 't2', isLast: false }),
      response(200, { issues: [issue(5)], isLast: true }),
    ]);
    const pages = await readAll(jira.client());
    expect(pages.map((p) => p.issues.map((i) => i.key))).toEqual([['TL-1', 'TL-2'], ['TL-3', 'TL-4'], ['TL-5']]);
    expect(pages.map((p) => p.isLast)).toEqual([false, false, true]);
    expect(jira.calls.map((c) => [c.method, c.path])).toEqual(Array.from({ length: 3 }, () => ['POST', '/rest/api/3/search/jql']));
    expect(jira.calls.map((c) => c.body)).toEqual([
      { jql: base.jql, fields: ['summary', 'status'], maxResults: 2 },
      { jql: base.jql, fields: ['summary', 'status'], maxResults: 2, nextPageToken: 't1' },
      { jql: base.jql, fields: ['summary', 'status'], maxResults: 2, nextPageToken: 't2' },
    ]);
    expect(jira.calls[0]!.headers).toMatchObject({ 'Content-Type': 'application/json', Accept: 'application/json' });
  });

  it('copes with pages smaller than asked: only isLast ends the search', async () => {
    const jira = fakeJira([
      response(200, { issues: [issue(1)], nextPageToken: 'a', isLast: false }),
      response(200, { issues: [], nextPageToken: 'b', isLast: false }),
      response(200, { issues: [issue(2), issue(3)], isLast: true }),
    ]);
    const pages = await readAll(jira.client(), { ...base, pageSize: 50 });
    expect(pages.flatMap((p) => p.issues.map((i) => i.id))).toEqual(['1', '2', '3']);
    expect(jira.calls).toHaveLength(3);
  });

  it('drops an issue that comes back on a later page', async () => {
    const jira = fakeJira([
      response(200, { issues: [issue(1), issue(2)], nextPageToken: 'a', isLast: false }),
      response(200, { issues: [issue(2), issue(3), issue(3)], isLast: true }),
    ]);
    const pages = await readAll(jira.client());
    expect(pages.map((p) => p.issues.map((i) => i.id))).toEqual([['1', '2'], ['3']]);
    expect(pages.map((p) => [p.received, p.duplicates])).toEqual([[2, 0], [3, 2]]);
  });

  it('keeps issues whose fields are missing, with the fields Jira did send', async () => {
    const jira = fakeJira([response(200, { issues: [{ id: '7', key: 'TL-7' }, { id: '8', key: 'TL-8', fields: { summary: 'Only summary' } }], isLast: true })]);
    const [page] = await readAll(jira.client());
    expect(page!.issues).toEqual([
      { id: '7', key: 'TL-7', fields: {} },
      { id: '8', key: 'TL-8', fields: { summary: 'Only summary' } },
    ]);
  });

  it('returns issue properties when asked', async () => {
    const jira = fakeJira([response(200, { issues: [{ ...issue(1), properties: { 'throughline.score': { wsjf: 12 } } }], isLast: true })]);
    const [page] = await readAll(jira.client(), { ...base, properties: ['throughline.score'] });
    expect(page!.issues[0]!.properties).toEqual({ 'throughline.score': { wsjf: 12 } });
    expect(jira.calls[0]!.body).toMatchObject({ properties: ['throughline.score'] });
  });

  it('isLast: false without a token is a clear error after the pages already read', async () => {
    const jira = fakeJira([response(200, { issues: [issue(1)], nextPageToken: 'a', isLast: false }), response(200, { issues: [issue(2)], isLast: false })]);
    const { pages, error } = await failureAfter(jira.client());
    expect(pages).toHaveLength(1);
    expect(error).toMatchObject({ kind: 'bad-response', reason: 'missing-next-page-token' });
    expect(error.message).toBe('Jira said more search results follow but gave no way to fetch them (isLast is false without a nextPageToken).');
  });

  it('a token Jira already sent is an error, not an endless loop', async () => {
    const jira = fakeJira([
      response(200, { issues: [issue(1)], nextPageToken: 'a', isLast: false }),
      response(200, { issues: [issue(2)], nextPageToken: 'b', isLast: false }),
      response(200, { issues: [issue(1)], nextPageToken: 'a', isLast: false }),
    ]);
    const { error } = await failureAfter(jira.client());
    expect(error.reason).toBe('repeated-next-page-token');
    expect(jira.calls).toHaveLength(3);
  });

  it('stops at the page limit with a clear error', async () => {
    const jira = fakeJira((_call, index) => response(200, { issues: [issue(index + 1)], nextPageToken: `t${index}`, isLast: false }));
    const { pages, error } = await failureAfter(jira.client(), { ...base, maxPages: 3 });
    expect(pages).toHaveLength(3);
    expect(error).toMatchObject({ kind: 'bad-response', reason: 'page-limit' });
    expect(error.message).toBe('Stopped reading search results after 3 pages without reaching the last one; narrow the search.');
    expect(jira.calls).toHaveLength(3);
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
  ] as const)('a %i in the middle of paging stops it with a typed error', async (status, kind) => {
    const jira = fakeJira([response(200, { issues: [issue(1)], nextPageToken: 'a', isLast: false }), response(status, { errorMessages: ['no'] })]);
    const { pages, error } = await failureAfter(jira.client());
    expect(pages).toHaveLength(1);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
  });

  it('a 429 in the middle of paging is waited out and the same page asked again', async () => {
    const jira = fakeJira([
      response(200, { issues: [issue(1)], nextPageToken: 'a', isLast: false }),
      response(429, undefined, { 'Retry-After': '2' }),
      response(200, { issues: [issue(2)], isLast: true }),
    ]);
    const pages = await readAll(jira.client());
    expect(pages.flatMap((p) => p.issues.map((i) => i.id))).toEqual(['1', '2']);
    expect((jira.calls[1]!.body as { nextPageToken: string }).nextPageToken).toBe('a');
    expect((jira.calls[2]!.body as { nextPageToken: string }).nextPageToken).toBe('a');
  });

  it('without isLast, a token means more and no token means done (older /search shape)', async () => {
    const jira = fakeJira([response(200, { issues: [issue(1)], nextPageToken: 'a' }), response(200, { startAt: 0, total: 2, issues: [issue(2)] })]);
    const pages = await readAll(jira.client());
    expect(pages.map((p) => p.isLast)).toEqual([false, true]);
  });

  it('isLast: true ends the search even with a token; a null token is no token', async () => {
    const jira = fakeJira([response(200, { issues: [issue(1)], nextPageToken: null, isLast: true })]);
    expect(await readAll(jira.client())).toHaveLength(1);
    const jira2 = fakeJira([response(200, { issues: [issue(1)], nextPageToken: 'x', isLast: true })]);
    expect(await readAll(jira2.client())).toHaveLength(1);
    expect(jira2.calls).toHaveLength(1);
  });

  it('rejects broken pages: no issues array, an issue with neither id nor key, isLast as text', async () => {
    for (const body of [{ isLast: true }, { issues: [{ fields: {} }], isLast: true }, { issues: [], isLast: 'true' }]) {
      const { error } = await failureAfter(fakeJira([response(200, body)]).client());
      expect(error).toMatchObject({ kind: 'bad-response', reason: 'schema' });
    }
  });

  it.each([
    [{ ...base, jql: '  ' as Jql }, /needs a JQL/],
    [{ ...base, fields: [] }, /ids of the fields/],
    [{ ...base, fields: ['*all'] }, /not "\*all"/],
    [{ ...base, fields: ['*navigable'] }, /wildcards/],
    [{ ...base, properties: ['a', 'b', 'c', 'd', 'e', 'f'] }, /at most 5/],
    [{ ...base, pageSize: 0 }, /page size/],
    [{ ...base, pageSize: 5001 }, /page size/],
    [{ ...base, maxPages: 0 }, /page limit/],
  ])('refuses bad options before calling Jira (%#)', async (options, message) => {
    const jira = fakeJira([]);
    const { error } = await failureAfter(jira.client(), options);
    expect(error).toMatchObject({ kind: 'bad-request', reason: 'invalid-input' });
    expect(error.message).toMatch(message);
    expect(jira.calls).toHaveLength(0);
  });

  it('sends each field once', async () => {
    const jira = fakeJira([response(200, { issues: [], isLast: true })]);
    await readAll(jira.client(), { ...base, fields: ['summary', 'summary', ' status '] });
    expect(jira.calls[0]!.body).toMatchObject({ fields: ['summary', 'status'] });
  });
});

describe('collectIssues', () => {
  it('collects every page', async () => {
    const jira = fakeJira([response(200, { issues: [issue(1), issue(2)], nextPageToken: 'a', isLast: false }), response(200, { issues: [issue(3)], isLast: true })]);
    const result = await collectIssues(jira.client(), { ...base, maxIssues: 100 });
    expect(result).toMatchObject({ complete: true, pages: 2, duplicates: 0 });
    expect(result.issues.map((i) => i.key)).toEqual(['TL-1', 'TL-2', 'TL-3']);
  });

  it('stops at maxIssues without reading further pages, and says it stopped early', async () => {
    const jira = fakeJira([response(200, { issues: [issue(1), issue(2)], nextPageToken: 'a', isLast: false }), response(200, { issues: [issue(3), issue(4)], nextPageToken: 'b', isLast: false })]);
    const result = await collectIssues(jira.client(), { ...base, maxIssues: 3 });
    expect(result.issues.map((i) => i.id)).toEqual(['1', '2', '3']);
    expect(result.complete).toBe(false);
    expect(jira.calls).toHaveLength(2);
  });

  it('asks for no more than maxIssues per page', async () => {
    const jira = fakeJira([response(200, { issues: [issue(1)], nextPageToken: 'a', isLast: false })]);
    const result = await collectIssues(jira.client(), { ...base, pageSize: 100, maxIssues: 1 });
    expect(result).toMatchObject({ complete: false, pages: 1 });
    expect(jira.calls[0]!.body).toMatchObject({ maxResults: 1 });
  });

  it('counts duplicates and refuses a bad bound', async () => {
    const jira = fakeJira([response(200, { issues: [issue(1), issue(1)], isLast: true })]);
    expect(await collectIssues(jira.client(), { ...base, maxIssues: 10 })).toMatchObject({ duplicates: 1, complete: true });
    await expect(collectIssues(jira.client(), { ...base, maxIssues: 0 })).rejects.toThrow(/issue limit/);
  });
});

describe('approximateCount', () => {
  it('posts the JQL and reads the count', async () => {
    const jira = fakeJira([response(200, { count: 153 })]);
    expect(await approximateCount(jira.client(), jql`project = HSP`)).toBe(153);
    expect(jira.calls[0]).toMatchObject({ method: 'POST', path: '/rest/api/3/search/approximate-count', body: { jql: 'project = HSP' } });
  });
  it('rejects a negative or fractional count', async () => {
    await expect(approximateCount(fakeJira([response(200, { count: -1 })]).client(), jql`x = 1`)).rejects.toMatchObject({ reason: 'schema' });
    await expect(approximateCount(fakeJira([response(200, { count: 1.5 })]).client(), jql`x = 1`)).rejects.toMatchObject({ reason: 'schema' });
  });
});
