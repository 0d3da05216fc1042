import { describe, expect, it } from 'vitest';
import { MAX_ISSUE_VALUES_PER_CALL, planAppFieldUpdates, updateAppFieldValues } from '../../../src/jira/app-fields';
import { fakeJira, response } from './fake-jira';

const F = 'customfield_10300';
const G = 'customfield_10301';

describe('planAppFieldUpdates', () => {
  it('groups issues that share a value into one update', () => {
    expect(planAppFieldUpdates([
      { fieldId: F, issueId: '10010', value: 5 },
      { fieldId: F, issueId: 10011, value: 5 },
      { fieldId: F, issueId: '10012', value: 8 },
      { fieldId: G, issueId: '10010', value: 5 },
    ])).toEqual([{ updates: [
      { customField: F, issueIds: [10010, 10011], value: 5 },
      { customField: F, issueIds: [10012], value: 8 },
      { customField: G, issueIds: [10010], value: 5 },
    ] }]);
  });

  it('groups equal objects regardless of key order and keeps one value per (field, issue), the last', () => {
    expect(planAppFieldUpdates([
      { fieldId: F, issueId: 1, value: { a: 1, b: 2 } },
      { fieldId: F, issueId: 2, value: { b: 2, a: 1 } },
      { fieldId: F, issueId: 3, value: 1 },
      { fieldId: F, issueId: 3, value: { a: 1, b: 2 } },
    ])).toEqual([{ updates: [{ customField: F, issueIds: [1, 2, 3], value: { a: 1, b: 2 } }] }]);
  });

  it('clears with null', () => {
    expect(planAppFieldUpdates([{ fieldId: F, issueId: 1, value: null }, { fieldId: F, issueId: 2, value: undefined }])).toEqual([{ updates: [{ customField: F, issueIds: [1, 2], value: null }] }]);
  });

  it(`splits into calls of at most ${MAX_ISSUE_VALUES_PER_CALL} (field, issue) pairs`, () => {
    const values = Array.from({ length: 2250 }, (_, i) => ({ fieldId: F, issueId: 20000 + i, value: i % 2 }));
    const bodies = planAppFieldUpdates(values);
    expect(MAX_ISSUE_VALUES_PER_CALL).toBe(1000);
    expect(bodies.map((b) => b.updates.reduce((n, u) => n + u.issueIds.length, 0))).toEqual([1000, 1000, 250]);
    expect(bodies.flatMap((b) => b.updates.flatMap((u) => u.issueIds)).sort()).toEqual(values.map((v) => v.issueId).sort());
    // Within one call, each (field, issue) appears once.
    for (const body of bodies) {
      const pairs = body.updates.flatMap((u) => u.issueIds.map((id) => `${u.customField}:${id}`));
      expect(new Set(pairs).size).toBe(pairs.length);
    }
    expect(planAppFieldUpdates(values.slice(0, 7), 3).map((b) => b.updates.map((u) => u.issueIds.length))).toEqual([[3], [1, 2], [1]]);
  });

  it('refuses issue keys (the API takes numeric ids) and empty field ids', () => {
    expect(() => planAppFieldUpdates([{ fieldId: F, issueId: 'TL-1', value: 1 }])).toThrow(/numeric issue ids/);
    expect(() => planAppFieldUpdates([{ fieldId: ' ', issueId: 1, value: 1 }])).toThrow(/field id/);
    expect(() => planAppFieldUpdates([], 0)).toThrow(/maxPerCall/);
  });
});

describe('updateAppFieldValues', () => {
  it('POSTs each planned body and reports the counts', async () => {
    const jira = fakeJira(() => response(204));
    const values = Array.from({ length: 1250 }, (_, i) => ({ fieldId: F, issueId: 30000 + i, value: 13 }));
    const result = await updateAppFieldValues(jira.client(), values, { generateChangelog: false });
    expect(result).toEqual({ calls: 2, updates: 2, values: 1250 });
    expect(jira.calls.map((c) => [c.method, c.path])).toEqual([
      ['POST', '/rest/api/3/app/field/value?generateChangelog=false'],
      ['POST', '/rest/api/3/app/field/value?generateChangelog=false'],
    ]);
  });

  it('makes no call for no values; a 403 (not the field\'s app) is forbidden', async () => {
    expect(await updateAppFieldValues(fakeJira([]).client(), [])).toEqual({ calls: 0, updates: 0, values: 0 });
    const jira = fakeJira([response(403, { errorMessages: ['Only the app that provided the field can update it.'] })]);
    await expect(updateAppFieldValues(jira.client(), [{ fieldId: F, issueId: 1, value: 1 }])).rejects.toMatchObject({ kind: 'forbidden' });
    expect(jira.calls[0]!.path).toBe('/rest/api/3/app/field/value');
  });

  it('retries a per-issue write limit 429 (setting a value twice is harmless)', async () => {
    const jira = fakeJira([response(429, undefined, { 'Retry-After': '2', 'RateLimit-Reason': 'jira-per-issue-on-write' }), response(204)]);
    await updateAppFieldValues(jira.client(), [{ fieldId: F, issueId: 1, value: 1 }]);
    expect(jira.sleeps).toEqual([2000]);
  });
});
