/**
 * Concurrency per account under one global bound. Twilio limits concurrent
 * requests per account, so each account has its own adaptive limit (a 429
 * halves that account's limit only), and `max_concurrency` bounds the
 * requests of all accounts together. A request waits for its account's slot
 * first and for a global one second: requests of a throttled account queue
 * on their own limit without holding global slots, so they never stall other
 * accounts' requests.
 *
 * @module
 */
import { AdaptiveLimiter, type Outcome } from "./limiter.ts";
import { Semaphore } from "./_async.ts";

/** Options of {@linkcode AccountLimiter}. */
export interface AccountLimiterOptions {
  /** Requests in flight at most, over every account; also each account's ceiling. */
  max: number;
  /** Where each account's limit starts (default: min(4, max)). */
  initial?: number;
}

/**
 * One {@linkcode AdaptiveLimiter} per account, under a global semaphore.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AccountLimiter } from "./account_limiter.ts";
 * const limiter = new AccountLimiter({ max: 10, initial: 2 });
 * await limiter.acquire(undefined, "AC1");
 * limiter.release("throttled", undefined, "AC1");
 * assert.equal(limiter.of("AC1").limit, 1);
 * assert.equal(limiter.of("AC2").limit, 2);
 * ```
 */
export class AccountLimiter {
  #options: AccountLimiterOptions;
  #global: Semaphore;
  #accounts = new Map<string, AdaptiveLimiter>();
  #inFlight = 0;
  #peak = 0;
  #ceiling: number | undefined;

  constructor(options: AccountLimiterOptions) {
    this.#options = options;
    this.#global = new Semaphore(options.max);
  }

  /**
   * Sets how many requests one account may have in flight, for the
   * accounts' limiters made from now on (each account's limit is adaptive
   * below it). With several accounts, half of `max`: a slow account, whose
   * requests hold their slots long, then never holds every global slot.
   */
  share(accounts: number): void {
    const max = this.#options.max;
    const ceiling = accounts > 1 ? Math.max(1, Math.ceil(max / 2)) : max;
    if (ceiling === this.#ceiling) return;
    this.#ceiling = ceiling;
    for (const [account, limiter] of this.#accounts) {
      if (limiter.inFlight === 0) this.#accounts.delete(account);
    }
  }

  /** Requests holding a slot now, over every account. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** The most requests ever in flight at once. */
  get peak(): number {
    return this.#peak;
  }

  /** The limiter of one account (`""`: requests that name none). */
  of(account: string): AdaptiveLimiter {
    let limiter = this.#accounts.get(account);
    if (!limiter) {
      const max = this.#ceiling ?? this.#options.max;
      limiter = new AdaptiveLimiter({ ...this.#options, max });
      this.#accounts.set(account, limiter);
    }
    return limiter;
  }

  /** Waits for a slot of `account`, then for a global one. */
  async acquire(signal?: AbortSignal, account = ""): Promise<void> {
    const own = this.of(account);
    await own.acquire(signal);
    try {
      await this.#global.acquire(signal);
    } catch (error) {
      own.release("failed");
      throw error;
    }
    this.#inFlight++;
    if (this.#inFlight > this.#peak) this.#peak = this.#inFlight;
  }

  /** Frees both slots; the account's limit adapts to the outcome. */
  release(outcome: Outcome, serverInFlight?: number, account = ""): void {
    this.#inFlight--;
    this.#global.release();
    this.of(account).release(outcome, serverInFlight);
  }
}
