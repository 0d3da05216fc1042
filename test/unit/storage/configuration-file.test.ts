/**
 * The configuration file: export shape, and an import checked in full before anything is written:
 * another project's file, a newer schema, garbage, and each section's first error with its path.
 */
import { describe, expect, it } from 'vitest';
import { defaultReadinessConfig } from '../../../src/domain/readiness';
import { defaultScoringConfig } from '../../../src/domain/scoring';
import { emptyStrategy } from '../../../src/domain/strategy';
import { CONFIGURATION_FORMAT, checkConfigurationFile, configurationFileOf } from '../../../src/storage';

const PROJECT = { id: '10000', key: 'TL' };

function exported(): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(
      configurationFileOf(PROJECT, { scoring: defaultScoringConfig(), readiness: defaultReadinessConfig(), strategy: emptyStrategy(), 'product-managers': { accountIds: ['5f0c1a2b3c4d5e6f7a8b9c02'] } }, new Date('2026-03-01T10:00:00Z')),
    ),
  ) as Record<string, unknown>;
}

function check(file: unknown, options: { projectId?: string; allowOtherProject?: boolean } = {}) {
  return checkConfigurationFile(typeof file === 'string' ? file : JSON.stringify(file), { projectId: options.projectId ?? PROJECT.id, allowOtherProject: options.allowOtherProject });
}

describe('configuration file', () => {
  it('exports every document under one format and version, and imports it back as it was', () => {
    const file = exported();
    expect(file).toMatchObject({ format: CONFIGURATION_FORMAT, schemaVersion: 1, exportedAt: '2026-03-01T10:00:00.000Z', project: PROJECT, productManagers: ['5f0c1a2b3c4d5e6f7a8b9c02'] });
    const imported = check(file);
    expect(imported).toMatchObject({ ok: true, sourceProject: { id: '10000', key: 'TL' }, migrated: [] });
    if (!imported.ok) return;
    expect(imported.documents.scoring).toEqual(defaultScoringConfig());
    expect(imported.documents.readiness).toEqual(defaultReadinessConfig());
    expect(imported.documents['product-managers']).toEqual({ accountIds: ['5f0c1a2b3c4d5e6f7a8b9c02'] });
  });

  it("refuses another project's file unless the admin allows it", () => {
    const refused = check(exported(), { projectId: '10001' });
    expect(refused).toEqual({
      ok: false,
      code: 'other-project',
      path: 'project.id',
      message: "This file was exported from another project (TL); its field mapping may not fit this one. Confirm that you want to import it here; nothing was imported.",
    });
    expect(check(exported(), { projectId: '10001', allowOtherProject: true }).ok).toBe(true);
  });

  it('refuses a file from a newer version, and a newer section inside a current file', () => {
    expect(check({ ...exported(), schemaVersion: 2 })).toEqual({
      ok: false,
      code: 'newer',
      path: 'schemaVersion',
      message: 'This file was exported by a newer version of Throughline (schema version 2; this version reads up to 1). Update the app, then import it again; nothing was imported.',
    });
    const newerStrategy = check({ ...exported(), strategy: { ...emptyStrategy(), schemaVersion: 5 } });
    expect(newerStrategy).toMatchObject({ ok: false, code: 'newer', path: 'strategy.schemaVersion' });
    const newerScoring = check({ ...exported(), scoring: { ...defaultScoringConfig(), version: 3 } });
    expect(newerScoring).toMatchObject({ ok: false, code: 'newer', path: 'scoring.version', message: expect.stringContaining('newer version of Throughline (schema version 3') });
  });

  it.each([
    ['not JSON at all', 'this is not json', '', /^The file is not JSON: /],
    ['JSON, but a list', '[1, 2]', '', /not a list\.$/],
    ['JSON null', 'null', '', /not null\.$/],
    ['another format', { format: 'jira-export', schemaVersion: 1 }, 'format', /^format: expected "throughline-configuration", got string "jira-export"/],
    ['no schema version', { format: CONFIGURATION_FORMAT }, 'schemaVersion', /^schemaVersion: expected a whole number/],
    ['no project', { format: CONFIGURATION_FORMAT, schemaVersion: 1 }, 'project.id', /^project\.id: /],
  ])('refuses garbage (%s) with the path of the first error', (_name, file, path, message) => {
    const result = check(file);
    expect(result).toMatchObject({ ok: false, code: 'invalid', path });
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('names the first invalid setting by its path in the file', () => {
    const file = exported();
    const scoring = { ...(file.scoring as Record<string, unknown>), model: { type: 'wsjf', inputs: { businessValue: { kind: 'number', fieldId: 42 } } } };
    expect(check({ ...file, scoring })).toMatchObject({ ok: false, code: 'invalid', path: 'scoring.model.inputs.businessValue.fieldId', message: 'scoring.model.inputs.businessValue.fieldId: expected a string field id, got number' });
    expect(check({ ...file, readiness: { rules: { 'estimate-small': { maxPoints: -3 } } } })).toMatchObject({
      path: 'readiness.rules.estimate-small.maxPoints',
      message: 'readiness.rules.estimate-small.maxPoints: must be more than 0 (got -3)',
    });
    expect(check({ ...file, productManagers: ['ok', 'not an id!'] })).toMatchObject({ path: 'productManagers[1]' });
    expect(check({ ...file, productManagers: 'ada' })).toMatchObject({ path: 'productManagers', message: 'productManagers: expected a list of account ids, got string "ada".' });
    const withoutReadiness = { ...file };
    delete withoutReadiness.readiness;
    expect(check(withoutReadiness)).toMatchObject({ path: 'readiness', message: 'readiness: missing; the file must contain the readiness section.' });
  });

  it('upgrades an older strategy section and says so', () => {
    const file = { ...exported(), strategy: { vision: { statement: 'Old' }, themes: [{ id: 'core', name: 'Core', horizon: 'next', weight: 3 }] } };
    const result = check(file);
    expect(result).toMatchObject({ ok: true, migrated: ['strategy'] });
    if (result.ok) expect(result.documents.strategy.themes[0]).toMatchObject({ id: 'core', strategicWeight: 3 });
  });

  it('refuses a file too large to be a configuration', () => {
    expect(check(`{"pad": "${'x'.repeat(1_000_001)}"}`)).toMatchObject({ ok: false, code: 'invalid', message: expect.stringMatching(/too large/) });
  });
});
