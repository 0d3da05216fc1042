/**
 * JQL into a tree: recursive descent over `tokenize`, with bounded nesting. Only the shape is checked
 * here; what a field means (and whether the emulator supports it) is decided in `compile`.
 */
import { grammarErrors } from './grammar';
import { JqlError } from './jql-error';
import { tokenize } from './tokenize';
import type { Token } from './tokenize';

export const MAX_JQL_DEPTH = 40;

export type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not' | 'was' | 'changed';

export interface JqlValue {
  /** `word` is an unquoted literal (a key, a number, a name without spaces). */
  kind: 'string' | 'word';
  text: string;
}

export type Operand =
  | { kind: 'value'; value: JqlValue }
  | { kind: 'list'; values: JqlValue[] }
  | { kind: 'function'; name: string; args: string[] }
  | { kind: 'empty' };

export type FieldRef =
  | { kind: 'name'; name: string }
  | { kind: 'cf'; id: string }
  | { kind: 'property'; key: string; path: string[] };

export interface Clause {
  kind: 'clause';
  field: FieldRef;
  fieldText: string;
  operator: Operator;
  operand: Operand;
  position: number;
}

export type JqlNode = Clause | { kind: 'and'; children: JqlNode[] } | { kind: 'or'; children: JqlNode[] } | { kind: 'not'; child: JqlNode };

export interface OrderItem {
  field: FieldRef;
  fieldText: string;
  direction: 'asc' | 'desc';
}

export interface JqlQuery {
  where: JqlNode | undefined;
  orderBy: OrderItem[];
}

const OPERATOR_LIST = "'=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'";
const RESERVED = new Set(['and', 'or', 'not', 'in', 'is', 'empty', 'null', 'order', 'by']);

function lower(token: Token): string {
  return token.kind === 'word' ? token.text.toLowerCase() : '';
}

function describe(token: Token): string {
  return token.kind === 'eof' ? 'end of query' : `'${token.text}'`;
}

/**
 * The query's tree, or a JqlError: first the emulator's own parser (bounded in length and nesting,
 * so Atlassian's recursive grammar never sees a 10,000-level query), then Jira's grammar, which
 * refuses what the emulator's looser reading would let through (reserved words unquoted, `in a`,
 * `= (a, b)`, characters Jira's lexer refuses, …).
 */
export function parseJql(jql: string): JqlQuery {
  const known = parsed.get(jql);
  if (known !== undefined) {
    // Most recently used last, so that the oldest goes first.
    parsed.delete(jql);
    parsed.set(jql, known);
    if (known instanceof JqlError) throw known;
    return known;
  }
  let outcome: JqlQuery | JqlError;
  try {
    outcome = parseSubset(jql);
    const [first] = grammarErrors(jql);
    if (first !== undefined) outcome = new JqlError(`Error in the JQL Query: ${first.message} (line ${first.line}, character ${first.character})`);
  } catch (error: unknown) {
    if (!(error instanceof JqlError)) throw error;
    outcome = error;
  }
  parsed.set(jql, outcome);
  if (parsed.size > PARSED_ENTRIES) parsed.delete(parsed.keys().next().value as string);
  if (outcome instanceof JqlError) throw outcome;
  return outcome;
}

/**
 * Queries parsed lately, and their tree or error: a query is the same tree every time, and Jira's
 * grammar (ANTLR) is slow on long `key in (…)` lists, which pages and reloads send again and again.
 * The emulator's CPU is not Jira's latency (that is emulated apart); it should not add to it.
 */
const PARSED_ENTRIES = 512;
const parsed = new Map<string, JqlQuery | JqlError>();

function parseSubset(jql: string): JqlQuery {
  const tokens = tokenize(jql);
  let index = 0;
  let depth = 0;

  const peek = (offset = 0): Token => tokens[Math.min(index + offset, tokens.length - 1)] as Token;
  const next = (): Token => {
    const token = peek();
    if (token.kind !== 'eof') index += 1;
    return token;
  };
  const fail = (message: string, token: Token): never => {
    throw new JqlError(`Error in the JQL Query: ${message} (line 1, character ${token.position})`);
  };
  const isKeyword = (word: string, offset = 0): boolean => lower(peek(offset)) === word;

  function parseOr(): JqlNode {
    const children = [parseAnd()];
    while (isKeyword('or') || isKeyword('||')) {
      next();
      children.push(parseAnd());
    }
    return children.length === 1 ? (children[0] as JqlNode) : { kind: 'or', children };
  }

  function parseAnd(): JqlNode {
    const children = [parseNot()];
    while (isKeyword('and') || isKeyword('&&')) {
      next();
      children.push(parseNot());
    }
    return children.length === 1 ? (children[0] as JqlNode) : { kind: 'and', children };
  }

  function parseNot(): JqlNode {
    if (isKeyword('not') || (peek().kind === 'operator' && peek().text === '!')) {
      next();
      return nested(() => ({ kind: 'not', child: parseNot() }));
    }
    if (peek().kind === 'lparen') {
      next();
      const node = nested(parseOr);
      if (peek().kind !== 'rparen') fail(`Expecting ')' but got ${describe(peek())}.`, peek());
      next();
      return node;
    }
    return parseClause();
  }

  function nested<T>(parse: () => T): T {
    depth += 1;
    if (depth > MAX_JQL_DEPTH) fail(`The query is nested too deeply (more than ${MAX_JQL_DEPTH} levels).`, peek());
    try {
      return parse();
    } finally {
      depth -= 1;
    }
  }

  function parseField(): { field: FieldRef; fieldText: string } {
    const token = peek();
    if (token.kind === 'string') {
      next();
      return { field: { kind: 'name', name: token.text }, fieldText: token.text };
    }
    if (token.kind !== 'word' || RESERVED.has(lower(token))) fail(`Expecting a field name but got ${describe(token)}.`, token);
    next();
    if (peek().kind !== 'lbracket') return { field: { kind: 'name', name: token.text }, fieldText: token.text };
    next();
    const inner = next();
    if (inner.kind !== 'word' && inner.kind !== 'string') fail(`Expecting a field id in brackets but got ${describe(inner)}.`, inner);
    if (peek().kind !== 'rbracket') fail(`Expecting ']' but got ${describe(peek())}.`, peek());
    next();
    const head = token.text.toLowerCase();
    if (head === 'cf') {
      if (!/^\d+$/.test(inner.text)) fail(`The custom field id '${inner.text}' is not a number.`, inner);
      return { field: { kind: 'cf', id: inner.text }, fieldText: `cf[${inner.text}]` };
    }
    if (head === 'issue.property') {
      let path: string[] = [];
      const after = peek();
      if (after.kind === 'word' && after.text.startsWith('.')) {
        next();
        path = after.text.slice(1).split('.');
        if (path.some((part) => part === '')) fail(`The property path '${after.text}' is not valid.`, after);
      }
      return { field: { kind: 'property', key: inner.text, path }, fieldText: `issue.property[${inner.text}]${path.map((p) => `.${p}`).join('')}` };
    }
    return fail(`The field '${token.text}[${inner.text}]' is not supported.`, token);
  }

  function parseOperator(): Operator {
    const token = peek();
    if (token.kind === 'operator' && token.text !== '!') {
      next();
      return token.text as Operator;
    }
    const word = lower(token);
    if (word === 'in' || word === 'was' || word === 'changed') {
      next();
      return word;
    }
    if (word === 'not' && isKeyword('in', 1)) {
      next();
      next();
      return 'not in';
    }
    if (word === 'is') {
      next();
      if (isKeyword('not')) {
        next();
        return 'is not';
      }
      return 'is';
    }
    return fail(`Expecting operator but got ${describe(token)}. The valid operators are ${OPERATOR_LIST}.`, token);
  }

  function parseValue(): JqlValue {
    const token = peek();
    if (token.kind === 'string') {
      next();
      return { kind: 'string', text: token.text };
    }
    if (token.kind === 'word' && !RESERVED.has(lower(token))) {
      next();
      return { kind: 'word', text: token.text };
    }
    return fail(`Expecting either a value, list or function but got ${describe(token)}.`, token);
  }

  function parseFunctionArgs(): string[] {
    next(); // (
    const args: string[] = [];
    if (peek().kind === 'rparen') {
      next();
      return args;
    }
    for (;;) {
      args.push(parseValue().text);
      if (peek().kind === 'comma') {
        next();
        continue;
      }
      if (peek().kind !== 'rparen') fail(`Expecting ')' but got ${describe(peek())}.`, peek());
      next();
      return args;
    }
  }

  function parseOperand(operator: Operator): Operand {
    const token = peek();
    if (isKeyword('empty') || isKeyword('null')) {
      next();
      return { kind: 'empty' };
    }
    if (operator === 'is' || operator === 'is not') fail(`Expecting EMPTY or NULL after ${operator.toUpperCase()} but got ${describe(token)}.`, token);
    if (token.kind === 'lparen') {
      next();
      const values: JqlValue[] = [];
      for (;;) {
        values.push(parseValue());
        if (peek().kind === 'comma') {
          next();
          continue;
        }
        if (peek().kind !== 'rparen') fail(`Expecting ')' but got ${describe(peek())}.`, peek());
        next();
        return { kind: 'list', values };
      }
    }
    if (token.kind === 'word' && peek(1).kind === 'lparen') {
      next();
      return { kind: 'function', name: token.text, args: parseFunctionArgs() };
    }
    return { kind: 'value', value: parseValue() };
  }

  function parseClause(): Clause {
    const start = peek();
    const { field, fieldText } = parseField();
    const operator = parseOperator();
    const operand = parseOperand(operator);
    return { kind: 'clause', field, fieldText, operator, operand, position: start.position };
  }

  function parseOrderBy(): OrderItem[] {
    next(); // order
    if (!isKeyword('by')) fail(`Expecting 'by' but got ${describe(peek())}.`, peek());
    next();
    const items: OrderItem[] = [];
    for (;;) {
      const { field, fieldText } = parseField();
      let direction: 'asc' | 'desc' = 'asc';
      if (isKeyword('asc') || isKeyword('desc')) direction = lower(next()) as 'asc' | 'desc';
      items.push({ field, fieldText, direction });
      if (peek().kind !== 'comma') return items;
      next();
    }
  }

  const where = peek().kind === 'eof' || isKeyword('order') ? undefined : parseOr();
  const orderBy = isKeyword('order') ? parseOrderBy() : [];
  const rest = peek();
  if (rest.kind !== 'eof') {
    const expected = orderBy.length > 0 ? "',' or end of query" : "either 'OR' or 'AND'";
    fail(`Expecting ${expected} but got ${describe(rest)}.`, rest);
  }
  return { where, orderBy };
}
