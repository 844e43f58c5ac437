/**
 * The date windows of one partition of a windowed stream: where its read
 * starts (saved cursor minus lookback, or `start_date`, for the stream and the
 * streams read inside its windows, clamped to Twilio's retention and to what
 * exists), the slices from there to the sync's start, and the checkpoints: a
 * STATE for every stream whose low-water mark a completed slice moved.
 *
 * @module
 */
import { forEachBounded } from "./_bounded.ts";
import { readWindow } from "./window_reader.ts";
import { clampStart, dateSlices, durationMs, type Slice } from "./slices.ts";
import { parseCursor, type PartitionKey } from "./state.ts";
import type { StreamNode } from "./stream_node.ts";
import type { PartitionInput } from "./stream_node.ts";

/** Where a stream's own records start for a partition, or undefined when it emits none. */
export function ownStart(node: StreamNode, key: PartitionKey): number | undefined {
  if (!node.selected) return undefined;
  const { startDate, lookbackMs } = node.ctx;
  const cursor = node.tracker?.cursorOf(key);
  if (cursor === undefined) return startDate;
  return Math.max(startDate, cursor - lookbackMs);
}

/**
 * Where a stream has to be read from for a partition: the earliest start of
 * itself and of the streams read inside its windows.
 */
export function readsFrom(node: StreamNode, key: PartitionKey): number {
  const starts = [node, ...node.nestedDescendants()]
    .map((n) => ownStart(n, key))
    .filter((s): s is number => s !== undefined);
  return starts.length > 0 ? Math.min(...starts) : node.ctx.startDate;
}

/**
 * Reads every slice of a partition's window, checkpointing in slice order.
 * `reader(slice)` gives the list read of one slice, called once per query
 * (a slice split at a result cap is read as several queries).
 */
export async function readWindows(
  node: StreamNode,
  partition: PartitionInput,
  signal: AbortSignal,
  reader: (slice: Slice) => (query: [string, string][]) => Promise<void>,
): Promise<void> {
  const { def, ctx } = node;
  const filter = def.incremental!.filter!;
  const start = windowStart(node, partition);
  const step = durationMs(ctx.sliceStep ?? def.incremental?.step ?? "P30D");
  const granularity = filter.format === "date" ? "day" : "second";
  const slices = dateSlices({ start, end: ctx.now, stepMs: step, granularity });
  const tracked = [node, ...node.nestedDescendants()].filter((n) => n.tracker);
  await forEachBounded(slices, node.windowSlots, signal, async (slice) => {
    // Opened in slice order, before the first await: the low-water mark needs it.
    const tickets = tracked.map((n) => ({ n, ticket: n.tracker!.open(partition.key, slice.end) }));
    await readWindow(slice, {
      stream: def.name,
      filter,
      cap: def.incremental?.maxResultsPerQuery,
      read: reader(slice),
      log: (level, message) => node.log.log(level, message),
    });
    for (const { n, ticket } of tickets) {
      if (n.tracker!.complete(ticket)) n.checkpoint();
    }
  });
}

/** The partition's window start, clamped to Twilio's retention (logged once) and to `notBefore`. */
function windowStart(node: StreamNode, partition: PartitionInput): number {
  const { def, ctx } = node;
  const start = readsFrom(node, partition.key);
  const days = def.incremental?.retentionDays;
  const notBefore = partition.parent && def.notBefore?.(partition.parent);
  const clamped = clampStart(start, {
    now: ctx.now,
    retentionDays: days,
    notBefore: typeof notBefore === "string" ? parseCursor(notBefore) : undefined,
  });
  if (clamped.retentionClamped) {
    node.log.once(
      "retention",
      "INFO",
      `"${def.name}": Twilio keeps ${days} days; reading from ` +
        `${new Date(clamped.start).toISOString()} instead of ${new Date(start).toISOString()}`,
    );
  }
  return clamped.start;
}
