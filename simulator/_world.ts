/**
 * The simulated Twilio world: the main account, its subaccounts and every collection, built
 * deterministically from the seed (large collections lazily).
 *
 * @module
 */

import { arrayCollection, type Collection, type Row } from "./_collection.ts";
import type { Counts } from "./_counts.ts";
import { DAY_MS, floorSecond, HOUR_MS } from "./_dates.ts";
import {
  accountRow,
  applicationRows,
  callerIdRows,
  keyRows,
  queueRows,
  usageTriggerRows,
} from "./_gen_account.ts";
import { countryRows } from "./_gen_available.ts";
import { CallStore } from "./_gen_calls.ts";
import type { AccountContext, GlobalContext } from "./_gen_common.ts";
import { type ConversationData, conversationData } from "./_gen_conversations.ts";
import { callSummaries, type ConferenceInsights, conferenceInsights } from "./_gen_insights.ts";
import { MessageStore } from "./_gen_messages.ts";
import { alertCollection, trunkRows, verifyServiceRows } from "./_gen_misc.ts";
import { numberResources } from "./_gen_numbers.ts";
import { type PricingData, pricingData } from "./_gen_pricing.ts";
import { type StudioData, studioData } from "./_gen_studio.ts";
import { conferenceResources, recordingRows, transcriptionRows } from "./_gen_voice.ts";
import { Rng, sidOf } from "./_random.ts";

/** How far back messages, calls and most other records go, by default. */
export const HISTORY_DAYS = 60;

/** One account and its 2010-API collections. */
export interface AccountData {
  readonly index: number;
  readonly sid: string;
  readonly authToken: string;
  /** `date_created` (epoch ms). */
  readonly created: number;
  readonly row: Row;
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
  readonly accounts: readonly AccountData[];
  readonly apiKey: { readonly sid: string; readonly secret: string };
  readonly alerts: Collection;
  readonly conversations: ConversationData;
  readonly studio: StudioData;
  readonly trunks: Collection;
  readonly verifyServices: Collection;
  /** Price lists (the same for every account). */
  readonly pricing: PricingData;
  /** Voice Insights of the main account: call summaries, conference and participant summaries. */
  readonly insights: ConferenceInsights & { readonly calls: Collection };
  /** Whether the account has Voice Insights Advanced Features (else Insights answers 403). */
  insightsEnabled = true;

  /** How far back records go, in days. */
  readonly historyDays: number;

  constructor(
    seed: number,
    now: number,
    subaccounts: number,
    counts: Counts,
    historyDays = HISTORY_DAYS,
  ) {
    this.seed = seed;
    this.historyDays = historyDays;
    this.start = now;
    this.now = now;
    this.counts = counts;
    const mainSid = sidOf("AC", seed, "account", 0);
    this.apiKey = { sid: sidOf("SK", seed, "api-key"), secret: Rng.of(seed, "api-secret").hex(32) };
    const older = Math.max(0, historyDays - HISTORY_DAYS);
    const ages = [
      90,
      ...Array.from({ length: subaccounts }, (_, k) => k === subaccounts - 1 ? 10 : 75 - 5 * k),
    ].map((days) => days + older);
    this.accounts = ages.map((days, index) =>
      this.#account(index, mainSid, floorSecond(now - days * DAY_MS))
    );
    const global: GlobalContext = {
      seed,
      accountSid: mainSid,
      from: floorSecond(now - historyDays * DAY_MS),
      now,
      counts,
    };
    this.alerts = alertCollection(global, this.accounts.map((a) => a.sid));
    this.conversations = conversationData(global);
    this.studio = studioData(global);
    this.trunks = arrayCollection(trunkRows(global), "date_created");
    this.verifyServices = arrayCollection(verifyServiceRows(global), "date_created");
    this.pricing = pricingData(seed, counts.pricing_countries);
    const main = this.main;
    this.insights = {
      ...conferenceInsights(seed, main.lists.conferences, main.participants, now),
      calls: callSummaries(main.calls, () => this.now),
    };
  }

  /** The main account. */
  get main(): AccountData {
    const main = this.accounts[0];
    if (!main) throw new Error("The simulator has no main account");
    return main;
  }

  /** The main account or one of its subaccounts. */
  account(sid: string): AccountData | undefined {
    return this.accounts.find((a) => a.sid === sid);
  }

  #account(index: number, mainSid: string, created: number): AccountData {
    const sid = index === 0 ? mainSid : sidOf("AC", this.seed, "account", index);
    const authToken = Rng.of(this.seed, "token", index).hex(32);
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
      authToken,
      created,
      row: accountRow(
        sid,
        authToken,
        mainSid,
        created,
        index === 0 ? "Main account" : `Subaccount ${index}`,
      ),
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
