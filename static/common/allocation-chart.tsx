/**
 * Target vs actual allocation per theme, in plain SVG (the project page's vision map and the Vision
 * alignment gadget): for each theme (and Unaligned) three bars:
 * the target share (a dashed outline, so that it never looks like a theme's bar, whatever the
 * theme's colour), the share of open estimate and the share of done estimate. Colours are design
 * tokens (classes), so the chart follows the light and dark themes; a table gives the same figures
 * to screen readers.
 */
import { useId } from 'react';
import type { ReactNode } from 'react';
import type { AllocationRowView } from '../../src/contract';
import { formatNumber } from './format';
import { colourProps } from './theme-colours';
import './allocation-chart.css';

/** What the chart draws of a theme (the project page's allocation row; the gadget's theme, reshaped). */
export type ChartRow = Pick<AllocationRowView, 'themeId' | 'name' | 'colour' | 'targetPercent' | 'open' | 'done'>;

const ROW = 56;
const LABEL = 180;
const WIDTH = 720;
const BAR = 14;

export function AllocationChart({ rows, locale }: { readonly rows: readonly ChartRow[]; readonly locale: string | undefined }): ReactNode {
  // Its own title id: a page may hold more than one chart.
  const titleId = useId();
  const total = rows.reduce((sum, row) => sum + row.open.points + row.done.points, 0);
  if (total === 0 && rows.every((row) => row.targetPercent === 0)) {
    return <p className="tl-chart-note">No estimated stories and no targets yet: nothing to chart.</p>;
  }
  const max = Math.max(100, ...rows.flatMap((row) => [row.targetPercent, row.open.percent, row.done.percent]));
  const scale = (value: number): number => ((WIDTH - LABEL - 70) * value) / max;
  const height = rows.length * ROW + 30;
  const pct = (value: number): string => `${formatNumber(value, locale, 0)}%`;
  return (
    <figure className="tl-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby={titleId} className="tl-chart-svg">
        <title id={titleId}>Target, open and done estimate share per theme</title>
        {rows.map((row, index) => {
          const y = index * ROW + 6;
          const fill = colourProps(row.colour, 'fill');
          return (
            <g key={row.themeId ?? 'unaligned'} data-theme={row.themeId ?? 'unaligned'}>
              <text x={0} y={y + 22} className={`tl-chart-label${row.themeId === null ? ' tl-chart-label-strong' : ''}`}>
                {row.name.length > 24 ? `${row.name.slice(0, 23)}…` : row.name}
              </text>
              <rect x={LABEL} y={y} width={Math.max(scale(row.targetPercent), 1)} height={BAR} className="tl-bar-target" />
              <text x={LABEL + scale(row.targetPercent) + 6} y={y + 11} className="tl-chart-value">
                target {pct(row.targetPercent)}
              </text>
              <rect x={LABEL} y={y + BAR + 2} width={Math.max(scale(row.open.percent), 1)} height={BAR} className={fill.className} style={fill.style} />
              <text x={LABEL + scale(row.open.percent) + 6} y={y + BAR + 13} className="tl-chart-value">
                open {pct(row.open.percent)}
              </text>
              <rect x={LABEL} y={y + 2 * (BAR + 2)} width={Math.max(scale(row.done.percent), 1)} height={BAR} className={`${fill.className} tl-bar-done-share`} style={fill.style} />
              <text x={LABEL + scale(row.done.percent) + 6} y={y + 2 * (BAR + 2) + 11} className="tl-chart-value">
                done {pct(row.done.percent)}
              </text>
            </g>
          );
        })}
        <line x1={LABEL} x2={LABEL} y1={0} y2={height - 24} className="tl-chart-axis" />
        <text x={LABEL} y={height - 6} className="tl-chart-value">
          0%
        </text>
        <text x={LABEL + scale(100)} y={height - 6} className="tl-chart-value" textAnchor="end">
          100%
        </text>
      </svg>
      <figcaption className="tl-chart-note">Dashed outline: target share. Bar in the theme&apos;s colour: share of open estimate; lighter bar: share of done estimate.</figcaption>
      <table className="tl-visually-hidden">
        <caption>Allocation per theme</caption>
        <thead>
          <tr>
            <th scope="col">Theme</th>
            <th scope="col">Target</th>
            <th scope="col">Open estimate</th>
            <th scope="col">Done estimate</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.themeId ?? 'unaligned'}>
              <th scope="row">{row.name}</th>
              <td>{pct(row.targetPercent)}</td>
              <td>
                {pct(row.open.percent)} ({formatNumber(row.open.points, locale)} points)
              </td>
              <td>
                {pct(row.done.percent)} ({formatNumber(row.done.points, locale)} points)
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
