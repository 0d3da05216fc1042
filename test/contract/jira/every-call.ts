/**
 * Every call the Jira client can make, made once by the real client code over a fake Jira that
 * answers just enough to keep it going: the request-body and the scope contract tests share it.
 */
import { getBoard, listBoards, listSprints, searchBoards } from '../../../src/jira/agile';
import { updateAppFieldValues } from '../../../src/jira/app-fields';
import { fetchFields } from '../../../src/jira/fields';
import { getEditableFields } from '../../../src/jira/edit-meta';
import { bulkFetchIssues, editIssueFields, getIssue } from '../../../src/jira/issues';
import { checkPermissions, getMyPermissions } from '../../../src/jira/permissions';
import { getProject, searchProjects } from '../../../src/jira/projects';
import { bulkGetUsers, searchUsers } from '../../../src/jira/users';
import { deleteIssueProperty, getIssueProperty, listIssuePropertyKeys, setIssueProperty } from '../../../src/jira/properties';
import { jql } from '../../../src/jira/jql';
import { approximateCount, collectIssues } from '../../../src/jira/search';
import { fakeJira, issue, response } from '../../unit/jira/fake-jira';
import type { RecordedCall, Scripted } from '../../unit/jira/fake-jira';

function answer(call: RecordedCall): Scripted {
  const path = call.path.split('?')[0] ?? '';
  if (path === '/rest/api/3/search/jql') {
    const token = (call.body as { nextPageToken?: string }).nextPageToken;
    return token === undefined ? response(200, { issues: [issue(1)], nextPageToken: 'CAEaAggD', isLast: false }) : response(200, { issues: [issue(2)], isLast: true });
  }
  if (path === '/rest/api/3/search/approximate-count') return response(200, { count: 2 });
  if (path === '/rest/api/3/issue/bulkfetch') return response(200, { issues: [issue(1)], issueErrors: [] });
  if (path === '/rest/api/3/field') return response(200, []);
  if (path === '/rest/api/3/mypermissions') return response(200, { permissions: {} });
  if (path === '/rest/api/3/permissions/check') return response(200, { globalPermissions: [], projectPermissions: [] });
  if (path === '/rest/api/3/app/field/value') return response(204);
  if (path.endsWith('/properties')) return response(200, { keys: [] });
  if (path.includes('/properties/')) return call.method === 'GET' ? response(200, { key: 'k', value: 1 }) : response(call.method === 'PUT' ? 200 : 204);
  if (path.endsWith('/editmeta')) return response(200, { fields: {} });
  if (path.startsWith('/rest/api/3/issue/')) return call.method === 'PUT' ? response(204) : response(200, issue(1));
  if (path === '/rest/api/3/user/search') return response(200, []);
  if (path === '/rest/api/3/user/bulk') return response(200, { isLast: true, values: [] });
  if (path === '/rest/api/3/project/search') return response(200, { isLast: true, values: [{ id: '10000', key: 'TL', name: 'Throughline' }] });
  if (path.startsWith('/rest/api/3/project/')) return response(200, { id: '10000', key: 'TL', name: 'Throughline' });
  if (path.endsWith('/sprint')) return response(200, { isLast: true, values: [] });
  if (path === '/rest/agile/1.0/board') return response(200, { isLast: true, values: [] });
  if (/^\/rest\/agile\/1\.0\/board\/\d+$/.test(path)) return response(200, { id: 5, name: 'TL board', type: 'scrum', location: { projectId: 10000, projectKey: 'TL' } });
  return response(500);
}

export async function everyCall(): Promise<RecordedCall[]> {
  const jira = fakeJira(answer);
  const client = jira.client();
  await collectIssues(client, { jql: jql`project = TL`, fields: ['summary', 'customfield_10016'], properties: ['throughline.score'], pageSize: 1, maxIssues: 10, expand: 'names' });
  await approximateCount(client, jql`project = TL`);
  await bulkFetchIssues(client, ['TL-1', '10002'], { fields: ['summary'], properties: ['throughline.score'] });
  await getIssue(client, 'TL-1', { fields: ['summary'], properties: ['throughline.score'] });
  await editIssueFields(client, 'TL-1', { customfield_10016: 5, labels: ['a'] });
  await getEditableFields(client, 'TL-1');
  await getIssueProperty(client, 'TL-1', 'throughline.score');
  await listIssuePropertyKeys(client, 'TL-1');
  await setIssueProperty(client, 'TL-1', 'throughline.score', { wsjf: 12, inputs: { cost: 3 } });
  await deleteIssueProperty(client, 'TL-1', 'throughline.score');
  await fetchFields(client);
  await updateAppFieldValues(client, [{ fieldId: 'customfield_10300', issueId: '10002', value: 12.5 }, { fieldId: 'customfield_10300', issueId: 10003, value: 12.5 }], { generateChangelog: false });
  await getMyPermissions(client, ['BROWSE_PROJECTS', 'EDIT_ISSUES'], { projectKey: 'TL' });
  await checkPermissions(client, { accountId: '5b10a2844c20165700ede21g', globalPermissions: ['ADMINISTER'], projectPermissions: [{ permissions: ['EDIT_ISSUES'], issues: [10002], projects: [10000] }] });
  await listBoards(client, { projectKeyOrId: 'TL', type: 'scrum' });
  await listSprints(client, 5, ['active', 'future']);
  await searchBoards(client, { name: 'tl', type: 'scrum', maxResults: 20 });
  await getBoard(client, 5);
  await searchProjects(client, { query: 'thr', maxResults: 20 });
  await getProject(client, '10000');
  await searchUsers(client, 'pat', { maxResults: 20 });
  await bulkGetUsers(client, ['5b10a2844c20165700ede21g', '5b10ac8d82e05b22cc7d4ef5']);
  return jira.calls;
}

