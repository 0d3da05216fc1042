/** Small helpers for the sentences rules say. */

export function points(value: number): string {
  const shown = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  return `${shown} ${value === 1 ? 'point' : 'points'}`;
}

/** "A", "A and B", "A, B and C". */
export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

export function quoted(value: string, max = 40): string {
  return `"${value.length > max ? `${value.slice(0, max)}…` : value}"`;
}

export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
