/**
 * JQL tokens. Hand-written so that every token keeps its position for Jira-style error messages.
 */
import { JqlError } from './jql-error';

export type TokenKind = 'word' | 'string' | 'operator' | 'lparen' | 'rparen' | 'comma' | 'lbracket' | 'rbracket' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based character position in the query, as Jira reports it. */
  position: number;
}

export const MAX_JQL_LENGTH = 20_000;

const PUNCTUATION: Readonly<Record<string, TokenKind>> = {
  '(': 'lparen',
  ')': 'rparen',
  ',': 'comma',
  '[': 'lbracket',
  ']': 'rbracket',
};
const OPERATORS = ['!=', '!~', '>=', '<=', '=', '>', '<', '~', '!'];
const WORD_STOP = new Set([' ', '\t', '\n', '\r', '(', ')', ',', '[', ']', '"', "'", '=', '!', '<', '>', '~']);

export function tokenize(jql: string): Token[] {
  if (jql.length > MAX_JQL_LENGTH) throw new JqlError(`The JQL query is too long (${jql.length} characters; at most ${MAX_JQL_LENGTH}).`);
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const ch = jql.charAt(i);
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i += 1;
      continue;
    }
    const position = i + 1;
    const punctuation = PUNCTUATION[ch];
    if (punctuation !== undefined) {
      tokens.push({ kind: punctuation, text: ch, position });
      i += 1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let text = '';
      let j = i + 1;
      let closed = false;
      while (j < jql.length) {
        const c = jql.charAt(j);
        if (c === '\\' && j + 1 < jql.length) {
          text += jql.charAt(j + 1);
          j += 2;
        } else if (c === ch) {
          closed = true;
          j += 1;
          break;
        } else {
          text += c;
          j += 1;
        }
      }
      if (!closed) throw new JqlError(`Error in the JQL Query: The quoted string '${text}' has not been completed. (line 1, character ${position})`);
      tokens.push({ kind: 'string', text, position });
      i = j;
      continue;
    }
    const operator = OPERATORS.find((op) => jql.startsWith(op, i));
    if (operator !== undefined) {
      tokens.push({ kind: 'operator', text: operator, position });
      i += operator.length;
      continue;
    }
    let j = i;
    while (j < jql.length && !WORD_STOP.has(jql.charAt(j))) j += 1;
    tokens.push({ kind: 'word', text: jql.slice(i, j), position });
    i = j;
  }
  tokens.push({ kind: 'eof', text: '', position: jql.length + 1 });
  return tokens;
}
