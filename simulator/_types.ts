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
   * Collection sizes by name (see `DEFAULT_COUNTS`): per account for `messages`, `calls` and
   * the other 2010-API lists, global for `alerts` and the other APIs. Unknown names throw.
   */
  readonly counts?: Partial<Record<string, number>>;
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
   * Whether the account has Voice Insights Advanced Features (default true). Without them every
   * `insights` path answers 403 (code 20403) and `expected()` of the Insights streams is empty.
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
  /** An API key of the main account (`SK…` SID and its secret), also accepted for Basic auth. */
  readonly apiKey: { readonly sid: string; readonly secret: string };
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
   * the main account and all subaccounts. Usage records: daily rows from each account's
   * creation day to today; alerts: the last 30 days; conferences: every status. Throws for an
   * unknown stream name.
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
