/**
 * The Vision alignment gadget's numbers: the project page's vision map (from the app's rollups),
 * cut down to what a dashboard shows — the vision statement, each theme's target against its
 * actual share of the open and the done story estimate, how many epics serve no theme (with the
 * JQL that lists them), and when the numbers were last brought up to date.
 */
import type { AlignmentThemeView, ProjectPageProject, VisionAlignmentView, VisionMapView } from '../../contract';
import { epicsJql, issuesByKeyJql } from '../queries';

/** Up to this many unaligned epics the link lists them by key; beyond, it lists the project's epics. */
const MAX_KEYS_IN_LINK = 100;

export function visionAlignmentOf(project: ProjectPageProject & { readonly name: string }, map: VisionMapView): Extract<VisionAlignmentView, { status: 'ready' }> {
  const themes: AlignmentThemeView[] = map.allocation.map((row) => ({
    themeId: row.themeId,
    name: row.name,
    colour: row.colour,
    targetPercent: row.targetPercent,
    openPercent: row.open.percent,
    donePercent: row.done.percent,
    openPoints: row.open.points,
    donePoints: row.done.points,
  }));
  const unaligned = map.epics.filter((epic) => epic.themeState === 'none').map((epic) => epic.key);
  const [first, ...rest] = unaligned;
  const jql = first !== undefined && unaligned.length <= MAX_KEYS_IN_LINK ? issuesByKeyJql([first, ...rest]) : epicsJql(project.id);
  const counting = map.counting;
  const updatedAt = counting?.mode === 'rollups' ? (counting.oldestAt ?? counting.reconciledAt) : null;
  return {
    status: 'ready',
    project: { id: project.id, key: project.key },
    projectName: project.name,
    vision: map.strategy.vision.statement,
    themes,
    totals: { openPoints: map.totals.openPoints, donePoints: map.totals.donePoints },
    unaligned: { epics: unaligned.length, jql },
    updatedAt,
  };
}
