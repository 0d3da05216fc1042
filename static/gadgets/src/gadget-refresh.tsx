/**
 * How a gadget reads its answer and keeps it fresh. Jira's gadget refresh (the manifest sets
 * `refreshable: false`, so Jira leaves it to the app): JIRA_DASHBOARD_GADGET_REFRESH goes to every
 * gadget; this one reloads when the whole dashboard is refreshed or when the refresh is its own.
 */
import { router } from '@forge/bridge';
import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { Result } from '../../../src/contract';
import { Message } from '../../common/components';
import { useJiraEvent } from '../../common/forge-hooks';
import { settle } from '../../common/invoke';
import type { UiResult } from '../../common/invoke';

export function useGadgetRefresh(gadgetId: string | undefined, reload: () => void): void {
  // Subscribed from the start (a gadget id or not): a dashboard refresh concerns every gadget.
  useJiraEvent('JIRA_DASHBOARD_GADGET_REFRESH', gadgetId ?? '', (event) => {
    if (event.origin === 'dashboard' || event.gadgetId === undefined || event.gadgetId === gadgetId) reload();
  });
}

/**
 * A gadget's answer: read at once, again on Jira's refresh, and on `load()` (a retry). `read` must
 * not change between renders: a function made once, outside the component.
 */
export function useGadgetAnswer<T>(read: () => Promise<Result<T>>, gadgetId: string | undefined): { readonly answer: UiResult<T> | undefined; readonly load: () => void } {
  const [answer, setAnswer] = useState<UiResult<T> | undefined>(undefined);
  const load = useCallback(() => {
    void settle(read).then(setAnswer);
  }, [read]);
  useEffect(load, [load]);
  useGadgetRefresh(gadgetId, load);
  return { answer, load };
}

/** What a gadget nobody has configured yet says: it asks for a project, or (Sprint readiness) a board. */
export function Unconfigured({ choose = 'project' }: { readonly choose?: 'project' | 'board' }): ReactNode {
  return (
    <Message tone="neutral" role="status">
      Choose a {choose} for this gadget: open its menu and select Edit.
    </Message>
  );
}

/** Opens Jira's issue search with `jql` through Jira's router (the gadget's frame cannot leave by itself). */
export function openIssueSearch(jql: string): void {
  router.open(`/issues/?jql=${encodeURIComponent(jql)}`).catch((error: unknown) => {
    console.warn('Throughline: Jira did not open the search', error);
  });
}
