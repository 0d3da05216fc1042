/**
 * The client reads what real Jira sends: every response in test/fixtures/jira/responses that answers
 * a call the client makes is served through a fake RequestJira and parsed by the real code.
 */
import { describe, expect, it } from 'vitest';
import { numberFieldOf, parentOf, statusCategoryOf } from '../../../src/domain/jira-issue';
import { listBoards } from '../../../src/jira/agile';
import { planAppFieldUpdates } from '../../../src/jira/app-fields';
import { discoverSiteFields, fetchFields } from '../../../src/jira/fields';
import { bulkFetchIssues, getIssue } from '../../../src/jira/issues';
import { getMyPermissions } from '../../../src/jira/permissions';
import { getIssueProperty, listIssuePropertyKeys } from '../../../src/jira/properties';
import { jql } from '../../../src/jira/jql';
import { approximateCount, collectIssues, searchPages } from '../../../src/jira/search';
import type { SearchPage } from '../../../src/jira/search';
import { fakeJira, response } from '../../unit/jira/fake-jira';
import { listJiraFixtures, readJiraFixture } from '../../../dev/openapi/jira-fixtures';

const R = (name: string): unknown => readJiraFixture(`responses/${name}`);

/** Files read by a test below, and files left out with the reason. */
const PARSED = [
  'atlassian-example__GET_searchAndReconsileIssuesUsingJql__response200.json',
  'atlassian-example__GET_searchForIssuesUsingJql__response200.json',
  'community-note__GET_rest-api-3-search-jql_nextPageToken.json',
  'go-atlassian__jira_v3_mocks__search-issues.json',
  'jira-cli__pkg_jira_testdata__search.json',
  'atlassian-example__GET_getIssue__response200.json',
  'go-atlassian__jira_v3_mocks__get-issue.json',
  'jira-cli__pkg_jira_testdata__issue.json',
  'atlassian-example__GET_getFields__response200.json',
  'go-atlassian__jira_v3_mocks__get-fields.json',
  'jira-cli__pkg_jira_testdata__fields.json',
  'atlassian-example__GET_getMyPermissions__response200.json',
  'atlassian-example__GET_getIssueProperty__response200.json',
  'atlassian-example__GET_getIssuePropertyKeys__response200.json',
  'atlassian-example__POST_bulkFetchIssues__response200.json',
  'atlassian-example__POST_countIssues__response200.json',
  'atlassian-example__POST_updateMultipleCustomFieldValues__request.json',
];
const NOT_CLIENT_RESPONSES: Record<string, string> = {
  'atlassian-example__GET_getFieldsPaginated__response200.json': 'GET /rest/api/3/field/search (paginated) is not called: GET /rest/api/3/field lists every field in one call',
  'go-atlassian__jira_v3_mocks__search-fields.json': 'the same paginated field search, not called',
  'atlassian-example__POST_bulkFetchIssues__request.json': 'a request example (expand, fieldsByKeys); request bodies are checked against the spec in request-bodies.test.ts',
  'atlassian-example__POST_bulkSetIssuePropertiesByIssue__request.json': 'bulk property set is not used: the app writes one issue property at a time',
  'atlassian-example__POST_countIssues__request.json': 'a request example; request bodies are checked in request-bodies.test.ts',
  'atlassian-example__POST_searchForIssuesUsingJqlPost__request.json': 'a request to the removed POST /rest/api/3/search (startAt paging)',
  'atlassian-example__PUT_updateCustomFieldValue__request.json': 'single-field PUT /app/field/{id}/value is not used: the bulk POST covers it',
  'jira-cli__pkg_adf_testdata__md.json': 'an ADF document (a field value), read by the domain ADF code, not a REST answer',
};

async function pagesOf(bodies: unknown[]): Promise<SearchPage[]> {
  const jira = fakeJira(bodies.map((body) => response(200, body)));
  const pages: SearchPage[] = [];
  for await (const page of searchPages(jira.client(), { jql: jql`project = X`, fields: ['summary'] })) pages.push(page);
  return pages;
}

describe('real Jira responses parsed by the client', () => {
  it('every response file is parsed here or left out with a reason', () => {
    const files = listJiraFixtures('responses');
    const unaccounted = files.filter((file) => !PARSED.includes(file) && !(file in NOT_CLIENT_RESPONSES));
    expect(unaccounted).toEqual([]);
    expect(PARSED.filter((file) => !files.includes(file))).toEqual([]);
  });

  describe('search pages', () => {
    it('community note: isLast false with a real nextPageToken, sent back verbatim', async () => {
      const page1 = R('community-note__GET_rest-api-3-search-jql_nextPageToken.json') as { nextPageToken: string };
      const jira = fakeJira([response(200, page1), response(200, { issues: [], isLast: true })]);
      const pages: SearchPage[] = [];
      for await (const page of searchPages(jira.client(), { jql: jql`project=QJ AND issuetype in (Story,Epic)`, fields: ['summary', 'issuetype'] })) pages.push(page);
      expect(pages[0]!.issues.map((i) => i.key)).toEqual(['QJ-20492', 'QJ-20490']);
      expect(pages[0]!.isLast).toBe(false);
      expect((jira.calls[1]!.body as { nextPageToken: string }).nextPageToken).toBe(page1.nextPageToken);
      expect(pages[0]!.issues.map((i) => (i.fields.issuetype as { hierarchyLevel: number }).hierarchyLevel)).toEqual([0, 1]);
    });

    it('Atlassian\'s search/jql example: one last page', async () => {
      const [page] = await pagesOf([R('atlassian-example__GET_searchAndReconsileIssuesUsingJql__response200.json')]);
      expect(page).toMatchObject({ isLast: true, received: 1 });
      expect(page!.issues[0]).toMatchObject({ id: '10002', key: 'ED-1' });
    });

    it('the older /search shape (startAt, total, no isLast) ends after its page', async () => {
      const [page] = await pagesOf([R('atlassian-example__GET_searchForIssuesUsingJql__response200.json')]);
      expect(page).toMatchObject({ isLast: true, received: 1 });
    });

    it('go-atlassian: 18 issues of a real site with sprints, parents and story points', async () => {
      const [page] = await pagesOf([R('go-atlassian__jira_v3_mocks__search-issues.json')]);
      expect(page!.issues).toHaveLength(18);
      expect(page!.issues[0]).toMatchObject({ id: '10032', key: 'KP-19' });
      expect(page!.issues.filter((i) => parentOf(i.fields) !== undefined)).toHaveLength(3);
      expect(page!.issues.filter((i) => Array.isArray(i.fields.customfield_10020))).toHaveLength(6);
      // Some issues omit the field, others send null: only one has a value.
      expect(page!.issues.map((i) => numberFieldOf(i.fields, 'customfield_10036')).filter((v) => v !== undefined)).toEqual([111]);
      expect(page!.issues.every((i) => statusCategoryOf(i.fields) !== undefined)).toBe(true);
    });

    it('jira-cli: a trimmed page with keys but no ids parses; issues are told apart by key', async () => {
      const [page] = await pagesOf([R('jira-cli__pkg_jira_testdata__search.json')]);
      expect(page!.issues.map((i) => [i.id, i.key])).toEqual([['', 'TEST-1'], ['', 'TEST-2'], ['', 'TEST-3']]);
      expect(page!.duplicates).toBe(0);
    });

    it('collectIssues over the real pages', async () => {
      const jira = fakeJira([response(200, R('community-note__GET_rest-api-3-search-jql_nextPageToken.json')), response(200, R('go-atlassian__jira_v3_mocks__search-issues.json'))]);
      const result = await collectIssues(jira.client(), { jql: jql`x = 1`, fields: ['summary'], maxIssues: 100 });
      expect(result).toMatchObject({ complete: true, pages: 2 });
      expect(result.issues).toHaveLength(20);
    });
  });

  describe('issues', () => {
    it.each([
      ['atlassian-example__GET_getIssue__response200.json', '10002', 'ED-1'],
      ['go-atlassian__jira_v3_mocks__get-issue.json', '10032', 'KP-19'],
      ['jira-cli__pkg_jira_testdata__issue.json', '', 'TEST-1'],
    ])('%s: an issue with an ADF description', async (file, id, key) => {
      const jira = fakeJira([response(200, R(file))]);
      const read = await getIssue(jira.client(), key, { fields: ['summary', 'description'] });
      expect([read.id, read.key]).toEqual([id, key]);
      expect(read.fields.description).toMatchObject({ type: 'doc', version: 1 });
    });

    it('bulk fetch: Atlassian\'s example, issueErrors empty', async () => {
      const jira = fakeJira([response(200, R('atlassian-example__POST_bulkFetchIssues__response200.json'))]);
      const result = await bulkFetchIssues(jira.client(), ['EX-1', 'EX-2', '10005'], { fields: ['summary', 'project', 'assignee'] });
      // The example lists id 10005 twice (EX-2 and EX-4); the client keeps the first.
      expect(result.issues.map((i) => i.key)).toEqual(['EX-1', 'EX-2']);
      expect(result.issueErrors).toEqual([]);
    });

    it('approximate count', async () => {
      const jira = fakeJira([response(200, R('atlassian-example__POST_countIssues__response200.json'))]);
      expect(await approximateCount(jira.client(), jql`project = HSP`)).toBe(153);
    });
  });

  describe('fields, permissions, properties', () => {
    it.each([
      ['atlassian-example__GET_getFields__response200.json', 2],
      ['go-atlassian__jira_v3_mocks__get-fields.json', 81],
      ['jira-cli__pkg_jira_testdata__fields.json', 3],
    ])('%s parses as a field list', async (file, count) => {
      const jira = fakeJira([response(200, R(file))]);
      expect(await fetchFields(jira.client())).toHaveLength(count);
    });

    it('go-atlassian\'s site: both story point fields, sprint, epic link', async () => {
      const jira = fakeJira([response(200, R('go-atlassian__jira_v3_mocks__get-fields.json'))]);
      const found = await discoverSiteFields(jira.client());
      expect(found.storyPoints.candidates.map((c) => c.id)).toEqual(['customfield_10016', 'customfield_10036']);
      expect(found.storyPoints.id).toBe('customfield_10016');
      expect(found.sprint.id).toBe('customfield_10020');
      expect(found.epicLink.id).toBe('customfield_10014');
      expect(found.team.id).toBe('customfield_10001');
    });

    it('my permissions', async () => {
      const jira = fakeJira([response(200, R('atlassian-example__GET_getMyPermissions__response200.json'))]);
      expect(await getMyPermissions(jira.client(), ['EDIT_ISSUES', 'BROWSE_PROJECTS'], { issueKey: 'EX-1' })).toEqual({ EDIT_ISSUES: true, BROWSE_PROJECTS: false });
    });

    it('issue property and property keys', async () => {
      const jira = fakeJira([response(200, R('atlassian-example__GET_getIssueProperty__response200.json')), response(200, R('atlassian-example__GET_getIssuePropertyKeys__response200.json'))]);
      expect(await getIssueProperty(jira.client(), 'EX-2', 'issue.support')).toEqual({ 'system.conversation.id': 'b1bf38be-5e94-4b40-a3b8-9278735ee1e6', 'system.support.time': '1m' });
      expect(await listIssuePropertyKeys(jira.client(), 'EX-2')).toEqual(['issue.support']);
    });

    it('app field values: the client plans Atlassian\'s own example request from the same values', () => {
      const example = R('atlassian-example__POST_updateMultipleCustomFieldValues__request.json');
      const planned = planAppFieldUpdates([
        { fieldId: 'customfield_10010', issueId: 10010, value: 'new value' },
        { fieldId: 'customfield_10010', issueId: 10011, value: 'new value' },
        { fieldId: 'customfield_10011', issueId: 10010, value: 1000 },
      ]);
      expect(planned).toEqual([example]);
    });
  });

  it('Agile boards: the shape documented for GET /rest/agile/1.0/board (no file in the corpus)', async () => {
    // The corpus has no Agile answer; this is Atlassian's documented example, kept inline.
    const documented = { maxResults: 2, startAt: 1, total: 5, isLast: false, values: [{ id: 84, self: 'https://your-domain.atlassian.net/rest/agile/1.0/board/84', name: 'scrum board', type: 'scrum' }, { id: 92, self: 'https://your-domain.atlassian.net/rest/agile/1.0/board/92', name: 'kanban board', type: 'kanban' }] };
    const jira = fakeJira([response(200, documented), response(200, { ...documented, startAt: 3, isLast: true, values: [] })]);
    expect((await listBoards(jira.client(), { projectKeyOrId: 'TL' })).map((b) => b.id)).toEqual([84, 92]);
  });
});
