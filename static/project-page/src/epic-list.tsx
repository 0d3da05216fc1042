/**
 * The epics of a group on the vision map (a theme, Unaligned, a removed theme), each with its
 * progress by points and by count, its own score if it has one, the readiness of its open stories (and, from the app's rollups, its stories' top score, what its
 * not-ready stories lack and as of when), and a way to move it to another theme: a menu (the
 * keyboard's way) or dragging it onto the group.
 */
import { useState } from 'react';
import type { DragEvent as ReactDragEvent, ReactNode } from 'react';
import type { CountingView, ProjectEpicView, ProjectThemeView, VisionMapView } from '../../../src/contract';
import { formatNumber } from '../../common/format';
import { useNow } from './counting-note';
import { EpicAsOf, EpicRollup } from './epic-rollup';
import { epicScoreText, issuesDoneText, readyText } from './epic-words';
import { IssueLink, StatusLozenge, percent } from './shared';
import type { StrategyEdits } from './strategy-edits';
import { useWindowed } from './windowed';

type Locale = string | undefined;

const DRAG_TYPE = 'application/x-throughline-epic';

/** Drop handlers for a group: an epic dragged onto it moves there (the menu does the same by keyboard). */
export function dropProps(actions: StrategyEdits, canEdit: boolean, themeId: string | null): { onDragOver?: (event: ReactDragEvent) => void; onDrop?: (event: ReactDragEvent) => void } {
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

export function EpicList({ epics, themes, map, actions, locale, showThemeId = false }: { readonly epics: readonly ProjectEpicView[]; readonly themes: readonly ProjectThemeView[]; readonly map: VisionMapView; readonly actions: StrategyEdits; readonly locale: Locale; readonly showThemeId?: boolean }): ReactNode {
  // Hundreds of epics in one group: only those near the visible part are in the DOM, and none
  // until the group first comes into view.
  const { boxProps, rowsRef, start, end, before, after } = useWindowed(epics, 'Epics', { estimate: 44, overscan: 8, threshold: 24, untilSeen: true });
  const now = useNow();
  if (epics.length === 0) return null;
  return (
    <div {...boxProps}>
      <ul className="tl-epics" ref={rowsRef}>
        {before > 0 && <li aria-hidden="true" data-spacer="" style={{ height: before }} />}
        {epics.slice(start, end).map((epic) => (
          <EpicRow key={epic.key} epic={epic} themes={themes} canEdit={map.canEdit} complete={map.complete} counting={map.counting} now={now} actions={actions} locale={locale} showThemeId={showThemeId} />
        ))}
        {after > 0 && <li aria-hidden="true" data-spacer="" style={{ height: after }} />}
      </ul>
    </div>
  );
}

interface EpicRowProps {
  readonly epic: ProjectEpicView;
  readonly themes: readonly ProjectThemeView[];
  readonly canEdit: boolean;
  readonly complete: boolean;
  readonly counting: CountingView | undefined;
  readonly now: Date;
  readonly actions: StrategyEdits;
  readonly locale: Locale;
  readonly showThemeId: boolean;
}

function EpicRow({ epic, themes, canEdit, complete, counting, now, actions, locale, showThemeId }: EpicRowProps): ReactNode {
  const current = epic.themeState === 'theme' ? (epic.themeId ?? '') : '';
  const [choice, setChoice] = useState(current);
  const byPoints = epic.points.total > 0 ? epic.points.done / epic.points.total : null;
  const byCount = epic.count.total > 0 ? epic.count.done / epic.count.total : null;
  const readyShare = epic.readiness.checked > 0 ? epic.readiness.ready / epic.readiness.checked : null;
  const selectId = `move-${epic.key}`;
  const ownScore = epicScoreText(epic.score, locale);
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
          {issuesDoneText(epic.count, locale)} ({percent(byCount, locale)})
        </span>
        {ownScore !== null && <span title="From the epic's own fields; its stories' top score is below">{ownScore}</span>}
        <span>
          {readyText(epic.readiness, locale)}
          {readyShare === null ? '' : ` (${percent(readyShare, locale)})`}
        </span>
        <EpicAsOf countedAt={epic.countedAt} counting={counting} now={now} locale={locale} />
      </div>
      )}
      {complete && <EpicRollup epicKey={epic.key} rollup={epic.rollup} locale={locale} />}
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
