/**
 * The two list actions, each the project page's own service read as the user after the project
 * is checked (Browse projects):
 *
 * - `list-unready-sprint-stories`: sprint readiness (sprintReadinessOf): the next future sprint's
 *   stories that are not ready, each with its failing rules, and the sprint's totals;
 * - `list-incomplete-scores`: the ranked backlog's incomplete list (rankedBacklogPageOf, its first
 *   page: one search), each issue with the inputs its score lacks.
 *
 * Lists are bounded (MAX_LIST_ITEMS, `more` says how many were left out), rule texts cut.
 */
import type { BacklogRowView } from '../contract';
import { DEFAULT_TOP, rankedBacklogPageOf, sprintReadinessOf } from '../services/project-page';
import { configurationFor, epicThemes, siteOf } from '../resolvers/project-page';
import { QUOTED_TEXT_NOTE, actionOf, boundedList, quotedText } from './action-answer';
import type { ActionAnswer } from './action-answer';
import { requiredProject, rovoContextOf } from './action-scope';
import { userJira } from './issue-explanation';

/** The failing rules a row carries into an answer: blocking ones first, at most three, each cut. */
const MAX_RULES_PER_ISSUE = 3;

function failingRulesOf(row: BacklogRowView) {
  return row.failing.slice(0, MAX_RULES_PER_ISSUE).map((rule) => ({ rule: rule.ruleId, severity: rule.severity, message: quotedText(rule.message, 160) }));
}

export async function listUnreadySprintStories(payload: Readonly<Record<string, unknown>>): Promise<ActionAnswer> {
  const jira = userJira();
  const project = await requiredProject(jira, payload, rovoContextOf(payload));
  const site = await siteOf();
  const configuration = await configurationFor(project.id, site);
  const view = await sprintReadinessOf(jira, { project, configuration, site, epicThemes: epicThemes(), top: DEFAULT_TOP, now: new Date() });
  const unready = boundedList(view.rows.filter((row) => row.readiness === 'not-ready'));
  return {
    status: 'ok',
    project: project.key,
    source:
      view.source.kind === 'sprint'
        ? { kind: 'sprint', sprint: quotedText(view.source.sprint.name, 80), goal: quotedText(view.source.sprint.goal, 160), board: quotedText(view.source.board, 80) }
        : { kind: 'top of the ranked backlog', issues: view.source.top, why: quotedText(view.source.reason, 200) },
    verdict: quotedText(view.verdict, 300),
    ready: view.ready,
    notReady: view.notReady,
    velocity: view.velocity === null ? null : view.velocity.average,
    notReadyStories: unready.items.map((row) => ({ key: row.key, summary: quotedText(row.summary), status: quotedText(row.status, 40), points: row.points, failing: failingRulesOf(row), moreRules: Math.max(0, row.failing.length - MAX_RULES_PER_ISSUE) })),
    more: unready.more,
    rulesFailingMost: view.failingRules.slice(0, 5),
    note: QUOTED_TEXT_NOTE,
  };
}

export async function listIncompleteScores(payload: Readonly<Record<string, unknown>>): Promise<ActionAnswer> {
  const jira = userJira();
  const project = await requiredProject(jira, payload, rovoContextOf(payload));
  const site = await siteOf();
  const configuration = await configurationFor(project.id, site);
  const page = await rankedBacklogPageOf(jira, { project, configuration, site, epicThemes: epicThemes(), list: 'incomplete', filters: {}, cursor: undefined, now: new Date() });
  const listed = boundedList(page.rows);
  return {
    status: 'ok',
    project: project.key,
    model: page.model,
    incompleteIssues: listed.items.map((row) => ({ key: row.key, summary: quotedText(row.summary), type: quotedText(row.issueType, 40), outcome: row.outcome, lacking: row.missing.slice(0, 10).map((label) => quotedText(label, 80)) })),
    more: listed.more,
    // The page is one search: a next page means there are more in Jira than were read.
    moreInJira: page.next !== null,
    notes: page.notes.slice(0, 3).map((text) => quotedText(text, 300)),
    note: QUOTED_TEXT_NOTE,
  };
}

export const listUnreadySprintStoriesAction = actionOf('sprint readiness', listUnreadySprintStories);
export const listIncompleteScoresAction = actionOf('the incomplete scores', listIncompleteScores);
