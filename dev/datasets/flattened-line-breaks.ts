/**
 * The Deep-SE CSVs lost their line breaks: every CRLF became two spaces. Markup that lives on
 * lines (lists, tables, headings, code) needs them back. The guess: outside code, a multiple of
 * four spaces was a blank line and any other run a line break (plus indentation); inside code,
 * two spaces were a line break and the rest is indentation. A double space after a full stop becomes a line break too,
 * which changes the look, never the words. One exception: spaces right after a line's block marker (`h2.  Acceptance
 * Criteria`, `#  item`, `**  item`, `bq.  quote`) are spacing, not a break: a marker alone on a line means nothing, so
 * breaking there would turn a heading into an empty heading and a paragraph, a list item into a stray "#".
 */

const CODE_BLOCK = /(\{(code|noformat)(?::[^}]*)?\})([\s\S]*?)(\{\2\}|$)/g;

function codeBreaks(text: string): string {
  return text.replace(/ {2,}/g, (run) => `\n${' '.repeat(run.length - 2)}`);
}

// A block marker at the start of the text or after a break, then a run of spaces: the run is one space.
const MARKER_SPACING = /(^|[ \t]{2}|\n)((?:h[1-6]|bq)\.|[*#]+|-) {2,}(?=\S)/g;

function proseBreaks(text: string): string {
  const spaced = text.replace(MARKER_SPACING, '$1$2 ');
  // Four spaces (or eight…) were blank lines; other runs a break plus indentation, which prose ignores.
  return spaced.replace(/ {2,}/g, (run) => (run.length % 4 === 0 ? '\n\n' : '\n'));
}

/** Wiki markup with its line breaks put back. */
export function restoreWikiLineBreaks(text: string): string {
  let result = '';
  let position = 0;
  for (const match of text.matchAll(CODE_BLOCK)) {
    const [whole, opening = '', , body = '', closing = ''] = match;
    result += proseBreaks(text.slice(position, match.index)) + opening + codeBreaks(body) + closing;
    position = match.index + whole.length;
  }
  return result + proseBreaks(text.slice(position));
}

/** HTML only keeps line breaks inside <pre>, where two spaces were one. */
export function restoreHtmlLineBreaks(text: string): string {
  return codeBreaks(text);
}
