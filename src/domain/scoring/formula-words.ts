/**
 * A formula written back for people, with input labels instead of names and the usual signs
 * (× ÷ −), keeping only the parentheses the order of operations needs: what the sidebar shows
 * under the score.
 */
import type { BinaryOperator } from './formula-screen';
import type { FormulaNode } from './formula-parser';

const PRECEDENCE: Readonly<Record<BinaryOperator, number>> = {
  '==': 6, '!=': 6, '<': 7, '<=': 7, '>': 7, '>=': 7, '+': 9, '-': 9, '*': 10, '/': 10, '^': 11,
};

const SIGN: Readonly<Record<BinaryOperator, string>> = {
  '+': '+', '-': '−', '*': '×', '/': '÷', '^': '^', '<': '<', '<=': '≤', '>': '>', '>=': '≥', '==': '=', '!=': '≠',
};

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}

function render(node: FormulaNode, labelOf: (name: string) => string): { text: string; precedence: number } {
  switch (node.kind) {
    case 'number':
      return { text: formatNumber(node.value), precedence: 20 };
    case 'input':
      return { text: labelOf(node.name), precedence: 20 };
    case 'negate': {
      const operand = render(node.operand, labelOf);
      return { text: `−${operand.precedence < 12 ? `(${operand.text})` : operand.text}`, precedence: 12 };
    }
    case 'call':
      return { text: `${node.fn}(${node.args.map((arg) => render(arg, labelOf).text).join(', ')})`, precedence: 20 };
    case 'binary': {
      const precedence = PRECEDENCE[node.op];
      const left = render(node.left, labelOf);
      const right = render(node.right, labelOf);
      // ^ is right-associative: (a ^ b) ^ c keeps its parentheses, a ^ b ^ c does not need them.
      const leftNeeds = left.precedence < precedence || (node.op === '^' && left.precedence === precedence) || (node.op === '^' && left.precedence === 12);
      // At equal precedence the right operand keeps its parentheses, even for + and ×: a + (b + c)
      // is computed in that order, and in floating point the order can change the last digit.
      const rightNeeds = right.precedence < precedence || (right.precedence === precedence && node.op !== '^');
      const leftText = leftNeeds ? `(${left.text})` : left.text;
      const rightText = rightNeeds ? `(${right.text})` : right.text;
      return { text: `${leftText} ${SIGN[node.op]} ${rightText}`, precedence };
    }
  }
}

export function formulaInWords(tree: FormulaNode, labelOf: (name: string) => string): string {
  return render(tree, labelOf).text;
}
