/** The form that creates or edits a theme (name, description, horizon, target, weight, colour), and the "New theme" card. */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { PALETTE } from '../../common/theme-colours';
import type { StrategyEdits } from './strategy-edits';

const HORIZONS = ['now', 'next', 'later'] as const;

interface ThemeChanges {
  name: string;
  description: string;
  horizon: string;
  targetPercent: number;
  strategicWeight: number;
  colour: string;
}

export function ThemeForm({ initial, submitLabel, busy, onSubmit, onCancel }: { readonly initial: ThemeChanges; readonly submitLabel: string; readonly busy: boolean; readonly onSubmit: (changes: ThemeChanges) => Promise<boolean>; readonly onCancel?: () => void }): ReactNode {
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [horizon, setHorizon] = useState(initial.horizon);
  const [target, setTarget] = useState(String(initial.targetPercent));
  const [weight, setWeight] = useState(String(initial.strategicWeight));
  const [colour, setColour] = useState(initial.colour);
  const prefix = `theme-form-${initial.name === '' ? 'new' : initial.name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 20)}`;
  return (
    <form
      className="tl-form tl-theme-form"
      aria-label={submitLabel}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit({ name, description, horizon, targetPercent: Number(target), strategicWeight: Number(weight), colour });
      }}
    >
      <label htmlFor={`${prefix}-name`}>Name</label>
      <input id={`${prefix}-name`} value={name} required maxLength={80} onChange={(event) => { setName(event.target.value); }} />
      <label htmlFor={`${prefix}-description`}>Description</label>
      <textarea id={`${prefix}-description`} value={description} maxLength={2000} rows={2} onChange={(event) => { setDescription(event.target.value); }} />
      <label htmlFor={`${prefix}-horizon`}>Horizon (now, next, later or a quarter such as 2027-Q1)</label>
      <input id={`${prefix}-horizon`} value={horizon} list={`${prefix}-horizons`} onChange={(event) => { setHorizon(event.target.value); }} />
      <datalist id={`${prefix}-horizons`}>
        {HORIZONS.map((value) => (
          <option key={value} value={value} />
        ))}
      </datalist>
      <label htmlFor={`${prefix}-target`}>Target allocation (%)</label>
      <input id={`${prefix}-target`} type="number" min={0} max={100} step="any" value={target} onChange={(event) => { setTarget(event.target.value); }} />
      <label htmlFor={`${prefix}-weight`}>Strategic weight (0.1–10)</label>
      <input id={`${prefix}-weight`} type="number" min={0.1} max={10} step="any" value={weight} onChange={(event) => { setWeight(event.target.value); }} />
      <label htmlFor={`${prefix}-colour`}>Colour</label>
      <select id={`${prefix}-colour`} value={colour} onChange={(event) => { setColour(event.target.value); }}>
        {(PALETTE as readonly string[]).includes(colour) ? null : <option value={colour}>{colour}</option>}
        {PALETTE.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
      <div className="tl-actions">
        <button type="submit" className="tl-button tl-button-primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel !== undefined && (
          <button type="button" className="tl-button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** A theme id from its name, plain enough for JQL, with a suffix so two names never collide. */
function themeIdFor(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const suffix = Math.random().toString(36).slice(2, 8);
  return `${slug === '' ? 'theme' : slug}-${suffix}`;
}

export function NewTheme({ actions }: { readonly actions: StrategyEdits }): ReactNode {
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState(0);
  return (
    <section className="tl-card" aria-labelledby="new-theme-heading">
      <div className="tl-card-header">
        <h2 id="new-theme-heading" className="tl-section-title">
          New theme
        </h2>
        {!open && (
          <button type="button" className="tl-button" onClick={() => { setOpen(true); }}>
            Create theme
          </button>
        )}
      </div>
      {open && (
        <ThemeForm
          key={key}
          initial={{ name: '', description: '', horizon: 'next', targetPercent: 0, strategicWeight: 1, colour: 'blue' }}
          submitLabel="Create theme"
          busy={actions.busy}
          onCancel={() => { setOpen(false); }}
          onSubmit={(theme) =>
            actions.edit({ kind: 'add-theme', theme: { id: themeIdFor(theme.name), ...theme } }).then((saved) => {
              if (saved) {
                setOpen(false);
                setKey(key + 1);
              }
              return saved;
            })
          }
        />
      )}
    </section>
  );
}
