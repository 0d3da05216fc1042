/**
 * Which fields a project's issues actually carry, so that the default configuration of a project
 * nobody configured reads only those (services/default-configuration.ts, `projectDefaultScoring`).
 *
 * One search, as the app: the project's most recently updated issues (at most 100), asking only
 * for the fields that could feed a WSJF input (`SiteFields.scoringCandidates`), counting for each
 * how many of the work items among them (not epics, not subtasks: those are not ranked) hold a
 * value its input can read: a number for a number field (a text "5" or an object does not count),
 * a named priority, a date. Kept per project in Forge storage (storage/project-fields.ts) for a
 * day, so the issue sidebar, the triggers and the bulk recompute build the same default without
 * reading Jira each time; forgotten when a project admin saves the project's settings. A project
 * with no issue yet is asked again after a few minutes: its first issues decide its default.
 *
 * Read as the app only: a user's search leaves out what issue security hides from them, and what
 * one user sees must not decide everyone's default. Callers check first that the user for whom
 * they read may browse the project (the sidebar has just read an issue of it as the user).
 */
import { z } from 'zod';
import { isRecord, issueTypeOf } from '../domain/jira-issue';
import { searchPages } from '../jira';
import type { JiraClient } from '../jira';
import type { ProjectFieldsCache } from '../storage';
import { WSJF_INPUTS, projectDefaultScoring } from './default-configuration';
import type { CandidateKind, CarriedFields, ProjectDefaults, ScoringCandidate } from './default-configuration';
import { recentlyUpdatedJql } from './queries';
import type { SiteFields } from './site-fields';

/** Issues read to judge which fields a project's issues carry. */
export const PROJECT_FIELDS_SAMPLE = 100;
/** How long a project's carried fields are trusted before its issues are read again. */
export const PROJECT_FIELDS_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** A project with no issue is read again sooner: its first issues decide its default. */
export const EMPTY_PROJECT_MAX_AGE_MS = 15 * 60 * 1000;

export interface ProjectFieldSample extends CarriedFields {
  /** The field ids that were asked for: a candidate the site gained since is not judged by this sample. */
  readonly asked: readonly string[];
}

const sampleSchema = z.object({
  sampled: z.int().min(0).max(PROJECT_FIELDS_SAMPLE),
  carried: z.record(z.string().max(255), z.int().min(0).max(PROJECT_FIELDS_SAMPLE)),
  asked: z.array(z.string().max(255)).max(1_000),
});

/** The fields a project's default could read: the candidates of every WSJF input. */
export function candidatesOf(site: SiteFields): ScoringCandidate[] {
  const byId = new Map<string, ScoringCandidate>();
  for (const input of WSJF_INPUTS) for (const candidate of site.scoringCandidates[input]) byId.set(candidate.id, candidate);
  return [...byId.values()];
}

function readable(kind: CandidateKind, value: unknown): boolean {
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (kind === 'priority') return isRecord(value) && typeof value.name === 'string' && value.name !== '';
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

/** Pure: what a page of the project's issues carries, counted over its work items (over every issue when it has none). */
export function sampleOf(issues: readonly { readonly fields: Readonly<Record<string, unknown>> }[], candidates: readonly ScoringCandidate[]): ProjectFieldSample {
  const work = issues.filter((issue) => (issueTypeOf(issue.fields)?.hierarchyLevel ?? 0) === 0);
  const judged = (work.length > 0 ? work : issues).slice(0, PROJECT_FIELDS_SAMPLE);
  const carried: Record<string, number> = {};
  for (const candidate of candidates) {
    const count = judged.filter((issue) => readable(candidate.kind, issue.fields[candidate.id])).length;
    if (count > 0) carried[candidate.id] = count;
  }
  return { sampled: judged.length, carried, asked: candidates.map((candidate) => candidate.id) };
}

/** One search as the app (see the file comment). Throws the client's errors (429, 5xx, refusals). */
export async function readProjectFieldSample(appJira: JiraClient, projectId: string, site: SiteFields): Promise<ProjectFieldSample> {
  const candidates = candidatesOf(site);
  // The first page only: the most recently updated issues are the sample.
  for await (const page of searchPages(appJira, { jql: recentlyUpdatedJql(projectId), fields: ['issuetype', ...candidates.map((candidate) => candidate.id)], pageSize: PROJECT_FIELDS_SAMPLE })) {
    return sampleOf(page.issues, candidates);
  }
  return sampleOf([], candidates);
}

export interface StoredSample {
  readonly sample: ProjectFieldSample;
  /** Whether it may still be used without reading the project's issues again. */
  readonly fresh: boolean;
}

/** The stored sample of a project, any age, with whether it is still fresh; undefined when none (or damaged). */
export async function storedSample(cache: ProjectFieldsCache | undefined, projectId: string, site: SiteFields, now: Date = new Date()): Promise<StoredSample | undefined> {
  const cached = await cache?.get(projectId);
  if (cached === undefined) return undefined;
  const parsed = sampleSchema.safeParse(cached.value);
  // A damaged entry is as good as none: the next reader replaces it.
  if (!parsed.success) return undefined;
  const sample = parsed.data;
  const age = now.getTime() - Date.parse(cached.storedAt);
  const maxAge = sample.sampled === 0 ? EMPTY_PROJECT_MAX_AGE_MS : PROJECT_FIELDS_MAX_AGE_MS;
  const asked = new Set(sample.asked);
  const complete = candidatesOf(site).every((candidate) => asked.has(candidate.id));
  return { sample, fresh: Number.isFinite(age) && age >= 0 && age < maxAge && complete };
}

/** The project's default from what its issues carry, when a sample was ever stored; else undefined (the site's default). */
export async function projectDefaultsOf(cache: ProjectFieldsCache | undefined, projectId: string, site: SiteFields): Promise<ProjectDefaults | undefined> {
  const stored = await storedSample(cache, projectId, site);
  return stored === undefined ? undefined : projectDefaultScoring(site, stored.sample);
}

/**
 * Whether the project's scoring is a default its issues' fields decide (it was never saved): only
 * then are its issues read for it. Readiness rules left at their default take the estimate field
 * of a sample already stored, else the site's.
 */
export function usesProjectDefaults(configuration: { readonly documents: { readonly scoring: { readonly status: string } } }): boolean {
  return configuration.documents.scoring.status === 'default';
}

export interface RefreshOutcome {
  /** 'fresh': nothing read; 'read': the project's issues were read and the sample stored. */
  readonly kind: 'fresh' | 'read';
  /** Whether the default the project's issues give differs from the one used before this read. */
  readonly defaultChanged: boolean;
}

/**
 * Reads the project's issues as the app when its stored sample is missing or old, and stores what
 * they carry. Jira's failures are thrown: the caller decides (the sidebar keeps the site's default
 * for this view and stores nothing; the recompute goes on with what is stored).
 */
export async function refreshProjectFields(appJira: JiraClient, cache: ProjectFieldsCache, projectId: string, site: SiteFields, now: Date = new Date()): Promise<RefreshOutcome> {
  const stored = await storedSample(cache, projectId, site, now);
  if (stored?.fresh === true) return { kind: 'fresh', defaultChanged: false };
  const sample = await readProjectFieldSample(appJira, projectId, site);
  await cache.set(projectId, sample, now);
  const before = stored === undefined ? site.defaultScoring : projectDefaultScoring(site, stored.sample).scoring;
  const after = projectDefaultScoring(site, sample).scoring;
  return { kind: 'read', defaultChanged: JSON.stringify(before) !== JSON.stringify(after) };
}
