/**
 * Jira's issue view (`/browse/{key}`): the issue's summary, description and fields, with the
 * app's issue context panels in the right sidebar. `?fragment=fields` answers the fields alone,
 * which the host script swaps in after an edit, as Jira refreshes its field panel.
 */
import type { StoredIssue } from '../../jira-emulator';
import { descriptionHtml } from '../adf-html';
import { asUser, userOf } from '../context';
import type { ShellCall, ShellContext, ShellRoute } from '../context';
import { html } from '../html';
import type { Html } from '../html';
import { HttpError, sendText } from '../http';
import { chromeOf, frameSpecs, nameOf, pageData, projectRef, sendPage } from '../page-chrome';
import { appPanel, issueFieldsFragment, issueViewContent, noAccess, statusLozenge } from '../pages';
import type { DetailRow, EditChoice, ProjectRef } from '../pages';
import { statusControl } from './transitions';

const STORY_POINTS_TYPE = 'com.pyxis.greenhopper.jira:jsw-story-points';

function issueFields(shell: ShellContext, issue: StoredIssue, accountId: string): Html {
  const { state } = shell;
  const fields = state.render(issue, { kind: 'navigable' }, [], asUser(accountId)) as { fields?: Record<string, unknown> };
  const f = fields.fields ?? {};
  const status = f.status as { name?: string; statusCategory?: { key?: string } } | undefined;
  const storyPoints = state.fields.find((field) => field.schema?.custom === STORY_POINTS_TYPE);
  const parent = f.parent as { key?: string; fields?: { summary?: string } } | undefined;
  const sprints = Array.isArray(state.sprintFieldId === undefined ? undefined : f[state.sprintFieldId]) ? (f[state.sprintFieldId ?? ''] as unknown[]) : [];
  const rows: DetailRow[] = [
    { label: 'Assignee', value: nameOf(f.assignee) ?? 'Unassigned' },
    { label: 'Reporter', value: nameOf(f.reporter) ?? 'None' },
    { label: 'Priority', value: nameOf(f.priority) ?? 'None' },
    ...(storyPoints === undefined ? [] : [{ label: storyPoints.name, value: typeof f[storyPoints.id] === 'number' ? String(f[storyPoints.id]) : 'None' }]),
    { label: 'Due date', value: typeof f.duedate === 'string' ? f.duedate : 'None' },
    { label: 'Labels', value: Array.isArray(f.labels) && f.labels.length > 0 ? (f.labels as string[]).join(', ') : 'None' },
    { label: 'Parent', value: parent?.key === undefined ? 'None' : html`<a href="/browse/${parent.key}">${parent.key}</a> ${parent.fields?.summary ?? ''}` },
    { label: 'Sprint', value: sprints.map(nameOf).filter((name) => name !== undefined).join(', ') || 'None' },
  ];
  const canEdit = state.hasPermission(asUser(accountId), issue.projectId, 'EDIT_ISSUES');
  const priority = f.priority as { id?: string } | undefined;
  const edit: EditChoice | undefined = canEdit
    ? {
        storyPoints: storyPoints === undefined ? undefined : { fieldId: storyPoints.id, name: storyPoints.name, value: typeof f[storyPoints.id] === 'number' ? String(f[storyPoints.id]) : '' },
        priorities: state.priorities.map((p) => [p.id, p.name] as const),
        priorityId: priority?.id ?? '',
        dueDate: typeof f.duedate === 'string' ? f.duedate : '',
      }
    : undefined;
  return issueFieldsFragment(html`${statusLozenge(status?.name ?? 'Unknown', status?.statusCategory?.key ?? 'new')}${statusControl(shell, issue, accountId)}`, rows, edit);
}

function issueView({ request, response, url, params }: ShellCall, shell: ShellContext): void {
  const { state } = shell;
  const key = params[0] ?? '';
  const fragment = url.searchParams.get('fragment') === 'fields';
  const accountId = userOf(shell, request);
  const issue = state.findIssue(key);
  const project = issue === undefined ? undefined : state.projectsById.get(issue.projectId);
  if (issue === undefined || project === undefined) {
    const data = pageData(shell, request);
    sendPage(response, 404, chromeOf(shell, request, 'Issue not found', undefined, undefined, data), noAccess("You can't view this issue", "It may have been deleted or you don't have permission to view it."));
    return;
  }
  const visible = state.canBrowse(asUser(accountId), issue);
  if (fragment) {
    if (!visible) throw new HttpError(404, "You can't view this issue.");
    sendText(response, 200, 'text/html; charset=utf-8', issueFields(shell, issue, accountId).text);
    return;
  }
  const ref = projectRef(shell, project.key) as ProjectRef;
  const type = state.issueTypes.get(issue.issueTypeId);
  // What Jira puts in the context of an issue view module: the issue and project in view.
  const extension = {
    issue: { id: issue.id, key: issue.key, type: type?.name ?? 'Issue', typeId: issue.issueTypeId },
    project: { id: project.id, key: project.key, type: project.projectTypeKey },
  };
  const apps = frameSpecs(shell, 'jira:issueContext', extension).map(({ spec, label }) => appPanel(spec, label));
  const rendered = visible ? (state.render(issue, { kind: 'navigable' }, [], asUser(accountId)) as { fields?: Record<string, unknown> }) : undefined;
  const summary = visible ? (typeof rendered?.fields?.summary === 'string' ? rendered.fields.summary : issue.key) : undefined;
  const data = pageData(shell, request, { id: issue.id, key: issue.key });
  sendPage(
    response,
    200,
    chromeOf(shell, request, visible ? `[${issue.key}] ${summary ?? ''}` : issue.key, ref, 'issues', data),
    issueViewContent({
      project: ref,
      issueKey: issue.key,
      summary,
      description: descriptionHtml(rendered?.fields?.description),
      fields: visible ? issueFields(shell, issue, accountId) : undefined,
      apps,
    }),
  );
}

export const issueViewRoutes: readonly ShellRoute[] = [{ method: 'GET', path: /^\/browse\/([^/]+)$/, handle: issueView }];
