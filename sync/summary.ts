/**
 * The outcome of a sync, per stream, as `sync()` returns it and
 * `last_sync.json` keeps it.
 *
 * @module
 */
import type { Selection } from "../protocol/catalog.ts";
import type { JsonObject, StreamStatus } from "../protocol/messages.ts";
import { replaceFile } from "./folder.ts";
import { recordFile } from "./files.ts";

/** The summary file of a sync folder. */
export const SUMMARY_FILE = "last_sync.json";

/**
 * How one stream of a sync ended.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { SyncStreamSummary } from "../mod.ts";
 * const summary: SyncStreamSummary = {
 *   mode: "incremental",
 *   status: "COMPLETE",
 *   records: 12,
 *   file: "messages.jsonl",
 *   state: { states: [] },
 *   seconds: 1.5,
 * };
 * assert.equal(summary.error, undefined);
 * ```
 */
export interface SyncStreamSummary {
  /** How the stream was read. */
  mode: "full_refresh" | "incremental";
  /** `COMPLETE`, or `INCOMPLETE` (failed, skipped or stopped). */
  status: Extract<StreamStatus, "COMPLETE" | "INCOMPLETE">;
  /** Records this sync added to the stream's file (a full refresh: the whole file, once in place). */
  records: number;
  /** The stream's file, in the sync folder. */
  file: string;
  /** The stream's committed state (`stream_state` in `state.json`), null for none. */
  state: JsonObject | null;
  /** How long the stream ran. */
  seconds: number;
  /** Why the stream failed. */
  error?: string;
}

/**
 * The outcome of a sync: what `sync()` resolves to and `last_sync.json` holds.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { SyncSummary } from "../mod.ts";
 * const summary: SyncSummary = {
 *   status: "succeeded",
 *   started_at: "2026-01-01T00:00:00.000Z",
 *   ended_at: "2026-01-01T00:00:02.000Z",
 *   seconds: 2,
 *   streams: {},
 * };
 * assert.equal(summary.status, "succeeded");
 * ```
 */
export interface SyncSummary {
  /** `succeeded`; `failed` when a stream failed; `cancelled` when the sync was stopped. */
  status: "succeeded" | "failed" | "cancelled";
  /** When the sync started (ISO 8601). */
  started_at: string;
  /** When it ended. */
  ended_at: string;
  /** How long it ran. */
  seconds: number;
  /** A failure of the whole sync (credentials rejected, ...). */
  error?: string;
  /** Each selected stream. */
  streams: Record<string, SyncStreamSummary>;
}

interface Row {
  mode: "full_refresh" | "incremental";
  status: "COMPLETE" | "INCOMPLETE";
  written: number;
  kept: number;
  started: number;
  ended: number | undefined;
  error?: string;
}

/** Collects the per-stream figures of a sync as its messages go by. */
export class SyncTally {
  #rows = new Map<string, Row>();
  #now: () => number;
  #started: number;
  #error: string | undefined;

  constructor(selections: readonly Selection[], now: () => number) {
    this.#now = now;
    this.#started = now();
    for (const { name, mode } of selections) {
      this.#rows.set(name, {
        mode,
        status: "INCOMPLETE",
        written: 0,
        kept: 0,
        started: this.#started,
        ended: undefined,
      });
    }
  }

  /** Records written to a stream's file. */
  written(stream: string, count: number): void {
    const row = this.#rows.get(stream);
    if (row) row.written += count;
  }

  /** A stream's records written so far are now covered by its state (or swapped in). */
  kept(stream: string): void {
    const row = this.#rows.get(stream);
    if (row) row.kept = row.written;
  }

  /** A stream's final status. */
  ended(stream: string, status: "COMPLETE" | "INCOMPLETE"): void {
    const row = this.#rows.get(stream);
    if (!row) return;
    row.status = status;
    row.ended = this.#now();
  }

  /** An error of a stream, or of the whole sync when `stream` is undefined. */
  error(stream: string | undefined, message: string): void {
    const row = stream === undefined ? undefined : this.#rows.get(stream);
    if (row) row.error ??= message;
    else this.#error ??= message;
  }

  /** The summary, given the committed states and whether the sync was stopped. */
  summary(states: ReadonlyMap<string, JsonObject>, cancelled: boolean): SyncSummary {
    const ended = this.#now();
    const streams: Record<string, SyncStreamSummary> = {};
    for (const [name, row] of this.#rows) {
      streams[name] = {
        mode: row.mode,
        status: row.status,
        records: row.kept,
        file: recordFile(name),
        state: row.mode === "incremental" ? states.get(name) ?? null : null,
        seconds: ((row.ended ?? ended) - row.started) / 1000,
        ...(row.error === undefined ? {} : { error: row.error }),
      };
    }
    const failed = this.#error !== undefined ||
      [...this.#rows.values()].some((r) => r.error !== undefined);
    return {
      status: cancelled ? "cancelled" : failed ? "failed" : "succeeded",
      started_at: new Date(this.#started).toISOString(),
      ended_at: new Date(ended).toISOString(),
      seconds: (ended - this.#started) / 1000,
      ...(this.#error === undefined ? {} : { error: this.#error }),
      streams,
    };
  }
}

/** Writes `last_sync.json` atomically. */
export async function writeSummary(dir: string, summary: SyncSummary): Promise<void> {
  await replaceFile(dir, SUMMARY_FILE, JSON.stringify(summary, null, 2) + "\n");
}
