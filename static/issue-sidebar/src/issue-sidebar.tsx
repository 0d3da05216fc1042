/**
 * The issue sidebar (jira:issueContext): the issue's priority score, large, with the model's
 * name; how it was computed; what is missing. Reloads when Jira says the issue changed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { IssueScoreView } from '../../../src/contract';
import { ErrorPanel, Skeleton } from '../../common/components';
import { useForgeContext, useIssueChanged } from '../../common/forge-hooks';
import { invokeResolver, settle } from '../../common/invoke';
import type { UiError } from '../../common/invoke';
import { ScorePanel } from './score-panel';

type ScoreState =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly view: IssueScoreView; readonly refreshing: boolean }
  | { readonly status: 'failed'; readonly error: UiError };

function issueIdOf(extension: Record<string, unknown>): string | undefined {
  const issue = extension.issue as { id?: string | number } | undefined;
  return issue?.id === undefined ? undefined : `${issue.id}`;
}

export function IssueSidebar(): ReactNode {
  const context = useForgeContext();
  const [state, setState] = useState<ScoreState>({ status: 'loading' });
  const request = useRef(0);

  const load = useCallback(async () => {
    // Only the latest answer counts when changes come quickly one after another.
    const mine = ++request.current;
    setState((previous) => (previous.status === 'loaded' ? { ...previous, refreshing: true } : { status: 'loading' }));
    const result = await settle(() => invokeResolver('getIssueScore'));
    if (mine !== request.current) return;
    setState(result.ok ? { status: 'loaded', view: result.value, refreshing: false } : { status: 'failed', error: result.error });
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const issueId = context.status === 'ready' ? issueIdOf(context.context.extension) : undefined;
  useIssueChanged(issueId, () => {
    void load();
  });

  const locale = context.status === 'ready' ? context.context.locale : undefined;
  return (
    <main className="tl-sidebar" aria-busy={state.status === 'loading' || (state.status === 'loaded' && state.refreshing)}>
      {state.status === 'loading' && <Skeleton label="Loading the priority score…" lines={4} />}
      {state.status === 'failed' && (
        <ErrorPanel
          error={state.error}
          // Trying again cannot make a hidden issue visible; it can get past a busy Jira.
          onRetry={
            state.error.code === 'not-found'
              ? undefined
              : () => {
                  void load();
                }
          }
        />
      )}
      {state.status === 'loaded' && <ScorePanel view={state.view} locale={locale} refreshing={state.refreshing} />}
    </main>
  );
}
