/**
 * Changing the strategy from the vision map: the vision and the themes (every change names the
 * revision it started from, so a change based on a stale map is refused in words, never silently
 * applied over someone else's) and an epic's theme. After a change the map is read again.
 */
import { useState } from 'react';
import type { VisionMapView } from '../../../src/contract';
import { invokeResolver, settle } from '../../common/invoke';
import type { UiError } from '../../common/invoke';

/** What the map's components may do: edit the strategy, move an epic; each answers whether it was saved. */
export interface StrategyEdits {
  readonly busy: boolean;
  edit(edit: Record<string, unknown>): Promise<boolean>;
  attach(epicKey: string, themeId: string | null): Promise<boolean>;
}

export interface StrategyEditing {
  readonly actions: StrategyEdits;
  /** The last change refused, in words; shown until dismissed. */
  readonly problem: UiError | undefined;
  /** What the last change did ("Saved.", "TL-10 moved to Onboarding."), for screen readers. */
  readonly notice: string;
  /** Forgets the refused change and reads the map again (a stale one needs the latest revision). */
  readonly dismiss: () => void;
}

/** `map`: the map on screen (undefined while nothing is, when no edit can be made); `reload` reads it again. */
export function useStrategyEdits(map: VisionMapView | undefined, reload: () => void): StrategyEditing {
  const [problem, setProblem] = useState<UiError | undefined>(undefined);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  const actions: StrategyEdits = {
    busy,
    async edit(edit) {
      if (map === undefined) return false;
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
      const name = themeId === null ? 'Unaligned' : (map?.strategy.themes.find((theme) => theme.id === themeId)?.name ?? themeId);
      setNotice(`${epicKey} moved to ${name}.`);
      reload();
      return true;
    },
  };
  const dismiss = (): void => {
    setProblem(undefined);
    reload();
  };
  return { actions, problem, notice, dismiss };
}
