/**
 * What "Order the backlog by score" shows once it has an answer: the preview (what would move and
 * how far, in how many rank calls; the issues kept apart with why; pins), the result of Apply issue
 * by issue, and the result of Undo. Plain lists, tables, buttons and form controls, so everything is
 * reachable from the keyboard; colours come from the UI kit's tokens (light and dark).
 */
import { useState } from 'react';
import type { ReactNode, SyntheticEvent } from 'react';
import type { BacklogApartView, BacklogOrderPreview, BacklogOrderResult, UndoBacklogOrderResult } from '../../../src/contract';
import { Button, EmptyState, Field, Message, Table } from '../../common/components';
import { countOf } from '../../common/counts';
import { formatNumber } from '../../common/format';
import { invokeResolver, settle } from '../../common/invoke';
import { useLocale } from '../../common/locale';
import { IssueLink } from './shared';

const MOVES_SHOWN = 100;

/** "1 issue", "1.234 issues": the count in the user's digits, the noun as English has it. */
export function plural(n: number, one: string, many = `${one}s`, locale?: string): string {
  return countOf(n, one, many, locale, 0);
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
                pinned on {item.pin.at.slice(0, 10)} by {item.pin.byName ?? item.pin.by}: {item.pin.reason}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function summaryOf(preview: BacklogOrderPreview, locale: string | undefined): string {
  const moved = preview.moves.length;
  const n = (value: number): string => formatNumber(value, locale, 0);
  if (moved === 0) return `The ${plural(preview.issues, 'issue', 'issues', locale)} considered ${preview.issues === 1 ? 'is' : 'are'} already in score order: nothing would move.`;
  return `${plural(moved, 'issue', 'issues', locale)} of ${n(preview.issues)} would move, in ${plural(preview.rankCalls, 'rank call', 'rank calls', locale)} (at most ${n(preview.callBound)}: one per 50 issues plus one per run of ${n(preview.runs)}). The others stay where they are.`;
}

function MovesTable({ preview }: { readonly preview: BacklogOrderPreview }): ReactNode {
  const locale = useLocale();
  const moved = preview.moves.length;
  if (moved === 0) return null;
  return (
    <>
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
              <td>{move.score === null ? '–' : formatNumber(move.score, locale, 1)}</td>
              <td>{move.from}</td>
              <td>{move.to}</td>
              <td>{move.to < move.from ? `up ${String(move.from - move.to)}` : `down ${String(move.to - move.from)}`}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      {moved > MOVES_SHOWN && <p className="tl-subtle">…and {plural(moved - MOVES_SHOWN, 'more issue', 'more issues', locale)}.</p>}
    </>
  );
}

/** Pin or unpin an issue of the project; `onChanged` previews again (a pin changes what moves). */
function PinForm({ onChanged }: { readonly onChanged: () => void }): ReactNode {
  const [pinKey, setPinKey] = useState('');
  const [pinReason, setPinReason] = useState('');
  const [pinError, setPinError] = useState<string | null>(null);
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
    onChanged();
  };
  return (
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
  );
}

export function PreviewPanel({ preview, onApply, onUndo, onRefresh }: { readonly preview: BacklogOrderPreview; readonly onApply: () => void; readonly onUndo: () => void; readonly onRefresh: () => void }): ReactNode {
  const locale = useLocale();
  const moved = preview.moves.length;
  return (
    <div data-testid="order-preview-panel">
      {preview.issues === 0 ? (
        <EmptyState testId="order-empty">The backlog of {preview.board.name} is empty (every issue is in a sprint or done): there is nothing to order.</EmptyState>
      ) : (
        <p className="tl-message-text" role="status" data-testid="order-summary">
          {summaryOf(preview, locale)}
        </p>
      )}
      {preview.notes.map((note) => (
        <p key={note} className="tl-subtle" data-testid="order-note">
          {note}
        </p>
      ))}
      {preview.refusal !== null && (
        <Message tone="warning" role="alert">
          <p className="tl-message-text">{preview.refusal}</p>
        </Message>
      )}
      <MovesTable preview={preview} />
      <ApartList title="Incomplete scores: they keep their places" items={preview.incomplete} testId="order-incomplete" />
      <ApartList title="Pinned: they keep their places" items={preview.pinned} testId="order-pinned" />
      <PinForm onChanged={onRefresh} />
      <p className="tl-actions">
        <Button appearance="primary" onClick={onApply} disabled={!preview.canApply || moved === 0} data-testid="order-apply">
          Apply: move {plural(moved, 'issue', 'issues', locale)}
        </Button>
        {preview.canUndo && (
          <Button onClick={onUndo} disabled={!preview.canApply} data-testid="order-undo-last">
            Undo the last ordering
          </Button>
        )}
      </p>
    </div>
  );
}

export function AppliedPanel({ result, onUndo }: { readonly result: BacklogOrderResult; readonly onUndo: () => void }): ReactNode {
  const locale = useLocale();
  return (
    <>
      <p className="tl-message-text">
        Moved {plural(result.moved, 'issue', 'issues', locale)} of the backlog of {result.board.name} in {plural(result.rankCalls, 'rank call', 'rank calls', locale)}.{result.failed.length > 0 ? ` ${plural(result.failed.length, 'issue', 'issues', locale)} could not be moved:` : ''}
      </p>
      {result.failed.length > 0 && (
        <ul className="tl-incomplete" data-testid="order-failures">
          {result.failed.map((failure) => (
            <li key={failure.key}>
              <IssueLink issueKey={failure.key} />: {failure.reason}
            </li>
          ))}
        </ul>
      )}
      {result.notes.map((note) => (
        <p key={note} className="tl-subtle">
          {note}
        </p>
      ))}
      {result.canUndo && (
        <Button onClick={onUndo} data-testid="order-undo">
          Undo
        </Button>
      )}
    </>
  );
}

export function UndonePanel({ result }: { readonly result: UndoBacklogOrderResult }): ReactNode {
  const locale = useLocale();
  return (
    <>
      <p className="tl-message-text">
        {result.exact ? `The previous order of ${result.board.name} is back (${plural(result.restored, 'issue', 'issues', locale)} moved back).` : `Restored what could be restored on ${result.board.name} (${plural(result.restored, 'issue', 'issues', locale)} moved back).`}
      </p>
      {[...result.notes, ...result.failed.map((f) => `${f.key}: ${f.reason}`)].map((note) => (
        <p key={note} className="tl-subtle">
          {note}
        </p>
      ))}
    </>
  );
}
