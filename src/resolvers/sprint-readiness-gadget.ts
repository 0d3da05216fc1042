/**
 * The Sprint readiness gadget: the project page's sprint readiness for the board of the gadget's
 * configuration (its next future sprint, or the top of its project's backlog without one), the
 * board and its project re-checked as the viewer first (./gadgets.ts); read as the viewer. Each
 * failing rule comes with the JQL that finds the issues failing it, over the readiness property
 * the app writes and indexes (manifest.yml, `issue-readiness`).
 */
import { z } from 'zod';
import type { FailingRuleLinkView, SprintReadinessGadgetView, SprintReadinessView } from '../contract';
import { DEFAULT_TOP, sprintReadinessOf } from '../services/project-page';
import { failingRuleJql } from '../services/queries';
import type { RuleScope } from '../services/queries';
import { READINESS_PROPERTY_KEY } from '../services/site-fields';
import { resolverOf } from './envelope';
import { ResolverError, failureInWords } from './failures';
import { listSprints } from '../jira';
import type { JiraClient, Sprint } from '../jira';
import { GADGET_NO_BOARD_MESSAGE, besideCheck, configurationIn, startGadgetBoard, userJira } from './gadgets';
import { configurationFor, epicThemes, siteOf } from './project-page';
import { viewerLocale } from '../services/viewer-numbers';

/** Where the rules were counted: the sprint, or the listed top of the backlog (by key). */
function ruleScopeOf(readiness: SprintReadinessView): RuleScope | undefined {
  if (readiness.source.kind === 'sprint') return { sprintId: readiness.source.sprint.id };
  const [first, ...rest] = readiness.rows.map((row) => row.key);
  return first === undefined ? undefined : { keys: [first, ...rest] };
}

function ruleLinksOf(readiness: SprintReadinessView): FailingRuleLinkView[] {
  const scope = ruleScopeOf(readiness);
  if (scope === undefined) return [];
  return readiness.failingRules.map((rule) => ({ ...rule, jql: failingRuleJql(scope, READINESS_PROPERTY_KEY, rule) }));
}

/** A board's sprints in one state, asked ahead; a failure is met where they are used (or never, when they are not). */
function askedSprints(jira: JiraClient, boardId: string, state: 'future' | 'closed'): Promise<Sprint[]> {
  const asked = listSprints(jira, Number(boardId), [state]);
  asked.catch(() => undefined);
  return asked;
}

export const getSprintReadinessGadgetResolver = resolverOf(z.strictObject({}), async (_payload, context): Promise<SprintReadinessGadgetView> => {
  const boardId = configurationIn(context)?.boardId;
  const viewer = userJira();
  // The board's sprints as the viewer, asked beside the board itself (Jira refuses them as it
  // refuses the board); used once the board is seen to be a Scrum board and its project checked.
  const sprints = boardId === undefined ? undefined : { future: askedSprints(viewer, boardId, 'future'), closed: askedSprints(viewer, boardId, 'closed') };
  const gadget = await startGadgetBoard(context, viewer);
  if (gadget === undefined) return { status: 'unconfigured' };
  const { jira, projectId, projectKey, checked, board } = gadget;
  try {
    // The board's sprints and issues as the viewer go beside the check of its project, and are answered only after it.
    const { found, value: readiness } = await besideCheck(checked, async () => {
      const site = await siteOf();
      const configuration = await configurationFor(projectId, site);
      return sprintReadinessOf(jira, { project: { id: projectId, key: projectKey }, configuration, site, epicThemes: epicThemes(), top: DEFAULT_TOP, now: new Date(), board, locale: viewerLocale(context), ...(sprints === undefined ? {} : { sprints }) });
    });
    const project = { id: found.id, key: found.key };
    return { status: 'ready', projectName: found.name, board: { id: String(board.id), name: board.name }, readiness: { ...readiness, project }, failingRules: ruleLinksOf(readiness) };
  } catch (error: unknown) {
    if (error instanceof ResolverError) throw error;
    throw failureInWords(error, { what: 'sprint readiness', notFound: { code: 'not-found', message: GADGET_NO_BOARD_MESSAGE } });
  }
});
