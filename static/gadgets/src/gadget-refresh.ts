/**
 * Jira's gadget refresh (the manifest sets `refreshable: false`, so Jira leaves it to the app):
 * JIRA_DASHBOARD_GADGET_REFRESH goes to every gadget; this one reloads when the whole dashboard is
 * refreshed or when the refresh is its own.
 */
import { events } from '@forge/bridge';
import { useEffect, useEffectEvent } from 'react';

export function useGadgetRefresh(gadgetId: string | undefined, reload: () => void): void {
  const refreshed = useEffectEvent(() => {
    reload();
  });
  useEffect(() => {
    let live = true;
    let unsubscribe: (() => void) | undefined;
    events
      .on('JIRA_DASHBOARD_GADGET_REFRESH', (payload: unknown) => {
        const event = (typeof payload === 'object' && payload !== null ? payload : {}) as { origin?: unknown; gadgetId?: unknown };
        if (event.origin === 'dashboard' || event.gadgetId === undefined || event.gadgetId === gadgetId) refreshed();
      })
      .then(
        (subscription) => {
          if (live) unsubscribe = () => {
            subscription.unsubscribe();
          };
          else subscription.unsubscribe();
        },
        (error: unknown) => {
          console.warn('Throughline: cannot listen to the gadget refresh', error);
        },
      );
    return () => {
      live = false;
      unsubscribe?.();
    };
  }, [gadgetId]);
}
