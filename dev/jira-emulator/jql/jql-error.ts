/** A JQL problem, answered as Jira does: 400 with `{errorMessages: [message], errors: {}}`. */
export class JqlError extends Error {
  override readonly name = 'JqlError';
}
