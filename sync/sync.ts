/**
 * `sync()`: an incremental read into a folder of files, with the state kept
 * in the folder. A layer over {@linkcode readRun}: the read engine is the one
 * `read` uses.
 *
 * @module
 */
import { SourceError } from "../pipeline/errors.ts";
import type { HttpEvent } from "../pipeline/http_client.ts";
import type { ReadRun } from "../pipeline/read.ts";
import { parseConfig, secretsOf } from "../protocol/config.ts";
import type { AirbyteMessage } from "../protocol/messages.ts";
import { readRun } from "../source.ts";
import { commitCheckpoint, loadCheckpoint, stateMessages } from "./checkpoint.ts";
import { syncCatalog } from "./catalog.ts";
import { RecordFiles } from "./files.ts";
import { FolderLock, prepareFolder } from "./folder.ts";
import { type SyncSummary, SyncTally, writeSummary } from "./summary.ts";
import { SyncWriter } from "./writer.ts";

/** How often incremental states are committed at most, by default. */
export const COMMIT_EVERY_MS = 1000;

/**
 * Options of {@linkcode sync}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConfigError, sync, type SyncOptions } from "../mod.ts";
 * const sid = "AC" + "0".repeat(32);
 * const config = { account_sid: sid, auth_token: "token", start_date: "2024-01-01T00:00:00Z" };
 * const options: SyncOptions = { dir: await Deno.makeTempDir(), streams: ["no_such_stream"] };
 * await assert.rejects(sync(config, options), (error) => {
 *   return error instanceof ConfigError && /Unknown stream in --streams/.test(error.message);
 * });
 * await Deno.remove(options.dir, { recursive: true });
 * ```
 */
export interface SyncOptions {
  /** The sync folder: records, `state.json`, `last_sync.json` (created when missing). */
  dir: string;
  /** A configured catalog (default: every stream, incremental where supported). */
  catalog?: unknown;
  /** Only these streams (of the catalog). */
  streams?: readonly string[];
  /** Stops the sync; the folder stays consistent. */
  signal?: AbortSignal;
  /** Transport (default: the global `fetch`). */
  fetch?: typeof fetch;
  /** Clock (default `Date.now`). */
  now?: () => number;
  /** Receives every HTTP response and retry (progress). */
  onHttpEvent?: (event: HttpEvent) => void;
  /**
   * Receives every batch of messages of the read, before it is written
   * (progress, logs), with the secrets the read has learnt so far (subaccounts'
   * tokens) for masking anything printed of it.
   */
  onMessages?: (
    batch: readonly AirbyteMessage[],
    learnt: { mask(text: string): string },
  ) => void;
  /** The shortest time between two commits of the state, ms (default 1000; 0: every STATE). */
  commitEveryMs?: number;
}

/**
 * Syncs the selected streams into `options.dir`: records appended to
 * `<stream>.jsonl` (one record's data a line), the state in `state.json`,
 * the outcome in `last_sync.json`. Throws a `ConfigError` for an invalid
 * config, catalog, `streams`, folder or state file, and a `SourceError` when
 * another sync holds the folder, before any request; a failed stream is in
 * the summary.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startSimulator, sync } from "../mod.ts";
 * await using sim = await startSimulator();
 * const config = {
 *   account_sid: sim.accountSid,
 *   auth_token: sim.authToken,
 *   start_date: "2024-01-01T00:00:00Z",
 *   base_url: sim.url,
 * };
 * const dir = await Deno.makeTempDir();
 * const first = await sync(config, { dir, streams: ["messages", "queues"] });
 * assert.equal(first.status, "succeeded");
 * const lines = (await Deno.readTextFile(`${dir}/messages.jsonl`)).trimEnd().split("\n");
 * assert.equal(lines.length, first.streams.messages!.records);
 * // The next sync starts from state.json: nothing new, nothing added.
 * const second = await sync(config, { dir, streams: ["messages"] });
 * assert.equal(second.streams.messages!.records, 0);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function sync(rawConfig: unknown, options: SyncOptions): Promise<SyncSummary> {
  const now = options.now ?? Date.now;
  parseConfig(rawConfig);
  const { catalog, selections } = syncCatalog(options.catalog, options.streams);
  const dir = options.dir.replace(/(.)\/+$/, "$1");
  await prepareFolder(dir);
  const lock = await FolderLock.acquire(dir);
  const files = new RecordFiles(dir, secretsOf(rawConfig));
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  try {
    const checkpoint = await loadCheckpoint(dir);
    await files.removeLeftovers();
    const tally = new SyncTally(selections, now);
    for (const { name, mode } of selections) {
      if (mode === "full_refresh") await files.openRefresh(name);
      else {
        const covered = checkpoint.lengths.get(name);
        const length = await files.openAppend(name, covered, checkpoint.settled.get(name));
        checkpoint.lengths.set(name, length);
        // No complete run known: the records the folder holds now are settled.
        const settled = checkpoint.settled.get(name);
        checkpoint.settled.set(
          name,
          settled === undefined || covered === undefined ? length : Math.min(settled, length),
        );
      }
    }
    // From here a killed run cuts every incremental file back to what it holds now.
    await commitCheckpoint(dir, checkpoint);
    const writer = new SyncWriter({
      dir,
      files,
      tally,
      selections,
      checkpoint,
      commitEveryMs: options.commitEveryMs ?? COMMIT_EVERY_MS,
      now,
    });
    // A sync stopped before it started reads nothing.
    if (!signal.aborted) {
      const run = readRun(rawConfig, catalog, {
        state: stateMessages(checkpoint.states),
        signal,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.now ? { now: options.now } : {}),
        ...(options.onHttpEvent ? { onHttpEvent: options.onHttpEvent } : {}),
      });
      await writeAll(run, writer, stop, options.onMessages);
    }
    await writer.finish();
    const summary = tally.summary(writer.states, options.signal?.aborted ?? false);
    await writeSummary(dir, summary);
    return summary;
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(
      `Cannot write into the sync folder ${dir}: ${(error as Error).message}`,
      "system_error",
      { cause: error },
    );
  } finally {
    await files.close();
    lock.release();
  }
}

/** Writes every batch of `run`; a batch that cannot be written stops the read. */
async function writeAll(
  run: ReadRun,
  writer: SyncWriter,
  stop: AbortController,
  onMessages: SyncOptions["onMessages"],
): Promise<void> {
  const reader = run.readable.getReader();
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      onMessages?.(value, run.secrets);
      await writer.write(value);
    }
  } catch (error) {
    // The committed state stays valid.
    stop.abort(error);
    await reader.cancel(error).catch(() => {});
    throw error;
  }
  await run.outcome;
}
