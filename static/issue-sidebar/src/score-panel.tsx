/**
 * The score, large, with the model's name and the rank; what is missing (each a button to set it
 * when the user may edit the issue); the breakdown: every input's Jira field, raw value, value
 * used, weight and share of the score; the formula in words.
 */
import type { ReactNode } from 'react';
import type { IssueDetailsView, IssueRankView, IssueScoreView, IssueTraceView, ScoreBreakdownRow } from '../../../src/contract';
import { rankWords } from '../../../src/domain/scoring/rank-words';
import { formatExact, formatNumber, formatReadable } from '../../common/format';
import { useLocale } from '../../common/locale';

export type Loadable<T> = { readonly status: 'loading' } | { readonly status: 'loaded'; readonly value: T } | { readonly status: 'failed'; readonly message: string };

type InputInfo = IssueDetailsView['inputs'][number];

interface Props {
  readonly view: IssueScoreView;
  readonly rank: Loadable<IssueRankView>;
  /** Inputs the user may set here, by input key (empty until the details arrive, or without permission). */
  readonly editable: ReadonlyMap<string, InputInfo>;
  /** Every input's field name on this site, by input key (empty until the details arrive). */
  readonly fieldNames: ReadonlyMap<string, string>;
  /** Where in Jira the user changes what Jira counts (votes, watchers), by input key. */
  readonly howToChange: ReadonlyMap<string, string>;
  /** The trace (the issue's theme), once the details arrive: where the strategic weight comes from. */
  readonly trace: IssueTraceView | null;
  /** Opens the project page, where themes and their weights are set (the bridge stays out of this module, for tests). */
  readonly onOpenProjectPage: () => void;
  readonly onEdit: (input: string) => void;
  /** The editor form, shown under the breakdown when one is open. */
  readonly editor: ReactNode;
}

/** "#4 of 212 · top 2%", "#212 of 212 · bottom of the backlog", or why there is no rank. */
export function rankText(rank: IssueRankView, locale?: string): string {
  return rank.status === 'ranked' ? rankWords(rank, (count) => formatNumber(count, locale, 0)) : rank.message;
}

function RankLine({ rank }: { readonly rank: Loadable<IssueRankView> }): ReactNode {
  const locale = useLocale();
  if (rank.status === 'loading') return <span className="tl-rank tl-rank-loading" aria-hidden="true" />;
  const text = rank.status === 'failed' ? `No rank right now: ${rank.message}` : rankText(rank.value, locale);
  return (
    <p className={`tl-rank ${rank.status === 'loaded' && rank.value.status === 'ranked' ? '' : 'tl-muted'}`} data-testid="rank" title={rank.status === 'loaded' && rank.value.status === 'ranked' ? 'Among open issues of the project with a computed score' : undefined}>
      {text}
    </p>
  );
}

function Headline({ view }: { readonly view: IssueScoreView }): ReactNode {
  if (view.outcome === 'scored' && view.score !== null) {
    return (
      <div className="tl-headline">
        <Readable className="tl-score" testId="score" value={view.score} />
        <span className="tl-model" data-testid="model">
          {view.model.name}
        </span>
      </div>
    );
  }
  const invalid = view.outcome === 'invalid';
  return (
    <div className="tl-headline">
      <span className={`tl-no-score ${invalid ? 'tl-no-score-invalid' : ''}`} data-testid="score-state">
        {invalid ? 'Invalid' : 'Incomplete'}
      </span>
      <span className="tl-model" data-testid="model">
        {view.model.name}
      </span>
    </div>
  );
}

/** "Risk reduction is not set up yet", "Risk reduction and Time criticality are not set up yet". */
export function notSetUpText(labels: readonly string[]): string {
  const names = labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1] ?? ''}`;
  return `${names} ${labels.length === 1 ? 'is' : 'are'} not set up yet: a project admin chooses ${labels.length === 1 ? 'its Jira field' : 'their Jira fields'} in the project's Throughline settings.`;
}

function Problems({ view, editable, onEdit }: { readonly view: IssueScoreView; readonly editable: ReadonlyMap<string, InputInfo>; readonly onEdit: (input: string) => void }): ReactNode {
  if (view.missing.length === 0 && view.invalid.length === 0) return null;
  const notSetUp = view.missing.filter((problem) => problem.notSetUp === true);
  const missing = view.missing.filter((problem) => problem.notSetUp !== true);
  return (
    <div className="tl-problems" data-testid="problems">
      {missing.length > 0 && (
        <p className="tl-problem tl-problem-missing">
          <strong>Incomplete: missing </strong>
          {missing.map((problem, index) => (
            <span key={problem.input}>
              {index > 0 && ', '}
              {editable.has(problem.input) ? (
                <button
                  type="button"
                  className="tl-chip"
                  data-testid={`set-${problem.input}`}
                  onClick={() => {
                    onEdit(problem.input);
                  }}
                >
                  {problem.label}
                </button>
              ) : (
                <strong>{problem.label}</strong>
              )}
            </span>
          ))}
          . No score until every input has a value.
        </p>
      )}
      {notSetUp.length > 0 && (
        <p className="tl-problem tl-problem-missing" data-testid="not-set-up">
          {missing.length === 0 && <strong>Incomplete: </strong>}
          {notSetUpText(notSetUp.map((problem) => problem.label))}
        </p>
      )}
      {view.invalid.length > 0 && (
        <ul className="tl-problem tl-problem-invalid">
          {view.invalid.map((problem) => (
            <li key={problem.input}>
              <strong>{problem.label}</strong>: {problem.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A number short enough for its column and never "0" when it is not 0; every digit in its title when some were left out. */
function Readable({ value, className, testId }: { readonly value: number; readonly className?: string; readonly testId?: string }): ReactNode {
  const locale = useLocale();
  const shown = formatReadable(value, locale);
  const exact = formatExact(value, locale);
  return (
    <span className={className} data-testid={testId} title={shown === exact ? undefined : exact}>
      {shown}
    </span>
  );
}

/** "12%", "<1%" for a share too small to round to 1 but not none, "0%" only for nothing. */
export function shareText(percent: number, locale: string | undefined): string {
  if (percent !== 0 && Math.abs(percent) < 0.5) return `${percent > 0 ? '<' : '>−'}${formatNumber(1, locale, 0)}%`;
  return `${Math.abs(percent) >= 1e4 ? formatReadable(percent, locale) : formatNumber(percent, locale, 0)}%`;
}

function valueCell(row: ScoreBreakdownRow): ReactNode {
  if (row.status === 'missing') return <span className="tl-cell-missing">missing</span>;
  if (row.status === 'invalid') return <span className="tl-cell-invalid">invalid</span>;
  return row.used === null ? '—' : <Readable value={row.used} />;
}

/** Jira's number as text ("1e-8", "1000000000000"), which is shown formatted like the numbers beside it. */
const NUMBER_TEXT = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Where the strategic weight comes from: not a Jira field but the theme of the issue's epic, set on
 * the project page; without one (or with an archived one) the score is multiplied by 1.
 */
function WeightSource({ trace, onOpenProjectPage }: { readonly trace: IssueTraceView | null; readonly onOpenProjectPage: () => void }): ReactNode {
  const page = (
    <button type="button" className="tl-link" onClick={onOpenProjectPage}>
      project page
    </button>
  );
  const theme = trace?.theme;
  if (theme === undefined) return <span className="tl-cell-note">from the issue's theme, on the {page}</span>;
  if (theme.kind === 'theme' && !theme.archived)
    return (
      <span className="tl-cell-note">
        from the theme “{theme.name}” on the {page}
      </span>
    );
  if (theme.kind === 'theme') return <span className="tl-cell-note">the theme “{theme.name}” is archived, so it counts as 1</span>;
  if (theme.kind === 'unknown') return <span className="tl-cell-note">its theme no longer exists, so it counts as 1</span>;
  return <span className="tl-cell-note">no theme, so it counts as 1; themes are given to epics on the {page}</span>;
}

function rawCell(row: ScoreBreakdownRow, notSetUp: boolean): ReactNode {
  if (row.rawText !== null) return NUMBER_TEXT.test(row.rawText) ? <Readable value={Number(row.rawText)} /> : row.rawText;
  if (notSetUp) return <span className="tl-cell-empty">not set up</span>;
  return <span className="tl-cell-empty">empty</span>;
}

/** The input's share of the score, in percent, where the model is a sum. */
function shareOf(row: ScoreBreakdownRow, score: number | null): number | null {
  if (row.contribution === null || score === null || score === 0) return null;
  return (row.contribution / score) * 100;
}

function Breakdown(props: Props): ReactNode {
  const { view, editable, fieldNames, onEdit, trace, onOpenProjectPage } = props;
  const locale = useLocale();
  const hasWeight = view.breakdown.some((row) => row.weight !== null);
  const notSetUp = new Set(view.missing.filter((problem) => problem.notSetUp === true).map((problem) => problem.input));
  const hasShare = view.breakdown.some((row) => row.contribution !== null);
  return (
    <table className="tl-breakdown" data-testid="breakdown">
      <caption className="tl-section-title">How it is computed</caption>
      <thead>
        <tr>
          <th scope="col">Input</th>
          <th scope="col">In Jira</th>
          <th scope="col" className="tl-number">
            Used
          </th>
          {hasWeight && (
            <th scope="col" className="tl-number">
              Weight
            </th>
          )}
          {hasShare && (
            <th scope="col" className="tl-number">
              Share
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {view.breakdown.map((row) => {
          const info = editable.get(row.input);
          const share = shareOf(row, view.score);
          const fieldName = row.field === null ? 'not a Jira field' : (info?.field?.name ?? fieldNames.get(row.input) ?? row.field.name);
          return (
            <tr key={row.input} data-status={row.status} data-input={row.input}>
              <th scope="row">
                <span className="tl-input-label">{row.label}</span>
                <span className="tl-input-field">{fieldName}</span>
              </th>
              <td title={row.note ?? undefined}>
                {/* The strategic weight is the theme's, not a Jira value: the column says where it comes from instead. */}
                {row.field === null ? <WeightSource trace={trace} onOpenProjectPage={onOpenProjectPage} /> : rawCell(row, notSetUp.has(row.input))}
                {info !== undefined && (
                  <button
                    type="button"
                    className="tl-edit"
                    data-testid={`edit-${row.input}`}
                    onClick={() => {
                      onEdit(row.input);
                    }}
                  >
                    Edit<span className="tl-visually-hidden"> {row.label}</span>
                  </button>
                )}
              </td>
              <td className="tl-number">{valueCell(row)}</td>
              {hasWeight && <td className="tl-number">{row.weight === null ? '' : <Readable value={row.weight} />}</td>}
              {hasShare && (
                <td className="tl-number" title={row.contribution === null ? undefined : `adds ${formatExact(row.contribution, locale)}`}>
                  {share === null ? '' : shareText(share, locale)}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ScorePanel(props: Props): ReactNode {
  const { view, rank, editable, onEdit, editor, howToChange } = props;
  // An input not set up yet is said once, above the breakdown.
  const notSetUp = new Set(view.missing.filter((problem) => problem.notSetUp === true).map((problem) => problem.input));
  const notes = view.breakdown.filter((row) => row.note !== null && row.status !== 'ok' && !notSetUp.has(row.input));
  const counted = view.breakdown.filter((row) => howToChange.has(row.input));
  return (
    <section className="tl-panel" aria-labelledby="tl-score-heading" data-outcome={view.outcome}>
      <h2 id="tl-score-heading" className="tl-visually-hidden">
        Priority score of {view.issue.key}
      </h2>
      <Headline view={view} />
      <RankLine rank={rank} />
      <Problems view={view} editable={editable} onEdit={onEdit} />
      <Breakdown {...props} />
      {editor}
      {counted.length > 0 && (
        <ul className="tl-notes" data-testid="how-to-change">
          {counted.map((row) => (
            <li key={row.input}>
              {row.label}: {howToChange.get(row.input)}
            </li>
          ))}
        </ul>
      )}
      {notes.length > 0 && (
        <ul className="tl-notes">
          {notes.map((row) => (
            <li key={row.input}>
              {row.label}: {row.note}
            </li>
          ))}
        </ul>
      )}
      <p className="tl-formula">
        <span className="tl-section-title">Formula</span> {view.model.formula}
      </p>
      {view.configurationNotice !== null && (
        <p className="tl-footnote tl-warning-text" role="note">
          {view.configurationNotice}
        </p>
      )}
    </section>
  );
}
