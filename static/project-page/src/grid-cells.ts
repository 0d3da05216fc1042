/**
 * A scoring grid cell's text both ways: a number as the user's locale writes it ("2,5" in German)
 * and read back from what they typed in that locale; a date as YYYY-MM-DD; a choice by its name.
 * What cannot be a number is said in words before anything is sent. Pure.
 */
import type { GridCellValue, InputEditor } from '../../../src/contract';
import { numberFormat } from '../../common/format';

/** The text a cell shows for its value, to edit. */
export function cellText(editor: InputEditor, value: GridCellValue, locale: string | undefined): string {
  if (value === null) return '';
  if (editor.kind === 'number' && typeof value === 'number') return numberFormat(locale, { maximumFractionDigits: 15, useGrouping: false }).format(value);
  return String(value);
}

function separatorsOf(locale: string | undefined): { readonly decimal: string; readonly group: string } {
  const parts = numberFormat(locale, { useGrouping: true }).formatToParts(12345.6);
  return { decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.', group: parts.find((part) => part.type === 'group')?.value ?? ',' };
}

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export type ReadCell = { readonly ok: true; readonly value: string | number | null } | { readonly ok: false; readonly message: string };

/** What the user typed, as the write sends it; or why it is not a value of the input. */
export function readCellText(editor: InputEditor, label: string, text: string, locale: string | undefined): ReadCell {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  switch (editor.kind) {
    case 'number': {
      const { decimal, group } = separatorsOf(locale);
      // Group separators (and the spaces some locales group with) go; the locale's decimal mark becomes a point.
      let plain = trimmed.replace(/[\s\u00a0\u202f]/g, '');
      if (group !== decimal) plain = plain.split(group).join('');
      if (decimal !== '.') plain = plain.replace(decimal, '.');
      if (!PLAIN_NUMBER.test(plain)) return { ok: false, message: `${label} must be a number; "${trimmed.slice(0, 40)}" is not one.` };
      return { ok: true, value: Number(plain) };
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? { ok: true, value: trimmed } : { ok: false, message: `${label} must be a date (YYYY-MM-DD).` };
    case 'choice':
      return editor.choices.includes(trimmed) ? { ok: true, value: trimmed } : { ok: false, message: `${label} must be one of: ${editor.choices.join(', ')}.` };
    default:
      return { ok: false, message: `${label} cannot be set here.` };
  }
}

/** Whether what was typed is the value the cell holds already (nothing to write). */
export function unchanged(value: GridCellValue, typed: string | number | null): boolean {
  if (typeof value === 'string' && typeof typed === 'string') return value.trim() === typed.trim();
  return value === typed;
}
