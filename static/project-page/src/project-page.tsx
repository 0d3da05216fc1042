/**
 * The project page (jira:projectPage): three views, each a route of `view.createHistory()` so the
 * browser's back button and Jira's URL follow: the vision map (/), the ranked backlog
 * (/ranked-backlog) and sprint readiness (/sprint-readiness); page-routes.ts has the addresses.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useForgeContext } from '../../common/forge-hooks';
import { LocaleProvider } from '../../common/locale';
import { pageHistory } from './outline-prefetch';
import { ScoringRounds } from './scoring-rounds';
import { PAGE_TABS, canonicalPath, pathOf, routeOf } from './page-routes';
import type { PageRoute } from './page-routes';
import { RankedBacklog } from './ranked-backlog';
import { ScoringGrid } from './scoring-grid';
import { SprintReadiness } from './sprint-readiness';
import { VisionMap } from './vision-map';

interface HistoryLike {
  readonly location: { readonly pathname: string };
  push(path: string): void;
  replace(path: string): void;
  listen(listener: (location: { readonly pathname: string }) => void): () => void;
}

/** The page's route, kept in Jira's history when the host offers one, else in memory. */
function useRoute(): [PageRoute, (route: PageRoute) => void] {
  const [route, setRoute] = useState<PageRoute>('map');
  const history = useRef<HistoryLike | undefined>(undefined);
  useEffect(() => {
    let live = true;
    let stop: (() => void) | undefined;
    pageHistory.then(
      (created) => {
        const made = created as unknown as HistoryLike;
        if (!live) return;
        history.current = made;
        setRoute(routeOf(made.location.pathname));
        // An older address (/backlog) or an unknown one: the address bar says the tab's own.
        const canonical = canonicalPath(made.location.pathname);
        if (canonical !== undefined) made.replace(canonical);
        stop = made.listen((location) => {
          setRoute(routeOf(location.pathname));
        });
      },
      () => undefined,
    );
    return () => {
      live = false;
      stop?.();
    };
  }, []);
  const go = useCallback((next: PageRoute) => {
    const path = pathOf(next);
    if (history.current === undefined) setRoute(next);
    // The tab in view again is no new entry: back would then seem to do nothing.
    else if (routeOf(history.current.location.pathname) !== next) history.current.push(path);
  }, []);
  return [route, go];
}

export function ProjectPage(): ReactNode {
  const context = useForgeContext();
  const [route, go] = useRoute();
  // A user refused the project sees the refusal alone: tabs to views they cannot open would only
  // lead to the same refusal.
  const [refused, setRefused] = useState(false);
  const refuse = useCallback(() => {
    setRefused(true);
  }, []);
  const locale = context.status === 'ready' ? context.context.locale : undefined;
  return (
    <LocaleProvider locale={locale}>
    <div className="tl-page">
      <header className="tl-page-header">
        <h1 className="tl-page-title">Throughline</h1>
        {!refused && <nav aria-label="Throughline views">
          <ul className="tl-tabs">
            {PAGE_TABS.map((entry) => (
              <li key={entry.route}>
                <button
                  type="button"
                  className={`tl-tab${route === entry.route ? ' tl-tab-current' : ''}`}
                  aria-current={route === entry.route ? 'page' : undefined}
                  onClick={() => {
                    go(entry.route);
                  }}
                >
                  {entry.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>}
      </header>
      <main className="tl-page-main">
        {route === 'map' && <VisionMap locale={locale} onRefused={refuse} />}
        {route === 'backlog' && <RankedBacklog locale={locale} onRefused={refuse} onFillInputs={() => { go('scoring-grid'); }} />}
        {route === 'sprint' && <SprintReadiness locale={locale} onRefused={refuse} />}
        {route === 'scoring-grid' && <ScoringGrid locale={locale} onRefused={refuse} />}
        {route === 'rounds' && <ScoringRounds locale={locale} onRefused={refuse} />}
      </main>
    </div>
    </LocaleProvider>
  );
}
