import { describe, expect, it } from 'vitest';
import { discoverFields, discoverSiteFields, FIELD_TYPES } from '../../../src/jira/fields';
import type { FieldDetails } from '../../../src/jira/schemas';
import { fakeJira, response } from './fake-jira';

function field(id: string, name: string, custom: string | undefined, type = 'number', extra: Partial<FieldDetails> = {}): FieldDetails {
  return { id, name, custom: custom !== undefined, schema: custom === undefined ? { type, system: id } : { type, custom, customId: Number(id.replace('customfield_', '')) }, ...extra };
}

const APP = 'ari:cloud:ecosystem::extension/0d7a4f5e-1111-4222-8333-944444444444/8b3f0c1e-aaaa-4bbb-8ccc-dddddddddddd/static';

describe('discoverFields', () => {
  it('finds fields by type, not name', () => {
    const found = discoverFields([
      field('summary', 'Summary', undefined, 'string'),
      field('customfield_10020', 'Sprintz (renamed)', FIELD_TYPES.sprint, 'array'),
      field('customfield_10014', 'Epos-Verknüpfung', FIELD_TYPES.epicLink, 'any'),
      field('customfield_10016', 'Story-Punkte', FIELD_TYPES.storyPoints),
      field('customfield_10999', 'Release Version History (story)', 'com.atlassian.jira.plugin.system.customfieldtypes:float'),
      field('customfield_10001', 'Team', FIELD_TYPES.atlassianTeam, 'team'),
    ]);
    expect(found.storyPoints.id).toBe('customfield_10016');
    expect(found.sprint.id).toBe('customfield_10020');
    expect(found.epicLink.id).toBe('customfield_10014');
    expect(found.team.id).toBe('customfield_10001');
    expect(found.notes).toEqual([]);
  });

  it('uses the name only among float fields, exactly "Story Points" or "Story points"', () => {
    const float = 'com.atlassian.jira.plugin.system.customfieldtypes:float';
    const found = discoverFields([
      field('customfield_10100', 'Actual Story Points', float),
      field('customfield_10101', 'Task Points', float),
      field('customfield_10102', 'Story points', float),
      field('customfield_10103', 'Story Points', 'com.atlassian.jira.plugin.system.customfieldtypes:textfield', 'string'),
    ]);
    expect(found.storyPoints.candidates.map((c) => c.id)).toEqual(['customfield_10102']);
  });

  it('reads the untranslated name of a float field when Jira gives it', () => {
    const float = 'com.atlassian.jira.plugin.system.customfieldtypes:float';
    const found = discoverFields([field('customfield_10026', 'Story-Punkte', float, 'number', { untranslatedName: 'Story Points' })]);
    expect(found.storyPoints.id).toBe('customfield_10026');
  });

  it('prefers jsw-story-points over the classic field and says why', () => {
    const found = discoverFields([
      field('customfield_10026', 'Story Points', 'com.atlassian.jira.plugin.system.customfieldtypes:float'),
      field('customfield_10016', 'Story point estimate', FIELD_TYPES.storyPoints),
    ]);
    expect(found.storyPoints.id).toBe('customfield_10016');
    expect(found.storyPoints.candidates.map((c) => c.id)).toEqual(['customfield_10016', 'customfield_10026']);
    expect(found.storyPoints.note).toMatch(/chose customfield_10016: Jira Software's story point field \(jsw-story-points\) is preferred/);
  });

  it('picks the oldest of several fields of one type and notes it', () => {
    const found = discoverFields([
      field('customfield_13900', 'Supports-Team', FIELD_TYPES.roadmapsTeam, 'any'),
      field('customfield_12601', 'Team', FIELD_TYPES.roadmapsTeam, 'any'),
    ]);
    expect(found.team.id).toBe('customfield_12601');
    expect(found.team.note).toBe('Team: 2 candidates (customfield_12601 "Team", customfield_13900 "Supports-Team"); chose customfield_12601, the oldest (lowest id), which is the one the plugin created.');
  });

  it('prefers the Atlassian Teams field over Advanced Roadmaps\' Team', () => {
    const found = discoverFields([field('customfield_10001', 'Team', FIELD_TYPES.roadmapsTeam, 'any'), field('customfield_10050', 'Team', FIELD_TYPES.atlassianTeam, 'team')]);
    expect(found.team.id).toBe('customfield_10050');
    expect(found.team.note).toMatch(/the Atlassian Teams field/);
  });

  it('finds the app\'s Forge fields by the exact module key at the end of the type', () => {
    const fields = [
      field('customfield_10300', 'Other score', `${APP}/other-throughline-score`),
      field('customfield_10301', 'Throughline score', `${APP}/throughline-score`),
      field('customfield_10302', 'Not ours', 'ari:cloud:ecosystem::extension/ffffffff-0000-4000-8000-000000000000/e/static/throughline-score'),
    ];
    const anyApp = discoverFields(fields, { appFieldKeys: ['throughline-score', 'missing-key'] });
    expect(anyApp.appFields['throughline-score']!.candidates.map((c) => c.id)).toEqual(['customfield_10301', 'customfield_10302']);
    expect(anyApp.appFields['throughline-score']!.note).toMatch(/Pass the app id/);
    expect(anyApp.appFields['missing-key']!.id).toBeUndefined();
    const ours = discoverFields(fields, { appFieldKeys: ['throughline-score'], appId: '0d7a4f5e-1111-4222-8333-944444444444' });
    expect(ours.appFields['throughline-score']).toEqual({ id: 'customfield_10301', candidates: [{ id: 'customfield_10301', name: 'Throughline score', type: `${APP}/throughline-score` }], note: undefined });
  });

  it('answers undefined, not a guess, when a site lacks a field', () => {
    const found = discoverFields([field('summary', 'Summary', undefined, 'string')]);
    expect([found.storyPoints.id, found.sprint.id, found.epicLink.id, found.team.id]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('fetches GET /rest/api/3/field and tolerates fields without a schema', async () => {
    const jira = fakeJira([response(200, [{ id: 'issuekey', name: 'Key', custom: false }, field('customfield_10020', 'Sprint', FIELD_TYPES.sprint, 'array')])]);
    const found = await discoverSiteFields(jira.client());
    expect(found.sprint.id).toBe('customfield_10020');
    expect(jira.calls[0]).toMatchObject({ method: 'GET', path: '/rest/api/3/field' });
  });

  it('rejects a field list that is not a list', async () => {
    const jira = fakeJira([response(200, { values: [] })]);
    await expect(discoverSiteFields(jira.client())).rejects.toMatchObject({ kind: 'bad-response', reason: 'schema' });
  });
});
