/** A theme on the vision map: its facts, its place in the order, editing and archiving it, and its epics. */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ProjectEpicView, ProjectThemeView, VisionMapView } from '../../../src/contract';
import { formatNumber } from '../../common/format';
import { EpicList, dropProps } from './epic-list';
import { colourProps } from '../../common/theme-colours';
import type { StrategyEdits } from './strategy-edits';
import { ThemeForm } from './theme-form';

type Locale = string | undefined;

interface ThemeSectionProps {
  readonly theme: ProjectThemeView;
  readonly index: number;
  readonly count: number;
  readonly epics: readonly ProjectEpicView[];
  readonly themes: readonly ProjectThemeView[];
  readonly map: VisionMapView;
  readonly actions: StrategyEdits;
  readonly locale: Locale;
}

export function ThemeSection({ theme, index, count, epics, themes, map, actions, locale }: ThemeSectionProps): ReactNode {
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
