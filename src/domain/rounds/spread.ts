/**
 * The spread of the votes on one issue and input: lowest, highest, median, and the outliers (the
 * votes to talk about). Pure.
 *
 * - The median of numbers is the middle one, or halfway between the two middle ones.
 * - A choice's votes are compared by the number the model reads for each option; their median is
 *   an option (the one nearest the numbers' median; of two as near, the higher).
 * - An outlier, among three votes or more, is a vote farther from the median than twice the median
 *   absolute deviation (MAD): when most agree (MAD 0), any vote that differs stands out; when the
 *   votes are all over the place, only the far ones do. Two votes have no outlier: neither is.
 */
import type { RoundInput, VoteValue } from './model';

export interface Spread {
  readonly count: number;
  readonly min: VoteValue;
  readonly max: VoteValue;
  readonly median: VoteValue;
  /** The voters whose vote is an outlier. */
  readonly outliers: readonly string[];
}

export function medianOf(numbers: readonly number[]): number {
  if (numbers.length === 0) throw new RangeError('The median of no numbers is not defined.');
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The number the model reads for a vote; undefined for a vote the input does not take (a removed option). */
export function numberOfVote(input: RoundInput, value: VoteValue): number | undefined {
  if (input.kind === 'number') return typeof value === 'number' ? value : undefined;
  return typeof value === 'string' ? input.choices.find((choice) => choice.name === value)?.value : undefined;
}

/** The voters whose value is an outlier (see the module's comment). */
export function outliersOf(votes: readonly { readonly by: string; readonly number: number }[]): string[] {
  if (votes.length < 3) return [];
  const median = medianOf(votes.map((vote) => vote.number));
  const mad = medianOf(votes.map((vote) => Math.abs(vote.number - median)));
  return votes.filter((vote) => Math.abs(vote.number - median) > 2 * mad && vote.number !== median).map((vote) => vote.by);
}

/** The spread of the votes (by voter) on one cell; undefined when nobody voted a value the input takes. */
export function spreadOf(input: RoundInput, votes: ReadonlyMap<string, VoteValue>): Spread | undefined {
  const numbered: { by: string; value: VoteValue; number: number }[] = [];
  for (const [by, value] of votes) {
    const number = numberOfVote(input, value);
    if (number !== undefined) numbered.push({ by, value, number });
  }
  if (numbered.length === 0) return undefined;
  numbered.sort((a, b) => a.number - b.number);
  const low = numbered[0] as (typeof numbered)[number];
  const high = numbered[numbered.length - 1] as (typeof numbered)[number];
  const middle = medianOf(numbered.map((vote) => vote.number));
  let median: VoteValue = middle;
  if (input.kind === 'choice') {
    let best = input.choices[0] as (typeof input.choices)[number];
    for (const choice of input.choices) {
      const distance = Math.abs(choice.value - middle);
      const bestDistance = Math.abs(best.value - middle);
      if (distance < bestDistance || (distance === bestDistance && choice.value > best.value)) best = choice;
    }
    median = best.name;
  }
  return { count: numbered.length, min: low.value, max: high.value, median, outliers: outliersOf(numbered) };
}
