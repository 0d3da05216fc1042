/**
 * Finds the fields the app reads, on a site it has never seen, from `GET /rest/api/3/field`.
 *
 * Fields are matched by their type (`schema.custom`), never by name: names are translated,
 * renamed and repeated ("Story Points" three times on one real site, "Release Version History"
 * contains "story"). Field ids differ on every site, so ids are what the app stores.
 *
 * The one exception is the classic story points field: it is a plain number field
 * (`customfieldtypes:float`), the same type as "Task Points", "Actual Story Points" or any other
 * number, so among float fields only its exact name ("Story Points"/"Story points", the
 * untranslated name when Jira gives one) tells it apart. The name never picks a field of another type.
 *
 * When a site has several candidates the choice is explained in `notes`, so settings can show it.
 */
import type { JiraClient } from './client';
import { jiraPath } from './paths';
import { fieldListSchema } from './schemas';
import type { FieldDetails } from './schemas';

export const FIELD_TYPES = {
  storyPoints: 'com.pyxis.greenhopper.jira:jsw-story-points',
  float: 'com.atlassian.jira.plugin.system.customfieldtypes:float',
  sprint: 'com.pyxis.greenhopper.jira:gh-sprint',
  epicLink: 'com.pyxis.greenhopper.jira:gh-epic-link',
  /** The Atlassian Teams field (Cloud, 2023 on). */
  atlassianTeam: 'com.atlassian.jira.plugin.system.customfieldtypes:atlassian-team',
  /** Advanced Roadmaps' (Plans') Team field. */
  roadmapsTeam: 'com.atlassian.teams:rm-teams-custom-field-team',
} as const;

const CLASSIC_STORY_POINT_NAMES = new Set(['Story Points', 'Story points']);
const FORGE_FIELD_TYPE_PREFIX = 'ari:cloud:ecosystem::extension/';

export interface FieldRef {
  readonly id: string;
  readonly name: string;
  /** `schema.custom`: the field's type. */
  readonly type: string;
}

export interface FieldChoice {
  /** The chosen field id, or undefined when the site has none. */
  readonly id: string | undefined;
  /** Every field that could serve, in order of preference (the chosen one first). */
  readonly candidates: readonly FieldRef[];
  /** Why this one, when there was a choice to make. */
  readonly note: string | undefined;
}

export interface DiscoveredFields {
  readonly storyPoints: FieldChoice;
  readonly sprint: FieldChoice;
  readonly epicLink: FieldChoice;
  readonly team: FieldChoice;
  /** The app's own Forge custom fields, by module key. */
  readonly appFields: Readonly<Record<string, FieldChoice>>;
  /** Every note above, for a settings page or a log line. */
  readonly notes: readonly string[];
}

export interface DiscoverOptions {
  /** Keys of the app's `jira:customField` modules, e.g. ["throughline-score"]. */
  readonly appFieldKeys?: readonly string[];
  /** The app id (the uuid in the manifest's app.id), to ignore another app's field with the same key. */
  readonly appId?: string;
}

function typeOf(field: FieldDetails): string | undefined {
  return field.schema?.custom;
}

function refOf(field: FieldDetails): FieldRef {
  return { id: field.id, name: field.name, type: typeOf(field) ?? '' };
}

/** customfield_10016 → 10016; the oldest field has the lowest number. */
function numberOf(field: FieldDetails): number {
  if (field.schema?.customId !== undefined) return field.schema.customId;
  const match = /(\d+)$/.exec(field.id);
  return match === null ? Number.MAX_SAFE_INTEGER : Number(match[1]);
}

function oldestFirst(fields: readonly FieldDetails[]): FieldDetails[] {
  return [...fields].sort((a, b) => numberOf(a) - numberOf(b));
}

function listed(refs: readonly FieldRef[]): string {
  return refs.map((ref) => `${ref.id} "${ref.name}"`).join(', ');
}

/**
 * Fields of the given types, preferred type first. Several fields of one type means admins made
 * copies: the oldest is the one the plugin created.
 */
function chooseByType(label: string, fields: readonly FieldDetails[], types: readonly string[], typePreference?: string): FieldChoice {
  const matches = oldestFirst(fields.filter((field) => types.includes(typeOf(field) ?? '')));
  // Stable sort: by type preference, then still oldest first.
  matches.sort((a, b) => types.indexOf(typeOf(a) ?? '') - types.indexOf(typeOf(b) ?? ''));
  const candidates = matches.map(refOf);
  const chosen = candidates[0];
  if (chosen === undefined) return { id: undefined, candidates, note: undefined };
  if (candidates.length === 1) return { id: chosen.id, candidates, note: undefined };
  const mixed = candidates.some((candidate) => candidate.type !== chosen.type);
  const why = mixed && typePreference !== undefined ? `${typePreference}, then the oldest (lowest id)` : 'the oldest (lowest id), which is the one the plugin created';
  return { id: chosen.id, candidates, note: `${label}: ${candidates.length} candidates (${listed(candidates)}); chose ${chosen.id}, ${why}.` };
}

function chooseStoryPoints(fields: readonly FieldDetails[]): FieldChoice {
  // Both hold numbers (`schema.type: number`); anything else with these types is not usable as points.
  const numeric = fields.filter((field) => field.schema?.type === 'number');
  const jsw = oldestFirst(numeric.filter((field) => typeOf(field) === FIELD_TYPES.storyPoints));
  const classic = oldestFirst(
    numeric.filter((field) => typeOf(field) === FIELD_TYPES.float && CLASSIC_STORY_POINT_NAMES.has((field.untranslatedName ?? field.name).trim())),
  );
  const candidates = [...jsw, ...classic].map(refOf);
  const chosen = candidates[0];
  if (chosen === undefined) return { id: undefined, candidates, note: undefined };
  if (candidates.length === 1) return { id: chosen.id, candidates, note: undefined };
  let why: string;
  if (jsw.length > 0 && classic.length > 0) {
    why = `Jira Software's story point field (jsw-story-points) is preferred over the classic number field named "Story Points", because the current Jira issue view and boards edit it`;
    if (jsw.length > 1) why += `; of ${jsw.length} such fields, the oldest (lowest id)`;
  } else {
    why = `the oldest (lowest id) of ${candidates.length} fields of the same kind; name and type cannot tell them apart, so a board's estimation field or the app settings should confirm it`;
  }
  return { id: chosen.id, candidates, note: `Story points: ${candidates.length} candidates (${listed(candidates)}); chose ${chosen.id}: ${why}.` };
}

/**
 * A Forge field's type is `ari:cloud:ecosystem::extension/{app-id}/{environment-id}/static/{module-key}`
 * (Forge manifest reference, jira:customField, "Field lifecycle"). The key must be the whole last
 * segment: "score" must not find "other-score".
 */
function isAppFieldType(type: string | undefined, fieldKey: string, appId: string | undefined): boolean {
  if (type?.startsWith(FORGE_FIELD_TYPE_PREFIX) !== true) return false;
  const [app, environment, kind, key, ...rest] = type.slice(FORGE_FIELD_TYPE_PREFIX.length).split('/');
  return rest.length === 0 && app !== undefined && app !== '' && environment !== undefined && environment !== '' && kind === 'static' && key === fieldKey && (appId === undefined || app === appId);
}

function chooseAppField(fieldKey: string, fields: readonly FieldDetails[], appId: string | undefined): FieldChoice {
  const matches = oldestFirst(fields.filter((field) => isAppFieldType(typeOf(field), fieldKey, appId)));
  const candidates = matches.map(refOf);
  const chosen = candidates[0];
  const note =
    chosen !== undefined && candidates.length > 1
      ? `App field "${fieldKey}": ${candidates.length} candidates (${listed(candidates)}); chose ${chosen.id}, the oldest. Pass the app id to rule out another app's field with the same key.`
      : undefined;
  return { id: chosen?.id, candidates, note };
}

/** Pure: which field ids serve story points, sprint, epic link, team and the app's fields. */
export function discoverFields(fields: readonly FieldDetails[], options: DiscoverOptions = {}): DiscoveredFields {
  const storyPoints = chooseStoryPoints(fields);
  const sprint = chooseByType('Sprint', fields, [FIELD_TYPES.sprint]);
  const epicLink = chooseByType('Epic Link', fields, [FIELD_TYPES.epicLink]);
  const team = chooseByType('Team', fields, [FIELD_TYPES.atlassianTeam, FIELD_TYPES.roadmapsTeam], "the Atlassian Teams field is preferred over Advanced Roadmaps' Team field, which it replaces");
  const appFields: Record<string, FieldChoice> = {};
  for (const key of options.appFieldKeys ?? []) appFields[key] = chooseAppField(key, fields, options.appId);
  const notes = [storyPoints, sprint, epicLink, team, ...Object.values(appFields)]
    .map((choice) => choice.note)
    .filter((note): note is string => note !== undefined);
  return { storyPoints, sprint, epicLink, team, appFields, notes };
}

/** `GET /rest/api/3/field`: every field of the site, system and custom. */
export async function fetchFields(jira: JiraClient): Promise<FieldDetails[]> {
  return jira.json({ operation: 'fields', method: 'GET', path: jiraPath`/rest/api/3/field`, schema: fieldListSchema, subject: 'the field list' });
}

export async function discoverSiteFields(jira: JiraClient, options: DiscoverOptions = {}): Promise<DiscoveredFields> {
  return discoverFields(await fetchFields(jira), options);
}
