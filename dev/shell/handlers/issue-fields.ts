/**
 * Editing an issue in the issue view (`/__shell/api/issue/{key}/fields`): story points, priority
 * and due date, as the user looking at it, with Jira's permission check and the emulator's own
 * field checks. The edit fires JIRA_ISSUE_CHANGED like any other update.
 */
import { IssueEditError } from '../../jira-emulator';
import { asUser, userOf } from '../context';
import type { ShellCall, ShellContext, ShellRoute } from '../context';
import { HttpError, readJson, sendJson } from '../http';

async function editFields({ request, response, params }: ShellCall, shell: ShellContext): Promise<void> {
  const { state } = shell;
  const key = params[0] ?? '';
  const fieldName = (id: string): string => state.fieldsById.get(id)?.name ?? id;
  const accountId = userOf(shell, request);
  const issue = state.visibleIssue(asUser(accountId), key);
  if (issue === undefined) throw new HttpError(404, "You can't view this issue.");
  if (!state.hasPermission(asUser(accountId), issue.projectId, 'EDIT_ISSUES')) throw new HttpError(403, "You don't have permission to edit this issue.");
  const body = await readJson(request);
  // The form sends text; Jira's edit takes a priority by id, a date or null, and numbers.
  const fields: Record<string, unknown> = {};
  for (const [fieldId, raw] of Object.entries(body)) {
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (fieldId === 'priority') fields.priority = typeof value === 'string' && value !== '' ? { id: value } : null;
    else if (fieldId === 'duedate') fields.duedate = value === '' ? null : value;
    else if (state.fieldsById.get(fieldId)?.schema?.type === 'number') {
      const number = value === '' || value === null ? null : Number(value);
      if (number !== null && !Number.isFinite(number)) throw new HttpError(400, `${fieldName(fieldId)} must be a number.`);
      fields[fieldId] = number;
    } else throw new HttpError(400, `The shell does not edit ${fieldName(fieldId)}.`);
  }
  try {
    const items = state.updateIssue(issue.key, fields, accountId);
    sendJson(response, 200, { ok: true, changed: items.map((item) => item.field) });
  } catch (error: unknown) {
    if (error instanceof IssueEditError) throw new HttpError(400, error.message);
    throw error;
  }
}

export const issueFieldRoutes: readonly ShellRoute[] = [{ method: 'POST', path: /^\/__shell\/api\/issue\/([^/]+)\/fields$/, handle: editFields }];
