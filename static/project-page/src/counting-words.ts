/**
 * How the vision map says its counts were made, in a user's words: kept current by the app (and
 * as of when), recounting, a recount that failed, or counted live (and why). Times are relative
 * ("2 hours ago", in the page's locale), with the absolute time for a tooltip. Pure: the clock is
 * passed in, so the words are tested without a browser.
 */
import type { CountingView } from '../../../src/contract';
import { dateTimeFormat, formatNumber, relativeTimeFormat } from '../../common/format';

type Locale = string | undefined;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The largest unit that fits, counted down (never "1 hour ago" at 59 minutes). */
const UNITS: readonly { readonly unit: Intl.RelativeTimeFormatUnit; readonly ms: number }[] = [
  { unit: 'year', ms: 365 * DAY },
  { unit: 'month', ms: 30 * DAY },
  { unit: 'week', ms: 7 * DAY },
  { unit: 'day', ms: DAY },
  { unit: 'hour', ms: HOUR },
  { unit: 'minute', ms: MINUTE },
];


function timeOf(iso: string): number | null {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : time;
}

/**
 * "just now", "3 minutes ago", "yesterday", "2 days ago", in the locale's words. A time a little
 * ahead of this browser's clock (the server's clock differs) is "just now", not "in 2 minutes".
 */
export function relativeTime(iso: string, now: Date, locale: Locale): string {
  const time = timeOf(iso);
  if (time === null) return iso;
  const elapsed = Math.max(0, now.getTime() - time);
  const format = relativeTimeFormat(locale, { numeric: 'auto' });
  for (const { unit, ms } of UNITS) {
    if (elapsed >= ms) return format.format(-Math.floor(elapsed / ms), unit);
  }
  // Under a minute. English says "just now" (Intl's own word is "now"); other languages their own.
  return format.resolvedOptions().locale.startsWith('en') ? 'just now' : format.format(0, 'second');
}

/** The absolute time, for a tooltip: "2 Dec 2026, 11:46". */
export function absoluteTime(iso: string, locale: Locale): string {
  const time = timeOf(iso);
  if (time === null) return iso;
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

/** What the page says about its counts: the words, a tooltip, a tone, and a recount's progress. */
export interface CountingNote {
  readonly text: string;
  /** The absolute time behind a relative one. */
  readonly title?: string;
  readonly tone: 'neutral' | 'warning';
  /** A recount under way: issues done of how many (null when not known yet). */
  readonly progress?: { readonly done: number; readonly total: number | null };
}

/** The notes for a map's `counting` (none for a view without one). */
export function countingNotes(counting: CountingView | undefined, now: Date, locale: Locale): CountingNote[] {
  if (counting === undefined) return [];
  if (counting.mode === 'live') return [{ text: counting.message, tone: 'neutral' }];
  const notes: CountingNote[] = [
    counting.reconciledAt === null
      ? { text: 'Counts kept current by Throughline · no full recount yet', tone: 'neutral' }
      : { text: `Counts kept current by Throughline · last full recount ${relativeTime(counting.reconciledAt, now, locale)}`, title: `Last full recount: ${absoluteTime(counting.reconciledAt, locale)}`, tone: 'neutral' },
  ];
  const recount = counting.recount;
  if (recount?.status === 'running') {
    const done = formatNumber(recount.done, locale, 0);
    notes.push({ text: recount.total === null ? `Recounting: ${done} issues so far` : `Recounting: ${done} of ${formatNumber(recount.total, locale, 0)} issues`, tone: 'neutral', progress: { done: recount.done, total: recount.total } });
  } else if (recount?.status === 'failed') {
    notes.push({ text: recount.message ?? 'The last recount did not finish: some counts may be out of date.', tone: 'warning' });
  }
  return notes;
}

/**
 * "as of 3 days ago" for an epic whose counts are older than the last full recount or older than a
 * day (rollups only); null when they are current, or the epic has no story counted.
 */
export function epicAsOf(countedAt: string | null | undefined, counting: CountingView | undefined, now: Date, locale: Locale): { readonly text: string; readonly title: string } | null {
  if (countedAt === undefined || countedAt === null || counting?.mode !== 'rollups') return null;
  const time = timeOf(countedAt);
  if (time === null) return null;
  const reconciled = counting.reconciledAt === null ? null : timeOf(counting.reconciledAt);
  const stale = now.getTime() - time > DAY || (reconciled !== null && time < reconciled);
  if (!stale) return null;
  return { text: `as of ${relativeTime(countedAt, now, locale)}`, title: `Counts as of ${absoluteTime(countedAt, locale)}` };
}
