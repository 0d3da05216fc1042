import { describe, expect, it } from 'vitest';
import { PAGE_TABS, canonicalPath, opensOnTheMap, pathOf, routeOf } from '../../../static/project-page/src/page-routes';

describe("the project page's addresses", () => {
  it('opens each tab from its address, and from the older ones', () => {
    expect(routeOf('/')).toBe('map');
    expect(routeOf('/ranked-backlog')).toBe('backlog');
    expect(routeOf('/scoring-grid')).toBe('scoring-grid');
    expect(routeOf('/ranked-backlog/')).toBe('backlog');
    expect(routeOf('/sprint-readiness')).toBe('sprint');
    expect(routeOf('/backlog')).toBe('backlog');
    expect(routeOf('/sprint')).toBe('sprint');
    expect(routeOf('/Ranked-Backlog')).toBe('backlog');
    expect(routeOf('/scoring-rounds')).toBe('rounds');
  });

  it('opens the vision map for anything else, and does not match on a prefix', () => {
    for (const other of ['', '/nowhere', '/backlogs', '/sprinter', '/vision']) expect(routeOf(other)).toBe('map');
  });

  it('says each tab by its own address, and which addresses to replace', () => {
    expect(PAGE_TABS.map((tab) => pathOf(tab.route))).toEqual(['/', '/ranked-backlog', '/sprint-readiness', '/scoring-grid', '/scoring-rounds']);
    expect(canonicalPath('/backlog')).toBe('/ranked-backlog');
    expect(canonicalPath('/sprint')).toBe('/sprint-readiness');
    expect(canonicalPath('/nowhere')).toBe('/');
    expect(canonicalPath('/ranked-backlog')).toBeUndefined();
    expect(canonicalPath('/')).toBeUndefined();
  });

  it('prefetches the outline exactly when the page opens on the map (in step with the routes)', () => {
    for (const tab of PAGE_TABS) {
      for (const path of [tab.path, ...tab.aliases]) expect(opensOnTheMap(path)).toBe(tab.route === 'map');
    }
    expect(opensOnTheMap('/nowhere')).toBe(true);
  });
});
