/**
 * Concurrent edits of one strategy. Every change names the revision it started from; a change
 * made on an older revision is refused, never merged or silently overwritten.
 */
import { z } from 'zod';
import { CURRENT_SCHEMA_VERSION } from './model';
import type { Goal, Strategy, StrategyError, ThemeInput } from './model';
import { parseStrategy } from './parse-strategy';

export type VisionInput = Partial<{ statement: string; targetCustomers: string; goals: readonly Partial<Goal>[] }>;

export type StrategyEdit =
  | { readonly kind: 'set-vision'; readonly vision: VisionInput }
  | { readonly kind: 'add-theme'; readonly theme: ThemeInput }
  /** A theme's id never changes: epics point at it. */
  | { readonly kind: 'update-theme'; readonly themeId: string; readonly changes: Partial<Omit<ThemeInput, 'id'>> }
  /** Epics still pointing at a removed theme show it as an unknown theme; archiving keeps it. */
  | { readonly kind: 'remove-theme'; readonly themeId: string }
  | { readonly kind: 'move-theme'; readonly themeId: string; readonly toIndex: number }
  | { readonly kind: 'set-product-managers'; readonly accountIds: readonly string[] }
  /** An imported document (any schema version this app reads) replaces everything. */
  | { readonly kind: 'replace'; readonly document: unknown };

export interface StrategyEditError {
  readonly code: 'stale' | 'invalid' | 'not-found';
  readonly message: string;
  readonly errors?: readonly StrategyError[];
}

export type ApplyEditResult =
  | { readonly ok: true; readonly strategy: Strategy }
  | { readonly ok: false; readonly error: StrategyEditError };

function notFound(themeId: string): ApplyEditResult {
  return {
    ok: false,
    error: { code: 'not-found', message: `There is no theme with the id "${themeId}"; someone may have removed it. Reload the strategy.` },
  };
}

/** The edited document, not yet validated. */
function editedDocument(current: Strategy, edit: Exclude<StrategyEdit, { kind: 'replace' }>): Record<string, unknown> | 'not-found' {
  const base: Record<string, unknown> = { ...current };
  const indexOf = (themeId: string): number => current.themes.findIndex((theme) => theme.id === themeId);
  switch (edit.kind) {
    case 'set-vision':
      return { ...base, vision: { ...current.vision, ...edit.vision } };
    case 'add-theme':
      return { ...base, themes: [...current.themes, edit.theme] };
    case 'update-theme': {
      const index = indexOf(edit.themeId);
      if (index < 0) return 'not-found';
      const themes: unknown[] = [...current.themes];
      const existing = current.themes[index];
      // The id is put back last: changes arriving from a browser may carry one anyway.
      themes[index] = { ...existing, ...edit.changes, id: existing?.id };
      return { ...base, themes };
    }
    case 'remove-theme': {
      if (indexOf(edit.themeId) < 0) return 'not-found';
      return { ...base, themes: current.themes.filter((theme) => theme.id !== edit.themeId) };
    }
    case 'move-theme': {
      const index = indexOf(edit.themeId);
      if (index < 0) return 'not-found';
      const themes = [...current.themes];
      const [moved] = themes.splice(index, 1);
      const target = Math.min(Math.max(Math.trunc(edit.toIndex), 0), themes.length);
      if (moved !== undefined) themes.splice(target, 0, moved);
      return { ...base, themes };
    }
    case 'set-product-managers':
      return { ...base, productManagers: [...edit.accountIds] };
  }
}

export function applyEdit(current: Strategy, edit: StrategyEdit, baseRevision: number): ApplyEditResult {
  if (baseRevision !== current.revision) {
    return {
      ok: false,
      error: {
        code: 'stale',
        message:
          `The strategy was changed by someone else since you opened it (you started from revision ${baseRevision}; it is now at revision ${current.revision}). ` +
          'Reload to see their changes, then make yours again; nothing was saved.',
      },
    };
  }
  let candidate: unknown;
  if (edit.kind === 'replace') {
    // An imported document keeps its own schema version: it may need migrating, or be refused.
    candidate = edit.document;
  } else {
    const edited = editedDocument(current, edit);
    if (edited === 'not-found') return notFound('themeId' in edit ? edit.themeId : '');
    candidate = { ...edited, schemaVersion: CURRENT_SCHEMA_VERSION };
  }
  const parsed = parseStrategy(candidate);
  if (!parsed.ok) {
    return {
      ok: false,
      error: { code: 'invalid', message: parsed.errors.map((error) => error.message).join(' '), errors: parsed.errors },
    };
  }
  return { ok: true, strategy: { ...parsed.strategy, revision: current.revision + 1 } };
}

const looseRecord = z.record(z.string(), z.unknown());
const themeId = z.string().min(1).max(64);

// Only the envelope is checked here: applyEdit validates every value against the whole document,
// where the messages can name the theme and the setting.
const strategyEditSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('set-vision'), vision: looseRecord }),
  z.object({ kind: z.literal('add-theme'), theme: looseRecord }),
  z.object({ kind: z.literal('update-theme'), themeId, changes: looseRecord }),
  z.object({ kind: z.literal('remove-theme'), themeId }),
  z.object({ kind: z.literal('move-theme'), themeId, toIndex: z.int() }),
  z.object({ kind: z.literal('set-product-managers'), accountIds: z.array(z.string()) }),
  z.object({ kind: z.literal('replace'), document: z.unknown() }),
]);

/** Checks an edit arriving from the browser before it is applied. */
export function parseStrategyEdit(raw: unknown): { ok: true; edit: StrategyEdit } | { ok: false; message: string; issues: readonly z.core.$ZodIssue[] } {
  // With the values in the findings, so that the caller can say what was sent instead (the resolver's refusal words).
  const parsed = strategyEditSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    // The schema's own wording ("Invalid input") is not for people; the findings are for the caller to put in words.
    return { ok: false, message: 'The change is not one Throughline understands.', issues: parsed.error.issues };
  }
  // The values inside are still unchecked; applyEdit validates them with the rest of the document.
  return { ok: true, edit: parsed.data as StrategyEdit };
}
