/**
 * The settings page's people: the product manager picker's search, and the names and avatars of
 * the product managers saved (ids read from storage, never from the page). Both pass through
 * `settingsResolverOf` first: project in view, the caller administers it (checked as the user in
 * Jira), then the payload.
 *
 * Jira is then asked AS THE APP. Why not as the user: Jira's user search and bulk user read need the
 * global "Browse users and groups" permission, which a site admin may take away from a project
 * admin, and Jira then answers an empty list rather than a refusal: the picker would say "No one
 * matches" of people who exist, and a product manager already chosen would read as removed. The
 * project admin check comes first, so the app names people only to someone who may choose product
 * managers, and it answers what any people picker in Jira shows (name and avatar, never an email).
 */
import { z } from 'zod';
import type { PeopleSearchView, PersonView, SettingsPeopleView } from '../contract';
import { createJiraClient } from '../jira';
import { forgeRequestJira } from '../jira/forge-request';
import { MAX_PEOPLE_QUERY_CHARS, peopleDirectory } from '../services/people';
import type { PeopleDirectory } from '../services/people';
import type { SettingsContext } from '../services/settings';
import { failureInWords } from './failures';
import { settingsResolverOf } from './settings-access';

export const PEOPLE_REFUSED_MESSAGE =
  'Jira refused to list its people to Throughline (the app needs to browse users). Ask a Jira admin; meanwhile the saved product managers stay as they are.';

/** Jira as the app: only ever created after `settingsResolverOf` has checked the project admin. */
function appPeople(): PeopleDirectory {
  return peopleDirectory(createJiraClient(forgeRequestJira('app')));
}

/** What the page is told when Jira could not be asked, in the same words as every other Jira failure. */
function inWords(error: unknown, what: string): string {
  return failureInWords(error, { what, forbidden: { code: 'forbidden', message: PEOPLE_REFUSED_MESSAGE } }).message;
}

export async function searchPeopleFor(people: PeopleDirectory, query: string): Promise<PeopleSearchView> {
  try {
    return { query, people: await people.search(query) };
  } catch (error: unknown) {
    throw failureInWords(error, { what: 'the people matching your search', forbidden: { code: 'forbidden', message: PEOPLE_REFUSED_MESSAGE } });
  }
}

/** The saved product managers and who saved them; when Jira cannot be asked, ids with a message, not a failure. */
export async function settingsPeopleFor(people: PeopleDirectory, context: Pick<SettingsContext, 'repositories'>, projectId: string): Promise<SettingsPeopleView> {
  const document = await context.repositories.settings.load(projectId, 'product-managers', () => ({ accountIds: [] }));
  if (document.status === 'unreadable') return { productManagers: [], savedBy: null, message: document.message };
  const ids = document.value.accountIds;
  const saver = document.status === 'stored' ? document.savedBy : null;
  const described = await people.describe(saver === null ? ids : [...ids, saver]);
  const byId = new Map<string, PersonView>(described.people.map((person) => [person.accountId, person]));
  const personFor = (id: string): PersonView => byId.get(id) ?? { accountId: id, displayName: null, avatarUrl: null, status: 'unknown' };
  return {
    productManagers: ids.map(personFor),
    savedBy: saver === null ? null : personFor(saver),
    message: described.failure === null ? null : inWords(described.failure, 'the names of these people'),
  };
}

const searchPayload = z.strictObject({ query: z.string().trim().min(1).max(MAX_PEOPLE_QUERY_CHARS) });

export const searchPeopleResolver = settingsResolverOf(searchPayload, ({ query }) => searchPeopleFor(appPeople(), query));

export const getSettingsPeopleResolver = settingsResolverOf(z.strictObject({}), (_payload, context, projectId) => settingsPeopleFor(appPeople(), context, projectId));
