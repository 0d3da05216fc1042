/**
 * A gadget's edit view: the project, chosen from those the user may browse (listed as the user,
 * narrowed by what they type), and how often the gadget refreshes. The resolver checks the choice
 * before `view.submit` hands it to Jira, which saves it as the gadget's configuration.
 */
import { view } from '@forge/bridge';
import { useEffect, useState } from 'react';
import type { ReactNode, SyntheticEvent } from 'react';
import type { GadgetProjectsView } from '../../../src/contract';
import { Button, ErrorPanel, Field, Message, Skeleton } from '../../common/components';
import { invokeResolver, settle } from '../../common/invoke';
import type { UiError } from '../../common/invoke';

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

function savedChoice(saved: unknown): { projectId: string; refresh: number; top: Top } {
  const record = (typeof saved === 'object' && saved !== null ? saved : {}) as { projectId?: unknown; refresh?: unknown; top?: unknown };
  const top = TOP_CHOICES.find((choice) => choice === record.top) ?? 10;
  return { projectId: typeof record.projectId === 'string' ? record.projectId : '', refresh: typeof record.refresh === 'number' ? record.refresh : 60, top };
}

type Projects = { readonly status: 'loading' } | { readonly status: 'ready'; readonly view: GadgetProjectsView } | { readonly status: 'failed'; readonly error: UiError };

/** `asksTop`: the gadget lists issues, and asks how many. */
export function GadgetEdit({ saved, asksTop }: { readonly saved: unknown; readonly asksTop: boolean }): ReactNode {
  const initial = savedChoice(saved);
  const [query, setQuery] = useState('');
  const [projects, setProjects] = useState<Projects>({ status: 'loading' });
  const [projectId, setProjectId] = useState(initial.projectId);
  const [refresh, setRefresh] = useState(initial.refresh);
  const [top, setTop] = useState<Top>(initial.top);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    // Typed letters wait a moment, so the list is asked for once a word, not once a key.
    const timer = setTimeout(() => {
      void settle(() => invokeResolver('listGadgetProjects', { query })).then((answer) => {
        if (!live) return;
        setProjects(answer.ok ? { status: 'ready', view: answer.value } : { status: 'failed', error: answer.error });
      });
    }, query === '' ? 0 : 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (projectId === '') {
      setError('Choose a project.');
      return;
    }
    setSaving(true);
    setError(null);
    void settle(() => invokeResolver('checkGadgetConfiguration', { projectId, refresh, ...(asksTop ? { top } : {}) })).then(async (answer) => {
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

  const listed = projects.status === 'ready' ? projects.view.projects : [];
  // The saved project stays choosable while the list is narrowed to others.
  const options = projectId !== '' && !listed.some((project) => project.id === projectId) ? [{ id: projectId, key: '', name: 'The project chosen before' }, ...listed] : listed;
  return (
    <form className="tl-gadget-edit" onSubmit={submit} aria-label="Configure the gadget">
      <Field label="Find a project" hint="Type part of a project's name or key to narrow the list.">
        {(id, describedBy) => <input id={id} aria-describedby={describedBy} type="search" value={query} onChange={(event) => { setQuery(event.target.value); }} />}
      </Field>
      {projects.status === 'loading' && <Skeleton label="Loading your projects" lines={1} />}
      {projects.status === 'failed' && <ErrorPanel error={projects.error} />}
      {projects.status === 'ready' && listed.length === 0 && <Message tone="neutral" role="status">{query === '' ? "You can't browse any project." : `No project you can browse matches "${query}".`}</Message>}
      <Field label="Project" hint={projects.status === 'ready' && projects.view.more ? 'More projects match: type to narrow the list.' : undefined} error={error}>
        {(id, describedBy) => (
          <select id={id} aria-describedby={describedBy} value={projectId} onChange={(event) => { setProjectId(event.target.value); }} required>
            <option value="">Choose a project</option>
            {options.map((project) => (
              <option key={project.id} value={project.id}>
                {project.key === '' ? project.name : `${project.name} (${project.key})`}
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
      <Field label="Refresh">
        {(id, describedBy) => (
          <select id={id} aria-describedby={describedBy} value={refresh} onChange={(event) => { setRefresh(Number(event.target.value)); }}>
            {REFRESH_CHOICES.map(([minutes, label]) => (
              <option key={minutes} value={minutes}>
                {label}
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
