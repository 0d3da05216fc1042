/** The vision map's exports: its epics as CSV, and the vision, allocation and epics as Markdown (for Confluence). */
import type { ReactNode } from 'react';
import type { ProjectEpicView, VisionMapView } from '../../../src/contract';
import { useLocale } from '../../common/locale';
import { peopleRows } from './exports';
import { csvOf, download, visionMarkdown } from './shared';

function themeNameOf(map: VisionMapView, epic: ProjectEpicView): string {
  if (epic.themeState === 'none') return 'Unaligned';
  const theme = map.strategy.themes.find((candidate) => candidate.id === epic.themeId);
  return theme === undefined ? `Unknown theme (${epic.themeId ?? ''})` : theme.name;
}

const MAP_HEADER = ['Theme', 'Epic', 'Summary', 'Status', 'Done points', 'Total points', 'Done issues', 'Total issues', 'Score', 'Ready stories', 'Checked stories'];

function mapRows(map: VisionMapView): (string | number | null)[][] {
  return map.epics.map((epic) => [themeNameOf(map, epic), epic.key, epic.summary, epic.status, epic.points.done, epic.points.total, epic.count.done, epic.count.total, epic.score, epic.readiness.ready, epic.readiness.checked]);
}

/** The Markdown export, for people: its numbers in the user's locale. */
export function mapMarkdown(map: VisionMapView, locale: string | undefined): string {
  return visionMarkdown({
    projectKey: map.project.key,
    vision: map.strategy.vision,
    allocation: {
      header: ['Theme', 'Target %', 'Open points', 'Open %', 'Done points', 'Done %'],
      rows: peopleRows(map.allocation.map((row) => [row.name, row.targetPercent, row.open.points, row.open.percent, row.done.points, row.done.percent]), locale),
    },
    epics: { header: MAP_HEADER, rows: peopleRows(mapRows(map), locale) },
  });
}

export function ExportButtons({ map }: { readonly map: VisionMapView }): ReactNode {
  const locale = useLocale();
  return (
    <span className="tl-actions">
      <button type="button" className="tl-button tl-button-small" onClick={() => { download(`${map.project.key}-vision-map.csv`, csvOf(MAP_HEADER, mapRows(map)), 'text/csv'); }}>
        Export CSV
      </button>
      <button type="button" className="tl-button tl-button-small" onClick={() => { download(`${map.project.key}-vision-map.md`, mapMarkdown(map, locale), 'text/markdown'); }}>
        Export Markdown
      </button>
    </span>
  );
}
