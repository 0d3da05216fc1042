/**
 * People instead of account ids, over a scripted Jira: the user search and the bulk read as Jira
 * answers them (found, nobody, removed, deactivated, refused), the per-call cache, and the words the
 * settings page is given when Jira refuses or is busy.
 */
import { describe, expect, it } from 'vitest';
import { bulkGetUsers, MAX_BULK_USERS, searchUsers } from '../../../src/jira/users';
import { REMOVED_PERSON_WORDS, namesOf, peopleDirectory } from '../../../src/services/people';
import { PEOPLE_REFUSED_MESSAGE, searchPeopleFor, settingsPeopleFor } from '../../../src/resolvers/settings-people';
import { ResolverError } from '../../../src/resolvers/failures';
import { fakeJira, response } from '../jira/fake-jira';
import type { RecordedCall } from '../jira/fake-jira';

const AVATAR = 'https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/initials/PO-5.png';

function jiraUser(accountId: string, displayName: string, active = true): Record<string, unknown> {
  return {
    self: `https://example.atlassian.net/rest/api/3/user?accountId=${accountId}`,
    accountId,
    accountType: 'atlassian',
    displayName,
    active,
    avatarUrls: { '16x16': `${AVATAR}?s=16`, '24x24': `${AVATAR}?s=24`, '32x32': `${AVATAR}?s=32`, '48x48': `${AVATAR}?s=48` },
  };
}

const PAT = jiraUser('5f0c1a2b3c4d5e6f7a8b9c02', 'Pat Owner');
const QUINN = jiraUser('5f0c1a2b3c4d5e6f7a8b9c09', 'Quinn Former', false);
const GONE = '5f0c1a2b3c4d5e6f7a8b9c99';

/** A Jira whose bulk read answers the users it knows among the ids asked. */
function bulkJira(known: readonly Record<string, unknown>[]) {
  return fakeJira((call: RecordedCall) => {
    const asked = new URL(call.path, 'https://jira.example').searchParams.getAll('accountId');
    const values = known.filter((user) => asked.includes(user.accountId as string));
    return response(200, { isLast: true, maxResults: asked.length, startAt: 0, total: values.length, values });
  });
}

/** Jira failing: a 500 is repeated once (src/jira/retry.ts), so it answers 500 twice. */
const JIRA_FAILS = [response(500, { errorMessages: ['Internal server error'] }), response(500, { errorMessages: ['Internal server error'] })];

describe('searchUsers: GET /rest/api/3/user/search', () => {
  it('asks with the query and a short page, and answers names, avatars and ids', async () => {
    const jira = fakeJira([response(200, [PAT])]);
    const users = await searchUsers(jira.client(), 'pat o');
    expect(jira.calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /rest/api/3/user/search?query=pat%20o&maxResults=20']);
    expect(users).toEqual([{ accountId: PAT.accountId, displayName: 'Pat Owner', active: true, avatarUrl: `${AVATAR}?s=48` }]);
  });

  it('answers nobody as an empty list, and leaves out deactivated accounts', async () => {
    expect(await searchUsers(fakeJira([response(200, [])]).client(), 'zzz')).toEqual([]);
    expect((await searchUsers(fakeJira([response(200, [PAT, QUINN])]).client(), 'o')).map((user) => user.displayName)).toEqual(['Pat Owner']);
  });

  it('does not pass on an avatar that is not https (it would be loaded into the page)', async () => {
    const odd = { ...PAT, avatarUrls: { '48x48': 'javascript:alert(1)' } };
    expect(await searchUsers(fakeJira([response(200, [odd])]).client(), 'pat')).toEqual([{ accountId: PAT.accountId, displayName: 'Pat Owner', active: true, avatarUrl: null }]);
    const none = { accountId: PAT.accountId, displayName: 'Pat Owner', active: true };
    expect((await searchUsers(fakeJira([response(200, [none])]).client(), 'pat'))[0]?.avatarUrl).toBeNull();
  });
});

describe('bulkGetUsers: GET /rest/api/3/user/bulk', () => {
  it('sends each id as its own accountId parameter, deduplicated, in calls of at most 50', async () => {
    const jira = bulkJira([PAT]);
    const ids = [PAT.accountId as string, PAT.accountId as string, ...Array.from({ length: MAX_BULK_USERS }, (_, index) => `id-${String(index)}`)];
    const found = await bulkGetUsers(jira.client(), ids);
    expect(jira.calls).toHaveLength(2);
    const first = new URL(jira.calls[0]?.path ?? '', 'https://jira.example').searchParams;
    expect(first.getAll('accountId')).toHaveLength(MAX_BULK_USERS);
    expect(first.get('accountId')).toBe(PAT.accountId);
    expect(first.get('maxResults')).toBe(String(MAX_BULK_USERS));
    expect([...found.keys()]).toEqual([PAT.accountId]);
  });
});

describe('peopleDirectory: stored ids as people', () => {
  it('says a removed account as removed and a deactivated one as deactivated, in the order given', async () => {
    const people = peopleDirectory(bulkJira([PAT, QUINN]).client());
    const { people: described, failure } = await people.describe([GONE, PAT.accountId as string, QUINN.accountId as string]);
    expect(failure).toBeNull();
    expect(described).toEqual([
      { accountId: GONE, displayName: null, avatarUrl: null, status: 'removed' },
      { accountId: PAT.accountId, displayName: 'Pat Owner', avatarUrl: `${AVATAR}?s=48`, status: 'active' },
      { accountId: QUINN.accountId, displayName: 'Quinn Former', avatarUrl: `${AVATAR}?s=48`, status: 'deactivated' },
    ]);
  });

  it('asks Jira once per call for the same people, and not again for people it just found in a search', async () => {
    const jira = fakeJira((call: RecordedCall) =>
      call.path.startsWith('/rest/api/3/user/search') ? response(200, [PAT]) : response(200, { isLast: true, values: [QUINN] }),
    );
    const people = peopleDirectory(jira.client());
    await people.search('pat');
    await people.describe([PAT.accountId as string, QUINN.accountId as string]);
    await people.describe([QUINN.accountId as string, PAT.accountId as string, QUINN.accountId as string]);
    expect(jira.calls.map((call) => call.path.split('?')[0])).toEqual(['/rest/api/3/user/search', '/rest/api/3/user/bulk']);
    expect(new URL(jira.calls[1]?.path ?? '', 'https://jira.example').searchParams.getAll('accountId')).toEqual([QUINN.accountId]);
  });

  it('keeps the ids when Jira cannot be asked: unknown, not removed, with what Jira answered', async () => {
    const people = peopleDirectory(fakeJira(JIRA_FAILS).client());
    const { people: described, failure } = await people.describe([PAT.accountId as string]);
    expect(described).toEqual([{ accountId: PAT.accountId, displayName: null, avatarUrl: null, status: 'unknown' }]);
    expect(failure).toBeInstanceOf(Error);
  });
});

describe('namesOf: stored ids in sentences ("saved by …", "pinned by …")', () => {
  it('names people, says a removed account as such, and leaves out an id Jira could not be asked about', async () => {
    const names = await namesOf(peopleDirectory(bulkJira([PAT]).client()), [PAT.accountId as string, GONE]);
    expect([...names]).toEqual([
      [PAT.accountId, 'Pat Owner'],
      [GONE, REMOVED_PERSON_WORDS],
    ]);
    expect(REMOVED_PERSON_WORDS).toBe('a user who no longer exists');
    const failing = peopleDirectory(fakeJira(JIRA_FAILS).client());
    expect((await namesOf(failing, [PAT.accountId as string])).size).toBe(0);
  });
});

describe('the settings resolvers’ words', () => {
  it('a search Jira refuses (403) says what the app lacks and who can help', async () => {
    const jira = fakeJira([response(403, { errorMessages: ['You do not have the permission to browse users'] })]);
    const refused = searchPeopleFor(peopleDirectory(jira.client()), 'pat');
    await expect(refused).rejects.toBeInstanceOf(ResolverError);
    await expect(refused).rejects.toMatchObject({ code: 'forbidden', message: PEOPLE_REFUSED_MESSAGE });
  });

  it('a search Jira cannot answer (500) is said as Jira’s failure, naming what was asked', async () => {
    const jira = fakeJira(JIRA_FAILS);
    await expect(searchPeopleFor(peopleDirectory(jira.client()), 'pat')).rejects.toMatchObject({ code: 'jira-error', message: expect.stringMatching(/^Jira could not give the people matching your search/) });
  });

  it('a search with no match answers an empty list with the query searched', async () => {
    expect(await searchPeopleFor(peopleDirectory(fakeJira([response(200, [])]).client()), 'zzz')).toEqual({ query: 'zzz', people: [] });
  });

  it('the saved product managers: from storage, with who saved them, removed ones said as such', async () => {
    const stored = { status: 'stored', value: { accountIds: [PAT.accountId, GONE] }, revision: 2, savedAt: '2026-12-01T10:00:00.000Z', savedBy: QUINN.accountId } as const;
    const repositories = { settings: { load: () => Promise.resolve(stored) } } as unknown as Parameters<typeof settingsPeopleFor>[1]['repositories'];
    const view = await settingsPeopleFor(peopleDirectory(bulkJira([PAT, QUINN]).client()), { repositories }, '10000');
    expect(view.productManagers.map((person) => [person.displayName, person.status])).toEqual([
      ['Pat Owner', 'active'],
      [null, 'removed'],
    ]);
    expect(view.savedBy).toMatchObject({ displayName: 'Quinn Former', status: 'deactivated' });
    expect(view.message).toBeNull();
  });
});
