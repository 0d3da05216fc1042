/**
 * The issue view's status control: a select of the statuses the issue can move to and a button,
 * posting to `/__shell/api/issue/{key}/transition` `{ toStatusId }`. As Jira does, the transition
 * first runs through the app's workflow validators (the manifest's `jira:workflowValidator`
 * modules with a `function`, dev/forge-runtime/workflow-validators.ts) with Forge's payload; a
 * refusal is answered with the validator's message and the issue stays; otherwise the emulator
 * moves it (`transitionIssue`, which fires the update event the app's trigger and the issue view hear).
 *
 * The emulator has no workflows, so the shell stands in for an admin's choice: the validators run
 * on every transition into an "In Progress" category status (In Progress, In Review), the place a
 * readiness gate belongs; moving back to the backlog or to Done is never gated. Who may transition:
 * the emulator has no Transition issues permission, so Edit issues stands in for it.
 */
import { IssueEditError } from '../../jira-emulator';
import type { StoredIssue } from '../../jira-emulator';
import { runWorkflowValidators } from '../../forge-runtime/workflow-validators';
import { asUser, userOf } from '../context';
import type { ShellCall, ShellContext, ShellRoute } from '../context';
import { html } from '../html';
import type { Html } from '../html';
import { HttpError, readJson, sendJson } from '../http';

/** The status categories whose transitions the shell runs through the validators. */
const GATED_CATEGORIES: ReadonlySet<string> = new Set(['indeterminate']);

/** The status control for the issue view; nothing for a user who may not move the issue. */
export function statusControl(shell: ShellContext, issue: StoredIssue, accountId: string): Html | '' {
  const { state } = shell;
  if (!state.hasPermission(asUser(accountId), issue.projectId, 'EDIT_ISSUES')) return '';
  const targets = [...state.statuses.values()].filter((status) => status.id !== issue.statusId);
  if (targets.length === 0) return '';
  return html`<form id="status-form" class="status-form" aria-label="Change the status">
  <label for="status-select">Move to</label>
  <select id="status-select" name="toStatusId">${targets.map((status) => html`<option value="${status.id}">${status.name}</option>`)}</select>
  <button type="submit" class="shell-button">Transition</button>
  <div id="transition-outcome" class="transition-outcome" role="alert"></div>
</form>`;
}

async function transition({ request, response, params }: ShellCall, shell: ShellContext): Promise<void> {
  const { state } = shell;
  const accountId = userOf(shell, request);
  const issue = state.visibleIssue(asUser(accountId), params[0] ?? '');
  if (issue === undefined) throw new HttpError(404, "You can't view this issue.");
  if (!state.hasPermission(asUser(accountId), issue.projectId, 'EDIT_ISSUES')) throw new HttpError(403, "You don't have permission to transition this issue.");
  const body = await readJson(request);
  const to = typeof body.toStatusId === 'string' ? state.statuses.get(body.toStatusId) : undefined;
  if (to === undefined) throw new HttpError(400, 'Choose a status to move the issue to.');
  const from = issue.statusId;
  if (GATED_CATEGORIES.has(to.statusCategory.key) && from !== to.id) {
    const verdicts = await runWorkflowValidators(shell.runtime, shell.manifest.workflowValidators, { issueKey: issue.key, fromStatusId: from, toStatusId: to.id, accountId });
    const refusal = verdicts.find((verdict) => !verdict.allowed);
    if (refusal !== undefined) {
      sendJson(response, 200, { ok: false, refused: true, validator: refusal.validator, message: refusal.errorMessage ?? 'The transition was refused.' });
      return;
    }
  }
  try {
    state.transitionIssue(issue.key, to.id, accountId);
  } catch (error: unknown) {
    if (error instanceof IssueEditError) throw new HttpError(400, error.message);
    throw error;
  }
  sendJson(response, 200, { ok: true, status: to.name });
}

export const transitionRoutes: readonly ShellRoute[] = [{ method: 'POST', path: /^\/__shell\/api\/issue\/([^/]+)\/transition$/, handle: transition }];
