/**
 * The emulator endpoints added for the background recompute and the settings page, held to
 * Atlassian's OpenAPI spec like the others: bulk issue properties (303 to a task), the task, and
 * the create-screen metadata with select options.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JiraEmulator } from '../../../dev/jira-emulator';
import { ACCOUNT_HEADER, AS_APP_HEADER } from '../../../dev/jira-emulator/emulator';
import { loadJiraSpec } from '../../../dev/openapi/validate';
import type { OpenApiValidator } from '../../../dev/openapi/validate';
import { ADA, NICK, PAT, call, startDemo } from '../../integration/emulator/support';

let emulator: JiraEmulator;
let spec: OpenApiValidator;

beforeAll(async () => {
  spec = loadJiraSpec();
  emulator = await startDemo();
});

afterAll(async () => {
  await emulator.close();
});

function valid(method: string, path: string, status: number, body: unknown): void {
  expect(spec.validateResponse(method, path, status, body), `${method} ${path} ${status}`).toEqual({ ok: true });
}

async function postWithoutFollowing(path: string, body: unknown, as: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (as === 'app') headers[AS_APP_HEADER] = 'true';
  else headers[ACCOUNT_HEADER] = as;
  return fetch(`${emulator.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body), redirect: 'manual' });
}

describe('POST /rest/api/3/issue/properties and GET /rest/api/3/task/{id}', () => {
  it('sets one value on many issues, all at once, and answers 303 to a finished task', async () => {
    const body = { entitiesIds: [10013, 10014, 99999], properties: { 'throughline.readiness': { verdict: 'ready', failingRules: [] } } };
    // The body itself is not checked against the spec: it types property values as Jackson's
    // JsonNode (an object with fixed members such as "bigDecimal"), which no real JSON value
    // matches. Its envelope is: an empty property map is refused (minProperties 1).
    expect(spec.validateRequest('POST', '/rest/api/3/issue/properties', { ...body, properties: {} })).toMatchObject({ ok: false });
    const answer = await postWithoutFollowing('/rest/api/3/issue/properties', body, 'app');
    expect(answer.status).toBe(303);
    const location = answer.headers.get('location') ?? '';
    expect(location).toMatch(/\/rest\/api\/3\/task\/\d+$/);
    expect(emulator.state.findIssue('TL-13')?.properties.get('throughline.readiness')).toEqual({ verdict: 'ready', failingRules: [] });
    expect(emulator.state.findIssue('TL-14')?.properties.get('throughline.readiness')).toEqual({ verdict: 'ready', failingRules: [] });

    const taskPath = new URL(location).pathname;
    const task = await call(emulator, 'GET', taskPath, { as: 'app' });
    expect(task.status).toBe(200);
    expect(task.body).toMatchObject({ status: 'COMPLETE', progress: 100, result: { updated: 2 } });
    valid('GET', taskPath, 200, task.body);
    // Only its creator sees the task.
    expect((await call(emulator, 'GET', taskPath, { as: PAT })).status).toBe(404);
    // fetch follows the 303 to the task, as the app's client does.
    const followed = await call(emulator, 'POST', '/rest/api/3/issue/properties', { as: 'app', body });
    expect(followed).toMatchObject({ status: 200, body: { status: 'COMPLETE' } });
  });

  it('leaves out issues the caller may not edit, and refuses bad requests as a whole', async () => {
    const answer = await postWithoutFollowing('/rest/api/3/issue/properties', { entitiesIds: [10015], properties: { 'x.y': 1 } }, NICK);
    expect(answer.status).toBe(303);
    expect(emulator.state.findIssue('TL-15')?.properties.has('x.y')).toBe(false);
    const tooMany = await call(emulator, 'POST', '/rest/api/3/issue/properties', { as: 'app', body: { entitiesIds: Array.from({ length: 10_001 }, (_, i) => i + 1), properties: { a: 1 } } });
    expect(tooMany.status).toBe(400);
    valid('POST', '/rest/api/3/issue/properties', 400, tooMany.body);
    const big = await call(emulator, 'POST', '/rest/api/3/issue/properties', { as: 'app', body: { entitiesIds: [10013], properties: { a: 'x'.repeat(40_000) } } });
    expect(big.status).toBe(400);
    expect(emulator.state.findIssue('TL-13')?.properties.has('a')).toBe(false);
  });
});

describe('GET /rest/api/3/issue/createmeta/{project}/issuetypes[/{id}]', () => {
  it("lists the project's issue types and a type's fields with their allowed values", async () => {
    const types = await call(emulator, 'GET', '/rest/api/3/issue/createmeta/10000/issuetypes', { as: ADA });
    expect(types.status).toBe(200);
    valid('GET', '/rest/api/3/issue/createmeta/10000/issuetypes', 200, types.body);
    const story = (types.body as { issueTypes: { id: string; name: string }[] }).issueTypes.find((type) => type.name === 'Story');
    expect(story).toBeDefined();
    const path = `/rest/api/3/issue/createmeta/TL/issuetypes/${story?.id ?? ''}?maxResults=200`;
    const fields = await call(emulator, 'GET', path, { as: ADA });
    expect(fields.status).toBe(200);
    valid('GET', path.split('?')[0] ?? path, 200, fields.body);
    const risk = (fields.body as { fields: { fieldId: string; allowedValues?: { value: string }[] }[] }).fields.find((field) => field.fieldId === 'customfield_10052');
    expect(risk?.allowedValues?.map((option) => option.value)).toEqual(['None', 'Low', 'Medium', 'High', 'Critical']);
    // The app's own read-only fields are never on a create screen.
    expect((fields.body as { fields: { fieldId: string }[] }).fields.some((field) => field.fieldId === 'customfield_10100')).toBe(false);
  });

  it('needs permission to create issues in the project', async () => {
    expect((await call(emulator, 'GET', '/rest/api/3/issue/createmeta/MOB/issuetypes', { as: PAT })).status).toBe(400);
    expect((await call(emulator, 'GET', '/rest/api/3/issue/createmeta/TL/issuetypes', { as: NICK })).status).toBe(404);
  });
});
