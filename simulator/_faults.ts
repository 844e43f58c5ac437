/**
 * Fault injection. Every decision is a function of (seed, request sequence number), so a run
 * with the same seed and the same request order sees the same faults; faults never change data.
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
}

/** What to do with one request. */
export type Fault = "none" | "429" | "500" | "503" | "truncated";

/** The fault for request number `sequence`. */
export function decideFault(seed: number, sequence: number, options: FaultOptions): Fault {
  const roll = hash32(seed, "fault", sequence) / 4294967296;
  const r429 = options.rate429 ?? 0;
  const r5xx = options.rate5xx ?? 0;
  const rCut = options.rateTruncated ?? 0;
  if (roll < r429) return "429";
  if (roll < r429 + r5xx) return hash32(seed, "5xx", sequence) % 2 === 0 ? "500" : "503";
  if (roll < r429 + r5xx + rCut) return "truncated";
  return "none";
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

/** The first part of a body, cut somewhere in its middle third. */
export function truncate(body: string, seed: number, sequence: number): string {
  const third = Math.max(1, Math.floor(body.length / 3));
  return body.slice(0, third + (hash32(seed, "cut", sequence) % third));
}
