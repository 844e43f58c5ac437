/**
 * One stream of a read, as a node of the parent/child forest. A node reads its
 * partitions (one for a root stream; one per parent record for a child) and,
 * for incremental streams with a server-side filter, each partition's date
 * slices, all concurrently under the shared HTTP limiter. Every list read is a
 * WHATWG pipeline: paginated source → normalise → validate → this node's page
 * handler, which emits records and fans parent records out to children.
 *
 * A child whose parent is windowed and which is itself incremental is read
 * *inside* the parent's slices ("nested"): its state advances with the
 * parent's windows. Other children get their partitions through a bounded
 * queue ("independent"), so a parent list is read once per sync.
 *
 * @module
 */
import { AsyncQueue, Semaphore } from "./_async.ts";
import { HttpError, SourceError } from "./errors.ts";
import { type NormalizePlan, normalizeRecord, NormalizeStream } from "./normalize.ts";
import { PendingList } from "./pending.ts";
import { paginate, twilioPageStep } from "./paginate.ts";
import { dateSlices, durationMs, type Slice, sliceQuery } from "./slices.ts";
import { CursorTracker, keyString, parseCursor, type PartitionKey } from "./state.ts";
import { describeIssue, ValidateStream } from "./validate.ts";
import type { ReadContext } from "./read_context.ts";
import type { JsonObject } from "../protocol/messages.ts";
import type { SyncMode } from "../protocol/catalog.ts";
import { fillPath, type StreamDefinition } from "../streams/_define.ts";

/** A partition handed to a node: path parameters, state key, and the parent record. */
export interface PartitionInput {
  params: Record<string, string>;
  key: PartitionKey;
  parent?: JsonObject;
}

/** Where a list read sits: its partition and, when windowed, its slice. */
interface Scope {
  partition: PartitionInput;
  slice?: Slice;
  /** SIDs already emitted in this window (only for streams that may split windows). */
  seen?: Set<string>;
}

const DAY = 86_400_000;

/** A stream being read. */
export class StreamNode {
  readonly def: StreamDefinition;
  readonly selected: boolean;
  readonly mode: SyncMode;
  readonly tracker: CursorTracker | undefined;
  readonly children: StreamNode[] = [];
  readonly nestedChildren: StreamNode[] = [];
  readonly queue: AsyncQueue<PartitionInput> | undefined;
  parent: StreamNode | undefined;
  nested = false;
  failure: SourceError | undefined;
  skipped = false;
  invalid = 0;
  readonly #ctx: ReadContext;
  readonly #plan: NormalizePlan;
  readonly #partitionSlots: Semaphore;
  readonly #windowSlots: Semaphore;
  readonly #clientMax = new Map<string, { key: PartitionKey; max: number }>();
  readonly #pending: PendingList | undefined;
  #logged = new Set<string>();

  constructor(
    ctx: ReadContext,
    def: StreamDefinition,
    options: { selected: boolean; mode: SyncMode; state?: JsonObject; hasParent: boolean },
  ) {
    this.#ctx = ctx;
    this.def = def;
    this.selected = options.selected;
    this.mode = options.mode;
    if (options.selected && options.mode === "incremental" && def.incremental) {
      this.tracker = new CursorTracker(def.name, def.incremental.cursorField, options.state);
    }
    this.#plan = ctx.planFor(def);
    if (this.tracker && def.refresh && ctx.refresh.maxRecords > 0) {
      this.#pending = new PendingList(this.tracker.extra("pending"), {
        ...ctx.refresh,
        now: ctx.now,
        settled: def.refresh.settled,
      });
    }
    this.#partitionSlots = new Semaphore(ctx.maxConcurrency);
    this.#windowSlots = new Semaphore(ctx.maxConcurrency);
    if (options.hasParent) this.queue = new AsyncQueue(ctx.maxConcurrency * 2);
  }

  /** Reads every partition; resolves when the node and its nested children are done. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.#pending && this.#pending.size > 0) await this.#refresh(signal);
    if (!this.queue) return await this.#partition({ params: {}, key: {} }, signal);
    const running = new Set<Promise<void>>();
    let failure: unknown;
    for await (const partition of this.queue) {
      if (failure !== undefined) break;
      await this.#partitionSlots.acquire(signal);
      const task = this.#partition(partition, signal)
        .catch((error) => failure ??= error)
        .finally(() => {
          this.#partitionSlots.release();
          running.delete(task);
        });
      running.add(task);
    }
    await Promise.all(running);
    if (failure !== undefined) throw failure;
  }

  /** Commits client-side cursors and the final state, after a successful run. */
  finish(): void {
    if (!this.selected) return;
    if (!this.tracker) {
      this.#ctx.output.state(this.def.name, { __ab_no_cursor_state_message: true });
      return;
    }
    for (const { key, max } of this.#clientMax.values()) this.tracker.advance(key, max);
    this.#ctx.output.state(this.def.name, this.snapshot());
  }

  /** The state blob to emit now. */
  snapshot(): JsonObject {
    if (this.#pending) this.tracker!.setExtra("pending", this.#pending.toJSON());
    return this.tracker!.snapshot();
  }

  /** Fetches the unsettled records of the last sync again by SID; emits those that changed. */
  async #refresh(signal: AbortSignal): Promise<void> {
    const pending = this.#pending!;
    const { client, router, output } = this.#ctx;
    const entries = pending.entries();
    const changed: JsonObject[] = [];
    await Promise.all(entries.map(async (entry) => {
      await this.#windowSlots.acquire(signal);
      try {
        const path = fillPath(this.def.refresh!.path, {
          AccountSid: entry.account_sid,
          Sid: entry.sid,
        });
        const body = await client.getJson(router.url(this.def.product, path), {
          signal,
          tag: this.def.name,
        });
        const record = normalizeRecord(body as JsonObject, this.#plan);
        const result = this.def.schema.safeParse(record);
        if (!result.success) this.#invalid(describeIssue(result.error));
        if (pending.observe(record)) changed.push(record);
      } catch (error) {
        if (!(error instanceof HttpError) || error.status !== 404) throw error;
        pending.forget(entry.sid);
      } finally {
        this.#windowSlots.release();
      }
    }));
    await output.records(this.def.name, changed);
    this.#log(
      "INFO",
      `"${this.def.name}": fetched ${entries.length} unsettled records again; ${changed.length} had changed`,
    );
  }

  /** Where this stream's own records start for a partition, or undefined when not emitted. */
  ownStart(key: PartitionKey): number | undefined {
    if (!this.selected) return undefined;
    const cursor = this.tracker?.cursorOf(key);
    if (cursor === undefined) return this.#ctx.startDate;
    return Math.max(this.#ctx.startDate, cursor - this.#ctx.lookbackMs);
  }

  async #partition(partition: PartitionInput, signal: AbortSignal): Promise<void> {
    const filter = this.def.incremental?.filter;
    if (!filter) return await this.#read(partition.params, [], { partition }, signal);
    const starts = [this, ...this.#nestedDescendants()]
      .map((node) => node.ownStart(partition.key))
      .filter((s): s is number => s !== undefined);
    let start = starts.length > 0 ? Math.min(...starts) : this.#ctx.startDate;
    start = this.#clamp(start, partition);
    const step = durationMs(this.#ctx.sliceStep ?? this.def.incremental?.step ?? "P30D");
    const granularity = filter.format === "date" ? "day" : "second";
    const running = new Set<Promise<void>>();
    let failure: unknown;
    for (const slice of dateSlices({ start, end: this.#ctx.now, stepMs: step, granularity })) {
      if (failure !== undefined) break;
      await this.#windowSlots.acquire(signal);
      const tickets = [this, ...this.#nestedDescendants()]
        .filter((node) => node.tracker)
        .map((node) => ({ node, ticket: node.tracker!.open(partition.key, slice.end) }));
      const task = this.#window(partition, slice, signal)
        .then(() => {
          for (const { node, ticket } of tickets) {
            if (node.tracker!.complete(ticket)) {
              this.#ctx.output.state(node.def.name, node.snapshot());
            }
          }
        })
        .catch((error) => failure ??= error)
        .finally(() => {
          this.#windowSlots.release();
          running.delete(task);
        });
      running.add(task);
    }
    await Promise.all(running);
    if (failure !== undefined) throw failure;
  }

  async #window(partition: PartitionInput, slice: Slice, signal: AbortSignal): Promise<void> {
    const filter = this.def.incremental!.filter!;
    const cap = this.def.incremental?.maxResultsPerQuery;
    const scope: Scope = cap ? { partition, slice, seen: new Set() } : { partition, slice };
    const pending = [slice];
    for (let splits = 0; pending.length > 0;) {
      const part = pending.shift()!;
      try {
        await this.#read(partition.params, sliceQuery(filter, part), scope, signal);
      } catch (error) {
        if (!(error instanceof HttpError) || error.status !== 400) throw error;
        if (/retention/i.test(error.message)) {
          this.#log("WARN", `Skipped a window outside Twilio's retention: ${error.message}`);
          continue;
        }
        if (!cap || !/10,?000/.test(error.message)) throw error;
        if (++splits > 10 || part.end - part.start < 2000) {
          throw new SourceError(
            `Cannot read "${this.def.name}": more than ${cap} results even in a window of ` +
              `${Math.round((part.end - part.start) / 1000)} s; set a shorter slice_step`,
            "transient_error",
            { stream: this.def.name, cause: error },
          );
        }
        const mid = part.start + Math.floor((part.end - part.start) / 2000) * 1000;
        this.#log("INFO", `Split a "${this.def.name}" window at Twilio's ${cap}-result cap`);
        pending.unshift({ start: part.start, end: mid }, { start: mid + 1000, end: part.end });
      }
    }
  }

  /** Reads one list (every variant, every page) through the pipeline stages. */
  async #read(
    params: Record<string, string>,
    extra: [string, string][],
    scope: Scope,
    signal: AbortSignal,
  ): Promise<void> {
    const { client, router } = this.#ctx;
    const def = this.def;
    const step = twilioPageStep({
      client,
      router,
      product: def.product,
      recordKey: def.recordKey,
      tag: def.name,
      signal,
    });
    for (const variant of def.variants ?? [{}]) {
      const query = new URLSearchParams({ ...def.query, ...variant });
      for (const [k, v] of extra) query.append(k, v);
      query.set("PageSize", String(def.pageSize));
      const url = router.url(def.product, fillPath(def.path, params), query);
      const pages = paginate(url, step)
        .pipeThrough(new NormalizeStream(this.#plan))
        .pipeThrough(
          new ValidateStream({
            schema: def.schema,
            stream: def.name,
            strict: this.#ctx.strict,
            onInvalid: (_, reason) => this.#invalid(reason),
          }),
        );
      try {
        for await (const page of pages) await this.#page(page, scope, signal);
      } catch (error) {
        if (!this.#skippable(error, scope)) throw error;
      }
    }
  }

  /** 404 (or 403) for one child partition: it was deleted in between, or is not ours to read. */
  #skippable(error: unknown, scope: Scope): boolean {
    if (!(error instanceof HttpError) || !this.parent || scope.partition.parent === undefined) {
      return false;
    }
    if (error.status !== 404 && error.status !== 403) return false;
    this.#log("INFO", `Skipped a "${this.def.name}" partition: ${error.message}`);
    return true;
  }

  async #page(page: JsonObject[], scope: Scope, signal: AbortSignal): Promise<void> {
    if (this.selected) await this.#ctx.output.records(this.def.name, this.#own(page, scope));
    for (const child of this.children) {
      for (const record of page) {
        if (child.def.skipParent?.(record)) continue;
        const link = child.def.parent!;
        const params = link.params(record);
        if (!params) continue;
        const key = link.partition?.(record) ?? params;
        await child.queue!.push({ params, key, parent: record }, signal);
      }
    }
    for (const child of this.nestedChildren) await child.#nestedPage(page, scope, signal);
  }

  /** Reads this (nested) stream's lists for the parent records of one page. */
  async #nestedPage(parents: JsonObject[], scope: Scope, signal: AbortSignal): Promise<void> {
    const key = scope.partition.key;
    const starts = [this, ...this.#nestedDescendants()]
      .map((n) => n.ownStart(key)).filter((s): s is number => s !== undefined);
    const from = starts.length > 0 ? Math.min(...starts) : this.#ctx.startDate;
    const field = this.parent!.def.incremental?.cursorField;
    const link = this.def.parent!;
    const tasks: Promise<void>[] = [];
    for (const record of parents) {
      if (this.def.skipParent?.(record)) continue;
      const at = field ? cursorMs(record[field]) : undefined;
      if (at !== undefined && at < from) continue;
      const params = link.params(record);
      if (!params) continue;
      await this.#windowSlots.acquire(signal);
      const partition = { params, key, parent: record };
      const inner: Scope = scope.slice ? { partition, slice: scope.slice } : { partition };
      tasks.push(this.#read(params, [], inner, signal).finally(() => this.#windowSlots.release()));
    }
    await Promise.all(tasks);
  }

  /** The records of a page this stream emits: inside its own window, not yet seen. */
  #own(page: JsonObject[], scope: Scope): JsonObject[] {
    const field = this.def.incremental?.cursorField;
    if (!this.tracker || !field) return this.#unseen(page, scope);
    const key = scope.partition.key;
    const start = this.ownStart(key) ?? this.#ctx.startDate;
    const filtered = this.def.incremental?.filter && !this.nested
      ? page.filter((r) => inWindow(r[field], start, scope.slice?.end))
      : this.nested
      ? page
      : page.filter((r) => inWindow(r[field], start, undefined));
    if (!this.def.incremental?.filter) this.#trackClientMax(key, filtered, field);
    const own = this.#unseen(filtered, scope);
    if (this.#pending) { for (const record of own) this.#pending.observe(record); }
    return own;
  }

  #unseen(records: JsonObject[], scope: Scope): JsonObject[] {
    const seen = scope.seen;
    if (!seen) return records;
    return records.filter((r) => {
      const sid = String(r.sid);
      if (seen.has(sid)) return false;
      seen.add(sid);
      return true;
    });
  }

  #trackClientMax(key: PartitionKey, records: JsonObject[], field: string): void {
    const id = keyString(key);
    for (const record of records) {
      const at = cursorMs(record[field]);
      if (at === undefined) continue;
      const current = this.#clientMax.get(id);
      if (!current) this.#clientMax.set(id, { key, max: at });
      else if (at > current.max) current.max = at;
    }
  }

  #clamp(start: number, partition: PartitionInput): number {
    let clamped = start;
    const days = this.def.incremental?.retentionDays;
    if (days !== undefined) {
      const floor = this.#ctx.now - days * DAY + 60_000;
      if (clamped < floor) {
        this.#logOnce(
          "retention",
          "INFO",
          `"${this.def.name}": Twilio keeps ${days} days; reading from ${
            new Date(floor).toISOString()
          } instead of ${new Date(clamped).toISOString()}`,
        );
        clamped = floor;
      }
    }
    const notBefore = partition.parent && this.def.notBefore?.(partition.parent);
    const floor = typeof notBefore === "string" ? parseCursor(notBefore) : undefined;
    if (floor !== undefined && clamped < floor) clamped = Math.floor(floor / DAY) * DAY;
    return clamped;
  }

  #nestedDescendants(): StreamNode[] {
    return this.nestedChildren.flatMap((c) => [c, ...c.#nestedDescendants()]);
  }

  #invalid(reason: string): void {
    this.invalid++;
    if (this.invalid <= 3 || this.invalid % 1000 === 0) {
      this.#log(
        "WARN",
        `"${this.def.name}" record #${this.invalid} does not match the schema (emitted as ` +
          `received): ${reason}`,
      );
    }
  }

  #logOnce(id: string, level: "INFO" | "WARN", message: string): void {
    if (this.#logged.has(id)) return;
    this.#logged.add(id);
    this.#log(level, message);
  }

  #log(level: "INFO" | "WARN", message: string): void {
    this.#ctx.output.log(level, message);
  }
}

function cursorMs(value: unknown): number | undefined {
  return typeof value === "string" ? parseCursor(value) : undefined;
}

/** Whether a cursor value is in [start, end]; a bare date stands for its whole day. */
function inWindow(value: unknown, start: number, end: number | undefined): boolean {
  const at = cursorMs(value);
  if (at === undefined) return true;
  const from = (value as string).length === 10 ? Math.floor(start / DAY) * DAY : start;
  return at >= from && (end === undefined || at <= end + 999);
}
