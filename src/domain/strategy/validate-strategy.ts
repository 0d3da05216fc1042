/** Rules across settings, checked once each setting has the right shape. */
import type { Strategy, StrategyError } from './model';
import { themeLabel } from './strategy-errors';

/** Names compare as a person reads them: surrounding spaces and case do not make them different. */
export function normalisedName(name: string): string {
  return name.trim().normalize('NFC').toLocaleLowerCase('en');
}

// Sums such as 33.3 + 33.3 + 33.4 are not exactly 100 in floating point.
const ROUNDING_SLACK = 1e-9;

export function crossSettingErrors(strategy: Strategy): StrategyError[] {
  const errors: StrategyError[] = [];
  const firstByName = new Map<string, number>();
  const firstById = new Map<string, number>();
  const firstByLabel = new Map<string, number>();

  strategy.themes.forEach((theme, index) => {
    const label = themeLabel(index, theme.name);
    const sameId = firstById.get(theme.id);
    if (sameId === undefined) firstById.set(theme.id, index);
    else {
      errors.push({
        path: `themes[${index}].id`,
        message: `${label} has the id "${theme.id}", which theme ${sameId + 1} already has; theme ids must be unique.`,
      });
    }

    const name = normalisedName(theme.name);
    const sameName = firstByName.get(name);
    if (sameName === undefined) firstByName.set(name, index);
    else {
      errors.push({
        path: `themes[${index}].name`,
        message: `Theme ${index + 1} is named "${theme.name}", like theme ${sameName + 1}; theme names must be unique (case and surrounding spaces are ignored).`,
      });
    }

    if (theme.archived) return;
    for (const claimed of new Set(theme.claimLabels.map(normalisedName))) {
      const other = firstByLabel.get(claimed);
      if (other === undefined) firstByLabel.set(claimed, index);
      else {
        errors.push({
          path: `themes[${index}].claimLabels`,
          message: `${label} claims epics labelled "${claimed}", which theme ${other + 1} already claims; a label can lead to one active theme only.`,
        });
      }
    }
  });

  const allocated = strategy.themes.filter((theme) => !theme.archived).reduce((sum, theme) => sum + theme.targetPercent, 0);
  if (allocated > 100 + ROUNDING_SLACK) {
    errors.push({
      path: 'themes',
      message: `The target allocations of the active themes add up to ${formatPercent(allocated)} %; together they may be at most 100 %.`,
    });
  }
  return errors;
}

function formatPercent(value: number): string {
  return String(Math.round(value * 100) / 100);
}
