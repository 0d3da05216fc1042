/**
 * The Vision alignment gadget: the project's vision, each theme's target against its actual share
 * of the open and the done story estimate (the project page's chart, and a table of the same), how many epics serve no
 * theme (a link to them in Jira's search), and when the numbers were last brought up to date.
 * Reloads on Jira's gadget refresh event.
 */
import type { ReactNode } from 'react';
import type { Result, VisionAlignmentView } from '../../../src/contract';
import { AllocationChart } from '../../common/allocation-chart';
import type { ChartRow } from '../../common/allocation-chart';
import { Button, EmptyState, ErrorPanel, Message, Skeleton, Table } from '../../common/components';
import { countOf } from '../../common/counts';
import { formatDateTime, formatNumber } from '../../common/format';
import { useLocale } from '../../common/locale';
import { readGadgetAnswer } from './answer-prefetch';
import { Unconfigured, openIssueSearch, useGadgetAnswer } from './gadget-refresh';

type Ready = Extract<VisionAlignmentView, { status: 'ready' }>;

function percent(value: number, locale: string | undefined): string {
  return `${formatNumber(value, locale, 0)}%`;
}

// As the project page writes them (common/counts.ts).
const points = (value: number, locale: string | undefined): string => countOf(value, 'point', 'points', locale);

/** The gadget's themes as the project page's chart draws them. */
function chartRowsOf(view: Ready): ChartRow[] {
  return view.themes.map((theme) => ({ themeId: theme.themeId, name: theme.name, colour: theme.colour, targetPercent: theme.targetPercent, open: { points: theme.openPoints, percent: theme.openPercent }, done: { points: theme.donePoints, percent: theme.donePercent } }));
}

function Alignment({ view }: { readonly view: Ready }): ReactNode {
  const locale = useLocale();
  const epics = view.unaligned.epics;
  return (
    <div className="tl-gadget" data-testid="vision-alignment">
      <p className="tl-gadget-subtle">
        {view.projectName} ({view.project.key})
      </p>
      <p className="tl-gadget-vision">{view.vision === '' ? <span className="tl-gadget-subtle">{view.project.key} has no vision statement yet.</span> : view.vision}</p>
      {view.themes.length <= 1 && view.totals.openPoints + view.totals.donePoints === 0 ? (
        <EmptyState>No themes and no estimated stories yet: nothing to compare.</EmptyState>
      ) : (
        <>
          <AllocationChart rows={chartRowsOf(view)} locale={locale} />
          <Table compact>
            <caption className="tl-visually-hidden">Target and actual share of estimated work per theme in {view.project.key}</caption>
            <thead>
              <tr>
                <th scope="col">Theme</th>
                <th scope="col" className="tl-num">Target</th>
                <th scope="col" className="tl-num">Open work</th>
                <th scope="col" className="tl-num">Done work</th>
              </tr>
            </thead>
            <tbody>
              {view.themes.map((theme) => (
                <tr key={theme.themeId ?? 'unaligned'}>
                  <th scope="row">{theme.name}</th>
                  <td className="tl-num">{theme.themeId === null ? '–' : percent(theme.targetPercent, locale)}</td>
                  <td className="tl-num" title={points(theme.openPoints, locale)}>{percent(theme.openPercent, locale)}</td>
                  <td className="tl-num" title={points(theme.donePoints, locale)}>{percent(theme.donePercent, locale)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
      <p className="tl-gadget-line">
        {epics === 0 ? (
          'Every epic serves a theme.'
        ) : (
          <Button appearance="subtle" small onClick={() => { openIssueSearch(view.unaligned.jql); }}>
            {epics === 1 ? '1 epic serves no theme' : `${formatNumber(epics, locale, 0)} epics serve no theme`}
          </Button>
        )}
      </p>
      <p className="tl-gadget-subtle">{view.updatedAt === null ? 'Not brought up to date yet.' : `Numbers brought up to date ${formatDateTime(view.updatedAt, locale)}.`}</p>
    </div>
  );
}

/** Made once: the gadget's read (useGadgetAnswer wants the same function every render); the first is the one main.tsx started. */
const READ = (): Promise<Result<VisionAlignmentView>> => readGadgetAnswer('getVisionAlignment');

export function VisionAlignment({ gadgetId }: { readonly gadgetId: string | undefined }): ReactNode {
  const { answer, load } = useGadgetAnswer(READ, gadgetId);

  if (answer === undefined) return <Skeleton label="Loading vision alignment" />;
  if (!answer.ok) return <ErrorPanel error={answer.error} onRetry={load} />;
  const view = answer.value;
  if (view.status === 'unconfigured') return <Unconfigured />;
  if (view.status === 'not-counted') return <Message tone="neutral" role="status">{view.message}</Message>;
  return <Alignment view={view} />;
}
