/**
 * One stream of a read, as a node of the parent/child forest. A node reads its
 * partitions (one for a root stream; one per parent record for a child) and,
 * for incremental streams with a server-side filter, each partition's date
 * windows (`node_windows.ts`), all concurrently under the shared HTTP limiter.
 * Every list read is a WHATWG pipeline (`list_pages.ts`): paginated source →
 * normalise → validate → this node's page handler, which emits records and
 * fans parent records out to children.
 *
 * A child whose parent is windowed and which is itself incremental is read
 * *inside* the parent's slices ("nested"): its state advances with the
 * parent's windows. Other children get their partitions through a bounded
 * queue ("independent"), so a parent list is read once per sync.
 *
 * @module
 */
import { AsyncQueue, type PagePool, type PageSizeGuess, Semaphore } from "./_async.ts";
import { forEachBounded } from "./_bounded.ts";
import { HttpError } from "./errors.ts";
import { checkedPages, type CheckedPagesOptions, forEachPage } from "./list_pages.ts";
import { forEachRootPartition, forgetMainFallback, withAccount } from "./account_partitions.ts";
import { feedChildren } from "./child_partitions.ts";
import { NodeLog } from "./node_log.ts";
import { ownStart, readsFrom, readWindows } from "./node_windows.ts";
import { type NormalizePlan, planFor } from "./normalize.ts";
import { NodeState } from "./node_state.ts";
import { cursorMs, inWindow, unseen } from "./own_records.ts";
import { refreshPending } from "./refresh.ts";
import type { Slice } from "./slices.ts";
import type { Steer } from "./window_reader.ts";
import type { CursorTracker, PartitionKey } from "./state.ts";
import type { ReadContext } from "./read_context.ts";
import type { JsonObject } from "../protocol/messages.ts";
import type { SyncMode } from "../protocol/catalog.ts";
import type { StreamDefinition } from "../streams/_define.ts";

/** A partition handed to a node: path parameters, state key, and the parent record. */
export interface PartitionInput {
  params: Record<string, string>;
  key: PartitionKey;
  parent?: JsonObject;
  /** The account the partition's data belongs to, and whose credentials read it. */
  account?: { sid: string; authenticateAs?: string | undefined };
  /** Records already fetched (the Accounts list, read at the start), instead of a request. */
  records?: JsonObject[];
}

/** Where a list read sits: its partition and, when windowed, its slice. */
interface Scope {
  partition: PartitionInput;
  slice?: Slice;
  /** SIDs already emitted in this window (only for streams that may split windows). */
  seen?: Set<string>;
}

/** A stream being read. */
export class StreamNode {
  readonly def: StreamDefinition;
  readonly ctx: ReadContext;
  readonly selected: boolean;
  readonly mode: SyncMode;
  /** Cursors and re-reads, when the stream is read incrementally. */
  readonly state: NodeState | undefined;
  readonly children: StreamNode[] = [];
  readonly nestedChildren: StreamNode[] = [];
  readonly queue: AsyncQueue<PartitionInput> | undefined;
  readonly parent: StreamNode | undefined;
  /** Read inside the parent's windows rather than through a queue of partitions. */
  readonly nested: boolean;
  /** Ancestors in the forest (accounts 0, messages 1, message_media 2). */
  readonly depth: number;
  /** Date windows read at once, per partition and for nested lists. */
  readonly windowSlots: Semaphore;
  readonly log: NodeLog;
  readonly #plan: NormalizePlan;
  /** What every page of this stream goes through: normalisation and validation. */
  readonly #stages: CheckedPagesOptions;
  readonly #partitionSlots: Semaphore;
  /**
   * Pages in memory at once (fetched, queued in the stages, being handled),
   * shared by every stream at this depth of the parent/child forest: a page's
   * handler only ever waits for deeper streams, so the pools cannot deadlock,
   * and memory is bounded however many streams run.
   */
  readonly #pagePool: PagePool;
  /** This stream's next page is guessed as large as its last: 1 KB a record to begin with. */
  readonly #pageSize: PageSizeGuess;
  #descendants: readonly StreamNode[] | undefined;

  constructor(
    ctx: ReadContext,
    def: StreamDefinition,
    options: {
      selected: boolean;
      mode: SyncMode;
      state?: JsonObject;
      parent?: StreamNode;
      nested: boolean;
    },
  ) {
    this.ctx = ctx;
    this.def = def;
    this.parent = options.parent;
    this.nested = options.nested;
    this.depth = this.parent ? this.parent.depth + 1 : 0;
    this.selected = options.selected;
    this.mode = options.mode;
    this.log = new NodeLog(ctx.output, def.name);
    if (options.selected && options.mode === "incremental" && def.incremental) {
      this.state = new NodeState(ctx, def, options.state);
    }
    this.#plan = planFor(def.schema, def);
    this.#stages = {
      def,
      plan: this.#plan,
      strict: ctx.strict,
      onInvalid: (reason) => this.log.invalidRecord(reason),
    };
    this.#partitionSlots = new Semaphore(ctx.maxConcurrency);
    this.windowSlots = new Semaphore(ctx.maxConcurrency);
    this.#pagePool = ctx.pagePool(this.depth);
    this.#pageSize = { bytes: def.pageSize * 1024 };
    if (this.parent && !this.nested) this.queue = new AsyncQueue(ctx.maxConcurrency * 2);
  }

  /** The stream's cursors, when it is read incrementally. */
  get tracker(): CursorTracker | undefined {
    return this.state?.tracker;
  }

  /** Records that did not match the schema so far. */
  get invalid(): number {
    return this.log.invalid;
  }

  /** Reads every partition; resolves when the node and its nested children are done. */
  async run(signal: AbortSignal): Promise<void> {
    const pending = this.state?.pending;
    if (pending && pending.size > 0) {
      await refreshPending({
        ctx: this.ctx,
        def: this.def,
        pending,
        plan: this.#plan,
        slots: this.windowSlots,
        log: this.log,
        signal,
      });
    }
    if (!this.queue) {
      const read = (p: PartitionInput) => this.#partition(p, signal);
      return await forEachRootPartition(this, this.#partitionSlots, signal, read);
    }
    await forEachBounded(this.queue, this.#partitionSlots, signal, async (p) => {
      await this.#partition(p, signal);
      this.ctx.progress.leave(p.account?.sid);
    });
  }

  /** Commits client-side cursors and the final state, after a successful run. */
  finish(): void {
    if (!this.selected) return;
    if (this.state) return this.state.finish();
    this.ctx.output.state(this.def.name, { __ab_no_cursor_state_message: true });
  }

  /**
   * The streams read inside this one's windows, at any depth. Worked out on
   * first use, once the forest is complete (before the read starts).
   */
  nestedDescendants(): readonly StreamNode[] {
    return this.#descendants ??= this.nestedChildren.flatMap((c) => [
      c,
      ...c.nestedDescendants(),
    ]);
  }

  async #partition(partition: PartitionInput, signal: AbortSignal): Promise<void> {
    forgetMainFallback(this, partition);
    if (!this.def.incremental?.filter) {
      return await this.#read(partition.params, [], { partition }, signal);
    }
    // A window read again after Twilio's result cap must not emit a record twice.
    const seen = this.def.incremental?.maxResultsPerQuery ? new Set<string>() : undefined;
    await readWindows(this, partition, signal, (slice, query, steer) => {
      const scope: Scope = seen ? { partition, slice, seen } : { partition, slice };
      return this.#list(partition.params, query, scope, signal, steer);
    });
  }

  /** Reads one list (every variant, every page) through the pipeline stages. */
  async #read(
    params: Record<string, string>,
    extra: [string, string][],
    scope: Scope,
    signal: AbortSignal,
  ): Promise<void> {
    const { records } = scope.partition;
    if (records) {
      for await (const page of checkedPages(ReadableStream.from([records]), this.#stages)) {
        await this.#page(page, scope, signal);
      }
      return;
    }
    for (const variant of this.def.variants ?? [{}]) {
      await this.#list(params, [...Object.entries(variant), ...extra], scope, signal);
    }
  }

  /** Reads one list, every page or up to where `steer` stops it, emitting what it keeps. */
  async #list(
    params: Record<string, string>,
    query: [string, string][],
    scope: Scope,
    signal: AbortSignal,
    steer?: Steer,
  ): Promise<void> {
    const { client, router } = this.ctx;
    try {
      await forEachPage({
        ...this.#stages,
        account: scope.partition.account,
        client,
        router,
        params,
        query,
        signal,
        pool: this.#pagePool,
        guess: this.#pageSize,
        ...(steer ? { steer: (records, more) => steer.see(records, more) } : {}),
      }, async (page) => {
        const kept = steer ? steer.keep(page) : page;
        if (kept.length > 0) await this.#page(kept, scope, signal);
      });
    } catch (error) {
      if (!this.#skippable(error, scope)) throw error;
    }
  }

  /** 404 (or 403) for one child partition: it was deleted in between, or is not ours to read. */
  #skippable(error: unknown, scope: Scope): boolean {
    if (!(error instanceof HttpError) || !this.parent || scope.partition.parent === undefined) {
      return false;
    }
    if (error.status !== 404 && error.status !== 403) return false;
    this.log.log("INFO", `Skipped a "${this.def.name}" partition: ${error.message}`);
    return true;
  }

  async #page(page: JsonObject[], scope: Scope, signal: AbortSignal): Promise<void> {
    if (this.selected) await this.ctx.output.records(this.def.name, this.#own(page, scope));
    await feedChildren(this, page, scope.partition, signal);
    for (const child of this.nestedChildren) await child.#nestedPage(page, scope, signal);
  }

  /** Reads this (nested) stream's lists for the parent records of one page. */
  async #nestedPage(parents: JsonObject[], scope: Scope, signal: AbortSignal): Promise<void> {
    const key = scope.partition.key;
    const from = readsFrom(this, key);
    const field = this.parent!.def.incremental?.cursorField;
    const link = this.def.parent!;
    const wanted = parents.filter((record) => {
      if (this.def.skipParent?.(record)) return false;
      const at = field ? cursorMs(record[field]) : undefined;
      return at === undefined || at >= from;
    });
    await forEachBounded(wanted, this.windowSlots, signal, async (record) => {
      const params = link.params(record);
      if (!params) return;
      const partition = { params, key, parent: record, account: scope.partition.account };
      const inner: Scope = scope.slice ? { partition, slice: scope.slice } : { partition };
      await this.#read(params, [], inner, signal);
    });
  }

  /** The records of a page this stream emits: inside its own window, not yet seen. */
  #own(page: JsonObject[], scope: Scope): JsonObject[] {
    const field = this.def.incremental?.cursorField;
    const sid = scope.partition.account?.sid;
    if (sid !== undefined && this.def.product !== "api") withAccount(page, sid);
    if (!this.tracker || !field) return unseen(page, scope.seen);
    const key = scope.partition.key;
    const start = ownStart(this, key) ?? this.ctx.startDate;
    const filtered = this.nested
      ? page
      : page.filter((r) => inWindow(r[field], start, scope.slice?.end));
    const own = unseen(filtered, scope.seen);
    this.state!.note(key, own, this.def.incremental?.filter ? undefined : field);
    return own;
  }
}
