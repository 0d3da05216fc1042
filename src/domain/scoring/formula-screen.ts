/**
 * The first pass over a custom formula, before any parser sees it: length, characters, names,
 * nesting and the shape of the token stream, all checked in one loop without recursion, so a
 * megabyte of text or 10,000 nested parentheses is a clear error and never a stack overflow, and
 * every error carries the position where it was found and what was expected there.
 *
 * Over 400 lines because screenFormula is one loop without recursion by design (see above): its checks share the loop's position and what it expects next.
 */

export interface FormulaError {
  message: string;
  /** 0-based index into the formula text (UTF-16 code units, as JavaScript counts). */
  index: number;
  /** 1-based column within the line of `index`. */
  column: number;
  expected?: string;
  unknownNames?: string[];
}

export const FORMULA_MAX_LENGTH = 2_000;
/** Parentheses and prefix signs together; deeper formulas are unreadable long before this. */
export const FORMULA_MAX_DEPTH = 64;

export type FunctionName = 'min' | 'max' | 'round' | 'sqrt' | 'log' | 'abs' | 'if';

interface Arity {
  readonly min: number;
  readonly max: number;
  readonly shape: string;
}

export const FUNCTION_ARITY: Readonly<Record<FunctionName, Arity>> = {
  min: { min: 2, max: Number.POSITIVE_INFINITY, shape: 'min(a, b, …)' },
  max: { min: 2, max: Number.POSITIVE_INFINITY, shape: 'max(a, b, …)' },
  round: { min: 1, max: 1, shape: 'round(x)' },
  sqrt: { min: 1, max: 1, shape: 'sqrt(x)' },
  log: { min: 1, max: 1, shape: 'log(x)' },
  abs: { min: 1, max: 1, shape: 'abs(x)' },
  if: { min: 3, max: 3, shape: 'if(condition, then, else)' },
};

const FUNCTION_NAMES: ReadonlySet<string> = new Set(Object.keys(FUNCTION_ARITY));
/** Words the parser gives a meaning of its own (literals, `this`): never usable as names. */
const RESERVED_WORDS: ReadonlySet<string> = new Set(['true', 'false', 'null', 'this']);

export function isFunctionName(name: string): name is FunctionName {
  return FUNCTION_NAMES.has(name);
}

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why `name` cannot name an input in a formula, or undefined when it can. */
export function inputNameProblem(name: string): string | undefined {
  if (!NAME_PATTERN.test(name)) {
    return `"${name}" cannot be used as a name in a formula: use ASCII letters, digits and _ (not starting with a digit); put other text in the input's label`;
  }
  if (FUNCTION_NAMES.has(name)) return `"${name}" is a function of the formula language and cannot name an input`;
  if (RESERVED_WORDS.has(name)) return `"${name}" is a reserved word and cannot name an input`;
  return undefined;
}

export type BinaryOperator = '+' | '-' | '*' | '/' | '^' | '<' | '<=' | '>' | '>=' | '==' | '!=';

/** A token the parse tree is made of, in source order (parentheses and commas are left out). */
export type FormulaToken =
  | { readonly type: 'number'; readonly at: number; readonly end: number; readonly value: number }
  | { readonly type: 'name'; readonly at: number; readonly end: number; readonly name: string }
  | { readonly type: 'call'; readonly at: number; readonly end: number; readonly name: FunctionName }
  | { readonly type: 'unary'; readonly at: number; readonly end: number; readonly op: '-' | '+' }
  | { readonly type: 'binary'; readonly at: number; readonly end: number; readonly op: BinaryOperator };

export interface ScreenResult {
  readonly errors: FormulaError[];
  /** Declared inputs the formula uses, in order of first use. */
  readonly usedInputs: string[];
  readonly tokens: FormulaToken[];
}

export function positionOf(text: string, index: number): { index: number; column: number } {
  const lineStart = index === 0 ? 0 : text.lastIndexOf('\n', index - 1) + 1;
  return { index, column: index - lineStart + 1 };
}

/** "column 7", or "line 2, column 3" in a formula written over several lines. */
export function describePosition(text: string, index: number): string {
  const { column } = positionOf(text, index);
  if (!text.includes('\n')) return `column ${column}`;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return `line ${line}, column ${column}`;
}

export function formulaError(text: string, index: number, message: string, expected?: string, unknownNames?: string[]): FormulaError {
  const { column } = positionOf(text, index);
  const error: FormulaError = { message: `${message} (at ${describePosition(text, index)})`, index, column };
  if (expected !== undefined) error.expected = expected;
  if (unknownNames !== undefined) error.unknownNames = unknownNames;
  return error;
}

const EXPECT_OPERAND = 'a number, an input name, a function such as min(…), "(" or a sign';
const EXPECT_OPERATOR = 'an operator (+ - * / ^ < <= > >= == !=)';

interface Frame {
  readonly open: number;
  /** The function this parenthesis calls, or undefined for a plain group. */
  readonly call: FunctionName | undefined;
  readonly callAt: number;
  /** Prefix signs written before this parenthesis (or before the call's name). */
  readonly signsBefore: number;
  /** Where the signs before it start (-1 without signs), for the `-x^y` check. */
  readonly signAt: number;
  commas: number;
}

function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isNamePart(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isSpace(code: number): boolean {
  // Exactly the white space jsep skips; anything else is reported rather than misread.
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function describeChar(text: string, index: number): string {
  const codePoint = text.codePointAt(index) ?? 0;
  const char = String.fromCodePoint(codePoint);
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  return codePoint < 32 || codePoint === 127 || codePoint >= 0x80 ? `"${char}" (${hex})` : `"${char}"`;
}

/** A specific reason for characters people try that the language does not have. */
function unsupportedOperator(text: string, i: number): { length: number; message: string; expected: string } | undefined {
  const two = text.slice(i, i + 2);
  const three = text.slice(i, i + 3);
  if (three === '===' || three === '!==') return { length: 3, message: `"${three}" is not an operator here`, expected: `"${three.slice(0, 2)}"` };
  if (two === '**') return { length: 2, message: '"**" is not an operator here: powers are written with ^', expected: '"^"' };
  if (two === '&&' || two === '||') {
    return { length: 2, message: `"${two}" is not supported: combine comparisons with min(a, b) (both) or max(a, b) (either)`, expected: EXPECT_OPERATOR };
  }
  if (two === '<<' || two === '>>') return { length: 2, message: `"${two}" is not supported`, expected: EXPECT_OPERATOR };
  const one = text.charAt(i);
  switch (one) {
    case '=':
      return { length: 1, message: '"=" is not an operator here: compare with ==', expected: '"=="' };
    case '!':
      return { length: 1, message: '"!" is not supported: write a == 0 for "not a"', expected: EXPECT_OPERATOR };
    case '%':
      return { length: 1, message: '"%" (remainder) is not supported', expected: EXPECT_OPERATOR };
    case '&':
    case '|':
      return { length: 1, message: `"${one}" is not supported: combine comparisons with min(a, b) (both) or max(a, b) (either)`, expected: EXPECT_OPERATOR };
    case '?':
    case ':':
      return { length: 1, message: `"${one}" is not supported: write if(condition, then, else)`, expected: EXPECT_OPERATOR };
    case '[':
    case ']':
      return { length: 1, message: 'indexing and lists ([…]) are not allowed: a formula works on named inputs only', expected: EXPECT_OPERATOR };
    case '.':
      return { length: 1, message: 'property access (a.b) is not allowed: a formula works on named inputs only', expected: EXPECT_OPERATOR };
    case '"':
    case "'":
    case '`':
      return { length: 1, message: 'text in quotes is not allowed: a formula works on numbers', expected: EXPECT_OPERAND };
    case ';':
      return { length: 1, message: '";" is not allowed: a formula is one expression', expected: EXPECT_OPERATOR };
    case '~':
      return { length: 1, message: '"~" is not supported', expected: EXPECT_OPERAND };
    default:
      return undefined;
  }
}

/** Normalises the typographic operators people paste from documents (× ÷ −). */
function operatorAt(text: string, i: number): { op: BinaryOperator; length: number } | undefined {
  const code = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  switch (code) {
    case 43: return { op: '+', length: 1 };
    case 45: return { op: '-', length: 1 };
    case 0x2212: return { op: '-', length: 1 };
    case 42: return next === 42 ? undefined : { op: '*', length: 1 };
    case 0xd7: return { op: '*', length: 1 };
    case 47: return { op: '/', length: 1 };
    case 0xf7: return { op: '/', length: 1 };
    case 94: return { op: '^', length: 1 };
    case 60: return next === 61 ? { op: '<=', length: 2 } : next === 60 ? undefined : { op: '<', length: 1 };
    case 62: return next === 61 ? { op: '>=', length: 2 } : next === 62 ? undefined : { op: '>', length: 1 };
    case 61: return next === 61 && text.charCodeAt(i + 2) !== 61 ? { op: '==', length: 2 } : undefined;
    case 33: return next === 61 && text.charCodeAt(i + 2) !== 61 ? { op: '!=', length: 2 } : undefined;
    default: return undefined;
  }
}

/** Reads a number literal the way jsep does (digits, fraction, exponent) and checks its end. */
function scanNumber(text: string, start: number): { end: number; value: number } | { end: number; error: string } {
  let i = start;
  while (isDigit(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 46) {
    i++;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  if (i === start + 1 && text.charCodeAt(start) === 46) return { end: start, error: 'a "." must be part of a number such as 0.5' };
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    let j = i + 1;
    const sign = text.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    if (!isDigit(text.charCodeAt(j))) return { end: i, error: 'an exponent needs digits, as in 1e6' };
    while (isDigit(text.charCodeAt(j))) j++;
    i = j;
  }
  if (text.charCodeAt(i) === 46) return { end: i, error: 'a number has at most one "."' };
  if (isNamePart(text.charCodeAt(i))) return { end: i, error: 'a name cannot start with a digit' };
  const value = Number(text.slice(start, i));
  if (!Number.isFinite(value)) return { end: start, error: 'this number is too large' };
  return { end: i, value };
}

/**
 * Screens `text` against the language: only declared `inputNames`, number literals, the listed
 * functions with their arity, `+ - * / ^`, comparisons and parentheses. Structural errors stop
 * the screen at the first one (what follows would only be confusing); unknown names are collected
 * over the whole text and reported together.
 */
export function screenFormula(text: string, inputNames: ReadonlySet<string>): ScreenResult {
  const errors: FormulaError[] = [];
  const tokens: FormulaToken[] = [];
  const used: string[] = [];
  const usedSet = new Set<string>();
  const unknown: string[] = [];
  const unknownSet = new Set<string>();
  let firstUnknownAt = -1;
  const fail = (index: number, message: string, expected?: string): ScreenResult => {
    errors.push(formulaError(text, index, message, expected));
    return finish();
  };
  const finish = (): ScreenResult => {
    if (unknown.length > 0) {
      const declared = [...inputNames].filter((name) => inputNameProblem(name) === undefined);
      const expected = declared.length > 0 ? `an input name: ${declared.join(', ')}` : 'an input name (none are declared)';
      const list = unknown.map((name) => `"${name}"`).join(', ');
      errors.push(formulaError(text, firstUnknownAt, `unknown ${unknown.length === 1 ? 'name' : 'names'} ${list}`, expected, unknown));
      errors.sort((a, b) => a.index - b.index);
    }
    return { errors, usedInputs: used, tokens };
  };

  if (text.length > FORMULA_MAX_LENGTH) {
    return fail(FORMULA_MAX_LENGTH, `the formula is ${text.length.toLocaleString('en-US')} characters long; the limit is ${FORMULA_MAX_LENGTH.toLocaleString('en-US')}`, `at most ${FORMULA_MAX_LENGTH.toLocaleString('en-US')} characters`);
  }

  const frames: Frame[] = [];
  let expectOperand = true;
  /** Prefix signs pending before the next operand, and the nesting they add. */
  let signs = 0;
  let firstSignAt = -1;
  let depth = 0;
  /** Whether the operand just finished was written with a sign before it (`-x`), for `^`. */
  let lastOperandSigned = false;
  let lastOperandSignAt = -1;
  let i = 0;

  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      i++;
      continue;
    }

    if (expectOperand) {
      if (isDigit(code) || (code === 46 && isDigit(text.charCodeAt(i + 1)))) {
        const number = scanNumber(text, i);
        if ('error' in number) return fail(number.end, number.error, 'a number');
        tokens.push({ type: 'number', at: i, end: number.end, value: number.value });
        expectOperand = false;
        lastOperandSigned = signs > 0;
        lastOperandSignAt = firstSignAt;
        depth -= signs;
        signs = 0;
        firstSignAt = -1;
        i = number.end;
        continue;
      }
      if (isNameStart(code)) {
        let end = i + 1;
        while (isNamePart(text.charCodeAt(end))) end++;
        if (end < text.length && text.charCodeAt(end) >= 0x80 && !operatorAt(text, end)) {
          return fail(end, `names use ASCII letters, digits and _ only; found ${describeChar(text, end)}`, 'an ASCII name');
        }
        const name = text.slice(i, end);
        let after = end;
        while (isSpace(text.charCodeAt(after))) after++;
        const isCall = text.charCodeAt(after) === 40;
        if (RESERVED_WORDS.has(name)) return fail(i, `"${name}" is not available in a formula`, EXPECT_OPERAND);
        if (isCall) {
          if (!isFunctionName(name)) {
            if (inputNames.has(name)) return fail(i, `"${name}" is an input, not a function`, `a function: ${[...FUNCTION_NAMES].join(', ')}`);
            return fail(i, `unknown function "${name}"`, `a function: ${[...FUNCTION_NAMES].join(', ')}`);
          }
          tokens.push({ type: 'call', at: i, end, name });
          depth += 1;
          if (depth > FORMULA_MAX_DEPTH) return fail(after, `the formula is nested deeper than ${FORMULA_MAX_DEPTH} levels`, 'a flatter formula');
          frames.push({ open: after, call: name, callAt: i, signsBefore: signs, signAt: firstSignAt, commas: 0 });
          // The signs before a call stay counted in `depth` until the call closes.
          signs = 0;
          firstSignAt = -1;
          i = after + 1;
          // An immediate ")" is an empty call: its arity is checked at the ")".
          continue;
        }
        if (isFunctionName(name)) return fail(i, `"${name}" is a function: call it as ${FUNCTION_ARITY[name].shape}`, '"(" after the function name');
        if (inputNames.has(name)) {
          if (!usedSet.has(name)) {
            usedSet.add(name);
            used.push(name);
          }
        } else if (!unknownSet.has(name)) {
          unknownSet.add(name);
          unknown.push(name);
          if (firstUnknownAt < 0) firstUnknownAt = i;
        }
        tokens.push({ type: 'name', at: i, end, name });
        expectOperand = false;
        lastOperandSigned = signs > 0;
        lastOperandSignAt = firstSignAt;
        depth -= signs;
        signs = 0;
        firstSignAt = -1;
        i = end;
        continue;
      }
      if (code === 40) {
        depth += 1;
        if (depth > FORMULA_MAX_DEPTH) return fail(i, `the formula is nested deeper than ${FORMULA_MAX_DEPTH} levels`, 'a flatter formula');
        frames.push({ open: i, call: undefined, callAt: i, signsBefore: signs, signAt: firstSignAt, commas: 0 });
        signs = 0;
        firstSignAt = -1;
        i++;
        continue;
      }
      if (code === 43 || code === 45 || code === 0x2212) {
        if (signs === 0) firstSignAt = i;
        signs++;
        depth += 1;
        if (depth > FORMULA_MAX_DEPTH) return fail(i, `the formula is nested deeper than ${FORMULA_MAX_DEPTH} levels`, 'a flatter formula');
        tokens.push({ type: 'unary', at: i, end: i + 1, op: code === 43 ? '+' : '-' });
        i++;
        continue;
      }
      if (code === 41) {
        const frame = frames[frames.length - 1];
        if (frame?.call !== undefined && frame.commas === 0 && signs === 0 && tokens[tokens.length - 1]?.type === 'call') {
          // "f()": no arguments at all.
          const arity = FUNCTION_ARITY[frame.call];
          return fail(frame.callAt, `${frame.call} needs ${arity.min === arity.max ? arity.min : `at least ${arity.min}`} argument${arity.min === 1 ? '' : 's'}: ${arity.shape}`, arity.shape);
        }
        if (frame !== undefined && frame.call === undefined && signs === 0 && lastNonSpaceBefore(text, i) === frame.open) {
          return fail(i, 'empty parentheses', EXPECT_OPERAND);
        }
        return fail(i, signs > 0 ? 'a sign must be followed by a value' : 'expected a value before ")"', EXPECT_OPERAND);
      }
      if (code === 44) return fail(i, 'expected a value before ","', EXPECT_OPERAND);
      if (operatorAt(text, i) !== undefined) return fail(i, `expected a value before "${text.charAt(i)}"`, EXPECT_OPERAND);
      if (code >= 0x80) return fail(i, `names use ASCII letters, digits and _ only; found ${describeChar(text, i)}`, EXPECT_OPERAND);
      const unsupported = unsupportedOperator(text, i);
      if (unsupported !== undefined) return fail(i, unsupported.message, EXPECT_OPERAND);
      return fail(i, `unexpected ${describeChar(text, i)}`, EXPECT_OPERAND);
    }

    // After an operand: an operator, ")", "," or the end.
    const op = operatorAt(text, i);
    if (op !== undefined) {
      if (op.op === '^' && lastOperandSigned) {
        return fail(lastOperandSignAt, 'a sign before a power is ambiguous: write -(x ^ y) or (-x) ^ y', '"(" to make the order explicit');
      }
      tokens.push({ type: 'binary', at: i, end: i + op.length, op: op.op });
      expectOperand = true;
      i += op.length;
      continue;
    }
    if (code === 41) {
      const frame = frames.pop();
      if (frame === undefined) return fail(i, 'this ")" has no matching "("', EXPECT_OPERATOR);
      depth -= 1 + frame.signsBefore;
      if (frame.call !== undefined) {
        const count = frame.commas + 1;
        const arity = FUNCTION_ARITY[frame.call];
        if (count < arity.min || count > arity.max) {
          const wanted = arity.min === arity.max ? `${arity.min}` : `at least ${arity.min}`;
          return fail(frame.callAt, `${frame.call} takes ${wanted} argument${arity.max === 1 ? '' : 's'}, got ${count}: ${arity.shape}`, arity.shape);
        }
      }
      lastOperandSigned = frame.signAt >= 0;
      lastOperandSignAt = frame.signAt;
      i++;
      continue;
    }
    if (code === 44) {
      const frame = frames[frames.length - 1];
      if (frame?.call === undefined) return fail(i, '"," only separates the arguments of a function', EXPECT_OPERATOR);
      frame.commas++;
      expectOperand = true;
      i++;
      continue;
    }
    if (code === 40) return fail(i, 'expected an operator before "("', EXPECT_OPERATOR);
    if (isNameStart(code) || isDigit(code)) return fail(i, 'expected an operator between two values', EXPECT_OPERATOR);
    const unsupported = unsupportedOperator(text, i);
    if (unsupported !== undefined) return fail(i, unsupported.message, unsupported.expected);
    return fail(i, `unexpected ${describeChar(text, i)}`, EXPECT_OPERATOR);
  }

  if (tokens.length === 0) return fail(0, 'the formula is empty', EXPECT_OPERAND);
  if (expectOperand) return fail(text.length, signs > 0 ? 'a sign must be followed by a value' : 'the formula ends where a value is expected', EXPECT_OPERAND);
  const open = frames[frames.length - 1];
  if (open !== undefined) return fail(open.open, `this "(" is never closed`, '")"');
  return finish();
}

function lastNonSpaceBefore(text: string, index: number): number {
  let i = index - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  return i;
}
