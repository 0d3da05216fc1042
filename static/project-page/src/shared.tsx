/** What the project page's views share: loading a view in one call, opening an issue, exports, small pieces. */
import { router } from '@forge/bridge';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { Result } from '../../../src/contract';
import { Lozenge } from '../../common/components';
import { numberFormat } from '../../common/format';
import { settle } from '../../common/invoke';

export { csvCell, csvOf, mdCell, mdTable, visionMarkdown } from './exports';
import type { UiError } from '../../common/invoke';

export type Loaded<T> =
  | { readonly status: 'loading' }
  /** `error`: the last refresh failed; what was loaded stays on screen, with a retry. */
  | { readonly status: 'loaded'; readonly value: T; readonly refreshing: boolean; readonly error?: UiError }
  | { readonly status: 'failed'; readonly error: UiError };

/** Calls a resolver on mount and on `reload()`; only the latest answer counts. */
export function useLoad<T>(call: () => Promise<Result<T>>): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const request = useRef(0);
  // The call of the latest committed render (it closes over the view's inputs, e.g. sprint
  // readiness's "top"), for a reload from an event handler. Kept in a layout effect, not during
  // render: a render React discards must not change what the next reload calls.
  const latest = useRef(call);
  useLayoutEffect(() => {
    latest.current = call;
  });
  /** Asks, and keeps the answer if no later request was made since. */
  const ask = useCallback((mine: number) => {
    void settle(() => latest.current()).then((result) => {
      if (mine !== request.current) return;
      setState((previous) => {
        if (result.ok) return { status: 'loaded', value: result.value, refreshing: false };
        return previous.status === 'loaded' ? { status: 'loaded', value: previous.value, refreshing: false, error: result.error } : { status: 'failed', error: result.error };
      });
    });
  }, []);
  const load = useCallback(() => {
    const mine = ++request.current;
    setState((previous) => (previous.status === 'loaded' ? { status: 'loaded', value: previous.value, refreshing: true } : { status: 'loading' }));
    ask(mine);
  }, [ask]);
  // On mount the state already says "loading": only the request is made.
  useEffect(() => {
    ask(++request.current);
  }, [ask]);
  return [state, load];
}

/** Opens the issue through Jira's router: in this tab (back returns here), or a new one when asked. */
export function openIssue(issueKey: string, newTab = false): void {
  const opened = newTab ? router.open({ target: 'issue', issueKey }) : router.navigate({ target: 'issue', issueKey });
  opened.catch((error: unknown) => {
    console.warn('Throughline: cannot open the issue', error);
  });
}

/**
 * A link to an issue that Jira opens (its router: the frame's own origin knows no /browse), reachable
 * and usable by keyboard. A click opens it here, as Jira's own issue links do; Ctrl, Cmd or Shift
 * with the click, or the middle button, in a new tab.
 */
export function IssueLink({ issueKey }: { readonly issueKey: string }): ReactNode {
  return (
    <a
      href={`/browse/${encodeURIComponent(issueKey)}`}
      className="tl-issue-link"
      onClick={(event) => {
        event.preventDefault();
        openIssue(issueKey, event.ctrlKey || event.metaKey || event.shiftKey);
      }}
      onAuxClick={(event) => {
        if (event.button !== 1) return;
        event.preventDefault();
        openIssue(issueKey, true);
      }}
    >
      {issueKey}
    </a>
  );
}

/** Saves text as a file (the frame allows downloads). */
export function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}

export function percent(value: number | null, locale: string | undefined): string {
  if (value === null) return '–';
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** Jira's status colours: To Do grey, In Progress blue, Done green (by status category key). */
export function StatusLozenge({ name, category }: { readonly name: string; readonly category: string }): ReactNode {
  return <Lozenge appearance={category === 'done' ? 'success' : category === 'indeterminate' ? 'inprogress' : 'default'}>{name}</Lozenge>;
}

export function ReadinessBadge({ verdict }: { readonly verdict: 'ready' | 'not-ready' | 'not-applicable' }): ReactNode {
  const label = verdict === 'ready' ? 'Ready' : verdict === 'not-ready' ? 'Not ready' : 'Not checked';
  return <Lozenge appearance={verdict === 'ready' ? 'success' : verdict === 'not-ready' ? 'removed' : 'default'}>{label}</Lozenge>;
}
