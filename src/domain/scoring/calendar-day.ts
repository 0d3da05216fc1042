/**
 * Calendar dates as day numbers (days since 1970-01-01), parsed by hand: scoring 100,000 issues
 * must not allocate a Date (or run a regex) per issue just to count the days to a due date.
 */

const MS_PER_DAY = 86_400_000;

function digit(text: string, index: number): number {
  const code = text.charCodeAt(index) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function dayNumberFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The day number of "YYYY-MM-DD", or of the date part of a Jira datetime
 * ("2021-02-23T00:00:00.000+0000", read as written: the date the user picked). Anything else,
 * including impossible dates such as 2023-02-29, is undefined.
 */
export function dayNumberOf(text: string): number | undefined {
  if (text.length < 10) return undefined;
  if (text.length > 10) {
    const separator = text.charCodeAt(10);
    if (separator !== 84 /* T */ && separator !== 32 /* space */) return undefined;
  }
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const y0 = digit(text, 0), y1 = digit(text, 1), y2 = digit(text, 2), y3 = digit(text, 3);
  const m0 = digit(text, 5), m1 = digit(text, 6), d0 = digit(text, 8), d1 = digit(text, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return undefined;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1) return undefined;
  const monthDays = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);
  if (day > monthDays) return undefined;
  return dayNumberFromCivil(year, month, day);
}

/** Today in UTC as a day number; callers that know the user's time zone pass `today` instead. */
export function todayDayNumber(nowMs: number = Date.now()): number {
  return Math.floor(nowMs / MS_PER_DAY);
}
