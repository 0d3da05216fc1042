/**
 * "What moved most since": on the ranked backlog, the project's issues whose score moved most
 * since a day the user picks (a week ago by default), with how far, how often, when last and why
 * (getMovedMost). Folded until opened: nothing is asked before.
 */
import { useState } from 'react';
import type { ReactNode, SyntheticEvent } from 'react';
import type { MovedIssueView, MovedMostView } from '../../../src/contract';
import { Button, EmptyState, ErrorPanel, Message, Skeleton, Table } from '../../common/components';
import { formatDateTime, formatDay, formatNumber } from '../../common/format';
import { invokeResolver, settle } from '../../common/invoke';
import type { UiError } from '../../common/invoke';
import { IssueLink } from './shared';
import './moved-most.css';

type State = { readonly status: 'idle' } | { readonly status: 'loading' } | { readonly status: 'loaded'; readonly value: MovedMostView } | { readonly status: 'failed'; readonly error: UiError };

/** A day in the browser's time zone as YYYY-MM-DD (what a date input holds). */
export function localDay(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** How far the score moved, with its direction: "+6", "−1.5", "0". */
export function moveText(issue: MovedIssueView, locale: string | undefined): string {
  const delta = (issue.to.score ?? 0) - (issue.from.score ?? 0);
  const size = formatNumber(Math.abs(delta), locale);
  return delta > 0 ? `+${size}` : delta < 0 ? `−${size}` : size;
}

function scoreText(score: number | null, locale: string | undefined): string {
  return score === null ? 'none' : formatNumber(score, locale);
}

function MovedTable({ view, locale }: { readonly view: MovedMostView; readonly locale: string | undefined }): ReactNode {
  return (
    <Table compact data-testid="moved-most-table">
      <caption className="tl-visually-hidden">Issues whose score moved most since {formatDay(view.since, locale)}</caption>
      <thead>
        <tr>
          <th scope="col">Issue</th>
          <th scope="col">Score</th>
          <th scope="col">Moved</th>
          <th scope="col">Changes</th>
          <th scope="col">Last change</th>
          <th scope="col">Why (last change)</th>
        </tr>
      </thead>
      <tbody>
        {view.issues.map((issue) => (
          <tr key={issue.key} data-issue={issue.key}>
            <td>
              <IssueLink issueKey={issue.key} /> <span className="tl-row-summary">{issue.summary}</span>
            </td>
            <td className="tl-nowrap">
              {scoreText(issue.from.score, locale)} → {scoreText(issue.to.score, locale)}
              {issue.from.readiness !== issue.to.readiness && (
                <span className="tl-subtle">
                  <br />
                  {issue.from.readiness ?? 'not checked'} → {issue.to.readiness ?? 'not checked'}
                </span>
              )}
            </td>
            <td className="tl-nowrap">{moveText(issue, locale)}</td>
            <td className="tl-num">{issue.changes}</td>
            <td className="tl-nowrap">
              <time dateTime={issue.lastAt}>{formatDateTime(issue.lastAt, locale)}</time>
            </td>
            <td>
              {issue.causes.length === 0 ? (
                '–'
              ) : (
                <ul className="tl-moved-causes">
                  {issue.causes.map((cause, index) => (
                    <li key={`${cause.kind}-${String(index)}`} data-cause={cause.kind}>
                      {cause.text}
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export function MovedMost({ locale }: { readonly locale: string | undefined }): ReactNode {
  const today = localDay(new Date());
  const [since, setSince] = useState(() => localDay(new Date(Date.now() - 7 * 86_400_000)));
  const [state, setState] = useState<State>({ status: 'idle' });
  const [problem, setProblem] = useState<string | null>(null);

  const load = async (day: string): Promise<void> => {
    setState({ status: 'loading' });
    const result = await settle(() => invokeResolver('getMovedMost', { since: day, limit: 20 }));
    setState(result.ok ? { status: 'loaded', value: result.value } : { status: 'failed', error: result.error });
  };
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(since) || since > today) {
      setProblem('Choose a day, today or before.');
      return;
    }
    setProblem(null);
    void load(since);
  };

  return (
    <details
      className="tl-moved"
      data-testid="moved-most"
      onToggle={(event) => {
        if (event.currentTarget.open && state.status === 'idle') void load(since);
      }}
    >
      <summary className="tl-moved-summary">What moved most since a date</summary>
      <form className="tl-filters" onSubmit={submit} aria-label="Moved since">
        <span className="tl-filter">
          <label htmlFor="moved-since">Since</label>
          <input
            id="moved-since"
            type="date"
            value={since}
            max={today}
            aria-invalid={problem !== null}
            aria-describedby={problem === null ? undefined : 'moved-since-problem'}
            onChange={(event) => {
              setSince(event.target.value);
            }}
          />
        </span>
        <Button type="submit" small disabled={state.status === 'loading'}>
          Show
        </Button>
        {problem !== null && (
          <span id="moved-since-problem" className="tl-field-error" role="alert">
            {problem}
          </span>
        )}
      </form>
      {state.status === 'loading' && <Skeleton label="Reading what moved…" lines={3} />}
      {state.status === 'failed' && (
        <ErrorPanel
          error={state.error}
          onRetry={() => {
            void load(since);
          }}
        />
      )}
      {state.status === 'loaded' && state.value.keptSince !== null && state.value.keptSince > state.value.since && (
        <Message tone="warning">
          <p className="tl-message-text">
            Only the project&apos;s last {state.value.kept} changes are kept: what moved before {formatDateTime(state.value.keptSince, locale)} is not counted.
          </p>
        </Message>
      )}
      {state.status === 'loaded' &&
        (state.value.issues.length === 0 ? (
          <EmptyState testId="moved-most-empty">No score or readiness moved since {formatDay(state.value.since, locale)} among the issues you can see.</EmptyState>
        ) : (
          <MovedTable view={state.value} locale={locale} />
        ))}
    </details>
  );
}
