/**
 * The issue sidebar's score: reads the issue and the site's field list from Jira through the given
 * `requestJira` (the resolver passes the user's, so nobody sees an issue they cannot browse), in
 * parallel (one round trip, two calls), takes the project's configuration from the configuration
 * source (Forge storage in production; the domain defaults when none is given), scores the issue
 * and shapes the view model the sidebar shows.
 */
import type { InputEditor, IssueScoreView, ScoreBreakdownRow, ScoreInputProblem } from '../contract';
import type { JiraIssue } from '../domain/jira-issue';
import { isRecord, parentOf } from '../domain/jira-issue';
import type { ReadinessConfig } from '../domain/readiness';
import { compileScoring, DEFAULT_PRIORITY_TABLE, NOT_ON_THE_ISSUE } from '../domain/scoring';
import type { BreakdownLine, CompiledScoring, InputProblem, JsonValue, ScoringConfig } from '../domain/scoring';
import { emptyStrategy, isThemeId, themeOfIssue } from '../domain/strategy';
import type { Strategy } from '../domain/strategy';
import { createJiraClient, fetchFields, getIssue, isJiraError } from '../jira';
import type { FieldDetails, JiraClient, RequestJira } from '../jira';
import { defaultReadinessFor } from './default-configuration';
import { NO_ATTACHED_THEMES, createEvaluator, lookUpEpics } from './evaluation';
import type { EpicRef, EpicThemeReader } from './evaluation';
import type { ProjectConfiguration } from './project-configuration';
import { COUNTED_BY_JIRA } from './input-editors';
import { FIELD_REMOVED_REASON, NOT_SET_UP_REASON, inputSetupOf, unknownFieldName } from './input-setup';
import { siteFieldsOf } from './site-fields';
import type { SiteFields } from './site-fields';

/**
 * Where a project's configuration comes from: the resolver passes one over Forge storage; without
 * one, every project uses the defaults built from the site's fields.
 */
export type ConfigurationSource = (projectId: string, site: SiteFields) => Promise<ProjectConfiguration>;

/** The defaults of a project nobody configured: what a missing configuration source gives. */
export function defaultConfiguration(projectId: string, site: SiteFields): ProjectConfiguration {
  const readiness: ReadinessConfig = defaultReadinessFor(site);
  const strategy: Strategy = emptyStrategy();
  return {
    projectId,
    documents: {
      scoring: { status: 'default', value: site.defaultScoring, revision: 0 },
      readiness: { status: 'default', value: readiness, revision: 0 },
      strategy: { status: 'default', value: strategy, revision: 0 },
      'product-managers': { status: 'default', value: { accountIds: [] }, revision: 0 },
    },
    scoring: site.defaultScoring,
    readiness,
    strategy,
    productManagers: [],
    blocked: null,
    problems: [],
  };
}

export const defaultConfigurationSource: ConfigurationSource = (projectId, site) => Promise.resolve(defaultConfiguration(projectId, site));

/** Today's date where the user is (days remaining count from the user's today), else in UTC. */
export function todayIn(timeZone: string | undefined, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** A raw Jira value as a person reads it: an option's or priority's name, a list joined. */
export function rawTextOf(raw: JsonValue): string | null {
  if (raw === null) return null;
  if (typeof raw === 'string') return raw === '' ? null : raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  if (Array.isArray(raw)) {
    const items = (raw as readonly JsonValue[]).map(rawTextOf).filter((text): text is string => text !== null);
    return items.length === 0 ? null : items.join(', ');
  }
  const object = raw as { readonly [key: string]: JsonValue };
  for (const key of ['name', 'value', 'displayName', 'key']) {
    const named = object[key];
    if (typeof named === 'string' && named !== '') return named;
  }
  // Votes, watches: `{votes: 3, hasVoted: false}`.
  for (const key of ['votes', 'watchCount']) {
    const counted = object[key];
    if (typeof counted === 'number') return String(counted);
  }
  return JSON.stringify(raw).slice(0, 200);
}

/** The problems in a user's words: an input with no field says it is not set up yet, and who sets it up. */
function problemsOf(problems: readonly InputProblem[], lines: readonly BreakdownLine[], fields: ReadonlyMap<string, FieldDetails>): ScoreInputProblem[] {
  const setupOf = (input: string) => {
    const line = lines.find((candidate) => candidate.input === input);
    return inputSetupOf(line?.fieldId ?? null, fields, line?.note === NOT_ON_THE_ISSUE);
  };
  return problems.map(({ input, label, reason }) => {
    const setup = setupOf(input);
    if (setup === 'not-set-up') return { input, label, reason: NOT_SET_UP_REASON, notSetUp: true };
    return { input, label, reason: setup === 'field-removed' ? FIELD_REMOVED_REASON : reason };
  });
}

/** The configured source of an input (`model.inputs[key]` or a weighted criterion's `input`). */
export function inputSourceOf(config: ScoringConfig, inputKey: string): Readonly<Record<string, unknown>> | undefined {
  const model = config.model as unknown as Readonly<Record<string, unknown>>;
  const inputs = model.inputs;
  if (isRecord(inputs) && isRecord(inputs[inputKey])) return inputs[inputKey];
  const criteria = model.criteria;
  if (isRecord(criteria)) {
    const criterion = criteria[inputKey];
    if (isRecord(criterion) && isRecord(criterion.input)) return criterion.input;
  }
  return undefined;
}

/** How the sidebar may set an input: numbers, dates and named choices are written to their field. */
export function editorOf(config: ScoringConfig, inputKey: string, fields: ReadonlyMap<string, FieldDetails>): InputEditor {
  const source = inputSourceOf(config, inputKey);
  const kind = source?.kind;
  const fieldId = typeof source?.fieldId === 'string' ? source.fieldId : undefined;
  if (source === undefined || fieldId === undefined) {
    if (kind === 'strategic-weight') return { kind: 'none', reason: "comes from the epic's theme" };
    if (kind === 'votes' || kind === 'watchers' || kind === 'linked-issues') return { kind: 'in-jira', how: COUNTED_BY_JIRA[kind] };
    return { kind: 'none', reason: 'not a field' };
  }
  // Without the site's field list, nothing says the field is missing: Jira's answer to the write will.
  const setup = inputSetupOf(fieldId, fields, false);
  if (setup === 'not-set-up') return { kind: 'none', reason: NOT_SET_UP_REASON };
  if (setup === 'field-removed') return { kind: 'none', reason: FIELD_REMOVED_REASON };
  switch (kind) {
    case 'number':
      return fields.get(fieldId)?.schema?.type === 'number' || fields.size === 0 ? { kind: 'number', fieldId } : { kind: 'none', reason: 'the field does not hold a number' };
    case 'date':
      return { kind: 'date', fieldId };
    case 'priority': {
      const table = isRecord(source.table) ? source.table : DEFAULT_PRIORITY_TABLE;
      return { kind: 'choice', fieldId, choices: Object.keys(table) };
    }
    case 'select': {
      if (fields.get(fieldId)?.schema?.type === 'array') return { kind: 'none', reason: 'a multi-select: set it in Jira' };
      const options = isRecord(source.options) ? Object.keys(source.options) : [];
      return options.length === 0 ? { kind: 'none', reason: 'no options configured' } : { kind: 'choice', fieldId, choices: options };
    }
    default:
      return { kind: 'none', reason: 'set it in Jira' };
  }
}

/** Names of the system fields inputs read, for when the site's field list was not read. */
const SYSTEM_FIELD_NAMES: Readonly<Record<string, string>> = { priority: 'Priority', duedate: 'Due date', votes: 'Votes', watches: 'Watchers', issuelinks: 'Linked issues' };

export function fieldNameOf(fieldId: string, fields: ReadonlyMap<string, FieldDetails>, site: SiteFields): string {
  return fields.get(fieldId)?.name ?? SYSTEM_FIELD_NAMES[fieldId] ?? (site.storyPoints?.id === fieldId ? site.storyPoints.name : undefined) ?? candidateNameOf(fieldId, site) ?? unknownFieldName(fieldId);
}

/** A field a project's default may read is named in the site's cached candidates (services/default-configuration.ts). */
function candidateNameOf(fieldId: string, site: SiteFields): string | undefined {
  for (const candidates of Object.values(site.scoringCandidates) as (readonly { readonly id: string; readonly name: string }[])[]) {
    const found = candidates.find((candidate) => candidate.id === fieldId);
    if (found !== undefined) return found.name;
  }
  return undefined;
}

function rowOf(line: BreakdownLine, fields: ReadonlyMap<string, FieldDetails>, site: SiteFields): ScoreBreakdownRow {
  const setup = line.status === 'ok' ? 'set-up' : inputSetupOf(line.fieldId, fields, line.note === NOT_ON_THE_ISSUE);
  return {
    input: line.input,
    label: line.label,
    field: line.fieldId === null ? null : { id: line.fieldId, name: fieldNameOf(line.fieldId, fields, site) },
    rawText: rawTextOf(line.raw),
    used: line.used,
    weight: line.weight,
    contribution: line.contribution,
    status: line.status,
    role: line.role,
    note: setup === 'not-set-up' ? NOT_SET_UP_REASON : setup === 'field-removed' ? FIELD_REMOVED_REASON : line.note,
  };
}

/** The site's field list, or none when it cannot be read (ids are shown instead of names). */
async function fieldListOf(jira: JiraClient): Promise<readonly FieldDetails[]> {
  try {
    return await fetchFields(jira);
  } catch (error: unknown) {
    if (isJiraError(error) && error.kind !== 'rate-limited') return [];
    throw error;
  }
}

export interface ScoreIssueOptions {
  /** The user's time zone, for days remaining. */
  readonly timeZone?: string;
  readonly now?: Date;
  readonly configuration?: ConfigurationSource;
  /** The project id the view says the issue is in: a hint that lets reads run in parallel, checked against Jira's answer. */
  readonly projectHint?: string;
  /** The site's field facts from storage; without it the field list is read (one more call). */
  readonly siteFields?: () => Promise<SiteFields>;
  /** Which theme each epic serves (Forge storage); without it no epic has an attached theme. */
  readonly epicThemes?: EpicThemeReader;
}

export interface IssueRead {
  readonly issue: JiraIssue;
  readonly fields: readonly FieldDetails[];
  readonly site: SiteFields;
  readonly configuration: ProjectConfiguration;
  readonly project: { readonly id: string; readonly key: string };
}

function projectOf(issue: JiraIssue): { readonly id: string; readonly key: string } {
  const project = issue.fields.project;
  const id = isRecord(project) && typeof project.id === 'string' ? project.id : undefined;
  if (id === undefined) throw new Error(`Jira sent issue ${issue.key} without its project.`);
  return { id, key: isRecord(project) && typeof project.key === 'string' ? project.key : issue.key.replace(/-\d+$/, '') };
}

/**
 * The issue (every field, with the epic-theme property) and the field list, in parallel, then the
 * project's configuration. A missing or hidden issue throws the client's 'not-found' error.
 */
export async function readIssueForSidebar(jira: JiraClient, issueIdOrKey: string, source: ConfigurationSource, siteSource?: () => Promise<SiteFields>): Promise<IssueRead> {
  const reading = getIssue(jira, issueIdOrKey, { fields: ['*all'] });
  // With a site source (storage), the field list is not read: names fall back to ids and system names.
  const [issue, fields, cachedSite] = await Promise.all([reading, siteSource === undefined ? fieldListOf(jira) : Promise.resolve([]), siteSource?.()]);
  const project = projectOf(issue);
  const site = cachedSite ?? siteFieldsOf(fields);
  return { issue, fields, site, configuration: await source(project.id, site), project };
}

/**
 * The strategic weight of the issue's theme, when the model uses it. The epic's theme comes from
 * the app's storage (never from the epic's issue property, which any editor can write): an epic is
 * looked up there directly; a story's parent epic in the same project (its key says so) is looked
 * up there too, and one elsewhere, or where themes claim epics by label, is read (as the user) first.
 */
async function strategicWeightOf(jira: JiraClient, read: IssueRead, scoring: CompiledScoring, epicThemes: EpicThemeReader): Promise<number | undefined> {
  if (!scoring.inputs.some((input) => input.kind === 'strategic-weight')) return undefined;
  const epicLink = read.configuration.readiness.epicLinkFieldId ?? undefined;
  const evaluator = createEvaluator(read.configuration, read.site, epicThemes);
  const epics = new Map<string, EpicRef | null>(await evaluator.epicsAmong([read.issue]));
  const parent = parentOf(read.issue.fields, epicLink);
  if (parent !== undefined && !epics.has(parent.key) && evaluator.parentsToLookUp([read.issue], epics).length > 0) {
    const sameProject = parent.key.startsWith(`${read.project.key}-`);
    const claimsByLabel = read.configuration.strategy.themes.some((theme) => theme.claimLabels.length > 0);
    if (sameProject && !claimsByLabel && parent.id !== undefined) {
      // The epic's key says it is in the story's project, and no theme claims epics by their labels:
      // the stored attachment alone decides its theme, so the sidebar need not read the epic from
      // Jira (one round trip less before the score shows).
      const stored = (await epicThemes.themesOf([{ projectId: read.project.id, epicId: parent.id }])).get(parent.id)?.themeId;
      const attachedThemeId = stored !== undefined && isThemeId(stored) ? stored : undefined;
      epics.set(parent.key, attachedThemeId === undefined ? { themeId: undefined } : { themeId: attachedThemeId, attachedThemeId });
    } else {
      for (const [key, ref] of (await lookUpEpics(jira, evaluator, [parent.key])).epics) epics.set(key, ref);
    }
  }
  const theme = themeOfIssue(read.issue, {
    themes: read.configuration.strategy.themes,
    attachedThemeOf: (epic) => epics.get(epic.key)?.attachedThemeId,
    epicThemeOf: (key) => epics.get(key)?.themeId,
    epicLinkFieldId: epicLink,
  });
  return theme.kind === 'theme' && !theme.archived ? theme.theme.strategicWeight : undefined;
}

export function scoreViewOf(read: IssueRead, scoring: CompiledScoring, strategicWeight: number | undefined, today: string): IssueScoreView {
  const { issue, configuration } = read;
  const fields = new Map(read.fields.map((field) => [field.id, field]));
  const result = scoring.score(issue.fields, { strategicWeight, today });
  const summary = issue.fields.summary;
  const notice = configuration.blocked ?? (configuration.problems.length > 0 ? configuration.problems.join(' ') : null);
  return {
    issue: { id: issue.id, key: issue.key, summary: typeof summary === 'string' ? summary : null },
    model: { name: scoring.modelName, formula: scoring.description },
    outcome: result.status === 'scored' ? 'scored' : result.status,
    score: result.status === 'scored' ? result.score : null,
    missing: result.status === 'scored' ? [] : problemsOf(result.missing, result.breakdown, fields),
    invalid: result.status === 'invalid' ? problemsOf(result.invalid, result.breakdown, fields) : [],
    breakdown: result.breakdown.map((line) => rowOf(line, fields, read.site)),
    project: read.project,
    configuration: configuration.documents.scoring.status === 'stored' ? 'stored' : 'default',
    configurationNotice: notice,
  };
}

/**
 * Scores one issue as whoever `requestJira` acts for. With the project id of the view as a hint,
 * the issue and the project's configuration are read in parallel. The hint is only a guess: when
 * Jira says the issue is in another project, the configuration is loaded again for that one.
 * When the model uses the theme's weight, the parent epic is read next (one more call), since its
 * theme is the app's stored attachment, never the epic's issue property.
 */
export async function scoreIssue(requestJira: RequestJira, issueIdOrKey: string, options: ScoreIssueOptions = {}): Promise<IssueScoreView> {
  return (await scoreIssueWithRead(createJiraClient(requestJira), issueIdOrKey, options)).view;
}

/** `scoreIssue`, with what was read (the issue, the site, the configuration), for callers that act on it. */
export async function scoreIssueWithRead(jira: JiraClient, issueIdOrKey: string, options: ScoreIssueOptions = {}): Promise<{ readonly view: IssueScoreView; readonly read: IssueRead }> {
  const source = options.configuration ?? defaultConfigurationSource;
  const epicThemes = options.epicThemes ?? NO_ATTACHED_THEMES;
  const hint = options.projectHint !== undefined && /^[1-9]\d{0,17}$/.test(options.projectHint) ? options.projectHint : undefined;
  if (hint === undefined) {
    const read = await readIssueForSidebar(jira, issueIdOrKey, source, options.siteFields);
    return { view: await scoreRead(jira, read, epicThemes, options), read };
  }
  const siteSource = options.siteFields ?? (async () => siteFieldsOf(await fieldListOf(jira)));
  const early = (async () => {
    const site = await siteSource();
    return { site, configuration: await source(hint, site) };
  })();
  const [issue, guess] = await Promise.all([getIssue(jira, issueIdOrKey, { fields: ['*all'] }), early]);
  const project = projectOf(issue);
  const configuration = project.id === hint ? guess.configuration : await source(project.id, guess.site);
  const read: IssueRead = { issue, fields: [], site: guess.site, configuration, project };
  return { view: await scoreRead(jira, read, epicThemes, options), read };
}

/** The view of an issue already read, with the configuration the read carries (no Jira call unless the theme's weight needs the epic). */
export async function scoreRead(jira: JiraClient, read: IssueRead, epicThemes: EpicThemeReader, options: Pick<ScoreIssueOptions, 'timeZone' | 'now'>): Promise<IssueScoreView> {
  const scoring = compileScoring(read.configuration.scoring);
  return scoreViewOf(read, scoring, await strategicWeightOf(jira, read, scoring, epicThemes), todayIn(options.timeZone, options.now));
}
