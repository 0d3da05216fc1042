/**
 * The vision map: the vision and goals, the themes with their epics, the Unaligned epics first,
 * and the allocation chart. The outline is read first: from the app's rollups it is the whole map,
 * shown at once; counted live (issue security, a project not counted yet) it is the strategy and
 * epics alone, shown while the counts of every story follow in chunks. The page says which
 * (counting-note.tsx). Product managers and project admins edit in place (strategy-edits.ts).
 */
import { useEffect, useMemo } from 'react';
import type { ReactNode } from 'react';
import { ErrorPanel, Skeleton } from '../../common/components';
import { invokeResolver } from '../../common/invoke';
import { AllocationChart } from '../../common/allocation-chart';
import { retryLabel, useChunkedLoad } from './chunked-load';
import { CountingNote } from './counting-note';
import { EpicList, dropProps } from './epic-list';
import { useStrategyEdits } from './strategy-edits';
import { NewTheme } from './theme-form';
import { ThemeSection } from './theme-section';
import { VisionCard } from './vision-card';
import { ExportButtons } from './vision-map-export';
import { readOutline } from './outline-prefetch';
import { mergeVisionMap, visionMapSource } from './vision-merge';

const VISION_MAP = visionMapSource({
  outline: readOutline,
  chunk: (after) => invokeResolver('getVisionMapChunk', after === undefined ? {} : { after }),
});

/** How often the map is read again while a recount runs. */
const RECOUNT_POLL_MS = 15_000;

export function VisionMap({ locale, onRefused }: { readonly locale: string | undefined; readonly onRefused?: () => void }): ReactNode {
  const { state, refresh, retry } = useChunkedLoad(VISION_MAP);
  // The map on screen: this pass once every count is in; while the map is read again (after an
  // edit, or a retry of that), the last complete one; on the first pass, the outline alone.
  const pass = state.complete ? state : state.last;
  const counted = useMemo(() => (pass?.head === undefined ? undefined : mergeVisionMap(pass.head, pass.chunks, true)), [pass]);
  const shown = counted ?? state.head;
  const { actions, problem, notice, dismiss } = useStrategyEdits(shown, refresh);
  // While a recount runs, the map (one read from the rollups) is read again now and then, so its
  // progress moves and the counts arrive when it ends.
  const recounting = shown?.counting?.mode === 'rollups' && shown.counting.recount?.status === 'running' && !state.loading;
  useEffect(() => {
    if (!recounting) return undefined;
    const timer = setTimeout(() => { refresh(); }, RECOUNT_POLL_MS);
    return () => { clearTimeout(timer); };
  }, [recounting, refresh, shown]);

  // Refused the project ('not-found' before anything was shown): the page drops its tabs.
  const refused = shown === undefined && state.error?.code === 'not-found';
  useEffect(() => {
    if (refused) onRefused?.();
  }, [refused, onRefused]);

  if (shown === undefined) {
    if (state.error !== undefined) return <ErrorPanel error={state.error} onRetry={state.error.code === 'not-found' ? undefined : retry} retryLabel={retryLabel(state)} />;
    return <Skeleton label="Loading the vision map…" lines={6} />;
  }
  const map = shown;
  const refreshing = state.loading && state.last !== undefined;
  const counting = state.loading && state.last === undefined;
  const progress = { done: state.chunks.length, of: state.of };

  const unaligned = map.epics.filter((epic) => epic.themeState === 'none');
  const unknown = map.epics.filter((epic) => epic.themeState === 'unknown-theme');
  const active = map.strategy.themes.filter((theme) => !theme.archived);
  const archived = map.strategy.themes.filter((theme) => theme.archived);

  return (
    <div className="tl-map" aria-busy={refreshing || actions.busy || !map.complete}>
      <p className="tl-visually-hidden" role="status" aria-live="polite">
        {refreshing ? 'Refreshing the vision map…' : notice}
      </p>
      {counting && (
        <p className="tl-message tl-message-neutral tl-progress-note" data-testid="counting">
          <span className="tl-spinner" aria-hidden="true" /> Counting the stories, points and readiness of every epic…{' '}
          <span data-testid="counting-progress">{progress.of === null ? `Counting part ${String(progress.done + 1)}…` : `Counting ${String(Math.min(progress.done + 1, progress.of))} of ${String(progress.of)}…`}</span>
          {progress.of !== null && <progress className="tl-progress-bar" max={progress.of} value={progress.done} aria-label="Counting progress" />}
        </p>
      )}
      <CountingNote counting={map.counting} locale={locale} />
      {state.error !== undefined && <ErrorPanel error={state.error} onRetry={retry} retryLabel={retryLabel(state)} />}
      {problem !== undefined && (
        <div className="tl-message tl-message-danger" role="alert" data-error-code={problem.code}>
          <p className="tl-message-text">{problem.message}</p>
          <button type="button" className="tl-button" onClick={dismiss}>
            {problem.code === 'stale' ? 'Reload the latest version' : 'Dismiss and reload'}
          </button>
        </div>
      )}
      {map.notes.map((note) => (
        <p key={note} className="tl-message tl-message-neutral">
          {note}
        </p>
      ))}
      <VisionCard map={map} actions={actions} />
      <section className="tl-card" aria-labelledby="allocation-heading">
        <div className="tl-card-header">
          <h2 id="allocation-heading" className="tl-section-title">
            Target vs actual allocation
          </h2>
          <ExportButtons map={map} />
        </div>
        {map.complete ? <AllocationChart rows={map.allocation} locale={locale} /> : <p className="tl-subtle">Counting the estimates…</p>}
      </section>
      {/* Warning colours only when some epic serves no theme: an empty group is nothing to warn about. */}
      <section className={`tl-group tl-group-unaligned${unaligned.length > 0 ? ' tl-group-warning' : ''}`} aria-labelledby="unaligned-heading" {...dropProps(actions, map.canEdit, null)}>
        <h2 id="unaligned-heading" className="tl-section-title">
          Unaligned epics <span className="tl-count">{unaligned.length}</span>
        </h2>
        <p className="tl-subtle">{unaligned.length === 0 ? 'Every epic serves a theme.' : 'These epics serve no theme: attach each to the theme it serves, or question why it is being built.'}</p>
        <EpicList epics={unaligned} themes={active} map={map} actions={actions} locale={locale} />
      </section>
      {active.length === 0 && <p className="tl-message tl-message-neutral">No themes yet. {map.canEdit ? 'Create the first theme below.' : 'A product manager or project admin can create them.'}</p>}
      {active.map((theme, index) => (
        <ThemeSection key={theme.id} theme={theme} index={index} count={active.length} epics={map.epics.filter((epic) => epic.themeId === theme.id)} themes={active} map={map} actions={actions} locale={locale} />
      ))}
      {unknown.length > 0 && (
        <section className="tl-group" aria-labelledby="unknown-heading">
          <h2 id="unknown-heading" className="tl-section-title">
            Epics of themes no longer in the strategy <span className="tl-count">{unknown.length}</span>
          </h2>
          <p className="tl-subtle">Their theme was removed; attach them to a current theme.</p>
          <EpicList epics={unknown} themes={active} map={map} actions={actions} locale={locale} showThemeId />
        </section>
      )}
      {archived.length > 0 && (
        <details className="tl-group">
          <summary className="tl-section-title">Archived themes ({archived.length})</summary>
          {archived.map((theme, index) => (
            <ThemeSection key={theme.id} theme={theme} index={index} count={archived.length} epics={map.epics.filter((epic) => epic.themeId === theme.id)} themes={active} map={map} actions={actions} locale={locale} />
          ))}
        </details>
      )}
      {map.canEdit && <NewTheme actions={actions} />}
      <p className="tl-subtle tl-reads">
        {map.complete ? '' : 'So far: '}Read {map.reads.issues} issues in {map.reads.searchCalls} search {map.reads.searchCalls === 1 ? 'call' : 'calls'}.
      </p>
    </div>
  );
}
