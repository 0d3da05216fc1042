import { describe, expect, it } from 'vitest';
import { readJiraFixture } from '../../../dev/openapi/jira-fixtures';
import { DONE_REASON, compileReadiness, defaultReadinessConfig, parseReadinessConfig, readinessOf } from '../../../src/domain/readiness';
import type { EpicTheme, ReadinessContext, ReadinessResult, RuleId } from '../../../src/domain/readiness';
import type { JiraIssue } from '../../../src/domain/jira-issue';
import { blockedBy, story } from './issues';

const themed = (): EpicTheme => ({ kind: 'theme', id: 't1', name: 'Self-serve exports' });
const fullContext: ReadinessContext = { themeOfEpic: themed, scoreStatus: 'scored', today: '2025-11-10T00:00:00Z', velocity: 30 };

function compiled(raw: unknown = {}) {
  const parsed = parseReadinessConfig(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return compileReadiness(parsed.config);
}
const defaults = compileReadiness(defaultReadinessConfig());
const allRules = compiled({
  rules: {
    'required-fields': { enabled: true, fields: [{ id: 'labels', name: 'Labels' }, 'components'] },
    'refined-recently': { enabled: true },
  },
});

function failing(result: ReadinessResult): Record<string, string> {
  return Object.fromEntries([...result.failures, ...result.warnings].map((failure) => [failure.ruleId, failure.message]));
}
function failureOf(result: ReadinessResult, ruleId: RuleId) {
  return [...result.failures, ...result.warnings].find((failure) => failure.ruleId === ruleId);
}

describe('readinessOf: a story that meets the Definition of Ready', () => {
  it('is ready under the default rules and under all eleven', () => {
    const result = readinessOf(story({ labels: ['ux'], components: [{ name: 'web' }] }), allRules, fullContext);
    expect(result).toMatchObject({ key: 'TL-10', verdict: 'ready', failures: [], warnings: [], notChecked: [], points: 5 });
    expect(result.passed).toHaveLength(11);
    expect(readinessOf(story(), defaults, fullContext).verdict).toBe('ready');
  });

  it('lists what it could not check for lack of input', () => {
    const result = readinessOf(story(), allRules, {});
    expect(result.verdict).toBe('not-ready'); // required fields are empty
    expect(result.notChecked.map((entry) => entry.ruleId)).toEqual(['epic-has-theme', 'score-complete', 'refined-recently']);
    expect(readinessOf(story(), defaults).verdict).toBe('ready');
  });
});

describe('readinessOf: which issues are checked', () => {
  it('checks Story, Task and Bug by name, in any case', () => {
    for (const name of ['Story', 'TASK', 'bug']) {
      const issue = story({ issuetype: { name, hierarchyLevel: 0 } });
      expect(readinessOf(issue, defaults).verdict).not.toBe('not-applicable');
    }
  });

  it('never checks epics or subtasks, even when listed', () => {
    const listed = compiled({ issueTypes: ['Story', 'Epic', 'Sub-task'] });
    expect(readinessOf(story({ issuetype: { name: 'Epic', hierarchyLevel: 1 } }), listed)).toMatchObject({
      verdict: 'not-applicable',
      reason: 'epics are not checked for readiness',
    });
    expect(readinessOf(story({ issuetype: { name: 'Sub-task', subtask: true } }), listed)).toMatchObject({
      verdict: 'not-applicable',
      reason: 'subtasks are not checked for readiness',
    });
  });

  it('skips other types and issues whose type Jira did not send', () => {
    expect(readinessOf(story({ issuetype: { name: 'Spike', hierarchyLevel: 0 } }), defaults)).toMatchObject({
      verdict: 'not-applicable',
      reason: 'Spike is not among the checked issue types',
    });
    expect(readinessOf(story({ issuetype: undefined }), defaults).reason).toBe('the issue type is unknown');
    expect(readinessOf({ id: '1', key: 'X-1', fields: null } as unknown as JiraIssue, defaults).verdict).toBe('not-applicable');
  });
});

describe('readinessOf: done work is not judged', () => {
  const done = { name: 'Done', statusCategory: { key: 'done', name: 'Done' } };

  it('leaves a done story out, with the reason the sidebar gives, whatever it lacks', () => {
    const lacking = story({ status: done, customfield_10016: null, description: null });
    expect(readinessOf(lacking, defaults, fullContext)).toMatchObject({ verdict: 'not-applicable', reason: DONE_REASON, failures: [], warnings: [], points: undefined });
    expect(readinessOf(story({ status: done }), allRules, fullContext)).toMatchObject({ verdict: 'not-applicable', reason: DONE_REASON, points: 5 });
  });

  it('judges a story in any other category, and one whose status Jira did not send or sent oddly', () => {
    for (const status of [{ name: 'To Do', statusCategory: { key: 'new' } }, { name: 'In Progress', statusCategory: { key: 'indeterminate' } }, undefined, 'Done', { statusCategory: 'done' }]) {
      expect(readinessOf(story({ status, customfield_10016: null }), defaults, fullContext).verdict).toBe('not-ready');
    }
  });

  it('judges a done story when asked to (the readiness gate: a reopened issue comes back into work)', () => {
    const result = readinessOf(story({ status: done, customfield_10016: null }), defaults, { ...fullContext, judgeDone: true });
    expect(result.verdict).toBe('not-ready');
    expect(result.failures.map((failure) => failure.ruleId)).toContain('estimate-present');
  });

  it('still says why an epic is not checked before saying it is done', () => {
    expect(readinessOf(story({ status: done, issuetype: { name: 'Epic', hierarchyLevel: 1 } }), defaults).reason).toBe('epics are not checked for readiness');
  });
});

describe('readinessOf: each rule says what is wrong and how to fix it', () => {
  it('estimate-present', () => {
    const result = readinessOf(story({ customfield_10016: null }), defaults, fullContext);
    expect(result.verdict).toBe('not-ready');
    expect(result.failures[0]).toEqual({
      ruleId: 'estimate-present',
      severity: 'blocking',
      message: 'The story has no story points.',
      fix: 'Add an estimate: set Story point estimate.',
    });
    expect(failing(readinessOf(story({ customfield_10016: 0 }), defaults))['estimate-present']).toBe('The story is estimated at 0 points.');
  });

  it('estimate-small: a points limit, or a share of velocity when one is given', () => {
    expect(failureOf(readinessOf(story({ customfield_10016: 13 }), defaults), 'estimate-small')).toEqual({
      ruleId: 'estimate-small',
      severity: 'blocking',
      message: 'The story is estimated at 13 points, more than the limit of 8 points.',
      fix: 'Split the story into smaller ones of at most 8 points each.',
    });
    expect(readinessOf(story({ customfield_10016: 8 }), defaults).verdict).toBe('ready');
    const byVelocity = compiled({ rules: { 'estimate-small': { maxShareOfVelocity: 0.25 } } });
    expect(failing(readinessOf(story({ customfield_10016: 8 }), byVelocity, { velocity: 20 }))['estimate-small']).toBe(
      "The story is estimated at 8 points, more than 25% of the team's velocity (5 points of 20 points).",
    );
    expect(readinessOf(story({ customfield_10016: 8 }), byVelocity, {}).verdict).toBe('ready'); // no velocity: maxPoints
    expect(readinessOf(story({ customfield_10016: 8 }), byVelocity, { velocity: Number.NaN }).verdict).toBe('ready');
  });

  it('acceptance-criteria, from the description or a configured field', () => {
    const none = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Just words.' }] }] };
    expect(failureOf(readinessOf(story({ description: none }), defaults), 'acceptance-criteria')).toEqual({
      ruleId: 'acceptance-criteria',
      severity: 'blocking',
      message: 'The story has no acceptance criteria: no heading, task list or Given/When/Then found in the description.',
      fix: 'Add acceptance criteria: add a "Acceptance criteria" heading with the criteria under it, a task list, or Given/When/Then lines to the description.',
    });
    const withField = compiled({ rules: { 'acceptance-criteria': { fieldId: 'customfield_10500', fieldName: 'AC' } } });
    expect(readinessOf(story({ description: none, customfield_10500: 'Exports work' }), withField).verdict).toBe('ready');
    expect(failing(readinessOf(story({ description: none, customfield_10500: null }), withField))['acceptance-criteria']).toBe(
      'The story has no acceptance criteria: the AC field is empty and no heading, task list or Given/When/Then found in the description.',
    );
  });

  it('description-length counts words of the ADF text', () => {
    const short = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Given a\nThen b' }] }] };
    expect(failureOf(readinessOf(story({ description: short }), defaults), 'description-length')).toEqual({
      ruleId: 'description-length',
      severity: 'warning',
      message: 'The description has 4 words; at least 20 are expected.',
      fix: 'Describe the story in at least 20 words: what is needed, for whom and why.',
    });
    expect(failing(readinessOf(story({ description: null }), defaults))['description-length']).toBe('The story has no description.');
    const relaxed = compiled({ rules: { 'description-length': { minWords: 4 } } });
    expect(failureOf(readinessOf(story({ description: short }), relaxed), 'description-length')).toBeUndefined();
  });

  it('has-epic, from the parent or the Epic Link field', () => {
    expect(failing(readinessOf(story({ parent: undefined }), defaults))['has-epic']).toBe('The story has no parent epic.');
    const withEpicLink = compiled({ epicLinkFieldId: 'customfield_10014' });
    expect(failureOf(readinessOf(story({ parent: undefined, customfield_10014: 'TL-2' }), withEpicLink), 'has-epic')).toBeUndefined();
    const storyParent = { key: 'TL-5', fields: { issuetype: { hierarchyLevel: 0 } } };
    expect(failing(readinessOf(story({ parent: storyParent }), defaults))['has-epic']).toBe("The story's parent TL-5 is not an epic.");
  });

  it('epic-has-theme asks the strategy store', () => {
    expect(failing(readinessOf(story(), defaults, { themeOfEpic: () => ({ kind: 'none' }) }))['epic-has-theme']).toBe(
      'The epic TL-1 is not attached to a theme.',
    );
    expect(readinessOf(story(), defaults, { themeOfEpic: themed }).warnings).toEqual([]);
  });

  it('no-open-blocker: inward Blocks links to issues not done', () => {
    const result = readinessOf(story({ issuelinks: [blockedBy('TL-7', 'indeterminate'), blockedBy('TL-8', 'done')] }), defaults);
    expect(failureOf(result, 'no-open-blocker')).toEqual({
      ruleId: 'no-open-blocker',
      severity: 'blocking',
      message: 'The story is blocked by TL-7, not done yet.',
      fix: 'Resolve the blocker first, or remove the link if it no longer applies.',
    });
    // Matched by the inward label when the type was renamed, and case-insensitively.
    const renamed = readinessOf(story({ issuelinks: [blockedBy('TL-9', 'new', 'Dependency', 'IS BLOCKED BY')] }), defaults);
    expect(failing(renamed)['no-open-blocker']).toBe('The story is blocked by TL-9, not done yet.');
    // An outward Blocks link (this story blocks another) is not a blocker.
    const outward = { type: { name: 'Blocks', inward: 'is blocked by', outward: 'blocks' }, outwardIssue: { key: 'TL-3', fields: {} } };
    expect(readinessOf(story({ issuelinks: [outward] }), defaults).verdict).toBe('ready');
  });

  it('required-fields names each empty field', () => {
    const result = readinessOf(story({ labels: [], components: null }), allRules, fullContext);
    expect(failureOf(result, 'required-fields')).toEqual({
      ruleId: 'required-fields',
      severity: 'blocking',
      message: 'Required fields are empty: Labels and components.',
      fix: 'Fill in Labels and components.',
    });
  });

  it('score-complete follows the scoring status', () => {
    expect(failing(readinessOf(story(), defaults, { scoreStatus: 'incomplete', scoreProblems: ['Job size'] }))['score-complete']).toBe(
      'The priority score is incomplete, inputs are missing: Job size.',
    );
    expect(failing(readinessOf(story(), defaults, { scoreStatus: 'invalid' }))['score-complete']).toBe(
      'The priority score cannot be computed, inputs are invalid.',
    );
    expect(readinessOf(story(), defaults, { scoreStatus: undefined }).notChecked).toContainEqual({
      ruleId: 'score-complete',
      reason: 'no scoring status',
    });
  });

  it('user-story-form looks at the summary and the description', () => {
    const plain = { type: 'doc', version: 1, content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'AC' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'works' }] }] };
    expect(failureOf(readinessOf(story({ description: plain }), defaults), 'user-story-form')?.severity).toBe('warning');
    const summary = 'As an admin I want to archive themes so that the map stays small';
    expect(failureOf(readinessOf(story({ description: plain, summary }), defaults), 'user-story-form')).toBeUndefined();
    expect(failureOf(readinessOf(story({ description: 'As a user, I’d like exports, in order to share them.' }), defaults), 'user-story-form')).toBeUndefined();
    // The statement opens a description: only its first 2,000 characters are searched.
    const late = `${'Context. '.repeat(300)}\nAs a user, I want exports, so that I can share them.`;
    expect(failureOf(readinessOf(story({ description: late }), defaults), 'user-story-form')).toBeDefined();
  });

  it('refined-recently compares fields.updated with the given today', () => {
    const strict = compiled({ rules: { 'refined-recently': { enabled: true, maxDays: 5 } } });
    expect(failing(readinessOf(story(), strict, { today: new Date('2025-11-10T12:00:00Z') }))['refined-recently']).toBe(
      'The story was last updated 9 days ago, more than 5.',
    );
    expect(readinessOf(story(), strict, { today: Date.parse('2025-11-03T00:00:00Z') }).warnings).toEqual([]);
    expect(readinessOf(story({ updated: 'yesterday' }), strict, { today: '2025-11-10' }).notChecked).toContainEqual({
      ruleId: 'refined-recently',
      reason: 'Jira sent no update date',
    });
  });

  it('a warning never makes an issue not ready; a blocking one does', () => {
    const result = readinessOf(story({ summary: 'x', description: { type: 'doc', content: [{ type: 'taskList', content: [{ type: 'taskItem', attrs: { state: 'TODO' }, content: [{ type: 'text', text: 'works' }] }] }] } }), defaults, fullContext);
    expect(result.verdict).toBe('ready');
    expect(result.warnings.map((warning) => warning.ruleId)).toEqual(['description-length', 'user-story-form']);
    const asBlocking = compiled({ rules: { 'user-story-form': { severity: 'blocking' } } });
    expect(readinessOf(story({ summary: 'x', description: null }), asBlocking, fullContext).verdict).toBe('not-ready');
  });
});

const response = (name: string) => readJiraFixture(`responses/${name}`) as JiraIssue;

describe('readinessOf on real Jira issues', () => {
  it('reads the go-atlassian story (Epic Link field, no story points)', () => {
    const issue = response('go-atlassian__jira_v3_mocks__get-issue.json');
    const result = readinessOf(issue, compiled({ epicLinkFieldId: 'customfield_10014' }), { themeOfEpic: () => ({ kind: 'none' }) });
    expect(result.verdict).toBe('not-ready');
    expect(failing(result)).toEqual({
      'estimate-present': 'The story has no story points.',
      'acceptance-criteria': 'The story has no acceptance criteria: no heading, task list or Given/When/Then found in the description.',
      'epic-has-theme': 'The epic KP-16 is not attached to a theme.',
      'user-story-form': 'Neither the summary nor the description states the story as "As a …, I want …, so that …".',
    });
  });

  it("reads Atlassian's example issue (no issue type, odd links, updated as a number)", () => {
    const issue = response('atlassian-example__GET_getIssue__response200.json');
    expect(readinessOf(issue, defaults).verdict).toBe('not-applicable');
    const typed = { ...issue, fields: { ...issue.fields, issuetype: { name: 'Bug', hierarchyLevel: 0 } } };
    const result = readinessOf(typed, allRules, { today: 86_400_000 * 40 });
    expect(result.verdict).toBe('not-ready');
    expect(failureOf(result, 'no-open-blocker')).toBeUndefined(); // "Dependent" links are not blockers
    expect(failing(result)['refined-recently']).toBe('The bug was last updated 39 days ago, more than 30.');
    expect(failing(result)['description-length']).toBe('The description has 4 words; at least 20 are expected.');
  });
});
