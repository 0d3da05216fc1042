/**
 * Raw Jira values shown in a score's breakdown must survive `JSON.stringify` unchanged (the
 * resolver sends them to the browser): no NaN, no Infinity, no undefined, no cycles, and no
 * megabyte-sized surprises when a field is mapped by mistake.
 */

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

const MAX_DEPTH = 6;
const MAX_ENTRIES = 100;
const MAX_STRING = 2_000;

function isSafeItem(item: unknown, depth: number): boolean {
  switch (typeof item) {
    case 'string':
      return item.length <= MAX_STRING;
    case 'number':
      return item - item === 0 && !Object.is(item, -0);
    case 'boolean':
      return true;
    case 'object':
      return item === null || isSafeObject(item, depth + 1);
    default:
      return false;
  }
}

// Written for speed: every breakdown line of every scored issue passes its raw value through here.
function isSafeObject(value: object, depth: number): boolean {
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    const items = value as readonly unknown[];
    if (items.length > MAX_ENTRIES) return false;
    for (let i = 0; i < items.length; i++) if (!isSafeItem(items[i], depth)) return false;
    return true;
  }
  // Plain objects only (Dates, Maps and class instances do not survive JSON as themselves).
  // `constructor` first: a cheap read for the plain objects JSON.parse makes.
  const constructor = (value as { constructor?: unknown }).constructor;
  if (constructor !== Object && (constructor !== undefined || Object.getPrototypeOf(value) !== null)) return false;
  let count = 0;
  for (const key in value) {
    if (++count > MAX_ENTRIES || !isSafeItem((value as Record<string, unknown>)[key], depth)) return false;
  }
  return true;
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
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : String(value);
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
  return isSafeItem(value, -1) ? (value as JsonValue) : copySafe(value, 0);
}

function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) return true;
  const constructor = (value as { constructor?: unknown }).constructor;
  return constructor === Object || (constructor === undefined && Object.getPrototypeOf(value) === null);
}

/**
 * The raw value for a breakdown line. Primitives are always checked (NaN, ±Infinity and undefined
 * cannot travel as JSON). An object or list that its reader accepted (a select option, a priority,
 * the votes object, the issue links) is Jira's own JSON and passes through as it is, after a check
 * that it is a plain object or array: walking every accepted option object of every issue would
 * cost more than scoring it. Anything rejected is copied through `jsonSafe`, bounded.
 */
export function breakdownRaw(raw: unknown, accepted: boolean): JsonValue {
  switch (typeof raw) {
    case 'number':
      // −0 would not survive JSON either: it comes back as 0.
      return raw - raw === 0 ? (raw === 0 ? 0 : raw) : String(raw);
    case 'undefined':
      return null;
    case 'string':
      return raw.length <= MAX_STRING ? raw : jsonSafe(raw);
    case 'boolean':
      return raw;
    case 'object':
      return raw === null ? null : accepted && isPlainContainer(raw) ? (raw as JsonValue) : jsonSafe(raw);
    default:
      return jsonSafe(raw);
  }
}
