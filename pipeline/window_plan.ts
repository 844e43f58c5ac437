/**
 * Window planning by the data: what one page of a date window's list says
 * about the rest of the window, and how a window that holds more than a
 * bounded amount of work is cut into smaller ones.
 *
 * A window is first asked for as a whole. A page without a next page closes
 * it. On a list sorted newest first by the filter's field (`newestFirst`),
 * the first pages of a window hold every record newer than the oldest
 * granule they reached (a second, or a day for date-only filters), so a walk
 * can stop at any page and leave only [start, that granule] to read. The
 * dates on a full page give the density that sizes the windows still to read:
 * about {@linkcode PAGES_PER_WINDOW} pages each, growing geometrically into
 * the past so that an empty old history costs a request per window only.
 *
 * @module
 */
import type { Slice } from "./slices.ts";

/** The work a window is sized for: a STATE every this many pages, about. */
export const PAGES_PER_WINDOW = 10;

const DAY = 86_400_000;
const SECOND = 1000;

/** The granule of a filter: a day for date-only filters, else a second. */
export function unitOf(format: "date" | "datetime" | "iso"): number {
  return format === "date" ? DAY : SECOND;
}

/** The first millisecond of the granule holding `ms`. */
export function granule(ms: number, unit: number): number {
  return Math.floor(ms / unit) * unit;
}

/** The end a slice gets when it stops at the granule starting at `start` (as `dateSlices`). */
export function granuleEnd(start: number, unit: number): number {
  return unit === DAY ? start + DAY - 1 : start;
}

/** What a walk over one window's list has seen so far. */
export interface Walk {
  /** Pages read, this one included. */
  pages: number;
  /** Granule of the oldest record of the previous page (Infinity before the first). */
  floor: number;
}

/** What to do with a page of a walk. */
export type Verdict =
  /** Emit every record; follow the next page if there is one. */
  | { kind: "take" }
  /** Emit the records newer than granule `at`, stop; [start, at] is still to read. */
  | { kind: "cut"; at: number; spanMs: number; forced: boolean }
  /** Emit nothing, stop: the whole window is to be read as smaller windows. */
  | { kind: "drop"; spanMs: number };

/** What {@linkcode judgePage} needs to know. */
export interface PageFacts {
  /** The window's query: [start, end]. */
  window: Slice;
  unit: number;
  newestFirst: boolean;
  /** Epoch ms of the page's records' filter field (those that have one). */
  dates: readonly number[];
  /** Whether Twilio linked a next page. */
  more: boolean;
  walk: Walk;
  /** Pages one query may return before Twilio's result cap (Infinity without one). */
  maxPages: number;
}

/** Decides what a page of a walk means for its window. */
export function judgePage(facts: PageFacts): Verdict {
  const { window, unit, dates, more, walk } = facts;
  if (!more || dates.length === 0) return { kind: "take" };
  let oldest = Infinity;
  let newest = -Infinity;
  for (const at of dates) {
    if (at < oldest) oldest = at;
    if (at > newest) newest = at;
  }
  const spanMs = Math.max(unit, newest - oldest);
  if (!facts.newestFirst) {
    if (walk.pages > 1) return { kind: "take" };
    const pages = (window.end - window.start + 1) / spanMs;
    const single = granule(window.end, unit) <= window.start;
    return pages <= PAGES_PER_WINDOW || single ? { kind: "take" } : { kind: "drop", spanMs };
  }
  const at = granule(oldest, unit);
  // A cut must leave less than the window, and never re-read a granule already emitted.
  const canCut = at > window.start && at < Math.min(walk.floor, granule(window.end, unit));
  const forced = walk.pages >= facts.maxPages;
  const left = (at + unit - window.start) / Math.max(unit, newest - at);
  if (canCut && (forced || left > PAGES_PER_WINDOW)) return { kind: "cut", at, spanMs, forced };
  return { kind: "take" };
}

/**
 * Cuts [start, end] into windows of about {@linkcode PAGES_PER_WINDOW} pages at
 * one page per `spanMs`, newest first, each one twice the length of the one
 * after it in time, none longer than `maxMs`; returned oldest first.
 */
export function planWindows(
  window: Slice,
  spanMs: number,
  unit: number,
  maxMs = Infinity,
): Slice[] {
  const first = Math.floor(window.start / unit);
  const last = Math.floor(window.end / unit);
  const most = Math.max(1, Math.floor(maxMs / unit));
  let length = Math.min(most, Math.max(1, Math.floor((spanMs * PAGES_PER_WINDOW) / unit)));
  const windows: Slice[] = [];
  for (let hi = last; hi >= first;) {
    const lo = Math.max(first, hi - length + 1);
    const end = hi === last ? window.end : granuleEnd(hi * unit, unit);
    windows.push({ start: lo === first ? window.start : lo * unit, end });
    hi = lo - 1;
    length = Math.min(most, length * 2);
  }
  return windows.reverse();
}
