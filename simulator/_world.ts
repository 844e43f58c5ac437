/**
 * The simulated Twilio world: the main account, its subaccounts and every collection,
 * deterministic from the seed. Each account's 2010-API data and its product-host data are
 * generated the first time something asks for them (large collections lazily inside), so a
 * tree of 1,000 subaccounts costs only its keys until it is read.
 *
 * @module
 */

import { arrayCollection, type Collection, type Row } from "./_collection.ts";
import type { Counts } from "./_counts.ts";
import { type AccountKey, accountKeys, HISTORY_DAYS } from "./_accounts.ts";
import { DAY_MS, floorSecond, HOUR_MS } from "./_dates.ts";
import {
  accountRow,
  type AccountStatus,
  applicationRows,
  callerIdRows,
  keyRows,
  queueRows,
  usageTriggerRows,
} from "./_gen_account.ts";
import { countryRows } from "./_gen_available.ts";
import { CallStore } from "./_gen_calls.ts";
import type { AccountContext } from "./_gen_common.ts";
import { callSummaries, type ConferenceInsights, conferenceInsights } from "./_gen_insights.ts";
import { MessageStore } from "./_gen_messages.ts";
import { numberResources } from "./_gen_numbers.ts";
import { type PricingData, pricingData } from "./_gen_pricing.ts";
import { conferenceResources, recordingRows, transcriptionRows } from "./_gen_voice.ts";
import {
  type DisabledProducts,
  disabledProducts,
  productContext,
  type ProductData,
  productData,
  type ProductHost,
} from "./_products.ts";
import { Rng, sidOf } from "./_random.ts";

export { HISTORY_DAYS };

/** One account's Voice Insights: call summaries, conference and participant summaries. */
export type InsightsData = ConferenceInsights & { readonly calls: Collection };

/** One account and its 2010-API collections. */
export interface AccountData {
  readonly index: number;
  readonly sid: string;
  readonly authToken: string;
  /** `date_created` (epoch ms). */
  readonly created: number;
  readonly messages: MessageStore;
  readonly calls: CallStore;
  readonly lists: Readonly<Record<AccountList, Collection>>;
  /** Dependent phone numbers by address SID. */
  readonly dependents: ReadonlyMap<string, Collection>;
  /** Participants by conference SID. */
  readonly participants: ReadonlyMap<string, Collection>;
}

/** Small per-account lists. */
export type AccountList =
  | "addresses"
  | "applications"
  | "available_phone_number_countries"
  | "conferences"
  | "incoming_phone_numbers"
  | "keys"
  | "outgoing_caller_ids"
  | "queues"
  | "recordings"
  | "transcriptions"
  | "usage_triggers";

/** Everything the simulator serves. */
export class World {
  readonly seed: number;
  /** The `now` the data was generated for. */
  readonly start: number;
  /** Current `now` (moved forward by mutations). */
  now: number;
  readonly counts: Counts;
  /** Every account of the tree, main first. */
  readonly keys: readonly AccountKey[];
  readonly apiKey: { readonly sid: string; readonly secret: string };
  readonly #bySid: ReadonlyMap<string, number>;
  readonly #accounts = new Map<number, AccountData>();
  readonly #products = new Map<number, ProductData>();
  readonly #insights = new Map<number, InsightsData>();
  readonly #disabled: DisabledProducts;
  /** Price lists (the same for every account). */
  readonly pricing: PricingData;
  /** Whether the accounts have Voice Insights Advanced Features (else Insights answers 403). */
  insightsEnabled = true;
  /** How far back records go, in days. */
  readonly historyDays: number;

  constructor(
    seed: number,
    now: number,
    subaccounts: number,
    counts: Counts,
    disabled: Readonly<Record<string, readonly string[]>> = {},
    statuses: Readonly<Record<string, AccountStatus>> = {},
    historyDays = HISTORY_DAYS,
  ) {
    this.seed = seed;
    this.historyDays = historyDays;
    this.start = now;
    this.now = now;
    this.counts = counts;
    this.apiKey = { sid: sidOf("SK", seed, "api-key"), secret: Rng.of(seed, "api-secret").hex(32) };
    this.keys = accountKeys(seed, now, subaccounts, statuses, historyDays);
    this.#bySid = new Map(this.keys.map((k) => [k.sid, k.index]));
    this.#disabled = disabledProducts(this.keys, disabled);
    this.pricing = pricingData(seed, counts.pricing_countries);
  }

  /** The main account. */
  get main(): AccountData {
    return this.accountAt(0);
  }

  /** The index of an account of the tree, undefined for any other SID. */
  indexOf(sid: string): number | undefined {
    return this.#bySid.get(sid);
  }

  /** The main account or one of its subaccounts (its data generated on first use). */
  account(sid: string): AccountData | undefined {
    const index = this.#bySid.get(sid);
    return index === undefined ? undefined : this.accountAt(index);
  }

  /** Account `index`'s 2010-API data, generated on first use. */
  accountAt(index: number): AccountData {
    let account = this.#accounts.get(index);
    if (account === undefined) {
      const key = this.keys[index];
      if (key === undefined) throw new RangeError(`No account ${index}`);
      account = this.#account(key);
      this.#accounts.set(index, account);
    }
    return account;
  }

  /** Every account's 2010-API data, main first (generates what was not yet). */
  *accounts(): Generator<AccountData> {
    for (const key of this.keys) yield this.accountAt(key.index);
  }

  /** Account `index`'s product-host data, generated on first use. */
  products(index: number): ProductData {
    let data = this.#products.get(index);
    if (data === undefined) {
      const key = this.keys[index];
      if (key === undefined) throw new RangeError(`No account ${index}`);
      data = productData(
        productContext(this.seed, key, this.start, this.counts, this.historyDays),
      );
      this.#products.set(index, data);
    }
    return data;
  }

  /**
   * Account `index`'s Voice Insights, built on first use from its own 2010 calls and
   * conferences (so every account has its own, `account_sid` set to it).
   */
  insights(index: number): InsightsData {
    let data = this.#insights.get(index);
    if (data === undefined) {
      const account = this.accountAt(index);
      data = {
        ...conferenceInsights(
          this.seed,
          account.lists.conferences,
          account.participants,
          this.start,
        ),
        calls: callSummaries(account.calls, () => this.now),
      };
      this.#insights.set(index, data);
    }
    return data;
  }

  /** Whether `product` is enabled for account `index` (`insights: false` turns Insights off for all). */
  enabled(index: number, product: ProductHost): boolean {
    if (product === "insights" && !this.insightsEnabled) return false;
    return !(this.#disabled.get(index)?.has(product) ?? false);
  }

  /** How many accounts have had their 2010-API and their product data generated so far. */
  get generated(): { readonly accounts: number; readonly products: number } {
    return { accounts: this.#accounts.size, products: this.#products.size };
  }

  /** The account record of `key` as the Accounts list serves it. */
  accountRow(key: AccountKey): Row {
    const main = this.keys[0];
    const owner = main?.sid ?? key.sid;
    return accountRow(key.sid, key.authToken, owner, key.created, key.friendlyName, key.status);
  }

  #account(key: AccountKey): AccountData {
    const { index, sid, created } = key;
    const ctx: AccountContext = {
      seed: this.seed,
      index,
      sid,
      from: Math.max(created + HOUR_MS, floorSecond(this.start - this.historyDays * DAY_MS)),
      now: this.start,
      counts: this.counts,
      ...(this.historyDays > HISTORY_DAYS
        ? { denseFrom: floorSecond(this.start - HISTORY_DAYS * DAY_MS) }
        : {}),
    };
    const numbers = numberResources(ctx);
    const voice = conferenceResources(ctx);
    const calls = new CallStore(ctx);
    const recordings = recordingRows(
      ctx,
      (k) => calls.count > 0 ? calls.sidAt((k * 7) % calls.count) : null,
    );
    const extraKey = index === 0 ? { sid: this.apiKey.sid, created: created + DAY_MS } : undefined;
    const sorted = (rows: Row[]) => arrayCollection(rows, "date_created");
    return {
      index,
      sid,
      authToken: key.authToken,
      created,
      messages: new MessageStore(ctx),
      calls,
      lists: {
        addresses: sorted(numbers.addresses),
        applications: sorted(applicationRows(ctx)),
        available_phone_number_countries: arrayCollection(countryRows(sid)),
        conferences: sorted(voice.conferences),
        incoming_phone_numbers: sorted(numbers.incoming),
        keys: arrayCollection(keyRows(ctx, extraKey)),
        outgoing_caller_ids: sorted(callerIdRows(ctx)),
        queues: sorted(queueRows(ctx)),
        recordings: sorted(recordings),
        transcriptions: sorted(transcriptionRows(ctx, recordings)),
        usage_triggers: sorted(usageTriggerRows(ctx)),
      },
      dependents: new Map([...numbers.dependents].map(([k, rows]) => [k, arrayCollection(rows)])),
      participants: new Map([...voice.participants].map(([k, rows]) => [k, arrayCollection(rows)])),
    };
  }
}
