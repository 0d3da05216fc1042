/**
 * "Order the backlog by score": the button on the ranked backlog and the dialog it opens. The dialog
 * first lists the project's boards the user can see (the picker; with one board, its preview starts
 * at once), then shows the preview of the chosen board's backlog (or its top N), Apply, the result
 * issue by issue, and Undo. Every step says in words what it is doing or what failed (loading,
 * empty and error states); focus goes where the next keystroke is wanted (the picker when there is a
 * choice, the outcome after Apply or Undo), and Escape closes wherever the focus is.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { BacklogBoardsView, BacklogOrderPreview, BacklogOrderResult, UndoBacklogOrderResult } from '../../../src/contract';
import { Button, ErrorPanel, Skeleton } from '../../common/components';
import { invokeResolver, settle } from '../../common/invoke';
import { useLocale } from '../../common/locale';
import type { UiError } from '../../common/invoke';
import { BoardPicker } from './backlog-board-picker';
import type { BoardChoice } from './backlog-board-picker';
import { AppliedPanel, PreviewPanel, UndonePanel, plural } from './backlog-order-views';

type Boards =
  | { readonly kind: 'closed' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly error: UiError }
  | { readonly kind: 'ready'; readonly view: BacklogBoardsView };

type Work =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading'; readonly what: string }
  | { readonly kind: 'preview'; readonly preview: BacklogOrderPreview }
  | { readonly kind: 'applied'; readonly result: BacklogOrderResult }
  | { readonly kind: 'undone'; readonly result: UndoBacklogOrderResult }
  | { readonly kind: 'failed'; readonly error: UiError; readonly retry: () => void };

/** The button on the ranked backlog and the dialog it opens; `onChanged` refreshes the lists after a write. */
export function BacklogOrder({ onChanged }: { readonly onChanged: () => void }): ReactNode {
  const locale = useLocale();
  const [boards, setBoards] = useState<Boards>({ kind: 'closed' });
  const [work, setWork] = useState<Work>({ kind: 'idle' });
  const [choice, setChoice] = useState<BoardChoice | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const outcome = useRef<HTMLDivElement>(null);
  /** Only the latest request's answer counts (a board chosen again while a preview is on its way). */
  const request = useRef(0);
  const open = boards.kind !== 'closed';

  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);
  // After Apply or Undo (or a failure), the button pressed is gone: the outcome takes the focus, so
  // the keyboard carries on from there and a screen reader reads it.
  useEffect(() => {
    if (work.kind === 'applied' || work.kind === 'undone' || work.kind === 'failed') outcome.current?.focus();
  }, [work.kind]);
  // Escape closes wherever the focus is (a step replacing the focused button leaves it on the page).
  useEffect(() => {
    if (!open) return undefined;
    const onEscape = (event: globalThis.KeyboardEvent): void => {
      if (event.key === 'Escape') {
        request.current++;
        setBoards({ kind: 'closed' });
        opener.current?.focus();
      }
    };
    window.addEventListener('keydown', onEscape);
    return () => {
      window.removeEventListener('keydown', onEscape);
    };
  }, [open]);

  /** Runs one step; its answer is dropped if another step started since. */
  const step = async <T,>(what: string, call: () => Promise<{ ok: true; value: T } | { ok: false; error: UiError }>, done: (value: T) => Work, retry: () => void): Promise<boolean> => {
    const mine = ++request.current;
    setWork({ kind: 'loading', what });
    const answer = await call();
    if (mine !== request.current) return false;
    setWork(answer.ok ? done(answer.value) : { kind: 'failed', error: answer.error, retry });
    return answer.ok;
  };
  const preview = (next: BoardChoice): void => {
    setChoice(next);
    void step('Reading the board\'s backlog and the scores…', () => settle(() => invokeResolver('previewBacklogOrder', { boardId: next.boardId, ...(next.top === undefined ? {} : { top: next.top }) })), (value) => ({ kind: 'preview', preview: value }), () => { preview(next); });
  };
  const apply = async (view: BacklogOrderPreview): Promise<void> => {
    const retry = (): void => { preview({ boardId: view.board.id, top: choice?.top }); };
    const payload = { boardId: view.board.id, ...(view.issues < view.backlogTotal ? { top: view.issues } : {}), basedOn: view.basedOn };
    if (await step(`Moving ${plural(view.moves.length, 'issue', 'issues', locale)} in Jira…`, () => settle(() => invokeResolver('applyBacklogOrder', payload)), (value) => ({ kind: 'applied', result: value }), retry)) onChanged();
  };
  const undo = async (boardId: number): Promise<void> => {
    if (await step('Putting the previous order back…', () => settle(() => invokeResolver('undoBacklogOrder', { boardId })), (value) => ({ kind: 'undone', result: value }), () => void undo(boardId))) onChanged();
  };
  const loadBoards = async (): Promise<void> => {
    const mine = ++request.current;
    setBoards({ kind: 'loading' });
    setWork({ kind: 'idle' });
    const answer = await settle(() => invokeResolver('listBacklogBoards'));
    if (mine !== request.current) return;
    if (!answer.ok) {
      setBoards({ kind: 'failed', error: answer.error });
      return;
    }
    setBoards({ kind: 'ready', view: answer.value });
    const listed = answer.value.boards;
    // The last choice stays chosen while its board is listed; a project with one board has nothing to choose: previewed at once.
    const kept = choice !== null && listed.some((board) => board.id === choice.boardId) ? choice : null;
    const only = listed.length === 1 ? listed[0] : undefined;
    if (only !== undefined) preview({ boardId: only.id, top: kept?.top });
    else setChoice(kept);
  };
  const close = (): void => {
    request.current++;
    setBoards({ kind: 'closed' });
    opener.current?.focus();
  };

  return (
    <>
      <button ref={opener} type="button" className="tl-button tl-button-small" onClick={() => void loadBoards()} disabled={boards.kind === 'loading'} data-testid="order-open">
        Order the backlog by score
      </button>
      {open && (
        <div className="tl-message tl-message-neutral" role="dialog" aria-labelledby="order-heading" aria-busy={boards.kind === 'loading' || work.kind === 'loading'} data-testid="order-dialog">
          <h3 id="order-heading" className="tl-message-title" tabIndex={-1} ref={heading}>
            {work.kind === 'preview' ? `Order the backlog of ${work.preview.board.name} by score` : 'Order the backlog by score'}
          </h3>
          {boards.kind === 'loading' && <Skeleton label="Reading the project's boards…" lines={2} />}
          {boards.kind === 'failed' && <ErrorPanel error={boards.error} onRetry={() => void loadBoards()} />}
          {boards.kind === 'ready' && (
            <BoardPicker key={boards.view.boards.map((b) => b.id).join(',')} view={boards.view} initial={choice} busy={work.kind === 'loading'} showRefusal={work.kind !== 'preview'} onPreview={preview} />
          )}
          {boards.kind === 'ready' && work.kind === 'idle' && boards.view.boards.length > 1 && <p className="tl-subtle">Choose the board whose backlog to order, then Preview: nothing is written before you apply.</p>}
          {work.kind === 'loading' && (
            <>
              <Skeleton label={work.what} lines={4} />
              <p className="tl-subtle" aria-hidden="true">
                {work.what}
              </p>
            </>
          )}
          {work.kind === 'preview' && <PreviewPanel preview={work.preview} onApply={() => void apply(work.preview)} onUndo={() => void undo(work.preview.board.id)} onRefresh={() => { preview({ boardId: work.preview.board.id, top: choice?.top }); }} />}
          {(work.kind === 'applied' || work.kind === 'undone' || work.kind === 'failed') && (
            <div ref={outcome} tabIndex={-1} role={work.kind === 'failed' ? undefined : 'status'} data-testid={work.kind === 'applied' ? 'order-result' : work.kind === 'undone' ? 'order-undone' : 'order-failed'}>
              {work.kind === 'applied' && <AppliedPanel result={work.result} onUndo={() => void undo(work.result.board.id)} />}
              {work.kind === 'undone' && <UndonePanel result={work.result} />}
              {work.kind === 'failed' && <ErrorPanel error={work.error} onRetry={work.retry} />}
            </div>
          )}
          <p className="tl-actions">
            <Button onClick={close}>Close</Button>
          </p>
        </div>
      )}
    </>
  );
}
