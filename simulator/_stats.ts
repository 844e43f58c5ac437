/**
 * Request statistics and the bounded request log.
 *
 * @module
 */

/**
 * One served request (the Authorization value is never stored).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type RequestLogEntry, startSimulator } from "../mod.ts";
 * await using sim = await startSimulator();
 * await (await fetch(`${sim.url}/api/2010-04-01/Accounts.json?PageSize=1`)).body?.cancel();
 * const entry: RequestLogEntry | undefined = sim.requests[0];
 * assert.deepEqual(entry, {
 *   method: "GET",
 *   path: "/api/2010-04-01/Accounts.json",
 *   query: "PageSize=1",
 *   status: 401,
 *   auth: false,
 * });
 * ```
 */
export interface RequestLogEntry {
  /** HTTP method. */
  readonly method: string;
  /** Path as requested, product prefix included (`/api/2010-04-01/...`). */
  readonly path: string;
  /** Query string without the leading `?`. */
  readonly query: string;
  /** Response status. */
  readonly status: number;
  /** Whether the request carried an `Authorization` header. */
  readonly auth: boolean;
}

/**
 * Counters of the requests served since start or the last reset.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type SimulatorStats, startSimulator } from "../mod.ts";
 * await using sim = await startSimulator();
 * await (await fetch(`${sim.url}/api/2010-04-01/Accounts.json`)).body?.cancel();
 * const stats: SimulatorStats = sim.stats;
 * assert.equal(stats.requests, 1);
 * assert.equal(stats.status.get(401), 1);
 * assert.equal(stats.byPath.get("/api/2010-04-01/Accounts.json"), 1);
 * ```
 */
export interface SimulatorStats {
  /** Requests received. */
  readonly requests: number;
  /** Requests per path (product prefix included, no query). */
  readonly byPath: Map<string, number>;
  /** Highest number of requests in flight at once. */
  readonly maxInFlight: number;
  /** Responses per HTTP status. */
  readonly status: Map<number, number>;
  /**
   * Authenticated requests per account SID: the account of the path on the 2010 API, the
   * account the credentials authenticate as on the product hosts.
   */
  readonly byAccount: Map<string, number>;
  /** Highest number of requests in flight at once per account SID. */
  readonly maxInFlightByAccount: Map<string, number>;
  /** Authenticated requests on the product hosts (not the 2010 API) per account SID. */
  readonly productByAccount: Map<string, number>;
}

/** How many log entries are kept. */
export const LOG_LIMIT = 10_000;

/** Mutable counters behind {@link SimulatorStats}. */
export class StatsRecorder implements SimulatorStats {
  requests = 0;
  maxInFlight = 0;
  readonly byPath = new Map<string, number>();
  readonly status = new Map<number, number>();
  readonly byAccount = new Map<string, number>();
  readonly maxInFlightByAccount = new Map<string, number>();
  readonly productByAccount = new Map<string, number>();
  #inFlight = 0;
  readonly #inFlightByAccount = new Map<string, number>();
  #ring: RequestLogEntry[] = [];
  #next = 0;

  /** Counts an arriving request; returns the number in flight including it. */
  begin(path: string): number {
    this.requests++;
    this.byPath.set(path, (this.byPath.get(path) ?? 0) + 1);
    this.#inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.#inFlight);
    return this.#inFlight;
  }

  /**
   * Counts an arriving request of account `sid` (on a product host or not); returns that
   * account's number in flight.
   */
  beginAccount(sid: string, product: boolean): number {
    this.byAccount.set(sid, (this.byAccount.get(sid) ?? 0) + 1);
    if (product) this.productByAccount.set(sid, (this.productByAccount.get(sid) ?? 0) + 1);
    const inFlight = (this.#inFlightByAccount.get(sid) ?? 0) + 1;
    this.#inFlightByAccount.set(sid, inFlight);
    this.maxInFlightByAccount.set(sid, Math.max(this.maxInFlightByAccount.get(sid) ?? 0, inFlight));
    return inFlight;
  }

  /** Counts a finished request of account `sid`. */
  endAccount(sid: string): void {
    const inFlight = (this.#inFlightByAccount.get(sid) ?? 1) - 1;
    if (inFlight > 0) this.#inFlightByAccount.set(sid, inFlight);
    else this.#inFlightByAccount.delete(sid);
  }

  /** Counts a finished request. */
  end(entry: RequestLogEntry): void {
    this.#inFlight--;
    this.status.set(entry.status, (this.status.get(entry.status) ?? 0) + 1);
    if (this.#ring.length < LOG_LIMIT) {
      this.#ring.push(entry);
    } else {
      this.#ring[this.#next] = entry;
      this.#next = (this.#next + 1) % LOG_LIMIT;
    }
  }

  /** The log, oldest first. */
  log(): RequestLogEntry[] {
    return [...this.#ring.slice(this.#next), ...this.#ring.slice(0, this.#next)];
  }

  /** Clears counters and log (requests in flight stay counted). */
  reset(): void {
    this.requests = 0;
    this.maxInFlight = this.#inFlight;
    this.byPath.clear();
    this.status.clear();
    this.byAccount.clear();
    this.maxInFlightByAccount.clear();
    this.productByAccount.clear();
    for (const [sid, n] of this.#inFlightByAccount) this.maxInFlightByAccount.set(sid, n);
    this.#ring = [];
    this.#next = 0;
  }
}
