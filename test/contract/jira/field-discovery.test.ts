/**
 * Field discovery over the field lists of 14 real public Jira sites (The Public Jira Dataset,
 * GET /rest/api/2/field, Jan 2022; the same shape as /rest/api/3/field). Every answer is written
 * out so a reader can check it against the files by hand.
 */
import { describe, expect, it } from 'vitest';
import { discoverFields } from '../../../src/jira/fields';
import { fieldListSchema } from '../../../src/jira/schemas';
import { listJiraFixtures, readJiraFixture } from '../../../dev/openapi/jira-fixtures';

interface Expected {
  /** The chosen story points field, then every candidate in order of preference. */
  readonly storyPoints: string | undefined;
  readonly storyPointCandidates: readonly string[];
  readonly sprint: string | undefined;
  readonly epicLink: string | undefined;
  readonly team: string | undefined;
  /** Notes the discovery must make (ambiguities), as regular expressions. */
  readonly notes: readonly RegExp[];
}

const SITES: Record<string, Expected> = {
  // Classic "Story Points" float only; "Original story points" (jpo type) and "Epic/Theme" ignored.
  Apache: { storyPoints: 'customfield_12310293', storyPointCandidates: ['customfield_12310293'], sprint: 'customfield_12310921', epicLink: 'customfield_12311120', team: 'customfield_12314524', notes: [] },
  // Its "Team" is a text field, not a team type: no team.
  Hyperledger: { storyPoints: 'customfield_10002', storyPointCandidates: ['customfield_10002'], sprint: 'customfield_10004', epicLink: 'customfield_10006', team: undefined, notes: [] },
  // Both kinds: jsw-story-points 10016 ("Story point estimate") preferred over float 10026 ("Story Points").
  IntelDAOS: {
    storyPoints: 'customfield_10016',
    storyPointCandidates: ['customfield_10016', 'customfield_10026'],
    sprint: 'customfield_10020',
    epicLink: 'customfield_10014',
    team: 'customfield_10001',
    notes: [/^Story points: 2 candidates .*chose customfield_10016: Jira Software's story point field \(jsw-story-points\) is preferred/],
  },
  // "Team", "Teams", "Team Picker" are select fields: no team.
  JFrog: { storyPoints: 'customfield_14600', storyPointCandidates: ['customfield_14600'], sprint: 'customfield_10805', epicLink: 'customfield_10806', team: undefined, notes: [] },
  // Three float fields all named "Story Points": the oldest (lowest id) is chosen, and that is said.
  Jira: {
    storyPoints: 'customfield_10571',
    storyPointCandidates: ['customfield_10571', 'customfield_10623', 'customfield_10653'],
    sprint: 'customfield_11930',
    epicLink: 'customfield_12931',
    team: 'customfield_17630',
    notes: [/^Story points: 3 candidates .*chose customfield_10571: the oldest \(lowest id\) of 3 fields of the same kind/],
  },
  // jsw-story-points 19406 is newer than float 10133 but still preferred: type before age.
  JiraEcosystem: {
    storyPoints: 'customfield_19406',
    storyPointCandidates: ['customfield_19406', 'customfield_10133'],
    sprint: 'customfield_10880',
    epicLink: 'customfield_12180',
    team: 'customfield_16500',
    notes: [/^Story points: 2 candidates .*chose customfield_19406/],
  },
  // No story points field at all.
  Mojang: { storyPoints: undefined, storyPointCandidates: [], sprint: 'customfield_11601', epicLink: 'customfield_11602', team: undefined, notes: [] },
  // "Actual Story Points" (float) is not "Story Points".
  MongoDB: { storyPoints: 'customfield_10555', storyPointCandidates: ['customfield_10555'], sprint: 'customfield_10557', epicLink: 'customfield_10857', team: 'customfield_14050', notes: [] },
  Qt: { storyPoints: 'customfield_10183', storyPointCandidates: ['customfield_10183'], sprint: 'customfield_10302', epicLink: 'customfield_10400', team: undefined, notes: [] },
  RedHat: { storyPoints: 'customfield_12310243', storyPointCandidates: ['customfield_12310243'], sprint: 'customfield_12310940', epicLink: 'customfield_12311140', team: 'customfield_12313240', notes: [] },
  Sakai: {
    storyPoints: 'customfield_10016',
    storyPointCandidates: ['customfield_10016', 'customfield_10026'],
    sprint: 'customfield_10020',
    epicLink: 'customfield_10014',
    team: 'customfield_10001',
    notes: [/^Story points: 2 candidates .*chose customfield_10016/],
  },
  // "Scrum Team" is a project picker: not a team.
  SecondLife: { storyPoints: 'customfield_10163', storyPointCandidates: ['customfield_10163'], sprint: 'customfield_10671', epicLink: 'customfield_10871', team: 'customfield_13170', notes: [] },
  // Two Advanced Roadmaps team fields, "Team" 12601 and "Supports-Team" 13900: the oldest is chosen.
  Sonatype: {
    storyPoints: 'customfield_10132',
    storyPointCandidates: ['customfield_10132'],
    sprint: 'customfield_11001',
    epicLink: 'customfield_11500',
    team: 'customfield_12601',
    notes: [/^Team: 2 candidates \(customfield_12601 "Team", customfield_13900 "Supports-Team"\); chose customfield_12601, the oldest/],
  },
  // "Actual Story Points" again ignored.
  Spring: { storyPoints: 'customfield_10142', storyPointCandidates: ['customfield_10142'], sprint: 'customfield_10480', epicLink: 'customfield_10680', team: undefined, notes: [] },
};

describe('field discovery on 14 real sites (test/fixtures/jira/fields)', () => {
  it('covers every field list in the corpus', () => {
    expect(listJiraFixtures('fields').map((file) => file.replace('.field-list.json', ''))).toEqual(Object.keys(SITES).sort());
  });

  it.each(Object.entries(SITES))('%s', (site, expected) => {
    const fields = fieldListSchema.parse(readJiraFixture(`fields/${site}.field-list.json`));
    const found = discoverFields(fields);
    expect(found.storyPoints.id).toBe(expected.storyPoints);
    expect(found.storyPoints.candidates.map((c) => c.id)).toEqual(expected.storyPointCandidates);
    expect(found.sprint.id).toBe(expected.sprint);
    expect(found.epicLink.id).toBe(expected.epicLink);
    expect(found.team.id).toBe(expected.team);
    expect(found.notes).toHaveLength(expected.notes.length);
    expected.notes.forEach((pattern, index) => {
      expect(found.notes[index]).toMatch(pattern);
    });
    // Field ids are stored, never names: every answer is a customfield id.
    for (const id of [found.storyPoints.id, found.sprint.id, found.epicLink.id, found.team.id]) {
      if (id !== undefined) expect(id).toMatch(/^customfield_\d+$/);
    }
  });
});
