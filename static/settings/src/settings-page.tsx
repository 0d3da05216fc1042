/**
 * The project settings page (jira:projectSettingsPage), for project admins: the scoring model and
 * its fields, the Definition of Ready, product managers, export and import, and "recompute now"
 * with its progress. Every resolver checks the admin as the user; the page says so in words.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { FieldDiscoveryView, RecomputeProgressView, SettingsView } from '../../../src/contract';
import { ErrorPanel, Skeleton } from '../../common/components';
import { useForgeContext } from '../../common/forge-hooks';
import { invokeResolver, settle } from '../../common/invoke';
import { LocaleProvider } from '../../common/locale';
import type { UiError } from '../../common/invoke';
import { TransferSection } from './admin-section';
import { ProductManagersSection } from './product-managers';
import { ReadinessSection } from './readiness-section';
import { ScoringGridLink } from './scoring-grid-link';
import { ScoringSection } from './scoring-section';
import { RecomputeBar } from './shared';

type LoadState =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly error: UiError }
  | { readonly status: 'ready'; readonly settings: SettingsView; readonly discovery: FieldDiscoveryView };

const POLL_MS = 1_000;

export function SettingsPage(): ReactNode {
  const context = useForgeContext();
  // The user's locale for every number and date the page writes (the locale context, static/common/locale.tsx).
  const locale = context.status === 'ready' ? context.context.locale : undefined;
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const [progress, setProgress] = useState<RecomputeProgressView | null>(null);
  const [recomputeError, setRecomputeError] = useState<UiError | null>(null);

  const reload = useCallback(() => {
    setLoad({ status: 'loading' });
    setGeneration((value) => value + 1);
  }, []);

  useEffect(() => {
    let live = true;
    void Promise.all([settle(() => invokeResolver('getSettings')), settle(() => invokeResolver('discoverFields'))]).then(([settings, discovery]) => {
      if (!live) return;
      if (!settings.ok) setLoad({ status: 'failed', error: settings.error });
      else if (!discovery.ok) setLoad({ status: 'failed', error: discovery.error });
      else {
        setLoad({ status: 'ready', settings: settings.value, discovery: discovery.value });
        setProgress(settings.value.recompute);
      }
    });
    return () => {
      live = false;
    };
  }, [generation]);

  const running = progress?.status === 'running';
  useEffect(() => {
    if (!running) return undefined;
    let live = true;
    const timer = setInterval(() => {
      void settle(() => invokeResolver('recomputeProgress')).then((result) => {
        if (!live) return;
        if (result.ok) setProgress(result.value);
        else setRecomputeError(result.error);
      });
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [running]);

  const started = useCallback((next: RecomputeProgressView | null) => {
    if (next !== null) {
      setRecomputeError(null);
      setProgress(next);
    }
    // The heading says the model now saved; the sections keep what is on screen.
    void settle(() => invokeResolver('getSettings')).then((result) => {
      if (result.ok) setLoad((current) => (current.status === 'ready' ? { ...current, settings: result.value } : current));
    });
  }, []);

  const recomputeNow = async (): Promise<void> => {
    setRecomputeError(null);
    const result = await settle(() => invokeResolver('recomputeNow'));
    if (result.ok) setProgress(result.value);
    else setRecomputeError(result.error);
  };

  let body: ReactNode;
  if (load.status === 'loading') body = <Skeleton label="Loading the project's Throughline settings…" lines={6} />;
  else if (load.status === 'failed') {
    body =
      load.error.code === 'forbidden' ? (
        <div className="tl-message tl-message-neutral" role="alert" data-testid="not-admin">
          <p className="tl-message-title">Only project admins can change Throughline’s settings.</p>
          <p className="tl-message-text">{load.error.message}</p>
        </div>
      ) : (
        <ErrorPanel error={load.error} onRetry={reload} />
      );
  } else {
    const { settings, discovery } = load;
    const blocked = settings.blocked !== null;
    body = (
      <>
        {settings.model !== null && (
          <p className="tl-current-model">
            Scoring now: <strong>{settings.model.name}</strong> = {settings.model.formula}
            {settings.scoring.state === 'default' ? ' (the defaults: never saved)' : ''}
          </p>
        )}
        {settings.blocked !== null && (
          <div className="tl-message tl-message-danger" role="alert">
            <p className="tl-message-text">{settings.blocked}</p>
          </div>
        )}
        {settings.brokenFields.length > 0 && (
          <div className="tl-message tl-message-warning" role="alert">
            <p className="tl-message-title">Some settings read fields this site no longer has:</p>
            <ul className="tl-problem-list">
              {settings.brokenFields.map((broken) => (
                <li key={broken.path}>
                  <code className="tl-path">{broken.path}</code> {broken.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {[...settings.notices, ...discovery.notes].map((notice, index) => (
          <p key={index} className="tl-message tl-message-neutral tl-message-text">
            {notice}
          </p>
        ))}
        <section className="tl-section" aria-labelledby="recompute-heading">
          <div className="tl-section-top">
            <h2 id="recompute-heading" className="tl-section-heading">
              Jira fields
            </h2>
            <button
              type="button"
              className="tl-button"
              disabled={running || blocked}
              onClick={() => {
                void recomputeNow();
              }}
            >
              Recompute now
            </button>
          </div>
          <p className="tl-hint">
            Every issue carries its score in “Priority score”{settings.appFields.score !== null ? ` (${settings.appFields.score})` : ''} and its readiness in “Readiness”
            {settings.appFields.readiness !== null ? ` (${settings.appFields.readiness})` : ''}, for JQL, filters and the backlog.
          </p>
          {progress === null ? <p className="tl-hint">No recompute has run yet.</p> : <RecomputeBar progress={progress} />}
          {recomputeError !== null && <ErrorPanel error={recomputeError} />}
        </section>
        <ScoringSection key={`scoring-${generation}`} document={settings.scoring} discovery={discovery} blocked={blocked} onSaved={started} onReload={reload} />
        <ReadinessSection key={`readiness-${generation}`} document={settings.readiness} discovery={discovery} blocked={blocked} onSaved={started} onReload={reload} />
        <ProductManagersSection key={`pm-${generation}`} document={settings.productManagers} blocked={blocked} onReload={reload} />
        <TransferSection blocked={blocked} onImported={started} onReload={reload} />
      </>
    );
  }

  return (
    <LocaleProvider locale={locale}>
    <div className="tl-settings">
      <header className="tl-settings-header">
        <h1 className="tl-page-title">Throughline settings{load.status === 'ready' ? ` for ${load.settings.project.key}` : ''}</h1>
        {load.status === 'ready' && <ScoringGridLink projectKey={load.settings.project.key} />}
      </header>
      <main className="tl-settings-main">{body}</main>
    </div>
    </LocaleProvider>
  );
}
