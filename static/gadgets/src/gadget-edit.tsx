/**
 * A gadget's edit view: the project (or, for Sprint readiness, the board), chosen from those the
 * user may see (listed as the user, narrowed by what they type); for Top of the backlog how many
 * issues and, optionally, one theme of the chosen project; and how often the gadget refreshes. The
 * resolver checks the choice before `view.submit` hands it to Jira, which saves it as the gadget's
 * configuration.
 */
import { view } from '@forge/bridge';
import { useEffect, useState } from 'react';
import type { ReactNode, SyntheticEvent } from 'react';
import type { GadgetConfiguration, GadgetThemesView, Result } from '../../../src/contract';
import { Button, ErrorPanel, Field, Message, Skeleton } from '../../common/components';
import { invokeResolver, settle } from '../../common/invoke';
import type { UiError } from '../../common/invoke';
import type { GadgetKind } from './gadget-kinds';

const REFRESH_CHOICES: readonly (readonly [number, string])[] = [
  [0, 'Only when I refresh'],
  [15, 'Every 15 minutes'],
  [30, 'Every 30 minutes'],
  [60, 'Every hour'],
  [120, 'Every 2 hours'],
  [240, 'Every 4 hours'],
  [1440, 'Once a day'],
];

const TOP_CHOICES = [5, 10, 20] as const;
type Top = (typeof TOP_CHOICES)[number];


interface Choice {
  readonly id: string;
  readonly label: string;
}

interface Saved {
  readonly chosen: string;
  readonly refresh: number;
  readonly top: Top;
  readonly themeId: string;
}

function savedChoice(saved: unknown, byBoard: boolean): Saved {
  const record = (typeof saved === 'object' && saved !== null ? saved : {}) as { projectId?: unknown; boardId?: unknown; refresh?: unknown; top?: unknown; themeId?: unknown };
  const top = TOP_CHOICES.find((choice) => choice === record.top) ?? 10;
  const chosen = byBoard ? record.boardId : record.projectId;
  return { chosen: typeof chosen === 'string' ? chosen : '', refresh: typeof record.refresh === 'number' ? record.refresh : 60, top, themeId: typeof record.themeId === 'string' ? record.themeId : '' };
}

type Listed<T> = { readonly status: 'loading' } | { readonly status: 'ready'; readonly view: T } | { readonly status: 'failed'; readonly error: UiError };

interface Choices {
  readonly choices: readonly Choice[];
  readonly more: boolean;
}

/** Projects or boards, as the user sees them, narrowed by `query`. */
async function listChoices(byBoard: boolean, query: string): Promise<Result<Choices>> {
  if (byBoard) {
    const boards = await invokeResolver('listGadgetBoards', { query });
    return boards.ok ? { ok: true, value: { choices: boards.value.boards.map((board) => ({ id: board.id, label: board.projectKey === null ? board.name : `${board.name} (${board.projectKey})` })), more: boards.value.more } } : boards;
  }
  const projects = await invokeResolver('listGadgetProjects', { query });
  return projects.ok ? { ok: true, value: { choices: projects.value.projects.map((project) => ({ id: project.id, label: `${project.name} (${project.key})` })), more: projects.value.more } } : projects;
}

/** The list behind a picker: asked at once, then again as the user types (a moment after the last key). */
function useChoices(byBoard: boolean, query: string): Listed<Choices> {
  const [listed, setListed] = useState<Listed<Choices>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    // Typed letters wait a moment, so the list is asked for once a word, not once a key.
    const timer = setTimeout(() => {
      void settle(() => listChoices(byBoard, query)).then((answer) => {
        if (!live) return;
        setListed(answer.ok ? { status: 'ready', view: answer.value } : { status: 'failed', error: answer.error });
      });
    }, query === '' ? 0 : 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [byBoard, query]);
  return listed;
}

/** The chosen project's themes (none asked until a project is chosen). */
function useThemes(projectId: string, wanted: boolean): Listed<GadgetThemesView> | undefined {
  const [themes, setThemes] = useState<{ readonly projectId: string; readonly listed: Listed<GadgetThemesView> } | undefined>(undefined);
  useEffect(() => {
    if (!wanted || projectId === '') return undefined;
    let live = true;
    void settle(() => invokeResolver('listGadgetThemes', { projectId })).then((answer) => {
      if (live) setThemes({ projectId, listed: answer.ok ? { status: 'ready', view: answer.value } : { status: 'failed', error: answer.error } });
    });
    return () => {
      live = false;
    };
  }, [projectId, wanted]);
  if (!wanted || projectId === '') return undefined;
  return themes?.projectId === projectId ? themes.listed : { status: 'loading' };
}

function ThemeField({ themes, themeId, onChange }: { readonly themes: Listed<GadgetThemesView> | undefined; readonly themeId: string; readonly onChange: (themeId: string) => void }): ReactNode {
  if (themes === undefined) return null;
  if (themes.status === 'loading') return <Skeleton label="Loading the project's themes" lines={1} />;
  if (themes.status === 'failed') return <ErrorPanel error={themes.error} />;
  const listed = themes.view.themes;
  return (
    <Field label="Theme" hint={listed.length === 0 ? 'This project has no themes yet: the gadget lists every issue.' : 'Only the stories serving this theme, or every issue.'}>
      {(id, describedBy) => (
        <select id={id} aria-describedby={describedBy} value={listed.some((theme) => theme.id === themeId) ? themeId : ''} onChange={(event) => { onChange(event.target.value); }}>
          <option value="">Every theme</option>
          {listed.map((theme) => (
            <option key={theme.id} value={theme.id}>
              {theme.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function GadgetEdit({ saved, kind }: { readonly saved: unknown; readonly kind: GadgetKind }): ReactNode {
  const byBoard = kind === 'sprint-readiness';
  const asksTop = kind === 'top-of-backlog';
  const thing = byBoard ? 'board' : 'project';
  const initial = savedChoice(saved, byBoard);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState(initial.chosen);
  const [refresh, setRefresh] = useState(initial.refresh);
  const [top, setTop] = useState<Top>(initial.top);
  const [themeId, setThemeId] = useState(initial.themeId);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const listed = useChoices(byBoard, query);
  const themes = useThemes(chosen, asksTop);

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (chosen === '') {
      setError(`Choose a ${thing}.`);
      return;
    }
    setSaving(true);
    setError(null);
    // A theme chosen for a project since changed is not sent: it is not one of the new project's.
    const theme = asksTop && themeId !== '' && themes?.status === 'ready' && themes.view.themes.some((candidate) => candidate.id === themeId) ? { themeId } : {};
    const configuration: GadgetConfiguration = byBoard ? { boardId: chosen, refresh } : { projectId: chosen, refresh, ...(asksTop ? { top, ...theme } : {}) };
    void settle(() => invokeResolver('checkGadgetConfiguration', configuration)).then(async (answer) => {
      if (!answer.ok) {
        setSaving(false);
        setError(answer.error.message);
        return;
      }
      try {
        await view.submit({ ...answer.value.configuration });
      } catch (submitError: unknown) {
        setSaving(false);
        setError(`Jira did not save the gadget: ${submitError instanceof Error ? submitError.message : String(submitError)}`);
      }
    });
  };

  const choices = listed.status === 'ready' ? listed.view.choices : [];
  // The saved choice stays choosable while the list is narrowed to others.
  const options = chosen !== '' && !choices.some((choice) => choice.id === chosen) ? [{ id: chosen, label: `The ${thing} chosen before` }, ...choices] : choices;
  const label = byBoard ? 'Board' : 'Project';
  return (
    <form className="tl-gadget-edit" onSubmit={submit} aria-label="Configure the gadget">
      <Field label={`Find a ${thing}`} hint={byBoard ? "Type part of a board's name to narrow the list." : "Type part of a project's name or key to narrow the list."}>
        {(id, describedBy) => <input id={id} aria-describedby={describedBy} type="search" value={query} onChange={(event) => { setQuery(event.target.value); }} />}
      </Field>
      {listed.status === 'loading' && <Skeleton label={`Loading your ${thing}s`} lines={1} />}
      {listed.status === 'failed' && <ErrorPanel error={listed.error} />}
      {listed.status === 'ready' && choices.length === 0 && (
        <Message tone="neutral" role="status">
          {query === '' ? (byBoard ? "You can't see any Scrum board." : "You can't browse any project.") : byBoard ? `No Scrum board you can see matches "${query}".` : `No project you can browse matches "${query}".`}
        </Message>
      )}
      <Field label={label} hint={listed.status === 'ready' && listed.view.more ? `More ${thing}s match: type to narrow the list.` : byBoard ? 'Scrum boards: the gadget reads the next sprint.' : undefined} error={error}>
        {(id, describedBy) => (
          <select id={id} aria-describedby={describedBy} value={chosen} onChange={(event) => { setChosen(event.target.value); }} required>
            <option value="">{`Choose a ${thing}`}</option>
            {options.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {asksTop && (
        <Field label="Issues shown">
          {(id, describedBy) => (
            <select id={id} aria-describedby={describedBy} value={top} onChange={(event) => { setTop(TOP_CHOICES.find((choice) => choice === Number(event.target.value)) ?? 10); }}>
              {TOP_CHOICES.map((choice) => (
                <option key={choice} value={choice}>
                  The top {choice}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {asksTop && <ThemeField themes={themes} themeId={themeId} onChange={setThemeId} />}
      <Field label="Refresh">
        {(id, describedBy) => (
          <select id={id} aria-describedby={describedBy} value={refresh} onChange={(event) => { setRefresh(Number(event.target.value)); }}>
            {REFRESH_CHOICES.map(([minutes, choice]) => (
              <option key={minutes} value={minutes}>
                {choice}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="tl-gadget-actions">
        <Button appearance="primary" type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </Button>
      </div>
    </form>
  );
}
