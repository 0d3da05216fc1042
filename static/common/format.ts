/**
 * Intl formatters, made once per locale and options: making one costs far more than using it (on
 * the vision map, a formatter made per number took a tenth of the drawing of 500 epics). A locale
 * the browser rejects falls back to English.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat>(kind: string, locale: string | undefined, options: object, make: (locale: string | undefined) => T): T {
  const key = `${kind}|${locale ?? ''}|${JSON.stringify(options)}`;
  const known = formatters.get(key);
  if (known !== undefined) return known as T;
  let made: T;
  try {
    made = make(locale);
  } catch {
    made = make('en-US');
  }
  formatters.set(key, made);
  return made;
}

export function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached('number', locale, options, (tag) => new Intl.NumberFormat(tag, options));
}

export function relativeTimeFormat(locale: string | undefined, options: Intl.RelativeTimeFormatOptions): Intl.RelativeTimeFormat {
  return cached('relative', locale, options, (tag) => new Intl.RelativeTimeFormat(tag, options));
}

export function dateTimeFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached('date', locale, options, (tag) => new Intl.DateTimeFormat(tag, options));
}

/** Numbers as the user's locale writes them, short enough for a sidebar. */
export function formatNumber(value: number, locale: string | undefined, maximumFractionDigits = 2): string {
  return numberFormat(locale, { maximumFractionDigits }).format(value);
}

/** A moment as people read it in their locale and time zone: "2 Dec 2026, 14:41"; the text as it is when it is not a time. */
export function formatDateTime(iso: string, locale: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    return new Intl.DateTimeFormat('en-US', options).format(date);
  }
}

/** A day as people read it in their locale: "2 Dec 2026". */
export function formatDay(iso: string, locale: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
  try {
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    return new Intl.DateTimeFormat('en-US', options).format(date);
  }
}

/**
 * Any number short enough for a sidebar column, and never "0" when it is not 0: scores and inputs
 * can hold anything Jira stores (a story point estimate of 0.00000001, a reach of 1e12), and a
 * fixed two decimals shows the first as 0 and the second as sixteen digits that push the other
 * columns out. Everyday magnitudes keep two decimals ("1.25"); from ten thousand the decimals go;
 * from a million the locale's compact form ("1.2M", "1 Bio."); beyond compact's largest unit, and
 * below one ten-thousandth, the locale's scientific form ("1E-8"), with three significant digits.
 */
export function formatReadable(value: number, locale: string | undefined): string {
  if (!Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (size === 0) return numberFormat(locale, { maximumFractionDigits: 0 }).format(0);
  if (size >= 1e15 || size < 1e-4) return numberFormat(locale, { notation: 'scientific', maximumSignificantDigits: 3 }).format(value);
  if (size >= 1e6) return numberFormat(locale, { notation: 'compact', maximumSignificantDigits: 3 }).format(value);
  if (size >= 1e4) return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
  if (size >= 0.01) return numberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  return numberFormat(locale, { maximumSignificantDigits: 2 }).format(value);
}

/** The number with every digit that means something (15 significant), for a tooltip beside `formatReadable`. */
export function formatExact(value: number, locale: string | undefined): string {
  if (!Number.isFinite(value)) return String(value);
  return numberFormat(locale, { maximumSignificantDigits: 15 }).format(value);
}
