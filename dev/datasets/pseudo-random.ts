/**
 * Deterministic "random" numbers: from a string (the same issue key always gets the same status and
 * dates) and from a seed (the same sample or benchmark backlog on every run). One home for both, so
 * the tools and the benchmarks draw from the same generator.
 */

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

/** mulberry32: a small seeded generator of numbers in [0, 1), so a sample or a backlog can be drawn again. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}
