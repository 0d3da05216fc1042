/**
 * A link from the settings to the project page's scoring grid (/scoring-grid), where the inputs of
 * the issues whose score is incomplete are filled like a spreadsheet: the settings say which fields
 * the score reads, the grid fills them. Opened through Jira's router (the app's project page module).
 */
import { router } from '@forge/bridge';
import type { ReactNode } from 'react';

export function ScoringGridLink({ projectKey }: { readonly projectKey: string }): ReactNode {
  return (
    <p className="tl-subtle tl-grid-link" data-testid="scoring-grid-link">
      Issues missing score inputs?{' '}
      <a
        href={`/projects/${encodeURIComponent(projectKey)}/apps/throughline/scoring-grid`}
        onClick={(event) => {
          event.preventDefault();
          router.navigate({ target: 'module', moduleKey: 'project-page', projectKey, path: '/scoring-grid' }).catch((error: unknown) => {
            console.warn('Throughline: cannot open the scoring grid', error);
          });
        }}
      >
        Fill them in the scoring grid
      </a>
      .
    </p>
  );
}
