/**
 * Which records of a page a stream emits: those inside its own window (a
 * parent may be read from earlier, for its children), not already emitted in
 * the same window, and for client-side cursors the highest cursor seen.
 *
 * @module
 */
import { keyString, parseCursor, type PartitionKey } from "./state.ts";
import type { JsonObject } from "../protocol/messages.ts";

const DAY = 86_400_000;

/** Epoch ms of a cursor value, or undefined when it has none. */
export function cursorMs(value: unknown): number | undefined {
  return typeof value === "string" ? parseCursor(value) : undefined;
}

/** Whether a cursor value is in [start, end]; a bare date stands for its whole day. */
export function inWindow(value: unknown, start: number, end: number | undefined): boolean {
  const at = cursorMs(value);
  if (at === undefined) return true;
  const from = (value as string).length === 10 ? Math.floor(start / DAY) * DAY : start;
  return at >= from && (end === undefined || at <= end + 999);
}

/** Records not emitted yet in this window (by SID); remembers the new ones. */
export function unseen(records: JsonObject[], seen: Set<string> | undefined): JsonObject[] {
  if (!seen) return records;
  return records.filter((record) => {
    const sid = String(record.sid);
    if (seen.has(sid)) return false;
    seen.add(sid);
    return true;
  });
}

/** The highest cursor emitted per partition (client-side cursors). */
export class CursorMax {
  #max = new Map<string, { key: PartitionKey; max: number }>();

  /** Notes the cursors of emitted records. */
  note(key: PartitionKey, records: readonly JsonObject[], field: string): void {
    let max = -Infinity;
    for (const record of records) {
      const at = cursorMs(record[field]);
      if (at !== undefined && at > max) max = at;
    }
    if (max === -Infinity) return;
    const id = keyString(key);
    const current = this.#max.get(id);
    if (!current) this.#max.set(id, { key, max });
    else if (max > current.max) current.max = max;
  }

  /** Every partition's highest cursor. */
  values(): IterableIterator<{ key: PartitionKey; max: number }> {
    return this.#max.values();
  }
}
