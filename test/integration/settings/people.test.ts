/**
 * The product manager picker through the local Forge runtime and the Jira emulator: a project admin
 * finds people by name (Jira's user search, asked as the app after the admin check), the saved ids
 * come back as names and avatars, and every bad input is answered in words: nobody matches, a
 * removed or deactivated product manager, a search Jira refuses or cannot answer, a non-admin's
 * call, a query of 10,000 characters, an account id that is not text.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PeopleSearchView, SaveResultView, SettingsPeopleView } from '../../../src/contract';
import { NOT_ADMIN_MESSAGE } from '../../../src/resolvers/permissions';
import { ADA, NICK, PAT, callSettings, startSite, valueOf } from './support';
import type { Site, User } from './support';

const SEARCH = 'GET /rest/api/3/user/search';
const BULK = 'GET /rest/api/3/user/bulk';
/** An account id of the right shape that the site never had. */
const NEVER_HERE = '5f0c1a2b3c4d5e6f7a8b9c77';

let site: Site;

beforeAll(async () => {
  site = await startSite();
});

afterAll(async () => {
  await site.close();
});

afterEach(() => {
  site.emulator.setFaults({});
});

const search = (query: unknown, user: User = ADA) => callSettings<PeopleSearchView>(site, 'searchPeople', { query }, user);

describe('searchPeople: the picker finds people by name', () => {
  it('finds Pat by a part of the name, with avatar and account id', async () => {
    site.emulator.resetCalls();
    const found = valueOf(await search('  pat '));
    expect(found.query).toBe('pat');
    expect(found.people).toEqual([{ accountId: PAT.accountId, displayName: 'Pat Owner', avatarUrl: expect.stringMatching(/^https:\/\/avatar-management--avatars\.[^/]+\.atl-paas\.net\//), status: 'active' }]);
    expect(valueOf(await search('owner')).people.map((person) => person.displayName)).toEqual(['Pat Owner']);
    expect(site.emulator.callCount(SEARCH)).toBe(2);
  });

  it('a search that finds nobody is an empty list, not a failure', async () => {
    expect(valueOf(await search('zebedee'))).toEqual({ query: 'zebedee', people: [] });
  });

  it('a deactivated account is not offered', async () => {
    site.emulator.state.removeUser(NICK.accountId, 'deactivated');
    try {
      expect(valueOf(await search('nick')).people).toEqual([]);
    } finally {
      const nick = site.emulator.state.users.get(NICK.accountId);
      if (nick !== undefined) site.emulator.state.users.set(NICK.accountId, { ...nick, active: true });
    }
  });

  it('a search Jira is too busy for (429 until the retries run out) is said as such', async () => {
    site.emulator.failNext({ endpoint: SEARCH, count: 5, status: 429, retryAfterSeconds: 0, reason: 'jira-burst-based' });
    const answer = await search('pat');
    expect(answer).toMatchObject({ ok: false, error: { code: 'rate-limited', message: expect.stringMatching(/\S/) } });
  });

  it('a search Jira fails (500) names what was asked, in words', async () => {
    // Twice: the client repeats a read once on a 500 (src/jira/retry.ts).
    site.emulator.failNext({ endpoint: SEARCH, count: 2, status: 500 });
    expect(await search('pat')).toMatchObject({ ok: false, error: { code: 'jira-error', message: expect.stringMatching(/^Jira could not give the people matching your search/) } });
  });
});

describe('forged searches', () => {
  it('a non-admin is refused before the query is read, and Jira is never asked for people', async () => {
    site.emulator.resetCalls();
    for (const user of [PAT, NICK] as const) {
      expect(await search('a', user)).toEqual({ ok: false, error: { code: 'forbidden', message: NOT_ADMIN_MESSAGE } });
      expect(await search('x'.repeat(10_000), user)).toEqual({ ok: false, error: { code: 'forbidden', message: NOT_ADMIN_MESSAGE } });
    }
    expect(site.emulator.callCount(SEARCH)).toBe(0);
  });

  it('a query of 10,000 characters, an empty one, one that is not text, or extra fields: a bad request in words', async () => {
    site.emulator.resetCalls();
    for (const payload of [{ query: 'x'.repeat(10_000) }, { query: '   ' }, { query: 42 }, { query: ['pat'] }, { query: 'pat', accountId: ADA.accountId }, {}]) {
      const answer = await callSettings(site, 'searchPeople', payload, ADA);
      expect(answer, JSON.stringify(payload).slice(0, 80)).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/^The request was not understood/) } });
      if (!answer.ok) expect(answer.error.message.length).toBeLessThanOrEqual(300);
    }
    expect(site.emulator.callCount(SEARCH)).toBe(0);
  });
});

describe('getSettingsPeople: the saved ids as people', () => {
  it('names the product managers and who saved them; a removed and a deactivated account are said as such', async () => {
    const saved = valueOf(await callSettings<SaveResultView>(site, 'saveProductManagers', { accountIds: [PAT.accountId, NICK.accountId, NEVER_HERE], baseRevision: 0 }, ADA));
    expect(saved).toMatchObject({ status: 'saved' });
    site.emulator.state.removeUser(NICK.accountId, 'deactivated');
    site.emulator.resetCalls();
    const view = valueOf(await callSettings<SettingsPeopleView>(site, 'getSettingsPeople', {}, ADA));
    expect(view.productManagers.map(({ accountId, displayName, status }) => ({ accountId, displayName, status }))).toEqual([
      { accountId: PAT.accountId, displayName: 'Pat Owner', status: 'active' },
      { accountId: NICK.accountId, displayName: 'Nick NoAccess', status: 'deactivated' },
      { accountId: NEVER_HERE, displayName: null, status: 'removed' },
    ]);
    expect(view.savedBy).toMatchObject({ accountId: ADA.accountId, displayName: 'Ada Admin', status: 'active' });
    expect(view.message).toBeNull();
    // Four ids, one call: the per-request lookup asks for them together.
    expect(site.emulator.callCount(BULK)).toBe(1);
  });

  it('a product manager removed from the site since (Jira no longer knows the id) reads as removed', async () => {
    site.emulator.state.removeUser(NICK.accountId, 'removed');
    const view = valueOf(await callSettings<SettingsPeopleView>(site, 'getSettingsPeople', {}, ADA));
    expect(view.productManagers.find((person) => person.accountId === NICK.accountId)).toEqual({ accountId: NICK.accountId, displayName: null, avatarUrl: null, status: 'removed' });
    const byId = await fetch(`${site.emulator.url}/rest/api/3/user?accountId=${NICK.accountId}`, { headers: { 'x-emulator-as-app': 'true' } });
    expect(byId.status).toBe(404);
  });

  it('when Jira cannot be asked, the ids stay, marked unknown, with the reason in words', async () => {
    site.emulator.failNext({ endpoint: BULK, count: 2, status: 500 });
    const view = valueOf(await callSettings<SettingsPeopleView>(site, 'getSettingsPeople', {}, ADA));
    expect(view.productManagers.map((person) => person.status)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(view.message).toMatch(/^Jira could not give the names of these people/);
  });

  it('a non-admin is refused; a payload with ids is refused (the ids come from storage only)', async () => {
    expect(await callSettings(site, 'getSettingsPeople', {}, PAT)).toEqual({ ok: false, error: { code: 'forbidden', message: NOT_ADMIN_MESSAGE } });
    expect(await callSettings(site, 'getSettingsPeople', { accountIds: [ADA.accountId] }, ADA)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('saving account ids that are not text is a bad request in words, and nothing is saved', async () => {
    for (const accountIds of [[42], [{ accountId: PAT.accountId }], [null], 'not a list']) {
      const answer = await callSettings(site, 'saveProductManagers', { accountIds, baseRevision: 1 }, ADA);
      expect(answer, JSON.stringify(accountIds)).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/^The request was not understood: accountIds/) } });
    }
    const settings = valueOf(await callSettings<{ productManagers: { revision: number } }>(site, 'getSettings', {}, ADA));
    expect(settings.productManagers.revision).toBe(1);
  });
});
