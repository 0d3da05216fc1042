/**
 * Where the real Jira material the tests and dev tools read lives: vendored in the repository under
 * `test/fixtures/jira` (provenance and licences in its README), so a clone with nothing beside it
 * runs every contract test. Resolved from this file so it does not depend on the working directory.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** `test/fixtures/jira`: openapi/, fields/, responses/. */
export const jiraFixturesDir = resolve(repoRoot, 'test', 'fixtures', 'jira');

/** Atlassian's Jira Cloud platform REST API description, trimmed to the operations used (dev/openapi/trim-spec.ts). */
export const platformSpecFile = join(jiraFixturesDir, 'openapi', 'jira-platform-v3.trimmed.json');

/** Atlassian's Jira Software Cloud (Agile, /rest/agile/1.0) REST API description, trimmed the same way. */
export const softwareSpecFile = join(jiraFixturesDir, 'openapi', 'jira-software.trimmed.json');

/** Parses one vendored JSON file, e.g. `responses/go-atlassian__jira_v3_mocks__get-issue.json`. */
export function readJiraFixture(relative: string): unknown {
  return JSON.parse(readFileSync(join(jiraFixturesDir, relative), 'utf8'));
}

/** The file names of one vendored folder (`fields`, `responses`), sorted. */
export function listJiraFixtures(folder: string): string[] {
  return readdirSync(join(jiraFixturesDir, folder)).filter((name) => name.endsWith('.json')).sort();
}
