/**
 * Words as a reader counts them: a word starts with a letter or a digit and runs on through
 * letters, digits, combining marks, joiners and in-word punctuation (don't, well-known, 3.5).
 *
 * Zero-width spaces, emoji and punctuation alone are not words; "naïve café" is two words
 * whether its accents are precomposed or combining. A hand-written loop with a lazily filled
 * table per UTF-16 unit keeps this linear and fast on megabytes of text (no regex per word).
 * Scripts written without spaces (Chinese, Japanese, Thai) count one word per run.
 */

const OTHER = 0;
const STARTS = 1; // letter or digit: starts or continues a word
const CONTINUES = 2; // mark, joiner, direction mark, in-word punctuation: continues a word only
const UNKNOWN = 255;

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const MARK = /^\p{M}$/u;

const table = new Uint8Array(65536).fill(UNKNOWN);

function classify(char: string): number {
  if (LETTER_OR_DIGIT.test(char)) return STARTS;
  if (MARK.test(char)) return CONTINUES;
  return OTHER;
}

for (let c = 0; c < 128; c++) table[c] = classify(String.fromCharCode(c));
// Joiners and direction marks sit inside words in Persian, Indic scripts and mixed RTL text.
for (const c of [0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0xfeff]) table[c] = CONTINUES;
// Apostrophes, hyphens, underscore and the dot of "3.5" or "e.g" keep a word whole.
for (const c of [0x27, 0x2019, 0x2d, 0x2010, 0x2011, 0x5f, 0x2e]) table[c] = CONTINUES;
// A zero-width space is a word boundary by definition; it must never join or start a word.
table[0x200b] = OTHER;

/** Class of a unit that is not in the table yet; a high surrogate is classed by its whole code point, never cached. */
function classOfUnit(text: string, i: number, unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdbff) {
    // Astral letters exist (𝐀, CJK extensions); most astral symbols are emoji.
    return classify(String.fromCodePoint(text.codePointAt(i) ?? unit));
  }
  const found = unit >= 0xdc00 && unit <= 0xdfff ? CONTINUES : classify(String.fromCharCode(unit));
  table[unit] = found;
  return found;
}

// A two-state machine (0: between words, 1: in a word) driven by the class of each unit, without
// branches on the common path: next state = NEXT[state * 3 + class]; a word starts on 0 → 1.
const NEXT = new Uint8Array([0, 1, 0, 0, 1, 1]);

/** Words in `text`; with `stopAt`, counting stops there (enough to know "at least N words"). */
export function countWords(text: string, stopAt = Number.POSITIVE_INFINITY): number {
  let words = 0;
  let state = 0;
  const length = text.length;
  for (let i = 0; i < length && words < stopAt; i++) {
    const unit = text.charCodeAt(i);
    let kind = table[unit] ?? OTHER;
    if (kind === UNKNOWN) kind = classOfUnit(text, i, unit);
    const next = NEXT[state * 3 + kind] ?? 0;
    words += next & (state ^ 1);
    state = next;
  }
  return words;
}
