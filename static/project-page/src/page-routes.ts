/**
 * The project page's addresses: each tab is a path after …/apps/throughline, so a link opens the
 * tab it names and the browser's back button moves between tabs.
 *
 *   /                   the vision map
 *   /ranked-backlog     the ranked backlog   (/backlog, the older address, still opens it)
 *   /sprint-readiness   sprint readiness     (/sprint, likewise)
 *   /scoring-grid       the scoring grid: the inputs of many issues filled like a spreadsheet
 *   /scoring-rounds     team scoring rounds
 *
 * Anything else opens the vision map. No React here: the outline's prefetch reads it before the
 * page's script has loaded.
 */

export type PageRoute = 'map' | 'backlog' | 'sprint' | 'scoring-grid' | 'rounds';

export interface PageTab {
  readonly route: PageRoute;
  readonly path: string;
  readonly label: string;
  /** Older addresses of the same tab, still opened. */
  readonly aliases: readonly string[];
}

export const PAGE_TABS: readonly PageTab[] = [
  { route: 'map', path: '/', label: 'Vision map', aliases: [] },
  { route: 'backlog', path: '/ranked-backlog', label: 'Ranked backlog', aliases: ['/backlog'] },
  { route: 'sprint', path: '/sprint-readiness', label: 'Sprint readiness', aliases: ['/sprint'] },
  { route: 'scoring-grid', path: '/scoring-grid', label: 'Scoring grid', aliases: [] },
  { route: 'rounds', path: '/scoring-rounds', label: 'Scoring rounds', aliases: [] },
];

/** The path's first segment, as "/name" ("/" for none): "/ranked-backlog/x" → "/ranked-backlog". */
function firstSegment(pathname: string): string {
  const segment = pathname.split('/').find((part) => part !== '') ?? '';
  return `/${segment.toLowerCase()}`;
}

/** The tab a path opens. */
export function routeOf(pathname: string): PageRoute {
  const segment = firstSegment(pathname);
  return PAGE_TABS.find((tab) => tab.path === segment || tab.aliases.includes(segment))?.route ?? 'map';
}

/** A tab's address. */
export function pathOf(route: PageRoute): string {
  return PAGE_TABS.find((tab) => tab.route === route)?.path ?? '/';
}

/** The address to show instead, when the path is an older or unknown one; undefined when it is the tab's own. */
export function canonicalPath(pathname: string): string | undefined {
  const path = pathOf(routeOf(pathname));
  return firstSegment(pathname) === path ? undefined : path;
}

/** Whether the page opens on the vision map (its outline is then asked for early). */
export function opensOnTheMap(pathname: string): boolean {
  return routeOf(pathname) === 'map';
}
