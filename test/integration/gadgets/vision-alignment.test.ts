/**
 * The dashboard gadgets' resolvers through the local Forge runtime against the Jira emulator: the
 * picker lists only projects the user may browse; a configuration is checked before it is
 * submitted; the Vision alignment gadget reads its project from the gadget's configuration,
 * re-checked as the viewer (a forged or hidden project says so and shows nothing of it), and gives
 * the project page's allocation from the rollups; the Top of the backlog gadget gives the ranked
 * backlog's first N rows under the same checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForgeRuntime } from '../../../dev/forge-runtime';
import type { GadgetProjectsView, SprintReadinessGadgetView, SprintReadinessView, TopOfBacklogView, VisionAlignmentView, VisionMapView } from '../../../src/contract';
import { ADA, NICK, PAT, TL_THEMES as THEMES, bodyOf, gadget, startGadgetSite, valueOf } from '../support/gadget-site';
import type { GadgetSite } from '../support/gadget-site';
import { createBoardSprintsMemory } from '../../../src/storage';
import { forgeKvs } from '../../../src/storage/forge-kvs';

let site: GadgetSite;
let runtime: ForgeRuntime;

const call = (key: string, user: { accountId: string }, extension: Record<string, unknown>, payload: unknown = {}, moduleKey = 'vision-alignment') => site.call(moduleKey, key, user, extension, payload);

beforeAll(async () => {
  site = await startGadgetSite([{ projectId: '10000', statement: 'One line from vision to story.', themes: THEMES }]);
  ({ runtime } = site);
});

afterAll(async () => {
  await site.close();
});

describe('the edit view', () => {
  it('lists the projects the user may browse, as the user, and narrows them by what is typed', async () => {
    const all = valueOf(await call('listGadgetProjects', ADA, gadget(undefined, 'edit'))) as GadgetProjectsView;
    expect(all.projects.map((project) => project.key)).toEqual(['MOB', 'TL']);
    const typed = (valueOf(await call('listGadgetProjects', ADA, gadget(undefined, 'edit'), { query: 'mob' })) as GadgetProjectsView);
    expect(typed.projects.map((project) => project.key)).toEqual(['MOB']);
    const nick = valueOf(await call('listGadgetProjects', NICK, gadget(undefined, 'edit'))) as GadgetProjectsView;
    expect(nick.projects.map((project) => project.key)).not.toContain('TL');
  });

  it('checks a configuration before it is submitted: its shape, and that the user may browse the project', async () => {
    expect(valueOf(await call('checkGadgetConfiguration', ADA, gadget(undefined, 'edit'), { projectId: '10000', refresh: 30 }))).toEqual({ configuration: { projectId: '10000', refresh: 30 }, project: { id: '10000', key: 'TL', name: expect.any(String) as string } });
    expect(await call('checkGadgetConfiguration', ADA, gadget(undefined, 'edit'), { projectId: '10000', refresh: 7 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('checkGadgetConfiguration', ADA, gadget(undefined, 'edit'), { projectId: '10000 OR 1=1', refresh: 30 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('checkGadgetConfiguration', ADA, gadget(undefined, 'edit'), { projectId: '99999', refresh: 30 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const refused = await call('checkGadgetConfiguration', NICK, gadget(undefined, 'edit'), { projectId: '10000', refresh: 30 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('the Vision alignment gadget', () => {
  it('asks to be configured while no project is chosen', async () => {
    expect(valueOf(await call('getVisionAlignment', ADA, gadget(undefined)))).toEqual({ status: 'unconfigured' });
    expect(valueOf(await call('getVisionAlignment', ADA, gadget({})))).toEqual({ status: 'unconfigured' });
  });

  it('counts a project first, then shows the project page allocation, the unaligned epics and when it was brought up to date', async () => {
    const first = valueOf(await call('getVisionAlignment', PAT, gadget({ projectId: '10000', refresh: 15 }))) as VisionAlignmentView;
    if (first.status === 'not-counted') await runtime.whenIdle();
    const view = valueOf(await call('getVisionAlignment', PAT, gadget({ projectId: '10000', refresh: 15 }))) as VisionAlignmentView;
    if (view.status !== 'ready') throw new Error(`not ready: ${JSON.stringify(view)}`);
    expect(view.project).toEqual({ id: '10000', key: 'TL' });
    expect(view.projectName).not.toBe('');
    expect(view.vision).toBe('One line from vision to story.');
    expect(view.unaligned.epics).toBe(3);
    expect(view.unaligned.jql).toContain('TL-10');
    expect(view.updatedAt).not.toBeNull();
    // The same numbers as the project page.
    const page = valueOf(await runtime.invokeResolver('project-page', 'getVisionOutline', {}, PAT, { project: { id: '10000', key: 'TL', type: 'software' } }).then(bodyOf)) as VisionMapView;
    expect(view.themes.map((theme) => [theme.themeId, theme.targetPercent, theme.openPercent, theme.donePercent])).toEqual(page.allocation.map((row) => [row.themeId, row.targetPercent, row.open.percent, row.done.percent]));
    expect(view.themes.map((theme) => theme.themeId)).toEqual([...THEMES.map((theme) => theme.id), null]);
  });

  it('tells a viewer who may not browse the project so, and nothing of it', async () => {
    const refused = await call('getVisionAlignment', NICK, gadget({ projectId: '10000', refresh: 15 }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-found' } });
    if (!refused.ok) {
      expect(refused.error.message).toMatch(/don't have access to the project this gadget shows/);
      expect(refused.error.message).not.toMatch(/TL|vision|One line/);
    }
  });

  it('refuses a forged configuration: another shape, a project that does not exist, a JQL injection', async () => {
    for (const forged of [{ projectId: '10000 OR project = 10001' }, { projectId: 10000 }, { projectId: '../myself' }, 'TL', [1]]) {
      expect(await call('getVisionAlignment', ADA, gadget(forged)), JSON.stringify(forged)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(await call('getVisionAlignment', ADA, gadget({ projectId: '99999', refresh: 15 }))).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // The payload is not where the project comes from.
    expect(await call('getVisionAlignment', ADA, gadget({ projectId: '10000', refresh: 15 }), { projectId: '10001' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('says when a project has not been counted yet, and queues its first count', async () => {
    const view = valueOf(await call('getVisionAlignment', ADA, gadget({ projectId: '10001', refresh: 0 }))) as VisionAlignmentView;
    expect(view).toMatchObject({ status: 'not-counted', project: { id: '10001', key: 'MOB' } });
    await runtime.whenIdle();
  });
});

describe('the Top of the backlog gadget', () => {
  const top = (user: { accountId: string }, configuration: unknown) => call('getTopOfBacklog', user, gadget(configuration), {}, 'top-of-backlog');

  it('lists the top N open issues by score, best first, with their driver and readiness, once the project is scored', async () => {
    // Ada chooses WSJF on the demo's fields: the background recompute writes the scores Jira orders by.
    const wsjf = {
      version: 1,
      model: {
        type: 'wsjf',
        inputs: {
          businessValue: { kind: 'number', fieldId: 'customfield_10050' },
          timeCriticality: { kind: 'number', fieldId: 'customfield_10051' },
          riskReduction: { kind: 'select', fieldId: 'customfield_10052', options: { None: 0, Low: 1, Medium: 3, High: 8, Critical: 13 } },
          jobSize: { kind: 'number', fieldId: 'customfield_10016' },
        },
      },
    };
    const saved = bodyOf(await runtime.invokeResolver('project-settings', 'saveScoringConfig', { config: wsjf, baseRevision: 0 }, ADA, { project: { id: '10000', key: 'TL', type: 'software' } }));
    expect(saved).toMatchObject({ ok: true });
    await runtime.whenIdle();
    expect(valueOf(await top(PAT, undefined))).toEqual({ status: 'unconfigured' });
    const view = valueOf(await top(PAT, { projectId: '10000', refresh: 0, top: 5 })) as TopOfBacklogView;
    if (view.status !== 'ready') throw new Error('not ready');
    expect(view.project).toEqual({ id: '10000', key: 'TL' });
    expect(view.rows.length).toBeGreaterThan(0);
    expect(view.rows.length).toBeLessThanOrEqual(5);
    expect(view.rows.map((row) => row.rank)).toEqual(view.rows.map((_, index) => index + 1));
    const scores = view.rows.map((row) => row.score ?? Number.NaN);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const row of view.rows) {
      expect(row.key).toMatch(/^TL-\d+$/);
      expect(['ready', 'not-ready', 'not-applicable']).toContain(row.readiness);
    }
  });

  it('checks the configuration and the viewer as the Vision alignment gadget does', async () => {
    const refused = await top(NICK, { projectId: '10000', refresh: 0, top: 5 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-found' } });
    if (!refused.ok) expect(refused.error.message).not.toMatch(/TL-/);
    expect(await top(ADA, { projectId: '10000', top: 'all' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await top(ADA, { projectId: '10000', top: 500 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('checkGadgetConfiguration', ADA, gadget(undefined, 'edit'), { projectId: '10000', refresh: 0, top: 7 }, 'top-of-backlog')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});

describe('the Sprint readiness gadget', () => {
  const sprint = (user: { accountId: string }, configuration: unknown) => call('getSprintReadinessGadget', user, gadget(configuration), {}, 'sprint-readiness');

  it('gives the project page\'s sprint readiness for the configured board, and refuses a viewer who may not see it', async () => {
    expect(valueOf(await sprint(PAT, undefined))).toEqual({ status: 'unconfigured' });
    const view = valueOf(await sprint(PAT, { boardId: '1', refresh: 0 })) as SprintReadinessGadgetView;
    if (view.status !== 'ready') throw new Error('not ready');
    const page = valueOf(await runtime.invokeResolver('project-page', 'getSprintReadiness', {}, PAT, { project: { id: '10000', key: 'TL', type: 'software' } }).then(bodyOf)) as typeof view.readiness;
    expect({ ready: view.readiness.ready, notReady: view.readiness.notReady, velocity: view.readiness.velocity, rules: view.readiness.failingRules }).toEqual({ ready: page.ready, notReady: page.notReady, velocity: page.velocity, rules: page.failingRules });
    expect(await sprint(NICK, { boardId: '1', refresh: 0 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await sprint(ADA, { boardId: '1 OR 1=1' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it("remembers the board's project and sprints for its next load, and a stale, forged or unreadable memory never changes the answer", async () => {
    const memory = () => createBoardSprintsMemory(forgeKvs());
    const configuration = { boardId: '1', refresh: 0 };
    const page = valueOf(await runtime.invokeResolver('project-page', 'getSprintReadiness', {}, PAT, { project: { id: '10000', key: 'TL', type: 'software' } }).then(bodyOf)) as SprintReadinessView;
    const first = valueOf(await sprint(PAT, configuration)) as SprintReadinessGadgetView;
    const remembers = await runtime.runAs('app', () => memory().recall('1'));
    expect(remembers).toMatchObject({ projectId: '10000', nextSprintId: 7, closedSprintIds: [5, 4, 3] });
    // The epics the sprint's stories have as parents, by key (looked up ahead next time).
    const parents = [...site.emulator.state.allIssues()].filter((issue) => issue.sprintIds.includes(7) && issue.parentId !== undefined).map((issue) => [...site.emulator.state.allIssues()].find((other) => other.id === issue.parentId)?.key);
    expect(remembers?.parentEpicKeys).toEqual([...new Set(parents)].filter((key) => key !== undefined).sort());
    expect(remembers?.parentEpicKeys.length).toBeGreaterThan(0);
    // The next load reads the remembered sprints beside the board: the same answer.
    expect(valueOf(await sprint(PAT, configuration))).toEqual(first);
    const epics = remembers?.parentEpicKeys ?? [];
    const mobEpic = [...site.emulator.state.allIssues()].find((issue) => issue.projectId === '10001')?.key ?? 'MOB-1';
    const remembered: unknown[] = [
      { projectId: '10001', nextSprintId: 7, closedSprintIds: [5, 4, 3], parentEpicKeys: epics },
      { projectId: '10000', nextSprintId: 6, closedSprintIds: [2, 1], parentEpicKeys: epics },
      { projectId: '10000', nextSprintId: null, closedSprintIds: [], parentEpicKeys: [] },
      // The right sprints, but epics that are not the parents (another project's, one that does not exist), or none.
      { projectId: '10000', nextSprintId: 7, closedSprintIds: [5, 4, 3], parentEpicKeys: [mobEpic, 'TL-99999'] },
      { projectId: '10000', nextSprintId: 7, closedSprintIds: [5, 4, 3], parentEpicKeys: epics.slice(1) },
      { projectId: '10000 OR 1=1', nextSprintId: 7, closedSprintIds: [5], parentEpicKeys: [] },
      { projectId: '10000', nextSprintId: 7, closedSprintIds: [5, 4, 3] },
      'not a memory',
    ];
    for (const value of remembered) {
      await runtime.runAs('app', () => forgeKvs().set('board-sprints:1', value));
      const view = valueOf(await sprint(PAT, configuration)) as SprintReadinessGadgetView;
      if (view.status !== 'ready') throw new Error('not ready');
      expect(view).toEqual(first);
      expect({ source: view.readiness.source, reads: view.readiness.reads.issues, ready: view.readiness.ready, notReady: view.readiness.notReady, velocity: view.readiness.velocity }).toEqual({ source: page.source, reads: page.reads.issues, ready: page.ready, notReady: page.notReady, velocity: page.velocity });
      // Put right by the load that found it wrong.
      expect(await runtime.runAs('app', () => memory().recall('1'))).toEqual(remembers);
    }
    // Someone who may not see the board gets the refusal, whatever the memory let start.
    expect(await sprint(NICK, configuration)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe("numbers in the app's sentences", () => {
  it("are written in the viewer's locale: MOB, with no Scrum board, reads the top of its backlog", async () => {
    const as = (locale: string) => runtime.invokeResolver('project-page', 'getSprintReadiness', {}, { ...PAT, locale }, { project: { id: '10001', key: 'MOB', type: 'software' } }).then(bodyOf);
    const english = valueOf(await as('en-US')) as SprintReadinessView;
    const arabic = valueOf(await as('ar-EG')) as SprintReadinessView;
    expect(english.source).toMatchObject({ kind: 'backlog', reason: expect.stringMatching(/These are the top 20 issues of the ranked backlog\./) as string });
    expect(arabic.source.kind === 'backlog' ? arabic.source.reason : '').toMatch(/These are the top ٢٠ issues of the ranked backlog\./);
  });
});
