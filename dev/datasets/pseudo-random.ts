/** Deterministic "random" choices from a string: the same issue key always gets the same status and dates. */

/** FNV-1a, 32 bits: tiny, fast, and stable across runs and platforms. */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A number in [0, 1) for `text` and a purpose (so status and date do not move together). */
export function unitOf(text: string, purpose: string): number {
  return hashOf(`${purpose}:${text}`) / 0x1_0000_0000;
}
