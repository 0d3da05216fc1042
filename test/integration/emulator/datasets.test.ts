/** The shipped demo dataset and the scale generator: valid, deterministic, and what they promise. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deepSeDir } from '../../../dev/datasets/deep-se';
import { FIELD } from '../../../dev/demo-data/catalog';
import { DEMO_PROJECT, DEMO_THEMES, TEAM_PROJECT, TEAM_THEMES, generateDemoDataset } from '../../../dev/demo-data/generate-demo';
import { generateScaleDataset } from '../../../dev/demo-data/generate-scale';
import { parseDataset, startJiraEmulator } from '../../../dev/jira-emulator';
import { call, DEMO_DATASET, searchAll } from './support';

describe('demo dataset', () => {
  it('is exactly what generate-demo.ts writes (regenerate it after changing the script)', () => {
    const onDisk: unknown = JSON.parse(readFileSync(DEMO_DATASET, 'utf8'));
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(generateDemoDataset())));
  });

  it('has what the app needs to show: themes, unaligned epics, sprints with velocity, both point fields, blockers, three users', () => {
    const data = parseDataset(generateDemoDataset());
    const tl = data.issues.filter((i) => i.key.startsWith('TL-'));
    const epics = tl.filter((i) => i.fields.issuetype.id === '10000');
    expect(epics).toHaveLength(12);
    const themes = new Set(epics.map((e) => (e.properties?.['throughline.theme'] as { themeId?: string } | undefined)?.themeId));
    expect(themes.size).toBe(6); // five themes and "none"
    expect(epics.filter((e) => e.properties?.['throughline.theme'] === undefined)).toHaveLength(3);
    expect(tl.filter((i) => ['10001', '10002', '10004'].includes(i.fields.issuetype.id))).toHaveLength(200);
    expect(data.sprints.map((s) => s.state)).toEqual(['closed', 'closed', 'closed', 'closed', 'closed', 'active', 'future']);
    expect(tl.some((i) => typeof i.fields[FIELD.storyPointEstimate] === 'number' && typeof i.fields[FIELD.storyPoints] === 'number')).toBe(true);
    expect(tl.filter((i) => (i.fields.issuelinks ?? []).length > 0).length).toBeGreaterThanOrEqual(10);
    expect(data.users.map((u) => u.displayName)).toEqual(['Ada Admin', 'Pat Owner', 'Nick NoAccess']);
    expect(data.projects.map((p) => [p.key, p.style])).toEqual([['TL', 'classic'], ['MOB', 'next-gen']]);
  });

  it('is coherent: every epic that names a theme names one of its own project, and MOB has its own for each of its epics', () => {
    const data = parseDataset(generateDemoDataset());
    const themesOf: Readonly<Record<string, ReadonlySet<string>>> = {
      [DEMO_PROJECT.id]: new Set(DEMO_THEMES.map((theme) => theme.id)),
      [TEAM_PROJECT.id]: new Set(TEAM_THEMES.map((theme) => theme.id)),
    };
    const epics = data.issues.filter((issue) => data.issueTypes.find((type) => type.id === issue.fields.issuetype.id)?.hierarchyLevel === 1);
    const named = epics.flatMap((epic) => {
      const themeId = (epic.properties?.['throughline.theme'] as { themeId?: string } | undefined)?.themeId;
      return themeId === undefined ? [] : [{ key: epic.key, projectId: epic.fields.project.id, themeId }];
    });
    expect(named.filter((epic) => epic.projectId === undefined || themesOf[epic.projectId]?.has(epic.themeId) !== true)).toEqual([]);
    expect(named.filter((epic) => epic.projectId === TEAM_PROJECT.id).map((epic) => [epic.key, epic.themeId])).toEqual([
      ['MOB-1', 'theme-mob-everyday'],
      ['MOB-2', 'theme-mob-reach'],
    ]);
  });
});

describe('a user\'s locale in the dataset', () => {
  it('is Jira\'s profile locale: en_US unless given, de_DE when given, and nothing else', () => {
    const withLocale = (locale: unknown): unknown => {
      const data = JSON.parse(JSON.stringify(generateDemoDataset())) as { users: Record<string, unknown>[] };
      if (data.users[1] !== undefined) data.users[1].locale = locale;
      return data;
    };
    expect(parseDataset(generateDemoDataset()).users.map((user) => user.locale)).toEqual(['en_US', 'en_US', 'en_US']);
    expect(parseDataset(withLocale('de_DE')).users[1]?.locale).toBe('de_DE');
    for (const bad of ['de-DE!', '<b>de</b>', '', 'de_DE_x', 12]) expect(() => parseDataset(withLocale(bad)), String(bad)).toThrow(/locale/);
  });
});

describe('scale generator', () => {
  it('makes N issues with M epics that load and page', async () => {
    const dataset = generateScaleDataset({ issues: 3000, epics: 30, seed: 3, realTexts: false });
    expect(dataset.issues).toHaveLength(3000);
    expect(generateScaleDataset({ issues: 3000, epics: 30, seed: 3, realTexts: false })).toEqual(dataset);
    const emulator = await startJiraEmulator({ dataset });
    try {
      const { issues, pages } = await searchAll(emulator, 'project = TL ORDER BY key', 'app', { maxResults: 1000 });
      expect(issues).toHaveLength(3000);
      expect(pages).toBe(3);
      const epics = await call(emulator, 'POST', '/rest/api/3/search/approximate-count', { body: { jql: 'issuetype = Epic' } });
      expect(epics.body).toEqual({ count: 30 });
    } finally {
      await emulator.close();
    }
  });

  it.skipIf(deepSeDir() === undefined)('uses the real Deep-SE texts when ../shared/jira/datasets/deep-se is there (optional)', () => {
    const dataset = generateScaleDataset({ issues: 50, epics: 5 });
    const summaries = dataset.issues.map((i) => i.fields.summary);
    expect(summaries.some((s) => /\(\d+\)$/.test(s))).toBe(false); // not the generated "(n)" texts
    expect(new Set(summaries).size).toBeGreaterThan(40);
  });

  it('refuses impossible sizes', () => {
    expect(() => generateScaleDataset({ issues: 0, epics: 0 })).toThrow();
    expect(() => generateScaleDataset({ issues: 10, epics: 11 })).toThrow();
  });
});
