/**
 * What Throughline needs to know about the site's fields, found by field discovery
 * (`GET /rest/api/3/field`, matched by type, never by name) and kept in storage for a few hours so
 * that a trigger does not read the field list on every issue change:
 *
 * - the ids of the app's own Forge fields ("Priority score", "Readiness") on this site;
 * - story points and Epic Link, for the readiness rules;
 * - the default WSJF configuration built from the fields the site has;
 * - the fields that could feed each WSJF input, from which a project's own default is chosen by
 *   what its issues carry (services/project-fields.ts).
 */
import { z } from 'zod';
import { parseScoringConfig } from '../domain/scoring';
import type { ScoringConfig } from '../domain/scoring';
import { discoverFields, fetchFields } from '../jira';
import type { FieldDetails, JiraClient } from '../jira';
import type { SiteCache } from '../storage';
import { defaultScoringFor, scoringCandidatesOf } from './default-configuration';
import type { ScoringCandidates } from './default-configuration';

/** The keys of the app's `jira:customField` modules (manifest.yml). */
export const APP_FIELD_KEYS = { score: 'priority-score', readiness: 'readiness' } as const;
/** The issue property the readiness verdict is written to, indexed by the `jira:entityProperty` module. */
export const READINESS_PROPERTY_KEY = 'throughline.readiness';
/** The issue property holding an epic's theme (`{ themeId }`). */
export const THEME_PROPERTY_KEY = 'throughline.theme';

/** How long discovered field ids are trusted before the field list is read again. */
export const SITE_FIELDS_MAX_AGE_MS = 6 * 60 * 60 * 1000;

export interface SiteFields {
  /** The app's own field ids on this site; null when Jira does not list the field (yet). */
  readonly appFields: { readonly score: string | null; readonly readiness: string | null };
  readonly storyPoints: { readonly id: string; readonly name: string } | null;
  readonly epicLinkFieldId: string | null;
  /** WSJF over the fields this site has: the configuration of a project never configured. */
  readonly defaultScoring: ScoringConfig;
  /** The fields that could feed each WSJF input, best first: a project's default takes those its issues carry. */
  readonly scoringCandidates: ScoringCandidates;
  /** Why a field was chosen among several, for the settings page. */
  readonly notes: readonly string[];
}

const candidateSchema = z.object({ id: z.string().min(1).max(255), name: z.string().max(255), kind: z.enum(['number', 'priority', 'date']) });

const cachedSchema = z.object({
  /** The app id the discovery ran with: only such entries are ever stored, or trusted. */
  appId: z.string().min(1),
  appFields: z.object({ score: z.string().nullable(), readiness: z.string().nullable() }),
  storyPoints: z.object({ id: z.string(), name: z.string() }).nullable(),
  epicLinkFieldId: z.string().nullable(),
  defaultScoring: z.unknown(),
  // Required: an entry written before candidates were kept is read again rather than used without them.
  scoringCandidates: z.object({
    businessValue: z.array(candidateSchema),
    timeCriticality: z.array(candidateSchema),
    riskReduction: z.array(candidateSchema),
    jobSize: z.array(candidateSchema),
  }),
  notes: z.array(z.string()),
});

/** Pure: the site's facts from its field list. */
export function siteFieldsOf(fields: readonly FieldDetails[], appId?: string): SiteFields {
  const discovered = discoverFields(fields, { appFieldKeys: [APP_FIELD_KEYS.score, APP_FIELD_KEYS.readiness], appId });
  const storyPointsId = discovered.storyPoints.id;
  const storyPoints = storyPointsId === undefined ? null : { id: storyPointsId, name: fields.find((field) => field.id === storyPointsId)?.name ?? storyPointsId };
  return {
    appFields: {
      score: discovered.appFields[APP_FIELD_KEYS.score]?.id ?? null,
      readiness: discovered.appFields[APP_FIELD_KEYS.readiness]?.id ?? null,
    },
    storyPoints,
    epicLinkFieldId: discovered.epicLink.id ?? null,
    defaultScoring: defaultScoringFor(fields, storyPoints?.id),
    scoringCandidates: scoringCandidatesOf(fields, discovered.storyPoints.candidates),
    notes: discovered.notes,
  };
}

function fromCache(value: unknown, appId: string | undefined): SiteFields | undefined {
  const parsed = cachedSchema.safeParse(value);
  // An entry without the app id (written before it was recorded) may hold another app's field.
  if (!parsed.success || (appId !== undefined && parsed.data.appId !== appId)) return undefined;
  const scoring = parseScoringConfig(parsed.data.defaultScoring);
  if (!scoring.ok) return undefined;
  const { appFields, storyPoints, epicLinkFieldId, notes, scoringCandidates } = parsed.data;
  return { appFields, storyPoints, epicLinkFieldId, notes, scoringCandidates, defaultScoring: scoring.config };
}

export interface LoadSiteFieldsOptions {
  /** The app's id (manifest app.id's uuid), so another app's field with the same key is not taken. */
  readonly appId: string | undefined;
  readonly now?: Date;
  /** Read the field list even when the cache is fresh (a write that failed on a field id). */
  readonly refresh?: boolean;
}

/** The cached facts when fresh and complete, else undefined. */
async function freshFromCache(cache: SiteCache, options: LoadSiteFieldsOptions, now: Date): Promise<SiteFields | undefined> {
  if (options.refresh === true) return undefined;
  const cached = await cache.get();
  if (cached === undefined || now.getTime() - Date.parse(cached.storedAt) >= SITE_FIELDS_MAX_AGE_MS) return undefined;
  const site = fromCache(cached.value, options.appId);
  // Ids not found last time are looked for again: the app's fields appear after installation.
  return site !== undefined && site.appFields.score !== null && site.appFields.readiness !== null ? site : undefined;
}

/**
 * For triggers and the queue consumer (Jira as the app): the site's fields from the cache, or from
 * Jira (one call) when the cache is old or missing, and then cached for everyone. The cache is
 * written only here and only with the app id: a discovery that cannot tell the app's own field
 * from another app's with the same key ("priority-score") would make every trigger write to the
 * wrong field until the entry expires.
 */
export async function loadSiteFields(jira: JiraClient, cache: SiteCache, options: LoadSiteFieldsOptions): Promise<SiteFields> {
  const now = options.now ?? new Date();
  const cached = await freshFromCache(cache, options, now);
  if (cached !== undefined) return cached;
  const site = siteFieldsOf(await fetchFields(jira), options.appId);
  if (options.appId !== undefined) await cache.set({ ...site, appId: options.appId }, now);
  return site;
}

/**
 * For resolvers (Jira as the user): the cached facts when fresh, else the field list read as the
 * user for this request only. Never written to the cache: what a user's read finds is not the
 * site's word (Jira lists only the fields the user's projects use), and the triggers trust the
 * cache for six hours.
 */
export async function siteFieldsForUser(jira: JiraClient, cache: SiteCache, options: LoadSiteFieldsOptions): Promise<SiteFields> {
  const now = options.now ?? new Date();
  return (await freshFromCache(cache, options, now)) ?? siteFieldsOf(await fetchFields(jira), options.appId);
}
