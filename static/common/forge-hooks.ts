/** React hooks over @forge/bridge: the module's context and Jira's front-end events. */
import { events, view } from '@forge/bridge';
import type { FullContext } from '@forge/bridge';
import { useEffect, useEffectEvent, useState } from 'react';

export type ContextState = { readonly status: 'loading' } | { readonly status: 'ready'; readonly context: FullContext } | { readonly status: 'failed'; readonly message: string };

/**
 * The Forge context of this frame (`view.getContext()`), loaded once; or `asked`, when the frame's
 * first script already asked for it (a promise made once, outside React).
 */
export function useForgeContext(asked?: Promise<FullContext>): ContextState {
  const [state, setState] = useState<ContextState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    (asked ?? view.getContext()).then(
      (context) => {
        if (live) setState({ status: 'ready', context });
      },
      (error: unknown) => {
        if (live) setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [asked]);
  return state;
}

/** Jira's JIRA_ISSUE_CHANGED payload (issue view modules only). */
export interface IssueChangedEvent {
  readonly issueId?: string;
  readonly projectId?: string;
  readonly changes?: readonly { readonly changeType: string; readonly atlassianId?: string }[];
}

/**
 * Listens to one of Jira's front-end events while `key` stays the same (nothing while it is
 * undefined); `onEvent` gets the payload as an object. The latest `onEvent` is called without
 * subscribing again when it changes (an Effect Event: React keeps it current, where writing a ref
 * during render would not be safe).
 */
export function useJiraEvent(eventName: string, key: string | undefined, onEvent: (payload: Readonly<Record<string, unknown>>) => void): void {
  const received = useEffectEvent((payload: Readonly<Record<string, unknown>>) => {
    onEvent(payload);
  });
  useEffect(() => {
    if (key === undefined) return undefined;
    let unsubscribe: (() => void) | undefined;
    let live = true;
    events
      .on(eventName, (payload: unknown) => {
        received(typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {});
      })
      .then(
        (subscription) => {
          if (live) unsubscribe = () => {
            subscription.unsubscribe();
          };
          else subscription.unsubscribe();
        },
        (error: unknown) => {
          console.warn(`Throughline: cannot listen to ${eventName}`, error);
        },
      );
    return () => {
      live = false;
      unsubscribe?.();
    };
  }, [eventName, key]);
}

/** Calls `onChange` when Jira says the issue in view changed. */
export function useIssueChanged(issueId: string | undefined, onChange: (event: IssueChangedEvent) => void): void {
  useJiraEvent('JIRA_ISSUE_CHANGED', issueId, (payload) => {
    const event = payload as IssueChangedEvent;
    // The event names the issue by id; an event for another issue is not ours.
    if (event.issueId !== undefined && `${event.issueId as string | number}` !== issueId) return;
    onChange(event);
  });
}
