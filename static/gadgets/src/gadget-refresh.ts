/**
 * Jira's gadget refresh (the manifest sets `refreshable: false`, so Jira leaves it to the app):
 * JIRA_DASHBOARD_GADGET_REFRESH goes to every gadget; this one reloads when the whole dashboard is
 * refreshed or when the refresh is its own.
 */
import { useJiraEvent } from '../../common/forge-hooks';

export function useGadgetRefresh(gadgetId: string | undefined, reload: () => void): void {
  // Subscribed from the start (a gadget id or not): a dashboard refresh concerns every gadget.
  useJiraEvent('JIRA_DASHBOARD_GADGET_REFRESH', gadgetId ?? '', (event) => {
    if (event.origin === 'dashboard' || event.gadgetId === undefined || event.gadgetId === gadgetId) reload();
  });
}
