/**
 * The settings resolvers for a project admin, through the local Forge runtime against the
 * emulator: defaults from field discovery, saves with revisions (two admins at once), a field id
 * the site no longer has, previews on real issues, export and import (another project's file, a
 * newer schema, garbage), field discovery, and the recompute a save queues.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ExportView,
  FieldDiscoveryView,
  ImportResultView,
  ReadinessPreviewView,
  RecomputeProgressView,
  SaveResultView,
  ScorePreviewView,
  SettingsView,
} from '../../../src/contract';
import { ADA, MOB, READINESS_FIELD, RICE_CONFIG, SCORE_FIELD, TL, WSJF_CONFIG, callSettings, startSite, valueOf } from './support';
import type { Site } from './support';

let site: Site;

beforeAll(async () => {
  site = await startSite();
});

afterAll(async () => {
  await site.close();
});

const settings = async (project = TL): Promise<SettingsView> => valueOf(await callSettings<SettingsView>(site, 'getSettings', {}, ADA, project));

describe('settings of a project never configured', () => {
  it('are WSJF from the fields discovery finds, the default readiness rules, no product managers', async () => {
    const view = await settings();
    expect(view.project).toEqual({ id: '10000', key: 'TL' });
    expect(view.scoring).toMatchObject({ state: 'default', revision: 0, savedAt: null, message: null });
    // The demo has number fields named as SAFe names them, and Jira Software's story points.
    expect(view.scoring.value).toMatchObject({
      model: {
        type: 'wsjf',
        inputs: {
          businessValue: { kind: 'number', fieldId: 'customfield_10050' },
          timeCriticality: { kind: 'number', fieldId: 'customfield_10051' },
          jobSize: { kind: 'number', fieldId: 'customfield_10016' },
        },
      },
    });
    expect(view.model?.name).toBe('WSJF');
    expect(view.readiness).toMatchObject({ state: 'default', revision: 0, value: { storyPointsField: { id: 'customfield_10016', name: 'Story point estimate' }, issueTypes: ['Story', 'Task', 'Bug'] } });
    expect(view.productManagers).toMatchObject({ state: 'default', value: [] });
    expect(view.strategy).toEqual({ revision: 0, themes: 0, state: 'default' });
    expect(view.appFields).toEqual({ score: SCORE_FIELD, readiness: READINESS_FIELD });
    // Risk reduction is a select on the demo site: the default cannot guess its option values.
    expect(view.brokenFields).toEqual([
      { path: 'scoring.model.inputs.riskReduction.fieldId', fieldId: 'customfield_risk_reduction', message: expect.stringContaining('which this site no longer has') as unknown },
    ]);
    expect(view.blocked).toBeNull();
    expect(view.recompute).toBeNull();
  });
});

describe('saving', () => {
  it('saves the scoring configuration with revision 1 and queues a recompute that fills the app fields', async () => {
    const saved = valueOf(await callSettings<SaveResultView>(site, 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: 0 }));
    expect(saved).toMatchObject({ status: 'saved', revision: 1, recompute: { status: 'running', reason: 'scoring configuration changed', done: 0 } });
    await site.runtime.whenIdle();
    const progress = valueOf(await callSettings<RecomputeProgressView>(site, 'recomputeProgress', {}));
    expect(progress).toMatchObject({ status: 'done', total: 218, done: 218, errors: 0, message: null });
    const view = await settings();
    expect(view.scoring).toMatchObject({ state: 'stored', revision: 1, savedBy: ADA.accountId });
    expect(view.brokenFields).toEqual([]);
    // TL-15: (business value + time criticality + risk reduction) ÷ job size, written by the app.
    const issue = site.emulator.state.issueById('10015');
    expect(typeof issue?.fields[SCORE_FIELD]).toBe('number');
  });

  it('refuses an invalid configuration with each problem by its path, and saves nothing', async () => {
    const answer = valueOf(await callSettings<SaveResultView>(site, 'saveScoringConfig', { config: { model: { type: 'wsjf', inputs: { businessValue: { kind: 'number', fieldId: 7 } } } }, baseRevision: 1 }));
    expect(answer.status).toBe('invalid');
    if (answer.status !== 'invalid') return;
    expect(answer.errors[0]).toEqual({ path: 'model.inputs.businessValue.fieldId', message: 'expected a string field id, got number' });
    expect(answer.errors.map((e) => e.path)).toContain('model.inputs.jobSize');
    expect((await settings()).scoring.revision).toBe(1);
  });

  it('refuses a save based on an older revision: changed by someone else since you opened it', async () => {
    const answer = await callSettings(site, 'saveScoringConfig', { config: RICE_CONFIG, baseRevision: 0 });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'stale',
        message: 'The scoring configuration was changed by someone else since you opened it (you started from revision 0; it is now at revision 1). Reload to see their changes, then make yours again; nothing was saved.',
      },
    });
  });

  it('lets exactly one of two admins saving at once win; the other is told, nothing is overwritten', async () => {
    const before = (await settings()).readiness.revision;
    const [first, second] = await Promise.all([
      callSettings<SaveResultView>(site, 'saveReadinessConfig', { config: { rules: { 'estimate-small': { maxPoints: 13 } } }, baseRevision: before }),
      callSettings<SaveResultView>(site, 'saveReadinessConfig', { config: { rules: { 'description-length': { minWords: 5 } } }, baseRevision: before }),
    ]);
    const outcomes = [first, second].map((answer) => (answer.ok ? 'saved' : answer.error.code)).sort();
    expect(outcomes).toEqual(['saved', 'stale']);
    const lost = [first, second].find((answer) => !answer.ok);
    expect(lost).toMatchObject({ error: { message: expect.stringContaining('changed by someone else since you opened it') as unknown } });
    const view = await settings();
    expect(view.readiness.revision).toBe(before + 1);
    const won = first.ok ? { 'estimate-small': { maxPoints: 13 } } : { 'description-length': { minWords: 5 } };
    expect(view.readiness.value).toMatchObject({ rules: won });
    await site.runtime.whenIdle();
  });

  it('saves product managers without a recompute', async () => {
    const pushed = site.runtime.queueStats().pushed;
    const saved = valueOf(await callSettings<SaveResultView>(site, 'saveProductManagers', { accountIds: ['5f0c1a2b3c4d5e6f7a8b9c02', '5f0c1a2b3c4d5e6f7a8b9c02'], baseRevision: 0 }));
    expect(saved).toMatchObject({ status: 'saved', revision: 1, recompute: null });
    expect((await settings()).productManagers).toMatchObject({ state: 'stored', value: ['5f0c1a2b3c4d5e6f7a8b9c02'] });
    expect(site.runtime.queueStats().pushed).toBe(pushed);
    expect(valueOf(await callSettings<SaveResultView>(site, 'saveProductManagers', { accountIds: ['not an id!'], baseRevision: 1 }))).toMatchObject({ status: 'invalid', errors: [{ path: 'accountIds[0]' }] });
  });
});

describe('a configuration reading a field the site no longer has', () => {
  it('is shown as broken, its issues become incomplete, nothing crashes', async () => {
    const gone = { ...WSJF_CONFIG, model: { ...WSJF_CONFIG.model, inputs: { ...WSJF_CONFIG.model.inputs, jobSize: { kind: 'number', fieldId: 'customfield_99999' } } } };
    const revision = (await settings()).scoring.revision;
    expect(valueOf(await callSettings<SaveResultView>(site, 'saveScoringConfig', { config: gone, baseRevision: revision })).status).toBe('saved');
    const view = await settings();
    expect(view.brokenFields).toEqual([{ path: 'scoring.model.inputs.jobSize.fieldId', fieldId: 'customfield_99999', message: expect.stringContaining('customfield_99999') as unknown }]);
    await site.runtime.whenIdle();
    expect(valueOf(await callSettings<RecomputeProgressView>(site, 'recomputeProgress', {}))).toMatchObject({ status: 'done', done: 218, errors: 0 });
    // Every issue is incomplete: no score, and stories say so through the score-complete warning.
    const scored = [...site.emulator.state.allIssues()].filter((issue) => issue.projectId === TL.id && issue.fields[SCORE_FIELD] !== null && issue.fields[SCORE_FIELD] !== undefined);
    expect(scored).toEqual([]);
    const preview = valueOf(await callSettings<ScorePreviewView>(site, 'previewScores', { config: gone }));
    expect(preview.status).toBe('ok');
    if (preview.status === 'ok') expect(preview.issues[0]?.after).toMatchObject({ outcome: 'incomplete', score: null, missing: [{ input: 'jobSize' }] });
    // Put the working configuration back for the tests after.
    expect(valueOf(await callSettings<SaveResultView>(site, 'saveScoringConfig', { config: WSJF_CONFIG, baseRevision: revision + 1 })).status).toBe('saved');
    await site.runtime.whenIdle();
  });
});

describe('previews', () => {
  it('scores ten real issues of the project before and after a candidate configuration, with breakdowns', async () => {
    const preview = valueOf(await callSettings<ScorePreviewView>(site, 'previewScores', { config: RICE_CONFIG }));
    expect(preview.status).toBe('ok');
    if (preview.status !== 'ok') return;
    expect(preview.before.name).toBe('WSJF');
    expect(preview.after.name).toBe('RICE');
    expect(preview.issues).toHaveLength(10);
    for (const row of preview.issues) {
      expect(row.issue.key).toMatch(/^TL-\d+$/);
      // The strategic weight comes last: the configuration multiplies by it.
      expect(row.before.breakdown.map((line) => line.input)).toEqual(['businessValue', 'timeCriticality', 'riskReduction', 'jobSize', 'strategicWeight']);
      expect(row.after.breakdown.map((line) => line.input)).toEqual(['reach', 'impact', 'confidence', 'effort', 'strategicWeight']);
    }
    const scored = preview.issues.find((row) => row.before.outcome === 'scored');
    expect(scored?.before.breakdown[0]).toMatchObject({ field: { id: 'customfield_10050', name: 'Business Value' }, status: 'ok' });
    expect(valueOf(await callSettings<ScorePreviewView>(site, 'previewScores', { config: { model: { type: 'ice' } } }))).toMatchObject({ status: 'invalid', errors: [{ path: 'model.inputs' }] });
  });

  it('counts the open stories each readiness rule would flag, now and with candidate rules', async () => {
    const strict = { rules: { 'estimate-small': { maxPoints: 1 }, 'refined-recently': { enabled: true, maxDays: 1 } } };
    const preview = valueOf(await callSettings<ReadinessPreviewView>(site, 'previewReadiness', { config: strict }));
    expect(preview.status).toBe('ok');
    if (preview.status !== 'ok') return;
    expect(preview.checked).toBeGreaterThan(50);
    expect(preview.capped).toBe(false);
    const rule = (id: string) => preview.rules.find((entry) => entry.ruleId === id);
    expect(rule('estimate-small')?.flagged).toBeGreaterThan(rule('estimate-small')?.flaggedNow ?? 0);
    expect(rule('refined-recently')).toMatchObject({ enabled: true });
    expect(preview.ready.after).toBeLessThanOrEqual(preview.ready.now);
    expect(preview.rules).toHaveLength(11);
    expect(valueOf(await callSettings<ReadinessPreviewView>(site, 'previewReadiness', { config: { rules: { nope: {} } } }))).toMatchObject({ status: 'invalid', errors: [{ path: 'rules.nope' }] });
  });
});

describe('export and import', () => {
  let exported: ExportView;

  it('exports the whole configuration as one file', async () => {
    exported = valueOf(await callSettings<ExportView>(site, 'exportConfig', {}));
    expect(exported.fileName).toMatch(/^throughline-TL-\d{4}-\d{2}-\d{2}\.json$/);
    expect(exported.file).toMatchObject({ format: 'throughline-configuration', schemaVersion: 1, project: { id: '10000', key: 'TL' }, scoring: WSJF_CONFIG, productManagers: ['5f0c1a2b3c4d5e6f7a8b9c02'] });
  });

  it('imports it back: every document replaced at once, a recompute queued', async () => {
    const before = await settings();
    const file = { ...exported.file, scoring: RICE_CONFIG };
    const answer = valueOf(await callSettings<ImportResultView>(site, 'importConfig', { file: JSON.stringify(file) }));
    expect(answer).toMatchObject({ status: 'imported', sourceProject: { id: '10000', key: 'TL' }, migrated: [], recompute: { status: 'running', reason: 'configuration imported' } });
    if (answer.status !== 'imported') return;
    expect(answer.revisions.scoring).toBe(before.scoring.revision + 1);
    expect(answer.revisions.strategy).toBe(1);
    expect((await settings()).model?.name).toBe('RICE');
    await site.runtime.whenIdle();
  });

  it("refuses another project's file unless the admin confirms it", async () => {
    const mob = valueOf(await callSettings<ExportView>(site, 'exportConfig', {}, ADA, MOB));
    const refused = valueOf(await callSettings<ImportResultView>(site, 'importConfig', { file: JSON.stringify(mob.file) }));
    expect(refused).toEqual({
      status: 'refused',
      code: 'other-project',
      path: 'project.id',
      message: "This file was exported from another project (MOB); its field mapping may not fit this one. Confirm that you want to import it here; nothing was imported.",
    });
    expect((await settings()).model?.name).toBe('RICE');
    const confirmed = valueOf(await callSettings<ImportResultView>(site, 'importConfig', { file: JSON.stringify(mob.file), allowOtherProject: true }));
    expect(confirmed).toMatchObject({ status: 'imported', sourceProject: { id: '10001', key: 'MOB' } });
    await site.runtime.whenIdle();
  });

  it('refuses a newer schema and garbage, with the path of the first error, writing nothing', async () => {
    const before = await settings();
    const newer = valueOf(await callSettings<ImportResultView>(site, 'importConfig', { file: JSON.stringify({ ...exported.file, schemaVersion: 9 }) }));
    expect(newer).toMatchObject({ status: 'refused', code: 'newer', path: 'schemaVersion', message: expect.stringContaining('newer version of Throughline (schema version 9') as unknown });
    const cases: [string, string, RegExp][] = [
      ['{"format": "throughline-configuration", "schemaVersion": 1, "project": {"id": "10000"}, "scoring": {"model": {"type": "rice", "inputs": {}}}, "readiness": {}, "strategy": {}}', 'scoring.model.inputs.reach', /^scoring\.model\.inputs\.reach: missing/],
      ['{"format": "throughline-configuration", "schemaVersion": 1, "project": {"id": "10000"}, "scoring": ' + JSON.stringify(RICE_CONFIG) + ', "readiness": {"rules": {"estimate-small": {"maxPoints": "eight"}}}, "strategy": {}}', 'readiness.rules.estimate-small.maxPoints', /must be a number/],
      ['{ this is not json', '', /^The file is not JSON/],
      ['[]', '', /not a list/],
      ['{"hello": "world"}', 'format', /^format: expected "throughline-configuration"/],
    ];
    for (const [file, path, message] of cases) {
      const refused = valueOf(await callSettings<ImportResultView>(site, 'importConfig', { file }));
      expect(refused, file).toMatchObject({ status: 'refused', code: 'invalid', path });
      if (refused.status === 'refused') expect(refused.message).toMatch(message);
    }
    const after = await settings();
    expect([after.scoring.revision, after.readiness.revision, after.strategy.revision]).toEqual([before.scoring.revision, before.readiness.revision, before.strategy.revision]);
  });
});

describe('field discovery and recompute now', () => {
  it('lists fields by input kind, suggests fields per model input, and reads select options', async () => {
    const discovery = valueOf(await callSettings<FieldDiscoveryView>(site, 'discoverFields', {}));
    expect(discovery.fields.find((field) => field.id === 'customfield_10052')).toEqual({ id: 'customfield_10052', name: 'Risk Reduction / Opportunity Enablement', kind: 'select', custom: true });
    expect(discovery.suggestions.wsjf?.businessValue).toEqual(['customfield_10050', 'priority']);
    expect(discovery.suggestions.wsjf?.jobSize?.[0]).toBe('customfield_10016');
    expect(discovery.suggestions.rice?.reach).toEqual(['customfield_10053']);
    expect(discovery.selectOptions.customfield_10052?.map((option) => option.value)).toEqual(['None', 'Low', 'Medium', 'High', 'Critical']);
    expect(discovery.selectOptions.customfield_10054).toHaveLength(5);
    expect(discovery.storyPoints).toEqual({ id: 'customfield_10016', name: 'Story point estimate' });
    expect(discovery.epicLinkFieldId).toBe('customfield_10014');
  });

  it('queues a recompute on demand; a second one supersedes the first', async () => {
    const first = valueOf(await callSettings<RecomputeProgressView>(site, 'recomputeNow', {}));
    const second = valueOf(await callSettings<RecomputeProgressView>(site, 'recomputeNow', {}));
    expect(second.runId).not.toBe(first.runId);
    await site.runtime.whenIdle();
    const progress = valueOf(await callSettings<RecomputeProgressView>(site, 'recomputeProgress', {}));
    expect(progress).toMatchObject({ runId: second.runId, status: 'done', done: 218, reason: 'recompute requested' });
  });
});
