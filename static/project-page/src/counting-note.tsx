/**
 * The vision map's word on how its counts were made (counting-words.ts): kept current by
 * Throughline and as of when, a recount under way or failed, or counted live and why.
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { CountingView } from '../../../src/contract';
import { countingNotes } from './counting-words';

/** The time now, renewed every `everyMs` so that "3 minutes ago" does not stay "just now". */
export function useNow(everyMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(new Date());
    }, everyMs);
    return () => {
      clearInterval(timer);
    };
  }, [everyMs]);
  return now;
}

export function CountingNote({ counting, locale }: { readonly counting: CountingView | undefined; readonly locale: string | undefined }): ReactNode {
  const now = useNow();
  const notes = countingNotes(counting, now, locale);
  if (notes.length === 0 || counting === undefined) return null;
  // Live counting is worth a note in a box (what the viewer sees is what they may see); counts kept
  // current are the normal case and said quietly, unless a recount is under way or failed.
  const [first, recount] = notes;
  return (
    <div className="tl-counting" data-testid="counting-mode" data-mode={counting.mode}>
      {first !== undefined && (
        <p className={counting.mode === 'live' ? 'tl-message tl-message-neutral' : 'tl-subtle'} title={first.title}>
          {first.text}
        </p>
      )}
      {recount !== undefined && (
        <p className={`tl-message tl-message-${recount.tone} tl-progress-note`} data-testid="recount">
          {recount.text}
          {recount.progress !== undefined && recount.progress.total !== null && recount.progress.total > 0 && <progress className="tl-progress-bar" max={recount.progress.total} value={Math.min(recount.progress.done, recount.progress.total)} aria-label="Recount progress" />}
        </p>
      )}
    </div>
  );
}
