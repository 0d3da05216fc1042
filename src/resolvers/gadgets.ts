/**
 * The dashboard gadgets' resolvers (jira:dashboardGadget). A gadget's configuration
 * (`context.extension.gadgetConfiguration`) is written by whoever may edit the dashboard, so it is
 * read like a payload: its shape checked, and its project checked as the VIEWER (Browse projects)
 * before anything of the project is read; a viewer who may not browse it is told so and learns
 * nothing else. The picker lists projects as the user; the numbers come from the app's rollups,
 * as on the project page.
 */
import { z } from 'zod';
import type { CheckedGadgetConfiguration, GadgetBoardsView, GadgetConfiguration, GadgetProjectsView, GadgetThemesView, VisionAlignmentView } from '../contract';
import { createJiraClient, getBoard, getProject, isJiraError, searchBoards, searchProjects } from '../jira';
import type { Board, JiraClient, ProjectChoice } from '../jira';
import { forgeRequestJira } from '../jira/forge-request';
import { forgeQueue } from '../events/platform';
import { forgeStorage } from '../storage/forge-kvs';
import { requestRecompute } from '../services/recompute';
import { PAGE_SIZE, projectAccess, readEpicsSnapshot, visionMapFromRollups } from '../services/project-page';
import { visionAlignmentOf } from '../services/gadgets/vision-alignment';
import { resolverOf } from './envelope';
import { ResolverError, failureInWords } from './failures';
import { callerOf } from './permissions';
import { configurationFor, epicThemes, siteOf, usesIssueSecurity } from './project-page';
import { viewerLocale } from '../services/viewer-numbers';

export const GADGET_NO_PROJECT_MESSAGE = "You don't have access to the project this gadget shows, or it no longer exists. Ask a project admin for the Browse projects permission, or edit the gadget to choose another project.";
export const GADGET_NO_BOARD_MESSAGE = "You can't see the board this gadget shows, or it no longer exists. Ask a Jira admin for access to its project, or edit the gadget to choose another board.";
const FORGED_MESSAGE = 'This gadget was set up with a configuration Throughline does not recognise. Edit the gadget and choose a project.';
const FORGED_BOARD_MESSAGE = 'This gadget was set up with a configuration Throughline does not recognise. Edit the gadget and choose a board.';
const NO_THEME_MESSAGE = 'The chosen theme is not one of the project\'s themes. Edit the gadget and choose one of its themes, or every theme.';

const NUMERIC_ID = /^[1-9][0-9]{0,17}$/;
const THEME_ID = /^[A-Za-z0-9_-]{1,100}$/;
/** Jira accepts any positive number of minutes; a day is the longest interval offered. */
const REFRESH_MINUTES = [0, 15, 30, 60, 120, 240, 1440] as const;
/** The gadget whose configuration names a board rather than a project. */
const BOARD_GADGET = 'sprint-readiness';

const configurationSchema = z
  .strictObject({
    projectId: z.string().regex(NUMERIC_ID, { error: 'must be a project id such as 10000' }).optional(),
    boardId: z.string().regex(NUMERIC_ID, { error: 'must be a board id such as 12' }).optional(),
    refresh: z.int().refine((minutes) => (REFRESH_MINUTES as readonly number[]).includes(minutes), { error: `must be one of ${REFRESH_MINUTES.join(', ')} minutes` }),
    top: z.union([z.literal(5), z.literal(10), z.literal(20)]).optional(),
    themeId: z.string().regex(THEME_ID, { error: 'must be a theme id' }).optional(),
  })
  .refine((configuration) => (configuration.projectId === undefined) !== (configuration.boardId === undefined), { error: 'must name a project or a board' });

const extensionSchema = z.looseObject({ type: z.literal('jira:dashboardGadget'), gadgetConfiguration: z.unknown().optional() });

/** These resolvers serve gadgets only: called from another module, they are refused. */
function assertGadget(context: Readonly<Record<string, unknown>>): void {
  if (!extensionSchema.safeParse(context.extension).success) throw new ResolverError('bad-request', 'This is asked by a dashboard gadget: no gadget is in view here.');
}

/** Whether the gadget in view chooses a board (Sprint readiness) rather than a project. */
function choosesBoard(context: Readonly<Record<string, unknown>>): boolean {
  return context.moduleKey === BOARD_GADGET;
}

const savedSchema = z.looseObject({
  projectId: z.string().regex(NUMERIC_ID).optional(),
  boardId: z.string().regex(NUMERIC_ID).optional(),
  refresh: z.int().min(0).max(1440).optional(),
  top: z.int().min(1).max(20).optional(),
  themeId: z.string().regex(THEME_ID).optional(),
});

/** The gadget's saved configuration; undefined while nobody configured it. Never trusted: shape here, access next. */
export function configurationIn(context: Readonly<Record<string, unknown>>): GadgetConfiguration | undefined {
  assertGadget(context);
  const extension = extensionSchema.safeParse(context.extension);
  const saved = extension.success ? extension.data.gadgetConfiguration : undefined;
  if (saved === undefined || saved === null) return undefined;
  const board = choosesBoard(context);
  // Nothing chosen yet (Jira hands an empty object, or keys of its own).
  if (typeof saved === 'object' && !Array.isArray(saved) && !('projectId' in saved) && !('boardId' in saved)) return undefined;
  // Jira keeps what the edit view submitted and may add its own keys: only ours are read.
  const parsed = savedSchema.safeParse(saved);
  if (!parsed.success) throw new ResolverError('bad-request', board ? FORGED_BOARD_MESSAGE : FORGED_MESSAGE);
  const { projectId, boardId, refresh, top, themeId } = parsed.data;
  if (board) {
    // A Sprint readiness gadget saved before it chose boards named a project: it asks for a board.
    if (boardId === undefined) return undefined;
    return { boardId, refresh: refresh ?? 0 };
  }
  if (projectId === undefined) throw new ResolverError('bad-request', FORGED_MESSAGE);
  return { projectId, refresh: refresh ?? 0, ...(top === undefined ? {} : { top }), ...(themeId === undefined ? {} : { themeId }) };
}

export const userJira = (): JiraClient => createJiraClient(forgeRequestJira('user'));

/** The project, if the user may browse it (asked as the user); otherwise 'not-found' in words. */
export async function browsableProject(jira: JiraClient, projectId: string): Promise<ProjectChoice> {
  try {
    const [access, project] = await Promise.all([projectAccess(jira, projectId), getProject(jira, projectId)]);
    if (!access.canBrowse) throw new ResolverError('not-found', GADGET_NO_PROJECT_MESSAGE);
    return project;
  } catch (error: unknown) {
    if (error instanceof ResolverError) throw error;
    if (isJiraError(error) && (error.kind === 'not-found' || error.kind === 'forbidden')) throw new ResolverError('not-found', GADGET_NO_PROJECT_MESSAGE);
    throw failureInWords(error, { what: 'the project', notFound: { code: 'not-found', message: GADGET_NO_PROJECT_MESSAGE } });
  }
}

/**
 * The board, if the user can see it (asked as the user: Jira answers 404 otherwise), in a project:
 * refused in words, naming nothing of it. Its project is not checked here (visibleBoard does).
 */
async function visibleBoardOnly(jira: JiraClient, boardId: string): Promise<Board & { readonly location: { readonly projectId: number; readonly projectKey?: string } }> {
  let board: Board;
  try {
    board = await getBoard(jira, Number(boardId));
  } catch (error: unknown) {
    if (isJiraError(error) && (error.kind === 'not-found' || error.kind === 'forbidden' || error.kind === 'bad-request')) throw new ResolverError('not-found', GADGET_NO_BOARD_MESSAGE);
    throw failureInWords(error, { what: 'the board', notFound: { code: 'not-found', message: GADGET_NO_BOARD_MESSAGE } });
  }
  // A board kept in a user's own location has no project: its rules and scores have no home.
  const projectId = board.location?.projectId;
  if (projectId === undefined) throw new ResolverError('not-found', 'The board this gadget shows belongs to no project, so Throughline has no readiness rules for it. Edit the gadget to choose a project\'s board.');
  return { ...board, location: { ...board.location, projectId } };
}

/**
 * The board, if the user can see it, and its project, which the user must browse. A board that
 * does not exist, that they cannot see, or that lives in no project they may browse is refused in
 * the same words, naming nothing of it.
 */
export async function visibleBoard(jira: JiraClient, boardId: string): Promise<{ readonly board: Board; readonly project: ProjectChoice }> {
  const board = await visibleBoardOnly(jira, boardId);
  try {
    return { board, project: await browsableProject(jira, String(board.location.projectId)) };
  } catch (error: unknown) {
    if (error instanceof ResolverError && error.code === 'not-found') throw new ResolverError('not-found', GADGET_NO_BOARD_MESSAGE);
    throw error;
  }
}

/** The theme of the project's strategy with this id; refused in words when it is not one of them. */
export async function projectTheme(projectId: string, themeId: string): Promise<{ readonly id: string; readonly name: string }> {
  const configuration = await configurationFor(projectId, await siteOf());
  const theme = configuration.strategy.themes.find((candidate) => candidate.id === themeId);
  if (theme === undefined) throw new ResolverError('bad-request', NO_THEME_MESSAGE);
  return { id: theme.id, name: theme.name };
}

/**
 * What every gadget's view reads first: its saved project, its check as the viewer STARTED. A
 * gadget must open in about a second, and the check is a round trip to Jira: the gadget's own reads
 * as the viewer (Jira shows them only what they may see) and of the app's storage go beside it.
 * Nothing of the project is answered, and nothing is asked of Jira as the app, before `checked`
 * has settled: a viewer refused learns nothing else.
 */
export interface GadgetStart {
  readonly saved: GadgetConfiguration;
  /** Jira as the viewer. */
  readonly jira: JiraClient;
  /** The saved project's id (its shape checked; the project not yet). */
  readonly projectId: string;
  /** The project once the viewer may browse it; refused in words otherwise. */
  readonly checked: Promise<ProjectChoice>;
}

/** The gadget's project with its check under way; undefined while nobody configured the gadget. */
export function startGadgetProject(context: Readonly<Record<string, unknown>>): GadgetStart | undefined {
  const saved = configurationIn(context);
  if (saved === undefined) return undefined;
  if (saved.projectId === undefined) throw new ResolverError('bad-request', FORGED_MESSAGE);
  const jira = userJira();
  return { saved, jira, projectId: saved.projectId, checked: browsableProject(jira, saved.projectId) };
}

/** The Sprint readiness gadget's board, seen as the viewer, and its project's check under way; undefined while nobody chose a board. */
export async function startGadgetBoard(context: Readonly<Record<string, unknown>>, jira: JiraClient = userJira()): Promise<(GadgetStart & { readonly board: Board; readonly projectKey: string }) | undefined> {
  const saved = configurationIn(context);
  if (saved?.boardId === undefined) return undefined;
  const board = await visibleBoardOnly(jira, saved.boardId);
  const projectId = String(board.location.projectId);
  const checked = browsableProject(jira, projectId).catch((error: unknown) => {
    // The board's project refused: said as the board's refusal, naming nothing of it.
    if (error instanceof ResolverError && error.code === 'not-found') throw new ResolverError('not-found', GADGET_NO_BOARD_MESSAGE);
    throw error;
  });
  return { saved, jira, projectId, checked, board, projectKey: board.location.projectKey ?? '' };
}

/**
 * Reads started beside a check: `work` runs at once; its answer is given only once `checked` has
 * let the viewer in. A refusal wins over whatever the work met (Jira's own refusal of the same
 * viewer, most likely); the work's failure is otherwise its own.
 */
export async function besideCheck<T>(checked: Promise<ProjectChoice>, work: () => Promise<T>): Promise<{ readonly found: ProjectChoice; readonly value: T }> {
  const working = work();
  // Handled below; not an unhandled rejection while the check is awaited.
  working.catch(() => undefined);
  const found = await checked;
  return { found, value: await working };
}

const projectsPayload = z.strictObject({ query: z.string().max(100).optional() });

export const listGadgetProjectsResolver = resolverOf(projectsPayload, async (payload, context): Promise<GadgetProjectsView> => {
  assertGadget(context);
  try {
    return await searchProjects(userJira(), { query: payload.query?.trim() ?? '', maxResults: 50 });
  } catch (error: unknown) {
    throw failureInWords(error, { what: 'your projects' });
  }
});

export const listGadgetBoardsResolver = resolverOf(projectsPayload, async (payload, context): Promise<GadgetBoardsView> => {
  assertGadget(context);
  try {
    // Scrum boards only: the gadget reads a board's next sprint, and only Scrum boards have sprints.
    const found = await searchBoards(userJira(), { name: payload.query?.trim() ?? '', type: 'scrum', maxResults: 50 });
    return { boards: found.boards.map((board) => ({ id: String(board.id), name: board.name, type: board.type, projectKey: board.location?.projectKey ?? null })), more: found.more };
  } catch (error: unknown) {
    throw failureInWords(error, { what: 'your boards' });
  }
});

const themesPayload = z.strictObject({ projectId: z.string().regex(NUMERIC_ID, { error: 'must be a project id such as 10000' }) });

export const listGadgetThemesResolver = resolverOf(themesPayload, async (payload, context): Promise<GadgetThemesView> => {
  assertGadget(context);
  const project = await browsableProject(userJira(), payload.projectId);
  const configuration = await configurationFor(project.id, await siteOf());
  return { themes: configuration.strategy.themes.map((theme) => ({ id: theme.id, name: theme.name })) };
});

export const checkGadgetConfigurationResolver = resolverOf(configurationSchema, async (payload, context): Promise<CheckedGadgetConfiguration> => {
  assertGadget(context);
  const board = choosesBoard(context);
  if (board !== (payload.boardId !== undefined)) throw new ResolverError('bad-request', board ? 'Choose a board for this gadget.' : 'Choose a project for this gadget.');
  if (payload.boardId !== undefined) {
    const seen = await visibleBoard(userJira(), payload.boardId);
    return { configuration: { boardId: String(seen.board.id), refresh: payload.refresh }, project: seen.project };
  }
  const project = await browsableProject(userJira(), payload.projectId ?? '');
  const theme = payload.themeId === undefined ? undefined : await projectTheme(project.id, payload.themeId);
  return {
    configuration: { projectId: project.id, refresh: payload.refresh, ...(payload.top === undefined ? {} : { top: payload.top }), ...(theme === undefined ? {} : { themeId: theme.id }) },
    project,
  };
});

const noPayload = z.strictObject({});

export const getVisionAlignmentResolver = resolverOf(noPayload, async (_payload, context): Promise<VisionAlignmentView> => {
  const gadget = startGadgetProject(context);
  if (gadget === undefined) return { status: 'unconfigured' };
  const { jira, projectId, checked } = gadget;
  try {
    const site = await siteOf();
    const storage = forgeStorage();
    const stored = Promise.all([configurationFor(projectId, site), storage.rollups.readIndex(projectId), storage.rollups.loadState(projectId), storage.recompute.load(projectId)]);
    // Beside the viewer's check: the app's storage, then the project's epics as the viewer (once
    // the project has been counted: the numbers come from its rollups).
    const { found, value: [[configuration, index, state, run], snapshot] } = await besideCheck(checked, async () => {
      const kept = await stored;
      const [configurationKept, indexKept, stateKept] = kept;
      if (stateKept === undefined || stateKept.reconciledAt === null) return [kept, undefined] as const;
      const manyEpics = [...indexKept.keys()].filter((group) => group.startsWith('epic:')).length > PAGE_SIZE;
      // Goes on beside the count of secured issues below, which is asked as the app: after the check.
      const reading = readEpicsSnapshot(jira, configurationKept, site, epicThemes(), projectId, new Date(), { manyEpics });
      // Awaited below once the check has let the viewer in; not an unhandled rejection if it refuses.
      reading.catch(() => undefined);
      return [kept, reading] as const;
    });
    const project = { id: found.id, key: found.key };
    if (await usesIssueSecurity(project.id)) return { status: 'not-counted', project, message: 'This project uses issue security, so its numbers are counted for each viewer: open the project page to see them.' };
    if (state === undefined || state.reconciledAt === null || snapshot === undefined) {
      if (run?.status !== 'running') await requestRecompute(storage, forgeQueue(), { projectId: project.id, reason: 'the first count for a dashboard gadget', requestedBy: callerOf(context) });
      return { status: 'not-counted', project, message: 'Throughline is counting this project for the first time. The numbers appear here when it has finished.' };
    }
    if (state.overflow.length > 0) return { status: 'not-counted', project, message: 'An epic of this project has more stories than Throughline keeps a count of: open the project page to see the numbers.' };
    const map = await visionMapFromRollups(jira, project, false, configuration, await snapshot, { index, state, run: run?.progress ?? null }, viewerLocale(context));
    return visionAlignmentOf({ ...project, name: found.name }, map);
  } catch (error: unknown) {
    if (error instanceof ResolverError) throw error;
    throw failureInWords(error, { what: 'vision alignment', notFound: { code: 'not-found', message: GADGET_NO_PROJECT_MESSAGE } });
  }
});
