/**
 * Messages of one account, generated lazily from (seed, account, index) with `date_sent`
 * non-decreasing in the index; media are derived from each message's `num_media`.
 *
 * @module
 */

import type { Row } from "./_collection.ts";
import { rfc2822, SECOND_MS } from "./_dates.ts";
import { type AccountContext, accountPath } from "./_gen_common.ts";
import { indexedSid, indexOfSid, nanpNumber, Rng, sidOf, US_AREA_CODES } from "./_random.ts";
import { TimelineStore } from "./_timeline_store.ts";

const NON_FINAL = ["queued", "sending", "sent", "accepted"] as const;
const BODIES = [
  "Your code is 482913",
  "Your order has shipped",
  "Reminder: appointment tomorrow at 10:00",
  "Thanks! See you soon",
  "Reply STOP to unsubscribe",
  "look mom I have media!",
] as const;
const MEDIA_TYPES = ["image/jpeg", "image/png", "image/gif", "video/mp4"] as const;

interface Patch {
  readonly status: string;
  readonly price: string;
  readonly dateUpdated: number;
}

/** The messages of one account as a lazy, date-sorted collection. */
export class MessageStore extends TimelineStore<Patch> {
  readonly #messagingSid: string;

  constructor(ctx: AccountContext) {
    super(ctx, "messages", 3);
    this.#messagingSid = sidOf("MG", ctx.seed, "messaging");
  }

  readonly lag = (field: string): readonly [number, number] | undefined =>
    field === "date_sent" ? [0, 0] : field === "date_created" ? [-3 * SECOND_MS, 0] : undefined;

  readonly find = (sid: string): Row | undefined => {
    const i = indexOfSid(sid, ["SM", "MM"], this.salt);
    if (i === undefined || i >= this.count) return undefined;
    const row = this.at(i);
    return row.sid === sid ? row : undefined;
  };

  at(i: number): Row {
    const rng = Rng.of(this.salt, "message", i);
    const sent = this.timeline.time(i);
    const recent = this.timeline.isRecent(i);
    const inbound = !recent && rng.chance(0.15);
    const roll = rng.next();
    const status = recent
      ? rng.pick(NON_FINAL)
      : inbound
      ? "received"
      : roll < 0.9
      ? "delivered"
      : roll < 0.95
      ? "undelivered"
      : "failed";
    const numMedia = rng.chance(1 / 6) ? rng.int(1, 3) : 0;
    const segments = rng.pick([1, 1, 1, 2, 3]);
    const sid = indexedSid(numMedia > 0 ? "MM" : "SM", this.salt, i);
    const ours = nanpNumber(rng, US_AREA_CODES).e164;
    const theirs = nanpNumber(rng, US_AREA_CODES).e164;
    const failed = status === "undelivered" || status === "failed";
    const price = recent ? null : messagePrice(numMedia, segments);
    const settle = i < this.initial && !recent ? rng.int(0, 5) * SECOND_MS : 0;
    const patch = this.patches.get(i);
    const base = `${accountPath(this.ctx.sid)}/Messages/${sid}`;
    return {
      body: rng.pick(BODIES),
      num_segments: String(segments),
      direction: inbound ? "inbound" : "outbound-api",
      from: inbound ? theirs : ours,
      to: inbound ? ours : theirs,
      date_updated: rfc2822(patch?.dateUpdated ?? sent + settle),
      price: patch?.price ?? price,
      error_message: failed
        ? (roll < 0.95 ? "Unreachable destination handset" : "Unknown destination handset")
        : null,
      uri: `${base}.json`,
      account_sid: this.ctx.sid,
      num_media: String(numMedia),
      status: patch?.status ?? status,
      messaging_service_sid: rng.chance(0.5) ? this.#messagingSid : null,
      sid,
      date_sent: rfc2822(sent),
      date_created: rfc2822(sent - rng.int(0, 3) * SECOND_MS),
      error_code: failed ? (roll < 0.95 ? 30003 : 30005) : null,
      price_unit: "USD",
      api_version: "2010-04-01",
      subresource_uris: { media: `${base}/Media.json`, feedback: `${base}/Feedback.json` },
      ...(i % 50 === 7 ? { tags: null } : {}),
    };
  }

  /** Media of the message with this SID, or undefined when there is no such message. */
  media(messageSid: string): Row[] | undefined {
    const message = this.find(messageSid);
    if (!message) return undefined;
    const rng = Rng.of(this.salt, "media", messageSid);
    const created = String(message.date_created);
    return Array.from({ length: Number(message.num_media) }, (_, j) => {
      const sid = sidOf("ME", this.salt, messageSid, j);
      return {
        account_sid: this.ctx.sid,
        content_type: rng.pick(MEDIA_TYPES),
        date_created: created,
        date_updated: created,
        parent_sid: messageSid,
        sid,
        uri: `${accountPath(this.ctx.sid)}/Messages/${messageSid}/Media/${sid}.json`,
      };
    });
  }

  /** SID of message `i`; its prefix depends on `num_media`, so this builds the record. */
  sidAt(i: number): string {
    return String(this.at(i).sid);
  }

  /**
   * Delivers up to `limit` of the newest messages whose status is not final (status
   * `delivered`, a price, `date_updated` = `now`); `date_sent` is unchanged. Returns their SIDs.
   */
  settle(limit: number, now: number): string[] {
    // settleNewest only hands over unpatched recent messages, whose status is non-final.
    const sids: string[] = [];
    this.settleNewest(limit, (i) => {
      const row = this.at(i);
      sids.push(String(row.sid));
      const price = messagePrice(Number(row.num_media), Number(row.num_segments));
      return { status: "delivered", price, dateUpdated: now };
    });
    return sids;
  }
}

/** What Twilio charges for a message: a flat MMS price, or per SMS segment. */
function messagePrice(numMedia: number, segments: number): string {
  return numMedia > 0 ? "-0.02000" : (-0.0075 * segments).toFixed(5);
}
