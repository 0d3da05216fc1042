/**
 * The vision map's outline, asked for as soon as the page's first small script runs: the answer
 * (one resolver call, about half a second at scale) is then on its way while React and the rest of
 * the page load and start, instead of after. The map takes it once, while fresh; any later read
 * (a refresh, a retry) asks anew.
 *
 * Only when the page opens on the vision map: a link to another tab asks for nothing here, but for
 * the scoring grid, whose first page (the incomplete scores, no filter) is asked the same way.
 */
import { view } from '@forge/bridge';
import type { Result, ScoringGridPagePayload, ScoringGridPageView, VisionMapView } from '../../../src/contract';
import { invokeResolver } from '../../common/invoke';
import { opensOnTheMap, routeOf } from './page-routes';

/** Older than this, a prefetched outline is not used (the page was opened long ago, in another tab). */
const FRESH_MS = 30_000;

interface Prefetched {
  readonly at: number;
  /** The outline, or undefined when the page did not open on the map (nothing was asked). */
  readonly answer: Promise<Result<VisionMapView> | undefined>;
}

let prefetched: Prefetched | undefined;
let prefetchedGrid: { readonly at: number; readonly answer: Promise<Result<ScoringGridPageView> | undefined> } | undefined;

/** The grid's first read as it opens: the incomplete scores, no filter, no cursor. */
const FIRST_GRID_READ: ScoringGridPagePayload = { list: 'incomplete', filters: {} };

/** Jira's history for this page, made once and shared with the page's router. */
export const pageHistory = view.createHistory();

/** Starts the outline's read if the page opens on the map. */
export function prefetchOutline(): void {
  const answer = pageHistory.then(
    (history) => (opensOnTheMap(history.location.pathname) ? invokeResolver('getVisionOutline') : undefined),
    () => undefined,
  );
  // Handled where it is taken; a rejection never taken is not an unhandled one.
  answer.catch(() => undefined);
  prefetched = { at: Date.now(), answer };
  const grid = pageHistory.then(
    (history) => (routeOf(history.location.pathname) === 'scoring-grid' ? invokeResolver('getScoringGridPage', FIRST_GRID_READ) : undefined),
    () => undefined,
  );
  grid.catch(() => undefined);
  prefetchedGrid = { at: Date.now(), answer: grid };
}

/** A page of the scoring grid: the prefetched first one, once, while fresh and when this is that read; else read now. */
export async function readGridPage(payload: ScoringGridPagePayload): Promise<Result<ScoringGridPageView>> {
  const taken = prefetchedGrid;
  prefetchedGrid = undefined;
  const first = payload.cursor === undefined && payload.list === FIRST_GRID_READ.list && JSON.stringify(payload.filters ?? {}) === '{}';
  const early = first && taken !== undefined && Date.now() - taken.at <= FRESH_MS ? await taken.answer : undefined;
  return early ?? (await invokeResolver('getScoringGridPage', payload));
}

/** The outline: the prefetched one, once, while fresh; else read now. */
export async function readOutline(): Promise<Result<VisionMapView>> {
  const taken = prefetched;
  prefetched = undefined;
  const early = taken !== undefined && Date.now() - taken.at <= FRESH_MS ? await taken.answer : undefined;
  return early ?? (await invokeResolver('getVisionOutline'));
}
