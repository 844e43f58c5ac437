/**
 * One account's data on the product hosts (Conversations, Studio, Monitor, Trunking, Verify;
 * Voice Insights is derived from the account's 2010 calls and conferences, in the World).
 * Twilio scopes these to the account that authenticates, so each account has its own, with
 * `account_sid` set to it on every record. The main account's data is generated from the seed
 * itself (the same records as before subaccounts had any); subaccount k's from a seed derived
 * from (seed, k), with the same counts, and no record older than the account.
 *
 * @module
 */

import { arrayCollection, type Collection } from "./_collection.ts";
import type { Counts } from "./_counts.ts";
import { DAY_MS, floorSecond, HOUR_MS } from "./_dates.ts";
import { type AccountKey, HISTORY_DAYS, resolveAccount } from "./_accounts.ts";
import type { GlobalContext } from "./_gen_common.ts";
import { type ConversationData, conversationData } from "./_gen_conversations.ts";
import { alertCollection, trunkRows, verifyServiceRows } from "./_gen_misc.ts";
import { type StudioData, studioData } from "./_gen_studio.ts";
import { hash32 } from "./_random.ts";

/** A product host whose resources belong to the authenticating account. */
export type ProductHost =
  | "conversations"
  | "studio"
  | "verify"
  | "trunking"
  | "monitor"
  | "insights";

/** Every product host, in a stable order. */
export const PRODUCT_HOSTS: readonly ProductHost[] = [
  "conversations",
  "studio",
  "verify",
  "trunking",
  "monitor",
  "insights",
];

/** Catalog streams served by each product host. */
export const PRODUCT_STREAMS: Readonly<Record<ProductHost, readonly string[]>> = {
  conversations: [
    "conversations",
    "conversation_messages",
    "conversation_participants",
    "users",
    "user_conversations",
    "services",
    "roles",
  ],
  studio: ["flows", "executions", "step"],
  monitor: ["alerts"],
  trunking: ["trunks"],
  verify: ["verify_services"],
  insights: ["call_summaries", "conference_summaries", "conference_participant_summaries"],
};

/** The product host of a catalog stream, or undefined for 2010-API streams. */
export function productOfStream(stream: string): ProductHost | undefined {
  return PRODUCT_HOSTS.find((p) => PRODUCT_STREAMS[p].includes(stream));
}

/** Everything the product hosts serve for one account. */
export interface ProductData {
  readonly alerts: Collection;
  readonly conversations: ConversationData;
  readonly studio: StudioData;
  readonly trunks: Collection;
  readonly verifyServices: Collection;
}

/** The generator context of one account's product data. */
export function productContext(
  seed: number,
  key: AccountKey,
  now: number,
  counts: Counts,
  historyDays = HISTORY_DAYS,
): GlobalContext {
  return {
    seed: key.index === 0 ? seed : hash32(seed, "products", key.index),
    accountSid: key.sid,
    from: Math.max(key.created + HOUR_MS, floorSecond(now - historyDays * DAY_MS)),
    now,
    counts,
  };
}

/** Generates one account's product data. */
export function productData(ctx: GlobalContext): ProductData {
  return {
    alerts: alertCollection(ctx),
    conversations: conversationData(ctx),
    studio: studioData(ctx),
    trunks: arrayCollection(trunkRows(ctx), "date_created"),
    verifyServices: arrayCollection(verifyServiceRows(ctx), "date_created"),
  };
}

/** Products not enabled, by account index. */
export type DisabledProducts = ReadonlyMap<number, ReadonlySet<ProductHost>>;

/**
 * Parses `SimulatorOptions.productsDisabled` (account index as a string, or SID → products);
 * throws a RangeError for an unknown account or product.
 */
export function disabledProducts(
  keys: readonly AccountKey[],
  options: Readonly<Record<string, readonly string[]>>,
): DisabledProducts {
  const byAccount = new Map<number, Set<ProductHost>>();
  for (const [name, products] of Object.entries(options)) {
    const index = resolveAccount(keys, name);
    for (const product of products) {
      if (!(PRODUCT_HOSTS as readonly string[]).includes(product)) {
        throw new RangeError(
          `Invalid product "${product}" for account "${name}": use one of ${
            PRODUCT_HOSTS.join(", ")
          }`,
        );
      }
      const set = byAccount.get(index) ?? new Set();
      set.add(product as ProductHost);
      byAccount.set(index, set);
    }
  }
  return byAccount;
}
