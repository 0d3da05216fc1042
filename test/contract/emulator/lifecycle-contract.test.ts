/**
 * The emulator's issue deletion and issue security scheme endpoints, and `fields.security`, held to
 * Atlassian's OpenAPI description like the other emulator endpoints (emulator-contract.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { securedDemo } from '../../integration/emulator/secured-demo';
import { ADA, call, NICK, PAT } from '../../integration/emulator/support';
import type { Answer, Who } from '../../integration/emulator/support';
import { specCheckedEmulator } from './spec-checked';

describe('issue security and deletion against the OpenAPI spec', () => {
  const contract = specCheckedEmulator({ dataset: securedDemo() });
  const checked = (method: string, path: string, as: Who = 'app'): Promise<Answer> => contract.checked(method, path, { as });

  it('GET /project/{key}/issuesecuritylevelscheme: 200 SecurityScheme, 403, 404, 401', async () => {
    expect((await checked('GET', '/rest/api/3/project/TL/issuesecuritylevelscheme', ADA)).status).toBe(200);
    expect((await checked('GET', '/rest/api/3/project/TL/issuesecuritylevelscheme')).status).toBe(200);
    expect((await checked('GET', '/rest/api/3/project/TL/issuesecuritylevelscheme', PAT)).status).toBe(403);
    expect((await checked('GET', '/rest/api/3/project/TL/issuesecuritylevelscheme', NICK)).status).toBe(404);
    expect((await checked('GET', '/rest/api/3/project/TL/issuesecuritylevelscheme', 'nobody')).status).toBe(401);
  });

  it('fields.security is a SecurityLevel', async () => {
    const issue = (await call(contract.emulator, 'GET', '/rest/api/3/issue/TL-57?fields=security')).body as { fields: { security: unknown } };
    expect(contract.spec.validateSchema('SecurityLevel', issue.fields.security)).toEqual({ ok: true });
  });

  it('DELETE /issue/{key}: 204, 400, 403, 404, 401', async () => {
    expect((await checked('DELETE', '/rest/api/3/issue/TL-57', PAT)).status).toBe(404); // behind a level Pat is not in
    expect((await checked('DELETE', '/rest/api/3/issue/TL-57', ADA)).status).toBe(400); // has subtasks
    expect((await checked('DELETE', '/rest/api/3/issue/MOB-5', PAT)).status).toBe(403);
    expect((await checked('DELETE', '/rest/api/3/issue/TL-40', 'nobody')).status).toBe(401);
    expect((await checked('DELETE', '/rest/api/3/issue/TL-57?deleteSubtasks=true', ADA)).status).toBe(204);
    expect((await checked('DELETE', '/rest/api/3/issue/TL-57', ADA)).status).toBe(404);
  });
});
