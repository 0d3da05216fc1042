/**
 * The ranked backlog: open issues by score, with filters by theme, epic, status and readiness;
 * incomplete scores apart, with what they miss. Long lists are windowed (only the rows near the
 * visible part of their scrolling box are in the DOM).
 */
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { BacklogRowView, RankedBacklogChunkView } from '../../../src/contract';
import { ErrorPanel, Skeleton, Table } from '../../common/components';
import { formatNumber } from '../../common/format';
import { invokeResolver } from '../../common/invoke';
import { mergeRankedBacklog } from './backlog-merge';
import { retryLabel, useChunkedLoad } from './chunked-load';
import type { ChunkSource } from './chunked-load';
import { IssueLink, ReadinessBadge, StatusLozenge, csvOf, download } from './shared';
import { useWindowed } from './windowed';

export function BacklogTable({ rows, locale, caption, showRank = true }: { readonly rows: readonly BacklogRowView[]; readonly locale: string | undefined; readonly caption: string; readonly showRank?: boolean }): ReactNode {
  const { active, boxProps, rowsRef, start, end, before, after } = useWindowed(rows, caption, { estimate: 56 });
  const columns = showRank ? 8 : 7;
  return (
    <div {...boxProps}>
      {/* Compact: the backlog is a dense list; the header stays in view when the table scrolls in its own box. */}
      <Table compact stickyHeader={active}>
        <caption className="tl-visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {showRank && <th scope="col">Rank</th>}
            <th scope="col">Issue</th>
            <th scope="col">Score</th>
            <th scope="col">Main driver</th>
            <th scope="col">Theme</th>
            <th scope="col">Epic</th>
            <th scope="col">Status</th>
            <th scope="col">Readiness</th>
          </tr>
        </thead>
        <tbody ref={rowsRef}>
          {before > 0 && (
            <tr aria-hidden="true" data-spacer="">
              <td colSpan={columns} style={{ height: before, padding: 0, border: 0 }} />
            </tr>
          )}
          {rows.slice(start, end).map((row) => (
            <tr key={row.key} data-issue={row.key}>
              {showRank && <td className="tl-nowrap">{row.rank ?? '–'}</td>}
              <td>
                <IssueLink issueKey={row.key} /> <span className="tl-row-summary">{row.summary}</span>
              </td>
              <td className="tl-nowrap">{row.score === null ? <span className="tl-subtle">{row.outcome === 'invalid' ? 'invalid' : 'incomplete'}</span> : formatNumber(row.score, locale)}</td>
              <td>{row.driver ?? '–'}</td>
              <td>{row.theme?.name ?? 'Unaligned'}</td>
              <td className="tl-nowrap">{row.epic === null ? '–' : <IssueLink issueKey={row.epic.key} />}</td>
              <td className="tl-nowrap">
                <StatusLozenge name={row.status} category={row.statusCategory} />
              </td>
              <td>
                <ReadinessBadge verdict={row.readiness} />
                {row.failing.length > 0 && (
                  <ul className="tl-failing">
                    {row.failing.map((failure) => (
                      <li key={failure.ruleId} className={failure.severity === 'blocking' ? 'tl-failing-blocking' : 'tl-failing-warning'}>
                        {failure.message}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
          {after > 0 && (
            <tr aria-hidden="true" data-spacer="">
              <td colSpan={columns} style={{ height: after, padding: 0, border: 0 }} />
            </tr>
          )}
        </tbody>
      </Table>
    </div>
  );
}

export const ROW_HEADER = ['Rank', 'Key', 'Summary', 'Score', 'Main driver', 'Theme', 'Epic', 'Status', 'Readiness', 'Failing rules', 'Points'];

export function rowCells(row: BacklogRowView): (string | number | null)[] {
  return [row.rank, row.key, row.summary, row.score, row.driver, row.theme?.name ?? 'Unaligned', row.epic?.key ?? '', row.status, row.readiness, row.failing.map((failure) => failure.ruleId).join('; '), row.points];
}

function Select({ id, label, value, options, onChange }: { readonly id: string; readonly label: string; readonly value: string; readonly options: readonly (readonly [string, string])[]; readonly onChange: (value: string) => void }): ReactNode {
  return (
    <span className="tl-filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => { onChange(event.target.value); }}>
        <option value="">All</option>
        {options.map(([optionValue, text]) => (
          <option key={optionValue} value={optionValue}>
            {text}
          </option>
        ))}
      </select>
    </span>
  );
}

/** The open issues in chunks (each one invocation of ≤ 30 searches), one after the other; no head. */
const BACKLOG: ChunkSource<never, RankedBacklogChunkView> = {
  chunk: (after) => invokeResolver('getRankedBacklogChunk', after === undefined ? {} : { after }),
};

export function RankedBacklog({ locale }: { readonly locale: string | undefined }): ReactNode {
  // `refresh()` starts over (the list empties and grows again); `retry()` goes on from the chunk
  // that failed, keeping the rows read.
  const { state, refresh, retry } = useChunkedLoad(BACKLOG);
  const merged = useMemo(() => mergeRankedBacklog(state.chunks), [state.chunks]);
  const [theme, setTheme] = useState('');
  const [epic, setEpic] = useState('');
  const [status, setStatus] = useState('');
  const [readiness, setReadiness] = useState('');
  const [incompleteShown, setIncompleteShown] = useState(50);

  const options = useMemo(() => {
    const all = merged === null ? [] : [...merged.ranked, ...merged.incomplete];
    const themes = new Map<string, string>([['none', 'Unaligned']]);
    const epics = new Map<string, string>();
    const statuses = new Set<string>();
    for (const row of all) {
      if (row.theme !== null) themes.set(row.theme.id, row.theme.name);
      if (row.epic !== null) epics.set(row.epic.key, `${row.epic.key} ${row.epic.summary}`.trim());
      statuses.add(row.status);
    }
    return { themes: [...themes], epics: [...epics].sort((a, b) => a[0].localeCompare(b[0], 'en', { numeric: true })), statuses: [...statuses].sort().map((name) => [name, name] as const) };
  }, [merged]);

  if (merged === null) {
    if (state.error !== undefined) return <ErrorPanel error={state.error} onRetry={state.error.code === 'not-found' ? undefined : retry} retryLabel={retryLabel(state)} />;
    return <Skeleton label="Loading the ranked backlog…" lines={8} />;
  }
  const refreshFailed = state.error === undefined ? null : <ErrorPanel error={state.error} onRetry={retry} retryLabel={retryLabel(state)} />;
  const backlog = merged;
  const progress = state.chunks.length;
  const keep = (row: BacklogRowView): boolean =>
    (theme === '' || (theme === 'none' ? row.theme === null : row.theme?.id === theme)) && (epic === '' || row.epic?.key === epic) && (status === '' || row.status === status) && (readiness === '' || row.readiness === readiness);
  const ranked = backlog.ranked.filter(keep);
  const incomplete = backlog.incomplete.filter(keep);
  return (
    <div className="tl-backlog" aria-busy={state.loading}>
      <div className="tl-card-header">
        <h2 className="tl-section-title">
          Ranked backlog <span className="tl-count">{backlog.totals.ranked}</span>
        </h2>
        <span className="tl-actions">
          <span className="tl-subtle">Scored with {backlog.model}</span>
          <button type="button" className="tl-button tl-button-small" onClick={() => { download(`${backlog.project.key}-backlog.csv`, csvOf(ROW_HEADER, [...ranked, ...incomplete].map(rowCells)), 'text/csv'); }}>
            Export CSV
          </button>
          <button type="button" className="tl-button tl-button-small" onClick={refresh} disabled={state.loading}>
            Refresh
          </button>
        </span>
      </div>
      {state.loading && (
        <p className="tl-message tl-message-neutral tl-progress-note" data-testid="counting">
          <span className="tl-spinner" aria-hidden="true" /> Ranking the open issues; the list below grows as they are read.{' '}
          <span data-testid="counting-progress">{state.of === null ? `Counting ${String(progress + 1)}…` : `Counting ${String(Math.min(progress + 1, state.of))} of ${String(state.of)}…`}</span>
          {state.of !== null && <progress className="tl-progress-bar" max={state.of} value={progress} aria-label="Counting progress" />}
        </p>
      )}
      {refreshFailed}
      {backlog.notes.map((note) => (
        <p key={note} className="tl-message tl-message-neutral">
          {note}
        </p>
      ))}
      <div className="tl-filters" role="group" aria-label="Filters">
        <Select id="filter-theme" label="Theme" value={theme} options={options.themes} onChange={setTheme} />
        <Select id="filter-epic" label="Epic" value={epic} options={options.epics} onChange={setEpic} />
        <Select id="filter-status" label="Status" value={status} options={options.statuses} onChange={setStatus} />
        <Select id="filter-readiness" label="Readiness" value={readiness} options={[['ready', 'Ready'], ['not-ready', 'Not ready'], ['not-applicable', 'Not checked']]} onChange={setReadiness} />
      </div>
      <p className="tl-subtle" role="status">
        {ranked.length} ranked and {incomplete.length} without a complete score shown.
      </p>
      {ranked.length === 0 ? <p className="tl-message tl-message-neutral">No scored open issue matches.</p> : <BacklogTable rows={ranked} locale={locale} caption="Open issues ranked by score" />}
      <section aria-labelledby="incomplete-heading">
        <h2 id="incomplete-heading" className="tl-section-title">
          Scores incomplete <span className="tl-count">{backlog.totals.incomplete}</span>
        </h2>
        {incomplete.length === 0 ? (
          <p className="tl-subtle">Every issue shown has a complete score.</p>
        ) : (
          <ul className="tl-incomplete">
            {incomplete.slice(0, incompleteShown).map((row) => (
              <li key={row.key}>
                <IssueLink issueKey={row.key} /> {row.summary}: <span className="tl-subtle">missing {row.missing.join('; ')}</span>
              </li>
            ))}
          </ul>
        )}
        {incomplete.length > incompleteShown && (
          <button type="button" className="tl-button" onClick={() => { setIncompleteShown(incompleteShown + 50); }}>
            Show {Math.min(50, incomplete.length - incompleteShown)} more of {incomplete.length - incompleteShown}
          </button>
        )}
      </section>
    </div>
  );
}
