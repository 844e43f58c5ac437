/**
 * Per-stream incremental state: one cursor per partition (account, flow, ...),
 * each the low-water mark of the windows completed in order, so a STATE never
 * moves past a record not yet emitted, whatever runs concurrently.
 *
 * State blob: `{ "states": [{ "partition": {...}, "cursor": { "<field>": ISO } }],
 * "state": { "<field>": ISO } }` where `state` is the fallback cursor of
 * partitions not listed (what a flat, legacy state becomes). The same shape as
 * Airbyte's own Twilio connector, so its states are read as they are.
 *
 * @module
 */
import { ConfigError } from "./errors.ts";
import { isoSeconds } from "./slices.ts";
import type { JsonObject } from "../protocol/messages.ts";

/** A partition key: a few string fields such as `{ account_sid }`. */
export type PartitionKey = Record<string, string>;

interface Partition {
  key: PartitionKey;
  cursor: number | undefined;
  open: { end: number; done: boolean }[];
  /** Takes no fallback cursor (see {@linkcode CursorTracker.noFallback}). */
  own?: boolean;
}

/** A window registered with {@linkcode CursorTracker.open}. */
export interface Ticket {
  partition: string;
  window: { end: number; done: boolean };
}

const ACCOUNT_IN_URI = /\/Accounts\/(AC[0-9a-fA-F]{32})\b/;
const NOT_KEYS = new Set(["parent_slice", "subresource_uri", "date_created", "conference_status"]);

/** Tracks the cursors of one stream. */
export class CursorTracker {
  readonly #field: string;
  readonly #stream: string;
  #partitions = new Map<string, Partition>();
  #fallback: number | undefined;
  #extra: JsonObject = {};

  /** Reads `input` (the stream's saved state blob, any accepted shape). */
  constructor(stream: string, cursorField: string, input?: JsonObject) {
    this.#stream = stream;
    this.#field = cursorField;
    if (input) this.#load(input);
  }

  /** Partitions known: saved ones and those read in this sync. */
  get size(): number {
    return this.#partitions.size;
  }

  /** Where the partition's cursor stands (epoch ms), or undefined when it has none. */
  cursorOf(key: PartitionKey): number | undefined {
    const partition = this.#partitions.get(keyString(key));
    return partition?.own ? partition.cursor : partition?.cursor ?? this.#fallback;
  }

  /**
   * Keeps the fallback cursor from a partition: one of a subaccount read
   * below a product stream (its flows' executions), which a fallback saved
   * for the main account alone would start past its history.
   */
  noFallback(key: PartitionKey): void {
    this.#partition(key).own = true;
  }

  /** Registers the next window of a partition; windows must be opened in time order. */
  open(key: PartitionKey, end: number): Ticket {
    const partition = this.#partition(key);
    const window = { end, done: false };
    partition.open.push(window);
    return { partition: keyString(key), window };
  }

  /**
   * Replaces an open window by consecutive windows ending at `ends` (ascending,
   * none past the window's own end), in its place in the partition's order, so
   * the cursor never passes a part of it not yet read.
   */
  split(ticket: Ticket, ends: readonly number[]): Ticket[] {
    const open = this.#partitions.get(ticket.partition)?.open;
    const at = open?.indexOf(ticket.window) ?? -1;
    if (!open || at < 0 || ticket.window.done) {
      throw new Error(`Cannot split a window that is not open for "${this.#stream}"`);
    }
    ends.forEach((end, k) => {
      if (end > ticket.window.end || (k > 0 && end <= ends[k - 1]!)) {
        throw new RangeError(`Split ends must ascend within the window for "${this.#stream}"`);
      }
    });
    const windows = ends.map((end) => ({ end, done: false }));
    open.splice(at, 1, ...windows);
    return windows.map((window) => ({ partition: ticket.partition, window }));
  }

  /** Marks a window done; true when the partition's cursor moved. */
  complete(ticket: Ticket): boolean {
    ticket.window.done = true;
    const partition = this.#partitions.get(ticket.partition);
    if (!partition) return false;
    let moved = false;
    while (partition.open[0]?.done) {
      const end = partition.open.shift()!.end;
      if (partition.cursor === undefined || end > partition.cursor) {
        partition.cursor = end;
        moved = true;
      }
    }
    return moved;
  }

  /** Moves a partition's cursor forward to `value` (client-side cursors); true when it moved. */
  advance(key: PartitionKey, value: number): boolean {
    const partition = this.#partition(key);
    if (partition.cursor !== undefined && partition.cursor >= value) return false;
    partition.cursor = value;
    return true;
  }

  /** Extra top-level entries kept in the blob (e.g. the pending re-reads list). */
  setExtra(name: string, value: unknown): void {
    this.#extra[name] = value;
  }

  /** An extra entry read from the input state. */
  extra(name: string): unknown {
    return this.#extra[name];
  }

  /** The state blob to emit. */
  snapshot(): JsonObject {
    const states = [...this.#partitions.values()]
      .filter((p) => p.cursor !== undefined)
      .map((p) => ({ partition: p.key, cursor: { [this.#field]: isoSeconds(p.cursor!) } }));
    const blob: JsonObject = { states };
    if (this.#fallback !== undefined) blob.state = { [this.#field]: isoSeconds(this.#fallback) };
    return { ...blob, ...this.#extra };
  }

  #partition(key: PartitionKey): Partition {
    const id = keyString(key);
    let partition = this.#partitions.get(id);
    if (!partition) {
      partition = { key, cursor: undefined, open: [] };
      this.#partitions.set(id, partition);
    }
    return partition;
  }

  #load(input: JsonObject): void {
    const { states, state, use_global_cursor: _, ...rest } = input;
    if (states !== undefined) {
      if (!Array.isArray(states)) this.#bad("states must be an array");
      for (const entry of states as unknown[]) this.#loadPartition(entry);
    }
    if (state !== undefined) this.#fallback = this.#cursorValue(state, "state");
    for (const [name, value] of Object.entries(rest)) {
      if (name === this.#field) this.#fallback = this.#cursorValue(rest, "state");
      else if (name.startsWith("__ab_")) continue;
      else this.#extra[name] = value;
    }
  }

  #loadPartition(entry: unknown): void {
    if (typeof entry !== "object" || entry === null) {
      this.#bad("each states entry must be an object");
    }
    const { partition, cursor } = entry as { partition?: unknown; cursor?: unknown };
    if (typeof partition !== "object" || partition === null) {
      this.#bad("a states entry has no partition");
    }
    const key = partitionKey(partition as JsonObject);
    const value = this.#cursorValue(cursor, "cursor");
    const current = this.#partitions.get(keyString(key));
    // Several old partitions can fold into one of ours: keep the earliest, never skip.
    if (current?.cursor !== undefined && current.cursor <= value) return;
    this.#partitions.set(keyString(key), { key, cursor: value, open: [] });
  }

  #cursorValue(holder: unknown, where: string): number {
    if (typeof holder !== "object" || holder === null) this.#bad(`${where} must be an object`);
    const value = (holder as JsonObject)[this.#field];
    if (typeof value !== "string") this.#bad(`${where} has no "${this.#field}" string`);
    const ms = parseCursor(value as string);
    if (ms === undefined) this.#bad(`${where}.${this.#field} is not a date: "${value}"`);
    return ms!;
  }

  #bad(detail: string): never {
    throw new ConfigError(`Invalid state for stream "${this.#stream}": ${detail}`);
  }
}

/** Our partition key for a saved partition, whatever connector wrote it. */
export function partitionKey(partition: JsonObject): PartitionKey {
  const key: PartitionKey = {};
  for (const [name, value] of Object.entries(partition)) {
    if (!NOT_KEYS.has(name) && typeof value === "string") key[name] = value;
  }
  if (key.account_sid === undefined) {
    const uri = findUri(partition);
    const match = uri ? ACCOUNT_IN_URI.exec(uri) : null;
    if (match) key.account_sid = match[1]!;
  }
  if (key.sid?.startsWith("AC") && Object.keys(key).length === 1) return { account_sid: key.sid };
  return key;
}

function findUri(partition: JsonObject): string | undefined {
  if (typeof partition.subresource_uri === "string") return partition.subresource_uri;
  const parent = partition.parent_slice;
  return typeof parent === "object" && parent !== null ? findUri(parent as JsonObject) : undefined;
}

/** A stable string for a partition key. */
export function keyString(key: PartitionKey): string {
  return JSON.stringify(Object.keys(key).sort().map((k) => [k, key[k]]));
}

/** Epoch ms of a cursor value: ISO 8601, `YYYY-MM-DD HH:MM:SSZ`, a bare date, or RFC 2822. */
export function parseCursor(value: string): number | undefined {
  // Fast path: the ISO form normalised records carry (`YYYY-MM-DDTHH:MM:SSZ`).
  if (value.length === 20 && value.charCodeAt(10) === 84 && value.charCodeAt(19) === 90) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const text = /^\d{4}-\d{2}-\d{2} \d/.test(value) ? value.replace(" ", "T") : value;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  return Number.isNaN(ms) ? undefined : ms;
}
