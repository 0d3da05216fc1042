/**
 * Raw Jira values shown in a score's breakdown must survive `JSON.stringify` unchanged (the
 * resolver sends them to the browser): no NaN, no Infinity, no undefined, no cycles, and no
 * megabyte-sized surprises when a field is mapped by mistake.
 */

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

const MAX_DEPTH = 6;
const MAX_ENTRIES = 100;
const MAX_STRING = 2_000;

function isSafe(value: unknown, depth: number): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
      return value.length <= MAX_STRING;
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (depth >= MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        if (value.length > MAX_ENTRIES) return false;
        for (const item of value as unknown[]) if (!isSafe(item, depth + 1)) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return false;
      let count = 0;
      for (const key in value) {
        if (++count > MAX_ENTRIES) return false;
        if (!isSafe((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

function copySafe(value: unknown, depth: number): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return value.length <= MAX_STRING ? value : `${value.slice(0, MAX_STRING)}…`;
    case 'boolean':
      return value;
    case 'number':
      // JSON has no NaN or Infinity; their names keep the breakdown honest about what was sent.
      return Number.isFinite(value) ? value : String(value);
    case 'object': {
      if (depth >= MAX_DEPTH) return '…';
      if (Array.isArray(value)) {
        const items = (value as unknown[]).slice(0, MAX_ENTRIES).map((item) => copySafe(item, depth + 1));
        if (value.length > MAX_ENTRIES) items.push(`… ${value.length - MAX_ENTRIES} more`);
        return items;
      }
      const out: Record<string, JsonValue> = {};
      let count = 0;
      for (const key of Object.keys(value)) {
        if (++count > MAX_ENTRIES) {
          out['…'] = 'more entries left out';
          break;
        }
        // defineProperty: a key named "__proto__" stays a plain key instead of changing the prototype.
        Object.defineProperty(out, key, { value: copySafe((value as Record<string, unknown>)[key], depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'bigint':
      return value.toString();
    default:
      return `[${typeof value}]`;
  }
}

/**
 * The value itself when it is already plain, bounded JSON (the usual case: what Jira sent), else
 * a bounded copy with non-JSON numbers named ("NaN", "Infinity") and undefined as null.
 */
export function jsonSafe(value: unknown): JsonValue {
  if (value === undefined) return null;
  return isSafe(value, 0) ? (value as JsonValue) : copySafe(value, 0);
}
