/**
 * Opening a scoring round (scoring-rounds.tsx): its name, the issues (by key, or an epic's open
 * issues), the inputs of the model to ask about, and the people (the settings page's picker, asking
 * searchRoundPeople). The backend reads the issues as the owner and refuses keys of other projects
 * in words; the form keeps what was typed when it is refused.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { PersonView, ScoringRoundView, ScoringRoundsView } from '../../../src/contract';
import { Button, ErrorPanel, Field } from '../../common/components';
import { useForgeContext } from '../../common/forge-hooks';
import { invokeResolver, settle } from '../../common/invoke';
import type { UiError } from '../../common/invoke';
// eslint-disable-next-line no-restricted-imports -- the settings page's people picker (UI, not the backend this rule keeps out), reused as the issue asks; it asks searchRoundPeople here
import { PersonPicker } from '../../settings/src/person-picker';

export function OpenRoundForm({ view, onCancel, onOpened }: { readonly view: ScoringRoundsView; readonly onCancel: () => void; readonly onOpened: (round: ScoringRoundView) => void }): ReactNode {
  const [name, setName] = useState('');
  const [source, setSource] = useState<'keys' | 'epic' | 'next-sprint'>('keys');
  const [keys, setKeys] = useState('');
  const [epic, setEpic] = useState('');
  const [inputs, setInputs] = useState<readonly string[]>(view.inputs.slice(0, Math.min(3, view.limits.inputs)).map((input) => input.key));
  const [people, setPeople] = useState<readonly PersonView[]>([]);
  const [includeMe, setIncludeMe] = useState(true);
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  // Who "I" am, for "I give values too": Forge's context (the backend checks the caller again on every call).
  const context = useForgeContext();

  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const typed = keys.toUpperCase().split(/[\s,;]+/).filter((key) => key !== '');
    const me = context.status === 'ready' ? context.context.accountId : undefined;
    const participants = people.map((person) => person.accountId);
    const result = await settle(() =>
      invokeResolver('openScoringRound', {
        name,
        issues: source === 'keys' ? { keys: typed } : source === 'epic' ? { epicKey: epic.trim().toUpperCase() } : { nextSprint: true },
        inputs,
        participants: includeMe && me !== undefined ? [...participants, me] : participants,
      }),
    );
    setBusy(false);
    if (result.ok) onOpened(result.value);
    else setError(result.error);
  };

  return (
    <form
      className="tl-rounds-form"
      aria-labelledby="open-round-title"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 className="tl-section-title" id="open-round-title">
        Open a scoring round
      </h2>
      <Field label="Name" hint="Such as “Sprint 12 candidates”.">
        {(id, describedBy) => <input id={id} className="tl-text" value={name} maxLength={80} aria-describedby={describedBy} onChange={(event) => { setName(event.target.value); }} />}
      </Field>
      <fieldset className="tl-rounds-fieldset">
        <legend>Issues</legend>
        <label>
          <input type="radio" name="round-source" checked={source === 'keys'} onChange={() => { setSource('keys'); }} /> By key
        </label>
        <label>
          <input type="radio" name="round-source" checked={source === 'epic'} onChange={() => { setSource('epic'); }} /> An epic&apos;s open issues
        </label>
        <label>
          <input type="radio" name="round-source" checked={source === 'next-sprint'} onChange={() => { setSource('next-sprint'); }} /> The next sprint&apos;s candidates
        </label>
        {source === 'keys' && (
          <Field label="Issue keys" hint={`Separated by spaces or commas; at most ${String(view.limits.issues)}.`}>
            {(id, describedBy) => <textarea id={id} className="tl-text" rows={2} value={keys} aria-describedby={describedBy} onChange={(event) => { setKeys(event.target.value); }} />}
          </Field>
        )}
        {source === 'epic' && (
          <Field label="Epic key">
            {(id) => <input id={id} className="tl-text" value={epic} onChange={(event) => { setEpic(event.target.value); }} />}
          </Field>
        )}
        {source === 'next-sprint' && <p className="tl-subtle">The open issues of this project in the next future sprint of its Scrum board, as Sprint readiness shows them.</p>}
      </fieldset>
      <fieldset className="tl-rounds-fieldset">
        <legend>Inputs to ask about (at most {view.limits.inputs})</legend>
        {view.inputs.length === 0 && <p className="tl-subtle">The score has no input a round can ask about (numbers and single choices).</p>}
        {view.inputs.map((input) => (
          <label key={input.key} className="tl-rounds-check">
            <input
              type="checkbox"
              checked={inputs.includes(input.key)}
              onChange={(event) => {
                setInputs(event.target.checked ? [...inputs, input.key] : inputs.filter((key) => key !== input.key));
              }}
            />{' '}
            {input.label}
          </label>
        ))}
      </fieldset>
      <fieldset className="tl-rounds-fieldset">
        <legend>People</legend>
        <label className="tl-rounds-check">
          <input type="checkbox" checked={includeMe} onChange={(event) => { setIncludeMe(event.target.checked); }} /> I give values too
        </label>
        <ul className="tl-rounds-people" aria-label="Invited">
          {people.map((person) => (
            <li key={person.accountId}>
              {person.displayName ?? person.accountId}{' '}
              <Button small appearance="subtle" aria-label={`Remove ${person.displayName ?? person.accountId}`} onClick={() => { setPeople(people.filter((other) => other.accountId !== person.accountId)); }}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
        <PersonPicker
          label="Invite someone"
          resolver="searchRoundPeople"
          chosen={new Set(people.map((person) => person.accountId))}
          disabled={people.length >= view.limits.participants}
          onChoose={(person) => {
            setPeople([...people, person]);
          }}
        />
      </fieldset>
      {error !== null && <ErrorPanel error={error} />}
      <span className="tl-actions">
        <Button appearance="primary" type="submit" disabled={busy}>
          {busy ? 'Opening…' : 'Open the round'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </span>
    </form>
  );
}
