/** Ten real issues of the project, scored with the saved configuration and with the one on screen. */
import type { ReactNode } from 'react';
import type { ScoreOutcomeView, ScorePreviewView } from '../../../src/contract';
import { Table } from '../../common/components';
import { formatNumber } from '../../common/format';
import type { UiError } from '../../common/invoke';
import { ProblemList } from './shared';
import { useLocale } from '../../common/locale';

export type PreviewState = { readonly status: 'loading' } | { readonly status: 'ready'; readonly preview: ScorePreviewView } | { readonly status: 'failed'; readonly error: UiError };

function Outcome({ outcome }: { readonly outcome: ScoreOutcomeView }): ReactNode {
  const locale = useLocale();
  if (outcome.outcome === 'scored' && outcome.score !== null) return <span className="tl-score-cell">{formatNumber(outcome.score, locale)}</span>;
  const problems = outcome.outcome === 'incomplete' ? outcome.missing : outcome.invalid;
  return (
    <span className={outcome.outcome === 'invalid' ? 'tl-text-danger' : 'tl-text-warning'}>
      {outcome.outcome === 'incomplete' ? 'Incomplete' : 'Invalid'}
      {problems.length > 0 && `: ${problems.map((problem) => problem.label).join(', ')}`}
    </span>
  );
}

function Breakdown({ outcome }: { readonly outcome: ScoreOutcomeView }): ReactNode {
  const locale = useLocale();
  if (outcome.breakdown.length === 0) return <p className="tl-hint">No inputs.</p>;
  return (
    <ul className="tl-breakdown">
      {outcome.breakdown.map((row) => (
        <li key={row.input}>
          <span className="tl-breakdown-label">{row.label}</span>{' '}
          {row.used !== null ? formatNumber(row.used, locale) : row.status === 'missing' ? 'missing' : 'invalid'}
          {row.field !== null && <span className="tl-hint"> from {row.field.name}{row.rawText !== null && row.rawText !== String(row.used) ? ` (${row.rawText})` : ''}</span>}
          {row.note !== null && <span className="tl-hint"> · {row.note}</span>}
        </li>
      ))}
    </ul>
  );
}

export function ScorePreview({ state, stale }: { readonly state: PreviewState; readonly stale: boolean }): ReactNode {
  if (state.status === 'loading') return <p className="tl-status" role="status">Scoring ten issues of the project…</p>;
  if (state.status === 'failed') {
    return (
      <div className="tl-message tl-message-danger" role="alert">
        <p className="tl-message-text">The preview could not be computed: {state.error.message}</p>
      </div>
    );
  }
  const preview = state.preview;
  if (preview.status === 'invalid') {
    return (
      <div className="tl-message tl-message-warning" role="status" data-testid="preview-invalid">
        <p className="tl-message-text">No preview until these are fixed:</p>
        <ProblemList problems={preview.errors} />
      </div>
    );
  }
  if (preview.issues.length === 0) return <p className="tl-hint">This project has no issues to preview yet.</p>;
  return (
    <div className={stale ? 'tl-stale' : ''} aria-busy={stale}>
      <p className="tl-hint">
        Saved: <strong>{preview.before.formula}</strong> · On screen: <strong>{preview.after.formula}</strong>
      </p>
      <Table data-testid="score-preview">
        <thead>
          <tr>
            <th scope="col">Issue</th>
            <th scope="col" className="tl-num">
              Now
            </th>
            <th scope="col" className="tl-num">
              With your changes
            </th>
            <th scope="col">Breakdown</th>
          </tr>
        </thead>
        <tbody>
          {preview.issues.map((row) => (
            <tr key={row.issue.id}>
              <th scope="row" className="tl-issue-cell">
                <span className="tl-issue-key">{row.issue.key}</span> {row.issue.summary ?? ''}
              </th>
              <td className="tl-num">
                <Outcome outcome={row.before} />
              </td>
              <td className="tl-num">
                <Outcome outcome={row.after} />
              </td>
              <td>
                <details>
                  <summary>How</summary>
                  <Breakdown outcome={row.after} />
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
