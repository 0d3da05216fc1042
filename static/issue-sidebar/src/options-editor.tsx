/**
 * Setting a multi-select score input in place: one checkbox per option Jira's edit screen offers
 * (Tab and Space, no mouse needed), the issue's options checked. Nothing checked clears the field,
 * said before saving; an option the issue holds that Jira no longer offers is named, and saving
 * drops it. The server checks every option id again against Jira's list before writing.
 */
import { useId, useState } from 'react';
import type { ReactNode, SyntheticEvent } from 'react';
import type { InputOption } from '../../../src/contract';
import { Button } from '../../common/components';

interface Props {
  readonly label: string;
  readonly fieldName: string;
  readonly options: readonly InputOption[];
  readonly selected: readonly InputOption[];
  readonly saving: boolean;
  readonly error: string | null;
  readonly onSave: (optionIds: readonly string[]) => void;
  readonly onCancel: () => void;
}

/** What saving sends: the checked ids Jira still offers, in Jira's order. Pure, for tests. */
export function optionIdsToSave(options: readonly InputOption[], checked: ReadonlySet<string>): string[] {
  return options.filter((option) => checked.has(option.id)).map((option) => option.id);
}

/** The issue's options that Jira no longer offers (deleted or switched off since they were chosen). */
export function optionsNoLongerOffered(options: readonly InputOption[], selected: readonly InputOption[]): InputOption[] {
  const offered = new Set(options.map((option) => option.id));
  return selected.filter((option) => !offered.has(option.id));
}

export function OptionsEditorForm({ label, fieldName, options, selected, saving, error, onSave, onCancel }: Props): ReactNode {
  const id = useId();
  const [checked, setChecked] = useState<ReadonlySet<string>>(() => new Set(selected.map((option) => option.id)));
  const toSave = optionIdsToSave(options, checked);
  const gone = optionsNoLongerOffered(options, selected);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!saving) onSave(toSave);
  };
  const toggle = (optionId: string, on: boolean) => {
    setChecked((previous) => {
      const next = new Set(previous);
      if (on) next.add(optionId);
      else next.delete(optionId);
      return next;
    });
  };
  return (
    <form
      className="tl-editor"
      onSubmit={submit}
      data-testid="input-editor"
      aria-label={`Set ${label}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <fieldset className="tl-options" aria-describedby={`${id}-hint`}>
        <legend className="tl-field-label">
          {label} <span className="tl-input-field">({fieldName})</span>
        </legend>
        {options.length === 0 && <p className="tl-muted">Jira offers no options for this field on this issue.</p>}
        {options.map((option, index) => (
          <label key={option.id} className="tl-option">
            <input
              type="checkbox"
              checked={checked.has(option.id)}
              // Focus moves into the editor the user just opened.
              autoFocus={index === 0}
              onChange={(event) => {
                toggle(option.id, event.target.checked);
              }}
            />
            {option.value}
          </label>
        ))}
      </fieldset>
      <p id={`${id}-hint`} className="tl-muted" data-testid="options-hint">
        {toSave.length === 0
          ? `Nothing chosen: saving clears ${fieldName}, and the score stays incomplete until an option is chosen.`
          : `${String(toSave.length)} of ${String(options.length)} chosen.`}
        {gone.length > 0 && ` ${gone.map((option) => option.value).join(', ')} ${gone.length === 1 ? 'is' : 'are'} no longer an option in Jira: saving removes ${gone.length === 1 ? 'it' : 'them'}.`}
      </p>
      <div className="tl-editor-row">
        {/* Not disabled while saving: a disabled button drops the focus, and Escape or a second try would then need the mouse. */}
        <Button type="submit" appearance="primary" aria-disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </Button>
        <Button onClick={onCancel} disabled={saving}>
          Cancel
        </Button>
      </div>
      {error !== null && (
        <p className="tl-field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
