/**
 * What the lazy per-account stores (messages, calls) share: a timeline of
 * record times, non-decreasing in the index, and the patches mutations apply.
 *
 * @module
 */

import type { Collection, Row } from "./_collection.ts";
import type { AccountContext } from "./_gen_common.ts";
import { hash32 } from "./_random.ts";
import { Timeline } from "./_timeline.ts";

/** How far back from the newest record a mutation looks for records to settle. */
const SETTLE_WINDOW = 500;

/** A lazy, time-sorted collection of one account's records, patched by mutations. */
export abstract class TimelineStore<P> implements Collection {
  protected readonly ctx: AccountContext;
  protected readonly salt: number;
  /** Records before any mutation appended some. */
  protected readonly initial: number;
  protected readonly timeline: Timeline;
  protected readonly patches: Map<number, P> = new Map();

  constructor(ctx: AccountContext, kind: "messages" | "calls", recent: number) {
    this.ctx = ctx;
    this.salt = hash32(ctx.seed, ctx.sid, kind);
    this.initial = ctx.counts[kind];
    this.timeline = new Timeline({
      salt: this.salt,
      count: this.initial,
      from: ctx.from,
      denseFrom: ctx.denseFrom,
      to: ctx.now,
      recent,
    });
  }

  get count(): number {
    return this.timeline.count;
  }

  readonly sortKey = (i: number): number => this.timeline.time(i);

  abstract at(i: number): Row;

  /** SID of record `i`. */
  abstract sidAt(i: number): string;

  /** Appends `count` records dated after `after` and at most `until`; returns their SIDs. */
  append(count: number, after: number, until: number): string[] {
    return this.timeline.append(count, after, until).map((i) => this.sidAt(i));
  }

  /**
   * Patches up to `limit` of the newest recent records not patched yet with what
   * `patch` gives; returns their indices, newest first.
   */
  protected settleNewest(limit: number, patch: (i: number) => P): number[] {
    const settled: number[] = [];
    const oldest = Math.max(0, this.count - SETTLE_WINDOW);
    for (let i = this.count - 1; i >= oldest && settled.length < limit; i--) {
      if (this.patches.has(i) || !this.timeline.isRecent(i)) continue;
      this.patches.set(i, patch(i));
      settled.push(i);
    }
    return settled;
  }
}
