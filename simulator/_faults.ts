/**
 * Fault injection. Every decision is a function of (seed, the request's identity: method, path
 * and query, and how many times that identity was asked before), never of the order in which
 * concurrent requests arrive: a run with the same seed sees the same faults on the same requests
 * however the machine's load interleaves them. Faults never change data.
 *
 * @module
 */

import { TwilioApiError } from "./_errors.ts";
import { hash32 } from "./_random.ts";

/**
 * Faults to inject; all off by default.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type FaultOptions, startSimulator } from "../mod.ts";
 * const faults: FaultOptions = { rate429: 1, retryAfter: 5 };
 * await using sim = await startSimulator({ faults });
 * const auth = `Basic ${btoa(`${sim.accountSid}:${sim.authToken}`)}`;
 * const response = await fetch(`${sim.url}/api/2010-04-01/Accounts.json`, {
 *   headers: { Authorization: auth },
 * });
 * await response.body?.cancel();
 * assert.equal(response.status, 429);
 * assert.equal(response.headers.get("retry-after"), "5");
 * ```
 */
export interface FaultOptions {
  /** Probability of a 429 (code 20429) with `Retry-After`. */
  readonly rate429?: number;
  /** Probability of a 500 or 503. */
  readonly rate5xx?: number;
  /** Probability of a 200 whose JSON body is cut in the middle. */
  readonly rateTruncated?: number;
  /** Delay before every response (ms). */
  readonly latencyMs?: number;
  /** More requests than this in flight at once answer 429. */
  readonly maxInFlight?: number;
  /**
   * More requests than this in flight at once for one account answer 429 for that account only
   * (Twilio's concurrency limit is per account). The account of a request is the `{AccountSid}`
   * of its path on the 2010 API, the account its credentials authenticate as elsewhere.
   */
  readonly maxInFlightPerAccount?: number;
  /**
   * Extra delay (ms) before every response of some accounts, added to `latencyMs`; keys are an
   * account index as a string (`"0"` is the main account) or an account SID.
   */
  readonly latencyMsByAccount?: Readonly<Record<string, number>>;
  /** Next-page links point at the foreign server instead of the simulator. */
  readonly foreignNextPage?: boolean;
  /** `Retry-After` of a 429, in seconds (default 1, may be 0). */
  readonly retryAfter?: number;
  /** Send `Retry-After` as an HTTP date instead of seconds. */
  readonly retryAfterHttpDate?: boolean;
  /**
   * Most faults (429, 5xx, cut bodies) one request identity gets in a row; the next time it
   * is asked it succeeds (default 5). Below the connector's default `max_retries` of 8, so
   * that a sync under faults never gives up by chance, whatever the seed and the requests.
   * `Infinity` for an outage that never ends.
   */
  readonly maxFaultsInARow?: number;
}

/** What to do with one request. */
export type Fault = "none" | "429" | "500" | "503" | "truncated";

/** One fault decision: what to do, and the draw it came from (for the cut of a body). */
export interface FaultRoll {
  readonly fault: Fault;
  /** A number fixed by (seed, request identity, how often it was asked). */
  readonly draw: number;
}

/** The fault for the `nth` (0-based) time that request `identity` is asked. */
export function decideFault(
  seed: number,
  identity: string,
  nth: number,
  options: FaultOptions,
): Fault {
  const roll = hash32(seed, "fault", identity, nth) / 4294967296;
  const r429 = options.rate429 ?? 0;
  const r5xx = options.rate5xx ?? 0;
  const rCut = options.rateTruncated ?? 0;
  if (roll < r429) return "429";
  if (roll < r429 + r5xx) return hash32(seed, "5xx", identity, nth) % 2 === 0 ? "500" : "503";
  if (roll < r429 + r5xx + rCut) return "truncated";
  return "none";
}

/**
 * The faults of one simulator: counts how often each request identity was asked and how many
 * faults in a row it got, so that each decision depends on that identity's own history only.
 */
export class FaultDice {
  #seed: number;
  #asked = new Map<string, { nth: number; inARow: number }>();

  constructor(seed: number) {
    this.#seed = seed;
  }

  /** The fault for the next time `identity` (method, path and query) is asked. */
  roll(identity: string, options: FaultOptions): FaultRoll {
    const seen = this.#asked.get(identity) ?? { nth: 0, inARow: 0 };
    const cap = options.maxFaultsInARow ?? 5;
    const fault = seen.inARow >= cap
      ? "none"
      : decideFault(this.#seed, identity, seen.nth, options);
    this.#asked.set(identity, {
      nth: seen.nth + 1,
      inARow: fault === "none" ? 0 : seen.inARow + 1,
    });
    return { fault, draw: hash32(this.#seed, "cut", identity, seen.nth) };
  }
}

/** Twilio's 429, with `Retry-After` in seconds or as an HTTP date. */
export function tooManyRequests(options: FaultOptions): TwilioApiError {
  const seconds = Math.max(0, options.retryAfter ?? 1);
  const value = options.retryAfterHttpDate
    ? new Date(Date.now() + seconds * 1000).toUTCString()
    : String(seconds);
  return new TwilioApiError(429, 20429, "Too Many Requests", { "Retry-After": value });
}

/** A 500 or 503 with Twilio's error body. */
export function serverError(status: 500 | 503): TwilioApiError {
  return status === 500
    ? new TwilioApiError(500, 20500, "Internal Server Error")
    : new TwilioApiError(503, 20503, "Service Unavailable");
}

/** The first part of a body, cut somewhere in its middle third (`draw` says where). */
export function truncate(body: string, draw: number): string {
  const third = Math.max(1, Math.floor(body.length / 3));
  return body.slice(0, third + (draw % third));
}
