/**
 * The Sprint readiness gadget: the project page's sprint readiness (the next future sprint of the
 * project's board, or the top of the backlog without one) for the project of the gadget's
 * configuration, re-checked as the viewer first (./gadgets.ts); read as the viewer.
 */
import { z } from 'zod';
import type { SprintReadinessGadgetView } from '../contract';
import { DEFAULT_TOP, sprintReadinessOf } from '../services/project-page';
import { resolverOf } from './envelope';
import { ResolverError, failureInWords } from './failures';
import { GADGET_NO_PROJECT_MESSAGE, gadgetProject } from './gadgets';
import { configurationFor, epicThemes, siteOf } from './project-page';

export const getSprintReadinessGadgetResolver = resolverOf(z.strictObject({}), async (_payload, context): Promise<SprintReadinessGadgetView> => {
  const gadget = await gadgetProject(context);
  if (gadget === undefined) return { status: 'unconfigured' };
  const { jira, found, project } = gadget;
  try {
    const site = await siteOf();
    const configuration = await configurationFor(project.id, site);
    const readiness = await sprintReadinessOf(jira, { project, configuration, site, epicThemes: epicThemes(), top: DEFAULT_TOP, now: new Date() });
    return { status: 'ready', projectName: found.name, readiness };
  } catch (error: unknown) {
    if (error instanceof ResolverError) throw error;
    throw failureInWords(error, { what: 'sprint readiness', notFound: { code: 'not-found', message: GADGET_NO_PROJECT_MESSAGE } });
  }
});
