/**
 * Real Jira REST responses from `../shared/jira/responses` (beside the checkout; see
 * shared/jira/README.md). Tests that need them skip, saying so, only when the folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const responsesDir = resolve(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'jira', 'responses');

export const samplesAvailable = existsSync(responsesDir);
export const samplesMissingNote = `real Jira samples not found at ${responsesDir}: these tests need ../shared/jira beside the checkout`;

export interface SampleIssue {
  readonly id: string;
  readonly key: string;
  readonly fields: Record<string, unknown>;
}

export function readSample(name: string): unknown {
  return JSON.parse(readFileSync(resolve(responsesDir, name), 'utf8'));
}

/** The 18-issue search page recorded from a real Jira Cloud site (go-atlassian mocks). */
export function searchIssues(): SampleIssue[] {
  return (readSample('go-atlassian__jira_v3_mocks__search-issues.json') as { issues: SampleIssue[] }).issues;
}

export function sampleIssue(key: string): SampleIssue {
  const issue = searchIssues().find((candidate) => candidate.key === key);
  if (issue === undefined) throw new Error(`sample issue ${key} not found`);
  return issue;
}
