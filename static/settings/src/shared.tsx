/** Pieces the settings sections share: debounced values, save outcomes in words, the progress bar. */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { FieldDiscoveryView, RecomputeProgressView, SaveResultView, SettingProblem, SettingsDocumentView } from '../../../src/contract';
import { formatNumber } from '../../common/format';
import type { UiError, UiResult } from '../../common/invoke';
import { copy } from './model';
import { useLocale } from '../../common/locale';

export function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => {
      setDebounced(value);
    }, delayMs);
    return () => {
      clearTimeout(timer);
    };
  }, [value, delayMs]);
  return debounced;
}

export type SaveState =
  | { readonly status: 'idle' }
  | { readonly status: 'saving' }
  | { readonly status: 'saved'; readonly at: string }
  | { readonly status: 'invalid'; readonly errors: readonly SettingProblem[] }
  | { readonly status: 'failed'; readonly error: UiError };

/** What the page gives each section that edits one settings document. */
export interface DocumentSectionProps<T> {
  readonly document: SettingsDocumentView<T>;
  readonly discovery: FieldDiscoveryView;
  /** The page refuses edits (not a project admin, or the stored settings cannot be read). */
  readonly blocked: boolean;
  readonly onSaved: (progress: RecomputeProgressView | null) => void;
  readonly onReload: () => void;
}

/** A settings document being edited: the draft, whether it has unsaved changes, and its save. */
export interface DocumentDraft<T> {
  /** Null when the stored document cannot be read (the section says so instead of a form). */
  readonly draft: T | null;
  readonly dirty: boolean;
  /** The revision the draft is based on: the stored one, or the one the last save made. */
  readonly revision: number;
  readonly save: SaveState;
  /** Saves that succeeded: a preview whose "now" side is the saved document reloads on each. */
  readonly savedCount: number;
  readonly change: (next: T) => void;
  readonly saveDraft: () => Promise<void>;
}

/**
 * The editing cycle every settings section shares: a copy of the stored document to edit, the
 * revision it was read at (sent back so that a stale save is refused, not silently overwriting
 * another admin), and the save's outcome in words.
 */
export function useDocumentDraft<T>(
  document: { readonly value: T | null; readonly revision: number },
  saveDocument: (config: T, baseRevision: number) => Promise<UiResult<SaveResultView>>,
  onSaved: (progress: RecomputeProgressView | null) => void,
): DocumentDraft<T> {
  const [draft, setDraft] = useState<T | null>(() => (document.value === null ? null : copy(document.value)));
  const [revision, setRevision] = useState(document.revision);
  const [dirty, setDirty] = useState(false);
  const [save, setSave] = useState<SaveState>({ status: 'idle' });
  const [savedCount, setSavedCount] = useState(0);
  const change = (next: T): void => {
    setDraft(next);
    setDirty(true);
    if (save.status !== 'saving') setSave({ status: 'idle' });
  };
  const saveDraft = async (): Promise<void> => {
    if (draft === null) return;
    setSave({ status: 'saving' });
    const result = await saveDocument(draft, revision);
    if (!result.ok) {
      setSave({ status: 'failed', error: result.error });
      return;
    }
    if (result.value.status === 'invalid') {
      setSave({ status: 'invalid', errors: result.value.errors });
      return;
    }
    setRevision(result.value.revision);
    setDirty(false);
    setSave({ status: 'saved', at: result.value.savedAt });
    setSavedCount((count) => count + 1);
    onSaved(result.value.recompute);
  };
  return { draft, dirty, revision, save, savedCount, change, saveDraft };
}

/** What came of a save, in words; a stale save offers to reload what the other admin saved. */
export function SaveOutcome({ state, onReload }: { readonly state: SaveState; readonly onReload: () => void }): ReactNode {
  switch (state.status) {
    case 'idle':
      return null;
    case 'saving':
      return (
        <p className="tl-status" role="status">
          Saving…
        </p>
      );
    case 'saved':
      return (
        <p className="tl-status tl-status-success" role="status">
          Saved. Every issue of the project is being recomputed with it.
        </p>
      );
    case 'invalid':
      return (
        <div className="tl-message tl-message-danger" role="alert">
          <p className="tl-message-text">Nothing was saved: {state.errors.length === 1 ? 'one setting needs' : `${state.errors.length} settings need`} fixing.</p>
          <ProblemList problems={state.errors} />
        </div>
      );
    case 'failed':
      return (
        <div className={`tl-message ${state.error.code === 'stale' ? 'tl-message-warning' : 'tl-message-danger'}`} role="alert" data-error-code={state.error.code}>
          {state.error.code === 'stale' && <p className="tl-message-title">Not saved: these settings were changed by someone else since you opened them.</p>}
          <p className="tl-message-text">{state.error.message}</p>
          {state.error.code === 'stale' ? (
            <button type="button" className="tl-button" onClick={onReload}>
              Reload their version
            </button>
          ) : (
            state.error.detail !== undefined && <p className="tl-message-detail">Details: {state.error.detail}</p>
          )}
        </div>
      );
  }
}

export function ProblemList({ problems }: { readonly problems: readonly SettingProblem[] }): ReactNode {
  return (
    <ul className="tl-problem-list">
      {problems.map((problem, index) => (
        <li key={index}>
          {problem.path !== '' && <code className="tl-path">{problem.path}</code>} {problem.message}
        </li>
      ))}
    </ul>
  );
}

/** The latest recompute: a progress bar while it runs, the outcome when it is done. */
export function RecomputeBar({ progress }: { readonly progress: RecomputeProgressView }): ReactNode {
  const locale = useLocale();
  const total = progress.total;
  const percent = total === null || total === 0 ? (progress.status === 'done' ? 100 : 0) : Math.min(100, Math.round((progress.done / total) * 100));
  const n = (value: number): string => formatNumber(value, locale, 0);
  const words =
    progress.status === 'done'
      ? `Done: ${n(progress.done)} ${progress.done === 1 ? 'issue' : 'issues'} recomputed, ${n(progress.changed)} changed${progress.errors > 0 ? `, ${n(progress.errors)} could not be written` : ''}.`
      : progress.status === 'failed'
        ? `The recompute stopped after ${n(progress.done)} issues: ${progress.message ?? 'no reason given'}`
        : total === null
          ? 'Recomputing: counting the issues…'
          : `Recomputing: ${n(progress.done)} of ${n(total)} issues (${percent} %), ${n(progress.changed)} changed so far.`;
  return (
    <div className="tl-recompute" data-status={progress.status}>
      <div
        className="tl-progress"
        role="progressbar"
        aria-label="Recompute progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={words}
      >
        <div className={`tl-progress-fill tl-progress-${progress.status}`} style={{ width: `${percent}%` }} />
      </div>
      <p className="tl-status" role="status" data-testid="recompute-status">
        {words}
      </p>
      {progress.recentErrors.length > 0 && (
        <ul className="tl-problem-list">
          {progress.recentErrors.slice(0, 5).map((error, index) => (
            <li key={index}>{error.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
