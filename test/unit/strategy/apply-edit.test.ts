import { describe, expect, it } from 'vitest';
import { applyEdit, canEditStrategy, parseStrategyEdit } from '../../../src/domain/strategy';
import type { ApplyEditResult, Strategy, StrategyEdit } from '../../../src/domain/strategy';
import { strategy, theme } from './fixtures';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const current = deepFreeze(strategy([theme({ id: 'growth', name: 'Growth', targetPercent: 60 }), theme({ id: 'trust', name: 'Trust', targetPercent: 30 })], 5));

function saved(result: ApplyEditResult): Strategy {
  if (!result.ok) throw new Error(result.error.message);
  return result.strategy;
}

describe('applyEdit', () => {
  it('refuses an edit started from an older revision, with a clear message', () => {
    const result = applyEdit(current, { kind: 'remove-theme', themeId: 'trust' }, 3);
    expect(result).toEqual({ ok: false, error: { code: 'stale', message: expect.stringMatching(/^The strategy was changed by someone else since you opened it \(you started from revision 3; it is now at revision 5\)/) } });
  });

  it('adds a theme with its defaults and moves to the next revision', () => {
    const next = saved(applyEdit(current, { kind: 'add-theme', theme: { id: 'cost', name: 'Cost', horizon: '2027-Q2', targetPercent: 10 } }, 5));
    expect(next.revision).toBe(6);
    expect(next.themes.map((item) => item.id)).toEqual(['growth', 'trust', 'cost']);
    expect(next.themes[2]).toMatchObject({ strategicWeight: 1, colour: 'blue', archived: false });
  });

  it('refuses an edit that breaks a rule, naming the setting', () => {
    const duplicate = applyEdit(current, { kind: 'add-theme', theme: { id: 'g2', name: 'GROWTH', horizon: 'now' } }, 5);
    expect(duplicate.ok).toBe(false);
    if (duplicate.ok) return;
    expect(duplicate.error.code).toBe('invalid');
    expect(duplicate.error.errors?.[0]?.path).toBe('themes[2].name');

    const over = applyEdit(current, { kind: 'update-theme', themeId: 'trust', changes: { targetPercent: 50 } }, 5);
    expect(over).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/add up to 110 %/) } });
  });

  it('updates a theme but never its id, and archives it', () => {
    // A browser may send an id among the changes even though the type leaves it out.
    const changes = { name: 'Trust & safety', archived: true, id: 'hijack' } as Extract<StrategyEdit, { kind: 'update-theme' }>['changes'];
    const next = saved(applyEdit(current, { kind: 'update-theme', themeId: 'trust', changes }, 5));
    expect(next.themes[1]).toMatchObject({ id: 'trust', name: 'Trust & safety', archived: true });
  });

  it('removes and moves themes, and reports a theme that is gone', () => {
    expect(saved(applyEdit(current, { kind: 'remove-theme', themeId: 'growth' }, 5)).themes.map((item) => item.id)).toEqual(['trust']);
    expect(saved(applyEdit(current, { kind: 'move-theme', themeId: 'trust', toIndex: -3 }, 5)).themes.map((item) => item.id)).toEqual(['trust', 'growth']);
    expect(applyEdit(current, { kind: 'remove-theme', themeId: 'nope' }, 5)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('sets the vision and the product managers', () => {
    const next = saved(applyEdit(current, { kind: 'set-vision', vision: { statement: 'New statement' } }, 5));
    expect(next.vision.statement).toBe('New statement');
    expect(next.vision.goals).toEqual(current.vision.goals);
    expect(saved(applyEdit(current, { kind: 'set-product-managers', accountIds: ['557058:abc'] }, 5)).productManagers).toEqual(['557058:abc']);
  });

  it('imports a whole document: an old one is migrated, a newer one refused', () => {
    const imported = saved(applyEdit(current, { kind: 'replace', document: { vision: { statement: 'v0' }, themes: [{ id: 'x', name: 'X', horizon: 'now', weight: 2 }] } }, 5));
    expect(imported).toMatchObject({ schemaVersion: 1, revision: 6, themes: [{ id: 'x', strategicWeight: 2 }] });
    const newer = applyEdit(current, { kind: 'replace', document: { ...current, schemaVersion: 9 } }, 5);
    expect(newer).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/saved by a newer version of Throughline/) } });
  });
});

describe('parseStrategyEdit', () => {
  it('accepts the known kinds and refuses anything else', () => {
    expect(parseStrategyEdit({ kind: 'remove-theme', themeId: 'growth' })).toEqual({ ok: true, edit: { kind: 'remove-theme', themeId: 'growth' } });
    expect(parseStrategyEdit({ kind: 'drop-table' }).ok).toBe(false);
    expect(parseStrategyEdit({ kind: 'move-theme', themeId: 'a', toIndex: 'first' }).ok).toBe(false);
    expect(parseStrategyEdit(null).ok).toBe(false);
  });
});

describe('canEditStrategy', () => {
  it('lets project admins and the named product managers edit', () => {
    const withPm = { ...current, productManagers: ['pm-1'] };
    expect(canEditStrategy({ accountId: 'x', isProjectAdmin: true }, current)).toBe(true);
    expect(canEditStrategy({ accountId: 'pm-1', isProjectAdmin: false }, withPm)).toBe(true);
    expect(canEditStrategy({ accountId: 'dev', isProjectAdmin: false }, withPm)).toBe(false);
    expect(canEditStrategy({ accountId: 'pm-1', isProjectAdmin: false }, current)).toBe(false);
  });
});
