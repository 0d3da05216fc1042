/**
 * The Top of the backlog gadget: the first page of the project's ranked backlog (ONE search as the
 * viewer, in the order Jira keeps by the app's "Priority score" field), optionally narrowed to the
 * stories serving one theme (the ranked backlog's own theme filter), cut to the configured N, with
 * each issue's rank, score, main driver and readiness. The project comes from the gadget's
 * configuration and is re-checked as the viewer first, and the theme must be one of its themes
 * (./gadgets.ts).
 */
import { z } from 'zod';
import type { TopOfBacklogView } from '../contract';
import { rankedBacklogPageOf } from '../services/project-page';
import { resolverOf } from './envelope';
import { ResolverError, failureInWords } from './failures';
import { GADGET_NO_PROJECT_MESSAGE, besideCheck, projectTheme, startGadgetProject } from './gadgets';
import { configurationFor, epicThemes, siteOf } from './project-page';

const DEFAULT_TOP = 10;

export const getTopOfBacklogResolver = resolverOf(z.strictObject({}), async (_payload, context): Promise<TopOfBacklogView> => {
  const gadget = startGadgetProject(context);
  if (gadget === undefined) return { status: 'unconfigured' };
  const { saved, jira, projectId, checked } = gadget;
  try {
    // The backlog's search as the viewer goes beside the viewer's check, and is answered only after
    // it (a refusal of the project wins over anything the work met).
    const { found, value: { theme, page } } = await besideCheck(checked, async () => {
      // A theme of another project (a forged configuration) is refused before Jira is asked anything more.
      const chosen = saved.themeId === undefined ? null : await projectTheme(projectId, saved.themeId);
      const filters = chosen === null ? {} : { theme: { kind: 'theme' as const, id: chosen.id } };
      const site = await siteOf();
      const configuration = await configurationFor(projectId, site);
      // The page's project key is not shown here: the answer names the project the check found.
      return { theme: chosen, page: await rankedBacklogPageOf(jira, { project: { id: projectId, key: '' }, configuration, site, epicThemes: epicThemes(), list: 'ranked', filters, cursor: undefined, now: new Date() }) };
    });
    const project = { id: found.id, key: found.key };
    return { status: 'ready', project, projectName: found.name, rows: page.rows.slice(0, saved.top ?? DEFAULT_TOP), scoreField: page.scoreField, notes: page.notes, theme };
  } catch (error: unknown) {
    if (error instanceof ResolverError) throw error;
    throw failureInWords(error, { what: 'the top of the backlog', notFound: { code: 'not-found', message: GADGET_NO_PROJECT_MESSAGE } });
  }
});
