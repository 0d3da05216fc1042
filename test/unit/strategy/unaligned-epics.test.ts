import { describe, expect, it } from 'vitest';
import { unalignedEpics } from '../../../src/domain/strategy';
import { epic, onTheme, theme, THEME_PROPERTY } from './fixtures';

describe('unalignedEpics', () => {
  it('lists epics without a theme and epics whose theme was removed', () => {
    const themes = [theme({ id: 'growth', name: 'Growth', claimLabels: ['growth'] }), theme({ id: 'old', name: 'Old', archived: true })];
    const epics = [
      epic('P-1', { properties: onTheme('growth') }),
      epic('P-2'),
      epic('P-3', { properties: onTheme('removed') }),
      epic('P-4', { labels: ['growth'] }),
      epic('P-5', { properties: onTheme('old') }),
      epic('P-6', { properties: { [THEME_PROPERTY]: 'growth' } }),
      // Fields not asked for: still read as an epic.
      { id: '7', key: 'P-7', fields: {}, properties: onTheme('growth') },
    ];
    const result = unalignedEpics(epics, { themes, themePropertyKey: THEME_PROPERTY });
    expect(result.map((item) => [item.epic.key, item.reason])).toEqual([['P-2', 'no-theme'], ['P-3', 'unknown-theme'], ['P-6', 'no-theme']]);
    expect(result[1]).toMatchObject({ themeId: 'removed' });
  });
});
