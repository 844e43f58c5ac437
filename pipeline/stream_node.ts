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
import { checkedPages, forEachPage } from "./list_pages.ts";
import { accountOf, forEachRootPartition, withAccount } from "./account_partitions.ts";
import { isAccountList } from "./accounts.ts";
import { NodeLog } from "./node_log.ts";
import { ownStart, readsFrom, readWindows } from "./node_windows.ts";
import { type NormalizePlan, planFor } from "./normalize.ts";
import { CursorMax, cursorMs, inWindow, unseen } from "./own_records.ts";
import { PendingList } from "./pending.ts";
import { refreshPending } from "./refresh.ts";
import type { Slice } from "./slices.ts";
import type { Steer } from "./window_reader.ts";
import { CursorTracker, type PartitionKey } from "./state.ts";
import type { ReadContext } from "./read_context.ts";
import type { JsonObject } from "../protocol/messages.ts";
import type { SyncMode } from "../protocol/catalog.ts";
import type { StreamDefinition } from "../streams/_define.ts";

/** Partitions up to which a stream emits a STATE after every cursor move. */
const FEW_PARTITIONS = 4;

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
  readonly tracker: CursorTracker | undefined;
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
  readonly #clientMax = new CursorMax();
  readonly #pending: PendingList | undefined;
  #descendants: readonly StreamNode[] | undefined;
  /** Cursor moves since the last STATE. */
  #moves = 0;

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
      this.tracker = new CursorTracker(def.name, def.incremental.cursorField, options.state);
    }
    this.#plan = planFor(def.schema, def);
    if (this.tracker && def.refresh && ctx.refresh.maxRecords > 0) {
      this.#pending = new PendingList(this.tracker.extra("pending"), {
        ...ctx.refresh,
        now: ctx.now,
        settled: def.refresh.settled,
      });
    }
    this.#partitionSlots = new Semaphore(ctx.maxConcurrency);
    this.windowSlots = new Semaphore(ctx.maxConcurrency);
    this.#pagePool = ctx.pagePool(this.depth);
    this.#pageSize = { bytes: def.pageSize * 1024 };
    if (this.parent && !this.nested) this.queue = new AsyncQueue(ctx.maxConcurrency * 2);
  }

  /** Records that did not match the schema so far. */
  get invalid(): number {
    return this.log.invalid;
  }

  /** Reads every partition; resolves when the node and its nested children are done. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.#pending && this.#pending.size > 0) {
      await refreshPending({
        ctx: this.ctx,
        def: this.def,
        pending: this.#pending,
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
    if (!this.tracker) {
      this.ctx.output.state(this.def.name, { __ab_no_cursor_state_message: true });
      return;
    }
    for (const { key, max } of this.#clientMax.values()) this.tracker.advance(key, max);
    this.ctx.output.state(this.def.name, this.snapshot());
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
    const partitions = this.tracker!.size;
    if (partitions > FEW_PARTITIONS && ++this.#moves < partitions) return;
    this.#moves = 0;
    this.ctx.output.state(this.def.name, this.snapshot());
  }

  /** The state blob to emit now. */
  snapshot(): JsonObject {
    if (this.#pending) this.tracker!.setExtra("pending", this.#pending.toJSON());
    return this.tracker!.snapshot();
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
    // A saved fallback cursor of a product stream was the main account's alone.
    const sid = partition.account?.sid;
    if (sid !== undefined && sid !== this.ctx.accounts.main && this.def.product !== "api") {
      for (const n of [this, ...this.nestedDescendants()]) n.tracker?.noFallback(partition.key);
    }
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
      const stages = {
        def: this.def,
        plan: this.#plan,
        strict: this.ctx.strict,
        onInvalid: (r: string) => this.log.invalidRecord(r),
      };
      for await (const page of checkedPages(ReadableStream.from([records]), stages)) {
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
    const { client, router, strict } = this.ctx;
    try {
      await forEachPage({
        account: scope.partition.account,
        client,
        router,
        def: this.def,
        params,
        query,
        plan: this.#plan,
        strict,
        onInvalid: (reason) => this.log.invalidRecord(reason),
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
    const list = isAccountList(this.def);
    for (const child of this.children) {
      for (const record of page) {
        if (list && !this.ctx.accounts.readsApi(String(record.sid))) continue;
        if (child.def.skipParent?.(record)) continue;
        const link = child.def.parent!;
        const params = link.params(record);
        if (!params) continue;
        const key = link.partition?.(record) ?? params;
        const account = accountOf(params, scope.partition);
        // The account list's children are counted when the accounts are chosen.
        if (!list) this.ctx.progress.enter(account?.sid);
        await child.queue!.push({ params, key, parent: record, account }, signal);
      }
    }
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
    if (!this.def.incremental?.filter) this.#clientMax.note(key, filtered, field);
    const own = unseen(filtered, scope.seen);
    if (this.#pending) { for (const record of own) this.#pending.observe(record); }
    return own;
  }
}
