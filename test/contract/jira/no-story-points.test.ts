/**
 * A site without any story points field: Mojang's real field list (The Public Jira Dataset) has
 * neither Jira Software's "Story point estimate" nor a "Story Points" number field. Field discovery
 * says so in words for the settings page, and the readiness rules do not read Jira's usual
 * customfield_10016, which the site does not have: "Has an estimate" fails with the real reason
 * (an admin has to choose a field), not "the story has no story points".
 */
import { describe, expect, it } from 'vitest';
import { listJiraFixtures, readJiraFixture } from '../../../dev/openapi/jira-fixtures';
import { compileReadiness, parseReadinessConfig, readinessOf } from '../../../src/domain/readiness';
import type { JiraIssue } from '../../../src/domain/jira-issue';
import { fieldListSchema } from '../../../src/jira/schemas';
import { defaultReadinessFor } from '../../../src/services/default-configuration';
import { NO_STORY_POINTS_NOTE, brokenFieldsOf, discoverProjectFields } from '../../../src/services/field-discovery';
import { siteFieldsOf } from '../../../src/services/site-fields';
import { fakeJira, response } from '../../unit/jira/fake-jira';

const fieldsOf = (site: string) => fieldListSchema.parse(readJiraFixture(`fields/${site}.field-list.json`));
const mojang = fieldsOf('Mojang');

/** A story as Mojang's Jira would send it: no estimate field at all. */
const story: JiraIssue = {
  id: '10001',
  key: 'MC-1',
  fields: {
    summary: 'As a player, I want to craft copper, so that I can build lightning rods',
    issuetype: { name: 'Story', hierarchyLevel: 0 },
    status: { statusCategory: { key: 'new' } },
    description: null,
    issuelinks: [],
    labels: [],
  },
};

describe('a site without any story points field (Mojang)', () => {
  it('is the only one of the 14 real sites without one', () => {
    const without = listJiraFixtures('fields')
      .map((file) => file.replace('.field-list.json', ''))
      .filter((site) => siteFieldsOf(fieldsOf(site)).storyPoints === null);
    expect(without).toEqual(['Mojang']);
    expect(mojang.some((field) => field.id === 'customfield_10016')).toBe(false);
  });

  it('gets readiness rules that read no story points field, not customfield_10016', () => {
    const site = siteFieldsOf(mojang);
    expect(site.storyPoints).toBeNull();
    const readiness = defaultReadinessFor(site);
    expect(readiness.storyPointsField).toBeNull();
    // Nothing to flag as broken: no field is read that the site does not have.
    expect(brokenFieldsOf(site.defaultScoring, readiness, new Set(mojang.map((field) => field.id))).map((broken) => broken.path)).not.toContain('readiness.storyPointsField.id');
  });

  it('"Has an estimate" fails with the reason an admin can act on; "Estimate is small enough" is not checked', () => {
    const result = readinessOf(story, compileReadiness(defaultReadinessFor(siteFieldsOf(mojang))));
    expect(result.verdict).toBe('not-ready');
    const estimate = result.failures.find((failure) => failure.ruleId === 'estimate-present');
    expect(estimate).toMatchObject({
      severity: 'blocking',
      message: 'This site has no story points field, so the estimate cannot be checked.',
      fix: "A Jira admin chooses the field that holds estimates in Throughline's project settings (Definition of Ready), or switches this rule off.",
    });
    expect(JSON.stringify(result)).not.toContain('has no story points.');
    expect(result.notChecked).toContainEqual({ ruleId: 'estimate-small', reason: 'this site has no story points field' });
  });

  it('switching "Has an estimate" off leaves the story ready on its other rules', () => {
    const parsed = parseReadinessConfig({ storyPointsField: null, rules: { 'estimate-present': { enabled: false } } });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const failing = readinessOf(story, compileReadiness(parsed.config)).failures.map((failure) => failure.ruleId);
    expect(failing).not.toContain('estimate-present');
  });

  it('the settings page is told in words', async () => {
    const jira = fakeJira((call) => (call.path.startsWith('/rest/api/3/field') ? response(200, mojang) : response(404, { errorMessages: ['No create screens here.'] })));
    const discovery = await discoverProjectFields(jira.client(), '10000', siteFieldsOf(mojang));
    expect(discovery.storyPoints).toBeNull();
    expect(discovery.notes[0]).toBe(NO_STORY_POINTS_NOTE);
    expect(NO_STORY_POINTS_NOTE).toMatch(/^This site has no story points field .*Choose the field that holds estimates under Definition of Ready/);
  });

  it('a site with a story points field keeps it, and hears nothing of this', async () => {
    const intel = fieldsOf('IntelDAOS');
    const site = siteFieldsOf(intel);
    expect(defaultReadinessFor(site).storyPointsField).toEqual({ id: 'customfield_10016', name: expect.any(String) });
    const jira = fakeJira((call) => (call.path.startsWith('/rest/api/3/field') ? response(200, intel) : response(404, { errorMessages: ['No create screens here.'] })));
    expect((await discoverProjectFields(jira.client(), '10000', site)).notes).not.toContain(NO_STORY_POINTS_NOTE);
    // A stored configuration that leaves the field out still gets Jira's usual one, as before.
    const parsed = parseReadinessConfig({});
    expect(parsed.ok && parsed.config.storyPointsField).toEqual({ id: 'customfield_10016', name: 'Story point estimate' });
  });
});
