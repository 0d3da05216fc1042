/**
 * The fourth way acceptance criteria are found (acceptance-criteria.ts): a Given/When/Then
 * scenario, i.e. consecutive step lines (Given, When, Then, And, But, each at the start of a line
 * after a bullet or number if any, English, any case; blank lines may sit between) that open with
 * Given and reach a Then. A scenario without Given counts only when its When and Then are list
 * items, and a step line that holds a second sentence or ends with a question mark is prose: bug
 * reports narrate "When I click… Then it crashes". Every scan here is linear in the text, because
 * descriptions come from anyone.
 */
import type { DescriptionReading } from './reading';

// Tried (sticky) at the first letter of a line once `keywordStart` found one: no leading part to backtrack over.
const STEP = /(given|when|then|and|but)\**[ \t:,]+\S/iy;
// A full stop, question or exclamation mark followed by more words: the line tells a story, it is not one step.
const SECOND_SENTENCE = /[.!?]["')\]]?[ \t]+\S/;
/** Characters of a step line looked at for a second sentence or a closing question mark. */
const STEP_WINDOW = 400;

const GIVEN = 0x67; // g
const WHEN = 0x77; // w
const THEN = 0x74; // t
const AND = 0x61; // a
const BUT = 0x62; // b

/**
 * Where a line's first character past spaces, bullets, numbering and bold markers is; -1 for a
 * blank line. A loop, not a regex, so a line of a million spaces costs a million steps, not a
 * million squared.
 */
function contentStart(text: string, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    const bulletOrSpace =
      c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x2a || c === 0x23 || c === 0x3e || c === 0x2b || // space tab nbsp * # > +
      c === 0x2d || c === 0x2e || c === 0x29 || (c >= 0x30 && c <= 0x39) || c === 0x2022; // - . ) digits •
    if (!bulletOrSpace) return i;
  }
  return -1;
}

/** A list marker before the keyword: "- when", "* then", "# given", "2. then", "• when". */
function markedAsListItem(text: string, from: number, keyword: number): boolean {
  for (let i = from; i < keyword; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2d || c === 0x2b || c === 0x23 || c === 0x2022 || (c >= 0x30 && c <= 0x39)) return true;
    if (c === 0x2a && text.charCodeAt(i + 1) === 0x20) return true; // "* " is a bullet, "**" bold
  }
  return false;
}

/** The line from `start` (its first letter) to `end` is one step: a keyword, then one clause, not a question. */
function isStep(text: string, start: number, end: number, keyword: number): boolean {
  // The word itself first, in place: most lines that start with w or t say "We", "With", "The", "This".
  const word = keyword === GIVEN ? 'given' : keyword === WHEN ? 'when' : keyword === THEN ? 'then' : keyword === AND ? 'and' : 'but';
  if (start + word.length >= end) return false;
  for (let i = 1; i < word.length; i++) if ((text.charCodeAt(start + i) | 0x20) !== word.charCodeAt(i)) return false;
  STEP.lastIndex = start;
  if (STEP.exec(text) === null || STEP.lastIndex > end) return false;
  const line = text.slice(start, Math.min(end, start + STEP_WINDOW)).trimEnd();
  return !line.endsWith('?') && !SECOND_SENTENCE.test(line);
}

/**
 * A Given/When/Then scenario, read block by block and line by line (a paragraph may hold several
 * lines joined by hard breaks): its text from its first step to its Then, or undefined.
 */
export function givenWhenThen(reading: DescriptionReading): string | undefined {
  const text = reading.text;
  let first = -1; // offset of the line that opens the current scenario
  let given = false; // the scenario opened with Given
  let listed = true; // every step so far is a list item
  for (const block of reading.blocks) {
    let line = block.start;
    while (line <= block.end) {
      const newline = text.indexOf('\n', line);
      const end = newline === -1 || newline > block.end ? block.end : newline;
      const from = line;
      line = end + 1;
      const start = contentStart(text, from, end);
      if (start === -1) continue; // blank lines keep the scenario open
      const keyword = text.charCodeAt(start) | 0x20; // lower case for ASCII letters
      // Most lines open no scenario: only Given or When can, and only a step line can continue one.
      const opener = keyword === GIVEN || keyword === WHEN;
      if (first === -1 && !opener) continue;
      const step = (opener || keyword === THEN || keyword === AND || keyword === BUT) && isStep(text, start, end, keyword);
      if (!step) {
        first = -1; // prose between steps ends the scenario
        continue;
      }
      const inList = block.inList || markedAsListItem(text, from, start);
      // Given opens a scenario, also right after a When that opened none of its own.
      if (first === -1 || (keyword === GIVEN && !given)) {
        if (!opener) continue;
        first = from;
        given = keyword === GIVEN;
        listed = inList;
        continue;
      }
      listed &&= inList;
      if (keyword === THEN && (given || listed)) return text.slice(first, end);
    }
  }
  return undefined;
}
