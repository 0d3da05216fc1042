/**
 * Issue properties: `/rest/api/3/issue/{key}/properties/{propertyKey}`. Any user who can see the
 * issue can read them: never store secrets here.
 */
import type { JiraClient } from './client';
import { JiraError } from './errors';
import { jiraPath } from './paths';
import { entityPropertySchema, propertyKeysSchema } from './schemas';

/** Jira's limit on one property value. */
export const MAX_PROPERTY_BYTES = 32_768;
/** Jira's limit on a property key's length. */
export const MAX_PROPERTY_KEY_LENGTH = 255;

function checkKey(propertyKey: string): void {
  if (propertyKey === '' || propertyKey.length > MAX_PROPERTY_KEY_LENGTH) {
    throw new JiraError({ kind: 'bad-request', reason: 'invalid-input', message: `An issue property key must be 1 to ${MAX_PROPERTY_KEY_LENGTH} characters.` });
  }
}

/**
 * The property's value, or undefined when it is not set. Jira answers 404 both for a missing
 * property and for an issue the user cannot see; read the issue first where the difference matters.
 */
export async function getIssueProperty(jira: JiraClient, issueIdOrKey: string, propertyKey: string): Promise<unknown> {
  checkKey(propertyKey);
  const result = await jira.call({
    operation: 'get-property',
    method: 'GET',
    path: jiraPath`/rest/api/3/issue/${issueIdOrKey}/properties/${propertyKey}`,
    schema: entityPropertySchema,
    acceptStatuses: [404],
    subject: `property ${propertyKey} of issue ${issueIdOrKey}`,
  });
  return result.data?.value;
}

export async function listIssuePropertyKeys(jira: JiraClient, issueIdOrKey: string): Promise<string[]> {
  const result = await jira.json({
    operation: 'list-property-keys',
    method: 'GET',
    path: jiraPath`/rest/api/3/issue/${issueIdOrKey}/properties`,
    schema: propertyKeysSchema,
    subject: `the properties of issue ${issueIdOrKey}`,
  });
  return result.keys.map((entry) => entry.key);
}

/** Sets (creates or replaces) the property. Returns 'created' or 'updated' as Jira reports it. */
export async function setIssueProperty(jira: JiraClient, issueIdOrKey: string, propertyKey: string, value: unknown): Promise<'created' | 'updated'> {
  checkKey(propertyKey);
  if (value === undefined) {
    throw new JiraError({ kind: 'bad-request', reason: 'invalid-input', message: 'An issue property needs a value; use deleteIssueProperty to remove it.' });
  }
  const bytes = new TextEncoder().encode(JSON.stringify(value)).length;
  if (bytes > MAX_PROPERTY_BYTES) {
    throw new JiraError({
      kind: 'bad-request',
      reason: 'too-large',
      message: `The value for issue property ${propertyKey} is ${bytes.toLocaleString('en-US')} bytes; Jira keeps at most ${MAX_PROPERTY_BYTES.toLocaleString('en-US')}.`,
    });
  }
  const result = await jira.call({
    operation: 'set-property',
    method: 'PUT',
    path: jiraPath`/rest/api/3/issue/${issueIdOrKey}/properties/${propertyKey}`,
    body: value,
    subject: `property ${propertyKey} of issue ${issueIdOrKey}`,
  });
  return result.status === 201 ? 'created' : 'updated';
}

/** Removes the property; false when it was not there (404, also after a retried delete). */
export async function deleteIssueProperty(jira: JiraClient, issueIdOrKey: string, propertyKey: string): Promise<boolean> {
  checkKey(propertyKey);
  const result = await jira.call({
    operation: 'delete-property',
    method: 'DELETE',
    path: jiraPath`/rest/api/3/issue/${issueIdOrKey}/properties/${propertyKey}`,
    acceptStatuses: [404],
    subject: `property ${propertyKey} of issue ${issueIdOrKey}`,
  });
  return result.status !== 404;
}
