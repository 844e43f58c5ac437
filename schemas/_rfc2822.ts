/**
 * The RFC 2822 to ISO 8601 date codec.
 *
 * Twilio's 2010 API writes timestamps as RFC 2822 (`Fri, 24 May 2019 17:44:46 +0000`); the
 * catalog promises ISO 8601 in UTC. The conversion runs once per timestamp field of every
 * record, so it is a hand-written scanner over char codes with integer calendar arithmetic:
 * no `Date`, no regular expression, no intermediate objects.
 *
 * @module
 */

import {
  daysFromCivil,
  daysInMonth,
  digit,
  formatIso,
  isoFromDays,
  MAX_DAYS,
  MIN_DAYS,
  MINUTES_PER_DAY,
  MONTHS,
  pack3,
  PAD2,
  twoDigits,
  WEEKDAYS,
} from "./_calendar.ts";

const SPACE = 32;
const COMMA = 44;
const COLON = 58;
const PLUS = 43;
const MINUS = 45;
/** Sentinel returned by the zone scanner when the text is not a zone. */
const NO_ZONE = 100_000;

const MONTH_BY_CODE = new Map(MONTHS.map((name, index) => [pack3(name, 0), index + 1]));
const WEEKDAY_CODES = new Set(WEEKDAYS.map((name) => pack3(name, 0)));
/** Three-letter zone names of RFC 2822, with their offsets east of UTC in minutes. */
const ZONE_BY_CODE = new Map<number, number>([
  [pack3("gmt", 0), 0],
  [pack3("utc", 0), 0],
  [pack3("edt", 0), -240],
  [pack3("est", 0), -300],
  [pack3("cdt", 0), -300],
  [pack3("cst", 0), -360],
  [pack3("mdt", 0), -360],
  [pack3("mst", 0), -420],
  [pack3("pdt", 0), -420],
  [pack3("pst", 0), -480],
]);

/** Offset east of UTC in minutes for the zone spelled from `i` to the end, or NO_ZONE. */
function zoneOffset(value: string, i: number): number {
  const c = value.charCodeAt(i);
  const rest = value.length - i;
  if (c === PLUS || c === MINUS) {
    const hours = twoDigits(value, i + 1);
    const minutes = twoDigits(value, i + 3);
    if (rest !== 5 || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return NO_ZONE;
    return (c === MINUS ? -1 : 1) * (hours * 60 + minutes);
  }
  if (rest === 1) return (c | 32) === 122 ? 0 : NO_ZONE; // "Z"
  if (rest === 2) {
    return (c | 32) === 117 && (value.charCodeAt(i + 1) | 32) === 116 ? 0 : NO_ZONE; // "UT"
  }
  return rest === 3 ? ZONE_BY_CODE.get(pack3(value, i)) ?? NO_ZONE : NO_ZONE;
}

/**
 * The fast path for the layout Twilio actually sends, `Fri, 24 May 2019 17:44:46 +0000`:
 * fixed positions, so the output is sliced from the input. "" when the value has another shape.
 */
function canonicalUtc(value: string): string {
  if (
    value.charCodeAt(26) !== PLUS || value.charCodeAt(27) !== 48 ||
    value.charCodeAt(28) !== 48 || value.charCodeAt(29) !== 48 || value.charCodeAt(30) !== 48 ||
    value.charCodeAt(3) !== COMMA || value.charCodeAt(4) !== SPACE ||
    value.charCodeAt(7) !== SPACE || value.charCodeAt(11) !== SPACE ||
    value.charCodeAt(16) !== SPACE || value.charCodeAt(19) !== COLON ||
    value.charCodeAt(22) !== COLON || value.charCodeAt(25) !== SPACE ||
    !WEEKDAY_CODES.has(pack3(value, 0))
  ) return "";
  const day = twoDigits(value, 5);
  const month = MONTH_BY_CODE.get(pack3(value, 8)) ?? 0;
  const century = twoDigits(value, 12);
  const yy = twoDigits(value, 14);
  const hour = twoDigits(value, 17);
  const minute = twoDigits(value, 20);
  const second = twoDigits(value, 23);
  if (
    month === 0 || century < 0 || yy < 0 || hour < 0 || hour > 23 || minute < 0 ||
    minute > 59 || second < 0 || second > 59 || day < 1 ||
    day > daysInMonth(century * 100 + yy, month)
  ) return "";
  // One flat string from char codes: a concatenation would be a V8 rope, and
  // JSON.stringify of records holding ropes is several times slower.
  const v = value;
  // deno-fmt-ignore
  return String.fromCharCode(
    v.charCodeAt(12), v.charCodeAt(13), v.charCodeAt(14), v.charCodeAt(15), MINUS,
    48 + Math.floor(month / 10), 48 + (month % 10), MINUS, v.charCodeAt(5), v.charCodeAt(6), 84,
    v.charCodeAt(17), v.charCodeAt(18), COLON, v.charCodeAt(20), v.charCodeAt(21), COLON,
    v.charCodeAt(23), v.charCodeAt(24), 90,
  );
}

/**
 * Converts an RFC 2822 timestamp to ISO 8601 in UTC (`YYYY-MM-DDTHH:MM:SSZ`).
 *
 * Accepts an optional weekday, a one- or two-digit day, optional seconds, a numeric offset
 * (`+0000`, `-0530`) or a named zone (`GMT`, `UT`, `UTC`, `Z`, the US zones of RFC 2822),
 * case-insensitively. Anything else (ISO 8601 already, empty, junk, impossible dates such as
 * 31 February) is returned unchanged, so the function is safe to apply to any value.
 *
 * @example Converting a Twilio timestamp
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { rfc2822ToIso } from "./_rfc2822.ts";
 * equal(rfc2822ToIso("Fri, 24 May 2019 17:44:46 +0000"), "2019-05-24T17:44:46Z");
 * equal(rfc2822ToIso("Thu, 31 Dec 2020 23:30:00 -0100"), "2021-01-01T00:30:00Z");
 * equal(rfc2822ToIso("2019-05-24T17:44:46Z"), "2019-05-24T17:44:46Z");
 * ```
 */
export function rfc2822ToIso(value: string): string {
  const n = value.length;
  if (n === 31) {
    const iso = canonicalUtc(value);
    if (iso !== "") return iso;
  }
  if (n < 17 || n > 40) return value;
  let i = 0;
  if (digit(value, 0) < 0) {
    if (!WEEKDAY_CODES.has(pack3(value, 0)) || value.charCodeAt(3) !== COMMA) return value;
    i = 4;
    while (value.charCodeAt(i) === SPACE) i++;
  }
  let day = digit(value, i++);
  if (day < 0) return value;
  if (digit(value, i) >= 0) day = day * 10 + digit(value, i++);
  if (value.charCodeAt(i++) !== SPACE) return value;
  const month = MONTH_BY_CODE.get(pack3(value, i)) ?? 0;
  i += 3;
  if (month === 0 || value.charCodeAt(i++) !== SPACE) return value;
  const century = twoDigits(value, i);
  const yy = twoDigits(value, i + 2);
  i += 4;
  if (century < 0 || yy < 0 || value.charCodeAt(i++) !== SPACE) return value;
  const year = century * 100 + yy;
  const hour = twoDigits(value, i);
  const minute = twoDigits(value, i + 3);
  if (value.charCodeAt(i + 2) !== COLON) return value;
  i += 5;
  let second = 0;
  if (value.charCodeAt(i) === COLON) {
    second = twoDigits(value, i + 1);
    i += 3;
  }
  if (value.charCodeAt(i++) !== SPACE) return value;
  while (value.charCodeAt(i) === SPACE) i++;
  const offset = zoneOffset(value, i);
  if (
    offset === NO_ZONE || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 ||
    second > 59 || day < 1 || day > daysInMonth(year, month)
  ) return value;
  if (offset === 0) return formatIso(year, month, day, hour, minute, second);
  const total = daysFromCivil(year, month, day) * MINUTES_PER_DAY + hour * 60 + minute - offset;
  const days = Math.floor(total / MINUTES_PER_DAY);
  if (days < MIN_DAYS || days > MAX_DAYS) return value;
  return isoFromDays(days, total - days * MINUTES_PER_DAY, second);
}

/**
 * Formats an ISO 8601 UTC timestamp (`YYYY-MM-DDTHH:MM:SS[.fff]Z`) the way Twilio's 2010 API
 * does, as wall-clock time at `offsetMinutes` east of UTC (default `+0000`).
 *
 * @throws {TypeError} when `iso` is not an ISO 8601 UTC timestamp
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { isoToRfc2822 } from "./_rfc2822.ts";
 * equal(isoToRfc2822("2019-05-24T17:44:46Z"), "Fri, 24 May 2019 17:44:46 +0000");
 * equal(isoToRfc2822("2019-05-24T17:44:46Z", -300), "Fri, 24 May 2019 12:44:46 -0500");
 * ```
 */
export function isoToRfc2822(iso: string, offsetMinutes = 0): string {
  const century = twoDigits(iso, 0);
  const yy = twoDigits(iso, 2);
  const year = century < 0 || yy < 0 ? -1 : century * 100 + yy;
  const month = twoDigits(iso, 5);
  const day = twoDigits(iso, 8);
  const hour = twoDigits(iso, 11);
  const minute = twoDigits(iso, 14);
  const second = twoDigits(iso, 17);
  const fraction = iso.length > 20 && iso.charCodeAt(19) === 46;
  const shapeOk = (iso.length === 20 || fraction) && iso.endsWith("Z") && iso[4] === "-" &&
    iso[7] === "-" && iso[10] === "T" && iso[13] === ":" && iso[16] === ":";
  if (
    !shapeOk || year < 0 || month < 1 || month > 12 || day < 1 ||
    day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
    second < 0 || second > 59 || !Number.isInteger(offsetMinutes) ||
    Math.abs(offsetMinutes) >= MINUTES_PER_DAY
  ) throw new TypeError(`Cannot format date as RFC 2822: ${JSON.stringify(iso)}`);
  const total = daysFromCivil(year, month, day) * MINUTES_PER_DAY + hour * 60 + minute +
    offsetMinutes;
  const days = Math.floor(total / MINUTES_PER_DAY);
  const local = isoFromDays(days, total - days * MINUTES_PER_DAY, second);
  const weekday = WEEKDAYS[((days % 7) + 7) % 7];
  const localMonth = MONTHS[Number(local.slice(5, 7)) - 1];
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const zone = `${sign}${PAD2[Math.floor(abs / 60)]}${PAD2[abs % 60]}`;
  return `${weekday}, ${local.slice(8, 10)} ${localMonth} ${local.slice(0, 4)} ${
    local.slice(11, 19)
  } ${zone}`;
}
