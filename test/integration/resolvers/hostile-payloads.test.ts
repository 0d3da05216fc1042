/**
 * Every resolver of the contract, sent what a forged request can send, through the local Forge
 * runtime as a project admin with an issue and a project in view (so every check up to the
 * payload's passes and the payload is what is judged). Every answer is the envelope, refused, with
 * a known code and a message a person can read: one or two sentences, at most 300 characters,
 * none of the schema's wording, none of the payload's control or direction characters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolverExtension } from '../../../dev/forge-runtime';
import { resolverKeys } from '../../../src/contract';
import type { ErrorCode, Result } from '../../../src/contract';
import { MAX_MESSAGE_CHARS } from '../../../src/resolvers/failures';
import { ADA, TL, bodyOf, startSite } from '../settings/support';
import type { Site } from '../settings/support';

type ResolverKey = (typeof resolverKeys)[number];

const CODES: readonly ErrorCode[] = ['bad-request', 'not-found', 'forbidden', 'stale', 'rate-limited', 'jira-error', 'internal'];
const JARGON = /expected|received|invalid input|nonoptional|zoderror|unrecognized key/i;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Text no message may repeat: C0 and C1 controls, an escape sequence, bidi overrides and isolates. */
const HOSTILE = 'TL-1\u202e\u2066gnp.exe\u2069\u0000\u0007\u001b[31m\u0085\u200f\u202a\u202b\u202c\u202d\u2067\u2068';

/** Each resolver's own payload fields (typed over the contract's keys: a new key must say its fields). */
const FIELDS: Readonly<Record<ResolverKey, readonly string[]>> = {
  checkFormula: ['formula', 'inputNames'],
  getIssueScore: [],
  getIssueRank: [],
  getIssueDetails: [],
  setIssueInput: ['input', 'value'],
  getVisionOutline: [],
  getVisionMapChunk: ['after'],
  getRankedBacklogPage: ['list', 'cursor', 'filters'],
  getScoringGridPage: ['list', 'filters', 'cursor'],
  setScoringGridCell: ['issueKey', 'input', 'value', 'base'],
  getSprintReadiness: ['top'],
  editStrategy: ['baseRevision', 'edit'],
  setEpicTheme: ['epicKey', 'themeId'],
  getSettings: [],
  saveScoringConfig: ['config', 'baseRevision'],
  saveReadinessConfig: ['config', 'baseRevision'],
  saveProductManagers: ['accountIds', 'baseRevision'],
  searchPeople: ['query'],
  getSettingsPeople: [],
  previewScores: ['config'],
  previewReadiness: ['config'],
  exportConfig: [],
  importConfig: ['file', 'allowOtherProject'],
  recomputeNow: [],
  recomputeProgress: [],
  discoverFields: [],
  listBacklogBoards: [],
  previewBacklogOrder: ['boardId', 'top'],
  applyBacklogOrder: ['boardId', 'top', 'basedOn'],
  undoBacklogOrder: ['boardId'],
  pinIssue: ['issueKey', 'reason'],
  unpinIssue: ['issueKey'],
  getIssueHistory: [],
  getMovedMost: ['since', 'limit'],
  listGadgetProjects: ['query'],
  listGadgetBoards: ['query'],
  listGadgetThemes: ['projectId'],
  checkGadgetConfiguration: ['projectId', 'boardId', 'refresh', 'top', 'themeId'],
  getVisionAlignment: [],
  getTopOfBacklog: [],
  getSprintReadinessGadget: [],
  listScoringRounds: [],
  openScoringRound: ['name', 'issues', 'inputs', 'participants'],
  getScoringRound: ['roundId'],
  castRoundVote: ['roundId', 'issueId', 'input', 'value'],
  setRoundAgreedValue: ['roundId', 'issueId', 'input', 'value'],
  closeScoringRound: ['roundId'],
  applyScoringRound: ['roundId'],
  searchRoundPeople: ['query'],
};

function nested(levels: number): unknown {
  let value: unknown = HOSTILE;
  for (let level = 0; level < levels; level++) value = { [`level${String(level)}`]: value, [HOSTILE]: [HOSTILE] };
  return value;
}

/** Its own fields, each holding `value`, and one field it does not have (so no case is a request the resolver would carry out). */
function ownFields(key: ResolverKey, value: unknown): Record<string, unknown> {
  return { ...Object.fromEntries(FIELDS[key].map((field) => [field, value])), [`extra${HOSTILE}`]: value };
}

/** The cases, by name; each answers one payload per resolver key. */
const CASES: Readonly<Record<string, (key: ResolverKey) => unknown>> = {
  'a number': () => 42,
  'a string': () => HOSTILE,
  'an array': () => [1, HOSTILE, null, { a: HOSTILE }],
  '5,000 unknown keys': () => Object.fromEntries(Array.from({ length: 5_000 }, (_, n) => [`unknown${String(n)}${n % 7 === 0 ? HOSTILE : ''}`, n])),
  '10 levels of nesting': () => nested(10),
  'control and bidi characters in keys and values': (key) => ({ ...ownFields(key, HOSTILE), [HOSTILE]: HOSTILE }),
  'its own fields holding the wrong kinds': (key) => ownFields(key, [[{ [HOSTILE]: true }]]),
  'a huge string': () => `${HOSTILE}${'x'.repeat(400_000)}${HOSTILE}`,
  'its own fields holding huge strings': (key) => ownFields(key, `${'y'.repeat(Math.floor(400_000 / Math.max(1, FIELDS[key].length + 1)))}${HOSTILE}`),
};

let site: Site;

beforeAll(async () => {
  site = await startSite();
}, 60_000);

afterAll(async () => {
  await site.close();
});

/** An issue and a project in view, as an admin: whichever page the key belongs to, its checks before the payload pass. */
const EXTENSION = { issue: { key: 'TL-15', id: '10015', type: 'Story' }, project: TL } as unknown as ResolverExtension;

async function answer(key: ResolverKey, payload: unknown): Promise<Result<unknown>> {
  return bodyOf(await site.runtime.invokeResolver('project-page', key, payload, ADA, EXTENSION)) as Result<unknown>;
}

function expectRefusedInWords(result: Result<unknown>, what: string): void {
  expect(result, what).toMatchObject({ ok: false });
  if (result.ok) return;
  const { code, message } = result.error;
  expect(Object.keys(result.error).sort(), what).toEqual(['code', 'message']);
  expect(CODES, what).toContain(code);
  expect(typeof message, what).toBe('string');
  expect(message.length, `${what}: ${message}`).toBeGreaterThan(10);
  expect(message.length, `${what}: ${message}`).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
  expect(message, what).not.toMatch(JARGON);
  expect(message, what).not.toMatch(UNSHOWABLE);
  // One or two sentences: at most two sentence ends, and it ends as a sentence does.
  const ends = message.match(/[.!?…](?=\s|$)/g) ?? [];
  expect(ends.length, `${what}: ${message}`).toBeGreaterThanOrEqual(1);
  expect(ends.length, `${what}: ${message}`).toBeLessThanOrEqual(2);
}

describe('hostile payloads, to every resolver of the contract', () => {
  it('names the fields of every resolver key', () => {
    expect(Object.keys(FIELDS).sort()).toEqual([...resolverKeys].sort());
  });

  for (const key of resolverKeys) {
    it(`${key}: refuses each in words`, async () => {
      for (const [name, payloadOf] of Object.entries(CASES)) {
        expectRefusedInWords(await answer(key, payloadOf(key)), `${key}, ${name}`);
      }
      // Forge's resolver turns a missing payload (undefined, null) into {}: they are answered as {} is.
      const empty = await answer(key, {});
      for (const payload of [undefined, null]) {
        const result = await answer(key, payload);
        expect(result.ok, `${key}, ${String(payload)}`).toBe(empty.ok);
        if (!result.ok) expectRefusedInWords(result, `${key}, ${String(payload)}`);
      }
    }, 60_000);
  }
});

describe('refusals made past the schema', () => {
  it('a score input that is not a number: the value is not repeated with its control characters', async () => {
    // TL's default reads the fields its issues carry: business value ÷ effort (story points).
    const refused = await answer('setIssueInput', { input: 'effort', value: HOSTILE });
    expectRefusedInWords(refused, 'setIssueInput, a hostile value');
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/must be a number/) as unknown } });
  });

  it('each strategy edit the project page does not make says its own reason', async () => {
    const outline = await answer('getVisionOutline', {});
    if (!outline.ok) throw new Error(outline.error.message);
    const baseRevision = (outline.value as { strategy: { revision: number } }).strategy.revision;
    const reasons = new Map<string, string>();
    for (const edit of [{ kind: 'remove-theme', themeId: 'theme-x' }, { kind: 'set-product-managers', accountIds: [] }, { kind: 'replace', document: {} }]) {
      const refused = await answer('editStrategy', { baseRevision, edit });
      expectRefusedInWords(refused, edit.kind);
      if (!refused.ok) reasons.set(edit.kind, refused.error.message);
    }
    expect(reasons.get('remove-theme')).toMatch(/archive/);
    expect(reasons.get('set-product-managers')).toMatch(/product managers are set in the project settings/);
    expect(reasons.get('replace')).toMatch(/imported in the project settings/);
    const unknown = await answer('editStrategy', { baseRevision, edit: { kind: `drop${HOSTILE}` } });
    expectRefusedInWords(unknown, 'an unknown edit');
    expect(unknown).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^The request was not understood: edit\.kind /) as unknown } });
  });
});
