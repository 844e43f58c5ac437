/**
 * Saved states of product streams from before they were read per account.
 * Those streams had one partition (`{}`, or a flat cursor), which was the
 * main account's: it becomes the main account's `{ account_sid }` partition,
 * and only that one. As a fallback cursor of every partition it would start
 * subaccounts never read before at the main account's cursor, skipping
 * their history.
 *
 * @module
 */
import { partitionKey } from "./state.ts";
import type { JsonObject } from "../protocol/messages.ts";

/**
 * `blob` with its account-less cursors moved to `main`'s partition.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mainPartition } from "./account_state.ts";
 * const old = { date_generated: "2024-05-01T00:00:00Z" };
 * assert.deepEqual(mainPartition(old, "date_generated", "AC1"), {
 *   states: [{ partition: { account_sid: "AC1" }, cursor: { date_generated: "2024-05-01T00:00:00Z" } }],
 * });
 * ```
 */
export function mainPartition(blob: JsonObject, field: string, main: string): JsonObject {
  const { states, state, [field]: flat, ...rest } = blob;
  // A malformed blob is left for the cursor tracker to refuse, with its message.
  if (states !== undefined && !Array.isArray(states)) return blob;
  const moved: unknown[] = (states ?? []).map((entry) => {
    const partition = (entry as JsonObject | null)?.partition;
    if (typeof partition !== "object" || partition === null) return entry;
    if (Object.keys(partitionKey(partition as JsonObject)).length > 0) return entry;
    return { ...(entry as JsonObject), partition: { account_sid: main } };
  });
  if (state !== undefined) moved.push({ partition: { account_sid: main }, cursor: state });
  if (flat !== undefined) {
    moved.push({ partition: { account_sid: main }, cursor: { [field]: flat } });
  }
  return { ...rest, states: moved } as JsonObject;
}
