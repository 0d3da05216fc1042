/**
 * For the background tests: "is every value right?" — every issue of a project read back from the
 * emulator (as the app, around any faults), evaluated with the project's stored configuration,
 * and compared with the app field values and readiness property it carries.
 */
import { createEvaluator } from '../../../src/services/evaluation';
import { loadProjectConfiguration } from '../../../src/services/project-configuration';
import { evaluateProject } from '../../../src/services/project-evaluation';
import { projectJql } from '../../../src/services/queries';
import { siteFieldsOf } from '../../../src/services/site-fields';
import { createJiraClient, fetchFields } from '../../../src/jira';
import { fetchRequestJira } from '../../../dev/jira-emulator/request-jira';
import { forgeStorage } from '../../../src/storage/forge-kvs';
import type { JiraEmulator } from '../../../dev/jira-emulator';
import type { Site } from '../settings/support';

export const APP_ID = '00000000-0000-4000-8000-000000000000';

export interface ValueCheck {
  readonly issues: number;
  /** Keys whose stored values differ from what the configuration gives now. */
  readonly wrong: readonly string[];
  /** Issues carrying a score. */
  readonly scored: number;
}

/** Reads every issue of the project with faults off, then restores nothing (callers set faults again if they want). */
export async function checkValues(site: Site, projectId: string): Promise<ValueCheck> {
  const jira = createJiraClient(fetchRequestJira({ baseUrl: site.emulator.url, headers: { 'x-emulator-as-app': 'true' } }), { timeBudgetMs: 600_000 });
  const fields = await fetchFields(jira);
  const siteFields = siteFieldsOf(fields, APP_ID);
  // Storage (the project's configuration, the epics' attached themes) is read as the app.
  return site.runtime.runAs('app', async () => {
    const configuration = await loadProjectConfiguration(forgeStorage(), projectId, siteFields);
    const evaluator = createEvaluator(configuration, siteFields, forgeStorage().epicThemes, { repairThemeIndex: true });
    const wrong: string[] = [];
    let issues = 0;
    let scored = 0;
    for await (const page of evaluateProject(jira, evaluator, { jql: projectJql(projectId) })) {
      for (const evaluation of page.evaluations) {
        issues++;
        if (evaluation.current.score !== null) scored++;
        // An epic's theme property that disagrees with the stored attachment is a wrong value too.
        if (evaluation.changed.score || evaluation.changed.readiness || evaluation.changed.property || evaluation.themeIndex !== undefined) wrong.push(evaluation.key);
      }
    }
    return { issues, wrong, scored };
  });
}

/** Calls made to the emulator, in all and writes alone. */
export function callTotals(emulator: JiraEmulator): { all: number; writes: number; reads: number } {
  let all = 0;
  let writes = 0;
  for (const [endpoint, count] of Object.entries(emulator.calls)) {
    all += count;
    if (/^(POST \/rest\/api\/3\/app\/field\/value|POST \/rest\/api\/3\/issue\/properties|PUT \/rest\/api\/3\/issue\/\{issueIdOrKey\}\/properties)/.test(endpoint)) writes += count;
  }
  return { all, writes, reads: all - writes };
}

export function issueByKey(emulator: JiraEmulator, key: string) {
  const issue = emulator.state.findIssue(key);
  if (issue === undefined) throw new Error(`no issue ${key} in the emulator`);
  return issue;
}
