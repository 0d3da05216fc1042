/**
 * The vision map: the vision and goals, the themes with their epics, the Unaligned epics first,
 * and the allocation chart. Product managers and project admins edit in place; every change
 * names the revision it started from, and a stale one is refused in words.
 */
import { useRef, useState } from 'react';
import type { DragEvent as ReactDragEvent, ReactNode, SyntheticEvent } from 'react';
import type { ProjectEpicView, ProjectThemeView, Result, VisionMapChunkView, VisionMapView } from '../../../src/contract';
import { ErrorPanel, Skeleton } from '../../common/components';
import { formatNumber } from '../../common/format';
import { invokeResolver, settle } from '../../common/invoke';
import type { UiError } from '../../common/invoke';
import { AllocationChart } from './allocation-chart';
import { chunksExpected, mergeVisionMap } from './vision-merge';
import { useWindowed } from './windowed';
import { IssueLink, PALETTE, StatusLozenge, colourProps, csvOf, download, percent, useLoad, visionMarkdown } from './shared';

type Locale = string | undefined;

interface Actions {
  readonly busy: boolean;
  edit(edit: Record<string, unknown>): Promise<boolean>;
  attach(epicKey: string, themeId: string | null): Promise<boolean>;
}

export function VisionMap({ locale }: { readonly locale: Locale }): ReactNode {
  // The outline (strategy and epics) comes first; the counts of every story follow.
  // The first outline call is shared with the first full load; a reload (after an edit) asks again.
  const firstOutline = useRef<Promise<Result<VisionMapView>> | undefined>(undefined);
  const [outline] = useLoad(() => {
    firstOutline.current ??= invokeResolver('getVisionOutline');
    return firstOutline.current;
  });
  const [progress, setProgress] = useState<{ readonly done: number; readonly of: number | null }>({ done: 0, of: null });
  const [state, reload] = useLoad(async (): Promise<Result<VisionMapView>> => {
    const shared = firstOutline.current;
    firstOutline.current = undefined;
    // The outline first, alone, so that the first view is not slowed by the counting; then the
    // counts in chunks (each one invocation of ≤ 30 searches), one after the other.
    const base = await (shared ?? invokeResolver('getVisionOutline'));
    if (!base.ok) return base;
    const chunks: VisionMapChunkView[] = [];
    let after: string | undefined;
    let of: number | null = null;
    setProgress({ done: 0, of: null });
    for (;;) {
      const chunk = await invokeResolver('getVisionMapChunk', after === undefined ? {} : { after });
      if (!chunk.ok) return chunk;
      chunks.push(chunk.value);
      of ??= chunksExpected(chunk.value.estimatedIssues);
      setProgress({ done: chunks.length, of: of === null ? null : Math.max(of, chunks.length + (chunk.value.next === null ? 0 : 1)) });
      if (chunk.value.next === null) break;
      after = chunk.value.next;
    }
    return { ok: true, value: mergeVisionMap(base.value, chunks, true) };
  });
  const [problem, setProblem] = useState<UiError | undefined>(undefined);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  const shown = state.status === 'loaded' ? state.value : outline.status === 'loaded' ? outline.value : undefined;
  if (shown === undefined) {
    if (state.status === 'failed') return <ErrorPanel error={state.error} onRetry={state.error.code === 'not-found' ? undefined : reload} />;
    return <Skeleton label="Loading the vision map…" lines={6} />;
  }
  const map = shown;
  const refreshing = state.status === 'loaded' && state.refreshing;

  const actions: Actions = {
    busy,
    async edit(edit) {
      setBusy(true);
      setProblem(undefined);
      const result = await settle(() => invokeResolver('editStrategy', { baseRevision: map.strategy.revision, edit }));
      setBusy(false);
      if (!result.ok) {
        setProblem(result.error);
        return false;
      }
      setNotice('Saved.');
      reload();
      return true;
    },
    async attach(epicKey, themeId) {
      setBusy(true);
      setProblem(undefined);
      const result = await settle(() => invokeResolver('setEpicTheme', { epicKey, themeId }));
      setBusy(false);
      if (!result.ok) {
        setProblem(result.error);
        return false;
      }
      const name = themeId === null ? 'Unaligned' : (map.strategy.themes.find((theme) => theme.id === themeId)?.name ?? themeId);
      setNotice(`${epicKey} moved to ${name}.`);
      reload();
      return true;
    },
  };

  const unaligned = map.epics.filter((epic) => epic.themeState === 'none');
  const unknown = map.epics.filter((epic) => epic.themeState === 'unknown-theme');
  const active = map.strategy.themes.filter((theme) => !theme.archived);
  const archived = map.strategy.themes.filter((theme) => theme.archived);

  return (
    <div className="tl-map" aria-busy={refreshing || busy || !map.complete}>
      <p className="tl-visually-hidden" role="status" aria-live="polite">
        {refreshing ? 'Refreshing the vision map…' : notice}
      </p>
      {state.status === 'loading' && (
        <p className="tl-message tl-message-neutral tl-progress-note" data-testid="counting">
          <span className="tl-spinner" aria-hidden="true" /> Counting the stories, points and readiness of every epic…{' '}
          <span data-testid="counting-progress">{progress.of === null ? `Counting part ${String(progress.done + 1)}…` : `Counting ${String(Math.min(progress.done + 1, progress.of))} of ${String(progress.of)}…`}</span>
          {progress.of !== null && <progress className="tl-progress-bar" max={progress.of} value={progress.done} aria-label="Counting progress" />}
        </p>
      )}
      {state.status === 'failed' && <ErrorPanel error={state.error} onRetry={reload} />}
      {state.status === 'loaded' && state.error !== undefined && <ErrorPanel error={state.error} onRetry={reload} />}
      {problem !== undefined && (
        <div className="tl-message tl-message-danger" role="alert" data-error-code={problem.code}>
          <p className="tl-message-text">{problem.message}</p>
          <button
            type="button"
            className="tl-button"
            onClick={() => {
              setProblem(undefined);
              reload();
            }}
          >
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
      <section className="tl-group tl-group-unaligned" aria-labelledby="unaligned-heading" {...dropProps(actions, map.canEdit, null)}>
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

const DRAG_TYPE = 'application/x-throughline-epic';

/** Drop handlers for a group: an epic dragged onto it moves there (the menu does the same by keyboard). */
function dropProps(actions: Actions, canEdit: boolean, themeId: string | null): { onDragOver?: (event: ReactDragEvent) => void; onDrop?: (event: ReactDragEvent) => void } {
  if (!canEdit) return {};
  return {
    onDragOver: (event: ReactDragEvent) => {
      if (event.dataTransfer.types.includes(DRAG_TYPE)) {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
      }
    },
    onDrop: (event: ReactDragEvent) => {
      const epicKey = event.dataTransfer.getData(DRAG_TYPE);
      if (epicKey === '') return;
      event.preventDefault();
      void actions.attach(epicKey, themeId);
    },
  };
}

function VisionCard({ map, actions }: { readonly map: VisionMapView; readonly actions: Actions }): ReactNode {
  const [editing, setEditing] = useState(false);
  const vision = map.strategy.vision;
  const [statement, setStatement] = useState(vision.statement);
  const [customers, setCustomers] = useState(vision.targetCustomers);
  const [goals, setGoals] = useState(vision.goals.map((goal) => [goal.name, goal.metric, goal.target].join(' | ')).join('\n'));

  const start = (): void => {
    setStatement(vision.statement);
    setCustomers(vision.targetCustomers);
    setGoals(vision.goals.map((goal) => [goal.name, goal.metric, goal.target].join(' | ')).join('\n'));
    setEditing(true);
  };
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    const parsedGoals = goals
      .split('\n')
      .map((line) => line.split('|').map((part) => part.trim()))
      .filter((parts) => (parts[0] ?? '') !== '')
      .map(([name = '', metric = '', target = '']) => ({ name, metric, target }));
    void actions.edit({ kind: 'set-vision', vision: { statement, targetCustomers: customers, goals: parsedGoals } }).then((saved) => {
      if (saved) setEditing(false);
    });
  };

  return (
    <section className="tl-card tl-vision" aria-labelledby="vision-heading">
      <div className="tl-card-header">
        <h2 id="vision-heading" className="tl-section-title">
          Vision
        </h2>
        {map.canEdit && !editing && (
          <button type="button" className="tl-button" onClick={start}>
            Edit vision
          </button>
        )}
      </div>
      {editing ? (
        <form className="tl-form" onSubmit={submit} aria-label="Edit the vision">
          <label htmlFor="vision-statement">Vision statement</label>
          <textarea id="vision-statement" value={statement} maxLength={2000} rows={3} onChange={(event) => { setStatement(event.target.value); }} />
          <label htmlFor="vision-customers">Target customers</label>
          <textarea id="vision-customers" value={customers} maxLength={2000} rows={2} onChange={(event) => { setCustomers(event.target.value); }} />
          <label htmlFor="vision-goals">Goals, one a line: name | metric | target</label>
          <textarea id="vision-goals" value={goals} rows={4} onChange={(event) => { setGoals(event.target.value); }} />
          <div className="tl-actions">
            <button type="submit" className="tl-button tl-button-primary" disabled={actions.busy}>
              Save vision
            </button>
            <button type="button" className="tl-button" onClick={() => { setEditing(false); }}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className="tl-statement" data-testid="vision-statement">
            {vision.statement === '' ? 'No vision statement yet.' : vision.statement}
          </p>
          {vision.targetCustomers !== '' && <p className="tl-subtle">For: {vision.targetCustomers}</p>}
          {vision.goals.length > 0 && (
            <ul className="tl-goals">
              {vision.goals.map((goal, index) => (
                <li key={index}>
                  <strong>{goal.name}</strong>
                  {goal.metric !== '' && <span> · {goal.metric}</span>}
                  {goal.target !== '' && <span> · target {goal.target}</span>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

interface ThemeSectionProps {
  readonly theme: ProjectThemeView;
  readonly index: number;
  readonly count: number;
  readonly epics: readonly ProjectEpicView[];
  readonly themes: readonly ProjectThemeView[];
  readonly map: VisionMapView;
  readonly actions: Actions;
  readonly locale: Locale;
}

function ThemeSection({ theme, index, count, epics, themes, map, actions, locale }: ThemeSectionProps): ReactNode {
  const [editing, setEditing] = useState(false);
  const headingId = `theme-${theme.id}`;
  const swatch = colourProps(theme.colour, 'swatch');
  const position = map.strategy.themes.findIndex((candidate) => candidate.id === theme.id);
  return (
    <section className="tl-group" aria-labelledby={headingId} data-theme-id={theme.id} {...dropProps(actions, map.canEdit && !theme.archived, theme.id)}>
      <div className="tl-theme-header">
        <span className={`tl-swatch ${swatch.className}`} style={swatch.style} aria-hidden="true" />
        <h2 id={headingId} className="tl-section-title tl-theme-name">
          {theme.name} <span className="tl-count">{epics.length}</span>
        </h2>
        <span className="tl-theme-facts">
          {theme.horizon} · target {formatNumber(theme.targetPercent, locale)}% · weight {formatNumber(theme.strategicWeight, locale)}
          {theme.archived ? ' · archived' : ''}
        </span>
        {map.canEdit && (
          <span className="tl-actions">
            {!theme.archived && (
              <>
                <button type="button" className="tl-button tl-button-small" disabled={actions.busy || index === 0} aria-label={`Move ${theme.name} up`} onClick={() => void actions.edit({ kind: 'move-theme', themeId: theme.id, toIndex: position - 1 })}>
                  ↑
                </button>
                <button type="button" className="tl-button tl-button-small" disabled={actions.busy || index === count - 1} aria-label={`Move ${theme.name} down`} onClick={() => void actions.edit({ kind: 'move-theme', themeId: theme.id, toIndex: position + 1 })}>
                  ↓
                </button>
              </>
            )}
            <button type="button" className="tl-button tl-button-small" onClick={() => { setEditing(!editing); }} aria-expanded={editing}>
              Edit
            </button>
            <button type="button" className="tl-button tl-button-small" disabled={actions.busy} onClick={() => void actions.edit({ kind: 'update-theme', themeId: theme.id, changes: { archived: !theme.archived } })}>
              {theme.archived ? 'Restore' : 'Archive'}
            </button>
          </span>
        )}
      </div>
      {theme.description !== '' && <p className="tl-subtle">{theme.description}</p>}
      {editing && (
        <ThemeForm
          initial={theme}
          submitLabel="Save theme"
          busy={actions.busy}
          onCancel={() => { setEditing(false); }}
          onSubmit={(changes) =>
            actions.edit({ kind: 'update-theme', themeId: theme.id, changes }).then((saved) => {
              if (saved) setEditing(false);
              return saved;
            })
          }
        />
      )}
      {epics.length === 0 ? <p className="tl-subtle">No epics serve this theme yet.</p> : <EpicList epics={epics} themes={themes} map={map} actions={actions} locale={locale} />}
    </section>
  );
}

function EpicList({ epics, themes, map, actions, locale, showThemeId = false }: { readonly epics: readonly ProjectEpicView[]; readonly themes: readonly ProjectThemeView[]; readonly map: VisionMapView; readonly actions: Actions; readonly locale: Locale; readonly showThemeId?: boolean }): ReactNode {
  // Hundreds of epics in one group: only those near the visible part are in the DOM.
  const win = useWindowed(epics.length, 'Epics', { estimate: 44, overscan: 8, threshold: 24 });
  if (epics.length === 0) return null;
  return (
    <div {...win.boxProps}>
      <ul className="tl-epics" ref={win.rowsRef}>
        {win.before > 0 && <li aria-hidden="true" data-spacer="" style={{ height: win.before }} />}
        {epics.slice(win.start, win.end).map((epic) => (
          <EpicRow key={epic.key} epic={epic} themes={themes} canEdit={map.canEdit} complete={map.complete} actions={actions} locale={locale} showThemeId={showThemeId} />
        ))}
        {win.after > 0 && <li aria-hidden="true" data-spacer="" style={{ height: win.after }} />}
      </ul>
    </div>
  );
}

function EpicRow({ epic, themes, canEdit, complete, actions, locale, showThemeId }: { readonly epic: ProjectEpicView; readonly themes: readonly ProjectThemeView[]; readonly canEdit: boolean; readonly complete: boolean; readonly actions: Actions; readonly locale: Locale; readonly showThemeId: boolean }): ReactNode {
  const current = epic.themeState === 'theme' ? (epic.themeId ?? '') : '';
  const [choice, setChoice] = useState(current);
  const byPoints = epic.points.total > 0 ? epic.points.done / epic.points.total : null;
  const byCount = epic.count.total > 0 ? epic.count.done / epic.count.total : null;
  const readyShare = epic.readiness.checked > 0 ? epic.readiness.ready / epic.readiness.checked : null;
  const selectId = `move-${epic.key}`;
  return (
    <li
      className="tl-epic"
      data-epic={epic.key}
      draggable={canEdit}
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, epic.key);
        event.dataTransfer.effectAllowed = 'move';
      }}
    >
      <div className="tl-epic-title">
        <IssueLink issueKey={epic.key} />
        <span className="tl-epic-summary">{epic.summary}</span>
        <StatusLozenge name={epic.status} category={epic.statusCategory} />
        {showThemeId && epic.themeId !== null && <span className="tl-subtle">theme id {epic.themeId}</span>}
      </div>
      {!complete ? (
        <div className="tl-epic-facts">
          <span>Counting stories…</span>
        </div>
      ) : (
      <div className="tl-epic-facts">
        <span className="tl-progress" title="Done by story points">
          <span className="tl-bar" aria-hidden="true">
            <span className="tl-bar-done" style={{ width: `${Math.round((byPoints ?? 0) * 100)}%` }} />
          </span>
          <span>
            {formatNumber(epic.points.done, locale)} of {formatNumber(epic.points.total, locale)} points ({percent(byPoints, locale)})
          </span>
        </span>
        <span>
          {epic.count.done} of {epic.count.total} issues done ({percent(byCount, locale)})
        </span>
        <span>Score {epic.score === null ? '–' : formatNumber(epic.score, locale)}</span>
        <span>
          Ready {epic.readiness.ready} of {epic.readiness.checked} ({percent(readyShare, locale)})
        </span>
      </div>
      )}
      {canEdit && (
        <form
          className="tl-move"
          onSubmit={(event) => {
            event.preventDefault();
            void actions.attach(epic.key, choice === '' ? null : choice);
          }}
        >
          <label htmlFor={selectId} className="tl-visually-hidden">
            Theme of {epic.key}
          </label>
          <select id={selectId} value={choice} onChange={(event) => { setChoice(event.target.value); }}>
            <option value="">Unaligned (no theme)</option>
            {themes.map((theme) => (
              <option key={theme.id} value={theme.id}>
                {theme.name}
              </option>
            ))}
          </select>
          <button type="submit" className="tl-button tl-button-small" disabled={actions.busy || choice === current}>
            {current === '' ? 'Attach' : 'Move'}
          </button>
        </form>
      )}
    </li>
  );
}

const HORIZONS = ['now', 'next', 'later'] as const;

interface ThemeChanges {
  name: string;
  description: string;
  horizon: string;
  targetPercent: number;
  strategicWeight: number;
  colour: string;
}

function ThemeForm({ initial, submitLabel, busy, onSubmit, onCancel }: { readonly initial: ThemeChanges; readonly submitLabel: string; readonly busy: boolean; readonly onSubmit: (changes: ThemeChanges) => Promise<boolean>; readonly onCancel?: () => void }): ReactNode {
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [horizon, setHorizon] = useState(initial.horizon);
  const [target, setTarget] = useState(String(initial.targetPercent));
  const [weight, setWeight] = useState(String(initial.strategicWeight));
  const [colour, setColour] = useState(initial.colour);
  const prefix = `theme-form-${initial.name === '' ? 'new' : initial.name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 20)}`;
  return (
    <form
      className="tl-form tl-theme-form"
      aria-label={submitLabel}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit({ name, description, horizon, targetPercent: Number(target), strategicWeight: Number(weight), colour });
      }}
    >
      <label htmlFor={`${prefix}-name`}>Name</label>
      <input id={`${prefix}-name`} value={name} required maxLength={80} onChange={(event) => { setName(event.target.value); }} />
      <label htmlFor={`${prefix}-description`}>Description</label>
      <textarea id={`${prefix}-description`} value={description} maxLength={2000} rows={2} onChange={(event) => { setDescription(event.target.value); }} />
      <label htmlFor={`${prefix}-horizon`}>Horizon (now, next, later or a quarter such as 2027-Q1)</label>
      <input id={`${prefix}-horizon`} value={horizon} list={`${prefix}-horizons`} onChange={(event) => { setHorizon(event.target.value); }} />
      <datalist id={`${prefix}-horizons`}>
        {HORIZONS.map((value) => (
          <option key={value} value={value} />
        ))}
      </datalist>
      <label htmlFor={`${prefix}-target`}>Target allocation (%)</label>
      <input id={`${prefix}-target`} type="number" min={0} max={100} step="any" value={target} onChange={(event) => { setTarget(event.target.value); }} />
      <label htmlFor={`${prefix}-weight`}>Strategic weight (0.1–10)</label>
      <input id={`${prefix}-weight`} type="number" min={0.1} max={10} step="any" value={weight} onChange={(event) => { setWeight(event.target.value); }} />
      <label htmlFor={`${prefix}-colour`}>Colour</label>
      <select id={`${prefix}-colour`} value={colour} onChange={(event) => { setColour(event.target.value); }}>
        {(PALETTE as readonly string[]).includes(colour) ? null : <option value={colour}>{colour}</option>}
        {PALETTE.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
      <div className="tl-actions">
        <button type="submit" className="tl-button tl-button-primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel !== undefined && (
          <button type="button" className="tl-button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** A theme id from its name, plain enough for JQL, with a suffix so two names never collide. */
function themeIdFor(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const suffix = Math.random().toString(36).slice(2, 8);
  return `${slug === '' ? 'theme' : slug}-${suffix}`;
}

function NewTheme({ actions }: { readonly actions: Actions }): ReactNode {
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState(0);
  return (
    <section className="tl-card" aria-labelledby="new-theme-heading">
      <div className="tl-card-header">
        <h2 id="new-theme-heading" className="tl-section-title">
          New theme
        </h2>
        {!open && (
          <button type="button" className="tl-button" onClick={() => { setOpen(true); }}>
            Create theme
          </button>
        )}
      </div>
      {open && (
        <ThemeForm
          key={key}
          initial={{ name: '', description: '', horizon: 'next', targetPercent: 0, strategicWeight: 1, colour: 'blue' }}
          submitLabel="Create theme"
          busy={actions.busy}
          onCancel={() => { setOpen(false); }}
          onSubmit={(theme) =>
            actions.edit({ kind: 'add-theme', theme: { id: themeIdFor(theme.name), ...theme } }).then((saved) => {
              if (saved) {
                setOpen(false);
                setKey(key + 1);
              }
              return saved;
            })
          }
        />
      )}
    </section>
  );
}

function themeNameOf(map: VisionMapView, epic: ProjectEpicView): string {
  if (epic.themeState === 'none') return 'Unaligned';
  const theme = map.strategy.themes.find((candidate) => candidate.id === epic.themeId);
  return theme === undefined ? `Unknown theme (${epic.themeId ?? ''})` : theme.name;
}

const MAP_HEADER = ['Theme', 'Epic', 'Summary', 'Status', 'Done points', 'Total points', 'Done issues', 'Total issues', 'Score', 'Ready stories', 'Checked stories'];

function mapRows(map: VisionMapView): (string | number | null)[][] {
  return map.epics.map((epic) => [themeNameOf(map, epic), epic.key, epic.summary, epic.status, epic.points.done, epic.points.total, epic.count.done, epic.count.total, epic.score, epic.readiness.ready, epic.readiness.checked]);
}

export function mapMarkdown(map: VisionMapView): string {
  return visionMarkdown({
    projectKey: map.project.key,
    vision: map.strategy.vision,
    allocation: {
      header: ['Theme', 'Target %', 'Open points', 'Open %', 'Done points', 'Done %'],
      rows: map.allocation.map((row) => [row.name, row.targetPercent, row.open.points, row.open.percent, row.done.points, row.done.percent]),
    },
    epics: { header: MAP_HEADER, rows: mapRows(map) },
  });
}

function ExportButtons({ map }: { readonly map: VisionMapView }): ReactNode {
  return (
    <span className="tl-actions">
      <button type="button" className="tl-button tl-button-small" onClick={() => { download(`${map.project.key}-vision-map.csv`, csvOf(MAP_HEADER, mapRows(map)), 'text/csv'); }}>
        Export CSV
      </button>
      <button type="button" className="tl-button tl-button-small" onClick={() => { download(`${map.project.key}-vision-map.md`, mapMarkdown(map), 'text/markdown'); }}>
        Export Markdown
      </button>
    </span>
  );
}
