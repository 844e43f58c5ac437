/**
 * The date windows of one partition of a windowed stream: where its read
 * starts (saved cursor minus lookback, or `start_date`, for the stream and the
 * streams read inside its windows, clamped to Twilio's retention and to what
 * exists), the slices from there to the sync's start, and the checkpoints: a
 * STATE for every stream whose low-water mark a completed slice moved.
 *
 * @module
 */
import type { Semaphore } from "./_async.ts";
import { type Steer, type WalkOptions, type WalkOutcome, walkWindow } from "./window_reader.ts";
import { granuleEnd, planWindows, unitOf } from "./window_plan.ts";
import { clampStart, dateSlices, durationMs, type Slice } from "./slices.ts";
import { parseCursor, type PartitionKey, type Ticket } from "./state.ts";
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

/** Reads one list of a window: its query parameters, steered page by page. */
type WindowListReader = (
  slice: Slice,
  query: [string, string][],
  steer: Steer,
) => Promise<void>;

/** A window to read: its span, what is left of it per variant, and its tickets. */
interface Task {
  slice: Slice;
  /** Per variant, the end of what is still to read in this window (undefined: nothing). */
  bounds: (number | undefined)[];
  tickets: { n: StreamNode; ticket: Ticket }[];
}

/**
 * Reads a partition's windows, sized by the data (`window_plan.ts`), and
 * checkpoints in time order: a window that is cut hands its place in the
 * trackers to its parts, oldest first, so no STATE passes a part not yet read.
 */
export async function readWindows(
  node: StreamNode,
  partition: PartitionInput,
  signal: AbortSignal,
  reader: WindowListReader,
): Promise<void> {
  const { def, ctx } = node;
  const filter = def.incremental!.filter!;
  const unit = unitOf(filter.format);
  const maxMs = ctx.sliceStep === undefined ? Infinity : durationMs(ctx.sliceStep);
  const variants = (def.variants ?? [{}]).map((v) => Object.entries(v));
  const tracked = [node, ...node.nestedDescendants()].filter((n) => n.tracker);
  const options: Omit<WalkOptions, "read"> = {
    stream: def.name,
    filter,
    field: def.incremental!.cursorField,
    pageSize: def.pageSize,
    cap: def.incremental?.maxResultsPerQuery,
    log: (level, message) => node.log.log(level, message),
  };
  const done = (tickets: Task["tickets"]) => {
    for (const { n, ticket } of tickets) {
      if (n.tracker!.complete(ticket)) n.state!.checkpoint();
    }
  };
  const first = dateSlices({
    start: windowStart(node, partition),
    end: ctx.now,
    stepMs: Math.min(maxMs, Number.MAX_SAFE_INTEGER / 2),
    granularity: unit === 86_400_000 ? "day" : "second",
  });
  // Opened in time order, before the first read: the low-water mark needs it.
  const tasks = [...first].map((slice): Task => ({
    slice,
    bounds: variants.map(() => slice.end),
    tickets: tracked.map((n) => ({ n, ticket: n.tracker!.open(partition.key, slice.end) })),
  }));
  await runOldestFirst(tasks, node.windowSlots, signal, async (task) => {
    const outcomes: (WalkOutcome | undefined)[] = [];
    for (const [v, bound] of task.bounds.entries()) {
      const window = { start: task.slice.start, end: bound ?? -Infinity };
      outcomes.push(
        bound === undefined || bound < window.start ? undefined : await walkWindow(
          window,
          variants[v]!,
          { ...options, read: (query, steer) => reader(task.slice, query, steer) },
        ),
      );
    }
    return cut(task, outcomes, { unit, maxMs, done });
  });
}

/**
 * What is left of a window after its walks: the windows to read next, with
 * the task's tickets split among them (and the part already read completed).
 */
function cut(
  task: Task,
  outcomes: (WalkOutcome | undefined)[],
  plan: { unit: number; maxMs: number; done: (tickets: Task["tickets"]) => void },
): Task[] {
  const { slice } = task;
  const left = outcomes.filter((o): o is Exclude<WalkOutcome, { kind: "done" }> =>
    o !== undefined && o.kind !== "done"
  );
  if (left.length === 0) {
    plan.done(task.tickets);
    return [];
  }
  const bounds = outcomes.map((o, v) =>
    o === undefined || o.kind === "done"
      ? undefined
      : o.kind === "cut"
      ? granuleEnd(o.at, plan.unit)
      : task.bounds[v]
  );
  const end = Math.max(...bounds.map((b) => b ?? -Infinity));
  const spanMs = Math.min(...left.map((o) => o.spanMs));
  const windows = planWindows({ start: slice.start, end }, spanMs, plan.unit, plan.maxMs);
  const ends = windows.map((w) => w.end);
  if (end < slice.end) ends.push(slice.end);
  const split = task.tickets.map(({ n, ticket }) => ({ n, parts: n.tracker!.split(ticket, ends) }));
  const part = (k: number) => split.map(({ n, parts }) => ({ n, ticket: parts[k]! }));
  if (end < slice.end) plan.done(part(windows.length));
  const next: Task[] = [];
  windows.forEach((window, k) => {
    const inside = bounds.map((b) =>
      b === undefined || b < window.start ? undefined : Math.min(b, window.end)
    );
    if (inside.every((b) => b === undefined)) plan.done(part(k));
    else next.push({ slice: window, bounds: inside, tickets: part(k) });
  });
  return next;
}

/**
 * Runs `run` for every task, within `slots`, the oldest waiting task first;
 * the tasks a run returns join the waiting ones. After the first failure no
 * task is started; the running ones are awaited and the failure is thrown.
 */
async function runOldestFirst(
  tasks: Task[],
  slots: Semaphore,
  signal: AbortSignal,
  run: (task: Task) => Promise<Task[]>,
): Promise<void> {
  const waiting = [...tasks];
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  try {
    while (!failure && (waiting.length > 0 || running.size > 0)) {
      if (waiting.length === 0) {
        await Promise.race(running);
        continue;
      }
      await slots.acquire(signal);
      if (failure) {
        slots.release();
        break;
      }
      const task = waiting.shift()!;
      const job: Promise<void> = run(task)
        .then((more) => {
          waiting.push(...more);
          waiting.sort((a, b) => a.slice.start - b.slice.start);
        })
        .catch((error) => void (failure ??= { error }))
        .finally(() => {
          slots.release();
          running.delete(job);
        });
      running.add(job);
    }
  } catch (error) {
    failure ??= { error };
  }
  await Promise.all(running);
  if (failure) throw failure.error;
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
