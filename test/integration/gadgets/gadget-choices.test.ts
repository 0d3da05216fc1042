/**
 * The gadgets' choices through the local Forge runtime against the Jira emulator: the Sprint
 * readiness gadget's board (listed as the user, checked as the viewer, a board of a project they
 * cannot see or a deleted one says nothing of it), its failing rules each with the JQL that finds
 * the issues failing it over the app's indexed readiness property (run here against the emulator's
 * search), the Top of the backlog gadget's theme (one of the project's own, never another
 * project's), and a gadget whose project is later hidden from the viewer or deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForgeRuntime } from '../../../dev/forge-runtime';
import type { JiraEmulator } from '../../../dev/jira-emulator';
import type { GadgetBoardsView, GadgetThemesView, SprintReadinessGadgetView, TopOfBacklogView } from '../../../src/contract';
import { ADA, NICK, PAT, TL_THEMES, bodyOf, gadget, startGadgetSite, valueOf } from '../support/gadget-site';
import type { Answer, GadgetSite } from '../support/gadget-site';

const MOB_THEME = { id: 'theme-field-app', name: 'Field app', horizon: 'now', targetPercent: 50, colour: 'green' };
const WSJF = {
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

let site: GadgetSite;
let emulator: JiraEmulator;
let runtime: ForgeRuntime;

const call = (moduleKey: string, key: string, user: { accountId: string }, extension: Record<string, unknown>, payload: unknown = {}) => site.call(moduleKey, key, user, extension, payload);
const sprint = (user: { accountId: string }, configuration: unknown) => call('sprint-readiness', 'getSprintReadinessGadget', user, gadget(configuration));
const top = (user: { accountId: string }, configuration: unknown) => call('top-of-backlog', 'getTopOfBacklog', user, gadget(configuration));
const check = (moduleKey: string, user: { accountId: string }, payload: unknown) => call(moduleKey, 'checkGadgetConfiguration', user, gadget(undefined, 'edit'), payload);

/** Jira's issue search as `user` (the JQL a rule link opens): each issue's key and readiness property. */
async function searchAs(user: { accountId: string }, jql: string): Promise<{ key: string; failingRules: readonly string[] }[]> {
  const response = await fetch(`${emulator.url}/rest/api/3/search/jql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-emulator-account-id': user.accountId },
    body: JSON.stringify({ jql, fields: ['summary'], properties: ['throughline.readiness'], maxResults: 100 }),
  });
  expect(response.status, jql).toBe(200);
  const body = (await response.json()) as { issues: { key: string; properties?: { 'throughline.readiness'?: { failingRules?: string[]; warningRules?: string[] } } }[] };
  return body.issues.map((issue) => {
    const property = issue.properties?.['throughline.readiness'];
    return { key: issue.key, failingRules: [...(property?.failingRules ?? []), ...(property?.warningRules ?? [])] };
  });
}

function expectRefusal(answer: Answer<unknown>, code: string, hides: RegExp): void {
  expect(answer).toMatchObject({ ok: false, error: { code } });
  if (!answer.ok) expect(answer.error.message).not.toMatch(hides);
}

beforeAll(async () => {
  site = await startGadgetSite([
    { projectId: '10000', statement: 'One line from vision to story.', themes: TL_THEMES },
    { projectId: '10001', statement: 'Work from the field.', themes: [MOB_THEME] },
  ]);
  ({ emulator, runtime } = site);
  // WSJF on the demo's fields: the background recompute writes the scores and the readiness property.
  expect(bodyOf(await runtime.invokeResolver('project-settings', 'saveScoringConfig', { config: WSJF, baseRevision: 0 }, ADA, { project: { id: '10000', key: 'TL', type: 'software' } }))).toMatchObject({ ok: true });
  await runtime.whenIdle();
}, 120_000);

afterAll(async () => {
  await site.close();
});

describe('the Sprint readiness gadget\'s board', () => {
  it('lists the Scrum boards the user can see, as the user, narrowed by what is typed', async () => {
    const all = valueOf(await call('sprint-readiness', 'listGadgetBoards', ADA, gadget(undefined, 'edit'))) as GadgetBoardsView;
    expect(all.boards).toEqual([{ id: '1', name: 'TL board', type: 'scrum', projectKey: 'TL' }]);
    const typed = valueOf(await call('sprint-readiness', 'listGadgetBoards', ADA, gadget(undefined, 'edit'), { query: 'tl b' })) as GadgetBoardsView;
    expect(typed.boards.map((board) => board.name)).toEqual(['TL board']);
    const none = valueOf(await call('sprint-readiness', 'listGadgetBoards', ADA, gadget(undefined, 'edit'), { query: 'no such board' })) as GadgetBoardsView;
    expect(none).toEqual({ boards: [], more: false });
    // Nick browses MOB only: TL's board is not his to see.
    const nick = valueOf(await call('sprint-readiness', 'listGadgetBoards', NICK, gadget(undefined, 'edit'))) as GadgetBoardsView;
    expect(nick.boards.map((board) => board.name)).not.toContain('TL board');
  });

  it('checks a board before it is submitted: one the user can see, named by id, and a board rather than a project', async () => {
    expect(valueOf(await check('sprint-readiness', PAT, { boardId: '1', refresh: 60 }))).toEqual({ configuration: { boardId: '1', refresh: 60 }, project: { id: '10000', key: 'TL', name: expect.any(String) as string } });
    expectRefusal(await check('sprint-readiness', NICK, { boardId: '1', refresh: 60 }), 'not-found', /TL/);
    // Board 3 lives in TL (its filter spans MOB, which Nick browses): still not his to see.
    expectRefusal(await check('sprint-readiness', NICK, { boardId: '3', refresh: 60 }), 'not-found', /TL|Web and mobile/);
    expectRefusal(await check('sprint-readiness', ADA, { boardId: '999', refresh: 60 }), 'not-found', /999/);
    expect(await check('sprint-readiness', ADA, { boardId: '1 OR 1=1', refresh: 60 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await check('sprint-readiness', ADA, { projectId: '10000', refresh: 60 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await check('sprint-readiness', ADA, { projectId: '10000', boardId: '1', refresh: 60 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await check('vision-alignment', ADA, { boardId: '1', refresh: 60 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('shows the board\'s next sprint as the project page does, each failing rule with the JQL that finds the issues failing it', async () => {
    expect(valueOf(await sprint(PAT, undefined))).toEqual({ status: 'unconfigured' });
    // Saved before the gadget chose boards: it asks for a board.
    expect(valueOf(await sprint(PAT, { projectId: '10000', refresh: 0 }))).toEqual({ status: 'unconfigured' });
    const view = valueOf(await sprint(PAT, { boardId: '1', refresh: 0 })) as SprintReadinessGadgetView;
    if (view.status !== 'ready') throw new Error('not ready');
    expect(view.board).toEqual({ id: '1', name: 'TL board' });
    expect(view.readiness.source).toMatchObject({ kind: 'sprint', sprint: { id: 7, name: 'TL Sprint 7' } });
    const page = valueOf(await runtime.invokeResolver('project-page', 'getSprintReadiness', {}, PAT, { project: { id: '10000', key: 'TL', type: 'software' } }).then(bodyOf)) as typeof view.readiness;
    expect({ ready: view.readiness.ready, notReady: view.readiness.notReady, velocity: view.readiness.velocity }).toEqual({ ready: page.ready, notReady: page.notReady, velocity: page.velocity });
    expect(view.failingRules.map(({ ruleId, issues }) => [ruleId, issues])).toEqual(page.failingRules.map(({ ruleId, issues }) => [ruleId, issues]));
    expect(view.failingRules.length).toBeGreaterThan(0);
    for (const rule of view.failingRules) {
      const path = rule.severity === 'blocking' ? 'failingRules' : 'warningRules';
      expect(rule.jql).toBe(`sprint = 7 AND issue.property[throughline.readiness].${path} = "${rule.ruleId}" ORDER BY key ASC`);
      // The search Jira runs for the link: the sprint's issues failing the rule, each carrying it in the property the app indexes.
      const found = await searchAs(PAT, rule.jql);
      expect(found.length, rule.ruleId).toBe(rule.issues);
      for (const issue of found) expect(issue.failingRules, issue.key).toContain(rule.ruleId);
    }
  });

  it('refuses a viewer who cannot see the board, a forged board id, and says nothing of either', async () => {
    expectRefusal(await sprint(NICK, { boardId: '1', refresh: 0 }), 'not-found', /TL|Sprint 7|board \d/);
    expectRefusal(await sprint(NICK, { boardId: '3', refresh: 0 }), 'not-found', /TL|Web and mobile/);
    for (const forged of [{ boardId: 1 }, { boardId: '1 OR 1=1' }, { boardId: '../1' }, [1], 'TL board']) {
      expect(await sprint(ADA, forged), JSON.stringify(forged)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    // The payload is not where the board comes from.
    expect(await call('sprint-readiness', 'getSprintReadinessGadget', ADA, gadget({ boardId: '1', refresh: 0 }), { boardId: '3' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});

describe('the Top of the backlog gadget\'s theme', () => {
  it('lists the themes of a project the user may browse, and none of a project they may not', async () => {
    const themes = valueOf(await call('top-of-backlog', 'listGadgetThemes', PAT, gadget(undefined, 'edit'), { projectId: '10000' })) as GadgetThemesView;
    expect(themes.themes).toEqual(TL_THEMES.map(({ id, name }) => ({ id, name })));
    expectRefusal(await call('top-of-backlog', 'listGadgetThemes', NICK, gadget(undefined, 'edit'), { projectId: '10000' }), 'not-found', /onboarding|Effortless/i);
    expect(await call('top-of-backlog', 'listGadgetThemes', PAT, gadget(undefined, 'edit'), { projectId: 'TL' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('checks the theme before it is submitted: one of the chosen project\'s, never another project\'s', async () => {
    expect(valueOf(await check('top-of-backlog', PAT, { projectId: '10000', refresh: 0, top: 5, themeId: 'theme-onboarding' }))).toMatchObject({ configuration: { projectId: '10000', refresh: 0, top: 5, themeId: 'theme-onboarding' } });
    expect(await check('top-of-backlog', PAT, { projectId: '10000', refresh: 0, top: 5, themeId: MOB_THEME.id })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await check('top-of-backlog', PAT, { projectId: '10000', refresh: 0, top: 5, themeId: 'theme" OR x' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('lists only the stories serving the theme, best first, and refuses a forged theme of another project', async () => {
    const all = valueOf(await top(PAT, { projectId: '10000', refresh: 0, top: 20 })) as TopOfBacklogView;
    const narrowed = valueOf(await top(PAT, { projectId: '10000', refresh: 0, top: 20, themeId: 'theme-onboarding' })) as TopOfBacklogView;
    if (all.status !== 'ready' || narrowed.status !== 'ready') throw new Error('not ready');
    expect(all.theme).toBeNull();
    expect(narrowed.theme).toEqual({ id: 'theme-onboarding', name: 'Effortless onboarding' });
    expect(narrowed.rows.length).toBeGreaterThan(0);
    for (const row of narrowed.rows) expect(row.theme?.id, row.key).toBe('theme-onboarding');
    // The same order as the whole list: the theme's stories as they rank there.
    const order = all.rows.map((row) => row.key);
    const among = narrowed.rows.map((row) => row.key).filter((key) => order.includes(key));
    expect(among).toEqual([...among].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expectRefusal(await top(PAT, { projectId: '10000', refresh: 0, themeId: MOB_THEME.id }), 'bad-request', /Field app/);
    expect(await top(PAT, { projectId: '10000', refresh: 0, themeId: 'theme" OR project = 10001' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it("answers a viewer refused the project with the refusal alone, whatever the reads begun beside the check met", async () => {
    // Nick may not browse TL: the gadget's reads as Nick start beside the check, but he is told only that he has no access.
    expectRefusal(await top(NICK, { projectId: '10000', refresh: 0, themeId: 'theme-onboarding' }), 'not-found', /TL|onboarding|Effortless/);
    expectRefusal(await top(NICK, { projectId: '10000', refresh: 0, themeId: MOB_THEME.id }), 'not-found', /TL|Field app/);
    expectRefusal(await sprint(NICK, { boardId: '1', refresh: 0 }), 'not-found', /TL|sprint/i);
  });
});

describe('a gadget whose project or board goes away', () => {
  it('says so, and shows nothing of it, once the viewer may no longer browse the project', async () => {
    const before = valueOf(await top(PAT, { projectId: '10001', refresh: 0 })) as TopOfBacklogView;
    expect(before).toMatchObject({ status: 'ready', project: { key: 'MOB' } });
    emulator.state.setProjectPermissions('MOB', PAT.accountId, []);
    const refused = await top(PAT, { projectId: '10001', refresh: 0 });
    expectRefusal(refused, 'not-found', /MOB|Field app/);
    if (!refused.ok) expect(refused.error.message).toMatch(/don't have access to the project this gadget shows/);
    expectRefusal(await call('vision-alignment', 'getVisionAlignment', PAT, gadget({ projectId: '10001', refresh: 0 })), 'not-found', /MOB|Work from the field/);
  });

  it('says so once the board is deleted', async () => {
    expect(valueOf(await sprint(PAT, { boardId: '1', refresh: 0 }))).toMatchObject({ status: 'ready' });
    const board = emulator.state.boards.findIndex((candidate) => candidate.id === 1);
    const [removed] = emulator.state.boards.splice(board, 1);
    try {
      const refused = await sprint(PAT, { boardId: '1', refresh: 0 });
      expectRefusal(refused, 'not-found', /TL/);
      if (!refused.ok) expect(refused.error.message).toMatch(/no longer exists/);
    } finally {
      if (removed !== undefined) emulator.state.boards.splice(board, 0, removed);
    }
  });

  it('says so once the project is deleted, for a project gadget and for a board of the project', async () => {
    emulator.state.deleteProject('TL');
    expectRefusal(await top(ADA, { projectId: '10000', refresh: 0, top: 5 }), 'not-found', /TL-|Effortless/);
    expectRefusal(await call('vision-alignment', 'getVisionAlignment', ADA, gadget({ projectId: '10000', refresh: 0 })), 'not-found', /One line/);
    expectRefusal(await sprint(ADA, { boardId: '1', refresh: 0 }), 'not-found', /TL/);
  });
});
