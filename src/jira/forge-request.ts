/**
 * RequestJira over @forge/api: `asUser()` acts with the user's Jira permissions, `asApp()` with
 * the app's (check the user's permission first: see permissions.ts).
 *
 * Why `assumeTrustedRoute` and not `route`: @forge/api's `requestJira` only takes a Route object,
 * and `route` is a tagged template meant to be written at the call site. Wrapping a finished
 * path in it (route`${path}`) throws, because `route` refuses `/` inside an interpolated value.
 * The client builds every path with `jiraPath` (paths.ts), which applies the same refusals as
 * `route` to each value and encodes it; the `JiraPath` type means only such paths arrive here,
 * and `assertSafeJiraPath` checks the finished string once more before it is trusted, so no
 * user-supplied text reaches `assumeTrustedRoute` unchecked.
 */
import { asApp, asUser, assumeTrustedRoute } from '@forge/api';
import type { RequestJira } from './client';
import { assertSafeJiraPath } from './paths';

export type ForgeActor = 'user' | 'app';

export function forgeRequestJira(actor: ForgeActor): RequestJira {
  return async (path, init) => {
    const route = assumeTrustedRoute(assertSafeJiraPath(path));
    const methods = actor === 'user' ? asUser() : asApp();
    return methods.requestJira(route, init);
  };
}
