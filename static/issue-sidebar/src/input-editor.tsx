/**
 * Setting one score input in place: a number, a date or one of named choices. A number is checked
 * here before anything is sent (a letter is refused with a sentence, no write is attempted); the
 * server checks again and writes the Jira field as the user.
 */
import { useId, useState } from 'react';
import type { ReactNode, SyntheticEvent } from 'react';
import type { InputEditor } from '../../../src/contract';
import { Button } from '../../common/components';

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** What to send for the typed text, or why it cannot be sent. Pure, for tests. */
export function checkInputText(editor: InputEditor, label: string, text: string): { readonly ok: true; readonly value: string | number | null } | { readonly ok: false; readonly message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if (editor.kind === 'number') {
    if (!NUMBER_TEXT.test(trimmed)) return { ok: false, message: `${label} must be a number: "${trimmed.slice(0, 20)}" is not one.` };
    return { ok: true, value: Number(trimmed) };
  }
  if (editor.kind === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return { ok: false, message: `${label} must be a date.` };
  return { ok: true, value: trimmed };
}

interface Props {
  readonly label: string;
  readonly fieldName: string;
  readonly editor: InputEditor;
  readonly initial: string;
  readonly saving: boolean;
  readonly error: string | null;
  readonly onSave: (value: string | number | null) => void;
  readonly onCancel: () => void;
}

export function InputEditorForm({ label, fieldName, editor, initial, saving, error, onSave, onCancel }: Props): ReactNode {
  const id = useId();
  const [text, setText] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  if (editor.kind === 'none') return null;
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const checked = checkInputText(editor, label, text);
    if (!checked.ok) {
      setProblem(checked.message);
      return;
    }
    setProblem(null);
    onSave(checked.value);
  };
  const message = problem ?? error;
  return (
    <form className="tl-editor" onSubmit={submit} data-testid="input-editor" aria-label={`Set ${label}`}>
      <label htmlFor={id} className="tl-field-label">
        {label} <span className="tl-input-field">({fieldName})</span>
      </label>
      <div className="tl-editor-row">
        {editor.kind === 'choice' ? (
          <select
            id={id}
            className="tl-editor-input"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
            }}
          >
            <option value="">—</option>
            {editor.choices.map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={id}
            className="tl-editor-input"
            // A number is typed as text so that a letter reaches the check (and its sentence) instead of vanishing.
            type={editor.kind === 'date' ? 'date' : 'text'}
            inputMode={editor.kind === 'number' ? 'decimal' : undefined}
            value={text}
            aria-invalid={message !== null}
            aria-describedby={message === null ? undefined : `${id}-error`}
            // Focus moves into the editor the user just opened.
            autoFocus
            onChange={(event) => {
              setText(event.target.value);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Escape') onCancel();
            }}
          />
        )}
        <Button type="submit" appearance="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </Button>
        <Button onClick={onCancel} disabled={saving}>
          Cancel
        </Button>
      </div>
      {message !== null && (
        <p id={`${id}-error`} className="tl-field-error" role="alert">
          {message}
        </p>
      )}
    </form>
  );
}
