import { describe, expect, it } from 'vitest';
import { compileReadiness, defaultReadinessConfig, parseReadinessConfig, readinessOf } from '../../../src/domain/readiness';
import type { EpicTheme, ReadinessResult, RuleId } from '../../../src/domain/readiness';
import { blockedBy, story } from './issues';

const defaults = compileReadiness(defaultReadinessConfig());
const messageOf = (result: ReadinessResult, ruleId: RuleId) =>
  [...result.failures, ...result.warnings].find((failure) => failure.ruleId === ruleId)?.message;
const skipOf = (result: ReadinessResult, ruleId: RuleId) => result.notChecked.find((entry) => entry.ruleId === ruleId)?.reason;

describe('issue links', () => {
  it('counts a blocker whose status Jira did not send as open, and says so', () => {
    const result = readinessOf(story({ issuelinks: [blockedBy('TL-7', undefined)] }), defaults);
    expect(result.verdict).toBe('not-ready');
    expect(messageOf(result, 'no-open-blocker')).toBe('The story is blocked by TL-7 (status unknown), not done yet.');
    const lenient = parseReadinessConfig({ rules: { 'no-open-blocker': { unknownStatusIsOpen: false } } });
    if (!lenient.ok) throw new Error('config');
    expect(readinessOf(story({ issuelinks: [blockedBy('TL-7', undefined)] }), compileReadiness(lenient.config)).verdict).toBe('ready');
  });

  it('ignores unknown link types and malformed links', () => {
    const links = [
      blockedBy('TL-2', 'new', 'Relates', 'relates to'),
      blockedBy('TL-3', 'new', 'Cloners', 'is cloned by'),
      { type: { inward: 'is blocked by' } }, // no issue on either side
      { inwardIssue: { key: 'TL-4' } }, // no type
      { type: null, inwardIssue: { key: 'TL-5' } },
      null,
      'TL-6',
      { type: { name: 'Blocks' }, inwardIssue: { key: 'TL-7', fields: { status: { statusCategory: { key: 'done' } } } } },
    ];
    expect(readinessOf(story({ issuelinks: links }), defaults).verdict).toBe('ready');
    expect(readinessOf(story({ issuelinks: 'not a list' }), defaults).verdict).toBe('ready');
  });

  it('names a blocker without a key', () => {
    const link = { type: { name: 'Blocks', inward: 'is blocked by' }, inwardIssue: { fields: { status: { statusCategory: { key: 'new' } } } } };
    expect(messageOf(readinessOf(story({ issuelinks: [link] }), defaults), 'no-open-blocker')).toBe(
      'The story is blocked by an issue without a key, not done yet.',
    );
  });
});

describe('a parent that was deleted, a theme that no longer exists', () => {
  it('parent absent: has-epic fails, epic-has-theme is not checked', () => {
    const result = readinessOf(story({ parent: null }), defaults, { themeOfEpic: () => ({ kind: 'theme', id: 't', name: 'T' }) });
    expect(messageOf(result, 'has-epic')).toBe('The story has no parent epic.');
    expect(skipOf(result, 'epic-has-theme')).toBe('no parent epic');
    expect(readinessOf(story({ parent: { key: '' } }), defaults).warnings.map((w) => w.ruleId)).toContain('has-epic');
  });

  it('key present but the epic lookup finds no epic', () => {
    const result = readinessOf(story(), defaults, { themeOfEpic: () => ({ kind: 'missing-epic' }) });
    expect(messageOf(result, 'has-epic')).toBe('The parent epic TL-1 no longer exists.');
    expect(skipOf(result, 'epic-has-theme')).toBe('the parent epic TL-1 no longer exists');
  });

  it('key present, epic found, but it has no theme', () => {
    const result = readinessOf(story(), defaults, { themeOfEpic: () => ({ kind: 'none' }) });
    expect(messageOf(result, 'has-epic')).toBeUndefined();
    expect(messageOf(result, 'epic-has-theme')).toBe('The epic TL-1 is not attached to a theme.');
  });

  it('reports a theme id that no longer exists as an unknown theme', () => {
    const result = readinessOf(story(), defaults, { themeOfEpic: () => ({ kind: 'unknown-theme', id: 'theme-42' }) });
    expect(result.warnings.find((w) => w.ruleId === 'epic-has-theme')).toEqual({
      ruleId: 'epic-has-theme',
      severity: 'warning',
      message: 'The epic TL-1 is attached to a theme that no longer exists (unknown theme theme-42).',
      fix: 'Attach TL-1 to an existing theme on the Vision map.',
    });
  });

  it('a lookup that throws or answers nonsense is "not checked", not a crash', () => {
    const throwing = readinessOf(story(), defaults, {
      themeOfEpic: () => {
        throw new Error('storage unavailable');
      },
    });
    expect(skipOf(throwing, 'epic-has-theme')).toBe('the theme of TL-1 could not be looked up: storage unavailable');
    const nonsense = readinessOf(story(), defaults, { themeOfEpic: () => ({ kind: 'maybe' }) as unknown as EpicTheme });
    expect(skipOf(nonsense, 'epic-has-theme')).toBe('the theme of TL-1 could not be looked up: the lookup gave no answer');
  });

  it('asks for the theme once per issue', () => {
    let calls = 0;
    readinessOf(story(), defaults, {
      themeOfEpic: () => {
        calls++;
        return { kind: 'none' };
      },
    });
    expect(calls).toBe(1);
  });
});

describe('story points of the wrong type', () => {
  it.each([
    ['5', 'Story point estimate (customfield_10016) holds text "5", not a number.'],
    [{ value: 5 }, 'Story point estimate (customfield_10016) holds an object, not a number.'],
    [[5], 'Story point estimate (customfield_10016) holds a list, not a number.'],
    [Number.NaN, 'Story point estimate (customfield_10016) holds NaN, not a number.'],
    [Number.POSITIVE_INFINITY, 'Story point estimate (customfield_10016) holds Infinity, not a number.'],
    [true, 'Story point estimate (customfield_10016) holds boolean, not a number.'],
    ['', 'The story has no story points.'],
    [-3, 'The story is estimated at -3 points.'],
  ])('%j', (value, message) => {
    const result = readinessOf(story({ customfield_10016: value }), defaults);
    expect(result.verdict).toBe('not-ready');
    expect(messageOf(result, 'estimate-present')).toBe(message);
    expect(result.points).toBe(typeof value === 'number' && Number.isFinite(value) ? value : undefined);
    expect(skipOf(result, 'estimate-small')).toBe('no estimate to compare');
  });

  it('reads another story points field when configured', () => {
    const parsed = parseReadinessConfig({ storyPointsField: { id: 'customfield_10026', name: 'Story Points' } });
    if (!parsed.ok) throw new Error('config');
    const result = readinessOf(story({ customfield_10016: null, customfield_10026: 3 }), compileReadiness(parsed.config));
    expect(result).toMatchObject({ verdict: 'ready', points: 3 });
  });
});

describe('required fields that are empty', () => {
  const parsed = parseReadinessConfig({
    rules: { 'required-fields': { enabled: true, fields: ['labels', { id: 'components', name: 'Components' }, { id: 'environment', name: 'Environment' }] } },
  });
  if (!parsed.ok) throw new Error('config');
  const required = compileReadiness(parsed.config);
  const emptyDoc = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [] }] };

  it.each([
    ['empty arrays', { labels: [], components: [], environment: emptyDoc }],
    ['null', { labels: null, components: null, environment: null }],
    ['blank strings', { labels: '', components: '   ', environment: '' }],
    ['empty objects', { labels: {}, components: {}, environment: {} }],
    ['absent', {}],
  ])('%s are missing', (_, fields) => {
    expect(messageOf(readinessOf(story(fields), required), 'required-fields')).toBe(
      'Required fields are empty: labels, Components and Environment.',
    );
  });

  it('zero, false and filled values are present', () => {
    const filled = { labels: ['x'], components: [{ id: '1' }], environment: 'prod' };
    expect(messageOf(readinessOf(story(filled), required), 'required-fields')).toBeUndefined();
    expect(messageOf(readinessOf(story({ ...filled, environment: 0 }), required), 'required-fields')).toBeUndefined();
    expect(messageOf(readinessOf(story({ ...filled, environment: false }), required), 'required-fields')).toBeUndefined();
    expect(messageOf(readinessOf(story({ ...filled, labels: [] }), required), 'required-fields')).toBe('labels is empty.');
  });
});

describe('malformed descriptions', () => {
  it.each([
    ['a number', 42],
    ['a list', [{ type: 'paragraph' }]],
    ['content that is not a list', { type: 'doc', version: 1, content: 'oops' }],
    ['nodes without type', { type: 'doc', content: [{ content: [{ text: 'x' }] }] }],
    ['text that is not a string', { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: { a: 1 } }] }] }],
  ])('%s: the description rules fail with a reason, nothing throws', (_, description) => {
    const result = readinessOf(story({ description }), defaults);
    expect(result.verdict).toBe('not-ready');
    expect(messageOf(result, 'acceptance-criteria')).toMatch(/^The story has no acceptance criteria: /);
    expect(messageOf(result, 'description-length')).toMatch(/^The (description|story)/);
  });

  it('an unreadable description says so', () => {
    const result = readinessOf(story({ description: 42 }), defaults);
    expect(messageOf(result, 'description-length')).toBe('The description could not be read: the value is a number, not an ADF document.');
    expect(messageOf(result, 'acceptance-criteria')).toBe('The story has no acceptance criteria: the description is unreadable.');
  });

  it('a string description (REST v2, wiki markup) is read as text', () => {
    const description =
      'As a tester, I want reports, so that I can see failures quickly across every build of every plan.\nh3. Acceptance Criteria\n* A report per build';
    expect(readinessOf(story({ description }), defaults).verdict).toBe('ready');
  });
});

describe('parseReadinessConfig refuses bad settings with a sentence naming each', () => {
  it('fills every default from an empty or partial configuration', () => {
    const parsed = parseReadinessConfig({ rules: { 'estimate-small': { maxPoints: 13 } } });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.config.rules['estimate-small']).toEqual({ enabled: true, severity: 'blocking', maxPoints: 13, maxShareOfVelocity: null });
    expect(parsed.config.rules['user-story-form']).toEqual({ enabled: true, severity: 'warning' });
    expect(parseReadinessConfig(undefined)).toEqual({ ok: true, config: defaultReadinessConfig() });
  });

  it.each([
    [{ rules: { 'estimate-tiny': {} } }, 'rules.estimate-tiny', /unknown rule id "estimate-tiny" \(known: estimate-present, /],
    [{ rules: { 'estimate-small': { maxPoints: -3 } } }, 'rules.estimate-small.maxPoints', /^rules\.estimate-small\.maxPoints must be more than 0 \(got -3\)$/],
    [{ rules: { 'estimate-small': { maxPoints: '8' } } }, 'rules.estimate-small.maxPoints', /must be a number \(got "8"\)/],
    [{ rules: { 'estimate-small': { maxShareOfVelocity: 2 } } }, 'rules.estimate-small.maxShareOfVelocity', /must be at most 1 \(got 2\)/],
    [{ rules: { 'has-epic': { severity: 'fatal' } } }, 'rules.has-epic.severity', /must be one of "blocking", "warning" \(got "fatal"\)/],
    [{ rules: { 'has-epic': { enabled: 'yes' } } }, 'rules.has-epic.enabled', /must be true or false/],
    [{ rules: { 'description-length': { minWords: 1.5 } } }, 'rules.description-length.minWords', /must be a whole number \(got 1\.5\)/],
    [{ rules: { 'acceptance-criteria': { labels: [] } } }, 'rules.acceptance-criteria.labels', /must list at least one entry/],
    [{ rules: { 'required-fields': { fields: [''] } } }, 'rules.required-fields.fields.0', /must not be empty/],
    [{ rules: { 'required-fields': { fields: [{ id: 3 }] } } }, 'rules.required-fields.fields.0', /must be a field id or \{ id, name \}/],
    [{ rules: { 'has-epic': { maxPoints: 3 } } }, 'rules.has-epic.maxPoints', /is not a setting/],
    [{ issueTypes: [] }, 'issueTypes', /must list at least one entry/],
    [{ colour: 'red' }, 'colour', /^colour is not a setting of the readiness configuration$/],
    [null, '', /^the readiness configuration must be an object \(got null\)$/],
    [[], '', /must be an object \(got a list\)/],
    [{ rules: 'all' }, 'rules', /must be an object \(got "all"\)/],
  ])('%j', (raw, path, message) => {
    const parsed = parseReadinessConfig(raw);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('reports every error at once', () => {
    const parsed = parseReadinessConfig({ rules: { nope: {}, 'estimate-small': { maxPoints: -1 }, 'has-epic': { severity: 'x' } } });
    expect(parsed.ok ? [] : parsed.errors.map((error) => error.path).sort()).toEqual([
      'rules.estimate-small.maxPoints',
      'rules.has-epic.severity',
      'rules.nope',
    ]);
  });
});
