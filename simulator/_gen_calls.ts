/**
 * Calls of one account, generated lazily with `start_time` non-decreasing in the index.
 * `end_time` trails `start_time` by at most the store's maximum lag (30 min, more once a live
 * call is completed by a mutation), which keeps EndTime filters a binary search plus a check.
 *
 * @module
 */

import type { Row } from "./_collection.ts";
import { MINUTE_MS, rfc2822, SECOND_MS } from "./_dates.ts";
import { type AccountContext, accountPath } from "./_gen_common.ts";
import { indexedSid, indexOfSid, nanpNumber, Rng, sidOf, US_AREA_CODES } from "./_random.ts";
import { TimelineStore } from "./_timeline_store.ts";

const LIVE = ["in-progress", "ringing"] as const;
const CALL_SUBRESOURCES = {
  notifications: "Notifications",
  recordings: "Recordings",
  payments: "Payments",
  events: "Events",
  siprec: "Siprec",
  streams: "Streams",
  transcriptions: "Transcriptions",
  user_defined_message_subscriptions: "UserDefinedMessageSubscriptions",
  user_defined_messages: "UserDefinedMessages",
} as const;
const CALL_SUBRESOURCE_ENTRIES = Object.entries(CALL_SUBRESOURCES);

interface Patch {
  readonly end: number;
  readonly dateUpdated: number;
}

function callPrice(seconds: number): string {
  return (-0.013 * Math.max(1, Math.ceil(seconds / 60))).toFixed(5);
}

/** The calls of one account as a lazy, start-time-sorted collection. */
export class CallStore extends TimelineStore<Patch> {
  #maxLag = 30 * MINUTE_MS;

  constructor(ctx: AccountContext) {
    super(ctx, "calls", 2);
  }

  readonly lag = (field: string): readonly [number, number] | undefined =>
    field === "start_time"
      ? [0, 0]
      : field === "end_time"
      ? [0, this.#maxLag]
      : field === "date_created"
      ? [-5 * SECOND_MS, 0]
      : undefined;

  readonly find = (sid: string): Row | undefined => {
    const i = indexOfSid(sid, ["CA"], this.salt);
    return i === undefined || i >= this.count ? undefined : this.at(i);
  };

  /** SID of call `i` without building the record. */
  sidAt(i: number): string {
    return indexedSid("CA", this.salt, i);
  }

  at(i: number): Row {
    const rng = Rng.of(this.salt, "call", i);
    const start = this.timeline.time(i);
    const limit = this.timeline.limit(i);
    const live = this.timeline.isRecent(i);
    const roll = rng.next();
    const status = live
      ? rng.pick(LIVE)
      : roll < 0.8
      ? "completed"
      : roll < 0.87
      ? "busy"
      : roll < 0.94
      ? "no-answer"
      : roll < 0.97
      ? "failed"
      : "canceled";
    const answered = status === "completed";
    const wanted = answered ? rng.int(5, 1800) : 0;
    const seconds = Math.max(0, Math.min(wanted, Math.floor((limit - start) / SECOND_MS) - 1));
    const patch = this.patches.get(i);
    const end = patch?.end ?? (live ? null : start + seconds * SECOND_MS);
    const duration = end === null ? null : Math.round((end - start) / SECOND_MS);
    const inbound = rng.chance(0.3);
    const ours = nanpNumber(rng, US_AREA_CODES);
    const theirs = nanpNumber(rng, US_AREA_CODES);
    const sid = this.sidAt(i);
    const base = `${accountPath(this.ctx.sid)}/Calls/${sid}`;
    const uris: Record<string, string> = {};
    for (const [key, segment] of CALL_SUBRESOURCE_ENTRIES) {
      uris[key] = `${base}/${segment}.json`;
    }
    const updated = patch?.dateUpdated ?? (end === null ? start : Math.min(limit, end + SECOND_MS));
    return {
      sid,
      date_created: rfc2822(start - rng.int(1, 5) * SECOND_MS),
      date_updated: rfc2822(updated),
      parent_call_sid: null,
      account_sid: this.ctx.sid,
      to: inbound ? ours.e164 : theirs.e164,
      to_formatted: inbound ? ours.formatted : theirs.formatted,
      from: inbound ? theirs.e164 : ours.e164,
      from_formatted: inbound ? theirs.formatted : ours.formatted,
      phone_number_sid: sidOf("PN", this.ctx.seed, this.ctx.sid, "incoming", i % 3),
      status: patch ? "completed" : status,
      start_time: rfc2822(start),
      end_time: end === null ? null : rfc2822(end),
      duration: duration === null ? null : String(duration),
      price: duration === null || (!patch && !answered) ? null : callPrice(duration),
      price_unit: "USD",
      direction: inbound ? "inbound" : "outbound-api",
      answered_by: answered && !inbound ? rng.pick(["human", "machine_start", null]) : null,
      api_version: "2010-04-01",
      forwarded_from: null,
      group_sid: null,
      caller_name: inbound ? rng.pick(["", "ALICE SMITH", null]) : null,
      queue_time: "0",
      trunk_sid: null,
      uri: `${base}.json`,
      subresource_uris: uris,
      ...(i % 40 === 11 ? { tags: null } : {}),
    };
  }

  /**
   * Completes up to `limit` of the newest live calls (`end_time` just before `now`, a duration
   * and a price); `start_time` is unchanged. Returns their SIDs.
   */
  settle(limit: number, now: number): string[] {
    const settled = this.settleNewest(limit, (i) => {
      const start = this.timeline.time(i);
      const rng = Rng.of(this.salt, "settle", i);
      const end = Math.max(start + SECOND_MS, now - rng.int(0, 30) * SECOND_MS);
      this.#maxLag = Math.max(this.#maxLag, end - start);
      return { end: Math.min(end, now), dateUpdated: now };
    });
    return settled.map((i) => this.sidAt(i));
  }
}
