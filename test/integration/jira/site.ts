/**
 * A small site for the client's integration tests: the shared demo catalog (users, statuses,
 * issue types, field list with both story point fields, sprint, epic link and the app's fields)
 * with issues made here, so counts and permissions are known exactly.
 */
import type { DatasetInput } from '../../../dev/jira-emulator/dataset-schema';
import { FIELD, FIELDS, ISSUE_TYPE, LINK_TYPES, PRIORITIES, RESOLUTIONS, STATUS, STATUSES, USERS, issueTypesFor } from '../../../dev/demo-data/catalog';

export { FIELD, USERS };

export const PROJECT = { id: '10000', key: 'TL', name: 'Throughline' };
export const HIDDEN = { id: '10001', key: 'SEC', name: 'Secret' };

export function smallSite(issueCount: number): DatasetInput {
  const issues: DatasetInput['issues'] = [];
  for (let n = 1; n <= issueCount; n++) {
    issues.push({
      id: String(20000 + n),
      key: `TL-${n}`,
      fields: {
        summary: `Story ${n}`,
        project: { id: PROJECT.id },
        issuetype: { id: ISSUE_TYPE.story.id },
        status: { id: n % 3 === 0 ? STATUS.done.id : STATUS.todo.id },
        created: '2026-01-05T09:00:00.000+0000',
        labels: n % 2 === 0 ? ['even'] : [],
        [FIELD.storyPointEstimate]: n % 5,
      },
    });
  }
  issues.push({
    id: '19999',
    key: 'SEC-1',
    fields: { summary: 'Secret', project: { id: HIDDEN.id }, issuetype: { id: ISSUE_TYPE.story.id }, status: { id: STATUS.todo.id }, created: '2026-01-05T09:00:00.000+0000' },
  });
  return {
    siteName: 'throughline-client-tests',
    users: Object.values(USERS).map((user) => ({ ...user })),
    projects: [
      { ...PROJECT, style: 'classic' },
      { ...HIDDEN, style: 'classic' },
    ],
    issueTypes: issueTypesFor([]),
    statuses: STATUSES,
    priorities: PRIORITIES,
    resolutions: RESOLUTIONS,
    fields: FIELDS,
    issueLinkTypes: LINK_TYPES,
    boards: [
      { id: 1, name: 'TL board', type: 'scrum', projectKey: PROJECT.key },
      { id: 2, name: 'TL flow', type: 'kanban', projectKey: PROJECT.key },
    ],
    sprints: [
      { id: 11, name: 'TL Sprint 1', state: 'closed', boardId: 1, startDate: '2026-01-05T09:00:00.000Z', endDate: '2026-01-19T09:00:00.000Z', completeDate: '2026-01-19T10:00:00.000Z' },
      { id: 12, name: 'TL Sprint 2', state: 'active', boardId: 1, startDate: '2026-01-19T09:00:00.000Z', endDate: '2026-02-02T09:00:00.000Z' },
      { id: 13, name: 'TL Sprint 3', state: 'future', boardId: 1 },
    ],
    permissions: {
      [PROJECT.key]: {
        [USERS.ada.accountId]: ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'ADMINISTER_PROJECTS', 'CREATE_ISSUES', 'LINK_ISSUES'],
        [USERS.pat.accountId]: ['BROWSE_PROJECTS'],
      },
      [HIDDEN.key]: { [USERS.ada.accountId]: ['BROWSE_PROJECTS'] },
    },
    issues,
  };
}
