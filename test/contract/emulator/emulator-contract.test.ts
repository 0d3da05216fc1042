/**
 * The emulator held to the real API: every response it sends for the endpoints the app uses (success
 * and the error statuses the spec documents) validates against Atlassian's OpenAPI description, and
 * so does every request body these tests send on purpose.
 */
import { describe, expect, it } from 'vitest';
import { FIELD } from '../../../dev/demo-data/catalog';
import { ADA, call, NICK, PAT } from '../../integration/emulator/support';
import type { Answer, Who } from '../../integration/emulator/support';
import { specCheckedEmulator } from './spec-checked';

describe('Jira emulator against the OpenAPI spec', () => {
  const contract = specCheckedEmulator();
  const { checked } = contract;

  /** Keys of a few issues with links, found from the state so the test follows the data. */
  function linkedKeys(): string[] {
    return [...contract.emulator.state.allIssues()].filter((issue) => contract.emulator.state.linksOf(issue.id).length > 0).slice(0, 6).map((issue) => issue.key);
  }

  describe('search', () => {
    it('POST /search/jql: ids by default, fields and properties when asked, 400 and 401', async () => {
      const ids = await checked('POST', '/rest/api/3/search/jql', { body: { jql: 'project = TL', maxResults: 10 } });
      expect(ids.status).toBe(200);
      const page = ids.body as { issues: unknown[]; isLast: boolean; nextPageToken?: string };
      expect(page.issues[0]).toEqual({ id: expect.any(String) });
      expect(page).not.toHaveProperty('total');
      expect(page.isLast).toBe(false);

      const next = await checked('POST', '/rest/api/3/search/jql', { body: { jql: 'project = TL', maxResults: 10, nextPageToken: page.nextPageToken } });
      expect(next.status).toBe(200);

      const full = await checked('POST', '/rest/api/3/search/jql', {
        as: PAT,
        body: { jql: 'project = TL ORDER BY key', fields: ['*all'], properties: ['throughline.theme'], maxResults: 100 },
      });
      expect((full.body as { issues: unknown[] }).issues).toHaveLength(100);

      expect((await checked('POST', '/rest/api/3/search/jql', { body: { jql: 'project = TL AND', maxResults: 5 } })).status).toBe(400);
      expect((await checked('POST', '/rest/api/3/search/jql', { as: 'nobody', body: { jql: 'project = TL' } })).status).toBe(401);
    });

    it('GET /search/jql answers the same shapes', async () => {
      const answer = await checked('GET', '/rest/api/3/search/jql?jql=project%20%3D%20MOB&fields=summary,status&maxResults=5');
      expect(answer.status).toBe(200);
      expect((await checked('GET', '/rest/api/3/search/jql?jql=nonsense')).status).toBe(400);
      expect((await checked('GET', '/rest/api/3/search/jql?jql=project%20%3D%20MOB', { as: 'nobody' })).status).toBe(401);
    });

    it('POST /search/approximate-count', async () => {
      const answer = await checked('POST', '/rest/api/3/search/approximate-count', { as: NICK, body: { jql: 'project = MOB' } });
      expect(answer.body).toEqual({ count: 14 });
      expect((await checked('POST', '/rest/api/3/search/approximate-count', { body: { jql: 'order by key' } })).status).toBe(400);
      expect((await checked('POST', '/rest/api/3/search/approximate-count', { as: 'nobody', body: { jql: 'project = MOB' } })).status).toBe(401);
    });
  });

  describe('issues', () => {
    it('GET /issue/{key} renders every demo issue, with all fields and properties, as IssueBean', async () => {
      for (const issue of contract.emulator.state.allIssues()) {
        const answer = await checked('GET', `/rest/api/3/issue/${issue.key}?fields=*all&properties=*all`);
        expect(answer.status).toBe(200);
      }
      expect((await checked('GET', '/rest/api/3/issue/TL-1', { as: NICK })).status).toBe(404);
      expect((await checked('GET', '/rest/api/3/issue/TL-99999')).status).toBe(404);
      expect((await checked('GET', '/rest/api/3/issue/TL-1', { as: 'nobody' })).status).toBe(401);
    });

    it('field values inside IssueBean.fields match the spec\'s schemas for them', async () => {
      // IssueBean.fields is free-form in the spec, so the values are checked one by one here.
      const schemaOf: Readonly<Record<string, string>> = {
        status: 'StatusDetails',
        issuetype: 'IssueTypeDetails',
        priority: 'Priority',
        resolution: 'Resolution',
        assignee: 'UserDetails',
        reporter: 'UserDetails',
        project: 'ProjectDetails',
        votes: 'Votes',
        watches: 'Watchers',
        parent: 'LinkedIssue',
      };
      for (const key of ['TL-1', 'TL-50', 'TL-213', 'MOB-5', 'MOB-1', ...linkedKeys()]) {
        const issue = (await call(contract.emulator, 'GET', `/rest/api/3/issue/${key}`)).body as { fields: Record<string, unknown> };
        for (const [fieldId, value] of Object.entries(issue.fields)) {
          const schema = schemaOf[fieldId];
          if (schema === undefined || value === null) continue;
          expect(contract.spec.validateSchema(schema, value), `${key} ${fieldId}`).toEqual({ ok: true });
        }
        for (const link of issue.fields.issuelinks as Record<string, unknown>[]) {
          expect(contract.spec.validateSchema('IssueLinkType', link.type), `${key} link type`).toEqual({ ok: true });
          expect(contract.spec.validateSchema('LinkedIssue', link.inwardIssue ?? link.outwardIssue), `${key} linked issue`).toEqual({ ok: true });
        }
        for (const subtask of issue.fields.subtasks as unknown[]) expect(contract.spec.validateSchema('LinkedIssue', subtask)).toEqual({ ok: true });
      }
    });

    it('PUT /issue/{key}: 204, 400, 403, 404, 401', async () => {
      expect((await checked('PUT', '/rest/api/3/issue/TL-20', { as: PAT, body: { fields: { [FIELD.storyPoints]: 5, labels: ['ux'] } } })).status).toBe(204);
      expect((await checked('PUT', '/rest/api/3/issue/TL-20', { as: PAT, body: { fields: { nosuchfield: 1 } } })).status).toBe(400);
      expect((await checked('PUT', '/rest/api/3/issue/MOB-3', { as: PAT, body: { fields: { summary: 'x' } } })).status).toBe(403);
      expect((await checked('PUT', '/rest/api/3/issue/TL-20', { as: NICK, body: { fields: { summary: 'x' } } })).status).toBe(404);
      expect((await checked('PUT', '/rest/api/3/issue/TL-20', { as: 'nobody', body: { fields: { summary: 'x' } } })).status).toBe(401);
    });

    it('GET /issue/{key}/editmeta: the fields the user may edit with a select\'s options by id; none without Edit issues; 403, 404, 401', async () => {
      const meta = await checked('GET', '/rest/api/3/issue/TL-20/editmeta', { as: PAT });
      const fields = (meta.body as { fields: Record<string, { schema: { type: string }; operations: string[]; allowedValues?: { id: string; value: string }[] }> }).fields;
      expect(fields[FIELD.storyPoints]).toMatchObject({ schema: { type: 'number' }, operations: ['set'] });
      expect(fields.customfield_10052?.allowedValues).toContainEqual(expect.objectContaining({ id: '10202', value: 'Medium' }));
      expect(fields).not.toHaveProperty(FIELD.rank);
      // Pat may browse MOB but not edit there: Jira answers, with nothing to edit.
      expect((await checked('GET', '/rest/api/3/issue/MOB-3/editmeta', { as: PAT })).body).toEqual({ fields: {} });
      expect((await checked('GET', '/rest/api/3/issue/TL-20/editmeta?overrideScreenSecurity=true', { as: PAT })).status).toBe(403);
      expect((await checked('GET', '/rest/api/3/issue/TL-20/editmeta', { as: NICK })).status).toBe(404);
      expect((await checked('GET', '/rest/api/3/issue/TL-20/editmeta', { as: 'nobody' })).status).toBe(401);
    });

    it('POST /issue/bulkfetch: 200, 400, 401', async () => {
      const answer = await checked('POST', '/rest/api/3/issue/bulkfetch', {
        as: PAT,
        body: { issueIdsOrKeys: ['TL-1', '10002', 'TL-99999'], fields: ['summary', 'status', 'issuelinks', 'parent'], properties: ['throughline.theme'] },
      });
      expect((answer.body as { issues: unknown[] }).issues).toHaveLength(2);
      const tooMany = Array.from({ length: 101 }, (_, i) => `TL-${i + 1}`);
      expect((await checked('POST', '/rest/api/3/issue/bulkfetch', { body: { issueIdsOrKeys: tooMany } })).status).toBe(400);
      expect((await checked('POST', '/rest/api/3/issue/bulkfetch', { as: 'nobody', body: { issueIdsOrKeys: ['TL-1'] } })).status).toBe(401);
    });

    it('GET /field: 200 and 401', async () => {
      const answer = await checked('GET', '/rest/api/3/field');
      expect((answer.body as { id: string }[]).map((f) => f.id)).toContain(FIELD.storyPointEstimate);
      expect((await checked('GET', '/rest/api/3/field', { as: 'nobody' })).status).toBe(401);
    });
  });

  describe('issue properties', () => {
    it('list, get, put (201 then 200), delete, with their error statuses', async () => {
      expect((await checked('GET', '/rest/api/3/issue/TL-3/properties', { as: PAT })).status).toBe(200);
      expect((await checked('GET', '/rest/api/3/issue/TL-3/properties', { as: NICK })).status).toBe(404);
      expect((await checked('GET', '/rest/api/3/issue/TL-3/properties/throughline.theme', { as: PAT })).status).toBe(200);
      expect((await checked('GET', '/rest/api/3/issue/TL-3/properties/nope', { as: PAT })).status).toBe(404);
      expect((await checked('GET', '/rest/api/3/issue/TL-3/properties/throughline.theme', { as: 'nobody' })).status).toBe(401);

      expect((await checked('PUT', '/rest/api/3/issue/TL-30/properties/throughline.readiness', { as: PAT, body: { ready: false } })).status).toBe(201);
      expect((await checked('PUT', '/rest/api/3/issue/TL-30/properties/throughline.readiness', { as: PAT, body: { ready: true } })).status).toBe(200);
      expect((await checked('PUT', '/rest/api/3/issue/TL-30/properties/big', { as: PAT, body: { text: 'x'.repeat(40_000) } })).status).toBe(400);
      expect((await checked('PUT', '/rest/api/3/issue/MOB-2/properties/p', { as: PAT, body: { a: 1 } })).status).toBe(403);
      expect((await checked('PUT', '/rest/api/3/issue/TL-30/properties/p', { as: NICK, body: { a: 1 } })).status).toBe(404);
      expect((await checked('PUT', '/rest/api/3/issue/TL-30/properties/p', { as: 'nobody', body: { a: 1 } })).status).toBe(401);

      expect((await checked('DELETE', '/rest/api/3/issue/TL-30/properties/throughline.readiness', { as: PAT })).status).toBe(204);
      expect((await checked('DELETE', '/rest/api/3/issue/TL-30/properties/throughline.readiness', { as: PAT })).status).toBe(404);
      expect((await checked('DELETE', '/rest/api/3/issue/TL-30/properties/x', { as: 'nobody' })).status).toBe(401);
    });
  });

  describe('app field values', () => {
    it('PUT /app/field/{field}/value and POST /app/field/value: 204, 400, 403, 404', async () => {
      const put = (as: Who, field: string, body: unknown, validRequest = true): Promise<Answer> =>
        checked('PUT', `/rest/api/3/app/field/${field}/value`, { as, body, validRequest });
      expect((await put('app', FIELD.priorityScore, { updates: [{ issueIds: [10020], value: 7.5 }] })).status).toBe(204);
      expect((await put('app', FIELD.priorityScore, { updates: [{ issueIds: [10020], value: 'high' }] })).status).toBe(400);
      expect((await put('app', FIELD.priorityScore, { updates: 'all' }, false)).status).toBe(400);
      expect((await put(ADA, FIELD.priorityScore, { updates: [{ issueIds: [10020], value: 1 }] })).status).toBe(403);
      expect((await put('app', FIELD.businessValue, { updates: [{ issueIds: [10020], value: 1 }] })).status).toBe(403);
      expect((await put('app', 'customfield_99999', { updates: [{ issueIds: [10020], value: 1 }] })).status).toBe(404);

      const post = (as: Who, body: unknown): Promise<Answer> => checked('POST', '/rest/api/3/app/field/value', { as, body });
      expect((await post('app', { updates: [{ customField: FIELD.priorityScore, issueIds: [10020, 10021], value: 3 }, { customField: FIELD.readiness, issueIds: [10020], value: 'ready' }] })).status).toBe(204);
      expect((await post('app', { updates: [{ customField: FIELD.readiness, issueIds: [10020], value: 5 }] })).status).toBe(400);
      expect((await post(PAT, { updates: [{ customField: FIELD.priorityScore, issueIds: [10020], value: 3 }] })).status).toBe(403);
      expect((await post('app', { updates: [{ customField: FIELD.priorityScore, issueIds: [99999999], value: 3 }] })).status).toBe(404);
    });
  });

  describe('who and what', () => {
    it('GET /myself as a user and as the app; 401', async () => {
      expect((await checked('GET', '/rest/api/3/myself', { as: PAT })).body).toMatchObject({ accountId: PAT, displayName: 'Pat Owner' });
      expect((await checked('GET', '/rest/api/3/myself')).body).toMatchObject({ accountType: 'app' });
      expect((await checked('GET', '/rest/api/3/myself', { as: 'nobody' })).status).toBe(401);
    });

    it('GET /mypermissions: 200, 400, 401, 404 (ErrorCollection bodies)', async () => {
      const answer = await checked('GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,EDIT_ISSUES,ADMINISTER_PROJECTS&projectKey=TL', { as: PAT });
      expect(answer.body).toMatchObject({ permissions: { BROWSE_PROJECTS: { havePermission: true }, ADMINISTER_PROJECTS: { havePermission: false } } });
      expect((await checked('GET', '/rest/api/3/mypermissions?permissions=EDIT_ISSUES&issueKey=TL-5', { as: ADA })).status).toBe(200);
      expect((await checked('GET', '/rest/api/3/mypermissions', { as: PAT })).status).toBe(400);
      expect((await checked('GET', '/rest/api/3/mypermissions?permissions=FLY', { as: PAT })).status).toBe(400);
      expect((await checked('GET', '/rest/api/3/mypermissions?permissions=EDIT_ISSUES', { as: 'nobody' })).status).toBe(401);
      expect((await checked('GET', '/rest/api/3/mypermissions?permissions=EDIT_ISSUES&projectKey=TL', { as: NICK })).status).toBe(404);
    });

    it('POST /permissions/check: 200, 400, 403', async () => {
      const answer = await checked('POST', '/rest/api/3/permissions/check', {
        as: PAT,
        body: { projectPermissions: [{ permissions: ['EDIT_ISSUES', 'BROWSE_PROJECTS'], projects: [10000, 10001], issues: [10001, 10220] }] },
      });
      expect(answer.body).toMatchObject({
        projectPermissions: expect.arrayContaining([{ permission: 'EDIT_ISSUES', projects: [10000], issues: [10001] }]),
      });
      expect((await checked('POST', '/rest/api/3/permissions/check', { body: { accountId: NICK, projectPermissions: [{ permissions: ['BROWSE_PROJECTS'] }] } })).status).toBe(200);
      expect((await checked('POST', '/rest/api/3/permissions/check', { as: PAT, body: { projectPermissions: [{ permissions: ['FLY'] }] } })).status).toBe(400);
      expect((await checked('POST', '/rest/api/3/permissions/check', { as: PAT, body: { accountId: NICK, projectPermissions: [{ permissions: ['BROWSE_PROJECTS'] }] } })).status).toBe(403);
    });

    it('GET /project/{key}: company- and team-managed, 404, 401', async () => {
      expect((await checked('GET', '/rest/api/3/project/TL', { as: PAT })).body).toMatchObject({ key: 'TL', style: 'classic', simplified: false });
      expect((await checked('GET', '/rest/api/3/project/MOB', { as: NICK })).body).toMatchObject({ key: 'MOB', style: 'next-gen', simplified: true });
      expect((await checked('GET', '/rest/api/3/project/TL', { as: NICK })).status).toBe(404);
      expect((await checked('GET', '/rest/api/3/project/TL', { as: 'nobody' })).status).toBe(401);
    });
  });

  describe("agile (Jira Software's description)", () => {
    it('GET /board, /board/{id}, /board/{id}/sprint, /sprint/{id}: the Agile page shape, 404', async () => {
      expect(contract.spec.hasOperation('GET', '/rest/agile/1.0/board')).toBe(true);
      const boards = await checked('GET', '/rest/agile/1.0/board?projectKeyOrId=TL', { as: PAT });
      expect(boards.body).toMatchObject({ startAt: 0, isLast: true, values: [{ id: 1, type: 'scrum', location: { projectKey: 'TL' } }, { id: 3, type: 'kanban', location: { projectKey: 'TL' } }] });
      expect((await checked('GET', '/rest/agile/1.0/board/1', { as: PAT })).body).toMatchObject({ id: 1, type: 'scrum' });
      const sprints = await checked('GET', '/rest/agile/1.0/board/1/sprint?state=future,active', { as: PAT });
      expect(sprints.body).toMatchObject({ isLast: true, values: [{ id: 6, state: 'active' }, { id: 7, state: 'future' }] });
      expect((await checked('GET', '/rest/agile/1.0/sprint/6', { as: PAT })).body).toMatchObject({ id: 6, state: 'active' });
      expect((await checked('GET', '/rest/agile/1.0/board/999', { as: PAT })).status).toBe(404);
    });
  });

  it('covered every endpoint the app needs (by the emulator\'s own call counts)', () => {
    const endpoints = Object.keys(contract.emulator.calls);
    for (const expected of [
      'POST /rest/api/3/search/jql',
      'GET /rest/api/3/search/jql',
      'POST /rest/api/3/search/approximate-count',
      'GET /rest/api/3/issue/{issueIdOrKey}',
      'PUT /rest/api/3/issue/{issueIdOrKey}',
      'GET /rest/api/3/issue/{issueIdOrKey}/editmeta',
      'POST /rest/api/3/issue/bulkfetch',
      'GET /rest/api/3/field',
      'GET /rest/api/3/issue/{issueIdOrKey}/properties',
      'GET /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
      'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
      'DELETE /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
      'PUT /rest/api/3/app/field/{fieldIdOrKey}/value',
      'POST /rest/api/3/app/field/value',
      'GET /rest/api/3/mypermissions',
      'POST /rest/api/3/permissions/check',
      'GET /rest/api/3/myself',
      'GET /rest/api/3/project/{projectIdOrKey}',
      'GET /rest/agile/1.0/board',
      'GET /rest/agile/1.0/board/{boardId}/sprint',
    ]) {
      expect(endpoints).toContain(expected);
    }
  });
});
