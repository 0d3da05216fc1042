/**
 * The scoring grid (/scoring-grid): the project's issues whose score is incomplete (or every open
 * issue of an epic, a theme or a sprint), one row per issue and one cell per input of the scoring
 * model, filled like a spreadsheet. Type into a cell; Tab and Shift+Tab move along the row, Enter
 * and Shift+Enter down and up the column (grid-keys.ts), Escape puts the value back. A cell is
 * written when the focus leaves it, through the save queue (save-queue.ts: a few at once, one per
 * issue, backing off on 429s); the row's score and rank come back with each write. A failed write
 * keeps what was typed, says why in the row and offers a retry; a value someone else changed
 * meanwhile is shown, never overwritten, with a button to write yours over it. 100 rows a call, more
 * as the list scrolls; long lists are windowed.
 * Over 400 lines because the cells, the keyboard's focus and the saves share one state (drafts, statuses, rows); the pure parts are apart (grid-keys.ts, grid-cells.ts, save-queue.ts).
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { FocusEvent, KeyboardEvent, ReactNode, SyntheticEvent, UIEvent } from 'react';
import type { GridCellValue, ScoringGridCellView, ScoringGridColumn, ScoringGridFiltersPayload, ScoringGridPageView, ScoringGridRow } from '../../../src/contract';
import { Button, EmptyState, ErrorPanel, Message, Skeleton, Table } from '../../common/components';
import { formatNumber } from '../../common/format';
import { invokeResolver, settle } from '../../common/invoke';
import type { UiError } from '../../common/invoke';
import { cellText, readCellText, unchanged } from './grid-cells';
import { gridKeyAction, moveCell } from './grid-keys';
import type { CellPosition } from './grid-keys';
import { cellId, createSaveQueue } from './save-queue';
import type { CellWrite, SaveQueue, WriteOutcome } from './save-queue';
import { readGridPage } from './outline-prefetch';
import { IssueLink } from './shared';
import { useWindowed } from './windowed';
import './scoring-grid.css';

const NEAR_END_PX = 400;
const ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/;

/** Where a cell's write stands: saving, not saved (with Jira's reason, and whether a retry can help), or changed by someone else. */
type CellStatus =
  | { readonly kind: 'saving' }
  | { readonly kind: 'failed'; readonly message: string; readonly retry: CellWrite | null }
  | { readonly kind: 'changed'; readonly message: string; readonly mine: string | number | null };

interface GridState {
  readonly view: Omit<ScoringGridPageView, 'rows'> | null;
  readonly rows: readonly ScoringGridRow[];
  readonly next: string | null | undefined;
  readonly loading: boolean;
  readonly error: UiError | undefined;
}

const EMPTY: GridState = { view: null, rows: [], next: undefined, loading: true, error: undefined };

const editableKinds = new Set(['number', 'date', 'choice']);
const isEditable = (column: ScoringGridColumn): boolean => editableKinds.has(column.editor.kind);

/** The grid's pages: read in sequence, appended, started over when the list or filters change. */
function useGridPages(list: 'incomplete' | 'all', filters: ScoringGridFiltersPayload): { state: GridState; more: () => void; restart: () => void; update: (change: (rows: readonly ScoringGridRow[]) => readonly ScoringGridRow[]) => void } {
  // The state is kept with the list and filters it was read for: others read as a list not read yet.
  const key = JSON.stringify([list, filters]);
  const [kept, setKept] = useState<GridState & { readonly key: string }>({ ...EMPTY, key });
  const state: GridState = kept.key === key ? kept : EMPTY;
  const generation = useRef(0);
  const busy = useRef(false);
  const read = useCallback(
    (cursor: string | undefined, mine: number) => {
      busy.current = true;
      void settle(() => readGridPage({ list, filters, ...(cursor === undefined ? {} : { cursor }) })).then((result) => {
        if (mine !== generation.current) return;
        busy.current = false;
        setKept((previous) => {
          const before: GridState = previous.key === key ? previous : EMPTY;
          if (!result.ok) return { ...before, key, loading: false, error: result.error };
          const { rows, ...view } = result.value;
          const known = new Set(before.rows.map((row) => row.key));
          return { key, view, rows: [...before.rows, ...rows.filter((row) => !known.has(row.key))], next: result.value.next, loading: false, error: undefined };
        });
      });
    },
    [list, filters, key],
  );
  useEffect(() => {
    read(undefined, ++generation.current);
  }, [read]);
  const restart = useCallback(() => {
    const mine = ++generation.current;
    setKept({ ...EMPTY, key });
    read(undefined, mine);
  }, [read, key]);
  const more = useCallback(() => {
    if (busy.current) return;
    setKept((previous) => {
      if (previous.key !== key || previous.next === null || previous.next === undefined) return previous;
      read(previous.next, generation.current);
      return { ...previous, loading: true, error: undefined };
    });
  }, [read, key]);
  const update = useCallback((change: (rows: readonly ScoringGridRow[]) => readonly ScoringGridRow[]) => {
    setKept((previous) => ({ ...previous, rows: change(previous.rows) }));
  }, []);
  return { state, more, restart, update };
}

/** A row with a write's answer: the cell's value, the score, the rank, what the score lacks. */
function applied(row: ScoringGridRow, answer: ScoringGridCellView): ScoringGridRow {
  return { ...row, cells: { ...row.cells, [answer.input]: answer.cell }, score: answer.score, outcome: answer.outcome, missing: answer.missing, rank: answer.rank };
}

function statusWords(status: CellStatus, label: string): string {
  if (status.kind === 'saving') return `${label}: saving…`;
  if (status.kind === 'failed') return `${label} not saved: ${status.message}`;
  return status.message;
}

export function ScoringGrid({ locale, onRefused }: { readonly locale: string | undefined; readonly onRefused?: () => void }): ReactNode {
  const [list, setList] = useState<'incomplete' | 'all'>('incomplete');
  const [epicDraft, setEpicDraft] = useState('');
  const [epic, setEpic] = useState('');
  const [theme, setTheme] = useState('');
  const [sprintDraft, setSprintDraft] = useState('');
  const [sprint, setSprint] = useState<number | undefined>(undefined);
  const [filterProblem, setFilterProblem] = useState<string | null>(null);
  const [leaveWhenComplete, setLeaveWhenComplete] = useState(false);
  const filters = useMemo<ScoringGridFiltersPayload>(() => ({ ...(epic === '' ? {} : { epic }), ...(theme === '' ? {} : { theme: theme === 'none' ? null : theme }), ...(sprint === undefined ? {} : { sprint }) }), [epic, theme, sprint]);
  const { state, more, restart, update } = useGridPages(list, filters);
  const [drafts, setDrafts] = useState<ReadonlyMap<string, string>>(new Map());
  const [statuses, setStatuses] = useState<ReadonlyMap<string, CellStatus>>(new Map());
  const [saving, setSaving] = useState(0);

  const setDraft = useCallback((id: string, text: string | undefined) => {
    setDrafts((previous) => {
      const next = new Map(previous);
      if (text === undefined) next.delete(id);
      else next.set(id, text);
      return next;
    });
  }, []);
  const setStatus = useCallback((id: string, status: CellStatus | undefined) => {
    setStatuses((previous) => {
      const next = new Map(previous);
      if (status === undefined) next.delete(id);
      else next.set(id, status);
      return next;
    });
  }, []);

  // The save queue lives as long as the grid; what it settles goes into the rows and the cells' statuses.
  // Only stable setters: the queue made once keeps calling this.
  const onSettled = (write: CellWrite, outcome: WriteOutcome): void => {
    if (!outcome.ok) {
      // Jira's refusal in words; what was typed stays in the cell. A retry helps unless the value itself was refused.
      setStatus(write.cell, { kind: 'failed', message: outcome.error.message, retry: outcome.error.code === 'bad-request' || outcome.error.code === 'forbidden' || outcome.error.code === 'not-found' ? null : write });
      return;
    }
    const answer = outcome.value;
    update((rows) => rows.map((row) => (row.key === answer.key ? applied(row, answer) : row)));
    if (answer.status === 'changed-elsewhere') {
      setDraft(write.cell, undefined);
      setStatus(write.cell, { kind: 'changed', message: answer.message ?? 'Someone else changed this value meanwhile: yours was not written.', mine: write.value });
      return;
    }
    setStatus(write.cell, undefined);
    // The draft goes unless the user typed something else while it was saving.
    setDrafts((previous) => {
      const draft = previous.get(write.cell);
      if (draft === undefined) return previous;
      const next = new Map(previous);
      next.delete(write.cell);
      return next;
    });
  };
  const [queue] = useState<SaveQueue>(() =>
    createSaveQueue({
      send: async (payload): Promise<WriteOutcome> => {
        const result = await settle(() => invokeResolver('setScoringGridCell', payload));
        // A call that failed on the way is said as an internal failure: a retry may help.
        return result.ok || result.error.code !== 'platform' ? (result as WriteOutcome) : { ok: false, error: { code: 'internal', message: result.error.message } };
      },
      onSettled,
      onPending: (cells) => {
        setSaving(cells.length);
      },
    }),
  );

  const columns = useMemo(() => state.view?.columns ?? [], [state.view]);
  const editable = useMemo(() => columns.map(isEditable), [columns]);

  // With "leave when complete", a row whose score is complete, with nothing saving or unsaved, leaves the list.
  const rows = useMemo(() => {
    if (!leaveWhenComplete) return state.rows;
    return state.rows.filter((row) => row.score === null || columns.some((column) => statuses.has(cellId(row.key, column.input)) || drafts.has(cellId(row.key, column.input))));
  }, [leaveWhenComplete, state.rows, statuses, drafts, columns]);
  const left = state.rows.length - rows.length;

  const enqueue = useCallback(
    (row: ScoringGridRow, column: ScoringGridColumn, value: string | number | null, base: GridCellValue) => {
      const id = cellId(row.key, column.input);
      setStatus(id, { kind: 'saving' });
      queue.enqueue({ cell: id, issueKey: row.key, input: column.input, value, base });
    },
    [setStatus, queue],
  );

  /** Writes what was typed in a cell, if it is a value and not the one the cell holds. */
  const commit = useCallback(
    (row: ScoringGridRow, column: ScoringGridColumn, text: string) => {
      const id = cellId(row.key, column.input);
      const cell = row.cells[column.input];
      const base = cell?.value ?? null;
      const read = readCellText(column.editor, column.label, text, locale);
      if (!read.ok) {
        setStatus(id, { kind: 'failed', message: read.message, retry: null });
        return;
      }
      if (unchanged(base, read.value) && statuses.get(id)?.kind !== 'failed') {
        setDraft(id, undefined);
        setStatus(id, undefined);
        return;
      }
      enqueue(row, column, read.value, base);
    },
    [enqueue, locale, setDraft, setStatus, statuses],
  );

  const { boxProps, rowsRef, start, end, before, after } = useWindowed(rows, 'Scoring grid', { estimate: 44, threshold: 60 });
  const box = useRef<HTMLDivElement | null>(null);
  const pendingFocus = useRef<CellPosition | null>(null);
  const focusCell = useCallback(
    (position: CellPosition) => {
      const element = box.current?.querySelector<HTMLElement>(`[data-cell="${String(position.row)}:${String(position.column)}"]`);
      if (element !== null && element !== undefined) {
        element.focus();
        if (element instanceof HTMLInputElement) element.select();
        pendingFocus.current = null;
        return;
      }
      // Not drawn yet (outside the window): scroll to it, and focus it once drawn.
      pendingFocus.current = position;
      if (box.current !== null && rows.length > 0) box.current.scrollTop = (box.current.scrollHeight / rows.length) * position.row - 80;
    },
    [rows.length],
  );
  useLayoutEffect(() => {
    if (pendingFocus.current !== null) focusCell(pendingFocus.current);
  });

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLSelectElement>, position: CellPosition, row: ScoringGridRow, column: ScoringGridColumn): void => {
    const action = gridKeyAction(event.key, event.shiftKey, event);
    if (action.kind === 'cancel') {
      event.preventDefault();
      const id = cellId(row.key, column.input);
      setDraft(id, undefined);
      if (statuses.get(id)?.kind !== 'saving') setStatus(id, undefined);
      event.currentTarget.value = cellText(column.editor, row.cells[column.input]?.value ?? null, locale);
      return;
    }
    if (action.kind !== 'move') return;
    const target = moveCell(position, action.move, rows.length, editable);
    if (target === null) {
      // Enter on the last row still saves the cell; Tab past the last cell leaves the grid as Tab does.
      if (action.move === 'down' || action.move === 'up') {
        event.preventDefault();
        commit(row, column, event.currentTarget.value);
      }
      return;
    }
    event.preventDefault();
    // Leaving the cell (blur) writes it.
    focusCell(target);
    if (target.row >= rows.length - 5) more();
  };

  const onBlur = (event: FocusEvent<HTMLInputElement | HTMLSelectElement>, row: ScoringGridRow, column: ScoringGridColumn): void => {
    const id = cellId(row.key, column.input);
    if (!drafts.has(id)) return;
    commit(row, column, event.currentTarget.value);
  };

  const applyFilters = (event: SyntheticEvent): void => {
    event.preventDefault();
    const key = epicDraft.trim().toUpperCase();
    if (key !== '' && !ISSUE_KEY.test(key)) {
      setFilterProblem("The epic filter takes an epic's key, such as TL-12.");
      return;
    }
    const sprintText = sprintDraft.trim();
    if (sprintText !== '' && !/^[1-9]\d{0,15}$/.test(sprintText)) {
      setFilterProblem("The sprint filter takes a sprint's number (its id, as in the board's address).");
      return;
    }
    setFilterProblem(null);
    setEpic(key);
    setSprint(sprintText === '' ? undefined : Number(sprintText));
  };

  const refused = state.error?.code === 'not-found' && state.rows.length === 0 && state.view === null;
  useEffect(() => {
    if (refused) onRefused?.();
  }, [refused, onRefused]);
  if (refused) return <ErrorPanel error={state.error} />;

  const onScroll = (event: UIEvent<HTMLDivElement>): void => {
    boxProps.onScroll?.(event);
    const element = event.currentTarget;
    if (element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_END_PX) more();
  };
  const setBox = (element: HTMLDivElement | null): void => {
    box.current = element;
    boxProps.ref(element);
  };
  const rowMessages = (row: ScoringGridRow): { id: string; column: ScoringGridColumn; status: CellStatus }[] =>
    columns.flatMap((column) => {
      const id = cellId(row.key, column.input);
      const status = statuses.get(id);
      return status === undefined ? [] : [{ id, column, status }];
    });
  const failedCount = [...statuses.values()].filter((status) => status.kind === 'failed').length;
  const themes: readonly (readonly [string, string])[] = [['none', 'Unaligned'], ...(state.view?.themes ?? []).map((option) => [option.id, option.name] as const)];
  const shown = rows.slice(start, end);
  const columnCount = columns.length + 4;

  return (
    <div className="tl-grid-view" aria-busy={state.loading}>
      <div className="tl-card-header">
        <h2 className="tl-section-title">Scoring grid</h2>
        <span className="tl-actions">
          {state.view !== null && <span className="tl-subtle">Scored with {state.view.model}</span>}
          <button type="button" className="tl-button tl-button-small" onClick={restart} disabled={state.loading || saving > 0}>
            Refresh
          </button>
        </span>
      </div>
      <p className="tl-subtle">Type a value, then Tab or Enter to the next cell: each is saved to Jira as you leave it. Shift+Tab and Shift+Enter go back, Escape puts the value back.</p>
      {(state.view?.notes ?? []).map((note) => (
        <p key={note} className="tl-message tl-message-neutral">
          {note}
        </p>
      ))}
      <form className="tl-filters" aria-label="Which issues" onSubmit={applyFilters}>
        <span className="tl-filter">
          <label htmlFor="grid-list">Issues</label>
          <select id="grid-list" value={list} onChange={(event) => { setList(event.target.value === 'all' ? 'all' : 'incomplete'); }}>
            <option value="incomplete">Score incomplete</option>
            <option value="all">All open issues</option>
          </select>
        </span>
        <span className="tl-filter">
          <label htmlFor="grid-theme">Theme</label>
          <select id="grid-theme" value={theme} onChange={(event) => { setTheme(event.target.value); }}>
            <option value="">All</option>
            {themes.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </span>
        <span className="tl-filter">
          <label htmlFor="grid-epic">Epic</label>
          <input id="grid-epic" value={epicDraft} placeholder="All (or a key: TL-12)" size={14} onChange={(event) => { setEpicDraft(event.target.value); }} onBlur={applyFilters} />
        </span>
        <span className="tl-filter">
          <label htmlFor="grid-sprint">Sprint id</label>
          <input id="grid-sprint" value={sprintDraft} inputMode="numeric" placeholder="All" size={6} onChange={(event) => { setSprintDraft(event.target.value); }} onBlur={applyFilters} />
        </span>
        <span className="tl-filter tl-grid-option">
          <input id="grid-leave" type="checkbox" checked={leaveWhenComplete} onChange={(event) => { setLeaveWhenComplete(event.target.checked); }} />
          <label htmlFor="grid-leave">Remove a row once its score is complete</label>
        </span>
        {filterProblem !== null && (
          <span className="tl-field-error" role="alert">
            {filterProblem}
          </span>
        )}
      </form>
      <p className="tl-subtle" role="status" data-testid="grid-saving">
        {saving > 0 ? `Saving ${formatNumber(saving, locale, 0)} ${saving === 1 ? 'cell' : 'cells'}…` : failedCount > 0 ? `${formatNumber(failedCount, locale, 0)} ${failedCount === 1 ? 'cell was' : 'cells were'} not saved: see the rows marked below.` : state.rows.length > 0 ? 'Every change is saved.' : ''}
      </p>
      {state.error !== undefined && <ErrorPanel error={state.error} onRetry={state.rows.length > 0 ? more : restart} retryLabel={state.rows.length > 0 ? 'Try loading more issues again' : 'Try again'} />}
      {rows.length === 0 ? (
        state.loading ? (
          <Skeleton label="Loading the issues to score…" lines={8} />
        ) : state.error !== undefined ? null : (
          <EmptyState testId="grid-empty">{list === 'incomplete' ? `Every issue${Object.keys(filters).length > 0 ? ' matching these filters' : ''} has a complete score.` : 'No open issue matches these filters.'}</EmptyState>
        )
      ) : (
        <div {...boxProps} ref={setBox} onScroll={onScroll} className="tl-window tl-grid-box" tabIndex={-1}>
          <Table compact stickyHeader className="tl-grid" data-testid="scoring-grid">
            <caption className="tl-visually-hidden">Score inputs of the issues, one row per issue</caption>
            <thead>
              <tr>
                <th scope="col">Issue</th>
                {columns.map((column) => (
                  <th key={column.input} scope="col" title={column.field?.name}>
                    {column.label}
                  </th>
                ))}
                <th scope="col">Score</th>
                <th scope="col">Rank</th>
                <th scope="col">Saving</th>
              </tr>
            </thead>
            <tbody ref={rowsRef}>
              {before > 0 && (
                <tr aria-hidden="true" data-spacer="">
                  <td colSpan={columnCount} style={{ height: before, padding: 0, border: 0 }} />
                </tr>
              )}
              {shown.map((row, offset) => {
                const rowIndex = start + offset;
                const messages = rowMessages(row);
                return (
                  <tr key={row.key} data-issue={row.key}>
                    <th scope="row" className="tl-grid-issue">
                      <IssueLink issueKey={row.key} /> <span className="tl-row-summary">{row.summary}</span>
                    </th>
                    {columns.map((column, columnIndex) => {
                      const id = cellId(row.key, column.input);
                      const cell = row.cells[column.input];
                      const status = statuses.get(id);
                      const draft = drafts.get(id);
                      const label = `${column.label} of ${row.key}`;
                      const position = { row: rowIndex, column: columnIndex };
                      const className = `tl-grid-cell${status === undefined ? '' : ` tl-grid-cell-${status.kind}`}`;
                      if (!isEditable(column)) {
                        return (
                          <td key={column.input} className="tl-grid-fixed" title={column.editor.kind === 'none' ? column.editor.reason : column.editor.kind === 'in-jira' ? column.editor.how : undefined}>
                            {cell?.text ?? '–'}
                          </td>
                        );
                      }
                      const editor = column.editor;
                      if (editor.kind === 'choice') {
                        const value = draft ?? (typeof cell?.value === 'string' ? cell.value : '');
                        return (
                          <td key={column.input} className={className}>
                            <select
                              aria-label={label}
                              data-cell={`${String(rowIndex)}:${String(columnIndex)}`}
                              value={value}
                              aria-invalid={status?.kind === 'failed'}
                              onChange={(event) => { setDraft(id, event.target.value); }}
                              onKeyDown={(event) => { onKeyDown(event, position, row, column); }}
                              onBlur={(event) => { onBlur(event, row, column); }}
                            >
                              <option value="">–</option>
                              {/* A value Jira holds that the model does not name still shows. */}
                              {value !== '' && !editor.choices.includes(value) && <option value={value}>{value}</option>}
                              {editor.choices.map((choice) => (
                                <option key={choice} value={choice}>
                                  {choice}
                                </option>
                              ))}
                            </select>
                          </td>
                        );
                      }
                      return (
                        <td key={column.input} className={className}>
                          <input
                            aria-label={label}
                            data-cell={`${String(rowIndex)}:${String(columnIndex)}`}
                            className="tl-grid-input"
                            inputMode={editor.kind === 'number' ? 'decimal' : undefined}
                            placeholder={editor.kind === 'date' ? 'YYYY-MM-DD' : undefined}
                            size={editor.kind === 'date' ? 10 : 6}
                            value={draft ?? cellText(editor, cell?.value ?? null, locale)}
                            aria-invalid={status?.kind === 'failed'}
                            onChange={(event) => { setDraft(id, event.target.value); }}
                            onKeyDown={(event) => { onKeyDown(event, position, row, column); }}
                            onBlur={(event) => { onBlur(event, row, column); }}
                          />
                        </td>
                      );
                    })}
                    <td className="tl-nowrap" data-testid="grid-score" title={row.missing.join('; ')}>
                      {row.score === null ? <span className="tl-subtle">{row.outcome === 'invalid' ? 'invalid' : 'incomplete'}</span> : formatNumber(row.score, locale)}
                    </td>
                    <td className="tl-nowrap">{row.rank === null ? '–' : `#${formatNumber(row.rank, locale, 0)}`}</td>
                    <td className="tl-grid-status">
                      {messages.map(({ id, column, status }) => (
                        <span key={id} className={`tl-grid-note tl-grid-note-${status.kind}`}>
                          {statusWords(status, column.label)}{' '}
                          {status.kind === 'failed' && status.retry !== null && (
                            <Button small onClick={() => { if (status.retry !== null) enqueue(row, column, status.retry.value, row.cells[column.input]?.value ?? null); }}>
                              Retry
                            </Button>
                          )}
                          {status.kind === 'changed' && (
                            <>
                              <Button small onClick={() => { enqueue(row, column, status.mine, row.cells[column.input]?.value ?? null); }}>
                                Write mine ({status.mine === null ? 'empty' : String(status.mine)})
                              </Button>{' '}
                              <Button small onClick={() => { setStatus(id, undefined); }}>
                                Keep theirs
                              </Button>
                            </>
                          )}
                        </span>
                      ))}
                    </td>
                  </tr>
                );
              })}
              {after > 0 && (
                <tr aria-hidden="true" data-spacer="">
                  <td colSpan={columnCount} style={{ height: after, padding: 0, border: 0 }} />
                </tr>
              )}
            </tbody>
          </Table>
        </div>
      )}
      <div className="tl-list-footer">
        {state.next !== null && state.next !== undefined && state.error === undefined && (
          <Button onClick={more} disabled={state.loading}>
            {state.loading ? 'Loading more issues…' : 'Load more issues'}
          </Button>
        )}
        {state.next === null && rows.length > 0 && <p className="tl-subtle">{`All ${formatNumber(rows.length, locale, 0)} ${rows.length === 1 ? 'issue is' : 'issues are'} shown.`}</p>}
        {left > 0 && <Message tone="success">{`${formatNumber(left, locale, 0)} ${left === 1 ? 'issue has' : 'issues have'} a complete score now and left the list.`}</Message>}
      </div>
    </div>
  );
}
