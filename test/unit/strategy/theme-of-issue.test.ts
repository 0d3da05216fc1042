import { describe, expect, it } from 'vitest';
import { epicThemeLookup, themeOfIssue } from '../../../src/domain/strategy';
import type { IssueThemeOptions } from '../../../src/domain/strategy';
import { epic, onTheme, story, subtask, theme, THEME_PROPERTY } from './fixtures';

const growth = theme({ id: 'growth', name: 'Growth', claimLabels: ['mobile'] });
const legacy = theme({ id: 'legacy', name: 'Legacy', archived: true });
const themes = [growth, legacy];
const epics = [epic('P-1', { properties: onTheme('growth') }), epic('P-2', { properties: onTheme('deleted-theme') }), epic('P-3', { labels: ['Mobile'] }), epic('P-4')];
const options: IssueThemeOptions = { themes, themePropertyKey: THEME_PROPERTY, epicThemeOf: epicThemeLookup(epics, { themes, themePropertyKey: THEME_PROPERTY }) };

describe('themeOfIssue', () => {
  it('reads an epic’s own property', () => {
    expect(themeOfIssue(epics[0]!, options)).toEqual({ kind: 'theme', theme: growth, via: 'property', archived: false });
  });

  it('shows a theme id that no longer exists as an unknown theme', () => {
    expect(themeOfIssue(epics[1]!, options)).toEqual({ kind: 'unknown-theme', id: 'deleted-theme', via: 'property' });
  });

  it('keeps an archived theme, flagged', () => {
    expect(themeOfIssue(epic('P-9', { properties: onTheme('legacy') }), options)).toMatchObject({ kind: 'theme', theme: legacy, archived: true });
  });

  it('treats a property of the wrong type as no theme', () => {
    for (const value of ['growth', ['growth'], null, 42, {}, { themeId: 5 }, { themeId: '  ' }, { themeId: ['growth'] }]) {
      expect(themeOfIssue(epic('P-9', { properties: { [THEME_PROPERTY]: value } }), options)).toEqual({ kind: 'none' });
    }
    // Properties missing altogether (not asked for in the search).
    expect(themeOfIssue(epic('P-9'), options)).toEqual({ kind: 'none' });
  });

  it('lets a theme claim epics by label, after the property and case-insensitively', () => {
    expect(themeOfIssue(epics[2]!, options)).toMatchObject({ kind: 'theme', theme: growth, via: 'label' });
    const both = epic('P-8', { labels: ['mobile'], properties: onTheme('legacy') });
    expect(themeOfIssue(both, options)).toMatchObject({ theme: legacy, via: 'property' });
    const explicitRules = { ...options, labelRules: [{ label: 'old-stuff', themeId: 'legacy' }] };
    expect(themeOfIssue(epic('P-7', { labels: ['mobile', 'OLD-STUFF'] }), explicitRules)).toMatchObject({ theme: legacy, via: 'label' });
    // Labels of the wrong type are ignored.
    expect(themeOfIssue(epic('P-6', { labels: 'mobile' }), options)).toEqual({ kind: 'none' });
    expect(themeOfIssue(epic('P-6', { labels: [null, 3, 'mobile'] }), options)).toMatchObject({ via: 'label' });
  });

  it('gives a story its parent epic’s theme', () => {
    expect(themeOfIssue(story('P-10', { parent: 'P-1' }), options)).toEqual({ kind: 'theme', theme: growth, via: 'parent', archived: false });
    expect(themeOfIssue(story('P-11', { parent: 'P-3' }), options)).toMatchObject({ theme: growth, via: 'parent' });
    expect(themeOfIssue(story('P-12', { parent: 'P-2' }), options)).toEqual({ kind: 'unknown-theme', id: 'deleted-theme', via: 'parent' });
    expect(themeOfIssue(story('P-13', { parent: 'P-4' }), options)).toEqual({ kind: 'none' });
  });

  it('reads the company-managed Epic Link when asked', () => {
    const linked = story('P-14', { fields: { customfield_10014: 'P-1' } });
    expect(themeOfIssue(linked, options)).toEqual({ kind: 'none' });
    expect(themeOfIssue(linked, { ...options, epicLinkFieldId: 'customfield_10014' })).toMatchObject({ theme: growth, via: 'parent' });
  });

  it('copes with a story whose parent was deleted or is missing', () => {
    expect(themeOfIssue(story('P-15', { parent: 'P-404' }), options)).toEqual({ kind: 'none' });
    expect(themeOfIssue(story('P-16'), options)).toEqual({ kind: 'none' });
    expect(themeOfIssue(story('P-17', { fields: { parent: null } }), options)).toEqual({ kind: 'none' });
    expect(themeOfIssue(story('P-18', { fields: { parent: { key: '' } } }), options)).toEqual({ kind: 'none' });
    expect(themeOfIssue(story('P-19', { fields: { parent: 'P-1' } }), options)).toEqual({ kind: 'none' });
  });

  it('does not give a subtask the theme of its parent story', () => {
    expect(themeOfIssue(subtask('P-20', { parent: 'P-1', parentLevel: 0 }), options)).toEqual({ kind: 'none' });
  });

  it('reads an issue without an issue type as a story', () => {
    expect(themeOfIssue({ id: '1', key: 'P-21', fields: { parent: { key: 'P-1' } } }, options)).toMatchObject({ via: 'parent' });
  });
});
