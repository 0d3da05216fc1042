/**
 * The scoring grid's resolvers (project page). The project comes from the context and is re-checked
 * as the user (the project page's scope); the filters, the cursor, the issue key and the cell's
 * value come from the browser and are checked before any of them reaches JQL or Jira: an epic of
 * the project in view, a theme of its strategy, a sprint id, a cursor of Jira's token shape, an
 * issue of the project (checked again once Jira has read it as the user).
 */
import { z } from 'zod';
import type { ScoringGridCellView, ScoringGridPageView } from '../contract';
import { isThemeId } from '../domain/strategy';
import { isIssueKey, isJiraError } from '../jira';
import { forgeRequestJira } from '../jira/forge-request';
import { InputRefusal } from '../services/input-refusal';
import type { BacklogFilters } from '../services/queries';
import { GRID_CURSOR, scoringGridPageOf, writeGridCell } from '../services/scoring-grid';
import { resolverOf } from './envelope';
import { ResolverError } from './failures';
import { cachedSiteFields, inWords, timeZoneOf } from './issue-context';
import { configurationFor, epicThemes, jiraFailure, scopeChecked, siteOf, startScope } from './project-page';

export const BAD_GRID_CURSOR_MESSAGE = 'The grid could not go on from where it was: the place it kept is not one Jira gave. Reload the grid to start again from the top.';
export const STALE_GRID_CURSOR_MESSAGE = 'Jira could not go on from where the grid was (the list may have changed, or the place has expired). Reload the grid to start again from the top.';

const filtersSchema = z.strictObject({
  epic: z.string().max(300).optional(),
  theme: z.string().max(100).nullable().optional(),
  // Jira's sprint ids are positive whole numbers.
  sprint: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});

const pagePayload = z.strictObject({
  list: z.enum(['incomplete', 'all']).optional(),
  filters: filtersSchema.optional(),
  // Checked against Jira's token shape below (in words); the bound keeps a forged one small.
  cursor: z.string().max(1100).optional(),
});

function filtersOf(payload: z.output<typeof filtersSchema> | undefined, themeIds: ReadonlySet<string>, projectKey: string): BacklogFilters {
  if (payload === undefined) return {};
  const { epic, theme, sprint } = payload;
  if (epic !== undefined) {
    if (!isIssueKey(epic)) throw new ResolverError('bad-request', "The epic filter takes an epic's key, such as TL-12.");
    if (projectKey !== '' && !epic.startsWith(`${projectKey}-`)) throw new ResolverError('bad-request', `The epic filter takes an epic of this project (a key starting with ${projectKey}-).`);
  }
  if (theme !== undefined && theme !== null && (!isThemeId(theme) || !themeIds.has(theme))) {
    throw new ResolverError('bad-request', 'The theme filter names no theme of this project: reload the page to see the current themes.');
  }
  return {
    ...(epic === undefined ? {} : { epic }),
    ...(theme === undefined ? {} : { theme: theme === null ? { kind: 'none' as const } : { kind: 'theme' as const, id: theme } }),
    ...(sprint === undefined ? {} : { sprint }),
  };
}

export const getScoringGridPageResolver = resolverOf(pagePayload, async (payload, context): Promise<ScoringGridPageView> => {
  if (payload.cursor !== undefined && !GRID_CURSOR.test(payload.cursor)) throw new ResolverError('bad-request', BAD_GRID_CURSOR_MESSAGE);
  // The site's fields and the configuration are read while the permission check runs; nothing is
  // read from Jira as the user, or said, before it passes.
  const pending = startScope(context);
  const setup = (async () => {
    const site = await siteOf();
    return { site, configuration: await configurationFor(pending.project.id, site) };
  })();
  setup.catch(() => undefined);
  const scope = await scopeChecked(pending);
  try {
    const { site, configuration } = await setup;
    const filters = filtersOf(payload.filters, new Set(configuration.strategy.themes.map((theme) => theme.id)), scope.project.key);
    return await scoringGridPageOf(scope.jira, { project: scope.project, configuration, site, epicThemes: epicThemes(), list: payload.list ?? 'incomplete', filters, cursor: payload.cursor, now: new Date() });
  } catch (error: unknown) {
    // Jira refuses a page token it did not give for this query, and a filter naming an epic or a sprint it does not know.
    if (isJiraError(error) && error.kind === 'bad-request') {
      if (payload.cursor !== undefined) throw new ResolverError('bad-request', STALE_GRID_CURSOR_MESSAGE);
      if (payload.filters !== undefined) throw new ResolverError('bad-request', 'Jira did not accept a filter (an epic or a sprint it does not know, or that you cannot see). Clear the filters and choose again.');
    }
    jiraFailure(error, 'the scoring grid');
  }
});

const cellPayload = z.strictObject({
  issueKey: z.string().min(1).max(300),
  input: z.string().min(1).max(100),
  value: z.union([z.string().max(200), z.number(), z.null()]),
  base: z.union([z.string().max(200), z.number(), z.null()]),
});

export const setScoringGridCellResolver = resolverOf(cellPayload, async (payload, context): Promise<ScoringGridCellView> => {
  const scope = await scopeChecked(startScope(context));
  try {
    return await writeGridCell(forgeRequestJira('user'), scope.project, payload, {
      timeZone: timeZoneOf(context),
      // The project page's configuration source, so the cell written is the column the page showed.
      configuration: configurationFor,
      epicThemes: epicThemes(),
      siteFields: cachedSiteFields(),
    });
  } catch (error: unknown) {
    if (error instanceof InputRefusal) throw new ResolverError(error.code, error.message);
    return inWords(error, 'the issue');
  }
});
