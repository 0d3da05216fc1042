/**
 * The emulator's people held to Atlassian's OpenAPI description: `GET /user/search` (query,
 * maxResults; active users with accountId, displayName, avatarUrls, active), `GET /user/bulk`
 * (repeated accountId; a removed account left out, a deactivated one with active: false) and
 * `GET /user` (a removed account is a 404), each answer and refusal validated against the spec.
 */
import { describe, expect, it } from 'vitest';
import { ADA, NICK, PAT } from '../../integration/emulator/support';
import type { Answer, Who } from '../../integration/emulator/support';
import { specCheckedEmulator } from './spec-checked';

describe('Jira emulator: people, against the OpenAPI spec', () => {
  const contract = specCheckedEmulator();
  const checked = (path: string, as?: Who): Promise<Answer> => contract.checked('GET', path, as === undefined ? {} : { as });

  it('GET /user/search: by a prefix of a name or of a word in it, as a user or the app; maxResults; 400; 401', async () => {
    const found = await checked('/rest/api/3/user/search?query=pat&maxResults=20', ADA);
    expect(found.body).toEqual([
      expect.objectContaining({ accountId: PAT, displayName: 'Pat Owner', active: true, accountType: 'atlassian', avatarUrls: expect.objectContaining({ '48x48': expect.stringMatching(/^https:\/\//) }) }),
    ]);
    expect((await checked('/rest/api/3/user/search?query=OWN')).body).toEqual([expect.objectContaining({ accountId: PAT })]);
    expect(((await checked('/rest/api/3/user/search?query=a&maxResults=1')).body as unknown[]).length).toBe(1);
    expect((await checked('/rest/api/3/user/search?query=zebedee')).body).toEqual([]);
    expect((await checked(`/rest/api/3/user/search?accountId=${NICK}`)).body).toEqual([expect.objectContaining({ accountId: NICK })]);
    expect((await checked('/rest/api/3/user/search')).status).toBe(400);
    expect((await checked(`/rest/api/3/user/search?query=pat&accountId=${PAT}`)).status).toBe(400);
    expect((await checked('/rest/api/3/user/search?query=pat', 'nobody')).status).toBe(401);
  });

  it('GET /user/bulk and GET /user: a deactivated account is answered inactive and not searchable; a removed one is gone', async () => {
    const both = await checked(`/rest/api/3/user/bulk?accountId=${PAT}&accountId=${NICK}&maxResults=50`);
    expect(both.body).toMatchObject({ isLast: true, startAt: 0, total: 2, values: [{ accountId: PAT }, { accountId: NICK, active: true }] });
    expect((await checked('/rest/api/3/user/bulk')).status).toBe(400);
    expect((await checked(`/rest/api/3/user?accountId=${PAT}`)).body).toMatchObject({ accountId: PAT, displayName: 'Pat Owner' });

    contract.emulator.state.removeUser(NICK, 'deactivated');
    expect((await checked('/rest/api/3/user/search?query=nick')).body).toEqual([]);
    expect((await checked(`/rest/api/3/user/bulk?accountId=${NICK}`)).body).toMatchObject({ values: [{ accountId: NICK, active: false }] });
    expect((await checked(`/rest/api/3/user?accountId=${NICK}`)).body).toMatchObject({ accountId: NICK, active: false });

    contract.emulator.state.removeUser(NICK, 'removed');
    expect((await checked(`/rest/api/3/user/bulk?accountId=${NICK}&accountId=${PAT}`)).body).toMatchObject({ total: 1, values: [{ accountId: PAT }] });
    const gone = await checked(`/rest/api/3/user?accountId=${NICK}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ errorMessages: [expect.stringMatching(/does not exist/)], errors: {} });
  });
});
