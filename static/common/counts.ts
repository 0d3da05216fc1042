/**
 * Counts in sentences a person would say: "1 story", "1.234 stories" (digits in the user's locale,
 * from Jira's context). The words are English, so English decides between "story" and "stories"
 * (Intl.PluralRules for English: a German user still reads "1,5 points", never "1,5 point");
 * the digits are the user's.
 */
import { formatNumber } from './format';

/**
 * English plural rules (the app's words are English, whatever locale writes the digits), one per
 * number of decimals shown, made once: the noun follows the number as it reads ("1.004" shown with
 * two decimals is "1", so "1 point").
 */
const english = new Map<number, Intl.PluralRules>();

function englishRules(maximumFractionDigits: number): Intl.PluralRules {
  let rules = english.get(maximumFractionDigits);
  if (rules === undefined) {
    rules = new Intl.PluralRules('en', { maximumFractionDigits, minimumFractionDigits: 0 });
    english.set(maximumFractionDigits, rules);
  }
  return rules;
}

/** "story" or "stories" for `count` as shown with so many decimals (1 → one; 0, 1.5, 2 → other). */
export function nounFor(count: number, one: string, other: string, maximumFractionDigits = 2): string {
  return englishRules(maximumFractionDigits).select(count) === 'one' ? one : other;
}

/** The count in the user's digits and the noun it takes: "1 issue", "1.234 issues", "0,5 points". */
export function countOf(count: number, one: string, other: string, locale: string | undefined, maximumFractionDigits = 2): string {
  return `${formatNumber(count, locale, maximumFractionDigits)} ${nounFor(count, one, other, maximumFractionDigits)}`;
}
