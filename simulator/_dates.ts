/**
 * Date formats Twilio uses (RFC 2822 in the 2010 API, ISO 8601 elsewhere) and the parser for
 * date filter values.
 *
 * @module
 */

/** One second in milliseconds. */
export const SECOND_MS = 1_000;
/** One minute in milliseconds. */
export const MINUTE_MS = 60 * SECOND_MS;
/** One hour in milliseconds. */
export const HOUR_MS = 60 * MINUTE_MS;
/** One day in milliseconds. */
export const DAY_MS = 24 * HOUR_MS;

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `Fri, 24 May 2019 17:44:46 +0000`. */
export function rfc2822(ms: number): string {
  const d = new Date(ms);
  return `${WEEKDAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ` +
    `${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:` +
    `${pad2(d.getUTCSeconds())} +0000`;
}

/** `2015-12-16T22:18:37Z`. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + "Z";
}

/** `2019-06-24T22:32:49+00:00` (the form of usage records' `as_of`). */
export function isoOffset(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + "+00:00";
}

/** `2019-06-24`. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC of the day holding `ms`. */
export function dayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** Rounds down to a whole second. */
export function floorSecond(ms: number): number {
  return Math.floor(ms / SECOND_MS) * SECOND_MS;
}

/** A parsed filter value: its first millisecond and whether it named a whole day. */
export interface FilterInstant {
  readonly ms: number;
  readonly day: boolean;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})Z$/;

/**
 * Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DD HH:MM:SSZ` (UTC); anything else,
 * including impossible calendar dates, gives undefined.
 */
export function parseFilterValue(raw: string): FilterInstant | undefined {
  const day = DAY_RE.exec(raw);
  const time = day ? undefined : TIME_RE.exec(raw);
  const parts = (day ?? time)?.slice(1).map(Number);
  if (!parts) return undefined;
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = parts;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  const valid = back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 &&
    back.getUTCDate() === d && back.getUTCHours() === h && back.getUTCMinutes() === mi &&
    back.getUTCSeconds() === s;
  return valid ? { ms, day: day !== null } : undefined;
}

/** Last millisecond covered by a filter value (end of its day or of its second). */
export function lastMs(value: FilterInstant): number {
  return value.ms + (value.day ? DAY_MS : SECOND_MS) - 1;
}
