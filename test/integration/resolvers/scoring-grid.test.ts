/**
 * The scoring grid's resolvers (getScoringGridPage, setScoringGridCell) through the local Forge
 * runtime against the Jira emulator, on the demo data scored with WSJF after the app's recompute:
 * the incomplete issues a page at a time with the sidebar's editors, writes as the user with the
 * row's new score and rank, and each bad input the issue names: text for a number, a removed
 * select option, an issue edited by someone else while the grid is open, 429 storms while 100
 * cells are saved (through the browser's own save queue), a user without edit permission, forged
 * keys and another project's issue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result, ScoringGridCellPayload, ScoringGridCellView, ScoringGridPageView, ScoringGridRow } from '../../../src/contract';
import { NOT_IN_PROJECT } from '../../../src/services/scoring-grid';
import { BAD_GRID_CURSOR_MESSAGE } from '../../../src/resolvers/scoring-grid';
import { cellId, createSaveQueue } from '../../../static/project-page/src/save-queue';
import type { CellWrite, WriteOutcome } from '../../../static/project-page/src/save-queue';
import { ADA, MOB, NICK, PAT, TL, WSJF_CONFIG, bodyOf, callSettings, startSite, valueOf } from '../settings/support';
import type { Site, User } from '../settings/support';

const BUSINESS_VALUE = 'customfield_10050';
const RISK = 'customfield_10052';
const EDIT = 'PUT /rest/api/3/issue/{issueIdOrKey}';

let site: Site;

const page = async (payload: unknown, user: User = PAT, project: Record<string, unknown> = TL): Promise<Result<ScoringGridPageView>> =>
  bodyOf(await site.runtime.invokeResolver('project-page', 'getScoringGridPage', payload, user, { project } as never)) as Result<ScoringGridPageView>;

const write = async (payload: unknown, user: User = PAT, project: Record<string, unknown> = TL): Promise<Result<ScoringGridCellView>> =>
  bodyOf(await site.runtime.invokeResolver('project-page', 'setScoringGridCell', payload, user, { project } as never)) as Result<ScoringGridCellView>;

/** Every row of the incomplete list, page by page. */
async function allIncomplete(user: User = PAT): Promise<ScoringGridRow[]> {
  const rows: ScoringGridRow[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < 20; n++) {
    const view = valueOf(await page({ ...(cursor === undefined ? {} : { cursor }) }, user));
    rows.push(...view.rows);
    if (view.next === null) return rows;
    cursor = view.next;
  }
  throw new Error('more than 20 pages');
}

const fieldOf = (key: string, fieldId: string): unknown => {
  const issue = site.emulator.state.findIssue(key);
  if (issue === undefined) throw new Error(`no issue ${key}`);
  const fields = site.emulator.state.render(issue, { kind: 'navigable' }).fields as Record<string, unknown>;
  return fields[fieldId] ?? null;
};

beforeAll(async () => {
  site = await startSite();
  valueOf(await callSettings(site, 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 }));
  await site.runtime.whenIdle();
}, 120_000);

afterAll(async () => {
  await site.close();
});

describe('getScoringGridPage', () => {
  it('lists the incomplete issues with one editable cell per WSJF input, the select with its options', async () => {
    const view = valueOf(await page({}));
    expect(view.list).toBe('incomplete');
    expect(view.columns.map((column) => column.input)).toEqual(['businessValue', 'timeCriticality', 'riskReduction', 'jobSize', 'strategicWeight']);
    expect(view.columns.find((column) => column.input === 'strategicWeight')?.editor).toEqual({ kind: 'none', reason: "comes from the epic's theme" });
    expect(view.columns.find((column) => column.input === 'businessValue')?.editor).toEqual({ kind: 'number', fieldId: BUSINESS_VALUE });
    expect(view.columns.find((column) => column.input === 'riskReduction')?.editor).toEqual({ kind: 'choice', fieldId: RISK, choices: ['None', 'Low', 'Medium', 'High', 'Critical'] });
    expect(view.rows.length).toBeGreaterThan(0);
    for (const row of view.rows) {
      expect(row.score, row.key).toBeNull();
      expect(row.rank).toBeNull();
      expect(row.missing.length, row.key).toBeGreaterThan(0);
      expect(Object.keys(row.cells).sort()).toEqual(['businessValue', 'jobSize', 'riskReduction', 'strategicWeight', 'timeCriticality']);
      // Each cell holds what Jira holds.
      const held = fieldOf(row.key, BUSINESS_VALUE);
      expect(row.cells.businessValue?.value).toBe(typeof held === 'number' ? held : null);
    }
  });

  it('lists every open issue of an epic with "all", scored rows with their rank', async () => {
    const epicKey = [...site.emulator.state.allIssues()].find((issue) => issue.key.startsWith('TL-') && site.emulator.state.issueTypes.get(issue.issueTypeId)?.name === 'Epic')?.key;
    expect(epicKey).toBeDefined();
    const view = valueOf(await page({ list: 'all', filters: { epic: epicKey } }));
    expect(view.rows.length).toBeGreaterThan(0);
    const scored = view.rows.filter((row) => row.score !== null);
    for (const row of scored) expect(row.rank).toBeGreaterThanOrEqual(1);
  });

  it('refuses a forged cursor, another project\'s epic and an unknown theme in words, and a project the user cannot see', async () => {
    expect(await page({ cursor: 'not a token!' })).toEqual({ ok: false, error: { code: 'bad-request', message: BAD_GRID_CURSOR_MESSAGE } });
    expect(await page({ filters: { epic: 'MOB-1' } })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('an epic of this project') as unknown } });
    expect(await page({ filters: { theme: 'theme-nope' } })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await page({}, NICK)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('setScoringGridCell', () => {
  let rows: ScoringGridRow[];
  beforeAll(async () => {
    rows = await allIncomplete();
  });
  // Each test takes rows no other test has written.
  const taken = new Set<string>();
  const rowMissing = (input: string): ScoringGridRow => {
    const row = rows.find((candidate) => candidate.cells[input]?.value === null && !taken.has(candidate.key));
    if (row === undefined) throw new Error(`no row misses ${input}`);
    taken.add(row.key);
    return row;
  };

  it('writes a number as the user and answers the row\'s new score and rank once complete', async () => {
    const editable = ['businessValue', 'timeCriticality', 'riskReduction', 'jobSize'];
    const row = rows.find((candidate) => editable.filter((input) => candidate.cells[input]?.value === null).length === 1);
    if (row === undefined) throw new Error('no row misses one input');
    taken.add(row.key);
    const input = editable.find((candidate) => row.cells[candidate]?.value === null);
    if (input === undefined) throw new Error('unreachable');
    const value = input === 'riskReduction' ? 'Medium' : '5';
    const saved = valueOf(await write({ issueKey: row.key, input, value, base: null }));
    expect(saved).toMatchObject({ status: 'saved', key: row.key, input, outcome: 'scored', missing: [], message: null });
    expect(saved.cell.value).toBe(input === 'riskReduction' ? 'Medium' : 5);
    expect(saved.score).toBeGreaterThan(0);
    expect(saved.rank).toBeGreaterThanOrEqual(1);
  });

  it('a cell given text for a number: refused in words, nothing written', async () => {
    const row = rowMissing('businessValue');
    const refused = await write({ issueKey: row.key, input: 'businessValue', value: 'twelve', base: null });
    expect(refused).toEqual({ ok: false, error: { code: 'bad-request', message: 'Business value must be a number; "twelve" is not one.' } });
    expect(fieldOf(row.key, BUSINESS_VALUE) ?? null).toBeNull();
  });

  it('a removed select option: Jira\'s refusal in words, the issue unchanged', async () => {
    const row = rowMissing('riskReduction');
    // An admin deletes "High" in Jira after the grid listed it; the model still names it.
    site.emulator.state.removeFieldOption(RISK, '10203');
    const refused = await write({ issueKey: row.key, input: 'riskReduction', value: 'High', base: null });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/^Jira refused to set Risk reduction: .+/) as unknown } });
    expect(fieldOf(row.key, RISK) ?? null).toBeNull();
    // An option the model does not name at all is refused before Jira is asked.
    expect(await write({ issueKey: row.key, input: 'riskReduction', value: 'Enormous', base: null })).toEqual({ ok: false, error: { code: 'bad-request', message: 'Risk reduction must be one of: None, Low, Medium, High, Critical.' } });
  });

  it('an issue edited by someone else while the grid is open: not overwritten, the new value and words', async () => {
    const row = rowMissing('businessValue');
    // Ada sets it in Jira while Pat's grid still shows it empty.
    site.emulator.state.updateIssue(row.key, { [BUSINESS_VALUE]: 8 }, ADA.accountId);
    site.emulator.resetCalls();
    const answer = valueOf(await write({ issueKey: row.key, input: 'businessValue', value: '3', base: null }));
    expect(site.emulator.callCount(EDIT)).toBe(0);
    expect(fieldOf(row.key, BUSINESS_VALUE)).toBe(8);
    expect(answer).toMatchObject({ status: 'changed-elsewhere', cell: { value: 8, text: '8' } });
    expect(answer.message).toBe(`Business value of ${row.key} was changed in Jira since the grid was read (it is now "8"), so your value ("3") was not written. Enter it again to replace the new value.`);
    // Entered again on the new value: written.
    expect(valueOf(await write({ issueKey: row.key, input: 'businessValue', value: '3', base: 8 }))).toMatchObject({ status: 'saved', cell: { value: 3 } });
    expect(fieldOf(row.key, BUSINESS_VALUE)).toBe(3);
  });

  it('a user without edit permission: refused in words, nothing written', async () => {
    // Pat browses MOB but may not edit its issues.
    const mob = valueOf(await page({ list: 'all' }, PAT, MOB));
    const column = mob.columns.find((candidate) => candidate.editor.kind === 'number');
    const row = mob.rows[0];
    if (column === undefined || row === undefined || !('fieldId' in column.editor)) throw new Error('MOB has no number input or no open issue');
    const before = fieldOf(row.key, column.editor.fieldId);
    site.emulator.resetCalls();
    const refused = await write({ issueKey: row.key, input: column.input, value: '7', base: row.cells[column.input]?.value ?? null }, PAT, MOB);
    expect(refused).toEqual({ ok: false, error: { code: 'forbidden', message: `You may not edit ${row.key}, so ${column.label} was not changed.` } });
    expect(site.emulator.callCount(EDIT)).toBe(0);
    expect(fieldOf(row.key, column.editor.fieldId)).toEqual(before);
  });

  it('forged keys and another project\'s issue: nothing written, said in words', async () => {
    site.emulator.resetCalls();
    const cases: unknown[] = [
      { issueKey: 'MOB-1', input: 'businessValue', value: '3', base: null },
      { issueKey: 'TL-1 OR 1=1', input: 'businessValue', value: '3', base: null },
      { issueKey: 'tl-1', input: 'businessValue', value: '3', base: null },
    ];
    for (const payload of cases) expect(await write(payload)).toEqual({ ok: false, error: { code: 'bad-request', message: NOT_IN_PROJECT } });
    // A key of the project that does not exist, and a project in view the user cannot see.
    expect(await write({ issueKey: 'TL-99999', input: 'businessValue', value: '3', base: null })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await write({ issueKey: 'TL-15', input: 'businessValue', value: '3', base: null }, NICK)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // An issue moved to another project answers to its old key: its project is checked once read.
    const moved = rowMissing('businessValue');
    const newKey = site.emulator.state.moveIssue(moved.key, 'MOB');
    expect(newKey.startsWith('MOB-')).toBe(true);
    expect(await write({ issueKey: moved.key, input: 'businessValue', value: '3', base: null }, ADA)).toEqual({ ok: false, error: { code: 'bad-request', message: NOT_IN_PROJECT } });
    expect(site.emulator.callCount(EDIT)).toBe(0);
  });

  it('429 storms while saving 100 cells: the save queue paces and retries until every value is in Jira', async () => {
    const fresh = await allIncomplete();
    const writes: CellWrite[] = [];
    for (const row of fresh) {
      for (const input of ['businessValue', 'timeCriticality', 'jobSize']) {
        if (writes.length < 100 && row.cells[input] !== undefined) writes.push({ cell: cellId(row.key, input), issueKey: row.key, input, value: String((writes.length % 9) + 1), base: row.cells[input].value });
      }
    }
    expect(writes.length).toBe(100);
    // Half of the edits answered 429 (Retry-After 0, the per-issue write limit): a storm.
    site.emulator.resetCalls();
    site.emulator.setFaults({ seed: 7, rateLimit: { rate: 0.5, retryAfterSeconds: 0, reason: 'jira-per-issue-on-write', endpoints: [EDIT] } });
    const settled = new Map<string, WriteOutcome>();
    let mostPending = 0;
    const queue = createSaveQueue({
      send: (payload: ScoringGridCellPayload) => write(payload),
      onSettled: (done, outcome) => settled.set(done.cell, outcome),
      onPending: (cells) => {
        mostPending = Math.max(mostPending, cells.length);
      },
      concurrency: 4,
      rateLimitTries: 8,
      baseDelayMs: 5,
      maxDelayMs: 40,
    });
    for (const cell of writes) queue.enqueue(cell);
    expect(queue.pending().length).toBe(100);
    await queue.idle();
    site.emulator.setFaults({});
    // The storm happened: about as many edits were refused as got through, and were tried again.
    expect(site.emulator.callCount(EDIT)).toBeGreaterThan(150);
    expect(mostPending).toBe(100);
    expect(settled.size).toBe(100);
    const failed = [...settled.entries()].filter(([, outcome]) => !outcome.ok || outcome.value.status !== 'saved');
    expect(failed).toEqual([]);
    for (const cell of writes) {
      const fieldId = { businessValue: BUSINESS_VALUE, timeCriticality: 'customfield_10051', jobSize: 'customfield_10016' }[cell.input] ?? '';
      expect(fieldOf(cell.issueKey, fieldId), `${cell.issueKey} ${cell.input}`).toBe(Number(cell.value));
    }
  }, 120_000);
});
