/**
 * The dashboard gadgets' resolvers (jira:dashboardGadget). A gadget's configuration
 * (`context.extension.gadgetConfiguration`) is written by whoever may edit the dashboard, so it is
 * read like a payload: its shape checked, and its project checked as the VIEWER (Browse projects)
 * before anything of the project is read; a viewer who may not browse it is told so and learns
 * nothing else. The picker lists projects as the user; the numbers come from the app's rollups,
 * as on the project page.
 */
import { z } from 'zod';
import type { CheckedGadgetConfiguration, GadgetConfiguration, GadgetProjectsView, VisionAlignmentView } from '../contract';
import { createJiraClient, getProject, isJiraError, searchProjects } from '../jira';
import type { JiraClient, ProjectChoice } from '../jira';
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

export const GADGET_NO_PROJECT_MESSAGE = "You don't have access to the project this gadget shows, or it no longer exists. Ask a project admin for the Browse projects permission, or edit the gadget to choose another project.";
const FORGED_MESSAGE = 'This gadget was set up with a configuration Throughline does not recognise. Edit the gadget and choose a project.';

const PROJECT_ID = /^[1-9][0-9]{0,17}$/;
/** Jira accepts any positive number of minutes; a day is the longest interval offered. */
const REFRESH_MINUTES = [0, 15, 30, 60, 120, 240, 1440] as const;

const configurationSchema = z.strictObject({
  projectId: z.string().regex(PROJECT_ID, { error: 'must be a project id such as 10000' }),
  refresh: z.int().refine((minutes) => (REFRESH_MINUTES as readonly number[]).includes(minutes), { error: `must be one of ${REFRESH_MINUTES.join(', ')} minutes` }),
  top: z.union([z.literal(5), z.literal(10), z.literal(20)]).optional(),
});

const extensionSchema = z.looseObject({ type: z.literal('jira:dashboardGadget'), gadgetConfiguration: z.unknown().optional() });

/** These resolvers serve gadgets only: called from another module, they are refused. */
function assertGadget(context: Readonly<Record<string, unknown>>): void {
  if (!extensionSchema.safeParse(context.extension).success) throw new ResolverError('bad-request', 'This is asked by a dashboard gadget: no gadget is in view here.');
}

/** The gadget's saved configuration; undefined while nobody configured it. Never trusted: shape here, access next. */
export function configurationIn(context: Readonly<Record<string, unknown>>): GadgetConfiguration | undefined {
  assertGadget(context);
  const extension = extensionSchema.safeParse(context.extension);
  const saved = extension.success ? extension.data.gadgetConfiguration : undefined;
  if (saved === undefined || saved === null) return undefined;
  if (typeof saved === 'object' && !Array.isArray(saved) && !('projectId' in saved)) return undefined;
  // Jira keeps what the edit view submitted and may add its own keys: only ours are read.
  const parsed = z.looseObject({ projectId: z.string().regex(PROJECT_ID), refresh: z.int().min(0).max(1440).optional(), top: z.int().min(1).max(20).optional() }).safeParse(saved);
  if (!parsed.success) throw new ResolverError('bad-request', FORGED_MESSAGE);
  return { projectId: parsed.data.projectId, refresh: parsed.data.refresh ?? 0, ...(parsed.data.top === undefined ? {} : { top: parsed.data.top }) };
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

/** What every gadget's view reads first: its saved project, checked as the viewer. */
export interface GadgetProject {
  readonly saved: GadgetConfiguration;
  /** Jira as the viewer. */
  readonly jira: JiraClient;
  readonly found: ProjectChoice;
  readonly project: { readonly id: string; readonly key: string };
}

/** The gadget's project once the viewer may browse it; undefined while nobody configured the gadget. */
export async function gadgetProject(context: Readonly<Record<string, unknown>>): Promise<GadgetProject | undefined> {
  const saved = configurationIn(context);
  if (saved === undefined) return undefined;
  const jira = userJira();
  const found = await browsableProject(jira, saved.projectId);
  return { saved, jira, found, project: { id: found.id, key: found.key } };
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

export const checkGadgetConfigurationResolver = resolverOf(configurationSchema, async (payload, context): Promise<CheckedGadgetConfiguration> => {
  assertGadget(context);
  const project = await browsableProject(userJira(), payload.projectId);
  return { configuration: { projectId: project.id, refresh: payload.refresh, ...(payload.top === undefined ? {} : { top: payload.top }) }, project };
});

const noPayload = z.strictObject({});

export const getVisionAlignmentResolver = resolverOf(noPayload, async (_payload, context): Promise<VisionAlignmentView> => {
  const gadget = await gadgetProject(context);
  if (gadget === undefined) return { status: 'unconfigured' };
  const { jira, found, project } = gadget;
  try {
    const site = await siteOf();
    const storage = forgeStorage();
    const [configuration, index, state, run, secured] = await Promise.all([
      configurationFor(project.id, site),
      storage.rollups.readIndex(project.id),
      storage.rollups.loadState(project.id),
      storage.recompute.load(project.id),
      usesIssueSecurity(project.id),
    ]);
    if (secured) return { status: 'not-counted', project, message: 'This project uses issue security, so its numbers are counted for each viewer: open the project page to see them.' };
    if (state === undefined || state.reconciledAt === null) {
      if (run?.status !== 'running') await requestRecompute(storage, forgeQueue(), { projectId: project.id, reason: 'the first count for a dashboard gadget', requestedBy: callerOf(context) });
      return { status: 'not-counted', project, message: 'Throughline is counting this project for the first time. The numbers appear here when it has finished.' };
    }
    if (state.overflow.length > 0) return { status: 'not-counted', project, message: 'An epic of this project has more stories than Throughline keeps a count of: open the project page to see the numbers.' };
    const manyEpics = [...index.keys()].filter((group) => group.startsWith('epic:')).length > PAGE_SIZE;
    const snapshot = await readEpicsSnapshot(jira, configuration, site, epicThemes(), project.id, new Date(), { manyEpics });
    const map = await visionMapFromRollups(jira, project, false, configuration, snapshot, { index, state, run: run?.progress ?? null });
    return visionAlignmentOf({ ...project, name: found.name }, map);
  } catch (error: unknown) {
    if (error instanceof ResolverError) throw error;
    throw failureInWords(error, { what: 'vision alignment', notFound: { code: 'not-found', message: GADGET_NO_PROJECT_MESSAGE } });
  }
});
