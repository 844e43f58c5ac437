/**
 * The one collection mechanism every list uses: `{ count, at(i) }`, optionally sorted by a date
 * (`sortKey`, ascending in `i`) so date filters become index ranges by binary search.
 *
 * @module
 */

/** A record as served (a JSON object). */
export type Row = Record<string, unknown>;

/** A virtual, possibly lazily generated, list of records. */
export interface Collection {
  /** Number of records. */
  readonly count: number;
  /** The record at index `i` (0 <= i < count). */
  at(i: number): Row;
  /** Epoch ms, non-decreasing in `i`; lets date filters narrow to an index range. */
  readonly sortKey?: (i: number) => number;
  /**
   * For a date field, bounds `[min, max]` of `field - sortKey` (ms) over all records where the
   * field is not null; undefined when the field has no known relation to the sort key.
   */
  readonly lag?: (field: string) => readonly [number, number] | undefined;
  /** Finds a record by `sid` faster than a scan. */
  readonly find?: (sid: string) => Row | undefined;
}

/** Collections up to this size may be scanned to find a record by SID. */
const SCAN_LIMIT = 100_000;

/** Wraps an array; with `sortField`, the rows must be ascending by that date field. */
export function arrayCollection(rows: readonly Row[], sortField?: string): Collection {
  if (sortField === undefined) return { count: rows.length, at: (i) => rowAt(rows, i) };
  const keys = rows.map((row) => Date.parse(String(row[sortField])));
  for (let i = 1; i < keys.length; i++) {
    if (!((keys[i] ?? 0) >= (keys[i - 1] ?? 0))) {
      throw new Error(`Rows are not sorted by "${sortField}": index ${i}`);
    }
  }
  return {
    count: rows.length,
    at: (i) => rowAt(rows, i),
    sortKey: (i) => keys[i] ?? 0,
    lag: (field) => field === sortField ? [0, 0] : undefined,
  };
}

function rowAt(rows: readonly Row[], i: number): Row {
  const row = rows[i];
  if (row === undefined) throw new RangeError(`Index out of range: ${i}`);
  return row;
}

/** First index whose key is >= `target` (keys non-decreasing). */
export function lowerBound(count: number, key: (i: number) => number, target: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(mid) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose key is > `target` (keys non-decreasing). */
export function upperBound(count: number, key: (i: number) => number, target: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(mid) <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A record by SID: `find` when the collection has it, else a scan of a small collection. */
export function findBySid(collection: Collection, sid: string): Row | undefined {
  if (collection.find) return collection.find(sid);
  if (collection.count > SCAN_LIMIT) return undefined;
  for (let i = 0; i < collection.count; i++) {
    const row = collection.at(i);
    if (row.sid === sid) return row;
  }
  return undefined;
}

/** Every record of a collection, in index order. */
export function* rowsOf(collection: Collection): Generator<Row> {
  for (let i = 0; i < collection.count; i++) yield collection.at(i);
}
