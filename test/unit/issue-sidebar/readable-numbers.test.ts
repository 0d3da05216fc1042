/**
 * Numbers in the sidebar at any magnitude: short enough for their column, in the user's locale,
 * and never "0" when they are not 0 (a story point estimate of 0.00000001, a reach of 1e12).
 */
import { describe, expect, it } from 'vitest';
import { formatExact, formatReadable } from '../../../static/common/format';
import { shareText } from '../../../static/issue-sidebar/src/score-panel';

describe('formatReadable', () => {
  it.each([
    [0, '0'],
    [1.25, '1.25'],
    [1.2, '1.2'],
    [5.666, '5.67'],
    [12345.678, '12,346'],
    [1234567, '1.23M'],
    [1e12, '1T'],
    [-1e12, '-1T'],
    [1e15, '1E15'],
    [1e21, '1E21'],
    [0.004, '0.004'],
    [0.00012, '0.00012'],
    [0.00000001, '1E-8'],
    [-0.00000001, '-1E-8'],
  ])('%d reads %s in en-US', (value, text) => {
    expect(formatReadable(value, 'en-US')).toBe(text);
  });

  it('never shows a value that is not 0 as 0, and stays within ten characters, from 1e-300 to 1e300', () => {
    for (let exponent = -300; exponent <= 300; exponent += 1) {
      for (const mantissa of [1, 4.9999, -7.25]) {
        const value = mantissa * 10 ** exponent;
        const text = formatReadable(value, 'en-US');
        expect(text, String(value)).not.toMatch(/^-?0([.,]0*)?$/);
        expect(text.length, `${String(value)} → ${text}`).toBeLessThanOrEqual(10);
      }
    }
  });

  it("speaks the user's locale, and falls back to English for a tag the browser rejects", () => {
    expect(formatReadable(1.25, 'de-DE')).toBe('1,25');
    expect(formatReadable(1234567, 'de-DE')).toBe('1,23\u00a0Mio.');
    expect(formatReadable(0.0012, 'fr-FR')).toBe('0,0012');
    expect(formatReadable(1e12, 'not a locale!')).toBe('1T');
  });

  it('formatExact keeps every digit that means something, for the title', () => {
    expect(formatExact(0.00000001, 'en-US')).toBe('0.00000001');
    expect(formatExact(1e12, 'en-US')).toBe('1,000,000,000,000');
    expect(formatExact(1 / 3, 'en-US')).toBe('0.333333333333333');
  });
});

describe('shareText', () => {
  it('a share too small to round to 1% is "<1%", never "0%"; none is "0%"', () => {
    expect(shareText(0.0000001, 'en-US')).toBe('<1%');
    expect(shareText(-0.2, 'en-US')).toBe('>−1%');
    expect(shareText(0, 'en-US')).toBe('0%');
    expect(shareText(42.4, 'en-US')).toBe('42%');
    expect(shareText(99.6, 'de-DE')).toBe('100%');
  });
});
