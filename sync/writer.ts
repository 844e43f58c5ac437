/**
 * Turns the messages of a read into the files of a sync folder: records are
 * appended to their stream's file, a STATE is committed only once every
 * record before it is on disk, a full refresh is swapped in when its stream
 * completes.
 *
 * @module
 */
import type { Selection, SyncMode } from "../protocol/catalog.ts";
import type { AirbyteMessage, JsonObject } from "../protocol/messages.ts";
import { type Checkpoint, commitCheckpoint } from "./checkpoint.ts";
import type { RecordFiles } from "./files.ts";
import type { SyncTally } from "./summary.ts";

/** Options of {@linkcode SyncWriter}. */
export interface SyncWriterOptions {
  dir: string;
  files: RecordFiles;
  tally: SyncTally;
  selections: readonly Selection[];
  /** What the folder holds now (committed). */
  checkpoint: Checkpoint;
  /** The shortest time between two commits of incremental states, ms (0: at every STATE). */
  commitEveryMs: number;
  now: () => number;
}

/** Writes message batches of a read into a sync folder. */
export class SyncWriter {
  #options: SyncWriterOptions;
  #modes: Map<string, SyncMode>;
  /** States and covered lengths seen, committed or not. */
  #next: Checkpoint;
  /** Streams whose state in {@linkcode #next} is not committed yet. */
  #dirty = new Set<string>();
  #lastCommit: number;

  constructor(options: SyncWriterOptions) {
    this.#options = options;
    this.#modes = new Map(options.selections.map((s) => [s.name, s.mode]));
    this.#next = copy(options.checkpoint);
    this.#lastCommit = options.now();
  }

  /** The states committed last. */
  get states(): ReadonlyMap<string, JsonObject> {
    return this.#options.checkpoint.states;
  }

  /** Handles one batch, in order. */
  async write(batch: readonly AirbyteMessage[]): Promise<void> {
    const { files, tally } = this.#options;
    let stream = "";
    let records: JsonObject[] = [];
    const flushRecords = async () => {
      if (records.length === 0) return;
      if (files.isOpen(stream)) {
        tally.written(stream, await files.append(stream, records));
      }
      records = [];
    };
    for (const message of batch) {
      if (message.type === "RECORD") {
        if (message.record.stream !== stream) {
          await flushRecords();
          stream = message.record.stream;
        }
        records.push(message.record.data);
        continue;
      }
      await flushRecords();
      if (message.type === "STATE") {
        await this.#state(message.state.stream.stream_descriptor.name, message);
      } else if (message.type === "TRACE" && message.trace.type === "STREAM_STATUS") {
        const { stream_descriptor, status } = message.trace.stream_status;
        if (status === "COMPLETE" || status === "INCOMPLETE") {
          await this.#ended(stream_descriptor.name, status);
        }
      } else if (message.type === "TRACE" && message.trace.type === "ERROR") {
        tally.error(message.trace.error.stream_descriptor?.name, message.trace.error.message);
      }
    }
    await flushRecords();
  }

  /**
   * Commits what is left and cuts each incremental file back to what its
   * committed state covers (records of a stream stopped between two STATEs:
   * the next sync reads them again).
   */
  async finish(): Promise<void> {
    await this.#commit(true);
    const { files, checkpoint } = this.#options;
    for (const [name, mode] of this.#modes) {
      const covered = checkpoint.lengths.get(name);
      if (mode === "incremental" && covered !== undefined && files.isOpen(name)) {
        await files.truncate(name, covered);
      }
    }
  }

  async #state(name: string, message: AirbyteMessage & { type: "STATE" }): Promise<void> {
    const { files, tally } = this.#options;
    // A full refresh's STATE says nothing the next sync needs: it is not kept.
    if (this.#modes.get(name) !== "incremental" || !files.isOpen(name)) return;
    this.#next.states.set(name, message.state.stream.stream_state);
    this.#next.lengths.set(name, files.length(name));
    this.#dirty.add(name);
    tally.kept(name);
    await this.#commit(false);
  }

  async #ended(name: string, status: "COMPLETE" | "INCOMPLETE"): Promise<void> {
    const { files, tally } = this.#options;
    if (this.#modes.get(name) === "full_refresh" && files.isOpen(name)) {
      if (status === "COMPLETE") {
        await files.swapIn(name);
        tally.kept(name);
      } else await files.discard(name);
    } else if (status === "COMPLETE" && files.isOpen(name)) {
      // Complete: every line is covered; a later resumed read gives none of them again.
      this.#next.settled.set(name, files.length(name));
      this.#dirty.add(name);
      await this.#commit(true);
    }
    tally.ended(name, status);
  }

  /** Flushes the dirty streams' files, then commits their states with the lengths they cover. */
  async #commit(force: boolean): Promise<void> {
    const { dir, files, now, commitEveryMs } = this.#options;
    if (this.#dirty.size === 0) return;
    if (!force && now() - this.#lastCommit < commitEveryMs) return;
    for (const name of this.#dirty) await files.flush(name);
    const committed = copy(this.#next);
    await commitCheckpoint(dir, committed);
    this.#options.checkpoint = committed;
    this.#dirty.clear();
    this.#lastCommit = now();
  }
}

function copy(checkpoint: Checkpoint): Checkpoint {
  return {
    states: new Map(checkpoint.states),
    lengths: new Map(checkpoint.lengths),
    settled: new Map(checkpoint.settled),
  };
}
