/**
 * The ranked backlog, a page at a time: ONE search as the user per page, in the order Jira keeps
 * by the app's "Priority score" field, so the first 100 rows come from one call whatever the
 * project's size and rows already shown never move. The project comes from the context and is
 * re-checked as the user (the project page's scope); the cursor and the filters come from the
 * browser and are checked before any of them reaches JQL: a cursor of the app's own shape, a theme
 * of the project's strategy, an epic key of the project in view.
 */
import { z } from 'zod';
import type { RankedBacklogPageView } from '../contract';
import { isThemeId } from '../domain/strategy';
import { isIssueKey, isJiraError } from '../jira';
import { parseBacklogCursor, rankedBacklogPageOf } from '../services/project-page';
import { createBacklogOrderStore } from '../storage';
import { forgeKvs } from '../storage/forge-kvs';
import type { BacklogFilters } from '../services/queries';
import { resolverOf } from './envelope';
import { ResolverError } from './failures';
import { configurationFor, epicThemes, jiraFailure, scopeChecked, siteOf, startScope } from './project-page';

export const BAD_CURSOR_MESSAGE = 'The backlog could not go on from where it was: the place it kept is not one it gave. Reload the backlog to start again from the top.';
export const STALE_CURSOR_MESSAGE = 'Jira could not go on from where the backlog was (the list may have changed, or the place has expired). Reload the backlog to start again from the top.';

const filtersSchema = z.strictObject({
  statusCategory: z.enum(['new', 'indeterminate']).optional(),
  // Jira's status names are at most 255 characters.
  status: z.string().min(1).max(255).optional(),
  epic: z.string().max(300).optional(),
  theme: z.string().max(100).nullable().optional(),
  readiness: z.enum(['ready', 'not-ready', 'not-applicable']).optional(),
});

const pagePayload = z.strictObject({
  list: z.enum(['ranked', 'incomplete']),
  // Checked against the app's own shape below (in words); the bound keeps a forged one small.
  cursor: z.string().max(1100).optional(),
  filters: filtersSchema.optional(),
});

type FiltersPayload = z.output<typeof filtersSchema>;

/** The filters as the query takes them, or a refusal in words naming what is wrong. */
function filtersOf(payload: FiltersPayload | undefined, themeIds: ReadonlySet<string>, projectKey: string): BacklogFilters {
  if (payload === undefined) return {};
  const { epic, theme } = payload;
  if (epic !== undefined) {
    if (!isIssueKey(epic)) throw new ResolverError('bad-request', 'The epic filter takes an epic\'s key, such as TL-12.');
    // A key names its project: an epic of another project has no story in this backlog.
    if (projectKey !== '' && !epic.startsWith(`${projectKey}-`)) throw new ResolverError('bad-request', `The epic filter takes an epic of this project (a key starting with ${projectKey}-).`);
  }
  if (theme !== undefined && theme !== null && (!isThemeId(theme) || !themeIds.has(theme))) {
    throw new ResolverError('bad-request', 'The theme filter names no theme of this project: reload the page to see the current themes.');
  }
  return {
    ...(payload.statusCategory === undefined ? {} : { statusCategory: payload.statusCategory }),
    ...(payload.status === undefined ? {} : { status: payload.status }),
    ...(epic === undefined ? {} : { epic }),
    ...(theme === undefined ? {} : { theme: theme === null ? { kind: 'none' as const } : { kind: 'theme' as const, id: theme } }),
    ...(payload.readiness === undefined ? {} : { readiness: payload.readiness }),
  };
}

export const getRankedBacklogPageResolver = resolverOf(pagePayload, async (payload, context): Promise<RankedBacklogPageView> => {
  const cursor = payload.cursor === undefined ? undefined : parseBacklogCursor(payload.cursor);
  if (payload.cursor !== undefined && (cursor === undefined || cursor.list !== payload.list)) throw new ResolverError('bad-request', BAD_CURSOR_MESSAGE);
  // The site's fields and the configuration are read while the permission check runs; nothing is
  // read from Jira as the user, or said, before it passes.
  const pending = startScope(context);
  const setup = (async () => {
    const site = await siteOf();
    return { site, configuration: await configurationFor(pending.project.id, site) };
  })();
  setup.catch(() => undefined);
  // The project's pins (the app's storage), shown on their rows only once the user may browse the project.
  const pins = createBacklogOrderStore(forgeKvs()).pins(pending.project.id);
  pins.catch(() => undefined);
  const scope = await scopeChecked(pending);
  try {
    const { site, configuration } = await setup;
    const filters = filtersOf(payload.filters, new Set(configuration.strategy.themes.map((theme) => theme.id)), scope.project.key);
    const view = await rankedBacklogPageOf(scope.jira, { project: scope.project, configuration, site, epicThemes: epicThemes(), list: payload.list, filters, cursor, now: new Date() });
    const pinned = new Map(Object.values(await pins.catch(() => ({}))).map((pin) => [pin.key, { by: pin.by, at: pin.at, reason: pin.reason }]));
    if (pinned.size === 0) return view;
    return {
      ...view,
      rows: view.rows.map((row) => {
        const pin = pinned.get(row.key);
        return pin === undefined ? row : { ...row, pinned: pin };
      }),
    };
  } catch (error: unknown) {
    // Jira refuses a page token it did not give for this query, and a filter naming a status or an epic it does not know.
    if (isJiraError(error) && error.kind === 'bad-request') {
      if (cursor !== undefined) throw new ResolverError('bad-request', STALE_CURSOR_MESSAGE);
      if (payload.filters !== undefined) throw new ResolverError('bad-request', 'Jira did not accept a filter (a status or an epic it does not know, or that you cannot see). Clear the filters and choose again.');
    }
    jiraFailure(error, 'the backlog');
  }
});
