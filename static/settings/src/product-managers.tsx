/**
 * Product managers, chosen by name: the picker searches Jira's people, the list shows each chosen
 * person with their avatar, and what is saved is their account ids. Names of the saved ids come
 * from `getSettingsPeople` (ids read from storage): a person Jira no longer knows reads "A user who
 * no longer exists", a deactivated one says so, and when Jira cannot be asked the ids stay, said as
 * such, so nothing is lost by saving.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { PersonView, SettingsDocumentView } from '../../../src/contract';
import { ErrorPanel } from '../../common/components';
import { formatDateTime } from '../../common/format';
import { invokeResolver, settle } from '../../common/invoke';
import type { UiError } from '../../common/invoke';
import { personName, personNote } from './people-model';
import { PersonAvatar } from './person-avatar';
import { PersonPicker } from './person-picker';
import { SaveOutcome } from './shared';
import type { SaveState } from './shared';
import { useLocale } from '../../common/locale';

type NamesState = { readonly status: 'loading' } | { readonly status: 'failed'; readonly error: UiError } | { readonly status: 'ready'; readonly message: string | null };

function placeholder(accountId: string): PersonView {
  return { accountId, displayName: null, avatarUrl: null, status: 'unknown' };
}

export function ProductManagersSection(props: {
  readonly document: SettingsDocumentView<readonly string[]>;
  readonly blocked: boolean;
  readonly onReload: () => void;
}): ReactNode {
  const { document, blocked, onReload } = props;
  const locale = useLocale();
  const [ids, setIds] = useState<readonly string[]>(() => document.value ?? []);
  // Everyone the page can name: the saved ids once looked up, and everyone a search found.
  const [people, setPeople] = useState<ReadonlyMap<string, PersonView>>(() => new Map());
  const [names, setNames] = useState<NamesState>({ status: 'loading' });
  const [savedBy, setSavedBy] = useState<PersonView | null>(null);
  const [revision, setRevision] = useState(document.revision);
  const [save, setSave] = useState<SaveState>({ status: 'idle' });

  useEffect(() => {
    let live = true;
    void settle(() => invokeResolver('getSettingsPeople')).then((result) => {
      if (!live) return;
      if (!result.ok) {
        setNames({ status: 'failed', error: result.error });
        return;
      }
      setPeople((known) => new Map([...result.value.productManagers.map((person): [string, PersonView] => [person.accountId, person]), ...known]));
      setSavedBy(result.value.savedBy);
      setNames({ status: 'ready', message: result.value.message });
    });
    return () => {
      live = false;
    };
  }, []);

  const chosen = useMemo(() => new Set(ids), [ids]);

  const change = (next: readonly string[]): void => {
    setIds(next);
    setSave({ status: 'idle' });
  };

  const doSave = async (): Promise<void> => {
    setSave({ status: 'saving' });
    const result = await settle(() => invokeResolver('saveProductManagers', { accountIds: [...ids], baseRevision: revision }));
    if (!result.ok) setSave({ status: 'failed', error: result.error });
    else if (result.value.status === 'invalid') setSave({ status: 'invalid', errors: result.value.errors });
    else {
      setRevision(result.value.revision);
      setSave({ status: 'saved', at: result.value.savedAt });
    }
  };

  const lookingUp = names.status === 'loading';
  return (
    <section className="tl-section" aria-labelledby="pm-heading">
      <h2 id="pm-heading" className="tl-section-heading">
        Product managers
      </h2>
      <p className="tl-hint">Besides project admins, these people may edit the vision and themes on the project page.</p>
      {document.savedAt !== null && (
        <p className="tl-hint" data-testid="pm-saved-by">
          Last saved {savedBy === null ? '' : `by ${personName(savedBy)} `}on {formatDateTime(document.savedAt, locale)}.
        </p>
      )}
      {names.status === 'failed' && <ErrorPanel error={names.error} />}
      {names.status === 'ready' && names.message !== null && (
        <p className="tl-message tl-message-warning tl-message-text" role="status">
          {names.message}
        </p>
      )}
      {ids.length === 0 ? (
        <p className="tl-hint" data-testid="pm-none">
          No product managers yet: only project admins edit the vision and themes.
        </p>
      ) : (
        <ul className="tl-people" aria-label="Product managers" aria-busy={lookingUp}>
          {ids.map((accountId) => {
            const person = people.get(accountId) ?? placeholder(accountId);
            const name = lookingUp && !people.has(accountId) ? 'Looking up the name…' : personName(person);
            const note = lookingUp && !people.has(accountId) ? null : personNote(person);
            return (
              <li key={accountId} className="tl-person" data-status={person.status}>
                <PersonAvatar person={person} />
                <span className="tl-person-text">
                  <span className="tl-person-name">{name}</span>
                  {note !== null && <span className="tl-hint">{note}</span>}
                </span>
                <button
                  type="button"
                  className="tl-button tl-button-subtle"
                  disabled={blocked}
                  aria-label={`Remove ${name === 'Looking up the name…' ? `account ${accountId}` : name}`}
                  onClick={() => {
                    change(ids.filter((id) => id !== accountId));
                  }}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <PersonPicker
        label="Add a product manager"
        chosen={chosen}
        disabled={blocked}
        onChoose={(person) => {
          setPeople((known) => new Map(known).set(person.accountId, person));
          change([...ids, person.accountId]);
        }}
      />
      <div className="tl-actions">
        <button
          type="button"
          className="tl-button tl-button-primary"
          disabled={blocked || save.status === 'saving'}
          onClick={() => {
            void doSave();
          }}
        >
          Save product managers
        </button>
      </div>
      {save.status === 'saved' ? (
        <p className="tl-status tl-status-success" role="status">
          Saved.
        </p>
      ) : (
        <SaveOutcome state={save} onReload={onReload} />
      )}
    </section>
  );
}
