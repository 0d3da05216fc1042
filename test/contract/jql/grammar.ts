/**
 * Atlassian's own JQL grammar (@atlaskit/jql-parser), for the contract tests: the emulator's gate
 * (dev/jira-emulator/jql/grammar.ts) as messages, and the lexer's view of a query's values.
 */
import { CharStreams } from 'antlr4ts';
import { JQLLexer } from '@atlaskit/jql-parser';
import { grammarErrors as errorsOf } from '../../../dev/jira-emulator/jql/grammar';

export const GRAMMAR = '@atlaskit/jql-parser 3.0.1';

export function grammarErrors(query: string): string[] {
  return errorsOf(query).map((error) => `${error.line}:${error.character} ${error.message}`);
}

/** The value of a JQL string literal token (`"…"` or `'…'`), escapes undone as Jira reads them. */
export function stringLiteralValue(token: string): string {
  const body = token.slice(1, -1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|.)/gsu, (_all, escape: string) => {
    if (escape.startsWith('u') && escape.length === 5) return String.fromCharCode(parseInt(escape.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[escape] ?? escape;
  });
}

/** The text of every token of the query that Jira's lexer reads as a quoted string. */
export function quotedStrings(query: string): string[] {
  const lexer = new JQLLexer(CharStreams.fromString(query));
  lexer.removeErrorListeners();
  return lexer.getAllTokens().filter((token) => token.type === JQLLexer.QUOTE_STRING || token.type === JQLLexer.SQUOTE_STRING).map((token) => token.text ?? '');
}

/**
 * The text of the query's last token, e.g. the value of `votes > 12.5`. The grammar reads integers
 * as numbers and decimals as unquoted strings (Jira converts them by the field's type).
 */
export function lastToken(query: string): { readonly text: string; readonly kind: 'number' | 'unquoted' | 'other' } {
  const lexer = new JQLLexer(CharStreams.fromString(query));
  lexer.removeErrorListeners();
  const token = lexer.getAllTokens().filter((candidate) => candidate.channel === 0).at(-1);
  const type = token?.type;
  const kind = type === JQLLexer.POSNUMBER || type === JQLLexer.NEGNUMBER ? 'number' : type === JQLLexer.STRING ? 'unquoted' : 'other';
  return { text: token?.text ?? '', kind };
}
