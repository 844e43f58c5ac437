/**
 * Date slicing: the window of an incremental read (saved cursor or start
 * date, minus the lookback, clamped to the API's retention, up to now) cut into
 * slices, and each slice mapped to a stream's query filters.
 *
 * @module
 */
import type { DateFilter, DateFormat } from "../streams/_define.ts";

export type { DateFilter, DateFormat };

/** A closed time window [start, end], epoch milliseconds. */
export interface Slice {
  start: number;
  end: number;
}

const DAY = 86_400_000;
const SECOND = 1000;

/** Options of {@linkcode dateSlices}. */
export interface DateSlicesOptions {
  start: number;
  end: number;
  /** Slice length in ms. */
  stepMs: number;
  /** Day filters cover whole days; others whole seconds. */
  granularity: "day" | "second";
}

/**
 * Cuts [start, end] into consecutive closed slices. With day granularity each
 * slice is whole days (the first starts at 00:00 of start's day, so a date-only
 * filter re-reads that day); the last slice always ends at `end`.
 */
export function* dateSlices(options: DateSlicesOptions): Generator<Slice> {
  const unit = options.granularity === "day" ? DAY : SECOND;
  const step = Math.max(unit, Math.floor(options.stepMs / unit) * unit);
  let start = Math.floor(options.start / unit) * unit;
  while (start <= options.end) {
    const end = Math.min(start + step - 1, options.end);
    yield { start, end: options.granularity === "day" ? end : Math.floor(end / SECOND) * SECOND };
    start = Math.floor(end / unit) * unit + unit;
  }
}

/** The query parameters selecting `slice` under `filter`. */
export function sliceQuery(filter: DateFilter, slice: Slice): [string, string][] {
  const upper = filter.upperExclusive
    ? slice.end + (filter.format === "date" ? DAY : SECOND)
    : slice.end;
  return [[filter.lower, formatDate(slice.start, filter.format)], [
    filter.upper,
    formatDate(upper, filter.format),
  ]];
}

/** Writes `ms` as a filter expects it. */
export function formatDate(ms: number, format: DateFormat): string {
  const iso = new Date(ms).toISOString();
  if (format === "date") return iso.slice(0, 10);
  return `${iso.slice(0, 10)}${format === "iso" ? "T" : " "}${iso.slice(11, 19)}Z`;
}

/** `YYYY-MM-DDTHH:MM:SSZ` for a cursor value. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + "Z";
}

/** Milliseconds of an ISO 8601 duration (years as 365 days, months as 30). */
export function durationMs(duration: string): number {
  const m =
    /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/
      .exec(duration);
  if (!m) throw new RangeError(`Not an ISO 8601 duration: ${duration}`);
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as number[];
  return ((((y! * 365 + mo! * 30 + w! * 7 + d!) * 24 + h!) * 60 + mi!) * 60 + s!) * 1000;
}

/** Options of {@linkcode clampStart}. */
export interface ClampOptions {
  now: number;
  /** Twilio refuses windows starting more than this many days ago. */
  retentionDays?: number | undefined;
  /** Nothing exists before this instant (e.g. the account's creation). */
  notBefore?: number | undefined;
}

/**
 * Moves a window start to where Twilio can answer: inside the retention (with a
 * minute of margin) and not before `notBefore`'s day. Says what it did.
 */
export function clampStart(start: number, options: ClampOptions): {
  start: number;
  retentionClamped: boolean;
} {
  let clamped = start;
  let retentionClamped = false;
  if (options.retentionDays !== undefined) {
    const floor = options.now - options.retentionDays * DAY + 60_000;
    if (clamped < floor) {
      clamped = floor;
      retentionClamped = true;
    }
  }
  if (options.notBefore !== undefined && clamped < options.notBefore) {
    clamped = Math.floor(options.notBefore / DAY) * DAY;
  }
  return { start: clamped, retentionClamped };
}
