/**
 * "How it moved": the issue's last changes to its score and readiness, newest first, each with
 * its date, from → to and its causes in words (getIssueHistory). The sidebar computes the score
 * live while the history is written by the app's background once it has written the new value, so
 * when the newest change does not show the score in view yet, the history is asked again a few
 * times, a little later each time.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { HistoryEntryView, IssueHistoryView, ScoreStateView } from '../../../src/contract';
import { Button, EmptyState, Skeleton } from '../../common/components';
import { formatDateTime, formatReadable } from '../../common/format';
import { invokeResolver, settle } from '../../common/invoke';
import type { Loadable } from './score-panel';
import { useLocale } from '../../common/locale';

/** Waits before asking again while the newest change is not the score in view (the background is writing it). */
const CATCH_UP_DELAYS_MS = [1_000, 2_000, 4_000];

/** Whether the history does not show the score in view yet (rounded as the app writes it: 2 decimals). */
export function historyLagsBehind(history: IssueHistoryView, score: number | null): boolean {
  const written = history.entries[0]?.to.score ?? null;
  const expected = score === null ? null : Math.round(score * 100) / 100;
  if (written === null || expected === null) return written !== expected;
  return Math.abs(written - expected) > 0.005;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The history of the issue in view; `reload(score)` asks again, and again while it lags behind `score`. */
export function useIssueHistory(): { readonly history: Loadable<IssueHistoryView>; readonly reload: (score: number | null) => Promise<void> } {
  const [history, setHistory] = useState<Loadable<IssueHistoryView>>({ status: 'loading' });
  const request = useRef(0);
  useEffect(
    () => () => {
      // Unmounted: any catching up stops.
      request.current++;
    },
    [],
  );
  const reload = useCallback(async (score: number | null) => {
    const mine = ++request.current;
    for (let attempt = 0; ; attempt++) {
      const result = await settle(() => invokeResolver('getIssueHistory'));
      if (mine !== request.current) return;
      // What was shown stays while a later ask fails.
      setHistory((previous) => (result.ok ? { status: 'loaded', value: result.value } : previous.status === 'loaded' ? previous : { status: 'failed', message: result.error.message }));
      const delay = CATCH_UP_DELAYS_MS[attempt];
      if (!result.ok || delay === undefined || !historyLagsBehind(result.value, score)) return;
      await sleep(delay);
      if (mine !== request.current) return;
    }
  }, []);
  return { history, reload };
}

function scoreText(state: ScoreStateView, locale: string | undefined): string {
  return state.score === null ? 'none' : formatReadable(state.score, locale);
}

function Move({ entry }: { readonly entry: HistoryEntryView }): ReactNode {
  const locale = useLocale();
  const from = entry.fromHidden ? '–' : scoreText(entry.from, locale);
  const readinessMoved = !entry.fromHidden && entry.from.readiness !== entry.to.readiness;
  return (
    <p className="tl-history-move" data-testid="history-move">
      {entry.fromHidden || entry.from.score !== entry.to.score ? (
        <span>
          Score {from} → <strong>{scoreText(entry.to, locale)}</strong>
        </span>
      ) : (
        <span>Score {scoreText(entry.to, locale)}</span>
      )}
      {readinessMoved && (
        <span>
          {' · '}
          {entry.from.readiness ?? 'not checked'} → <strong>{entry.to.readiness ?? 'not checked'}</strong>
        </span>
      )}
      {entry.fromHidden && <span className="tl-visually-hidden"> (the score before was given in a project you can&apos;t browse)</span>}
    </p>
  );
}

export function HistoryPanel({ history, onRetry }: { readonly history: Loadable<IssueHistoryView>; readonly onRetry: () => void }): ReactNode {
  const locale = useLocale();
  return (
    <section className="tl-history" aria-labelledby="tl-history-heading" data-testid="history">
      <h3 id="tl-history-heading" className="tl-section-title">
        How it moved
      </h3>
      {history.status === 'loading' && <Skeleton label="Loading how the score moved…" lines={2} />}
      {history.status === 'failed' && (
        <div className="tl-history-error" role="alert">
          <p className="tl-muted">How the score moved could not be loaded: {history.message}</p>
          <Button small onClick={onRetry}>
            Try again
          </Button>
        </div>
      )}
      {history.status === 'loaded' && history.value.entries.length === 0 && history.value.hidden === 0 && (
        <EmptyState testId="history-empty">No change recorded yet. Each time Throughline changes this issue&apos;s score or readiness, it says here why.</EmptyState>
      )}
      {history.status === 'loaded' && history.value.entries.length > 0 && (
        <ol className="tl-history-list">
          {history.value.entries.map((entry, index) => (
            <li key={`${entry.at}-${String(index)}`} className="tl-history-entry" data-testid="history-entry">
              <time className="tl-history-when" dateTime={entry.at}>
                {formatDateTime(entry.at, locale)}
              </time>
              <Move entry={entry} />
              <ul className="tl-history-causes">
                {entry.causes.map((cause, causeIndex) => (
                  <li key={`${cause.kind}-${String(causeIndex)}`} data-cause={cause.kind}>
                    {cause.text}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      {history.status === 'loaded' && history.value.hidden > 0 && (
        <p className="tl-muted" data-testid="history-hidden">
          {history.value.hidden} earlier change{history.value.hidden === 1 ? ' was' : 's were'} made while the issue was in a project you can&apos;t browse.
        </p>
      )}
      {history.status === 'loaded' && history.value.entries.length > 0 && <p className="tl-footnote">The last {history.value.kept} changes are kept.</p>}
    </section>
  );
}
