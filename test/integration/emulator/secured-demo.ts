/** The demo data with issue security, shared by the emulator's integration and contract tests. */
import { readFileSync } from 'node:fs';
import type { DatasetInput } from '../../../dev/jira-emulator';
import { ADA, DEMO_DATASET, PAT } from './support';

/** The demo, with TL under a scheme: "Staff" (Ada only) on TL-12 (an epic), TL-57 (with subtask TL-213) and TL-59 (linked from TL-67). */
export function securedDemo(): DatasetInput {
  const dataset = JSON.parse(readFileSync(DEMO_DATASET, 'utf8')) as DatasetInput;
  dataset.issueSecuritySchemes = [
    {
      id: '10500',
      name: 'Throughline security',
      levels: [
        { id: '10600', name: 'Staff', description: 'Staff only', members: [ADA] },
        { id: '10601', name: 'Leads', members: [ADA, PAT] },
      ],
    },
  ];
  dataset.projects = dataset.projects.map((p) => (p.key === 'TL' ? { ...p, issueSecuritySchemeId: '10500' } : p));
  dataset.issues = dataset.issues.map((issue) => (['TL-12', 'TL-57', 'TL-59'].includes(issue.key) ? { ...issue, securityLevelId: '10600' } : issue));
  return dataset;
}
