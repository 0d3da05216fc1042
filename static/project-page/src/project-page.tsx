/**
 * The project page (jira:projectPage): three views, each a route of `view.createHistory()` so the
 * browser's back button and Jira's URL follow: the vision map (/), the ranked backlog (/backlog)
 * and sprint readiness (/sprint).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useForgeContext } from '../../common/forge-hooks';
import { pageHistory } from './outline-prefetch';
import { RankedBacklog } from './ranked-backlog';
import { SprintReadiness } from './sprint-readiness';
import { VisionMap } from './vision-map';

type Route = 'map' | 'backlog' | 'sprint';

const ROUTES: readonly { readonly route: Route; readonly path: string; readonly label: string }[] = [
  { route: 'map', path: '/', label: 'Vision map' },
  { route: 'backlog', path: '/backlog', label: 'Ranked backlog' },
  { route: 'sprint', path: '/sprint', label: 'Sprint readiness' },
];

function routeOf(pathname: string): Route {
  return ROUTES.find((entry) => entry.path !== '/' && pathname.startsWith(entry.path))?.route ?? 'map';
}

interface HistoryLike {
  readonly location: { readonly pathname: string };
  push(path: string): void;
  listen(listener: (location: { readonly pathname: string }) => void): () => void;
}

/** The page's route, kept in Jira's history when the host offers one, else in memory. */
function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>('map');
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
  const go = useCallback((next: Route) => {
    const path = ROUTES.find((entry) => entry.route === next)?.path ?? '/';
    if (history.current === undefined) setRoute(next);
    else history.current.push(path);
  }, []);
  return [route, go];
}

export function ProjectPage(): ReactNode {
  const context = useForgeContext();
  const [route, go] = useRoute();
  const locale = context.status === 'ready' ? context.context.locale : undefined;
  return (
    <div className="tl-page">
      <header className="tl-page-header">
        <h1 className="tl-page-title">Throughline</h1>
        <nav aria-label="Throughline views">
          <ul className="tl-tabs">
            {ROUTES.map((entry) => (
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
        </nav>
      </header>
      <main className="tl-page-main">
        {route === 'map' && <VisionMap locale={locale} />}
        {route === 'backlog' && <RankedBacklog locale={locale} />}
        {route === 'sprint' && <SprintReadiness locale={locale} />}
      </main>
    </div>
  );
}
