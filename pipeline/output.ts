/**
 * The one output of a read: every concurrent producer writes batches of
 * messages here, in the order they must appear. It is the place that knows the
 * output order, so it also stamps `sourceStats.recordCount` on STATE messages,
 * drops a STATE identical to the previous one of its stream, and emits RUNNING
 * on a stream's first record.
 *
 * @module
 */
import {
  type AirbyteMessage,
  errorMessage,
  type JsonObject,
  type LogLevel,
  logMessage,
  recordMessage,
  stateMessage,
  statusMessage,
  type StreamStatus,
} from "../protocol/messages.ts";
import type { SourceError } from "./errors.ts";

/** The shortest time between two RATE_LIMITED statuses of a stream. */
const RATE_LIMITED_EVERY_MS = 30_000;

/** Options of {@linkcode Output}. */
export interface OutputOptions {
  /** Clock for `emitted_at` (default `Date.now`). */
  now?: () => number;
  /** How many batches may wait for the consumer before producers pause (default 2). */
  highWaterMark?: number;
  /** Called once when the consumer cancels the readable: nobody reads what follows. */
  onCancel?: () => void;
}

/** Per-stream counters, for the summary. */
export interface StreamCounters {
  records: number;
  states: number;
}

/** A merged, backpressured output of message batches. */
export class Output {
  /** The batches, in output order. */
  readonly readable: ReadableStream<AirbyteMessage[]>;
  #writer: WritableStreamDefaultWriter<AirbyteMessage[]>;
  #now: () => number;
  #sinceState = new Map<string, number>();
  #lastState = new Map<string, string>();
  #counters = new Map<string, StreamCounters>();
  #lastLimited = new Map<string, number>();
  #cancelled = false;

  constructor(options: OutputOptions = {}) {
    const { readable, writable } = new TransformStream<AirbyteMessage[], AirbyteMessage[]>(
      {},
      { highWaterMark: options.highWaterMark ?? 2 },
    );
    this.readable = readable;
    this.#writer = writable.getWriter();
    this.#now = options.now ?? Date.now;
    // The writable errors when the consumer cancels the readable (or the read aborts it).
    this.#writer.closed.catch(() => {
      if (this.#cancelled) return;
      this.#cancelled = true;
      options.onCancel?.();
    });
  }

  /** Counters of a stream. */
  counters(stream: string): StreamCounters {
    let counters = this.#counters.get(stream);
    if (!counters) this.#counters.set(stream, counters = { records: 0, states: 0 });
    return counters;
  }

  /**
   * Waits while the consumer is behind, then emits records of a stream. The
   * wait comes first: producers released together by one read would each
   * add a batch to the queue, so it would hold one per producer (with many
   * streams and partitions running, dozens of pages) instead of
   * `highWaterMark`. Each one that finds the queue full again waits again.
   */
  async records(stream: string, records: readonly JsonObject[]): Promise<void> {
    if (records.length === 0) return;
    while ((this.#writer.desiredSize ?? 1) <= 0) await this.#writer.ready;
    const at = this.#now();
    const batch: AirbyteMessage[] = [];
    const counters = this.counters(stream);
    // A stream is running from its first record on.
    if (counters.records === 0) batch.push(statusMessage(stream, "RUNNING", at));
    for (const data of records) batch.push(recordMessage(stream, data, at));
    this.#sinceState.set(stream, (this.#sinceState.get(stream) ?? 0) + records.length);
    counters.records += records.length;
    this.#write(batch);
  }

  /** Emits a STATE unless it repeats the previous one with no record in between. */
  state(stream: string, blob: JsonObject): void {
    const text = JSON.stringify(blob);
    const count = this.#sinceState.get(stream) ?? 0;
    if (this.#lastState.get(stream) === text && count === 0) return;
    this.#lastState.set(stream, text);
    this.#sinceState.set(stream, 0);
    this.counters(stream).states++;
    this.#write([stateMessage(stream, blob, count)]);
  }

  /** Emits a stream status. */
  status(stream: string, status: StreamStatus): void {
    this.#write([statusMessage(stream, status, this.#now())]);
  }

  /**
   * Says a running stream waits on Twilio's rate limit for `waitMs` (RUNNING
   * with a RATE_LIMITED reason, as the platform shows it). At most once per
   * stream and `RATE_LIMITED_EVERY_MS` (30 s): a storm of 429s is one
   * signal. Only for streams that emitted a record already, so statuses stay
   * in order.
   */
  rateLimited(stream: string, waitMs: number): void {
    const at = this.#now();
    if (at - (this.#lastLimited.get(stream) ?? -Infinity) < RATE_LIMITED_EVERY_MS) return;
    if (!(this.#counters.get(stream)?.records)) return;
    this.#lastLimited.set(stream, at);
    this.#write([
      statusMessage(stream, "RUNNING", at, [
        { type: "RATE_LIMITED", rate_limited: { quota_reset: Math.round(at + waitMs) } },
      ]),
    ]);
  }

  /** Emits an ERROR trace. */
  error(error: SourceError): void {
    this.#write([
      errorMessage(error.message, error.failureType, this.#now(), {
        stream: error.stream,
        internal: error.internal,
      }),
    ]);
  }

  /** Emits a LOG message. */
  log(level: LogLevel, message: string): void {
    this.#write([logMessage(level, message)]);
  }

  /** Ends the output. */
  async close(): Promise<void> {
    if (this.#cancelled) return;
    await this.#writer.close();
  }

  /** Ends the output with an error. */
  abort(reason: unknown): void {
    this.#cancelled = true;
    this.#writer.abort(reason).catch(() => {});
  }

  #write(batch: AirbyteMessage[]): void {
    this.#writer.write(batch).catch(() => {});
  }
}
