/**
 * An adaptive concurrency limit shared by every request of a sync: additive
 * increase while responses are healthy, multiplicative decrease on 429.
 *
 * @module
 */
import { waitInLine } from "./_async.ts";

/** What happened to a request that held a slot. */
export type Outcome = "ok" | "throttled" | "failed";

/**
 * What the HTTP client asks of a limiter: a slot before a request, its
 * release after. A shared limiter ignores the account; one per account uses it.
 */
export interface RequestLimiter {
  acquire(signal?: AbortSignal, account?: string): Promise<void>;
  release(outcome: Outcome, serverInFlight?: number, account?: string): void;
}

/** Options of {@linkcode AdaptiveLimiter}. */
export interface AdaptiveLimiterOptions {
  /** Never more requests in flight than this. */
  max: number;
  /** Where the limit starts (default: min(4, max)). */
  initial?: number;
}

/** AIMD limiter: `acquire()` before a request, `release(outcome)` after it. */
export class AdaptiveLimiter {
  #max: number;
  #limit: number;
  #inFlight = 0;
  #peak = 0;
  #waiters: (() => void)[] = [];
  #releasesSinceDecrease = Infinity;
  #window = 0;

  constructor(options: AdaptiveLimiterOptions) {
    this.#max = Math.max(1, Math.floor(options.max));
    this.#limit = Math.min(this.#max, Math.max(1, options.initial ?? Math.min(4, this.#max)));
  }

  /** The current limit (whole requests). */
  get limit(): number {
    return Math.floor(this.#limit);
  }

  /** Requests holding a slot now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** The most requests ever in flight at once. */
  get peak(): number {
    return this.#peak;
  }

  /** Waits for a free slot. Rejects with the signal's reason when it aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#inFlight < this.limit && this.#waiters.length === 0) {
      this.#take();
      return Promise.resolve();
    }
    return waitInLine(this.#waiters, signal, () => this.#take());
  }

  /**
   * Frees a slot and adapts the limit to how the request went. `serverInFlight`
   * is Twilio's own count of the account's requests in flight
   * (`Twilio-Concurrent-Requests`), when the response had it: when other
   * clients of the account use part of its concurrency, the limit does not grow.
   */
  release(outcome: Outcome, serverInFlight?: number): void {
    this.#inFlight--;
    this.#releasesSinceDecrease++;
    const crowded = serverInFlight !== undefined && serverInFlight > this.limit;
    if (outcome === "ok" && !crowded) {
      this.#limit = Math.min(this.#max, this.#limit + 1 / this.#limit);
    } else if (outcome === "throttled" && this.#releasesSinceDecrease >= this.#window) {
      // One decrease per window of requests: the 429s of requests already in
      // flight when the limit dropped are the same signal, not new ones.
      this.#limit = Math.max(1, this.#limit / 2);
      this.#releasesSinceDecrease = 0;
      this.#window = Math.max(this.#inFlight + 1, this.limit);
    }
    this.#drain();
  }

  #take(): void {
    this.#inFlight++;
    if (this.#inFlight > this.#peak) this.#peak = this.#inFlight;
  }

  #drain(): void {
    while (this.#waiters.length > 0 && this.#inFlight < this.limit) this.#waiters.shift()?.();
  }
}
