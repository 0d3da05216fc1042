/**
 * The ranked backlog: open issues in the order Jira keeps by score, 100 rows a call, more as the
 * list is scrolled (or "Load more" is pressed); rows are appended, never re-sorted. Filters by
 * theme, epic, status and readiness are asked of Jira and start the list over. Issues whose score
 * is incomplete are a list apart, paged the same way. Long lists are windowed (only the rows near
 * the visible part of their scrolling box are in the DOM). "What moved most since a date" is folded
 * under the header (moved-most.tsx).
 */
import { useEffect, useMemo, useState } from 'react';
import type { ReactNode, SyntheticEvent, UIEvent } from 'react';
import type { BacklogFiltersPayload, BacklogRowView, RankedBacklogPageView, Result } from '../../../src/contract';
import { AskRovo } from '../../common/ask-rovo';
import { Button, EmptyState, ErrorPanel, Lozenge, Message, Skeleton, Table } from '../../common/components';
import { formatNumber } from '../../common/format';
import { invokeResolver } from '../../common/invoke';
import { useLocale } from '../../common/locale';
import { BacklogOrder } from './backlog-order';
import { INCOMPLETE, RANKED, allShownSentence, rankedStatusSentence } from './backlog-words';
import type { Noun } from './backlog-words';
import { filtersPayload, useBacklogPages } from './backlog-pages';
import { MovedMost } from './moved-most';
import type { BacklogList, PagedList } from './backlog-pages';
import { IssueLink, ReadinessBadge, StatusLozenge, csvOf, download } from './shared';
import { useWindowed } from './windowed';

/** Pixels from the end of a scrolling box at which the next page is asked for. */
const NEAR_END_PX = 400;

export function BacklogTable({
  rows,
  locale,
  caption,
  showRank = true,
  scrollBox = false,
  onNearEnd,
}: {
  readonly rows: readonly BacklogRowView[];
  readonly locale: string | undefined;
  readonly caption: string;
  readonly showRank?: boolean;
  /** In its own scrolling box however short (the backlog pages in as it scrolls). */
  readonly scrollBox?: boolean;
  /** Called when the box is scrolled near its end: the next page, if any. */
  readonly onNearEnd?: () => void;
}): ReactNode {
  const { active, boxProps, rowsRef, start, end, before, after } = useWindowed(rows, caption, { estimate: 56, ...(scrollBox ? { threshold: 0 } : {}) });
  const columns = showRank ? 8 : 7;
  const onScroll = (event: UIEvent<HTMLDivElement>): void => {
    boxProps.onScroll?.(event);
    const box = event.currentTarget;
    if (onNearEnd !== undefined && box.scrollHeight - box.scrollTop - box.clientHeight < NEAR_END_PX) onNearEnd();
  };
  return (
    <div {...boxProps} onScroll={onScroll}>
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
              {showRank && <td className="tl-nowrap">{row.rank === null ? '–' : formatNumber(row.rank, locale, 0)}</td>}
              <td>
                <IssueLink issueKey={row.key} /> <span className="tl-row-summary">{row.summary}</span>
                {row.pinned !== undefined && (
                  <span className="tl-subtle" data-testid="row-pinned">
                    {' '}
                    <Lozenge appearance="moved">Pinned</Lozenge> {row.pinned.at.slice(0, 10)}: {row.pinned.reason}
                  </span>
                )}
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

const ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/;

const readPage = (list: BacklogList, filters: BacklogFiltersPayload, cursor: string | undefined): Promise<Result<RankedBacklogPageView>> =>
  invokeResolver('getRankedBacklogPage', { list, filters, ...(cursor === undefined ? {} : { cursor }) });

/** After the rows of a list: the error (rows stay), "Load more", or that every row is shown. */
function ListFooter({ state, more, noun, testId }: { readonly state: PagedList; readonly more: () => void; readonly noun: Noun; readonly testId: string }): ReactNode {
  const locale = useLocale();
  return (
    <div className="tl-list-footer" data-testid={testId}>
      {state.error !== undefined && <ErrorPanel error={state.error} onRetry={state.error.code === 'not-found' ? undefined : more} retryLabel={state.rows.length > 0 ? `Try loading more ${noun.other} again` : 'Try again'} />}
      {state.next !== null && state.next !== undefined && state.error === undefined && (
        <Button onClick={more} disabled={state.loading}>
          {state.loading ? `Loading more ${noun.other}…` : `Load more ${noun.other}`}
        </Button>
      )}
      {state.next === null && state.rows.length > 0 && <p className="tl-subtle">{allShownSentence(state.rows.length, noun, locale)}</p>}
    </div>
  );
}

export function RankedBacklog({ locale, onRefused, onFillInputs }: {
  readonly locale: string | undefined;
  readonly onRefused?: () => void;
  /** Opens the scoring grid, where the missing inputs of these issues are filled by many at once. */
  readonly onFillInputs?: () => void;
}): ReactNode {
  const [theme, setTheme] = useState('');
  const [epic, setEpic] = useState('');
  const [epicDraft, setEpicDraft] = useState('');
  const [epicProblem, setEpicProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [readiness, setReadiness] = useState('');
  const filters = useMemo(() => filtersPayload({ theme, epic, status, readiness }), [theme, epic, status, readiness]);
  const ranked = useBacklogPages(readPage, 'ranked', filters);
  const incomplete = useBacklogPages(readPage, 'incomplete', filters);
  // The statuses and epics of the rows read so far (and the status chosen): the choices grow as the lists are read.
  const seen = useMemo(() => {
    const statuses = new Set<string>(status.startsWith('name:') ? [status.slice(5)] : []);
    const epicNames = new Map<string, string>();
    for (const row of [...ranked.state.rows, ...incomplete.state.rows]) {
      statuses.add(row.status);
      if (row.epic !== null) epicNames.set(row.epic.key, `${row.epic.key} ${row.epic.summary}`.trim());
    }
    return { statuses: [...statuses].sort(), epics: [...epicNames].sort((a, b) => a[0].localeCompare(b[0], 'en', { numeric: true })) };
  }, [ranked.state.rows, incomplete.state.rows, status]);
  const facts = ranked.state.facts ?? incomplete.state.facts;
  const themes: readonly (readonly [string, string])[] = [['none', 'Unaligned'], ...(facts?.themes ?? []).map((option) => [option.id, option.name] as const)];
  const statuses: readonly (readonly [string, string])[] = [['cat:new', 'To Do (any)'], ['cat:indeterminate', 'In Progress (any)'], ...seen.statuses.map((name) => [`name:${name}`, name] as const)];
  const epics = seen.epics;
  const notes = [...new Set([...(ranked.state.facts?.notes ?? []), ...(incomplete.state.facts?.notes ?? [])])];

  const applyEpic = (event: SyntheticEvent): void => {
    event.preventDefault();
    const key = epicDraft.trim().toUpperCase();
    if (key !== '' && !ISSUE_KEY.test(key)) {
      setEpicProblem('Enter an epic\'s key, such as TL-12.');
      return;
    }
    setEpicProblem(null);
    setEpic(key);
  };
  const refresh = (): void => {
    ranked.restart();
    incomplete.restart();
  };
  const loading = ranked.state.loading || incomplete.state.loading;
  const rankedState = ranked.state;
  const incompleteState = incomplete.state;
  // Refused the project ('not-found' before any row): the refusal alone, and the page drops its tabs.
  const refused = rankedState.error?.code === 'not-found' && rankedState.rows.length === 0 && rankedState.facts === null;
  useEffect(() => {
    if (refused) onRefused?.();
  }, [refused, onRefused]);
  if (refused) return <ErrorPanel error={rankedState.error} />;

  return (
    <div className="tl-backlog" aria-busy={loading}>
      <div className="tl-card-header">
        <h2 className="tl-section-title">Ranked backlog</h2>
        <span className="tl-actions">
          {facts !== null && <span className="tl-subtle">Scored with {facts.model}</span>}
          <button type="button" className="tl-button tl-button-small" disabled={rankedState.rows.length + incompleteState.rows.length === 0} onClick={() => { download(`${facts?.project.key ?? 'project'}-backlog.csv`, csvOf(ROW_HEADER, [...rankedState.rows, ...incompleteState.rows].map(rowCells)), 'text/csv'); }}>
            Export CSV (rows shown)
          </button>
          <button type="button" className="tl-button tl-button-small" onClick={refresh} disabled={loading}>
            Refresh
          </button>
          <BacklogOrder onChanged={refresh} />
          {facts !== null && <AskRovo prompt={`Which issues of ${facts.project.key} have an incomplete score, and what does each lack?`} />}
        </span>
      </div>
      {notes.map((note) => (
        <p key={note} className="tl-message tl-message-neutral">
          {note}
        </p>
      ))}
      <MovedMost locale={locale} />
      <div className="tl-filters" role="group" aria-label="Filters">
        <Select id="filter-theme" label="Theme" value={theme} options={themes} onChange={setTheme} />
        <form className="tl-filter" onSubmit={applyEpic} aria-label="Epic filter">
          <label htmlFor="filter-epic">Epic</label>
          <span>
            <input id="filter-epic" list="filter-epic-options" value={epicDraft} placeholder="All (or a key: TL-12)" size={16} onChange={(event) => { setEpicDraft(event.target.value); }} onBlur={applyEpic} aria-invalid={epicProblem !== null} aria-describedby={epicProblem === null ? undefined : 'filter-epic-problem'} />
            <datalist id="filter-epic-options">
              {epics.map(([key, text]) => (
                <option key={key} value={key}>
                  {text}
                </option>
              ))}
            </datalist>
          </span>
          {epicProblem !== null && (
            <span id="filter-epic-problem" className="tl-field-error" role="alert">
              {epicProblem}
            </span>
          )}
        </form>
        <Select id="filter-status" label="Status" value={status} options={statuses} onChange={setStatus} />
        <Select id="filter-readiness" label="Readiness" value={readiness} options={[['ready', 'Ready'], ['not-ready', 'Not ready'], ['not-applicable', 'Not checked']]} onChange={setReadiness} />
      </div>
      <p className="tl-subtle" role="status" data-testid="backlog-status">
        {rankedState.facts === null && rankedState.loading ? 'Reading the top of the backlog…' : rankedStatusSentence(rankedState.rows.length, rankedState.next !== null, locale)}
      </p>
      {rankedState.rows.length === 0 ? (
        rankedState.loading ? (
          <Skeleton label="Loading the ranked backlog…" lines={8} />
        ) : rankedState.error !== undefined ? null : rankedState.facts?.scoreField === false ? (
          <Message tone="warning">
            <p className="tl-message-text">Nothing is ranked yet: the app&apos;s &quot;Priority score&quot; field does not exist on this site. The open issues are listed below, under &quot;Scores incomplete&quot;.</p>
          </Message>
        ) : (
          <EmptyState testId="backlog-empty">No scored open issue matches{Object.keys(filters).length > 0 ? ' these filters' : ''}.</EmptyState>
        )
      ) : (
        <BacklogTable rows={rankedState.rows} locale={locale} caption="Open issues ranked by score" scrollBox onNearEnd={ranked.more} />
      )}
      <ListFooter state={rankedState} more={ranked.more} noun={RANKED} testId="ranked-footer" />
      <section aria-labelledby="incomplete-heading">
        <h2 id="incomplete-heading" className="tl-section-title">
          Scores incomplete
        </h2>
        {incompleteState.rows.length === 0 ? (
          incompleteState.loading ? (
            <Skeleton label="Loading the issues without a complete score…" lines={3} />
          ) : incompleteState.error !== undefined ? null : (
            <EmptyState>Every open issue{Object.keys(filters).length > 0 ? ' matching these filters' : ''} has a complete score.</EmptyState>
          )
        ) : (
          <>
          {onFillInputs !== undefined && (
            <p className="tl-subtle" data-testid="fill-in-grid">
              <button type="button" className="tl-link-button" onClick={onFillInputs}>
                Fill in the missing inputs in the scoring grid
              </button>
              , a row per issue, from the keyboard.
            </p>
          )}
          <ul className="tl-incomplete" data-testid="incomplete-list">
            {incompleteState.rows.map((row) => (
              <li key={row.key}>
                <IssueLink issueKey={row.key} /> {row.summary}: <span className="tl-subtle">{row.missing.length > 0 ? `missing ${row.missing.join('; ')}` : row.score === null ? 'not scored yet' : 'scored since the list was read'}</span>
              </li>
            ))}
          </ul>
          </>
        )}
        <ListFooter state={incompleteState} more={incomplete.more} noun={INCOMPLETE} testId="incomplete-footer" />
      </section>
    </div>
  );
}
