/**
 * The ranked backlog's counts in sentences, with the user's digits and English plurals: "Showing
 * the first 100 ranked issues; more load as you scroll.", "Showing all 63 issues without a
 * complete score." Pure, for the unit tests.
 */
import { countOf } from '../../common/counts';

/** What a list's rows are, in English's two forms: "ranked issue", "ranked issues". */
export interface Noun {
  readonly one: string;
  readonly other: string;
}

export const RANKED: Noun = { one: 'ranked issue', other: 'ranked issues' };
export const INCOMPLETE: Noun = { one: 'issue without a complete score', other: 'issues without a complete score' };

/** "Showing all 63 issues without a complete score." — and "Showing the only …" for one. */
export function allShownSentence(count: number, noun: Noun, locale: string | undefined): string {
  return count === 1 ? `Showing the only ${noun.one}.` : `Showing all ${countOf(count, noun.one, noun.other, locale, 0)}.`;
}

/** The ranked list's status line: how many are shown and whether more follow as the list scrolls. */
export function rankedStatusSentence(count: number, more: boolean, locale: string | undefined): string {
  if (count === 0) return more ? 'No ranked issue yet; more are on the way.' : 'No ranked issue to show.';
  if (!more) return allShownSentence(count, RANKED, locale);
  return `Showing the first ${countOf(count, RANKED.one, RANKED.other, locale, 0)}; more load as you scroll.`;
}

