/** The score, large, with the model's name; what is missing; the breakdown; the formula in words. */
import type { ReactNode } from 'react';
import type { IssueScoreView, ScoreBreakdownRow, ScoreInputProblem } from '../../../src/contract';
import { formatNumber } from '../../common/format';

interface Props {
  readonly view: IssueScoreView;
  readonly locale: string | undefined;
  readonly refreshing: boolean;
}

function listOf(problems: readonly ScoreInputProblem[]): string {
  return problems.map((problem) => problem.label).join(', ');
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

function Problems({ view }: { readonly view: IssueScoreView }): ReactNode {
  if (view.missing.length === 0 && view.invalid.length === 0) return null;
  return (
    <div className="tl-problems" data-testid="problems">
      {view.missing.length > 0 && (
        <p className="tl-problem tl-problem-missing">
          <strong>Incomplete: missing {listOf(view.missing)}.</strong> No score until every input has a value.
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

function rawCell(row: ScoreBreakdownRow): ReactNode {
  if (row.rawText !== null) return row.rawText;
  // The strategic weight comes from the issue's theme, not a field: no theme is not a gap.
  if (row.field === null) return <span className="tl-cell-note">no theme</span>;
  return <span className="tl-cell-empty">empty</span>;
}

function Breakdown({ view, locale }: { readonly view: IssueScoreView; readonly locale: string | undefined }): ReactNode {
  const hasContribution = view.breakdown.some((row) => row.contribution !== null);
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
          {hasContribution && (
            <th scope="col" className="tl-number">
              Adds
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {view.breakdown.map((row) => (
          <tr key={row.input} data-status={row.status}>
            <th scope="row">
              <span className="tl-input-label">{row.label}</span>
              <span className="tl-input-field">{row.field === null ? 'theme' : row.field.name}</span>
            </th>
            <td title={row.note ?? undefined}>{rawCell(row)}</td>
            <td className="tl-number">{valueCell(row, locale)}</td>
            {hasContribution && <td className="tl-number">{row.contribution === null ? '' : formatNumber(row.contribution, locale)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ScorePanel({ view, locale, refreshing }: Props): ReactNode {
  const notes = view.breakdown.filter((row) => row.note !== null && row.status !== 'ok');
  return (
    <article className="tl-panel" aria-labelledby="tl-score-heading" data-outcome={view.outcome}>
      <h2 id="tl-score-heading" className="tl-visually-hidden">
        Priority score of {view.issue.key}
      </h2>
      <Headline view={view} locale={locale} />
      <Problems view={view} />
      <Breakdown view={view} locale={locale} />
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
      <p className="tl-footnote">The project's default scoring; admins will choose the model and fields in settings.</p>
      <p className="tl-visually-hidden" role="status" aria-live="polite">
        {refreshing ? 'Updating the score…' : ''}
      </p>
    </article>
  );
}
