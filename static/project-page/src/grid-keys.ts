/**
 * The scoring grid's keyboard, as a spreadsheet's: Tab and Shift+Tab go to the next and previous
 * editable cell (along the row, then on to the next row), Enter and Shift+Enter to the same input
 * of the next and previous row, Escape puts back the cell's value before the edit. Cells that the
 * grid cannot edit (a theme's weight, a count Jira keeps) are skipped. Pure: the unit tests drive it.
 */

export interface CellPosition {
  readonly row: number;
  readonly column: number;
}

export type GridMove = 'next' | 'previous' | 'down' | 'up';

export type GridKeyAction = { readonly kind: 'move'; readonly move: GridMove } | { readonly kind: 'cancel' } | { readonly kind: 'none' };

/** What a key pressed in a cell does. */
export function gridKeyAction(key: string, shiftKey: boolean, modifiers: { readonly altKey?: boolean; readonly ctrlKey?: boolean; readonly metaKey?: boolean } = {}): GridKeyAction {
  if (modifiers.altKey === true || modifiers.ctrlKey === true || modifiers.metaKey === true) return { kind: 'none' };
  if (key === 'Tab') return { kind: 'move', move: shiftKey ? 'previous' : 'next' };
  if (key === 'Enter') return { kind: 'move', move: shiftKey ? 'up' : 'down' };
  if (key === 'Escape') return { kind: 'cancel' };
  return { kind: 'none' };
}

/**
 * The cell a move goes to, among `rows` rows whose editable columns are `editable` (by index); null
 * when the move leaves the grid (Tab past the last cell, Enter below the last row), so the key then
 * does what it does elsewhere on the page.
 */
export function moveCell(from: CellPosition, move: GridMove, rows: number, editable: readonly boolean[]): CellPosition | null {
  const columns = editable.flatMap((canEdit, index) => (canEdit ? [index] : []));
  if (rows <= 0 || columns.length === 0) return null;
  if (move === 'down' || move === 'up') {
    const row = from.row + (move === 'down' ? 1 : -1);
    return row < 0 || row >= rows ? null : { row, column: from.column };
  }
  const order = columns.indexOf(from.column);
  if (move === 'next') {
    // From a cell that cannot be edited, the next editable one to its right.
    const after = order >= 0 ? columns[order + 1] : columns.find((column) => column > from.column);
    if (after !== undefined) return { row: from.row, column: after };
    const first = columns[0];
    return from.row + 1 < rows && first !== undefined ? { row: from.row + 1, column: first } : null;
  }
  const before = order >= 0 ? columns[order - 1] : [...columns].reverse().find((column) => column < from.column);
  if (before !== undefined) return { row: from.row, column: before };
  const last = columns[columns.length - 1];
  return from.row - 1 >= 0 && last !== undefined ? { row: from.row - 1, column: last } : null;
}
