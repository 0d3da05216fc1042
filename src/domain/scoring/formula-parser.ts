/**
 * Custom formulas: screened by hand (formula-screen), then parsed by jsep configured down to the
 * language (no member access, strings, arrays, ternary, bitwise or logical operators; `^` a
 * right-associative power that binds tighter than `*` and `/`), then turned into a small typed
 * tree whose every node carries its position, checked token by token against the screen.
 */
import jsep from 'jsep';
import { formulaError, inputNameProblem, isFunctionName, screenFormula } from './formula-screen';
import type { BinaryOperator, FormulaError, FormulaToken, FunctionName } from './formula-screen';

export type FormulaNode =
  | { readonly kind: 'number'; readonly value: number; readonly at: number }
  | { readonly kind: 'input'; readonly name: string; readonly at: number }
  | { readonly kind: 'negate'; readonly operand: FormulaNode; readonly at: number }
  | { readonly kind: 'binary'; readonly op: BinaryOperator; readonly left: FormulaNode; readonly right: FormulaNode; readonly at: number }
  | { readonly kind: 'call'; readonly fn: FunctionName; readonly args: readonly FormulaNode[]; readonly at: number };

export type ParsedFormula =
  | { readonly ok: true; readonly tree: FormulaNode; readonly usedInputs: string[] }
  | { readonly ok: false; readonly errors: FormulaError[] };

// jsep keeps its operator tables in module state; this module is the only one that configures
// them, once, on first import. Everything removed here is also refused by the screen with a
// better message: the jsep configuration is the second lock, not the first.
let configured = false;
function configureJsep(): void {
  if (configured) return;
  configured = true;
  for (const op of ['||', '??', '&&', '|', '^', '&', '===', '!==', '<<', '>>', '>>>', '%', '**']) jsep.removeBinaryOp(op);
  jsep.addBinaryOp('^', 11, true);
  // Typographic operators pasted from documents (PRODUCT.md itself writes − × ÷).
  jsep.addBinaryOp('×', 10);
  jsep.addBinaryOp('÷', 10);
  jsep.addBinaryOp('−', 9);
  jsep.removeUnaryOp('!');
  jsep.removeUnaryOp('~');
  jsep.addUnaryOp('−');
  jsep.removeAllLiterals();
  jsep.removeIdentifierChar('$');
}

const OPERATOR_NAMES: Readonly<Record<string, BinaryOperator>> = {
  '+': '+', '-': '-', '−': '-', '*': '*', '×': '*', '/': '/', '÷': '/', '^': '^',
  '<': '<', '<=': '<=', '>': '>', '>=': '>=', '==': '==', '!=': '!=',
};

class TreeMismatch extends Error {}

/** Builds the typed tree while consuming the screen's tokens in source order. */
function buildTree(node: jsep.Expression, tokens: readonly FormulaToken[], cursor: { next: number }): FormulaNode {
  const take = (): FormulaToken => {
    const token = tokens[cursor.next++];
    if (token === undefined) throw new TreeMismatch('ran out of tokens');
    return token;
  };
  switch (node.type) {
    case 'Literal': {
      const token = take();
      if (token.type !== 'number' || token.value !== node.value) throw new TreeMismatch('number');
      return { kind: 'number', value: token.value, at: token.at };
    }
    case 'Identifier': {
      const token = take();
      if (token.type !== 'name' || token.name !== node.name) throw new TreeMismatch('name');
      return { kind: 'input', name: token.name, at: token.at };
    }
    case 'UnaryExpression': {
      const token = take();
      const op = node.operator === '−' ? '-' : node.operator;
      if (token.type !== 'unary' || token.op !== op) throw new TreeMismatch('sign');
      const operand = buildTree(node.argument as jsep.Expression, tokens, cursor);
      return op === '-' ? { kind: 'negate', operand, at: token.at } : operand;
    }
    case 'BinaryExpression': {
      const left = buildTree(node.left as jsep.Expression, tokens, cursor);
      const token = take();
      const op = OPERATOR_NAMES[node.operator as string];
      if (token.type !== 'binary' || op === undefined || token.op !== op) throw new TreeMismatch('operator');
      const right = buildTree(node.right as jsep.Expression, tokens, cursor);
      return { kind: 'binary', op, left, right, at: token.at };
    }
    case 'CallExpression': {
      const callee = node.callee as jsep.Expression;
      const token = take();
      if (callee.type !== 'Identifier' || token.type !== 'call' || token.name !== callee.name || !isFunctionName(token.name)) throw new TreeMismatch('call');
      const args = (node.arguments as jsep.Expression[]).map((arg) => buildTree(arg, tokens, cursor));
      return { kind: 'call', fn: token.name, args, at: token.at };
    }
    default:
      // Member access, `this`, arrays, strings, sequences, ternaries: the screen refuses them all first.
      throw new TreeMismatch(node.type);
  }
}

/** The declared names that can appear in a formula (others can never be referenced). */
export function usableInputNames(inputNames: readonly string[]): Set<string> {
  return new Set(inputNames.filter((name) => inputNameProblem(name) === undefined));
}

export function parseFormula(text: string, inputNames: readonly string[]): ParsedFormula {
  if (typeof text !== 'string') return { ok: false, errors: [formulaError('', 0, `expected the formula as text, got ${typeof text}`, 'text')] };
  const screen = screenFormula(text, usableInputNames(inputNames));
  if (screen.errors.length > 0) return { ok: false, errors: screen.errors };
  configureJsep();
  let expression: jsep.Expression;
  try {
    expression = jsep(text);
  } catch (error: unknown) {
    // The screen accepts only what jsep parses; this is the backstop, still with a position.
    const index = typeof (error as { index?: unknown }).index === 'number' ? (error as { index: number }).index : 0;
    const description = typeof (error as { description?: unknown }).description === 'string' ? (error as { description: string }).description : 'syntax error';
    return { ok: false, errors: [formulaError(text, Math.min(Math.max(index, 0), text.length), description)] };
  }
  const cursor = { next: 0 };
  try {
    const tree = buildTree(expression, screen.tokens, cursor);
    if (cursor.next !== screen.tokens.length) throw new TreeMismatch('trailing tokens');
    return { ok: true, tree, usedInputs: screen.usedInputs };
  } catch (error: unknown) {
    if (!(error instanceof TreeMismatch)) throw error;
    const token = screen.tokens[Math.max(0, cursor.next - 1)];
    return { ok: false, errors: [formulaError(text, token?.at ?? 0, 'this part of the formula could not be read')] };
  }
}
