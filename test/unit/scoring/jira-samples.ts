/**
 * Real Jira REST responses, vendored in test/fixtures/jira/responses (sources and licences in the
 * README there).
 */
import { readJiraFixture } from '../../../dev/openapi/jira-fixtures';

export interface SampleIssue {
  readonly id: string;
  readonly key: string;
  readonly fields: Record<string, unknown>;
}

export function readSample(name: string): unknown {
  return readJiraFixture(`responses/${name}`);
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
