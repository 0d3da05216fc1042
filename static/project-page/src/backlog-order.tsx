/**
 * "Order the backlog by score": a preview of what would move (and how far, in how many rank calls),
 * the issues kept apart (incomplete scores, pinned ones with who pinned them and why), then Apply,
 * the result issue by issue, and Undo. Every step says in words what it is doing or what failed;
 * everything is a button or a form control, so it is reachable from the keyboard (Escape closes).
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode, SyntheticEvent } from 'react';
import type { BacklogApartView, BacklogOrderPreview, BacklogOrderResult, UndoBacklogOrderResult } from '../../../src/contract';
import { Button, ErrorPanel, Field, Message, Skeleton, Table } from '../../common/components';
import { invokeResolver, settle } from '../../common/invoke';
import type { UiError } from '../../common/invoke';
import { IssueLink } from './shared';

const MOVES_SHOWN = 100;

type Step =
  | { readonly kind: 'closed' }
  | { readonly kind: 'loading'; readonly what: string }
  | { readonly kind: 'preview'; readonly preview: BacklogOrderPreview }
  | { readonly kind: 'applied'; readonly result: BacklogOrderResult }
  | { readonly kind: 'undone'; readonly result: UndoBacklogOrderResult }
  | { readonly kind: 'failed'; readonly error: UiError; readonly retry: () => void };

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function ApartList({ title, items, testId }: { readonly title: string; readonly items: readonly BacklogApartView[]; readonly testId: string }): ReactNode {
  if (items.length === 0) return null;
  return (
    <section aria-label={title} data-testid={testId}>
      <h4 className="tl-section-title">{title}</h4>
      <ul className="tl-incomplete">
        {items.map((item) => (
          <li key={item.key}>
            <IssueLink issueKey={item.key} /> {item.summary} <span className="tl-subtle">(stays at place {item.place})</span>
            {item.pin !== null && (
              <span className="tl-subtle">
                {' '}
                pinned on {item.pin.at.slice(0, 10)} by {item.pin.by}: {item.pin.reason}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function PreviewPanel({ preview, onApply, onUndo, onPreview }: { readonly preview: BacklogOrderPreview; readonly onApply: () => void; readonly onUndo: () => void; readonly onPreview: (boardId: number, top: number | undefined) => void }): ReactNode {
  const [top, setTop] = useState('');
  const [topProblem, setTopProblem] = useState<string | null>(null);
  const [pinKey, setPinKey] = useState('');
  const [pinReason, setPinReason] = useState('');
  const [pinError, setPinError] = useState<string | null>(null);
  const moved = preview.moves.length;
  const again = (event: SyntheticEvent): void => {
    event.preventDefault();
    const text = top.trim();
    const n = text === '' ? undefined : Number(text);
    if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > 5000)) {
      setTopProblem('Enter a whole number from 1 to 5,000, or leave it empty for the whole backlog.');
      return;
    }
    setTopProblem(null);
    onPreview(preview.board.id, n);
  };
  const pin = async (event: SyntheticEvent, unpin: boolean): Promise<void> => {
    event.preventDefault();
    const issueKey = pinKey.trim().toUpperCase();
    const answer = await settle(() => (unpin ? invokeResolver('unpinIssue', { issueKey }) : invokeResolver('pinIssue', { issueKey, reason: pinReason })));
    if (!answer.ok) {
      setPinError(answer.error.message);
      return;
    }
    setPinError(null);
    setPinKey('');
    setPinReason('');
    onPreview(preview.board.id, top.trim() === '' ? undefined : Number(top));
  };
  return (
    <>
      <p className="tl-message-text" data-testid="order-summary">
        {moved === 0
          ? `The ${plural(preview.issues, 'issue')} considered are already in score order: nothing would move.`
          : `${plural(moved, 'issue')} of ${preview.issues.toLocaleString('en-US')} would move, in ${plural(preview.rankCalls, 'rank call')} (at most ${preview.callBound.toLocaleString('en-US')}: one per 50 issues plus one per run of ${preview.runs.toLocaleString('en-US')}). The others stay where they are.`}
      </p>
      {preview.notes.map((note) => (
        <p key={note} className="tl-subtle">
          {note}
        </p>
      ))}
      {preview.refusal !== null && (
        <Message tone="warning" role="alert">
          <p className="tl-message-text">{preview.refusal}</p>
        </Message>
      )}
      <form className="tl-filters" onSubmit={again} aria-label="What to order">
        <Field label="Only the top issues (optional)" error={topProblem} hint={`The backlog has ${preview.backlogTotal.toLocaleString('en-US')} issues.`}>
          {(id, describedBy) => <input id={id} inputMode="numeric" value={top} size={6} aria-describedby={describedBy} aria-invalid={topProblem !== null} onChange={(event) => { setTop(event.target.value); }} />}
        </Field>
        <Button type="submit" small>
          Preview again
        </Button>
      </form>
      {moved > 0 && (
        <Table compact data-testid="order-moves">
          <caption>Issues that would move (places in the backlog, from 1)</caption>
          <thead>
            <tr>
              <th scope="col">Issue</th>
              <th scope="col">Summary</th>
              <th scope="col">Score</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Moves</th>
            </tr>
          </thead>
          <tbody>
            {preview.moves.slice(0, MOVES_SHOWN).map((move) => (
              <tr key={move.key}>
                <td>
                  <IssueLink issueKey={move.key} />
                </td>
                <td>{move.summary}</td>
                <td>{move.score === null ? '–' : move.score.toLocaleString('en-US', { maximumFractionDigits: 1 })}</td>
                <td>{move.from}</td>
                <td>{move.to}</td>
                <td>{move.to < move.from ? `up ${String(move.from - move.to)}` : `down ${String(move.to - move.from)}`}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {moved > MOVES_SHOWN && <p className="tl-subtle">…and {plural(moved - MOVES_SHOWN, 'more issue')}.</p>}
      <ApartList title="Incomplete scores: they keep their places" items={preview.incomplete} testId="order-incomplete" />
      <ApartList title="Pinned: they keep their places" items={preview.pinned} testId="order-pinned" />
      <form className="tl-filters" aria-label="Pin an issue" onSubmit={(event) => void pin(event, false)}>
        <Field label="Pin or unpin an issue (key)" error={pinError}>
          {(id, describedBy) => <input id={id} value={pinKey} size={10} placeholder="TL-12" aria-describedby={describedBy} onChange={(event) => { setPinKey(event.target.value); }} />}
        </Field>
        <Field label="Why it keeps its place">
          {(id) => <input id={id} value={pinReason} maxLength={300} size={30} placeholder="A commitment, a dependency…" onChange={(event) => { setPinReason(event.target.value); }} />}
        </Field>
        <Button type="submit" small disabled={pinKey.trim() === '' || pinReason.trim() === ''}>
          Pin
        </Button>
        <Button small disabled={pinKey.trim() === ''} onClick={(event) => void pin(event, true)}>
          Unpin
        </Button>
      </form>
      <p className="tl-actions">
        <Button appearance="primary" onClick={onApply} disabled={!preview.canApply || moved === 0} data-testid="order-apply">
          Apply: move {plural(moved, 'issue')}
        </Button>
        {preview.canUndo && (
          <Button onClick={onUndo} disabled={!preview.canApply}>
            Undo the last ordering
          </Button>
        )}
      </p>
    </>
  );
}

/** The button on the ranked backlog and the dialog it opens; `onChanged` refreshes the lists after a write. */
export function BacklogOrder({ onChanged }: { readonly onChanged: () => void }): ReactNode {
  const [step, setStep] = useState<Step>({ kind: 'closed' });
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const open = step.kind !== 'closed';
  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);
  // Escape closes wherever the focus is (a step replacing the focused button leaves it on the page).
  useEffect(() => {
    if (!open) return undefined;
    const onEscape = (event: globalThis.KeyboardEvent): void => {
      if (event.key === 'Escape') {
        setStep({ kind: 'closed' });
        opener.current?.focus();
      }
    };
    window.addEventListener('keydown', onEscape);
    return () => {
      window.removeEventListener('keydown', onEscape);
    };
  }, [open]);

  const preview = async (boardId?: number, top?: number): Promise<void> => {
    setStep({ kind: 'loading', what: 'Reading the board\'s backlog and the scores…' });
    const answer = await settle(() => invokeResolver('previewBacklogOrder', { ...(boardId === undefined ? {} : { boardId }), ...(top === undefined ? {} : { top }) }));
    setStep(answer.ok ? { kind: 'preview', preview: answer.value } : { kind: 'failed', error: answer.error, retry: () => void preview(boardId, top) });
  };
  const apply = async (view: BacklogOrderPreview): Promise<void> => {
    setStep({ kind: 'loading', what: `Moving ${plural(view.moves.length, 'issue')} in Jira…` });
    const answer = await settle(() => invokeResolver('applyBacklogOrder', { boardId: view.board.id, ...(view.issues < view.backlogTotal ? { top: view.issues } : {}), basedOn: view.basedOn }));
    setStep(answer.ok ? { kind: 'applied', result: answer.value } : { kind: 'failed', error: answer.error, retry: () => void preview(view.board.id) });
    if (answer.ok) onChanged();
  };
  const undo = async (boardId: number): Promise<void> => {
    setStep({ kind: 'loading', what: 'Putting the previous order back…' });
    const answer = await settle(() => invokeResolver('undoBacklogOrder', { boardId }));
    setStep(answer.ok ? { kind: 'undone', result: answer.value } : { kind: 'failed', error: answer.error, retry: () => void undo(boardId) });
    if (answer.ok) onChanged();
  };
  const close = (): void => {
    setStep({ kind: 'closed' });
    opener.current?.focus();
  };

  return (
    <>
      <button ref={opener} type="button" className="tl-button tl-button-small" onClick={() => void preview()} disabled={step.kind === 'loading'} data-testid="order-open">
        Order the backlog by score
      </button>
      {open && (
        <div className="tl-message tl-message-neutral" role="dialog" aria-labelledby="order-heading" aria-busy={step.kind === 'loading'} data-testid="order-dialog">
          <h3 id="order-heading" className="tl-message-title" tabIndex={-1} ref={heading}>
            {step.kind === 'preview' ? `Order the backlog of ${step.preview.board.name} by score` : 'Order the backlog by score'}
          </h3>
          {step.kind === 'loading' && <Skeleton label={step.what} lines={4} />}
          {step.kind === 'loading' && <p className="tl-subtle" role="status">{step.what}</p>}
          {step.kind === 'failed' && <ErrorPanel error={step.error} onRetry={step.retry} />}
          {step.kind === 'preview' && <PreviewPanel preview={step.preview} onApply={() => void apply(step.preview)} onUndo={() => void undo(step.preview.board.id)} onPreview={(boardId, top) => void preview(boardId, top)} />}
          {step.kind === 'applied' && (
            <div role="status" data-testid="order-result">
              <p className="tl-message-text">
                Moved {plural(step.result.moved, 'issue')} in {plural(step.result.rankCalls, 'rank call')}.{step.result.failed.length > 0 ? ` ${plural(step.result.failed.length, 'issue')} could not be moved:` : ''}
              </p>
              {step.result.failed.length > 0 && (
                <ul className="tl-incomplete" data-testid="order-failures">
                  {step.result.failed.map((failure) => (
                    <li key={failure.key}>
                      <IssueLink issueKey={failure.key} />: {failure.reason}
                    </li>
                  ))}
                </ul>
              )}
              {step.result.notes.map((note) => (
                <p key={note} className="tl-subtle">
                  {note}
                </p>
              ))}
              {step.result.canUndo && (
                <Button onClick={() => void undo(step.result.board.id)} data-testid="order-undo">
                  Undo
                </Button>
              )}
            </div>
          )}
          {step.kind === 'undone' && (
            <div role="status" data-testid="order-undone">
              <p className="tl-message-text">
                {step.result.exact ? `The previous order is back (${plural(step.result.restored, 'issue')} moved back).` : `Restored what could be restored (${plural(step.result.restored, 'issue')} moved back).`}
              </p>
              {[...step.result.notes, ...step.result.failed.map((f) => `${f.key}: ${f.reason}`)].map((note) => (
                <p key={note} className="tl-subtle">
                  {note}
                </p>
              ))}
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
