/**
 * Sprint readiness: the next future sprint's stories (or, without sprints, the top N of the ranked
 * backlog) against the Definition of Ready; ready points against the team's velocity; the rules
 * that fail most.
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { ErrorPanel, Skeleton } from '../../common/components';
import { countOf } from '../../common/counts';
import { formatNumber } from '../../common/format';
import { invokeResolver } from '../../common/invoke';
import { BacklogTable, ROW_HEADER, rowCells } from './ranked-backlog';
import { ruleName } from './readiness-rules';
import { readySentence, velocitySentence } from './readiness-words';
import { csvOf, download, useLoad } from './shared';

export function SprintReadiness({ locale, onRefused }: { readonly locale: string | undefined; readonly onRefused?: () => void }): ReactNode {
  const [top, setTop] = useState(20);
  const [draftTop, setDraftTop] = useState('20');
  const [state, reload] = useLoad(() => invokeResolver('getSprintReadiness', { top }));
  // Refused the project: the page drops its tabs.
  const refused = state.status === 'failed' && state.error.code === 'not-found';
  useEffect(() => {
    if (refused) onRefused?.();
  }, [refused, onRefused]);

  if (state.status === 'loading') return <Skeleton label="Loading sprint readiness…" lines={8} />;
  if (state.status === 'failed') return <ErrorPanel error={state.error} onRetry={state.error.code === 'not-found' ? undefined : reload} />;
  const refreshFailed = state.error === undefined ? null : <ErrorPanel error={state.error} onRetry={reload} />;
  const view = state.value;
  return (
    <div className="tl-sprint" aria-busy={state.refreshing}>
      <div className="tl-card-header">
        <h2 className="tl-section-title" data-testid="sprint-title">
          {view.source.kind === 'sprint' ? `Next sprint: ${view.source.sprint.name}` : `Top ${formatNumber(view.source.top, locale, 0)} of the ranked backlog`}
        </h2>
        <span className="tl-actions">
          <button type="button" className="tl-button tl-button-small" onClick={() => { download(`${view.project.key}-sprint-readiness.csv`, csvOf(ROW_HEADER, view.rows.map(rowCells)), 'text/csv'); }}>
            Export CSV
          </button>
          <button type="button" className="tl-button tl-button-small" onClick={reload}>
            Refresh
          </button>
        </span>
      </div>
      {view.source.kind === 'sprint' && view.source.sprint.goal !== null && <p className="tl-subtle">Goal: {view.source.sprint.goal} · board {view.source.board}</p>}
      {view.source.kind === 'backlog' && (
        <form
          className="tl-filters"
          onSubmit={(event) => {
            event.preventDefault();
            const value = Math.trunc(Number(draftTop));
            if (Number.isFinite(value) && value >= 1 && value <= 200) {
              setTop(value);
              setTimeout(reload, 0);
            }
          }}
        >
          <p className="tl-subtle">{view.source.reason}</p>
          <label htmlFor="top-n">How many issues</label>
          <input id="top-n" type="number" min={1} max={200} value={draftTop} onChange={(event) => { setDraftTop(event.target.value); }} />
          <button type="submit" className="tl-button tl-button-small">
            Check
          </button>
        </form>
      )}
      <div className="tl-summary" role="status">
        <p className="tl-summary-main">{readySentence(view, locale)}</p>
        <p>{velocitySentence(view, locale)}</p>
      </div>
      {refreshFailed}
      {view.notes.map((note) => (
        <p key={note} className="tl-message tl-message-neutral">
          {note}
        </p>
      ))}
      {view.failingRules.length > 0 && (
        <section aria-labelledby="failing-heading">
          <h3 id="failing-heading" className="tl-section-title">
            Rules that fail most
          </h3>
          <ol className="tl-rule-counts">
            {view.failingRules.slice(0, 6).map((rule) => (
              <li key={rule.ruleId}>
                {ruleName(rule.ruleId)} ({rule.severity}): {countOf(rule.issues, 'issue', 'issues', locale, 0)}
              </li>
            ))}
          </ol>
        </section>
      )}
      {view.rows.length === 0 ? <p className="tl-message tl-message-neutral">{view.source.kind === 'sprint' ? 'The sprint has no stories yet.' : 'The backlog has no open issues.'}</p> : <BacklogTable rows={view.rows} locale={locale} caption="Stories and their readiness" showRank={view.source.kind === 'backlog'} />}
    </div>
  );
}
