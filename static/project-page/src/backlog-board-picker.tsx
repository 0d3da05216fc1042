/**
 * Which backlog to order: one of the project's boards the user can see (as Jira lists them to the
 * user), and optionally only its top N issues. A native select and input in a form, so the keyboard
 * works as everywhere (arrows choose, Enter in the number previews); the server checks the board
 * again whatever is sent.
 */
import { useState } from 'react';
import type { ReactNode, SyntheticEvent } from 'react';
import type { BacklogBoardView, BacklogBoardsView } from '../../../src/contract';
import { Button, EmptyState, Field, Message } from '../../common/components';

/** The most issues one ordering considers (the server's MAX_SAVED_ORDER). */
const MAX_TOP = 5_000;

export interface BoardChoice {
  readonly boardId: number;
  readonly top: number | undefined;
}

function boardLabel(board: BacklogBoardView): string {
  return `${board.name} (${[board.type, board.projectKey].filter((part) => part !== null && part !== '').join(' board of ')})`;
}

/** Parses the "top N" field: undefined for the whole backlog, or why it is not a number in range. */
export function topOf(text: string): { readonly top: number | undefined } | { readonly problem: string } {
  const trimmed = text.trim().replace(/[,\s]/g, '');
  if (trimmed === '') return { top: undefined };
  const n = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(n) || n < 1 || n > MAX_TOP) return { problem: `Enter a whole number from 1 to ${MAX_TOP.toLocaleString('en-US')}, or leave it empty for the whole backlog.` };
  return { top: n };
}

export function BoardPicker({
  view,
  initial,
  busy,
  showRefusal,
  onPreview,
}: {
  readonly view: BacklogBoardsView;
  readonly initial: BoardChoice | null;
  /** A preview is on its way: a second submit waits (the button stays focusable, so focus is not lost). */
  readonly busy: boolean;
  readonly showRefusal: boolean;
  readonly onPreview: (choice: BoardChoice) => void;
}): ReactNode {
  const first = view.boards[0];
  const [boardId, setBoardId] = useState<number | undefined>(initial?.boardId ?? first?.id);
  const [top, setTop] = useState(initial?.top === undefined ? '' : String(initial.top));
  const [problem, setProblem] = useState<string | null>(null);
  if (first === undefined) {
    return (
      <EmptyState testId="order-no-boards">
        This project has no board that you can see, so there is no backlog to order. A board comes with a Scrum or Kanban project, or a Jira admin can create one over this project.
      </EmptyState>
    );
  }
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (busy || boardId === undefined) return;
    const parsed = topOf(top);
    if ('problem' in parsed) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(null);
    onPreview({ boardId, top: parsed.top });
  };
  return (
    <>
      <form className="tl-filters tl-order-picker" onSubmit={submit} aria-label="Which backlog to order" data-testid="order-picker">
        <Field label="Board" hint={view.boards.length === 1 ? 'The only board of this project that you can see.' : `${String(view.boards.length)} boards of this project that you can see.`}>
          {(id, describedBy) => (
            // Focused when there is a choice to make: the dialog opened on this question and waits for it.
            <select id={id} value={boardId} aria-describedby={describedBy} autoFocus={view.boards.length > 1} onChange={(event) => { setBoardId(Number(event.target.value)); }} data-testid="order-board">
              {view.boards.map((board) => (
                <option key={board.id} value={board.id}>
                  {boardLabel(board)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Only the top issues (optional)" error={problem} hint="Empty: the whole backlog (up to 5,000 issues).">
          {(id, describedBy) => <input id={id} inputMode="numeric" value={top} size={6} aria-describedby={describedBy} aria-invalid={problem !== null} onChange={(event) => { setTop(event.target.value); }} data-testid="order-top" />}
        </Field>
        <Button type="submit" small aria-disabled={busy} data-testid="order-preview">
          Preview
        </Button>
      </form>
      {showRefusal && view.refusal !== null && (
        <Message tone="warning" role="alert">
          <p className="tl-message-text">{view.refusal}</p>
        </Message>
      )}
    </>
  );
}
