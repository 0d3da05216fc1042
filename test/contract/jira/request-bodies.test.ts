/**
 * Every request the client sends (method, path, body) is checked against Atlassian's OpenAPI
 * description of Jira Cloud with the project's validator (dev/openapi/validate.ts). The calls are
 * made by the real client code over a fake Jira that answers just enough to keep it going.
 */
import { describe, expect, it } from 'vitest';
import { loadJiraSpec } from '../../../dev/openapi/validate';
import { everyCall } from './every-call';

const spec = loadJiraSpec();

describe('request bodies against the Jira OpenAPI descriptions', () => {
  it('every request the client makes is a documented operation with a valid body', async () => {
    const calls = await everyCall();
    expect(calls.length).toBeGreaterThanOrEqual(16);
    const problems: string[] = [];
    for (const call of calls) {
      if (!spec.hasOperation(call.method, call.path)) {
        problems.push(`${call.method} ${call.path}: not in the spec`);
        continue;
      }
      const result = spec.validateRequest(call.method, call.path, call.body);
      if (!result.ok) problems.push(`${call.method} ${call.path}: ${result.errors.join('; ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('the validator would catch a body the API refuses (so the check above means something)', () => {
    expect(spec.validateRequest('POST', '/rest/api/3/search/jql', { jql: 'x', startAt: 0 })).toMatchObject({ ok: false });
    expect(spec.validateRequest('POST', '/rest/api/3/app/field/value', { updates: [{ customField: 'customfield_1', issueIds: ['TL-1'], value: 1 }] })).toMatchObject({ ok: false });
    expect(spec.validateRequest('POST', '/rest/api/3/issue/bulkfetch', { fields: ['summary'] })).toMatchObject({ ok: false });
  });
});
