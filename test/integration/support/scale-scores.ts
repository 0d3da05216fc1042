/**
 * For tests and benchmarks at scale: the project scored with WSJF over the scale dataset's fields,
 * and every open story's "Priority score" field set in the emulator to the value the app's
 * background would write (the score of the same evaluation the whole backlog makes, rounded as
 * the app writes it), set directly rather than through 10,000 app-field writes. Returns the whole
 * ranked backlog, the oracle of the order.
 */
import type { ForgeRuntime } from '../../../dev/forge-runtime';
import type { JiraEmulator } from '../../../dev/jira-emulator';
import { FIELD } from '../../../dev/demo-data/catalog';
import type { ProjectPageProject, RankedBacklogView } from '../../../src/contract';
import { createSettingsRepository } from '../../../src/storage';
import { forgeKvs } from '../../../src/storage/forge-kvs';
import { oneShotRankedBacklog } from './one-shot-views';

export const SCALE_WSJF = {
  version: 1,
  model: {
    type: 'wsjf',
    inputs: {
      businessValue: { kind: 'number', fieldId: FIELD.businessValue },
      timeCriticality: { kind: 'number', fieldId: FIELD.timeCriticality },
      riskReduction: { kind: 'select', fieldId: FIELD.riskReduction, options: { None: 1, Low: 2, Medium: 5, High: 8, Critical: 13 } },
      jobSize: { kind: 'number', fieldId: FIELD.storyPointEstimate },
    },
  },
  multiplyByStrategicWeight: true,
};

export async function scoreScaleProject(runtime: ForgeRuntime, emulator: JiraEmulator, user: { readonly accountId: string }, project: ProjectPageProject): Promise<RankedBacklogView> {
  await runtime.runAs('app', async () => {
    // As an admin's first save: the scale project starts from the defaults (revision 0).
    await createSettingsRepository(forgeKvs()).save(project.id, 'scoring', SCALE_WSJF, { baseRevision: 0, actor: 'app' });
  });
  const oracle = await oneShotRankedBacklog(runtime, user, project);
  // Values written earlier (e.g. by a first recompute with the project's default) are replaced
  // as the recompute after that save would: an issue with no complete score holds none.
  for (const issue of emulator.state.allIssues()) if (issue.projectId === project.id) issue.fields[FIELD.priorityScore] = null;
  for (const row of oracle.ranked) {
    const issue = emulator.state.findIssue(row.key);
    if (issue !== undefined) issue.fields[FIELD.priorityScore] = row.score;
  }
  return oracle;
}
