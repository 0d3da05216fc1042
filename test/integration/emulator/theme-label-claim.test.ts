/**
 * A theme claims epics by label, whatever the label holds. The project page once looked claimed
 * epics up with a hand-built `labels in ("…")` and silently dropped every label with a quote in it;
 * the epics are now read with the app's own queries (src/services/queries.ts) and matched to the
 * claimed labels as data, so `Customer's "voice"` claims its epics like any other label.
 *
 * (Jira itself refuses a label with a space when an issue is edited; a label read from a site,
 * or imported, is still just text to the app, and the theme's own list may hold anything.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JiraEmulator } from '../../../dev/jira-emulator';
import { fetchRequestJira } from '../../../dev/jira-emulator/request-jira';
import type { ProjectPageProject } from '../../../src/contract';
import { createJiraClient, fetchFields } from '../../../src/jira';
import { documentDefaults } from '../../../src/services/default-configuration';
import { NO_ATTACHED_THEMES } from '../../../src/services/evaluation';
import { configurationOf } from '../../../src/services/project-configuration';
import type { ProjectConfiguration } from '../../../src/services/project-configuration';
import { readEpicsSnapshot, visionMapOf } from '../../../src/services/project-page';
import { siteFieldsOf } from '../../../src/services/site-fields';
import { createSettingsRepository } from '../../../src/storage';
import { memoryKvs } from '../../../src/storage/kvs-port';
import { DEMO_NOW, PAT, startDemo } from './support';

const LABEL = `Customer's "voice"`;

describe('a theme label with quotes in it', () => {
  let emulator: JiraEmulator;
  beforeAll(async () => {
    emulator = await startDemo();
  });
  afterAll(async () => {
    await emulator.close();
  });

  it(`${LABEL} claims the epics that carry it`, async () => {
    const epics = [...emulator.state.allIssues()].filter((issue) => issue.key.startsWith('TL-') && emulator.state.issueTypes.get(issue.issueTypeId)?.hierarchyLevel === 1);
    const [claimed, other] = epics;
    if (claimed === undefined || other === undefined) throw new Error('the demo has two epics in TL');
    claimed.fields.labels = [LABEL, 'plain'];
    other.fields.labels = ["Customer's voice"];
    const jira = createJiraClient(fetchRequestJira({ baseUrl: emulator.url, headers: { 'x-emulator-account-id': PAT } }));
    const site = siteFieldsOf(await fetchFields(jira));
    const project: ProjectPageProject = { id: claimed.projectId, key: 'TL' };
    const stored = configurationOf(project.id, await createSettingsRepository(memoryKvs()).loadAll(project.id, documentDefaults(site)), site);
    const theme = { id: 'voice', name: 'Voice of the customer', description: '', horizon: 'now', targetPercent: 0, strategicWeight: 1, colour: 'blue', archived: false, claimLabels: [LABEL] } satisfies ProjectConfiguration['strategy']['themes'][number];
    const configuration: ProjectConfiguration = { ...stored, strategy: { ...stored.strategy, themes: [theme] } };
    const snapshot = await readEpicsSnapshot(jira, configuration, site, NO_ATTACHED_THEMES, project.id, DEMO_NOW);
    const view = visionMapOf(project, false, configuration, snapshot, false);
    const themeOf = (key: string): unknown => view.epics.find((epic) => epic.key === key)?.themeId;
    expect(themeOf(claimed.key)).toBe('voice');
    // Only the exact label claims: the same words without the quotes are another label.
    expect(themeOf(other.key)).not.toBe('voice');
  });
});
