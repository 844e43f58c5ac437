/**
 * Query filters: declared per endpoint, parsed from the query string into date ranges and
 * equality tests, then applied as an index window (binary search) plus an exact predicate.
 *
 * @module
 */

import { type Collection, lowerBound, type Row, upperBound } from "./_collection.ts";
import { DAY_MS, dayStart, lastMs, parseFilterValue } from "./_dates.ts";
import { badRequest } from "./_errors.ts";

/** A filter an endpoint accepts. */
export type FilterSpec =
  /** `P` (that day or second), `P>` (on or after), `P<` (on or before) on a date field. */
  | { readonly kind: "date"; readonly param: string; readonly field: string }
  /** `from` (on or after) and `to` (on or before, or before when `toExclusive`). */
  | {
    readonly kind: "between";
    readonly from: string;
    readonly to: string;
    readonly field: string;
    readonly toExclusive?: boolean;
    readonly dayOnly?: boolean;
  }
  /**
   * `param=value` on a string field; `fallback` applies when the parameter is absent; `map`
   * turns a parameter value into the field value it selects (`null`: every record).
   */
  | {
    readonly kind: "eq";
    readonly param: string;
    readonly field: string;
    readonly values?: readonly string[];
    readonly fallback?: string;
    readonly map?: Readonly<Record<string, string | null>>;
  };

/** Inclusive bounds (epoch ms) on one date field. */
export interface DateRange {
  readonly field: string;
  lo?: number;
  hi?: number;
  /** Whether the lower bound came from a `YYYY-MM-DD` value. */
  loDay?: boolean;
}

/** Parsed filters of one request. */
export interface Selection {
  readonly ranges: DateRange[];
  readonly equals: { readonly field: string; readonly value: string }[];
}

/** Parses the declared filters out of `query`; throws a 400 for malformed values. */
export function parseSelection(specs: readonly FilterSpec[], query: URLSearchParams): Selection {
  const selection: Selection = { ranges: [], equals: [] };
  for (const spec of specs) {
    if (spec.kind === "eq") {
      const value = query.get(spec.param) ?? spec.fallback;
      if (value === undefined) continue;
      if (spec.values && !spec.values.includes(value)) {
        throw badRequest(`Invalid value for ${spec.param}: "${value}"`);
      }
      const wanted = spec.map ? spec.map[value] : value;
      if (wanted === null) continue;
      selection.equals.push({ field: spec.field, value: wanted ?? value });
    } else if (spec.kind === "date") {
      bound(selection, spec.field, spec.param, query, "both");
      bound(selection, spec.field, `${spec.param}>`, query, "lo");
      bound(selection, spec.field, `${spec.param}<`, query, "hi");
    } else {
      bound(selection, spec.field, spec.from, query, "lo", spec.dayOnly);
      bound(
        selection,
        spec.field,
        spec.to,
        query,
        spec.toExclusive ? "before" : "hi",
        spec.dayOnly,
      );
    }
  }
  return selection;
}

function bound(
  selection: Selection,
  field: string,
  param: string,
  query: URLSearchParams,
  side: "lo" | "hi" | "both" | "before",
  dayOnly = false,
): void {
  const raw = query.get(param);
  if (raw === null) return;
  const value = parseFilterValue(raw);
  if (!value || (dayOnly && !value.day)) {
    const forms = dayOnly ? "YYYY-MM-DD" : "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ";
    throw badRequest(`Invalid value for ${param}: "${raw}" (expected ${forms})`);
  }
  let range = selection.ranges.find((r) => r.field === field);
  if (!range) {
    range = { field };
    selection.ranges.push(range);
  }
  if (side === "lo" || side === "both") {
    if (range.lo === undefined || value.ms > range.lo) {
      range.lo = value.ms;
      range.loDay = value.day;
    }
  }
  const hi = side === "before"
    ? value.ms - 1
    : side === "hi" || side === "both"
    ? lastMs(value)
    : undefined;
  if (hi !== undefined && (range.hi === undefined || hi < range.hi)) range.hi = hi;
}

/** The range on `field`, if the request bounded it. */
export function rangeOf(selection: Selection, field: string): DateRange | undefined {
  return selection.ranges.find((r) => r.field === field);
}

/**
 * Whether the lower bound on `field` reaches further back than `days` before `now` (a day value
 * is compared by day, a date-time value to the millisecond).
 */
export function startsBefore(
  selection: Selection,
  field: string,
  now: number,
  days: number,
): boolean {
  const range = rangeOf(selection, field);
  if (range?.lo === undefined) return false;
  const cutoff = now - days * DAY_MS;
  return range.loDay ? range.lo < dayStart(cutoff) : range.lo < cutoff;
}

/** Index window `[from, to)` that holds every match, narrowed by the collection's sort key. */
export function windowOf(collection: Collection, selection: Selection): [number, number] {
  let from = 0;
  let to = collection.count;
  const key = collection.sortKey;
  if (!key) return [from, to];
  for (const range of selection.ranges) {
    const lag = collection.lag?.(range.field);
    if (!lag) continue;
    if (range.lo !== undefined) {
      from = Math.max(from, lowerBound(collection.count, key, range.lo - lag[1]));
    }
    if (range.hi !== undefined) {
      to = Math.min(to, upperBound(collection.count, key, range.hi - lag[0]));
    }
  }
  return [from, Math.max(from, to)];
}

/** The exact test for one record, or undefined when every record in the window matches. */
export function predicateOf(selection: Selection): ((row: Row) => boolean) | undefined {
  if (selection.ranges.length === 0 && selection.equals.length === 0) return undefined;
  return (row) => {
    for (const { field, value } of selection.equals) {
      if (String(row[field]) !== value) return false;
    }
    for (const range of selection.ranges) {
      const raw = row[range.field];
      if (typeof raw !== "string") return false;
      const ms = Date.parse(raw);
      if (Number.isNaN(ms)) return false;
      if (range.lo !== undefined && ms < range.lo) return false;
      if (range.hi !== undefined && ms > range.hi) return false;
    }
    return true;
  };
}
