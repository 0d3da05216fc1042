/**
 * Which theme an issue serves. An epic's theme is what the app stored when a project admin or
 * product manager attached it (`attachedThemeOf`); the issue property that mirrors it for JQL is
 * only read where a caller trusts it (`themePropertyKey`). A story inherits its epic's theme; a
 * theme may also claim epics by label.
 */
import { isRecord, issueTypeOf, labelsOf, parentOf } from '../jira-issue';
import type { JiraIssue } from '../jira-issue';
import { isThemeId } from './model';
import type { Theme } from './model';
import { normalisedName } from './validate-strategy';

/** A label that leads an epic without a theme property to a theme. */
export interface LabelRule {
  readonly label: string;
  readonly themeId: string;
}

export interface EpicThemeOptions {
  readonly themes: readonly Theme[];
  /**
   * The issue property holding `{ themeId }` on an epic, read when `attachedThemeOf` is not given.
   * Any editor of the epic can write a property, so the app itself passes `attachedThemeOf`.
   */
  readonly themePropertyKey?: string;
  /** The epic's theme id as the app stored it (undefined: none attached); when given, no property is read. */
  readonly attachedThemeOf?: (epic: JiraIssue) => string | undefined;
  /** Defaults to the labels that the active themes claim. */
  readonly labelRules?: readonly LabelRule[];
}

export interface IssueThemeOptions extends EpicThemeOptions {
  /** The theme id of an epic by key (see `epicThemeLookup`); undefined for an unknown or deleted epic. */
  readonly epicThemeOf: (epicKey: string) => string | undefined;
  /** The company-managed Epic Link field, for data that has no `fields.parent`. */
  readonly epicLinkFieldId?: string;
}

export type ThemeSource = 'property' | 'parent' | 'label';

export type IssueTheme =
  | { readonly kind: 'theme'; readonly theme: Theme; readonly via: ThemeSource; /** Shown, but flagged. */ readonly archived: boolean }
  | { readonly kind: 'none' }
  /** The issue points at a theme that was removed: shown as an unknown theme, never a crash. */
  | { readonly kind: 'unknown-theme'; readonly id: string; readonly via: ThemeSource };

/**
 * What an unknown theme is shown as when the id read is not a theme id at all (too long, markup,
 * control characters): never the raw value, which anyone who can edit the epic may have written
 * (a 32 KB id on an epic once made every story's row of the backlog carry it). Not a valid theme
 * id itself, so no theme can ever match it.
 */
export const INVALID_THEME_ID = '(not a theme id)';

/**
 * The theme id in the property value `{ themeId }`, bounded: an id of the strategy's own form
 * (1–64 letters, digits, "-", "_") as it is, any other non-empty text as INVALID_THEME_ID;
 * anything else (string, array, null…) is no theme.
 */
export function themeIdOfProperty(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const id = value.themeId;
  if (typeof id !== 'string' || id.trim() === '') return undefined;
  // Trimmed only once it is known to be short: a 32 KB value is not copied around to be trimmed.
  return id.length <= 80 && isThemeId(id.trim()) ? id.trim() : INVALID_THEME_ID;
}

export function labelRulesOf(themes: readonly Theme[]): LabelRule[] {
  return themes.filter((theme) => !theme.archived).flatMap((theme) => theme.claimLabels.map((label) => ({ label, themeId: theme.id })));
}

/** An epic's own theme id: its property first, then the first label rule that matches one of its labels. */
export function epicThemeId(epic: JiraIssue, options: EpicThemeOptions): { id: string; via: 'property' | 'label' } | undefined {
  const attached = options.attachedThemeOf === undefined ? themeIdOfProperty(options.themePropertyKey === undefined ? undefined : epic.properties?.[options.themePropertyKey]) : options.attachedThemeOf(epic);
  if (attached !== undefined) return { id: isThemeId(attached) ? attached : INVALID_THEME_ID, via: 'property' };
  const labels = new Set(labelsOf(epic.fields).map(normalisedName));
  if (labels.size === 0) return undefined;
  const rule = (options.labelRules ?? labelRulesOf(options.themes)).find((candidate) => labels.has(normalisedName(candidate.label)));
  return rule === undefined ? undefined : { id: rule.themeId, via: 'label' };
}

/** `epicThemeOf` for `themeOfIssue`, built from the project's epics. */
export function epicThemeLookup(epics: readonly JiraIssue[], options: EpicThemeOptions): (epicKey: string) => string | undefined {
  const byKey = new Map<string, string>();
  for (const epic of epics) {
    const found = epicThemeId(epic, options);
    if (found !== undefined) byKey.set(epic.key, found.id);
  }
  return (epicKey) => byKey.get(epicKey);
}

/** A theme id as the strategy knows it: its theme (archived or not), or an unknown theme. */
export function resolveTheme(themes: readonly Theme[], id: string, via: ThemeSource): IssueTheme {
  const theme = themes.find((candidate) => candidate.id === id);
  return theme === undefined ? { kind: 'unknown-theme', id, via } : { kind: 'theme', theme, via, archived: theme.archived };
}

const NO_THEME: IssueTheme = { kind: 'none' };

/** The theme of an issue known to be an epic (or above): its own, never inherited. */
export function themeOfEpic(epic: JiraIssue, options: EpicThemeOptions): IssueTheme {
  const own = epicThemeId(epic, options);
  return own === undefined ? NO_THEME : resolveTheme(options.themes, own.id, own.via);
}

export function themeOfIssue(issue: JiraIssue, options: IssueThemeOptions): IssueTheme {
  const level = issueTypeOf(issue.fields)?.hierarchyLevel ?? 0;
  if (level >= 1) return themeOfEpic(issue, options);
  const parent = parentOf(issue.fields, options.epicLinkFieldId);
  // A subtask's parent is a story, not an epic: it has no theme of its own to inherit.
  if (parent === undefined || (parent.hierarchyLevel !== undefined && parent.hierarchyLevel < 1)) return NO_THEME;
  // A parent that was deleted (or that the user cannot see) is simply not found: no theme.
  const id = options.epicThemeOf(parent.key);
  return id === undefined ? NO_THEME : resolveTheme(options.themes, id, 'parent');
}
