/**
 * Choosing a person by name: a combobox with a listbox popup, as ARIA 1.2 describes it (the input
 * keeps focus; Down and Up move the active option, Home and End jump, Enter adds it, Escape closes
 * the list and, when closed, clears the text). Jira is asked after typing pauses, and an answer to
 * an older query is dropped, so a slow search never shows under a newer one. What the picker is
 * doing is said in a live region: searching, how many match, no one matches, the failure in words.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { PersonView } from '../../../src/contract';
import { invokeResolver, settle } from '../../common/invoke';
import { MAX_QUERY_CHARS, SEARCH_DEBOUNCE_MS, movedActive, personName, searchStatusText } from './people-model';
import type { SearchState } from './people-model';
import { PersonAvatar } from './person-avatar';
import { useDebounced } from './shared';
import { useLocale } from '../../common/locale';
import './person-picker.css';

export function PersonPicker(props: {
  readonly label: string;
  /** People already chosen: offered, but said as already there, and not added twice. */
  readonly chosen: ReadonlySet<string>;
  readonly disabled: boolean;
  readonly onChoose: (person: PersonView) => void;
  /** Who is asked: the settings' search (project admins), or a scoring round's (people who may open one). */
  readonly resolver?: 'searchPeople' | 'searchRoundPeople';
}): ReactNode {
  const { label, chosen, disabled, onChoose, resolver = 'searchPeople' } = props;
  const locale = useLocale();
  const id = useId();
  const inputId = `${id}-input`;
  const listId = `${id}-list`;
  const statusId = `${id}-status`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // The last answer, with the query it answers: an answer to an older query is never shown as the current one.
  const [answer, setAnswer] = useState<SearchState | null>(null);
  const query = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS);
  // The query whose answer is awaited: an answer for any other is an old one, and dropped.
  const wanted = useRef('');

  useEffect(() => {
    wanted.current = query;
    if (query === '') return;
    void settle(() => invokeResolver(resolver, { query })).then((result) => {
      if (wanted.current !== query) return;
      if (!result.ok) {
        setAnswer({ status: 'failed', query, message: result.error.message });
        setOpen(false);
        return;
      }
      setAnswer({ status: 'found', query, people: result.value.people });
      setActive(result.value.people.length > 0 ? 0 : -1);
      setOpen(result.value.people.length > 0);
    });
  }, [query, resolver]);

  // Typed but not yet answered (the pause has not passed, or Jira is still asked): "searching".
  const typed = text.trim();
  const search: SearchState =
    typed === '' ? { status: 'idle' } : typed === query && answer !== null && answer.status !== 'idle' && answer.query === query ? answer : { status: 'searching', query: typed };
  const people = search.status === 'found' ? search.people : [];
  const expanded = open && people.length > 0;

  const choose = (person: PersonView): void => {
    if (chosen.has(person.accountId)) return;
    onChoose(person);
    setText('');
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        if (!expanded) {
          if (people.length > 0) {
            setOpen(true);
            setActive(event.key === 'ArrowDown' ? 0 : people.length - 1);
          }
          return;
        }
        setActive((current) => movedActive(current, people.length, event.key as 'ArrowDown' | 'ArrowUp'));
        return;
      case 'Home':
      case 'End':
        if (!expanded) return;
        event.preventDefault();
        setActive(movedActive(active, people.length, event.key));
        return;
      case 'Enter': {
        const person = expanded ? people[active] : undefined;
        if (person === undefined) return;
        event.preventDefault();
        choose(person);
        return;
      }
      case 'Escape':
        event.preventDefault();
        if (expanded) setOpen(false);
        else setText('');
        return;
      default:
        return;
    }
  };

  return (
    <div className="tl-picker">
      <label className="tl-field-label" htmlFor={inputId}>
        {label}
      </label>
      <input
        id={inputId}
        type="text"
        role="combobox"
        className="tl-text"
        autoComplete="off"
        spellCheck={false}
        maxLength={MAX_QUERY_CHARS}
        placeholder="Name or email"
        disabled={disabled}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-describedby={statusId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${String(active)}` : undefined}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
        }}
        onFocus={() => {
          if (people.length > 0) setOpen(true);
        }}
      />
      <ul id={listId} role="listbox" aria-label={`People matching “${query}”`} className="tl-picker-list" hidden={!expanded}>
        {expanded &&
          people.map((person, index) => {
            const already = chosen.has(person.accountId);
            return (
              <li
                key={person.accountId}
                id={`${listId}-${String(index)}`}
                role="option"
                aria-selected={index === active}
                aria-disabled={already}
                className="tl-picker-option"
                // The input keeps focus (the pattern's rule): a press on an option must not blur it first.
                onMouseDown={(event) => {
                  event.preventDefault();
                }}
                onClick={() => {
                  choose(person);
                }}
              >
                <PersonAvatar person={person} />
                <span className="tl-person-name">{personName(person)}</span>
                {already && <span className="tl-hint">already a product manager</span>}
              </li>
            );
          })}
      </ul>
      <p id={statusId} className={search.status === 'failed' ? 'tl-picker-status tl-picker-status-failed' : 'tl-picker-status tl-hint'} role="status" aria-live="polite">
        {searchStatusText(search, locale)}
      </p>
    </div>
  );
}
