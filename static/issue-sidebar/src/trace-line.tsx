/** The trace Vision › Theme › Epic › this issue: the theme opens the project page, the epic opens the epic. */
import { router } from '@forge/bridge';
import type { ReactNode } from 'react';
import type { IssueTraceView } from '../../../src/contract';
import { Lozenge } from '../../common/components';

function go(location: Parameters<typeof router.navigate>[0]): void {
  router.navigate(location).catch((error: unknown) => {
    console.warn('Throughline: cannot open the link', error);
  });
}

/** The project page's vision map (the shell's route; Jira's own app URL in production). */
export function projectPageUrl(projectKey: string): string {
  return `/projects/${encodeURIComponent(projectKey)}/apps/throughline`;
}

/** Opens the project page, where the vision and the themes (and their strategic weights) are set. */
export function openProjectPage(projectKey: string): void {
  go(projectPageUrl(projectKey));
}

export function TraceLine({ trace }: { readonly trace: IssueTraceView }): ReactNode {
  const page = projectPageUrl(trace.project.key);
  const openPage = () => {
    go(page);
  };
  return (
    <nav className="tl-trace" aria-label="Trace to the vision" data-testid="trace">
      <h3 className="tl-section-title">Serves</h3>
      <ol>
        <li>
          <button type="button" className="tl-link" onClick={openPage} title={trace.vision ?? undefined}>
            {trace.vision === null ? 'No vision stated yet' : `Vision: ${trace.vision.length > 60 ? `${trace.vision.slice(0, 57)}…` : trace.vision}`}
          </button>
        </li>
        <li data-testid="trace-theme">
          {trace.theme.kind === 'theme' && (
            <button type="button" className="tl-link" onClick={openPage}>
              {trace.theme.name}
              {trace.theme.archived && (
                <>
                  {' '}
                  <Lozenge>archived</Lozenge>
                </>
              )}
            </button>
          )}
          {trace.theme.kind === 'none' && <span className="tl-muted">No theme</span>}
          {trace.theme.kind === 'unknown' && <span className="tl-muted">A theme that no longer exists ({trace.theme.id})</span>}
        </li>
        {!trace.issue.isEpic && (
          <li data-testid="trace-epic">
            {trace.epic === null && <span className="tl-muted">No epic</span>}
            {trace.epic !== null && trace.epic.exists && (
              <button
                type="button"
                className="tl-link"
                onClick={() => {
                  if (trace.epic !== null) go({ target: 'issue', issueKey: trace.epic.key });
                }}
              >
                {trace.epic.key}
                {trace.epic.summary === null ? '' : ` ${trace.epic.summary}`}
              </button>
            )}
            {trace.epic !== null && !trace.epic.exists && <span className="tl-muted">Epic {trace.epic.key} no longer exists</span>}
          </li>
        )}
        <li aria-current="page">{trace.issue.key}</li>
      </ol>
    </nav>
  );
}
