/**
 * Integer calendar arithmetic for the date codec: proleptic Gregorian dates as days since
 * 1970-01-01 and back (Howard Hinnant's `days_from_civil` / `civil_from_days`), plus the small
 * char-code readers the RFC 2822 scanner is built from. No `Date` anywhere.
 *
 * @module
 */

/** Minutes in a day (UTC has no leap seconds to care about here). */
export const MINUTES_PER_DAY = 1440;

/** "00" to "99", indexed by value. */
export const PAD2: readonly string[] = Array.from(
  { length: 100 },
  (_, n) => `${n}`.padStart(2, "0"),
);
const MONTH_NAMES = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec";
/** English month abbreviations, January first. */
export const MONTHS: readonly string[] = MONTH_NAMES.split(" ");
/** English weekday abbreviations, indexed by days since 1970-01-01 (a Thursday) modulo 7. */
export const WEEKDAYS: readonly string[] = "Thu Fri Sat Sun Mon Tue Wed".split(" ");

/** Packs three ASCII letters, lower-cased, into one integer (`|32` only lowers A-Z). */
export function pack3(value: string, i: number): number {
  return ((value.charCodeAt(i) | 32) << 16) | ((value.charCodeAt(i + 1) | 32) << 8) |
    (value.charCodeAt(i + 2) | 32);
}

/** The digit value of the char code at `i`, or -1. */
export function digit(value: string, i: number): number {
  const d = value.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Two digits at `i` as a number, or -1. */
export function twoDigits(value: string, i: number): number {
  const a = digit(value, i);
  const b = digit(value, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/** Whether `year` has a 29 February. */
export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** The number of days of `month` (1-12) in `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Days since 1970-01-01 of 0000-01-01, the first day a four-digit ISO 8601 year can spell. */
export const MIN_DAYS: number = daysFromCivil(0, 1, 1);
/** Days since 1970-01-01 of 9999-12-31, the last day a four-digit ISO 8601 year can spell. */
export const MAX_DAYS: number = daysFromCivil(9999, 12, 31);

/** Formats days since 1970-01-01 plus a minute of the day and a second as ISO 8601 UTC. */
export function isoFromDays(days: number, minuteOfDay: number, second: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return formatIso(year, month, day, Math.floor(minuteOfDay / 60), minuteOfDay % 60, second);
}

/** `YYYY-MM-DDTHH:MM:SSZ` from its parts (month 1-12). */
export function formatIso(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
): string {
  const year = y >= 1000 ? `${y}` : `${y}`.padStart(4, "0");
  return `${year}-${PAD2[mo]}-${PAD2[d]}T${PAD2[h]}:${PAD2[mi]}:${PAD2[s]}Z`;
}
