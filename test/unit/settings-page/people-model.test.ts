/**
 * The product manager picker's words and keys, without a browser: how a removed, deactivated or
 * unlooked-up person reads, where the arrow keys go at both ends, and what the live region says
 * while searching, when nobody matches, and when the search failed.
 */
import { describe, expect, it } from 'vitest';
import type { PersonView } from '../../../src/contract';
import { REMOVED_PERSON, initialsOf, movedActive, personName, personNote, searchStatusText } from '../../../static/settings/src/people-model';

const PAT: PersonView = { accountId: 'a-1', displayName: 'Pat Owner', avatarUrl: null, status: 'active' };

const PEOPLE: readonly (readonly [PersonView, string, string | null, string])[] = [
    [PAT, 'Pat Owner', null, 'PO'],
    [{ ...PAT, status: 'deactivated' }, 'Pat Owner', 'deactivated: can no longer sign in to Jira', 'PO'],
    [{ accountId: 'gone-1', displayName: null, avatarUrl: null, status: 'removed' }, REMOVED_PERSON, 'Jira no longer knows this account; remove it from the list', '?'],
    [{ accountId: 'a-9', displayName: null, avatarUrl: null, status: 'unknown' }, 'Account a-9', 'the name could not be looked up just now', '?'],
    [{ ...PAT, displayName: 'Émile' }, 'Émile', null, 'É'],
];

describe('how a person reads', () => {
  it.each(PEOPLE)('%j reads %s', (person, name, note, initials) => {
    expect(personName(person)).toBe(name);
    expect(personNote(person)).toBe(note);
    expect(initialsOf(person)).toBe(initials);
  });

  it('a removed user is said as "a user who no longer exists", never as an empty name', () => {
    expect(REMOVED_PERSON).toBe('A user who no longer exists');
  });
});

describe('the arrow keys', () => {
  it('move down and up, wrapping at both ends; Home and End jump; nothing to move to is -1', () => {
    expect(movedActive(-1, 3, 'ArrowDown')).toBe(0);
    expect(movedActive(0, 3, 'ArrowDown')).toBe(1);
    expect(movedActive(2, 3, 'ArrowDown')).toBe(0);
    expect(movedActive(0, 3, 'ArrowUp')).toBe(2);
    expect(movedActive(2, 3, 'ArrowUp')).toBe(1);
    expect(movedActive(1, 3, 'Home')).toBe(0);
    expect(movedActive(1, 3, 'End')).toBe(2);
    expect(movedActive(0, 0, 'ArrowDown')).toBe(-1);
  });
});

describe('what the picker says', () => {
  it('in every state, in words', () => {
    expect(searchStatusText({ status: 'idle' }, 'en')).toBe('Type part of a name or an email address.');
    expect(searchStatusText({ status: 'searching', query: 'pat' }, 'en')).toBe('Searching for people matching “pat”…');
    expect(searchStatusText({ status: 'found', query: 'zeb', people: [] }, 'en')).toBe('No one matches “zeb”. Check the spelling, or try their email address.');
    expect(searchStatusText({ status: 'found', query: 'pat', people: [PAT] }, 'en')).toBe('One person matches “pat”. Up and down arrows to choose, Enter to add.');
    expect(searchStatusText({ status: 'failed', query: 'pat', message: 'Jira is busy.' }, 'en')).toBe('The search for “pat” failed: Jira is busy.');
  });

  it('counts in the user’s locale', () => {
    const many = Array.from({ length: 1200 }, (_, index): PersonView => ({ ...PAT, accountId: `a-${String(index)}` }));
    expect(searchStatusText({ status: 'found', query: 'a', people: many }, 'de-DE')).toMatch(/^1\.200 people match/);
  });
});
