import { describe, expect, it } from 'vitest';
import { viewerLocale, viewerNumber } from '../../../src/services/viewer-numbers';

describe("numbers in the sentences the app writes for a viewer", () => {
  it("are written as the viewer's locale writes them", () => {
    expect(viewerNumber(1500, 'en-US')).toBe('1,500');
    expect(viewerNumber(1500, 'de-DE')).toBe('1.500');
    expect(viewerNumber(2.5, 'fr-FR')).toBe('2,5');
    expect(viewerNumber(20, 'ar-EG')).toBe('٢٠');
  });

  it('read in English without a locale, or with one Intl rejects', () => {
    expect(viewerNumber(12000, undefined)).toBe('12,000');
    expect(viewerNumber(12000, 'not a locale!')).toBe('12,000');
  });

  it("take the locale Forge gives a resolver's context, and nothing else", () => {
    expect(viewerLocale({ locale: 'de-DE' })).toBe('de-DE');
    expect(viewerLocale({ locale: '' })).toBeUndefined();
    expect(viewerLocale({ locale: 7 })).toBeUndefined();
    expect(viewerLocale({})).toBeUndefined();
  });
});
