import { describe, expect, it } from 'vitest';
import { emptyStrategy, LIMITS, migrateV0ToV1, parseStrategy } from '../../../src/domain/strategy';
import type { StrategyError } from '../../../src/domain/strategy';
import { strategy, theme } from './fixtures';

function errorsOf(raw: unknown): readonly StrategyError[] {
  const result = parseStrategy(raw);
  if (result.ok) throw new Error('expected the strategy to be refused');
  for (const error of result.errors) expect(error.message.length).toBeGreaterThan(10);
  return result.errors;
}

const growth = theme({ id: 'growth', name: 'Growth', targetPercent: 50 });
const trust = theme({ id: 'trust', name: 'Trust', targetPercent: 30, horizon: '2027-Q1', colour: '#1f845a' });

describe('parseStrategy', () => {
  it('accepts a valid document and fills the defaults', () => {
    const result = parseStrategy({
      schemaVersion: 1,
      revision: 4,
      vision: { statement: '  Ship what matters ', goals: [{ name: 'Adoption' }] },
      themes: [{ id: 'growth', name: ' Growth ', horizon: 'next' }],
      productManagers: ['abc', 'abc', 'def'],
    });
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.migratedFrom).toBeUndefined();
    expect(result.strategy.vision).toEqual({ statement: 'Ship what matters', targetCustomers: '', goals: [{ name: 'Adoption', metric: '', target: '' }] });
    expect(result.strategy.themes[0]).toEqual({
      id: 'growth', name: 'Growth', description: '', horizon: 'next', targetPercent: 0, strategicWeight: 1, colour: 'blue', archived: false, claimLabels: [],
    });
    expect(result.strategy.productManagers).toEqual(['abc', 'def']);
  });

  it('accepts the empty strategy and round-trips a full one', () => {
    expect(parseStrategy(emptyStrategy())).toEqual({ ok: true, strategy: emptyStrategy() });
    const full = strategy([growth, trust], 7);
    expect(parseStrategy(JSON.parse(JSON.stringify(full)))).toEqual({ ok: true, strategy: full });
  });

  it('refuses duplicate theme names, ignoring case and surrounding spaces', () => {
    const errors = errorsOf(strategy([growth, theme({ id: 'g2', name: ' growth  ' })]));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('themes[1].name');
    expect(errors[0]?.message).toMatch(/Theme 2 is named "growth", like theme 1; theme names must be unique/);
  });

  it('refuses duplicate theme ids', () => {
    const errors = errorsOf(strategy([growth, theme({ id: 'growth', name: 'Other' })]));
    expect(errors).toEqual([expect.objectContaining({ path: 'themes[1].id', message: expect.stringMatching(/ids must be unique/) })]);
  });

  it('refuses empty and overlong names, descriptions and statements, saying how long they are', () => {
    const doc = strategy([theme({ id: 'a', name: '   ' }), theme({ id: 'b', name: 'x'.repeat(81), description: 'd'.repeat(2001) })]);
    const errors = errorsOf({ ...doc, vision: { ...doc.vision, statement: 's'.repeat(2001) } });
    expect(errors.map((error) => error.path)).toEqual(['vision.statement', 'themes[0].name', 'themes[1].name', 'themes[1].description']);
    expect(errors[0]?.message).toBe('Vision statement must be at most 2000 characters (it has 2001).');
    expect(errors[1]?.message).toBe('Theme 1 name must not be empty.');
    expect(errors[2]?.message).toMatch(/^Theme 2 \("x+"\) name must be at most 80 characters \(it has 81\)\.$/);
    expect(errors[3]?.message).toMatch(/description must be at most 2000 characters \(it has 2001\)/);
  });

  it('refuses allocations over 100 % in total over active themes, and each outside 0–100', () => {
    const over = errorsOf(strategy([growth, trust, theme({ id: 'c', name: 'Cost', targetPercent: 40 })]));
    expect(over).toEqual([{ path: 'themes', message: 'The target allocations of the active themes add up to 120 %; together they may be at most 100 %.' }]);

    // An archived theme no longer asks for effort.
    expect(parseStrategy(strategy([growth, trust, theme({ id: 'c', name: 'Cost', targetPercent: 40, archived: true })])).ok).toBe(true);
    // Floating point: 33.3 + 33.3 + 33.4 is 100.00000000000001.
    const thirds = [33.3, 33.3, 33.4].map((targetPercent, index) => theme({ id: `t${index}`, name: `T${index}`, targetPercent }));
    expect(parseStrategy(strategy(thirds)).ok).toBe(true);

    const each = errorsOf(strategy([theme({ id: 'a', name: 'A', targetPercent: -5 }), theme({ id: 'b', name: 'B', targetPercent: 101 })]));
    expect(each.map((error) => error.message)).toEqual([
      'Theme 1 ("A") target allocation must be at least 0 (it is -5).',
      'Theme 2 ("B") target allocation must be at most 100 (it is 101).',
    ]);
  });

  it('keeps strategic weights within 0.1–10', () => {
    const errors = errorsOf(strategy([theme({ id: 'a', name: 'A', strategicWeight: 0.05 }), theme({ id: 'b', name: 'B', strategicWeight: 11 })]));
    expect(errors.map((error) => [error.path, error.message])).toEqual([
      ['themes[0].strategicWeight', 'Theme 1 ("A") strategic weight must be at least 0.1 (it is 0.05).'],
      ['themes[1].strategicWeight', 'Theme 2 ("B") strategic weight must be at most 10 (it is 11).'],
    ]);
  });

  it('bounds the number of themes and goals', () => {
    const many = Array.from({ length: LIMITS.themes + 1 }, (_, index) => theme({ id: `t${index}`, name: `Theme ${index}` }));
    expect(errorsOf(strategy(many))).toEqual([{ path: 'themes', message: 'Themes may have at most 50 entries (it has 51).' }]);
    const doc = strategy([]);
    const goals = Array.from({ length: 21 }, (_, index) => ({ name: `Goal ${index}` }));
    expect(errorsOf({ ...doc, vision: { ...doc.vision, goals } })[0]).toEqual({ path: 'vision.goals', message: 'Vision goals may have at most 20 entries (it has 21).' });
  });

  it('checks horizons, colours, ids and types, naming each setting', () => {
    const doc = strategy([]);
    const errors = errorsOf({
      ...doc,
      themes: [
        { id: 'a', name: 'A', horizon: 'soon', colour: 'pink' },
        { id: 'has space', name: 'B', horizon: '2027-Q5', colour: '#12345', archived: 'no' },
        { id: 'c', name: 42, horizon: '2027-Q4', targetPercent: '10' },
      ],
    });
    expect(errors.map((error) => error.message)).toEqual([
      'Theme 1 ("A") horizon must be now, next, later or a quarter such as 2027-Q1.',
      'Theme 1 ("A") colour must be one of blue, teal, green, lime, yellow, orange, red, magenta, purple, gray or a colour such as #1f845a.',
      'Theme 2 ("B") id must be 1–64 letters, digits, "-" or "_".',
      'Theme 2 ("B") horizon must be now, next, later or a quarter such as 2027-Q1.',
      'Theme 2 ("B") colour must be one of blue, teal, green, lime, yellow, orange, red, magenta, purple, gray or a colour such as #1f845a.',
      'Theme 2 ("B") archived flag must be true or false (it is "no").',
      'Theme 3 name must be text (it is 42).',
      'Theme 3 target allocation must be a number (it is "10").',
    ]);
  });

  it('refuses two active themes claiming the same label', () => {
    const errors = errorsOf(strategy([theme({ id: 'a', name: 'A', claimLabels: ['Mobile'] }), theme({ id: 'b', name: 'B', claimLabels: ['mobile '] })]));
    expect(errors[0]?.path).toBe('themes[1].claimLabels');
  });

  it('refuses what is not a strategy document at all', () => {
    expect(errorsOf(null)).toEqual([{ path: '', message: 'The strategy must be an object (it is null).' }]);
    expect(errorsOf([])[0]?.message).toBe('The strategy must be an object (it is a list).');
    expect(errorsOf('{"themes":[]}')[0]?.message).toBe('The strategy must be an object (it is "{"themes":[]}").');
    expect(errorsOf({ schemaVersion: 1, revision: 0, themes: [] })).toEqual([{ path: 'vision', message: 'Vision is missing.' }]);
    expect(errorsOf({ schemaVersion: '1' })[0]?.path).toBe('schemaVersion');
    expect(errorsOf({ ...strategy([]), revision: 1.5 })[0]?.message).toBe('Revision must be a whole number (it is 1.5).');
  });
});

describe('schema versions', () => {
  const v0 = {
    vision: { statement: 'Old vision', goals: [] },
    themes: [{ id: 'growth', name: 'Growth', horizon: 'now', targetPercent: 40, weight: 3, colour: 'green' }, { id: 'misc', name: 'Misc', horizon: 'later' }],
  };

  it('migrates a v0 document (weight → strategicWeight, a revision) and says so', () => {
    for (const document of [v0, { ...v0, schemaVersion: 0 }]) {
      const result = parseStrategy(document);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.migratedFrom).toBe(0);
      expect(result.strategy.schemaVersion).toBe(1);
      expect(result.strategy.revision).toBe(0);
      expect(result.strategy.themes.map((item) => [item.id, item.strategicWeight])).toEqual([['growth', 3], ['misc', 1]]);
      expect(result.strategy.themes[0]).not.toHaveProperty('weight');
    }
  });

  it('reports a damaged v0 document in current words', () => {
    const errors = errorsOf({ ...v0, themes: [{ id: 'growth', name: 'Growth', horizon: 'now', weight: 50 }, 'junk'] });
    expect(errors.map((error) => error.message)).toEqual([
      'Theme 1 ("Growth") strategic weight must be at most 10 (it is 50).',
      'Theme 2 must be an object (it is "junk").',
    ]);
  });

  it('does not mutate the stored document while migrating', () => {
    const stored = JSON.parse(JSON.stringify(v0));
    migrateV0ToV1(stored);
    expect(stored).toEqual(v0);
  });

  it('refuses a document saved by a newer version', () => {
    const errors = errorsOf({ ...strategy([]), schemaVersion: 2 });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('schemaVersion');
    expect(errors[0]?.message).toMatch(/^This strategy was saved by a newer version of Throughline \(schema version 2; this version reads up to 1\)/);
  });
});
