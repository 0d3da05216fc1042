/**
 * The Top of the backlog gadget: the project's best-scored open issues, each with its rank, score,
 * what drives the score most and whether it is ready; issue keys open the issue through Jira's
 * router. Reloads on Jira's gadget refresh event.
 */
import { router } from '@forge/bridge';
import type { ReactNode } from 'react';
import type { Result, TopOfBacklogView } from '../../../src/contract';
import { Button, EmptyState, ErrorPanel, Lozenge, Skeleton, Table } from '../../common/components';
import { formatNumber } from '../../common/format';
import { useLocale } from '../../common/locale';
import { readGadgetAnswer } from './answer-prefetch';
import { Unconfigured, useGadgetAnswer } from './gadget-refresh';

type Ready = Extract<TopOfBacklogView, { status: 'ready' }>;

function openIssue(issueKey: string): void {
  router.open({ target: 'issue', issueKey }).catch((error: unknown) => {
    console.warn('Throughline: Jira did not open the issue', error);
  });
}

function Rows({ view }: { readonly view: Ready }): ReactNode {
  const locale = useLocale();
  if (view.rows.length === 0) return <EmptyState>{!view.scoreField ? (view.notes[0] ?? 'Nothing can be ranked yet.') : view.theme === null ? 'No open issue has a complete score yet.' : `No open story serving ${view.theme.name} has a complete score yet.`}</EmptyState>;
  return (
    <Table compact data-testid="top-of-backlog">
      <caption className="tl-visually-hidden">The best-scored open issues of {view.project.key}</caption>
      <thead>
        <tr>
          <th scope="col" className="tl-num">Rank</th>
          <th scope="col">Issue</th>
          <th scope="col" className="tl-num">Score</th>
          <th scope="col">Main driver</th>
          <th scope="col">Readiness</th>
        </tr>
      </thead>
      <tbody>
        {view.rows.map((row) => (
          <tr key={row.key}>
            <td className="tl-num">{row.rank === null ? '–' : `#${formatNumber(row.rank, locale, 0)}`}</td>
            <th scope="row">
              <Button appearance="subtle" small onClick={() => { openIssue(row.key); }}>
                {row.key}
              </Button>{' '}
              {row.summary}
            </th>
            <td className="tl-num">{row.score === null ? '–' : formatNumber(row.score, locale)}</td>
            <td>{row.driver ?? '–'}</td>
            <td>{row.readiness === 'ready' ? <Lozenge appearance="success">Ready</Lozenge> : row.readiness === 'not-ready' ? <Lozenge appearance="removed">Not ready</Lozenge> : <span className="tl-gadget-subtle">Not checked</span>}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Made once: the gadget's read (useGadgetAnswer wants the same function every render); the first is the one main.tsx started. */
const READ = (): Promise<Result<TopOfBacklogView>> => readGadgetAnswer('getTopOfBacklog');

export function TopOfBacklog({ gadgetId }: { readonly gadgetId: string | undefined }): ReactNode {
  const { answer, load } = useGadgetAnswer(READ, gadgetId);

  if (answer === undefined) return <Skeleton label="Loading the top of the backlog" />;
  if (!answer.ok) return <ErrorPanel error={answer.error} onRetry={load} />;
  const view = answer.value;
  if (view.status === 'unconfigured') return <Unconfigured />;
  return (
    <div className="tl-gadget">
      <p className="tl-gadget-subtle">
        {view.projectName} ({view.project.key}){view.theme === null ? '' : ` · stories serving ${view.theme.name}`}
      </p>
      <Rows view={view} />
    </div>
  );
}
