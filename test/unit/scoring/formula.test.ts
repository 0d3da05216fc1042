import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFormula, compileFormulaText, FORMULA_MAX_DEPTH, FORMULA_MAX_LENGTH } from '../../../src/domain/scoring/index';
import type { FormulaError } from '../../../src/domain/scoring/index';

const NAMES = ['a', 'b', 'c', 'businessValue', 'jobSize'];

function errorsOf(text: string, names: readonly string[] = NAMES): FormulaError[] {
  const check = checkFormula(text, names);
  if (check.ok) throw new Error(`expected ${JSON.stringify(text.slice(0, 60))} to be refused`);
  return check.errors;
}

function firstError(text: string, names: readonly string[] = NAMES): FormulaError {
  const error = errorsOf(text, names)[0];
  if (error === undefined) throw new Error('no error');
  return error;
}

/** Evaluates `text` with the given input values (in the order the formula first uses them). */
function evaluate(text: string, values: Record<string, number> = {}): { value: number; fault: string | undefined } {
  const compiled = compileFormulaText(text, Object.keys(values));
  if (!compiled.ok) throw new Error(`does not compile: ${compiled.errors.map((e) => e.message).join('; ')}`);
  const slots = Float64Array.from(compiled.formula.usedInputs.map((name) => values[name] ?? Number.NaN));
  const value = compiled.formula.run(slots);
  return { value, fault: compiled.formula.faultReason() };
}

const value = (text: string, values: Record<string, number> = {}): number => evaluate(text, values).value;

describe('checkFormula: what the language accepts', () => {
  it.each([
    ['(businessValue + a + b) / jobSize', ['businessValue', 'a', 'b', 'jobSize']],
    ['a', ['a']],
    ['2 * 3', []],
    ['if(a > 1, b, c)', ['a', 'b', 'c']],
    ['min(a, b, c) + max(a, 1) + round(a) + sqrt(a) + log(a) + abs(-a)', ['a', 'b', 'c']],
    ['a < b == (b >= c)', ['a', 'b', 'c']],
    ['-a + +b - -c', ['a', 'b', 'c']],
    ['a × b ÷ c − 1', ['a', 'b', 'c']],
    ['1e3 + .5 + 2.', []],
    ['a\n  + b', ['a', 'b']],
  ])('%s uses %j', (text, used) => {
    expect(checkFormula(text, NAMES)).toEqual({ ok: true, usedInputs: used });
  });

  it('lists each used input once, in order of first use', () => {
    expect(checkFormula('b + a * b + a', NAMES)).toEqual({ ok: true, usedInputs: ['b', 'a'] });
  });
});

describe('formula arithmetic', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['2 ^ 3 ^ 2', 512], // right-associative: 2 ^ 9
    ['(2 ^ 3) ^ 2', 64],
    ['2 * 3 ^ 2', 18], // ^ binds tighter than *
    ['12 / 2 ^ 2', 3], // … and than /
    ['2 ^ -1', 0.5], // a sign after ^ is fine
    ['-(2 ^ 2)', -4],
    ['(-2) ^ 2', 4],
    ['10 - 4 - 3', 3], // left-associative
    ['8 / 4 / 2', 1],
    ['3 > 2', 1],
    ['3 < 2', 0],
    ['2 <= 2', 1],
    ['2 >= 3', 0],
    ['2 == 2', 1],
    ['2 != 2', 0],
    ['min(4, 2, 8)', 2],
    ['max(4, 2, 8)', 8],
    ['round(2.5)', 3],
    ['round(-2.5)', -3], // half away from zero, not Math.round's −2
    ['round(2.4)', 2],
    ['sqrt(16)', 4],
    ['log(1)', 0], // natural logarithm
    ['abs(-3)', 3],
    ['if(1, 10, 20)', 10],
    ['if(0, 10, 20)', 20],
    ['if(2 > 1, 10, 20)', 10],
    ['6 × 7 ÷ 2 − 1', 20],
  ])('%s = %d', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it('reads named inputs', () => {
    expect(value('(a + b) / c', { a: 8, b: 5, c: 2 })).toBe(6.5);
  });

  it('does not evaluate the branch of if that is not taken, so a guarded division is fine', () => {
    expect(evaluate('if(c > 0, a / c, 0)', { a: 8, c: 0 })).toEqual({ value: 0, fault: undefined });
  });
});

describe('formula runtime: never Infinity or NaN, always a reason', () => {
  it.each([
    ['a / c', { a: 1, c: 0 }, /division by zero.*column 3/],
    ['0 / c', { c: 0 }, /division by zero/],
    ['c ^ -1', { c: 0 }, /0 raised to a negative power/],
    ['(-8) ^ 0.5', {}, /no real result/],
    ['sqrt(a)', { a: -4 }, /square root of a negative number \(-4\)/],
    ['log(c)', { c: 0 }, /logarithm of zero/],
    ['log(a)', { a: -1 }, /logarithm of a negative number/],
    ['a * a', { a: 1e308 }, /too large to be a number \(overflow\)/],
    ['a + a', { a: 1e308 }, /overflow/],
    ['10 ^ 400', {}, /overflow/],
    // A failure hidden by a later comparison still fails the formula.
    ['if(a / c > 1, 1, 2)', { a: 1, c: 0 }, /division by zero/],
    ['min(a / c, 1)', { a: 1, c: 0 }, /division by zero/],
  ])('%s with %j', (text, inputs, reason) => {
    const result = evaluate(text, inputs);
    expect(result.value).toBeNaN();
    expect(result.fault).toMatch(reason);
  });

  it('a later run does not inherit the previous fault', () => {
    const compiled = compileFormulaText('a / c', ['a', 'c']);
    if (!compiled.ok) throw new Error('compile');
    expect(compiled.formula.run(Float64Array.from([1, 0]))).toBeNaN();
    expect(compiled.formula.run(Float64Array.from([1, 2]))).toBe(0.5);
    expect(compiled.formula.faultReason()).toBeUndefined();
  });
});

describe('checkFormula: errors with position and what was expected', () => {
  it('a syntax error gives the 0-based index, the 1-based column and what was expected', () => {
    expect(firstError('a + * b')).toMatchObject({ index: 4, column: 5, expected: expect.stringContaining('a number, an input name') as unknown });
    expect(firstError('a +')).toMatchObject({ index: 3, column: 4, message: expect.stringContaining('ends where a value is expected') as unknown });
    expect(firstError('(a + b')).toMatchObject({ index: 0, column: 1, expected: '")"' });
    expect(firstError('a + b)')).toMatchObject({ index: 5, message: expect.stringContaining('no matching "("') as unknown });
    expect(firstError('a b')).toMatchObject({ index: 2, message: expect.stringContaining('expected an operator') as unknown });
    expect(firstError('')).toMatchObject({ index: 0, message: expect.stringContaining('empty') as unknown });
    expect(firstError('()')).toMatchObject({ index: 1, message: expect.stringContaining('empty parentheses') as unknown });
    expect(firstError('1.2.3')).toMatchObject({ index: 3 });
    expect(firstError('2a')).toMatchObject({ index: 1, message: expect.stringContaining('cannot start with a digit') as unknown });
    expect(firstError('1e')).toMatchObject({ index: 1, message: expect.stringContaining('exponent') as unknown });
  });

  it('columns count within the line in a formula written over several lines', () => {
    expect(firstError('a +\n  * b')).toMatchObject({ index: 6, column: 3, message: expect.stringContaining('line 2, column 3') as unknown });
  });

  it('lists every unknown name in one error, positioned at the first', () => {
    const error = firstError('foo + a * bar - foo');
    expect(error.unknownNames).toEqual(['foo', 'bar']);
    expect(error).toMatchObject({ index: 0, column: 1 });
    expect(error.expected).toContain('businessValue');
  });

  it.each([
    ['constructor', 0],
    ['__proto__', 0],
    ['process', 0],
    ['globalThis', 0],
    ['a + Math', 4],
  ])('%s is an unknown name, nothing more', (text, index) => {
    const error = firstError(text);
    expect(error.index).toBe(index);
    expect(error.unknownNames).toHaveLength(1);
  });

  it('`this` is refused even when declared', () => {
    expect(firstError('this', [...NAMES, 'this']).message).toContain('"this" is not available');
  });

  it('true, false and null are not values of the language', () => {
    for (const word of ['true', 'false', 'null']) expect(firstError(`a + ${word}`).message).toContain(`"${word}" is not available`);
  });

  it.each([
    ['a.b', 1, 'property access'],
    ['process.exit', 7, 'property access'],
    ['constructor.constructor', 11, 'property access'],
    ['a[0]', 1, 'indexing'],
    ['[1, 2]', 0, 'indexing'],
    ['"text"', 0, 'quotes'],
    ["'text'", 0, 'quotes'],
    ['a ? b : c', 2, 'if(condition, then, else)'],
    ['a ** 2', 2, 'written with ^'],
    ['a % 2', 2, 'remainder'],
    ['a = b', 2, 'compare with =='],
    ['a === b', 2, 'not an operator'],
    ['a && b', 2, 'min(a, b)'],
    ['a || b', 2, 'max(a, b)'],
    ['!a', 0, 'not supported'],
    ['~a', 0, 'not supported'],
    ['a; b', 1, 'one expression'],
    ['a, b', 1, 'arguments of a function'],
    ['(a, b)', 2, 'arguments of a function'],
    ['$a', 0, 'unexpected'],
    ['a => a', 2, 'compare with =='],
  ])('%s is refused at %i (%s)', (text, index, words) => {
    // Unknown names (process, constructor) are reported too; the construct has its own error.
    const error = errorsOf(text).find((candidate) => candidate.unknownNames === undefined);
    expect(error?.index).toBe(index);
    expect(error?.message).toContain(words);
  });

  it('calls only the listed functions, with their arity', () => {
    expect(firstError('foo(a)').message).toContain('unknown function "foo"');
    expect(firstError('a(1)').message).toContain('"a" is an input, not a function');
    expect(firstError('min(a)')).toMatchObject({ index: 0, message: expect.stringContaining('at least 2 arguments, got 1') as unknown });
    expect(firstError('1 + sqrt(a, b)')).toMatchObject({ index: 4, message: expect.stringContaining('takes 1 argument, got 2') as unknown });
    expect(firstError('if(a, b)').message).toContain('if takes 3 arguments, got 2');
    expect(firstError('abs()').message).toContain('abs needs 1 argument');
    expect(firstError('min + 1').message).toContain('call it as min(a, b, …)');
    expect(firstError('max(a,)').message).toContain('expected a value before ")"');
  });

  it('refuses a sign before a power, which reads two ways (−2² is −4 in algebra, 4 in spreadsheets)', () => {
    expect(firstError('-a ^ 2')).toMatchObject({ index: 0, message: expect.stringContaining('ambiguous') as unknown });
    expect(firstError('b * -a ^ 2')).toMatchObject({ index: 4 });
    expect(firstError('-(a) ^ 2').message).toContain('ambiguous');
    expect(firstError('-sqrt(a) ^ 2').message).toContain('ambiguous');
    expect(checkFormula('(-a) ^ 2', NAMES).ok).toBe(true);
    expect(checkFormula('-(a ^ 2)', NAMES).ok).toBe(true);
  });

  it('refuses non-ASCII names with a clear error (decision: names are ASCII; labels carry other text)', () => {
    expect(firstError('café + 1', ['café', 'a'])).toMatchObject({ index: 3, column: 4, message: expect.stringContaining('ASCII') as unknown });
    expect(firstError('größe', ['größe'])).toMatchObject({ index: 2, message: expect.stringContaining('"ö" (U+00F6)') as unknown });
    expect(firstError('名前 * 2', ['名前']).message).toContain('ASCII');
    expect(firstError('a + 😀').message).toContain('U+1F600');
    // Look-alike letters cannot pass for declared names: Cyrillic "а" is not Latin "a".
    expect(firstError('\u0430 + 1').message).toContain('U+0430');
    // Only the four ASCII blanks are white space; a no-break space is reported, not skipped.
    expect(firstError('a\u00a0+ b').message).toContain('U+00A0');
  });

  it('ignores declared names that could never appear in a formula', () => {
    expect(checkFormula('a', ['a', 'not a name', 'min', ''])).toEqual({ ok: true, usedInputs: ['a'] });
  });
});

describe('formula limits, checked before any parser sees the text', () => {
  it(`refuses more than ${FORMULA_MAX_LENGTH} characters, 1 MB included, at once`, () => {
    const megabyte = 'a + '.repeat(262_144);
    const started = performance.now();
    const error = firstError(megabyte);
    expect(performance.now() - started).toBeLessThan(200);
    expect(error).toMatchObject({ index: FORMULA_MAX_LENGTH, column: FORMULA_MAX_LENGTH + 1 });
    expect(error.message).toContain('1,048,576 characters long; the limit is 2,000');
    expect(checkFormula(`a${' + a'.repeat((FORMULA_MAX_LENGTH - 1) / 4)}`, NAMES).ok).toBe(true);
  });

  it('10,000 nested parentheses are a clear error, not a stack overflow (even past the length limit)', () => {
    const deep = `${'('.repeat(10_000)}a${')'.repeat(10_000)}`;
    expect(firstError(deep).message).toContain('characters long');
    // Within the length limit the nesting limit speaks, at the parenthesis that goes too deep.
    const tooDeep = `${'('.repeat(FORMULA_MAX_DEPTH + 1)}a${')'.repeat(FORMULA_MAX_DEPTH + 1)}`;
    expect(firstError(tooDeep)).toMatchObject({ index: FORMULA_MAX_DEPTH, message: expect.stringContaining(`nested deeper than ${FORMULA_MAX_DEPTH} levels`) as unknown });
    const deepest = `${'('.repeat(FORMULA_MAX_DEPTH)}a${')'.repeat(FORMULA_MAX_DEPTH)}`;
    expect(checkFormula(deepest, NAMES).ok).toBe(true);
  });

  it('counts signs and calls as nesting too', () => {
    expect(firstError('-'.repeat(FORMULA_MAX_DEPTH + 1) + 'a').message).toContain('nested deeper');
    expect(firstError(`${'abs('.repeat(FORMULA_MAX_DEPTH + 1)}a${')'.repeat(FORMULA_MAX_DEPTH + 1)}`).message).toContain('nested deeper');
    expect(evaluate(`${'-'.repeat(FORMULA_MAX_DEPTH)}a`, { a: 2 }).value).toBe(2);
  });

  it('a 2,000-character chain of additions compiles and evaluates (no recursion limit below the length limit)', () => {
    const chain = `a${' + a'.repeat(499)}`;
    expect(value(chain, { a: 1 })).toBe(500);
    const power = `a${' ^ a'.repeat(499)}`;
    expect(value(power, { a: 1 })).toBe(1);
  });

  it('refuses a number literal too large to be finite', () => {
    expect(firstError('1e400').message).toContain('too large');
  });
});

describe('formula in words', () => {
  it.each([
    ['(a + b + c) / jobSize', '(Alpha + b + c) ÷ Job size'],
    ['a - (b - c)', 'Alpha − (b − c)'],
    ['a - b - c', 'Alpha − b − c'],
    ['a / (b * c)', 'Alpha ÷ (b × c)'],
    ['a * (b / c)', 'Alpha × (b ÷ c)'],
    ['a + (b + c)', 'Alpha + (b + c)'],
    ['a * b / c', 'Alpha × b ÷ c'],
    ['(a ^ b) ^ c', '(Alpha ^ b) ^ c'],
    ['a ^ b ^ c', 'Alpha ^ b ^ c'],
    ['(-a) ^ 2', '(−Alpha) ^ 2'],
    ['-(a + b)', '−(Alpha + b)'],
    ['if(a >= 1, min(b, 2), 0.5) != 3', 'if(Alpha ≥ 1, min(b, 2), 0.5) ≠ 3'],
  ])('%s reads %s', (text, words) => {
    const compiled = compileFormulaText(text, NAMES);
    if (!compiled.ok) throw new Error('compile');
    const labels: Record<string, string> = { a: 'Alpha', jobSize: 'Job size' };
    expect(compiled.formula.inWords((name) => labels[name] ?? name)).toBe(words);
  });
});

describe('no eval, no new Function', () => {
  it('the scoring sources contain neither (ESLint forbids them too)', () => {
    const dir = fileURLToPath(new URL('../../../src/domain/scoring/', import.meta.url));
    for (const file of readdirSync(dir)) {
      const code = readFileSync(`${dir}${file}`, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(code, file).not.toMatch(/\beval\s*\(|new\s+Function\b|\bFunction\s*\(/);
    }
  });
});
