/**
 * Public types of the simulator.
 *
 * @module
 */

import type { FaultOptions } from "./_faults.ts";
import type { ForeignServer } from "./_foreign.ts";
import type { MutateOptions, MutationSummary } from "./_mutate.ts";
import type { RequestLogEntry, SimulatorStats } from "./_stats.ts";

/**
 * Options of {@link Simulator} start-up; every field is optional.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type SimulatorOptions, startSimulator } from "../mod.ts";
 * const options: SimulatorOptions = { seed: 7, subaccounts: 0, counts: { messages: 3 } };
 * await using sim = await startSimulator(options);
 * assert.equal(sim.seed, 7);
 * assert.deepEqual(sim.subaccountSids, []);
 * assert.equal(sim.expected("messages").length, 3);
 * ```
 */
export interface SimulatorOptions {
  /** Seed of all generated data and fault decisions (default 1). */
  readonly seed?: number;
  /** The simulated `now` (epoch ms, default `Date.now()` at start); no record is later. */
  readonly now?: number;
  /** Number of subaccounts of the main account (default 2; the last one is 10 days old). */
  readonly subaccounts?: number;
  /**
   * Collection sizes by name (see `DEFAULT_COUNTS`), per account: every account (main and each
   * subaccount) has that many messages, calls, conversations, alerts, ... of its own. Unknown
   * names throw.
   */
  readonly counts?: Partial<Record<string, number>>;
  /**
   * Products not enabled per account: keys are an account index as a string (`"0"` is the main
   * account, `"1"` the first subaccount) or an account SID; values product hosts
   * (`conversations`, `studio`, `verify`, `trunking`, `monitor`, `insights`). Every list of such a product
   * answers 403 (code 20403) to that account's credentials, and `expected()` leaves that
   * account out of its streams. Unknown accounts or products throw.
   */
  readonly productsDisabled?: Readonly<
    Record<
      string,
      readonly ("conversations" | "studio" | "verify" | "trunking" | "monitor" | "insights")[]
    >
  >;
  /**
   * Subaccounts that are `suspended` or `closed` (keys as in `productsDisabled`; the main
   * account stays active): the Accounts list shows the status, and the account's own
   * credentials answer 403 (code 20403: the account lacks permission to access the Twilio API)
   * everywhere; the main account's token still reads its 2010 paths.
   */
  readonly accountStatuses?: Readonly<Record<string, "suspended" | "closed">>;
  /**
   * How far back records go, in days (default 60). Longer makes a sparse long history: every
   * account is that much older, the small lists spread over all of it, and half of the
   * messages and calls fall in the last 60 days, the others over the years before.
   */
  readonly historyDays?: number;
  /** Silently lowers every page size to at most this (forces multi-page reads). */
  readonly pageSizeCap?: number;
  /** Faults to inject (all off by default). */
  readonly faults?: FaultOptions;
  /**
   * Whether the accounts have Voice Insights Advanced Features (default true). Without them
   * every `insights` path answers 403 (code 20403) to every account's credentials and
   * `expected()` of the Insights streams is empty (`productsDisabled` can turn Insights off for
   * some accounts only).
   */
  readonly insights?: boolean;
}

/**
 * Options of {@link Simulator.expected}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type ExpectedOptions, startSimulator } from "../mod.ts";
 * await using sim = await startSimulator();
 * const options: ExpectedOptions = { since: new Date(sim.now - 7 * 86_400_000) };
 * const recent = sim.expected("messages", options);
 * assert.ok(recent.length > 0);
 * assert.ok(recent.length < sim.expected("messages").length);
 * ```
 */
export interface ExpectedOptions {
  /**
   * For incremental streams, keep records whose cursor is at or after this instant (day
   * granularity for `usage_records`); calls without `end_time` are then left out.
   */
  readonly since?: Date;
}

/**
 * A running simulator.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Simulator, startSimulator } from "../mod.ts";
 * await using sim: Simulator = await startSimulator({ subaccounts: 1 });
 * const auth = `Basic ${btoa(`${sim.apiKey.sid}:${sim.apiKey.secret}`)}`;
 * const response = await fetch(`${sim.url}/api/2010-04-01/Accounts.json`, {
 *   headers: { Authorization: auth },
 * });
 * assert.equal((await response.json()).accounts.length, 2);
 * assert.equal(sim.stats.requests, 1);
 * ```
 */
export interface Simulator extends AsyncDisposable {
  /** Origin, no trailing slash; use it as the connector's `base_url`. */
  readonly url: string;
  /** The seed in use. */
  readonly seed: number;
  /** Main account SID (Basic-auth username). */
  readonly accountSid: string;
  /** Main account auth token (Basic-auth password). */
  readonly authToken: string;
  /** SIDs of the subaccounts, oldest first. */
  readonly subaccountSids: readonly string[];
  /**
   * Every account's credentials, main first then the subaccounts in `subaccountSids` order:
   * secrets of the simulated tree, for tests that authenticate as a subaccount.
   */
  readonly accounts: readonly { readonly sid: string; readonly authToken: string }[];
  /**
   * A Main API key of the main account (`SK…` SID and its secret), accepted for Basic auth. It
   * reaches the main account's resources only (2010 paths of subaccounts answer 401) and lists
   * the subaccounts with an empty `auth_token`.
   */
  readonly apiKey: { readonly sid: string; readonly secret: string };
  /**
   * How many accounts have had their data generated so far: `accounts` for the 2010 API,
   * `products` for the product hosts. Data is generated on first use, so an untouched account
   * costs only its SID and auth token.
   */
  readonly generated: { readonly accounts: number; readonly products: number };
  /** The second server next-page links point at when `faults.foreignNextPage` is on. */
  readonly foreign: ForeignServer;
  /** The current simulated `now` (epoch ms); {@link Simulator.mutate} moves it. */
  readonly now: number;
  /** Live request counters. */
  readonly stats: SimulatorStats;
  /** The last 10,000 requests, oldest first (a snapshot). */
  readonly requests: readonly RequestLogEntry[];
  /**
   * The raw records (as served) a complete read of catalog stream `stream` must return, for
   * the main account and all subaccounts (product-host streams: each account's own records, as
   * its own credentials list them, main first; accounts with the product disabled left out;
   * every record has the `account_sid` it belongs to). Usage records: daily rows from each
   * account's creation day to today; alerts: the last 30 days; conferences: every status.
   * Throws for an unknown stream name. Generates every account's data.
   */
  expected(stream: string, options?: ExpectedOptions): Record<string, unknown>[];
  /** Applies a deterministic change between two syncs (see `MutateOptions`). */
  mutate(options?: MutateOptions): MutationSummary;
  /** Replaces the fault settings for the following requests. */
  setFaults(faults: FaultOptions): void;
  /** Clears `stats` and `requests`. */
  resetStats(): void;
  /** Stops both servers. */
  close(): Promise<void>;
}
