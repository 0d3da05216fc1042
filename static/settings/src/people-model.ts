/**
 * The product manager picker's logic without React or the bridge, so it is tested in Node: how a
 * person reads, where the arrow keys move, and what the picker says while it searches.
 */
import type { PersonView } from '../../../src/contract';
import { formatNumber } from '../../common/format';

/** How long typing must pause before Jira is asked: a name typed at speed is one search, not six. */
export const SEARCH_DEBOUNCE_MS = 250;
/** The page's own bound for a query (the resolver refuses longer ones too). */
export const MAX_QUERY_CHARS = 100;

export const REMOVED_PERSON = 'A user who no longer exists';

/** The name a person is shown by; never an empty string, never a bare id unless Jira could not be asked. */
export function personName(person: PersonView): string {
  switch (person.status) {
    case 'removed':
      return REMOVED_PERSON;
    case 'unknown':
      return `Account ${person.accountId}`;
    default:
      return person.displayName ?? REMOVED_PERSON;
  }
}

/** What is said beside the name, when something is: why this person may not be who the admin expects. */
export function personNote(person: PersonView): string | null {
  switch (person.status) {
    case 'deactivated':
      return 'deactivated: can no longer sign in to Jira';
    case 'removed':
      return 'Jira no longer knows this account; remove it from the list';
    case 'unknown':
      return 'the name could not be looked up just now';
    default:
      return null;
  }
}

/** Up to two initials, for a person without an avatar (or whose avatar does not load). */
export function initialsOf(person: PersonView): string {
  if (person.status === 'removed' || person.displayName === null) return '?';
  const words = person.displayName.split(/\s+/).filter((word) => word !== '');
  const letters = words.slice(0, 2).map((word) => Array.from(word)[0] ?? '');
  return letters.join('').toUpperCase() || '?';
}

/** The option the arrow keys move to: wrapping at both ends, -1 (none) when there are none. */
export function movedActive(active: number, count: number, key: 'ArrowDown' | 'ArrowUp' | 'Home' | 'End'): number {
  if (count === 0) return -1;
  switch (key) {
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'ArrowDown':
      return active < 0 || active >= count - 1 ? 0 : active + 1;
    case 'ArrowUp':
      return active <= 0 ? count - 1 : active - 1;
  }
}

export type SearchState =
  | { readonly status: 'idle' }
  | { readonly status: 'searching'; readonly query: string }
  | { readonly status: 'found'; readonly query: string; readonly people: readonly PersonView[] }
  | { readonly status: 'failed'; readonly query: string; readonly message: string };

/** The picker's state said in words, for its live region. */
export function searchStatusText(state: SearchState, locale: string | undefined): string {
  switch (state.status) {
    case 'idle':
      return 'Type part of a name or an email address.';
    case 'searching':
      return `Searching for people matching “${state.query}”…`;
    case 'failed':
      return `The search for “${state.query}” failed: ${state.message}`;
    case 'found': {
      if (state.people.length === 0) return `No one matches “${state.query}”. Check the spelling, or try their email address.`;
      const count = formatNumber(state.people.length, locale, 0);
      return `${state.people.length === 1 ? 'One person matches' : `${count} people match`} “${state.query}”. Up and down arrows to choose, Enter to add.`;
    }
  }
}
