/**
 * What an incremental stream checkpoints: its cursors per partition (the
 * tracker), the unsettled records to fetch again, and the highest cursor seen
 * for client-side cursors, emitted as STATE messages as windows complete.
 *
 * @module
 */
import { CursorMax } from "./own_records.ts";
import { PendingList } from "./pending.ts";
import type { ReadContext } from "./read_context.ts";
import { CursorTracker, type PartitionKey } from "./state.ts";
import type { JsonObject } from "../protocol/messages.ts";
import type { StreamDefinition } from "../streams/_define.ts";

/** Partitions up to which a stream emits a STATE after every cursor move. */
const FEW_PARTITIONS = 4;

/** The state of one incremental stream during a read. */
export class NodeState {
  readonly tracker: CursorTracker;
  /** Unsettled records to fetch again (streams with a `refresh`, when it is on). */
  readonly pending: PendingList | undefined;
  readonly #ctx: ReadContext;
  readonly #stream: string;
  readonly #clientMax = new CursorMax();
  /** Cursor moves since the last STATE. */
  #moves = 0;

  constructor(ctx: ReadContext, def: StreamDefinition, saved?: JsonObject) {
    this.#ctx = ctx;
    this.#stream = def.name;
    this.tracker = new CursorTracker(def.name, def.incremental!.cursorField, saved);
    if (def.refresh && ctx.refresh.maxRecords > 0) {
      this.pending = new PendingList(this.tracker.extra("pending"), {
        ...ctx.refresh,
        now: ctx.now,
        settled: def.refresh.settled,
      });
    }
  }

  /** Notes emitted records: the highest client-side cursor, the unsettled ones. */
  note(key: PartitionKey, records: readonly JsonObject[], clientCursor: string | undefined): void {
    if (clientCursor !== undefined) this.#clientMax.note(key, records, clientCursor);
    if (this.pending) { for (const record of records) this.pending.observe(record); }
  }

  /**
   * Emits the STATE after a completed window moved a cursor: every time
   * while the stream has a few partitions, then once as many windows as it has
   * partitions moved cursors. A STATE holds every partition, so with a thousand
   * accounts one per window made the output quadratic; this way STATE bytes
   * grow with the windows read. A STATE left out is covered by the next one,
   * and `finish` always emits the last.
   */
  checkpoint(): void {
    const partitions = this.tracker.size;
    if (partitions > FEW_PARTITIONS && ++this.#moves < partitions) return;
    this.#moves = 0;
    this.#ctx.output.state(this.#stream, this.snapshot());
  }

  /** Commits client-side cursors and emits the final state, after a successful run. */
  finish(): void {
    for (const { key, max } of this.#clientMax.values()) this.tracker.advance(key, max);
    this.#ctx.output.state(this.#stream, this.snapshot());
  }

  /** The state blob to emit now. */
  snapshot(): JsonObject {
    if (this.pending) this.tracker.setExtra("pending", this.pending.toJSON());
    return this.tracker.snapshot();
  }
}
