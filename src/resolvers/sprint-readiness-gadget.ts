/**
 * The Sprint readiness gadget: the project page's sprint readiness for the board of the gadget's
 * configuration (its next future sprint, or the top of its project's backlog without one), the
 * board and its project re-checked as the viewer first (./gadgets.ts); read as the viewer. Each
 * failing rule comes with the JQL that finds the issues failing it, over the readiness property
 * the app writes and indexes (manifest.yml, `issue-readiness`).
 *
 * The board's sprints are read ahead: what the gadget saw of the board last time (its project, next
 * sprint, velocity sprints and the next sprint's parent epics: storage/board-sprints.ts) is read at
 * once, beside Jira's answer about the board, and used only if Jira then names the same; round
 * trips to Jira less, at no cost to what the viewer may see (every read is the viewer's, answered
 * only after the checks).
 */
import { z } from 'zod';
import type { FailingRuleLinkView, SprintReadinessGadgetView, SprintReadinessView } from '../contract';
import { DEFAULT_TOP, donePointsOf, nextSprintOf, parentEpicKeysOf, readSprintSnapshot, sprintReadinessOf, velocitySprintsOf } from '../services/project-page';
import { createEvaluator, lookUpEpics } from '../services/evaluation';
import type { SprintReadsAhead } from '../services/project-page';
import type { ProjectConfiguration } from '../services/project-configuration';
import type { SiteFields } from '../services/site-fields';
import { createBoardSprintsMemory } from '../storage';
import type { BoardSprints } from '../storage';
import { forgeKvs } from '../storage/forge-kvs';
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

/** The view as the gadget shows it: its figures, not its rows. */
function withoutRows({ project, source, ready, notReady, velocity, verdict, failingRules, notes, reads }: SprintReadinessView): Omit<SprintReadinessView, 'rows'> {
  return { project, source, ready, notReady, velocity, verdict, failingRules, notes, reads };
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

/** What is asked ahead is used where it is awaited, or never: its failure is not an unhandled one. */
function ahead<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** The remembered project's fields and configuration, and its sprints read as the viewer: all while Jira answers about the board. */
interface ReadAhead {
  readonly projectId: string;
  readonly site: Promise<SiteFields>;
  readonly configuration: Promise<ProjectConfiguration>;
  readonly reads: SprintReadsAhead;
}

function readAhead(viewer: JiraClient, remembered: BoardSprints, now: Date): ReadAhead {
  const { projectId, nextSprintId, closedSprintIds, parentEpicKeys } = remembered;
  const site = ahead(siteOf());
  const configuration = ahead(site.then((fields) => configurationFor(projectId, fields)));
  // The sprint's issues, and the epics they had as parents looked up (as the viewer, fresh) while
  // they are read: a parent not among those is looked up after, as without a memory.
  const snapshot =
    nextSprintId === null
      ? undefined
      : ahead(
          Promise.all([site, configuration]).then(([fields, read]) => {
            const themes = epicThemes();
            const epics = lookUpEpics(viewer, createEvaluator(read, fields, themes), parentEpicKeys).then((found) => found.epics);
            return readSprintSnapshot(viewer, read, fields, themes, nextSprintId, now, epics);
          }),
        );
  const points = ahead(
    configuration.then((read) => {
      const field = read.readiness.storyPointsField;
      // Without a story points field no velocity is measured, and these are never taken.
      return field === null ? { totals: [], calls: 0 } : donePointsOf(viewer, closedSprintIds, field.id);
    }),
  );
  return { projectId, site, configuration, reads: { nextSprintId, closedSprintIds, points, ...(snapshot === undefined ? {} : { snapshot }) } };
}

/** What the gadget saw of a Scrum board this time, kept for its next load when it changed; a failure only costs that load its head start. */
async function rememberBoard(boardId: string, projectId: string, sprints: { readonly future: Promise<Sprint[]>; readonly closed: Promise<Sprint[]> }, parentEpicKeys: readonly string[], known: BoardSprints | undefined): Promise<void> {
  try {
    const [future, closed] = await Promise.all([sprints.future, sprints.closed]);
    const seen = { projectId, nextSprintId: nextSprintOf(future)?.id ?? null, closedSprintIds: velocitySprintsOf(closed).map((sprint) => sprint.id), parentEpicKeys: [...parentEpicKeys] };
    await boardMemory().remember(boardId, seen, known);
  } catch {
    // Not remembered: the next load reads after Jira's answer, as without a memory.
  }
}

const boardMemory = () => createBoardSprintsMemory(forgeKvs());

export const getSprintReadinessGadgetResolver = resolverOf(z.strictObject({}), async (_payload, context): Promise<SprintReadinessGadgetView> => {
  const boardId = configurationIn(context)?.boardId;
  const viewer = userJira();
  const now = new Date();
  // The board's sprints as the viewer, asked beside the board itself (Jira refuses them as it
  // refuses the board); used once the board is seen to be a Scrum board and its project checked.
  const sprints = boardId === undefined ? undefined : { future: askedSprints(viewer, boardId, 'future'), closed: askedSprints(viewer, boardId, 'closed') };
  // The sprints this board had last time, read ahead as the viewer; taken only if Jira names the
  // same project and sprints again, and answered only after the same checks as any read.
  const recalled = boardId === undefined ? Promise.resolve(undefined) : ahead(boardMemory().recall(boardId)).catch(() => undefined);
  const early = ahead(recalled.then((remembered) => (remembered === undefined ? undefined : readAhead(viewer, remembered, now))));
  const gadget = await startGadgetBoard(context, viewer);
  if (gadget === undefined) return { status: 'unconfigured' };
  const { jira, projectId, projectKey, checked, board } = gadget;
  try {
    let parentEpicKeys: readonly string[] = [];
    // The board's sprints and issues as the viewer go beside the check of its project, and are answered only after it.
    const { found, value: readiness } = await besideCheck(checked, async () => {
      const started = await early;
      const usable = started?.projectId === projectId ? started : undefined;
      const site = await (usable?.site ?? siteOf());
      const configuration = await (usable?.configuration ?? configurationFor(projectId, site));
      return sprintReadinessOf(jira, { project: { id: projectId, key: projectKey }, configuration, site, epicThemes: epicThemes(), top: DEFAULT_TOP, now, board, locale: viewerLocale(context), ...(sprints === undefined ? {} : { sprints }), ...(usable === undefined ? {} : { ahead: usable.reads }), onSprintRead: (snapshot) => { parentEpicKeys = parentEpicKeysOf(snapshot); } });
    });
    if (boardId !== undefined && sprints !== undefined && board.type === 'scrum') await rememberBoard(boardId, projectId, sprints, parentEpicKeys, await recalled);
    const project = { id: found.id, key: found.key };
    // The rows stay here: the gadget shows the figures and the failing rules (whose links name the rows of a backlog top by key).
    return { status: 'ready', projectName: found.name, board: { id: String(board.id), name: board.name }, readiness: { ...withoutRows(readiness), project }, failingRules: ruleLinksOf(readiness) };
  } catch (error: unknown) {
    if (error instanceof ResolverError) throw error;
    throw failureInWords(error, { what: 'sprint readiness', notFound: { code: 'not-found', message: GADGET_NO_BOARD_MESSAGE } });
  }
});
