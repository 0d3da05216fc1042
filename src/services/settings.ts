/**
 * What the project settings page does, behind its resolvers. Every function here assumes the
 * caller already verified that the user administers the project (src/resolvers/permissions.ts);
 * Jira is read as that user, and stored documents are changed only through the repository's
 * revision checks. A save of the scoring or readiness configuration, and an import, queue a
 * background recompute of the project.
 */
import type { JiraIssue } from '../domain/jira-issue';
import { compileReadiness, readinessOf, RULE_IDS } from '../domain/readiness';
import type { ReadinessConfig } from '../domain/readiness';
import { compileScoring } from '../domain/scoring';
import type { BreakdownLine, CompiledScoring, ScoreResult, ScoringConfig } from '../domain/scoring';
import { fetchFields, jiraPath } from '../jira';
import type { JiraClient } from '../jira';
import { z } from 'zod';
import type { DocumentKind, LoadedDocument, RecomputeProgress } from '../storage';
import { checkConfigurationFile, configurationFileOf, parseDocument } from '../storage';
import { documentDefaults } from './default-configuration';
import { projectDefaultsOf } from './project-fields';
import type { EpicRef, Evaluator } from './evaluation';
import { createEvaluator, lookUpEpics, utcToday } from './evaluation';
import { brokenFieldsOf, discoverProjectFields } from './field-discovery';
import type { ProjectConfiguration, Repositories } from './project-configuration';
import { configurationOf } from './project-configuration';
import { searchPage } from './project-evaluation';
import { projectJql, recentlyUpdatedJql } from './queries';
import type { RecomputeQueue } from './recompute';
import { recomputeProgress, requestRecompute } from './recompute';
import type {
  ExportView,
  FieldDiscoveryView,
  ImportResultView,
  ReadinessPreviewView,
  RecomputeProgressView,
  SaveResultView,
  ScoreOutcomeView,
  ScorePreviewView,
  SettingsDocumentView,
  SettingsView,
} from '../contract';
import type { SiteFields } from './site-fields';
import { siteFieldsForUser, siteFieldsOf } from './site-fields';
import { rawTextOf } from './issue-score';

export interface SettingsContext {
  /** Jira as the admin using the page. */
  readonly jira: JiraClient;
  readonly repositories: Repositories;
  readonly queue: RecomputeQueue;
  /** The admin's account id: recorded with what they save. */
  readonly accountId: string;
  /** The app's id, for field discovery of the app's own fields. */
  readonly appId?: string;
  readonly now?: () => Date;
}

/** Issues shown in the score preview. */
export const PREVIEW_ISSUES = 10;
/** Open issues read for the readiness preview (a few search pages, well inside a resolver's 25 s). */
export const READINESS_PREVIEW_LIMIT = 500;

const projectSchema = z.looseObject({ id: z.string(), key: z.string() });

/** The project's key, read as the user (the context's key is the browser's word, not Jira's). */
export async function projectOf(jira: JiraClient, projectId: string): Promise<{ id: string; key: string }> {
  const project = await jira.json({ operation: { name: 'project', idempotent: true }, method: 'GET', path: jiraPath`/rest/api/3/project/${projectId}`, schema: projectSchema, subject: 'the project' });
  return { id: project.id, key: project.key };
}

export function progressView(progress: RecomputeProgress | null): RecomputeProgressView | null {
  if (progress === null) return null;
  const { runId, status, reason, startedAt, updatedAt, finishedAt, total, done, changed, errors, recentErrors, message } = progress;
  return { runId, status, reason, startedAt, updatedAt, finishedAt, total, done, changed, errors, recentErrors, message };
}

function documentView<K extends DocumentKind, T>(document: LoadedDocument<K>, shape: (value: Exclude<LoadedDocument<K>, { status: 'unreadable' }>['value']) => T): SettingsDocumentView<T> {
  if (document.status === 'unreadable') return { value: null, revision: document.revision, state: 'unreadable', savedAt: null, savedBy: null, message: document.message };
  if (document.status === 'default') return { value: shape(document.value), revision: 0, state: 'default', savedAt: null, savedBy: null, message: null };
  return { value: shape(document.value), revision: document.revision, state: 'stored', savedAt: document.savedAt, savedBy: document.savedBy, message: null };
}

/** The site's fields as the admin sees them; a user's read never fills the triggers' cache (site-fields.ts). */
async function siteOf(context: SettingsContext, refresh = false): Promise<SiteFields> {
  return siteFieldsForUser(context.jira, context.repositories.siteCache, { appId: context.appId, refresh });
}

/** The project's configuration: what was saved, else the project's default (from the fields its issues carry, when known). */
async function configurationFor(context: SettingsContext, projectId: string, site: SiteFields): Promise<ProjectConfiguration> {
  const project = await projectDefaultsOf(context.repositories.projectFields, projectId, site);
  return configurationOf(projectId, await context.repositories.settings.loadAll(projectId, documentDefaults(site, project)), site, project);
}

export async function getSettings(context: SettingsContext, projectId: string): Promise<SettingsView> {
  const [project, fields] = await Promise.all([projectOf(context.jira, projectId), fetchFields(context.jira)]);
  // The field list was just read (as the admin): discovery runs on it for this page only.
  const site = siteFieldsOf(fields, context.appId);
  const configuration = await configurationFor(context, projectId, site);
  const { documents } = configuration;
  const notices = [...configuration.problems];
  if (site.appFields.score === null || site.appFields.readiness === null) {
    notices.push("Jira does not list the app's fields (Priority score, Readiness) on this site yet: scores are computed but cannot be stored in Jira until it does.");
  }
  const compiled = documents.scoring.status === 'unreadable' ? null : compileScoring(documents.scoring.value);
  return {
    project,
    scoring: documentView(documents.scoring, (value) => value),
    model: compiled === null ? null : { name: compiled.modelName, formula: compiled.description },
    readiness: documentView(documents.readiness, (value) => value),
    productManagers: documentView(documents['product-managers'], (value) => value.accountIds),
    strategy: { revision: documents.strategy.revision, themes: documents.strategy.status === 'unreadable' ? 0 : documents.strategy.value.themes.length, state: documents.strategy.status },
    appFields: site.appFields,
    brokenFields: brokenFieldsOf(configuration.scoring, configuration.readiness, new Set(fields.map((field) => field.id))),
    notices,
    blocked: configuration.blocked,
    recompute: progressView(await recomputeProgress(context.repositories, projectId)),
  };
}

/** Saves one document; a scoring or readiness change queues a recompute of the project. */
export async function saveDocument(context: SettingsContext, projectId: string, kind: 'scoring' | 'readiness' | 'product-managers', raw: unknown, baseRevision: number): Promise<SaveResultView> {
  const parsed = parseDocument(kind, raw);
  if (!parsed.ok && parsed.newer !== true) return { status: 'invalid', errors: parsed.errors.map(({ path, message }) => ({ path, message })) };
  // Errors that are not about the document (stale, newer, too large) are thrown as StorageErrors.
  const saved = await context.repositories.settings.save(projectId, kind, raw, { baseRevision, actor: context.accountId, now: context.now?.() });
  // What the project's issues carry is read again by the next reader (the recompute this save queues).
  await context.repositories.projectFields?.clear(projectId);
  const recompute =
    kind === 'product-managers'
      ? null
      : progressView(await requestRecompute(context.repositories, context.queue, { projectId, reason: kind === 'scoring' ? 'scoring configuration changed' : 'readiness rules changed', requestedBy: context.accountId, byProjectAdmin: true, now: context.now?.() }));
  return { status: 'saved', revision: saved.revision, savedAt: saved.savedAt, recompute };
}

function outcomeOf(result: ScoreResult, fieldNames: ReadonlyMap<string, string>): ScoreOutcomeView {
  const problems = (list: readonly { input: string; label: string; reason: string }[]) => list.map(({ input, label, reason }) => ({ input, label, reason }));
  const line = (entry: BreakdownLine) => ({
    input: entry.input,
    label: entry.label,
    field: entry.fieldId === null ? null : { id: entry.fieldId, name: fieldNames.get(entry.fieldId) ?? entry.fieldId },
    rawText: rawTextOf(entry.raw),
    used: entry.used,
    weight: entry.weight,
    contribution: entry.contribution,
    status: entry.status,
    note: entry.note,
  });
  return {
    outcome: result.status,
    score: result.status === 'scored' ? result.score : null,
    missing: result.status === 'scored' ? [] : problems(result.missing),
    invalid: result.status === 'invalid' ? problems(result.invalid) : [],
    breakdown: result.breakdown.map(line),
  };
}

/** The epics of `issues`, looked up once (as the user). */
async function epicsOf(jira: JiraClient, evaluator: Evaluator, issues: readonly JiraIssue[]): Promise<Map<string, EpicRef | null>> {
  const epics = new Map<string, EpicRef | null>(await evaluator.epicsAmong(issues));
  const lookUp = evaluator.parentsToLookUp(issues, epics);
  for (let start = 0; start < lookUp.length; start += 100) {
    const result = await lookUpEpics(jira, evaluator, lookUp.slice(start, start + 100));
    for (const [key, ref] of result.epics) epics.set(key, ref);
  }
  return epics;
}

/** Ten real issues of the project scored with the saved configuration and with a candidate. */
export async function previewScores(context: SettingsContext, projectId: string, candidate: unknown): Promise<ScorePreviewView> {
  const parsed = parseDocument('scoring', candidate);
  if (!parsed.ok) return { status: 'invalid', errors: parsed.errors.map(({ path, message }) => ({ path, message })) };
  const site = await siteOf(context);
  const configuration = await configurationFor(context, projectId, site);
  const before = createEvaluator(configuration, site, context.repositories.epicThemes);
  const after = createEvaluator({ ...configuration, scoring: parsed.value }, site, context.repositories.epicThemes);
  const fields = [...new Set([...before.fields, ...after.fields])];
  const [page, fieldList] = await Promise.all([
    searchPage(context.jira, { jql: recentlyUpdatedJql(projectId), fields, properties: before.properties, pageSize: PREVIEW_ISSUES, pageToken: null }),
    fetchFields(context.jira),
  ]);
  const names = new Map(fieldList.map((field) => [field.id, field.name]));
  const epics = await epicsOf(context.jira, before, page.issues);
  const now = context.now?.() ?? new Date();
  const today = utcToday(now);
  const scoreWith = (scoring: CompiledScoring, issue: JiraIssue, evaluator: Evaluator): ScoreResult => {
    const theme = evaluator.evaluate(issue, epics, now).theme;
    const weight = theme.kind === 'theme' && !theme.archived ? theme.theme.strategicWeight : undefined;
    return scoring.score(issue.fields, { strategicWeight: weight, today });
  };
  return {
    status: 'ok',
    before: { name: before.scoring.modelName, formula: before.scoring.description },
    after: { name: after.scoring.modelName, formula: after.scoring.description },
    issues: page.issues.slice(0, PREVIEW_ISSUES).map((issue) => ({
      issue: { id: issue.id, key: issue.key, summary: typeof issue.fields.summary === 'string' ? issue.fields.summary : null },
      before: outcomeOf(scoreWith(before.scoring, issue, before), names),
      after: outcomeOf(scoreWith(after.scoring, issue, after), names),
    })),
  };
}

/** How many open issues each readiness rule flags, with the saved rules and with candidate rules. */
export async function previewReadiness(context: SettingsContext, projectId: string, candidate: unknown): Promise<ReadinessPreviewView> {
  const parsed = parseDocument('readiness', candidate);
  if (!parsed.ok) return { status: 'invalid', errors: parsed.errors.map(({ path, message }) => ({ path, message })) };
  const site = await siteOf(context);
  const configuration = await configurationFor(context, projectId, site);
  const now = context.now?.() ?? new Date();
  const current = createEvaluator(configuration, site, context.repositories.epicThemes);
  const candidateConfig: ReadinessConfig = parsed.value;
  const next = createEvaluator({ ...configuration, readiness: candidateConfig }, site, context.repositories.epicThemes);
  const fields = [...new Set([...current.fields, ...next.fields])];
  const jql = projectJql(projectId, { open: true });
  const issues: JiraIssue[] = [];
  let token: string | null = null;
  let capped = false;
  for (;;) {
    const page = await searchPage(context.jira, { jql, fields, properties: current.properties, pageSize: 100, pageToken: token });
    issues.push(...page.issues);
    if (page.isLast) break;
    if (issues.length >= READINESS_PREVIEW_LIMIT) {
      capped = true;
      break;
    }
    token = page.nextPageToken;
  }
  const epics = await epicsOf(context.jira, current, issues);
  const compiledNext = compileReadiness(candidateConfig);
  const themeOfEpic = themeLookupFrom(epics, configuration);
  const flagged = new Map<string, { now: number; after: number }>(RULE_IDS.map((id) => [id, { now: 0, after: 0 }]));
  let checked = 0;
  let readyNow = 0;
  let readyAfter = 0;
  for (const issue of issues) {
    const evaluation = current.evaluate(issue, epics, now);
    const score = evaluation.score;
    const scoreProblems = score.status === 'scored' ? [] : [...score.missing, ...(score.status === 'invalid' ? score.invalid : [])].map((problem) => problem.label);
    const before = evaluation.readiness;
    const after = readinessOf(issue, compiledNext, { themeOfEpic, scoreStatus: score.status, scoreProblems, today: now });
    if (before.verdict !== 'not-applicable' || after.verdict !== 'not-applicable') checked++;
    if (before.verdict === 'ready') readyNow++;
    if (after.verdict === 'ready') readyAfter++;
    for (const failure of [...before.failures, ...before.warnings]) {
      const entry = flagged.get(failure.ruleId);
      if (entry !== undefined) entry.now++;
    }
    for (const failure of [...after.failures, ...after.warnings]) {
      const entry = flagged.get(failure.ruleId);
      if (entry !== undefined) entry.after++;
    }
  }
  return {
    status: 'ok',
    checked,
    capped,
    ready: { now: readyNow, after: readyAfter },
    rules: RULE_IDS.map((ruleId) => {
      const rule = candidateConfig.rules[ruleId];
      const counts = flagged.get(ruleId) ?? { now: 0, after: 0 };
      return { ruleId, enabled: rule.enabled, severity: rule.severity, flagged: counts.after, flaggedNow: counts.now };
    }),
  };
}

function themeLookupFrom(epics: ReadonlyMap<string, EpicRef | null>, configuration: ProjectConfiguration) {
  return (epicKey: string) => {
    const epic = epics.get(epicKey);
    if (epic === null) return { kind: 'missing-epic' } as const;
    const id = epic?.themeId;
    if (id === undefined) return { kind: 'none' } as const;
    const theme = configuration.strategy.themes.find((candidate) => candidate.id === id);
    return theme === undefined ? ({ kind: 'unknown-theme', id } as const) : ({ kind: 'theme', id, name: theme.name } as const);
  };
}

export async function exportConfiguration(context: SettingsContext, projectId: string): Promise<ExportView> {
  const project = await projectOf(context.jira, projectId);
  const site = await siteOf(context);
  const configuration = await configurationFor(context, projectId, site);
  if (configuration.blocked !== null) throw new SettingsRefusal(configuration.blocked);
  const file = configurationFileOf(project, {
    scoring: configuration.scoring,
    readiness: configuration.readiness,
    strategy: configuration.strategy,
    'product-managers': { accountIds: configuration.productManagers },
  }, context.now?.());
  const day = file.exportedAt.slice(0, 10);
  return { fileName: `throughline-${project.key}-${day}.json`, file: file as unknown as Readonly<Record<string, unknown>> };
}

/** Refused for a reason that is not the payload's shape: the resolver says it as it is. */
export class SettingsRefusal extends Error {
  override readonly name = 'SettingsRefusal';
}

export async function importConfiguration(context: SettingsContext, projectId: string, file: string, allowOtherProject: boolean): Promise<ImportResultView> {
  const check = checkConfigurationFile(file, { projectId, allowOtherProject });
  if (!check.ok) return { status: 'refused', code: check.code, path: check.path, message: check.message };
  const revisions = await context.repositories.settings.replaceAll(projectId, check.documents, { actor: context.accountId, now: context.now?.() });
  await context.repositories.projectFields?.clear(projectId);
  const recompute = await requestRecompute(context.repositories, context.queue, { projectId, reason: 'configuration imported', requestedBy: context.accountId, byProjectAdmin: true, now: context.now?.() });
  return {
    status: 'imported',
    revisions: { scoring: revisions.scoring, readiness: revisions.readiness, strategy: revisions.strategy, productManagers: revisions['product-managers'] },
    sourceProject: { id: check.sourceProject.id, key: check.sourceProject.key ?? null },
    migrated: check.migrated,
    recompute: progressView(recompute) as RecomputeProgressView,
  };
}

export async function recomputeNow(context: SettingsContext, projectId: string): Promise<RecomputeProgressView> {
  const progress = await requestRecompute(context.repositories, context.queue, { projectId, reason: 'recompute requested', requestedBy: context.accountId, byProjectAdmin: true, now: context.now?.() });
  return progressView(progress) as RecomputeProgressView;
}

export async function currentProgress(context: SettingsContext, projectId: string): Promise<RecomputeProgressView | null> {
  return progressView(await recomputeProgress(context.repositories, projectId));
}

export async function discoverFieldsFor(context: SettingsContext, projectId: string): Promise<FieldDiscoveryView> {
  const site = await siteOf(context, true);
  return discoverProjectFields(context.jira, projectId, site);
}

export type { ScoringConfig };
