/**
 * People instead of account ids: the product manager picker's search, and the names and avatars of
 * account ids the app stored (product managers, who saved a configuration, who pinned an issue).
 *
 * One directory per resolver call: what it has looked up is kept for the rest of that call (a page
 * naming the same person five times asks Jira once), and never longer, so a name changed in Jira is
 * seen on the next call, and no tenant's people outlive their request in a module variable (Forge
 * shares a warm instance between installations).
 *
 * The caller decides whose Jira this is: the settings resolvers pass the app's, after checking that
 * the caller administers the project (src/resolvers/settings-people.ts says why).
 */
import type { PersonView } from '../contract';
import { MAX_USER_SEARCH_RESULTS, bulkGetUsers, searchUsers } from '../jira';
import type { JiraClient, JiraUser } from '../jira';

/** The longest query searched: a name or an email address; anything longer is not typed by a person. */
export const MAX_PEOPLE_QUERY_CHARS = 100;
/** An Atlassian account id is at most 128 characters (Jira's `accountId` maxLength). */
const MAX_ACCOUNT_ID_CHARS = 128;

export interface DescribedPeople {
  /** One per distinct id, in the order first given. */
  readonly people: readonly PersonView[];
  /** What Jira answered when it could not be asked (the people are then 'unknown'); null otherwise. */
  readonly failure: unknown;
}

export interface PeopleDirectory {
  /** Active people whose name or email starts with `query`, as Jira matches them. */
  search(query: string): Promise<readonly PersonView[]>;
  /** The people behind stored account ids: removed ones said as such, never dropped. */
  describe(accountIds: readonly string[]): Promise<DescribedPeople>;
}

export function personOf(user: JiraUser): PersonView {
  return {
    accountId: user.accountId,
    // Jira may answer a record it cannot fill with an empty name: the id is then all there is.
    displayName: user.displayName.trim() === '' ? null : user.displayName,
    avatarUrl: user.avatarUrl,
    status: user.active ? 'active' : 'deactivated',
  };
}

function removed(accountId: string): PersonView {
  return { accountId, displayName: null, avatarUrl: null, status: 'removed' };
}

function unknown(accountId: string): PersonView {
  return { accountId, displayName: null, avatarUrl: null, status: 'unknown' };
}

export function peopleDirectory(jira: JiraClient): PeopleDirectory {
  const known = new Map<string, PersonView>();
  return {
    async search(query) {
      const people = (await searchUsers(jira, query, { maxResults: MAX_USER_SEARCH_RESULTS })).map(personOf);
      for (const person of people) known.set(person.accountId, person);
      return people;
    },
    async describe(accountIds) {
      const wanted = [...new Set(accountIds)];
      // An id longer than any account id cannot be one: Jira would refuse the whole call for it.
      const askable = wanted.filter((id) => !known.has(id) && id.length > 0 && id.length <= MAX_ACCOUNT_ID_CHARS);
      let failure: unknown = null;
      if (askable.length > 0) {
        try {
          const found = await bulkGetUsers(jira, askable);
          for (const id of askable) {
            const user = found.get(id);
            known.set(id, user === undefined ? removed(id) : personOf(user));
          }
        } catch (error: unknown) {
          failure = error;
        }
      }
      return { people: wanted.map((id) => known.get(id) ?? (id.length > MAX_ACCOUNT_ID_CHARS || id.length === 0 ? removed(id) : unknown(id))), failure };
    },
  };
}

/** How a stored account id is said in a sentence ("saved by …", "pinned by …"). */
export const REMOVED_PERSON_WORDS = 'a user who no longer exists';

/**
 * The names of stored account ids, for sentences: a removed account as REMOVED_PERSON_WORDS; an id
 * Jira could not be asked about is left out, so the caller shows the id as before rather than fail.
 */
export async function namesOf(people: PeopleDirectory, accountIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
  const names = new Map<string, string>();
  if (accountIds.length === 0) return names;
  for (const person of (await people.describe(accountIds)).people) {
    if (person.status === 'removed') names.set(person.accountId, REMOVED_PERSON_WORDS);
    else if (person.displayName !== null) names.set(person.accountId, person.displayName);
  }
  return names;
}
