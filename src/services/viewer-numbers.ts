/**
 * Numbers in the sentences the app writes for one viewer (notes, reasons), as the viewer's locale
 * writes them: Forge gives every resolver the user's locale (`context.locale`, "de-DE"), so that
 * "Showing the top 1,500 of 2,345" reads "1.500 of 2.345" in German, as the numbers the UI formats
 * beside it do. A tag Intl rejects, or none, reads in English.
 */
const formats = new Map<string, Intl.NumberFormat>();

export function viewerNumber(value: number, locale: string | undefined): string {
  const tag = locale ?? 'en-US';
  let format = formats.get(tag);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
    } catch {
      format = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
    }
    formats.set(tag, format);
  }
  return format.format(value);
}

/** The viewer's locale from a resolver's context; undefined when Forge gave none (English then). */
export function viewerLocale(context: Readonly<Record<string, unknown>>): string | undefined {
  return typeof context.locale === 'string' && context.locale !== '' ? context.locale : undefined;
}
