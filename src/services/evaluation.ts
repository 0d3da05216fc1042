/**
 * Evaluating issues against a project's configuration: the priority score, the readiness verdict
 * and the theme, and the values the app keeps in Jira for them:
 *
 * | where                                   | value                                          |
 * | --------------------------------------- | ---------------------------------------------- |
 * | "Priority score" (Forge number field)   | the score, 2 decimals; empty when incomplete   |
 * | "Readiness" (Forge string field)        | "Ready", "Not ready: 3 rules"; empty when the issue type is not checked |
 * | issue property `throughline.readiness`  | `{ verdict, failingRules, warningRules?, themeId? }`, indexed for JQL |
 * | issue property `throughline.theme` (epics) | `{ themeId }` as stored by the app, indexed for JQL |
 *
 * Both properties are indexes the app writes, never truth it reads back: any editor can write an
 * issue property through Jira's REST API. The readiness property is read only to skip rewriting
 * an unchanged value; an epic's theme comes from the app's storage (src/storage/epic-themes.ts),
 * and the theme property is read only by the app's recomputes (`repairThemeIndex`), to correct it.
 *
 * `createEvaluator` compiles the configuration once and derives the fields to ask Jira for; then
 * `evaluate` runs per issue with the epics of the issues already looked up (`lookUpEpics`), and
 * says which of the three values differ from what the issue carries now.
 */
import { compileReadiness, readinessOf } from '../domain/readiness';
import type { EpicTheme, ReadinessResult, RuleId, Verdict } from '../domain/readiness';
import { compileScoring } from '../domain/scoring';
import type { CompiledScoring, ScoreResult } from '../domain/scoring';
import { INVALID_THEME_ID, epicThemeId, isThemeId, themeOfIssue } from '../domain/strategy';
import type { IssueTheme } from '../domain/strategy';
import { isRecord, issueTypeOf, parentOf } from '../domain/jira-issue';
import type { JiraIssue } from '../domain/jira-issue';
import { bulkFetchIssues } from '../jira';
import type { JiraClient } from '../jira';
import type { EpicAttachment, EpicRefInProject } from '../storage';
import type { ProjectConfiguration } from './project-configuration';
import type { SiteFields } from './site-fields';
import { READINESS_PROPERTY_KEY, THEME_PROPERTY_KEY } from './site-fields';

export interface ReadinessProperty {
  readonly verdict: Verdict;
  /** The blocking rules that fail, in the order of the rule list. */
  readonly failingRules: readonly RuleId[];
  /**
   * The warning rules that fail (they do not make the issue not ready), so that JQL finds the issues
   * a warning flags too (`throughlineWarningRule`, the Sprint readiness gadget's links); absent when none.
   */
  readonly warningRules?: readonly RuleId[];
  /**
   * The theme the issue serves (its own epic's, or claimed by label), so the ranked backlog can
   * filter by theme in JQL (`throughlineStoryTheme`); absent when it serves none.
   */
  readonly themeId?: string;
}

/** The three values the app keeps on an issue. */
export interface AppValues {
  readonly score: number | null;
  readonly readiness: string | null;
  /** Undefined when the issue has none. */
  readonly property: ReadinessProperty | undefined;
}

/** An epic as far as themes go: its theme id (attached by the app, or claimed by label), or none. */
export interface EpicRef {
  readonly themeId: string | undefined;
  /** The theme id stored for the epic (src/storage/epic-themes.ts), when one is: what its theme property should say. */
  readonly attachedThemeId?: string;
}

/** Where the evaluator learns which theme each epic was attached to: the app's storage. */
export interface EpicThemeReader {
  themesOf(epics: readonly EpicRefInProject[]): Promise<ReadonlyMap<string, EpicAttachment>>;
}

/** No epic attached to any theme: for callers without storage (previews of defaults, tests). */
export const NO_ATTACHED_THEMES: EpicThemeReader = { themesOf: () => Promise.resolve(new Map()) };

export interface EvaluatorOptions {
  /**
   * The app's recomputes (as the app): read each epic's `throughline.theme` property too and say
   * when it differs from the stored attachment, so that the recompute corrects it.
   */
  readonly repairThemeIndex?: boolean;
}

/** Epic key → what is known of it; null for an epic that no longer exists (or cannot be seen). */
export type EpicDirectory = ReadonlyMap<string, EpicRef | null>;

export interface IssueEvaluation {
  readonly issueId: string;
  readonly key: string;
  readonly score: ScoreResult;
  readonly readiness: ReadinessResult;
  readonly theme: IssueTheme;
  readonly values: AppValues;
  readonly current: AppValues;
  readonly changed: { readonly score: boolean; readonly readiness: boolean; readonly property: boolean };
  /**
   * With `repairThemeIndex`, for an epic whose theme property differs from its stored attachment:
   * the property it should carry (`{ themeId }`), or null when it should carry none.
   */
  readonly themeIndex?: { readonly themeId: string } | null;
}

export interface Evaluator {
  readonly configuration: ProjectConfiguration;
  readonly scoring: CompiledScoring;
  readonly site: SiteFields;
  /** The fields to ask Jira for (search `fields`, bulk fetch), derived from the configuration. */
  readonly fields: readonly string[];
  readonly properties: readonly string[];
  /** Epics among `issues`, with their themes from the app's storage (so they need no lookup). */
  epicsAmong(issues: readonly JiraIssue[]): Promise<Map<string, EpicRef>>;
  /** Parent epic keys of `issues` that `known` does not hold yet. */
  parentsToLookUp(issues: readonly JiraIssue[], known: EpicDirectory): string[];
  /** `judgeDone`: judge the readiness of done work too (the readiness gate: a reopened issue comes back into work). */
  evaluate(issue: JiraIssue, epics: EpicDirectory, now?: Date, options?: { readonly judgeDone?: boolean }): IssueEvaluation;
}

/** The rules that read the description; without them the (large) description is not requested. */
const DESCRIPTION_RULES: readonly RuleId[] = ['acceptance-criteria', 'description-length', 'user-story-form'];

export function roundScore(score: number): number {
  const rounded = Math.round(score * 100) / 100;
  return rounded === 0 ? 0 : rounded;
}

export function readinessText(readiness: ReadinessResult): string | null {
  if (readiness.verdict === 'not-applicable') return null;
  if (readiness.verdict === 'ready') return 'Ready';
  const count = readiness.failures.length;
  return `Not ready: ${count} rule${count === 1 ? '' : 's'}`;
}

/** The theme id written to the property: only an id of the app's own pattern, never a placeholder. */
function propertyThemeIdOf(theme: IssueTheme | undefined): string | undefined {
  if (theme === undefined || theme.kind === 'none') return undefined;
  const id = theme.kind === 'theme' ? theme.theme.id : theme.id;
  return isThemeId(id) ? id : undefined;
}

export function readinessPropertyOf(readiness: ReadinessResult, theme?: IssueTheme): ReadinessProperty {
  const warningRules = readiness.warnings.map((warning) => warning.ruleId);
  const property = { verdict: readiness.verdict, failingRules: readiness.failures.map((failure) => failure.ruleId), ...(warningRules.length === 0 ? {} : { warningRules }) };
  const themeId = propertyThemeIdOf(theme);
  return themeId === undefined ? property : { ...property, themeId };
}

function readinessPropertyFrom(value: unknown): ReadinessProperty | undefined {
  if (!isRecord(value) || typeof value.verdict !== 'string' || !Array.isArray(value.failingRules)) return undefined;
  const rulesIn = (list: unknown[]): RuleId[] => list.filter((rule): rule is RuleId => typeof rule === 'string');
  const warningRules = Array.isArray(value.warningRules) ? rulesIn(value.warningRules as unknown[]) : [];
  const property = { verdict: value.verdict as Verdict, failingRules: rulesIn(value.failingRules as unknown[]), ...(warningRules.length === 0 ? {} : { warningRules }) };
  // Read only to compare: a theme id of any other shape differs from every id the app writes.
  return typeof value.themeId === 'string' ? { ...property, themeId: value.themeId } : property;
}

export function sameProperty(a: ReadinessProperty | undefined, b: ReadinessProperty | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.verdict === b.verdict && a.themeId === b.themeId && sameRules(a.failingRules, b.failingRules) && sameRules(a.warningRules ?? [], b.warningRules ?? []);
}

function sameRules(a: readonly RuleId[], b: readonly RuleId[]): boolean {
  return a.length === b.length && a.every((rule, i) => rule === b[i]);
}

function sameScore(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) < 1e-9;
}

/** Today as an ISO date in UTC: the background has no user, hence no time zone of its own. */
export function utcToday(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function projectIdOfIssue(issue: JiraIssue): string | undefined {
  const project = issue.fields.project;
  return isRecord(project) && typeof project.id === 'string' ? project.id : undefined;
}

/** The theme id in an epic's `throughline.theme` property exactly as written (for comparison only). */
function indexedThemeOf(issue: JiraIssue): { readonly present: boolean; readonly themeId: unknown } {
  const value = issue.properties?.[THEME_PROPERTY_KEY];
  return value === undefined ? { present: false, themeId: undefined } : { present: true, themeId: isRecord(value) ? value.themeId : undefined };
}

export function createEvaluator(configuration: ProjectConfiguration, site: SiteFields, epicThemes: EpicThemeReader, options: EvaluatorOptions = {}): Evaluator {
  const scoring = compileScoring(configuration.scoring);
  const readiness = compileReadiness(configuration.readiness);
  const themes = configuration.strategy.themes;
  const epicLinkFieldId = configuration.readiness.epicLinkFieldId ?? undefined;
  const scoreField = site.appFields.score;
  const readinessField = site.appFields.readiness;

  const fields = new Set<string>(['summary', 'issuetype', 'status', 'parent', 'project', 'issuelinks', 'labels', 'updated', ...scoring.fieldIds]);
  const rules = configuration.readiness.rules;
  const storyPointsField = configuration.readiness.storyPointsField;
  if (storyPointsField !== null) fields.add(storyPointsField.id);
  if (epicLinkFieldId !== undefined) fields.add(epicLinkFieldId);
  if (DESCRIPTION_RULES.some((id) => rules[id].enabled)) fields.add('description');
  const acceptanceField = rules['acceptance-criteria'].fieldId;
  if (rules['acceptance-criteria'].enabled && acceptanceField !== null) fields.add(acceptanceField);
  if (rules['required-fields'].enabled) for (const field of rules['required-fields'].fields) fields.add(field.id);
  if (scoreField !== null) fields.add(scoreField);
  if (readinessField !== null) fields.add(readinessField);

  const repair = options.repairThemeIndex === true;
  const epicRefOf = (epic: JiraIssue, attached: ReadonlyMap<string, EpicAttachment>): EpicRef => {
    const stored = attached.get(epic.id)?.themeId;
    const attachedThemeId = stored !== undefined && isThemeId(stored) ? stored : undefined;
    const themeId = epicThemeId(epic, { themes, attachedThemeOf: () => attachedThemeId })?.id;
    return attachedThemeId === undefined ? { themeId } : { themeId, attachedThemeId };
  };

  const epicThemeFor = (epics: EpicDirectory) => (epicKey: string): EpicTheme => {
    const epic = epics.get(epicKey);
    if (epic === null) return { kind: 'missing-epic' };
    const id = epic?.themeId;
    if (id === undefined) return { kind: 'none' };
    const theme = themes.find((candidate) => candidate.id === id);
    return theme === undefined ? { kind: 'unknown-theme', id: isThemeId(id) ? id : INVALID_THEME_ID } : { kind: 'theme', id, name: theme.name };
  };

  const currentOf = (issue: JiraIssue): AppValues => {
    const score = scoreField === null ? undefined : issue.fields[scoreField];
    const text = readinessField === null ? undefined : issue.fields[readinessField];
    return {
      score: typeof score === 'number' && Number.isFinite(score) ? score : null,
      readiness: typeof text === 'string' && text !== '' ? text : null,
      property: readinessPropertyFrom(issue.properties?.[READINESS_PROPERTY_KEY]),
    };
  };

  return {
    configuration,
    scoring,
    site,
    fields: [...fields],
    // The theme property is asked for only to be repaired: a 32 KB value someone wrote is never
    // carried through the user's views.
    properties: repair ? [READINESS_PROPERTY_KEY, THEME_PROPERTY_KEY] : [READINESS_PROPERTY_KEY],

    async epicsAmong(issues) {
      const epics = issues.filter((issue) => (issueTypeOf(issue.fields)?.hierarchyLevel ?? 0) >= 1 && issue.key !== '');
      const refs: EpicRefInProject[] = [];
      for (const epic of epics) {
        const projectId = projectIdOfIssue(epic);
        // An epic read without its project cannot be matched with what was attached in its project: no theme.
        if (projectId !== undefined) refs.push({ projectId, epicId: epic.id });
      }
      const attached = refs.length === 0 ? new Map<string, EpicAttachment>() : await epicThemes.themesOf(refs);
      const found = new Map<string, EpicRef>();
      for (const epic of epics) found.set(epic.key, epicRefOf(epic, attached));
      return found;
    },

    parentsToLookUp(issues, known) {
      const keys = new Set<string>();
      for (const issue of issues) {
        const parent = parentOf(issue.fields, epicLinkFieldId);
        if (parent === undefined || known.has(parent.key)) continue;
        // A subtask's parent is a story: it has no theme to inherit and is not an epic to check.
        if (parent.hierarchyLevel !== undefined && parent.hierarchyLevel < 1) continue;
        keys.add(parent.key);
      }
      return [...keys];
    },

    evaluate(issue, epics, now = new Date(), options = {}) {
      const attachedThemeOf = (epic: JiraIssue): string | undefined => epics.get(epic.key)?.attachedThemeId;
      const theme = themeOfIssue(issue, { themes, attachedThemeOf, epicThemeOf: (key) => epics.get(key)?.themeId, epicLinkFieldId });
      const strategicWeight = theme.kind === 'theme' && !theme.archived ? theme.theme.strategicWeight : undefined;
      const score = scoring.score(issue.fields, { strategicWeight, today: utcToday(now) });
      const problems = score.status === 'scored' ? [] : [...score.missing, ...(score.status === 'invalid' ? score.invalid : [])].map((problem) => problem.label);
      const result = readinessOf(issue, readiness, { themeOfEpic: epicThemeFor(epics), scoreStatus: score.status, scoreProblems: problems, today: now, judgeDone: options.judgeDone === true });
      const values: AppValues = {
        score: score.status === 'scored' ? roundScore(score.score) : null,
        readiness: readinessText(result),
        // Only stories carry their theme: the backlog filters stories; epics and subtasks are not in it.
        property: readinessPropertyOf(result, (issueTypeOf(issue.fields)?.hierarchyLevel ?? 0) === 0 ? theme : undefined),
      };
      const current = currentOf(issue);
      let themeIndex: { readonly themeId: string } | null | undefined;
      if (repair && (issueTypeOf(issue.fields)?.hierarchyLevel ?? 0) >= 1) {
        const wanted = epics.get(issue.key)?.attachedThemeId;
        const indexed = indexedThemeOf(issue);
        if (wanted === undefined ? indexed.present : indexed.themeId !== wanted) themeIndex = wanted === undefined ? null : { themeId: wanted };
      }
      return {
        ...(themeIndex === undefined ? {} : { themeIndex }),
        issueId: issue.id,
        key: issue.key,
        score,
        readiness: result,
        theme,
        values,
        current,
        changed: {
          score: scoreField !== null && !sameScore(values.score, current.score),
          readiness: readinessField !== null && values.readiness !== current.readiness,
          property: !sameProperty(values.property, current.property),
        },
      };
    },
  };
}

/** Looks up epics by key (as whoever `jira` acts for): their theme, or null when they no longer exist. */
export async function lookUpEpics(jira: JiraClient, evaluator: Evaluator, keys: readonly string[]): Promise<{ epics: Map<string, EpicRef | null>; calls: number }> {
  const epics = new Map<string, EpicRef | null>();
  if (keys.length === 0) return { epics, calls: 0 };
  // The project tells under which project the epic's theme was attached (src/storage/epic-themes.ts).
  const result = await bulkFetchIssues(jira, keys, { fields: ['issuetype', 'labels', 'project'] });
  const found = await evaluator.epicsAmong(result.issues);
  // A parent that is not an epic (odd data) exists but carries no theme.
  for (const issue of result.issues) epics.set(issue.key, found.get(issue.key) ?? { themeId: undefined });
  // Bulk fetch leaves out what does not exist: those epics are gone.
  for (const key of keys) if (!epics.has(key)) epics.set(key, null);
  return { epics, calls: result.calls };
}
