/**
 * Turns a parsed formula into a tree of closures, once per configuration, so scoring an issue is
 * a handful of direct calls: no tree walk with a switch per node, no eval, no `new Function`.
 *
 * Every step that can leave the finite numbers (÷, ^, sqrt, log, and overflow of + − ×) checks its
 * own result; the first failure is remembered with its position and the run answers NaN, which
 * the scorer turns into an `invalid` result with that reason. A step that is not evaluated (the
 * other branch of `if`) cannot fail the score.
 */
import { describePosition } from './formula-screen';
import type { BinaryOperator } from './formula-screen';
import type { FormulaNode } from './formula-parser';

type Step = (values: Float64Array) => number;

interface Fault {
  readonly node: FormulaNode;
  readonly a: number;
  readonly b: number;
}

export interface FormulaProgram {
  /** Input names in slot order: `run` reads input `usedInputs[i]` from `values[i]`. */
  readonly usedInputs: readonly string[];
  /** The formula's value, or NaN when a step failed (see `faultReason`). */
  readonly run: (values: Float64Array) => number;
  /** Why the last run failed, or undefined when it did not. */
  readonly faultReason: () => string | undefined;
}

const SYMBOL: Readonly<Record<BinaryOperator, string>> = {
  '+': '+', '-': '-', '*': '*', '/': '/', '^': '^', '<': '<', '<=': '<=', '>': '>', '>=': '>=', '==': '==', '!=': '!=',
};

function describeFault(text: string, fault: Fault): string {
  const { node, a, b } = fault;
  const at = describePosition(text, node.at);
  if (node.kind === 'binary') {
    if (node.op === '/' && b === 0) return `division by zero: the divisor of "/" at ${at} is 0`;
    if (node.op === '^') {
      if (a === 0 && b < 0) return `0 raised to a negative power at ${at} (division by zero)`;
      if (Number.isNaN(a ** b)) return `"^" at ${at} has no real result (${a} ^ ${b})`;
    }
    return `the result of "${SYMBOL[node.op]}" at ${at} is too large to be a number (overflow)`;
  }
  if (node.kind === 'call') {
    if (node.fn === 'sqrt') return `square root of a negative number (${a}) at ${at}`;
    if (node.fn === 'log') return `logarithm of ${a === 0 ? 'zero' : `a negative number (${a})`} at ${at}`;
  }
  return `the formula has no finite value at ${at}`;
}

/** Rounds half away from zero (2.5 → 3, −2.5 → −3), as people expect, unlike Math.round. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

export function compileFormula(text: string, tree: FormulaNode, usedInputs: readonly string[]): FormulaProgram {
  const slots = new Map<string, number>();
  usedInputs.forEach((name, index) => slots.set(name, index));
  // The first failure of the current run (a holder, so closures and `run` share it).
  const last: { fault: Fault | undefined } = { fault: undefined };
  const fail = (node: FormulaNode, a: number, b: number): number => {
    last.fault ??= { node, a, b };
    return Number.NaN;
  };

  const compile = (node: FormulaNode): Step => {
    switch (node.kind) {
      case 'number': {
        const value = node.value;
        return () => value;
      }
      case 'input': {
        const slot = slots.get(node.name);
        if (slot === undefined) throw new Error(`formula input "${node.name}" has no slot`);
        return (values) => values[slot] ?? Number.NaN;
      }
      case 'negate': {
        const operand = compile(node.operand);
        return (values) => -operand(values);
      }
      case 'binary':
        return compileBinary(node, compile(node.left), compile(node.right));
      case 'call':
        return compileCall(node, node.args.map(compile));
    }
  };

  const compileBinary = (node: FormulaNode & { kind: 'binary' }, left: Step, right: Step): Step => {
    switch (node.op) {
      case '+':
        return (v) => {
          const r = left(v) + right(v);
          return r - r === 0 ? r : fail(node, r, 0);
        };
      case '-':
        return (v) => {
          const r = left(v) - right(v);
          return r - r === 0 ? r : fail(node, r, 0);
        };
      case '*':
        return (v) => {
          const r = left(v) * right(v);
          return r - r === 0 ? r : fail(node, r, 0);
        };
      case '/':
        return (v) => {
          const a = left(v);
          const b = right(v);
          const r = a / b;
          return r - r === 0 ? r : fail(node, a, b);
        };
      case '^':
        return (v) => {
          const a = left(v);
          const b = right(v);
          const r = a ** b;
          return r - r === 0 ? r : fail(node, a, b);
        };
      case '<':
        return (v) => (left(v) < right(v) ? 1 : 0);
      case '<=':
        return (v) => (left(v) <= right(v) ? 1 : 0);
      case '>':
        return (v) => (left(v) > right(v) ? 1 : 0);
      case '>=':
        return (v) => (left(v) >= right(v) ? 1 : 0);
      case '==':
        return (v) => (left(v) === right(v) ? 1 : 0);
      case '!=':
        return (v) => (left(v) !== right(v) ? 1 : 0);
    }
  };

  const compileCall = (node: FormulaNode & { kind: 'call' }, args: Step[]): Step => {
    const [first, second, third] = args;
    if (first === undefined) throw new Error(`${node.fn} without arguments`);
    switch (node.fn) {
      case 'min':
      case 'max': {
        const pick = node.fn === 'min' ? Math.min : Math.max;
        if (args.length === 2 && second !== undefined) return (v) => pick(first(v), second(v));
        return (v) => {
          let result = first(v);
          for (let i = 1; i < args.length; i++) result = pick(result, (args[i] as Step)(v));
          return result;
        };
      }
      case 'round':
        return (v) => roundHalfAway(first(v));
      case 'abs':
        return (v) => Math.abs(first(v));
      case 'sqrt':
        return (v) => {
          const x = first(v);
          return x >= 0 ? Math.sqrt(x) : fail(node, x, 0);
        };
      case 'log':
        return (v) => {
          const x = first(v);
          return x > 0 ? Math.log(x) : fail(node, x, 0);
        };
      case 'if': {
        if (second === undefined || third === undefined) throw new Error('if needs three arguments');
        return (v) => (first(v) !== 0 ? second(v) : third(v));
      }
    }
  };

  const root = compile(tree);
  // Read through a function: the steps set `last.fault` behind the type checker's back.
  const failed = (): boolean => last.fault !== undefined;
  return {
    usedInputs,
    run: (values: Float64Array): number => {
      last.fault = undefined;
      const result = root(values);
      // A failed step may be hidden by a later comparison or min/max: the first failure decides.
      return failed() ? Number.NaN : result - result === 0 ? result : Number.NaN;
    },
    faultReason: (): string | undefined => (last.fault === undefined ? undefined : describeFault(text, last.fault)),
  };
}
