/**
 * The typed way to call the backend: `invokeResolver('getIssueScore')` is checked against
 * src/contract.ts, so a renamed key or a changed payload fails the type check here and there.
 */
import { makeInvoke } from '@forge/bridge';
import type { ResolverDefs } from '../../src/contract';

// What a call's answer becomes for the UI lives apart from the bridge (which needs a Forge frame
// to load), so code that only handles answers is tested in Node.
export { settle } from './settle';
export type { UiError, UiResult } from './settle';

export const invokeResolver = makeInvoke<ResolverDefs>();
