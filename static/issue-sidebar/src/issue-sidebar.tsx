/**
 * The issue sidebar (jira:issueContext). Loads in three steps so the score paints first:
 * `getIssueScore` (one invoke; the issue and, when needed, its epic), then, side by side,
 * `getIssueRank` (two count queries), `getIssueDetails` (readiness, trace, permissions and
 * the input editors) and `getIssueHistory` (how it moved). Reloads when Jira says the issue
 * changed; inputs are set in place.
 */
import { router } from '@forge/bridge';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { IssueDetailsView, IssueRankView, IssueScoreView, SetIssueInputPayload } from '../../../src/contract';
import { AskRovo } from '../../common/ask-rovo';
import { Button, ErrorPanel, Skeleton } from '../../common/components';
import { useForgeContext, useIssueChanged } from '../../common/forge-hooks';
import { invokeResolver, settle } from '../../common/invoke';
import type { UiError } from '../../common/invoke';
import { HistoryPanel, useIssueHistory } from './history-panel';
import { InputEditorForm } from './input-editor';
import { OptionsEditorForm } from './options-editor';
import { ReadinessPanel } from './readiness-panel';
import { ScorePanel } from './score-panel';
import type { Loadable } from './score-panel';
import { openProjectPage, TraceLine } from './trace-line';
import { LocaleProvider } from '../../common/locale';

type ScoreState =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly view: IssueScoreView; readonly refreshing: boolean }
  | { readonly status: 'failed'; readonly error: UiError };

interface Editing {
  readonly input: string;
  readonly saving: boolean;
  readonly error: string | null;
}

function issueIdOf(extension: Record<string, unknown>): string | undefined {
  const issue = extension.issue as { id?: string | number } | undefined;
  return issue?.id === undefined ? undefined : `${issue.id}`;
}

function loadableOf<T>(result: { ok: true; value: T } | { ok: false; error: UiError }): Loadable<T> {
  return result.ok ? { status: 'loaded', value: result.value } : { status: 'failed', message: result.error.message };
}

function NotConfigured({ view, details }: { readonly view: IssueScoreView; readonly details: Loadable<IssueDetailsView> }): ReactNode {
  if (view.configuration !== 'default') return null;
  const isAdmin = details.status === 'loaded' && details.value.permissions.isAdmin;
  return (
    <section className="tl-setup" data-testid="not-configured" aria-label="Project setup">
      <p>
        <strong>{view.project.key} is not configured yet.</strong> The score uses a default, {view.model.name}, over the fields this project's issues carry.
      </p>
      {isAdmin ? (
        <Button
          onClick={() => {
            router.navigate({ target: 'projectSettingsDetails', projectKey: view.project.key }).catch((error: unknown) => {
              console.warn('Throughline: cannot open the settings', error);
            });
          }}
        >
          Choose the model in settings
        </Button>
      ) : (
        <p className="tl-muted">A project admin can choose the model and fields in the project settings.</p>
      )}
    </section>
  );
}

export function IssueSidebar(): ReactNode {
  const context = useForgeContext();
  const [score, setScore] = useState<ScoreState>({ status: 'loading' });
  const [rank, setRank] = useState<Loadable<IssueRankView>>({ status: 'loading' });
  const [details, setDetails] = useState<Loadable<IssueDetailsView>>({ status: 'loading' });
  const [editing, setEditing] = useState<Editing | null>(null);
  const request = useRef(0);
  const { history, reload: reloadHistory } = useIssueHistory();

  // Side by side, each shown as soon as it arrives.
  const loadAfterScore = useCallback(async (mine: number, view: IssueScoreView) => {
    await Promise.all([
      reloadHistory(view.score),
      settle(() => invokeResolver('getIssueRank')).then((result) => {
        if (mine === request.current) setRank(loadableOf(result));
      }),
      settle(() => invokeResolver('getIssueDetails')).then((result) => {
        if (mine === request.current) setDetails(loadableOf(result));
      }),
    ]);
  }, [reloadHistory]);

  // Only the latest answer counts when changes come quickly one after another.
  const ask = useCallback(async (mine: number) => {
    const result = await settle(() => invokeResolver('getIssueScore'));
    if (mine !== request.current) return;
    setScore(result.ok ? { status: 'loaded', view: result.value, refreshing: false } : { status: 'failed', error: result.error });
    if (result.ok) await loadAfterScore(mine, result.value);
  }, [loadAfterScore]);

  const load = useCallback(async () => {
    const mine = ++request.current;
    setScore((previous) => (previous.status === 'loaded' ? { ...previous, refreshing: true } : { status: 'loading' }));
    await ask(mine);
  }, [ask]);

  // On mount the state already says "loading": only the request is made.
  useEffect(() => {
    void ask(++request.current);
  }, [ask]);

  const issueId = context.status === 'ready' ? issueIdOf(context.context.extension) : undefined;
  useIssueChanged(issueId, () => {
    void load();
  });

  const editable = useMemo(() => {
    const map = new Map<string, IssueDetailsView['inputs'][number]>();
    if (details.status !== 'loaded' || !details.value.permissions.canEdit) return map;
    for (const input of details.value.inputs) if (input.editor.kind !== 'none' && input.editor.kind !== 'in-jira') map.set(input.input, input);
    return map;
  }, [details]);

  /** Where in Jira a user changes what Jira counts (votes, watchers), by input key: anyone may read it. */
  const howToChange = useMemo(() => {
    const map = new Map<string, string>();
    if (details.status === 'loaded') for (const input of details.value.inputs) if (input.editor.kind === 'in-jira') map.set(input.input, input.editor.how);
    return map;
  }, [details]);

  /** Every input's field name on this site, from the details (the score alone may know only ids). */
  const fieldNames = useMemo(() => {
    const map = new Map<string, string>();
    if (details.status === 'loaded') for (const input of details.value.inputs) if (input.field !== null) map.set(input.input, input.field.name);
    return map;
  }, [details]);

  const save = useCallback(
    async (input: string, value: SetIssueInputPayload['value']) => {
      setEditing({ input, saving: true, error: null });
      const result = await settle(() => invokeResolver('setIssueInput', { input, value }));
      if (!result.ok) {
        setEditing({ input, saving: false, error: result.error.message });
        // A multi-select refused (an option deleted since the list was shown): the list is read again.
        if (Array.isArray(value)) {
          const mine = request.current;
          const fresh = await settle(() => invokeResolver('getIssueDetails'));
          if (mine === request.current && fresh.ok) setDetails({ status: 'loaded', value: fresh.value });
        }
        return;
      }
      setEditing(null);
      const mine = ++request.current;
      setScore({ status: 'loaded', view: result.value, refreshing: false });
      await loadAfterScore(mine, result.value);
    },
    [loadAfterScore],
  );

  const locale = context.status === 'ready' ? context.context.locale : undefined;
  const view = score.status === 'loaded' ? score.view : undefined;
  const editingInfo = editing === null ? undefined : editable.get(editing.input);
  const editingRow = editing === null || view === undefined ? undefined : view.breakdown.find((row) => row.input === editing.input);
  const editorForm =
    editing !== null && editingInfo !== undefined && editingRow !== undefined ? (
      editingInfo.editor.kind === 'options' ? (
        <OptionsEditorForm
          key={editing.input}
          label={editingRow.label}
          fieldName={editingInfo.field?.name ?? editingRow.field?.name ?? ''}
          options={editingInfo.editor.options}
          selected={editingInfo.editor.selected}
          saving={editing.saving}
          error={editing.error}
          onSave={(optionIds) => {
            void save(editing.input, optionIds);
          }}
          onCancel={() => {
            setEditing(null);
          }}
        />
      ) : (
      <InputEditorForm
        key={editing.input}
        label={editingRow.label}
        fieldName={editingInfo.field?.name ?? editingRow.field?.name ?? ''}
        editor={editingInfo.editor}
        initial={editingRow.rawText ?? ''}
        saving={editing.saving}
        error={editing.error}
        onSave={(value) => {
          void save(editing.input, value);
        }}
        onCancel={() => {
          setEditing(null);
        }}
      />
      )
    ) : null;

  return (
    <LocaleProvider locale={locale}>
    <main className="tl-sidebar" aria-busy={score.status === 'loading' || (score.status === 'loaded' && score.refreshing)}>
      {score.status === 'loading' && <Skeleton label="Loading the priority score…" lines={4} />}
      {score.status === 'failed' && (
        <ErrorPanel
          error={score.error}
          // Trying again cannot make a hidden issue visible; it can get past a busy Jira.
          onRetry={
            score.error.code === 'not-found'
              ? undefined
              : () => {
                  void load();
                }
          }
        />
      )}
      {view !== undefined && (
        <div className="tl-stack">
          <NotConfigured view={view} details={details} />
          <ScorePanel
            view={view}
            rank={rank}
            editable={editable}
            fieldNames={fieldNames}
            howToChange={howToChange}
            trace={details.status === 'loaded' ? details.value.trace : null}
            onOpenProjectPage={() => {
              openProjectPage(view.project.key);
            }}
            onEdit={(input) => {
              setEditing({ input, saving: false, error: null });
            }}
            editor={editorForm}
          />
          <AskRovo prompt={`Why is ${view.issue.key} ranked where it is, and what would change its score most?`} />
          {details.status === 'loading' && <Skeleton label="Loading readiness and the trace…" lines={3} />}
          {details.status === 'failed' && <p className="tl-muted">Readiness and the trace could not be loaded: {details.message}</p>}
          {details.status === 'loaded' && (
            <>
              <ReadinessPanel readiness={details.value.readiness} />
              <TraceLine trace={details.value.trace} />
            </>
          )}
          <HistoryPanel
            history={history}
            onRetry={() => {
              void reloadHistory(view.score);
            }}
          />
          <p className="tl-visually-hidden" role="status" aria-live="polite">
            {score.status === 'loaded' && score.refreshing ? 'Updating the score…' : ''}
          </p>
        </div>
      )}
    </main>
    </LocaleProvider>
  );
}
