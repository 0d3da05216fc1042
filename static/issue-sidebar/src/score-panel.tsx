/**
 * The score, large, with the model's name and the rank; what is missing (each a button to set it
 * when the user may edit the issue); the breakdown: every input's Jira field, raw value, value
 * used, weight and share of the score; the formula in words.
 */
import type { ReactNode } from 'react';
import type { IssueDetailsView, IssueRankView, IssueScoreView, ScoreBreakdownRow } from '../../../src/contract';
import { rankWords } from '../../../src/domain/scoring/rank-words';
import { formatNumber } from '../../common/format';

export type Loadable<T> = { readonly status: 'loading' } | { readonly status: 'loaded'; readonly value: T } | { readonly status: 'failed'; readonly message: string };

type InputInfo = IssueDetailsView['inputs'][number];

interface Props {
  readonly view: IssueScoreView;
  readonly locale: string | undefined;
  readonly rank: Loadable<IssueRankView>;
  /** Inputs the user may set here, by input key (empty until the details arrive, or without permission). */
  readonly editable: ReadonlyMap<string, InputInfo>;
  /** Every input's field name on this site, by input key (empty until the details arrive). */
  readonly fieldNames: ReadonlyMap<string, string>;
  readonly onEdit: (input: string) => void;
  /** The editor form, shown under the breakdown when one is open. */
  readonly editor: ReactNode;
}

/** "#4 of 212 · top 2%", "#212 of 212 · bottom of the backlog", or why there is no rank. */
export function rankText(rank: IssueRankView, locale?: string): string {
  return rank.status === 'ranked' ? rankWords(rank, (count) => formatNumber(count, locale, 0)) : rank.message;
}

function RankLine({ rank, locale }: { readonly rank: Loadable<IssueRankView>; readonly locale: string | undefined }): ReactNode {
  if (rank.status === 'loading') return <span className="tl-rank tl-rank-loading" aria-hidden="true" />;
  const text = rank.status === 'failed' ? `No rank right now: ${rank.message}` : rankText(rank.value, locale);
  return (
    <p className={`tl-rank ${rank.status === 'loaded' && rank.value.status === 'ranked' ? '' : 'tl-muted'}`} data-testid="rank" title={rank.status === 'loaded' && rank.value.status === 'ranked' ? 'Among open issues of the project with a computed score' : undefined}>
      {text}
    </p>
  );
}

function Headline({ view, locale }: { readonly view: IssueScoreView; readonly locale: string | undefined }): ReactNode {
  if (view.outcome === 'scored' && view.score !== null) {
    return (
      <div className="tl-headline">
        <span className="tl-score" data-testid="score">
          {formatNumber(view.score, locale)}
        </span>
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

function valueCell(row: ScoreBreakdownRow, locale: string | undefined): ReactNode {
  if (row.status === 'missing') return <span className="tl-cell-missing">missing</span>;
  if (row.status === 'invalid') return <span className="tl-cell-invalid">invalid</span>;
  return row.used === null ? '—' : formatNumber(row.used, locale);
}

function rawCell(row: ScoreBreakdownRow, notSetUp: boolean): ReactNode {
  if (row.rawText !== null) return row.rawText;
  if (notSetUp) return <span className="tl-cell-empty">not set up</span>;
  // The strategic weight comes from the issue's theme, not a field: no theme is not a gap.
  if (row.field === null) return <span className="tl-cell-note">no theme</span>;
  return <span className="tl-cell-empty">empty</span>;
}

/** The input's share of the score, in percent, where the model is a sum. */
function shareOf(row: ScoreBreakdownRow, score: number | null): number | null {
  if (row.contribution === null || score === null || score === 0) return null;
  return (row.contribution / score) * 100;
}

function Breakdown(props: Props): ReactNode {
  const { view, locale, editable, fieldNames, onEdit } = props;
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
          const fieldName = row.field === null ? 'theme' : (info?.field?.name ?? fieldNames.get(row.input) ?? row.field.name);
          return (
            <tr key={row.input} data-status={row.status} data-input={row.input}>
              <th scope="row">
                <span className="tl-input-label">{row.label}</span>
                <span className="tl-input-field">{fieldName}</span>
              </th>
              <td title={row.note ?? undefined}>
                {rawCell(row, notSetUp.has(row.input))}
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
              <td className="tl-number">{valueCell(row, locale)}</td>
              {hasWeight && <td className="tl-number">{row.weight === null ? '' : formatNumber(row.weight, locale)}</td>}
              {hasShare && (
                <td className="tl-number" title={row.contribution === null ? undefined : `adds ${formatNumber(row.contribution, locale)}`}>
                  {share === null ? '' : `${formatNumber(share, locale, 0)}%`}
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
  const { view, locale, rank, editable, onEdit, editor } = props;
  // An input not set up yet is said once, above the breakdown.
  const notSetUp = new Set(view.missing.filter((problem) => problem.notSetUp === true).map((problem) => problem.input));
  const notes = view.breakdown.filter((row) => row.note !== null && row.status !== 'ok' && !notSetUp.has(row.input));
  return (
    <section className="tl-panel" aria-labelledby="tl-score-heading" data-outcome={view.outcome}>
      <h2 id="tl-score-heading" className="tl-visually-hidden">
        Priority score of {view.issue.key}
      </h2>
      <Headline view={view} locale={locale} />
      <RankLine rank={rank} locale={locale} />
      <Problems view={view} editable={editable} onEdit={onEdit} />
      <Breakdown {...props} />
      {editor}
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
