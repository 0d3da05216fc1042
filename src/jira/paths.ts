/**
 * The only way this client builds a Jira REST path: a tagged template that encodes every value
 * and refuses values that could change which resource is addressed.
 *
 * It mirrors `route` from @forge/api (read in node_modules/@forge/api/out/safeUrl.js): before the
 * first `?` of the template, values containing `/`, `\`, `?`, `#` or `..` (also as `%2e`) are
 * refused; after it, values are encoded with encodeURIComponent. Unlike `route`, path values are
 * encoded too (route passes them through), and a value that is empty or exactly `.` is refused:
 * `/issue//properties` and `/issue/./properties` both normalise to another resource.
 *
 * The result is branded as `JiraPath`, so `RequestJira` only accepts paths made here, and the
 * Forge adapter can re-check the finished string before handing it to `assumeTrustedRoute`.
 */

declare const jiraPathBrand: unique symbol;

/** A path built by `jiraPath`: starts with `/rest/`, every interpolated value encoded. */
export type JiraPath = string & { readonly [jiraPathBrand]: true };

export class UnsafePathError extends Error {
  override readonly name = 'UnsafePathError';
}

/** A query string built by `jiraQuery`, interpolated verbatim after the template's `?`. */
export class JiraQuery {
  readonly #encoded: string;
  constructor(encoded: string) {
    this.#encoded = encoded;
  }
  toString(): string {
    return this.#encoded;
  }
}

export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;

/**
 * Encodes `{ a: 1, fields: ['x', 'y'], skip: undefined }` as `a=1&fields=x%2Cy`.
 * Lists are comma-joined, which is how Jira's `fields`, `properties`, `permissions` and `state`
 * parameters take several values.
 */
export function jiraQuery(params: Readonly<Record<string, QueryValue>>): JiraQuery {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.map(String).join(',') : String(value);
    parts.push(`${encodeComponent(name)}=${encodeComponent(text)}`);
  }
  return new JiraQuery(parts.join('&'));
}

export type PathValue = string | number;

// Same list as @forge/api's route: `..` and its percent-encoded spellings.
const DOUBLE_DOT = /\.\.|\.%2e|%2e\.|%2e%2e/i;
const STRUCTURAL = /[/\\?#]/;

function encodeComponent(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    // encodeURIComponent throws URIError on a lone surrogate.
    throw new UnsafePathError('A Jira path value is not valid text (lone surrogate).');
  }
}

function checkPathValue(value: unknown): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UnsafePathError(`A Jira path value must be a finite number, got ${String(value)}.`);
    return String(value);
  }
  if (typeof value !== 'string') {
    throw new UnsafePathError(`A Jira path value must be a string or a number, got ${value === null ? 'null' : typeof value}.`);
  }
  if (value === '' || value === '.') {
    throw new UnsafePathError(`Refused Jira path value ${JSON.stringify(value)}: it would address another resource.`);
  }
  if (STRUCTURAL.test(value) || DOUBLE_DOT.test(value)) {
    throw new UnsafePathError(`Refused Jira path value ${JSON.stringify(value)}: it contains / \\ ? # or "..".`);
  }
  return value;
}

function queryValue(value: unknown): string {
  if (value instanceof JiraQuery) return value.toString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return encodeComponent(String(value));
  throw new UnsafePathError(`A Jira query value must be a string, number, boolean or jiraQuery(...), got ${value === null ? 'null' : typeof value}.`);
}

/**
 * `jiraPath\`/rest/api/3/issue/${key}/properties/${propertyKey}\``
 * `jiraPath\`/rest/agile/1.0/board?${jiraQuery({ projectKeyOrId: key })}\``
 */
export function jiraPath(template: TemplateStringsArray, ...values: readonly (PathValue | boolean | JiraQuery)[]): JiraPath {
  let inQuery = false;
  let result = '';
  template.forEach((fragment, index) => {
    if (fragment.includes('?') || fragment.includes('#')) inQuery = true;
    result += fragment;
    if (index >= values.length) return;
    const value = values[index];
    if (inQuery) {
      result += queryValue(value);
    } else {
      if (value instanceof JiraQuery) throw new UnsafePathError('A query string may only follow the `?` of a Jira path.');
      result += encodeComponent(checkPathValue(value));
    }
  });
  return assertSafeJiraPath(result);
}

// What encodeURIComponent leaves unencoded, plus the template's own `/`.
const SAFE_PATH_PART = /^\/rest\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
const ENCODED_TRAVERSAL = /%2e|%2f|%5c/i;
const SAFE_QUERY_PART = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/;

/**
 * Checks a finished path string the way `jiraPath` builds them. Used again by the Forge adapter,
 * because `assumeTrustedRoute` trusts whatever it is given.
 */
export function assertSafeJiraPath(path: string): JiraPath {
  const queryAt = path.indexOf('?');
  const pathPart = queryAt === -1 ? path : path.slice(0, queryAt);
  const queryPart = queryAt === -1 ? '' : path.slice(queryAt + 1);
  const reject = (why: string): never => {
    throw new UnsafePathError(`Refused Jira path ${JSON.stringify(path.slice(0, 200))}: ${why}.`);
  };
  if (!SAFE_PATH_PART.test(pathPart)) reject('it must start with /rest/ and contain only URL-safe characters');
  if (ENCODED_TRAVERSAL.test(pathPart)) reject('it contains an encoded ".", "/" or "\\"');
  const segments = pathPart.split('/').slice(1);
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    reject('it has an empty, "." or ".." segment');
  }
  if (!SAFE_QUERY_PART.test(queryPart)) reject('its query contains characters that should have been encoded');
  return path as JiraPath;
}
