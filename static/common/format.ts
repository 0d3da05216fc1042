/** Numbers as the user's locale writes them, short enough for a sidebar. */
export function formatNumber(value: number, locale: string | undefined, maximumFractionDigits = 2): string {
  try {
    return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
  } catch {
    return new Intl.NumberFormat('en-US', { maximumFractionDigits }).format(value);
  }
}
