/**
 * Every settings resolver is for project admins only, checked in the resolver as the user, before
 * the payload is read: a non-admin calling any of them directly, with payloads forged or not, and
 * with forged project contexts, gets "forbidden" in words and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_ADMIN_MESSAGE } from '../../../src/resolvers/permissions';
import { ADA, MOB, NICK, PAT, RICE_CONFIG, TL, callSettings, startSite, valueOf } from './support';
import type { Site, User } from './support';

const SETTINGS_KEYS = [
  'getSettings',
  'saveScoringConfig',
  'saveReadinessConfig',
  'saveProductManagers',
  'searchPeople',
  'getSettingsPeople',
  'previewScores',
  'previewReadiness',
  'exportConfig',
  'importConfig',
  'recomputeNow',
  'recomputeProgress',
  'discoverFields',
] as const;

/** What a page would send, and what someone crafting requests might add. */
const PAYLOADS: Readonly<Record<(typeof SETTINGS_KEYS)[number], unknown>> = {
  getSettings: {},
  saveScoringConfig: { config: RICE_CONFIG, baseRevision: 0 },
  saveReadinessConfig: { config: {}, baseRevision: 0 },
  saveProductManagers: { accountIds: [PAT.accountId], baseRevision: 0 },
  searchPeople: { query: 'pat' },
  getSettingsPeople: {},
  previewScores: { config: RICE_CONFIG },
  previewReadiness: { config: {} },
  exportConfig: {},
  importConfig: { file: '{}', allowOtherProject: true },
  recomputeNow: {},
  recomputeProgress: {},
  discoverFields: {},
};
const FORGED_EXTRAS = [{ projectId: TL.id }, { project: TL }, { accountId: ADA.accountId, isAdmin: true }, null, 'getSettings', [1, 2]];

let site: Site;

beforeAll(async () => {
  site = await startSite();
});

afterAll(async () => {
  await site.close();
});

describe('settings resolvers: project admins only', () => {
  it.each(SETTINGS_KEYS.map((key) => [key]))('%s answers a non-admin "forbidden" in words, forged payloads included', async (key) => {
    const attempts: [User, Record<string, unknown>, unknown][] = [
      // Pat browses and edits TL but does not administer it.
      [PAT, TL, PAYLOADS[key]],
      // Nick cannot even see TL: the same answer, nothing learned.
      [NICK, TL, PAYLOADS[key]],
      // Pat browses MOB: still not an admin there.
      [PAT, MOB, PAYLOADS[key]],
      ...FORGED_EXTRAS.map((extra): [User, Record<string, unknown>, unknown] => [PAT, TL, typeof extra === 'object' && extra !== null && !Array.isArray(extra) ? { ...(PAYLOADS[key] as object), ...extra } : extra]),
      // Forged contexts: a project that does not exist, ids that are not ids, an admin's project with another key.
      [PAT, { id: '99999', key: 'ZZ', type: 'software' }, PAYLOADS[key]],
      [PAT, { id: '10000; DROP', key: 'TL', type: 'software' }, PAYLOADS[key]],
      [PAT, { id: '../10000', key: 'TL', type: 'software' }, PAYLOADS[key]],
      [NICK, { id: TL.id, key: MOB.key, type: 'software' }, PAYLOADS[key]],
    ];
    for (const [user, project, payload] of attempts) {
      const answer = await callSettings(site, key, payload, user, project);
      expect(answer, `${key} as ${user.accountId} on ${JSON.stringify(project)} with ${JSON.stringify(payload)}`).toEqual({ ok: false, error: { code: 'forbidden', message: NOT_ADMIN_MESSAGE } });
    }
  });

  it('changed nothing for any of those calls, and the admin still starts from the defaults', async () => {
    const settings = valueOf(await callSettings<{ scoring: { state: string; revision: number }; productManagers: { value: string[] }; recompute: unknown }>(site, 'getSettings', {}, ADA));
    expect(settings.scoring).toMatchObject({ state: 'default', revision: 0 });
    expect(settings.productManagers.value).toEqual([]);
    expect(settings.recompute).toBeNull();
    expect(site.runtime.queueStats().pushed).toBe(0);
  });

  it('needs a project in view: without one the answer is a bad request, for admins too', async () => {
    for (const key of SETTINGS_KEYS) {
      const answer = await callSettings(site, key, PAYLOADS[key], ADA, null);
      expect(answer, key).toMatchObject({ ok: false, error: { code: 'bad-request', message: "Throughline's settings belong to a project: no project is in view here." } });
    }
  });

  it('lets the admin of the project in; the project is the one Jira confirms, not the payload', async () => {
    const settings = valueOf(await callSettings<{ project: { id: string; key: string } }>(site, 'getSettings', {}, ADA, { id: TL.id, key: 'MOB', type: 'software' }));
    expect(settings.project).toEqual({ id: '10000', key: 'TL' });
    // An admin's malformed payload is a bad request naming what is wrong (after the permission check).
    expect(await callSettings(site, 'saveScoringConfig', { config: RICE_CONFIG, baseRevision: -1 }, ADA)).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/^The request was not understood: baseRevision is too small/) } });
    expect(await callSettings(site, 'getSettings', { projectId: MOB.id }, ADA)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
